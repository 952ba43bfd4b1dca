"""Draft annotation files: graph/annotations/<source>/p<NN>.yaml in the curated format, with
`review: draft`, one evidence per sentence that holds a proposal.

A file whose review state is not `draft` belongs to a curator: it is never overwritten or
rewritten, and the run says which files it skipped. Ids are stable for the same text and
lexicon, and never collide with curated ones: six digits where curators use four, the
paragraph's three and the item's three (003-e002001 is paragraph 2's first evidence; -c claims,
-m mentions, -v figures and dates).

Every proposal carries `reason`: the rule that made it and the words that matched (and for a
date, the anchor its context came from; for a figure, its reading), as data, so the curator's
workbench can show and filter them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongyun.graph import yamlfile
from gongyun.graph.annotations import review_state
from gongyun.graph.draft.draft import Draft, NewEntity
from gongyun.graph.draft.figures import Figure
from gongyun.graph.draft.mentions import Mention
from gongyun.graph.draft.skeletons import NewEvent, Proposal
from gongyun.graph.evidence import QuoteError, locate_in
from gongyun.namespaces import draft_item_id

CURATOR = "gongyun draft"


@dataclass
class Written:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # a curator's files, left as they are
    removed: list[Path] = field(default_factory=list)  # old drafts of paragraphs with nothing
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def _reading_of(figure: Figure) -> dict[str, Any]:
    if figure.quantity is not None:
        q = figure.quantity
        return {"value": _num(q.value), "lower": _num(q.lower), "upper": _num(q.upper),
                "qualifier": q.qualifier, "unit": q.unit}
    if figure.window is not None:
        w = figure.window
        return {"earliest": w.earliest.isoformat(), "latest": w.latest.isoformat(),
                "precision": w.precision, "edtf": w.edtf}
    return {}


def _num(x: object) -> str | None:
    return None if x is None else str(x)


def _figure_entry(ident: str, figure: Figure, paragraph_of) -> dict[str, Any]:  # noqa: ANN001
    entry: dict[str, Any] = {"id": ident, figure.kind: figure.words}
    if figure.context:
        entry["context"] = figure.context
    reason: dict[str, Any] = {"rule": f"figure/{figure.kind}" if figure.parsed
                              else f"figure/{figure.kind}-unread", "matched": figure.words}
    if figure.part:
        reason["part"] = f"the {figure.part} of a period"
    if figure.anchor:
        reason["anchor"] = figure.anchor
        reason["anchor_paragraph"] = paragraph_of(figure.anchor_start)
    if figure.parsed:
        reason["reading"] = _reading_of(figure)
    else:
        reason["error"] = figure.error
    entry["reason"] = reason
    return entry


def _mention_entry(ident: str, mention: Mention) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": ident}
    if mention.ambiguous:
        entry["candidates"] = list(mention.candidates)
    else:
        entry["o"] = mention.candidates[0]
    entry["as"] = mention.text
    reason: dict[str, Any] = {"rule": mention.rule,
                              "matched": sorted({s.name for s in mention.surfaces})[0]}
    if mention.nested:
        reason["inside"] = "a longer name"
    entry["reason"] = reason
    return entry


def _claim_entry(ident: str, p: Proposal) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": ident, "s": p.s, "p": p.p, p.key: p.value}
    for key in ("context", "as", "position", "completeness"):
        if key in p.extra:
            entry[key] = p.extra[key]
    entry["reason"] = {"rule": p.rule, "matched": p.matched}
    return entry


def _entity_entry(entity: NewEntity) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": entity.id, "class": entity.cls, "zh": entity.zh,
                             "pinyin": entity.pinyin}
    reason: dict[str, Any] = {"rule": entity.rule, "matched": entity.matched}
    if entity.geonames:
        reason["geonames"] = entity.geonames
    entry["reason"] = reason
    return entry


def _event_entry(event: NewEvent, rule: str) -> dict[str, Any]:
    return {"id": event.id, "class": event.cls, "zh": event.zh, "named": False,
            "reason": {"rule": rule, "matched": event.zh}}


def _prefix(paragraph: str, offset: int, quote: str) -> str:
    """The fewest words before the quote that make it unique in its paragraph."""
    for width in range(1, offset + 1):
        prefix = paragraph[offset - width:offset]
        hits = [i for i in range(len(paragraph)) if paragraph.startswith(quote, i)
                and paragraph[:i].endswith(prefix)]
        if len(hits) == 1:
            return prefix
    return paragraph[:offset]


def paragraph_documents(draft: Draft, skip: set[int] | frozenset[int] = frozenset()
                        ) -> dict[int, dict[str, Any]]:
    """The draft as one annotation document per paragraph that has a proposal (paragraphs in
    `skip` belong to a curator: nothing is proposed there, and a new thing first met there is
    declared where it is next proposed)."""
    source = draft.source
    ids_of_new = {(e.zh, e.cls): e.id for e in draft.entities.values()}
    declared: set[str] = set()
    docs: dict[int, dict[str, Any]] = {}
    counters: dict[tuple[int, str], int] = defaultdict(int)

    def next_id(paragraph: int, letter: str) -> str:
        counters[(paragraph, letter)] += 1
        return draft_item_id(source.id, letter, paragraph, counters[(paragraph, letter)])

    for sentence in draft.sentences:
        mentions = [m for m in draft.mentions if sentence.start <= m.start < sentence.end]
        news = [n for n in draft.new_names if sentence.start <= n.start < sentence.end]
        figures = [f for f in draft.figures if sentence.start <= f.start < sentence.end]
        if not (mentions or news or figures or sentence.proposals):
            continue
        p = sentence.paragraph
        if p in skip:
            continue
        doc = docs.setdefault(p, {"source": source.id, "paragraph": p, "curator": CURATOR,
                                  "review": "draft", "entities": [], "evidence": []})
        paragraph = source.paragraphs[p - 1]
        para_start = source.paragraph_start(p)
        evidence: dict[str, Any] = {"id": next_id(p, "e"), "quote": sentence.text}
        try:
            locate_in(source, p, sentence.text)
        except QuoteError:
            # The same sentence twice in a paragraph: the words before it make it unique.
            evidence["prefix"] = _prefix(paragraph, sentence.start - para_start, sentence.text)
        items = [(m.start, "m", m) for m in mentions] + [(n.start, "n", n) for n in news]
        entries = []
        for _, kind, item in sorted(items, key=lambda x: (x[0], x[1])):
            if kind == "m":
                entries.append(_mention_entry(next_id(p, "m"), item))
                continue
            entity_id = ids_of_new[(item.zh, item.cls)]
            if entity_id not in declared:
                declared.add(entity_id)
                doc["entities"].append(_entity_entry(draft.entities[entity_id]))
            entries.append({"id": next_id(p, "m"), "o": entity_id, "as": item.zh,
                            "reason": {"rule": item.rule, "matched": item.matched}})
        if entries:
            evidence["mentions"] = entries
        used = {(pr.key, pr.value) for pr in sentence.proposals}
        values = [_figure_entry(next_id(p, "v"), f, source.paragraph_of) for f in figures
                  if (f.kind, f.words) not in used]
        if values:
            evidence["values"] = values
        rules = {pr.s: pr.rule for pr in sentence.proposals}
        for event in sentence.events:
            if event.id not in declared:
                declared.add(event.id)
                doc["entities"].append(_event_entry(event, rules.get(event.id, "skeleton")))
        if sentence.proposals:
            evidence["claims"] = [_claim_entry(next_id(p, "c"), pr) for pr in sentence.proposals]
        doc["evidence"].append(evidence)
    for doc in docs.values():
        if not doc["entities"]:
            del doc["entities"]
    return docs


HEADER = ("# Drafted by `gongyun draft`: every item is a proposal with its reason. A curator\n"
          "# accepts, corrects or deletes each one, then sets review: checked (see\n"
          "# graph/ANNOTATING.md, 'Draft files'). Re-drafting rewrites only draft files.\n")


def write_draft(draft: Draft, folder: Path) -> Written:
    """Write the draft's files into `folder` (graph/annotations/<source>), never over a file a
    curator owns; old draft files of paragraphs that now have nothing are removed."""
    result = Written()
    curated = {int(p.stem[1:]) for p in folder.glob("p*.yaml")
               if p.stem[1:].isdigit() and review_state(p) != "draft"} if folder.exists() else set()
    result.skipped = [folder / f"p{n:02d}.yaml" for n in sorted(curated)]
    docs = paragraph_documents(draft, curated)
    folder.mkdir(parents=True, exist_ok=True)
    for number, doc in sorted(docs.items()):
        path = folder / f"p{number:02d}.yaml"
        yamlfile.write_new(path, doc, header=HEADER)
        result.written.append(path)
        for ev in doc["evidence"]:
            for key in ("mentions", "values", "claims"):
                result.counts[key] += len(ev.get(key, []))
        result.counts["entities"] += len(doc.get("entities", []))
        result.counts["evidence"] += len(doc["evidence"])
    for path in sorted(folder.glob("p*.yaml")) if folder.exists() else []:
        number = int(path.stem[1:]) if path.stem[1:].isdigit() else None
        if number not in docs and review_state(path) == "draft":
            path.unlink()
            result.removed.append(path)
    return result

