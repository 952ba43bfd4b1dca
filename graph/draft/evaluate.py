"""`gongyun draft --evaluate`: leave one text out, draft it from what the other two texts know,
and score the draft against its curated annotation (definitions in docs/drafting.md)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gongyun.graph.draft.gold import Gold, full_names
from gongyun.graph.draft.lexicon import Knowledge
from gongyun.normalise.chinese import fold
from gongyun.normalise.dates import parse_date
from gongyun.normalise.numbers import parse_quantity


@dataclass
class Score:
    """Recall = found / gold; precision = right / proposed."""

    gold: int = 0
    found: int = 0
    proposed: int = 0
    right: int = 0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.found += other.found
        self.proposed += other.proposed
        self.right += other.right

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.right / self.proposed if self.proposed else None


# --- known-entity mentions ---------------------------------------------------------------------

def gold_mentions(gold: Gold, known: Knowledge, full: Knowledge) -> set[tuple[int, str]]:
    """(paragraph, entity): an entity the other texts know, which the curated annotation of the
    paragraph refers to, and whose name (any the curated graph gives it, or the form a claim
    writes) stands in the paragraph."""
    out = set()
    for paragraph, ids in gold.referenced.items():
        text = fold(gold.paragraph_text(paragraph))
        for entity_id in ids & set(known.entities):
            names = full_names(full, gold, entity_id)
            if any(len(n) >= 2 and fold(n) in text for n in names):
                out.add((paragraph, entity_id))
    return out


def score_mentions(gold: Gold, gold_pairs: set[tuple[int, str]],
                   proposed: Iterable[tuple[int, tuple[str, ...]]]) -> Score:
    """`proposed`: (paragraph, candidates) per draft mention of a known thing."""
    proposed = list(proposed)
    score = Score(gold=len(gold_pairs), proposed=len(proposed))
    covered: set[tuple[int, str]] = set()
    for paragraph, candidates in proposed:
        hit = [c for c in candidates if c in gold.referenced.get(paragraph, set())]
        if hit:
            score.right += 1
            covered.update((paragraph, c) for c in hit)
    score.found = len(gold_pairs & covered)
    return score


# --- figures and dates -------------------------------------------------------------------------

@dataclass(frozen=True)
class GoldValue:
    paragraph: int
    start: int
    end: int
    words: str
    kind: str  # quantity | date
    reading: tuple


def quantity_reading(q) -> tuple:  # noqa: ANN001 - a ParsedQuantity
    return ("quantity", q.value, q.lower, q.upper, q.qualifier, q.unit)


def window_reading(w) -> tuple:  # noqa: ANN001 - a Window
    return ("date", w.earliest, w.latest, w.precision)


def _date_specs(data: dict) -> Iterable[tuple[str, str | None]]:
    if "date" in data:
        yield str(data["date"]), data.get("context")
    for key in ("as_of", "from", "until"):
        spec = data.get(key)
        if isinstance(spec, dict) and spec.get("date"):
            yield str(spec["date"]), spec.get("context")


def gold_values(gold: Gold) -> list[GoldValue]:
    """Every quantity and date words of the curated claims, located and read as the build reads
    them (the unit a curator supplies where the words carry none is not expected of a draft)."""
    seen: dict[tuple[int, str], GoldValue] = {}
    for gc in gold.claims:
        data = gc.claim.data
        items: list[tuple[str, str, tuple]] = []
        if "quantity" in data:
            words = str(data["quantity"])
            with contextlib.suppress(ValueError):
                items.append((words, "quantity", quantity_reading(parse_quantity(words))))
        for words, context in _date_specs(data):
            with contextlib.suppress(ValueError):
                items.append((words, "date", window_reading(parse_date(words, context))))
        for words, kind, reading in items:
            offset = gc.quote.find(words)
            if offset < 0:
                continue
            start = gc.start + offset
            seen.setdefault((start, words), GoldValue(gc.paragraph, start, start + len(words),
                                                      words, kind, reading))
    return list(seen.values())


def score_values(values: list[GoldValue], proposed: Iterable[tuple[int, int, tuple]]) -> Score:
    """`proposed`: (start, end, reading) of each draft figure or date that parsed."""
    proposed = list(proposed)
    score = Score(gold=len(values), proposed=len(proposed))
    for value in values:
        if any(a < value.end and value.start < b and reading == value.reading
               for a, b, reading in proposed):
            score.found += 1
    score.right = score.found
    return score




# --- new named entities ------------------------------------------------------------------------

# Classes the new-entity score counts, and the classes a draft class is right for: the shape of
# a name tells an organisation from an armed unit, not an organisation from one of its units, nor
# an enterprise from its works.
FAMILIES: dict[str, set[str]] = {
    "Organization": {"Organization", "OrganizationalUnit"},
    "OrganizationalUnit": {"Organization", "OrganizationalUnit"},
    "ArmedUnit": {"ArmedUnit"},
    "Enterprise": {"Enterprise", "Facility"},
    "Facility": {"Facility", "Enterprise"},
    "RailwayLine": {"RailwayLine", "RailwaySection", "TransportRoute", "Road"},
    "RailwaySection": {"RailwaySection", "RailwayLine"},
    "Road": {"Road", "RailwayLine", "TransportRoute"},
    "Place": {"Place"},
}
NEW_CLASSES = set(FAMILIES)


def gold_new_entities(gold: Gold, known: Knowledge, full: Knowledge
                      ) -> dict[str, tuple[set[str], set[str]]]:
    """Named organisations, armed units, enterprises, facilities, lines and places the text's
    curated claims refer to and the other texts do not know: id -> (classes, folded names)."""
    out = {}
    for entity_id in set().union(*gold.referenced.values()) if gold.referenced else set():
        if entity_id in known.entities or entity_id not in full.entities:
            continue
        classes = set(full.entities[entity_id].classes)
        if classes & NEW_CLASSES:
            out[entity_id] = (classes, {fold(n) for n in full_names(full, gold, entity_id)})
    return out


def align_new(draft_entities: Iterable, gold_new: dict[str, tuple[set[str], set[str]]]
              ) -> dict[str, set[str]]:
    """Draft id -> the gold ids that bear its name (抗敌后援会 names several bodies)."""
    out: dict[str, set[str]] = {}
    for entity in draft_entities:
        key = fold(entity.zh)
        hits = {gold_id for gold_id, (_, names) in gold_new.items() if key in names}
        if hits:
            out[entity.id] = hits
    return out


def score_new(draft_entities: list, gold_new: dict[str, tuple[set[str], set[str]]]) -> Score:
    aligned = align_new(draft_entities, gold_new)
    score = Score(gold=len(gold_new), proposed=len(draft_entities), right=len(aligned))
    found = {gold_id for draft_id, gold_ids in aligned.items() for gold_id in gold_ids
             if gold_new[gold_id][0] & FAMILIES.get(_class_of(draft_entities, draft_id), set())}
    score.found = len(found)
    return score


def _class_of(entities: list, entity_id: str) -> str:
    return next(e.cls for e in entities if e.id == entity_id)


# --- claim skeletons ---------------------------------------------------------------------------

EVENT_CLASSES = {"Founding", "Renaming", "Relocation", "RelocationLeg", "Sabotage", "Enlistment",
                 "Occupation", "Liberation", "Event", "Meeting"}


@dataclass(frozen=True)
class Kind:
    name: str
    target: float | None  # the recall target of the issue, where it sets one
    gold: object  # (claim data, subject classes) -> bool
    draft: object  # Proposal -> bool


def _subject_is(classes: set[str], *wanted: str) -> bool:
    return bool(classes & set(wanted))


KINDS = (
    Kind("founding", 0.5,
         lambda d, c: d.get("p") == "founds" or (
             d.get("p") in ("occurredWithin", "tookPlaceAt") and _subject_is(c, "Founding")),
         lambda p: p.kind == "founding" or p.p == "founds"),
    Kind("renaming", 0.5, lambda d, c: d.get("p") in ("renames", "oldName", "newName"),
         lambda p: p.kind == "renaming"),
    Kind("lists", 0.5, lambda d, c: "position" in d, lambda p: "position" in p.extra),
    Kind("counts", 0.5,
         lambda d, c: d.get("p") in ("size", "count", "participantCount") and "quantity" in d,
         lambda p: p.kind == "count"),
    Kind("relocation destinations", 0.5, lambda d, c: d.get("p") == "destination",
         lambda p: p.p == "destination"),
    Kind("sabotage targets", None,
         lambda d, c: d.get("p") == "target" and _subject_is(c, "Sabotage"),
         lambda p: p.kind == "sabotage" and p.p == "target"),
    Kind("enlistment", None,
         lambda d, c: d.get("p") == "target" and _subject_is(c, "Enlistment"),
         lambda p: p.kind == "enlistment"),
    Kind("occupation and liberation", None,
         lambda d, c: d.get("p") == "target" and _subject_is(c, "Occupation", "Liberation"),
         lambda p: p.kind in ("occupation", "liberation") and p.p == "target"),
    Kind("membership and subordination", None,
         lambda d, c: d.get("p") in ("memberOf", "subOrganizationOf") and "position" not in d,
         lambda p: p.p in ("memberOf", "subOrganizationOf") and "position" not in p.extra),
)


def _same(draft_id: str, gold_id: str, aligned: dict[str, set[str]]) -> bool:
    return draft_id == gold_id or gold_id in aligned.get(draft_id, set())


def _value_matches(proposal, gold_claim, aligned: dict[str, set[str]]) -> bool:  # noqa: ANN001
    data = gold_claim.claim.data
    if "o" in data:
        return proposal.key == "o" and _same(proposal.value, str(data["o"]), aligned)
    if "quantity" in data and proposal.key == "quantity":
        with contextlib.suppress(ValueError):
            return (quantity_reading(parse_quantity(proposal.value))
                    == quantity_reading(parse_quantity(str(data["quantity"]))))
        return False
    if "date" in data and proposal.key == "date":
        with contextlib.suppress(ValueError):
            return (window_reading(parse_date(proposal.value, proposal.extra.get("context")))
                    == window_reading(parse_date(str(data["date"]), data.get("context"))))
        return False
    if "text" in data and proposal.key == "text":
        return fold(proposal.value) == fold(str(data["text"]))
    return False


def claim_matches(proposal, gold_claim, aligned: dict[str, set[str]],
                  gold_classes: dict[str, set],
                  source: str) -> bool:  # noqa: ANN001
    """Same predicate, same object (entity or value), same subject: a named subject must be the
    same thing; an event or unnamed subject (which a draft cannot name as the curator did) is
    any the draft minted in a sentence that overlaps the curated evidence."""
    data = gold_claim.claim.data
    if proposal.p != data.get("p") or not _value_matches(proposal, gold_claim, aligned):
        return False
    if "position" in data and proposal.extra.get("position") != data["position"]:
        return False
    subject = str(data.get("s"))
    classes = gold_classes.get(subject, set())
    if _same(proposal.s, subject, aligned):
        return True
    loose = bool(classes & EVENT_CLASSES) or subject in gold_classes.get("_unnamed", set())
    minted = proposal.s.startswith((f"event/{source}-p", f"group/{source}-p",
                                    f"set/{source}-p"))
    return (loose and minted
            and proposal.start < gold_claim.end and gold_claim.start < proposal.end)


def score_kind(kind: Kind, proposals: list, gold: Gold, aligned: dict[str, set[str]],
               gold_classes: dict[str, set]) -> Score:
    golds = [g for g in gold.claims if kind.gold(g.claim.data,
                                                 gold_classes.get(g.claim.subject, set()))]
    drafts = [p for p in proposals if kind.draft(p)]
    score = Score(gold=len(golds), proposed=len(drafts))
    score.found = sum(any(claim_matches(p, g, aligned, gold_classes, gold.source.id)
                          for p in drafts) for g in golds)
    score.right = sum(any(claim_matches(p, g, aligned, gold_classes, gold.source.id)
                          for g in golds) for p in drafts)
    return score


def gold_classes_of(gold: Gold, full: Knowledge) -> dict[str, set]:
    classes: dict[str, set] = {}
    for entity in list(full.declared.entities.values()) + list(gold.entities.values()):
        classes[entity.id] = set(entity.classes)
        if not entity.named:
            classes.setdefault("_unnamed", set()).add(entity.id)
    return classes


# --- the whole evaluation ----------------------------------------------------------------------

@dataclass
class Result:
    """The scores of one held-out text (or their sum)."""

    source: str
    mentions: Score
    mentions_places: Score
    new: Score
    values: Score
    kinds: dict[str, Score]
    effort_claims: Score
    effort_entities: Score
    seconds: tuple[float, float]  # wall, CPU
    characters: int

    def add(self, other: Result) -> None:
        for mine, theirs in ((self.mentions, other.mentions),
                             (self.mentions_places, other.mentions_places),
                             (self.new, other.new), (self.values, other.values),
                             (self.effort_claims, other.effort_claims),
                             (self.effort_entities, other.effort_entities)):
            mine.add(theirs)
        for name, score in other.kinds.items():
            self.kinds.setdefault(name, Score()).add(score)
        self.seconds = (self.seconds[0] + other.seconds[0], self.seconds[1] + other.seconds[1])
        self.characters += other.characters


def evaluate_source(source, graph_dir: Path, full: Knowledge) -> Result:  # noqa: ANN001
    """Draft `source` from what the other texts know and score it against its curation."""
    import time

    from gongyun.graph.draft.draft import draft_text
    from gongyun.graph.draft.gold import load_gold
    from gongyun.graph.draft.lexicon import Lexicon, load_knowledge
    from gongyun.graph.draft.tokens import tokens

    known = load_knowledge(graph_dir, leave_out=source.id)
    lexicon = Lexicon(known)
    tokens("")  # jieba's dictionary loads once per process, not per text
    started, cpu = time.perf_counter(), time.process_time()
    draft = draft_text(source, lexicon)
    seconds = (time.perf_counter() - started, time.process_time() - cpu)
    gold = load_gold(source, graph_dir)

    pairs = gold_mentions(gold, known, full)
    proposed = [(source.paragraph_of(m.start), m.candidates) for m in draft.mentions]
    mentions = score_mentions(gold, pairs, proposed)
    places = {i for i, k in known.entities.items() if "Place" in k.classes}
    mentions_places = score_mentions(
        gold, {pr for pr in pairs if pr[1] in places},
        [pr for pr in proposed if set(pr[1]) <= places])

    gold_new = gold_new_entities(gold, known, full)
    new_entities = list(draft.entities.values())
    new = score_new(new_entities, gold_new)

    values = score_values(gold_values(gold), [
        (f.start, f.end, quantity_reading(f.quantity) if f.quantity else window_reading(f.window))
        for f in draft.figures if f.parsed])

    aligned = align_new(new_entities, gold_new)
    classes = gold_classes_of(gold, full)
    proposals = [p for s in draft.sentences for p in s.proposals]
    kinds = {k.name: score_kind(k, proposals, gold, aligned, classes) for k in KINDS}

    held = sum(any(claim_matches(p, g, aligned, classes, source.id) for p in proposals)
               for g in gold.claims)
    effort_claims = Score(gold=len(gold.claims), found=held)
    named_gold = {i for ids in gold.referenced.values() for i in ids
                  if i in full.entities}
    found_entities = ({c for _, cands in proposed for c in cands}
                      | {g for ids in aligned.values() for g in ids})
    effort_entities = Score(gold=len(named_gold), found=len(named_gold & found_entities))
    return Result(source.id, mentions, mentions_places, new, values, kinds, effort_claims,
                  effort_entities, seconds, len(source.text))


def evaluate(graph_dir: Path, sources: Iterable[str] = ("000", "001", "002")) -> list[Result]:
    from gongyun.graph.draft.lexicon import load_knowledge
    from gongyun.graph.problems import Problems
    from gongyun.graph.sources import load_sources

    texts = load_sources(Problems(), graph_dir / "sources.yaml")
    full = load_knowledge(graph_dir)
    results = [evaluate_source(texts[s], graph_dir, full) for s in sources]
    total = Result("all", Score(), Score(), Score(), Score(), {}, Score(), Score(), (0.0, 0.0),
                   0)
    for result in results:
        total.add(result)
    return [*results, total]


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


def _cell(score: Score, precision: bool = True) -> str:
    recall = f"{_pct(score.recall)} ({score.found}/{score.gold})"
    if not precision:
        return recall
    return f"{recall}; P {_pct(score.precision)} ({score.right}/{score.proposed})"


def _verdict(value: float | None, target: float | None) -> str:
    if target is None or value is None:
        return ""
    return "met" if value >= target else "**missed**"


def table(results: list[Result]) -> str:
    """The evaluation as one Markdown table: a row per measure, a column per held-out text."""
    names = [r.source for r in results]
    total = results[-1]
    rows = [
        ("known-entity mentions: recall; precision (target R ≥ 95 % at P ≥ 90 %)",
         [_cell(r.mentions) for r in results],
         "met" if (total.mentions.recall or 0) >= 0.95 and (total.mentions.precision or 0) >= 0.9
         else "**missed**"),
        ("… of which gazetteer places", [_cell(r.mentions_places) for r in results], ""),
        ("new named entities, class right: recall; precision (target R ≥ 70 %)",
         [_cell(r.new) for r in results], _verdict(total.new.recall, 0.70)),
        ("figures and dates parsed exactly (target ≥ 95 %)",
         [_cell(r.values, precision=False) for r in results],
         _verdict(total.values.recall, 0.95)),
    ]
    for kind in KINDS:
        target = f" (target R ≥ {kind.target:.0%})" if kind.target else ""
        rows.append((f"claim skeletons, {kind.name}: recall; precision{target}",
                     [_cell(r.kinds[kind.name]) for r in results],
                     _verdict(total.kinds[kind.name].recall, kind.target)))
    rows.append(("curator effort: curated claims the draft holds",
                 [_cell(r.effort_claims, precision=False) for r in results], ""))
    rows.append(("curator effort: named things the draft finds",
                 [_cell(r.effort_entities, precision=False) for r in results], ""))
    rows.append(("drafting time, wall / CPU (characters; jieba loaded)",
                 [f"{r.seconds[0]:.2f} / {r.seconds[1]:.2f} s ({r.characters:,})"
                  for r in results], ""))
    header = "| measure | " + " | ".join(f"held out {n}" if n != "all" else "all three"
                                           for n in names) + " | target |"
    lines = [header, "|" + " --- |" * (len(names) + 2)]
    for label, cells, verdict in rows:
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {verdict} |")
    return "\n".join(lines)
