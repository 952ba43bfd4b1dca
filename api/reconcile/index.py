"""The reconciliation index: every reconcilable entity with its names in the forms archives
write, built once from the label index the store directory holds (gongyun.api.search, the index
/api/search reads), so it works over the embedded store and over an external SPARQL engine alike
and reads no label from the engine.

Scores (0-100) say how a candidate matched:

| score | how |
| --- | --- |
| 100 | a name (label, alias, historical name, English) equal once folded (see names.fold) |
| 100 | pinyin with the same tone marks (Shǎnxī; the toneless reading of it counts 90) |
| 95 | equal once an administrative suffix (天津市, 北平总工会) or an English qualifier in brackets
  (Kuomintang (Nationalist Party)) is left out |
| 92 | English with an old place name read as the current one (Peiping General Trade Union) |
| 90 | toneless pinyin or Wade-Giles of a Chinese name (jiang jieshi, Yen Hsi-shan) |
| < 85 | similar, not equal (difflib ratio over the folded names, times 85) |

`match` is true only when a person can trust it: the best score is at least 90, no other
candidate comes within 10 points, and the query is not toneless pinyin that fits several entities
(shanxi: 山西 Shānxī and 陕西 Shǎnxī).
"""

from __future__ import annotations

import difflib
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from gongyun.api.reconcile import names as nm
from gongyun.api.search import LabelIndex
from gongyun.api.store import GraphStore
from gongyun.namespaces import VOCAB, local_id, sparql_prefixes
from gongyun.normalise.chinese import has_han

P = sparql_prefixes()
# Local-id prefixes of the things a table of names can mean (not claims, selectors, windows…).
RECONCILABLE = ("place/", "org/", "armed/", "ent/", "facility/", "line/", "person/", "group/",
                "set/", "work/", "event/")
# The types offered to OpenRefine, most useful first; ids are the ontology's local names.
TYPES = ("Organization", "Place", "ArmedUnit", "Enterprise", "Facility", "TransportRoute",
         "Person", "Group", "Work", "Event", "Collection")
DEFAULT_TYPES = ("Organization", "Place", "ArmedUnit", "Enterprise", "TransportRoute", "Person")

CLASS_LABELS_QUERY = P + f"""
SELECT ?c ?l WHERE {{ ?c a owl:Class ; rdfs:label ?l . FILTER(STRSTARTS(STR(?c), "{VOCAB}")) }}"""

CODES_QUERY = P + """
SELECT ?s ?code WHERE { ?s gy:presentDayDivisionCode ?code }"""
# A GB/T 2260 code as a table writes it: six digits, or the 12-digit statistical form.
_CODE = re.compile(r"^([1-9][0-9]{5})(?:000000)?$")

EXACT, SUFFIX, SUBSTITUTED, TONELESS = 100, 95, 92, 90
FUZZY_MAX = 85
MATCH_MIN, MATCH_GAP = 90, 10


@dataclass
class Entity:
    local: str
    zh: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)
    pinyin: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    types: set[str] = field(default_factory=set)  # ontology local names

    @property
    def name(self) -> str:
        return (self.zh or self.en or self.pinyin or [self.local])[0]

    @property
    def description(self) -> str:
        parts = [p for p in (self.pinyin[:1] + self.en[:1]) if p]
        return " · ".join(parts)


@dataclass(frozen=True)
class Candidate:
    entity: Entity
    score: float
    how: str  # exact | toned | suffix | substituted | toneless | similar
    ambiguous: bool = False
    match: bool = False


def division_code(text: str) -> str | None:
    """The six-digit code in a cell ("130427", "130427000000", full-width digits), or None."""
    found = _CODE.match(unicodedata.normalize("NFKC", str(text)).strip())
    return found.group(1) if found else None


class ReconIndex:
    def __init__(self, entities: dict[str, Entity], class_labels: dict[str, dict[str, str]],
                 codes: dict[str, set[str]] | None = None):
        self.entities = entities
        self.class_labels = class_labels
        # present-day division code -> the places that lie within or preceded that division
        self.codes = codes or {}
        self.exact: dict[str, set[str]] = defaultdict(set)
        self.toned: dict[str, set[str]] = defaultdict(set)
        self.suffix: dict[str, set[str]] = defaultdict(set)
        self.toneless: dict[str, set[str]] = defaultdict(set)
        # one-word old place names (hankow) -> the current English name's words (hankou)
        self.place_words: dict[str, set[str]] = defaultdict(set)
        self.places = frozenset(nm.fold(z) for e in entities.values()
                                if e.local.startswith("place/") for z in e.zh if len(z) >= 2)
        for e in entities.values():
            self._add(e)
        self._fuzzy_keys = sorted({k for key_map in (self.exact, self.suffix) for k in key_map})

    def _add(self, e: Entity) -> None:
        # Pinyin labels are not names here: folded they lose their tones (Shǎnxī = Shānxī);
        # they are looked up by `toned` and `toneless` instead.
        for name in e.zh + e.en + e.aliases:
            folded = nm.fold(name)
            if folded:
                self.exact[folded].add(e.local)
            for variant in nm.without_admin_suffix(folded, self.places):
                self.suffix[variant].add(e.local)
            if has_han(name):
                self.toneless[nm.pinyin_of(name)].add(e.local)
                self.toneless[nm.wade_giles_of(name)].add(e.local)
        for name in e.en:
            # "Kuomintang (Nationalist Party)": the words before the qualifier are a name too
            bare = nm.fold(name.split("(")[0])
            if bare and bare != nm.fold(name):
                self.suffix[bare].add(e.local)
        for name in e.pinyin:
            self.toned[nm.toned(name)].add(e.local)
            self.toneless[nm.fold(name)].add(e.local)
        if e.local.startswith("place/") and e.en:
            current = nm.words(e.en[0].split("(")[0])
            if len(current) == 1:
                for name in e.aliases + e.en:
                    old = nm.words(name)
                    if len(old) == 1 and not has_han(name) and old != current:
                        self.place_words[old[0]].add(current[0])

    # -- matching -------------------------------------------------------------------------

    def candidates(self, query: str, types: list[str] | None = None, type_strict: str = "any",
                   limit: int = 5) -> list[Candidate]:
        allowed = self._allowed(types, type_strict)
        found: dict[str, tuple[float, str]] = {}

        def offer(locals_: set[str], score: float, how: str) -> None:
            for local in locals_:
                if allowed is not None and local not in allowed:
                    continue
                if local not in found or found[local][0] < score:
                    found[local] = (score, how)

        q = nm.fold(query)
        if not q:
            return []
        tones = nm.has_tone_marks(query)
        if tones:
            # A person who typed the tones meant them: Shǎnxī is 陕西, whatever English says.
            offer(self.toned.get(nm.toned(query), set()), EXACT, "toned")
            offer(self.exact.get(q, set()), TONELESS, "toneless")
        else:
            offer(self.exact.get(q, set()), EXACT, "exact")
        level = TONELESS if tones else SUFFIX
        offer(self.suffix.get(q, set()), level, "suffix")
        for variant in nm.without_admin_suffix(q, self.places):
            offer(self.suffix.get(variant, set()) | self.exact.get(variant, set()), level,
                  "suffix")
        latin = not has_han(query)
        fits = set()
        if latin and not tones:
            fits = {x for x in self.toneless.get(q, set()) if allowed is None or x in allowed}
            offer(fits, TONELESS, "toneless")
            for form in self._substituted(query):
                offer(self.exact.get(form, set()), SUBSTITUTED, "substituted")
        if not found or max(s for s, _ in found.values()) < EXACT:
            self._similar(q, offer)
        ambiguous = len(fits) > 1
        ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], kv[0]))
        cands = [Candidate(self.entities[local], round(score, 1), how, ambiguous)
                 for local, (score, how) in ranked[:max(limit, 2)]]
        if cands and self.trust(cands):
            cands[0] = Candidate(cands[0].entity, cands[0].score, cands[0].how, False, True)
        return cands[:limit]

    def by_code(self, codes: list[str], query: str = "", types: list[str] | None = None,
                type_strict: str = "any", limit: int = 5) -> list[Candidate]:
        """Candidates for present-day division codes, an identifier: the places that carry one
        score 100. When several share it (北京 and 北平: 110000), those the name in `query`
        matches keep 100 and the others 90, so a name decides; with no name, none is the
        match. Places the name alone finds follow, 20 points down when they carry another
        code."""
        allowed = self._allowed(types, type_strict)
        found = sorted({x for code in codes for x in self.codes.get(code, ())
                        if allowed is None or x in allowed})
        by_name = {c.entity.local: c for c in self.candidates(query, types, type_strict,
                                                              limit=limit + 5)} if query else {}
        named = {x for x in found if x in by_name and by_name[x].score >= MATCH_MIN}
        cands = [Candidate(self.entities[x], float(EXACT if not named or x in named
                                                   else EXACT - MATCH_GAP), "code")
                 for x in found]
        coded = {x for xs in self.codes.values() for x in xs}
        cands += [Candidate(c.entity, max(0.0, c.score - (20 if c.entity.local in coded else 0)),
                            c.how, c.ambiguous)
                  for x, c in by_name.items() if x not in found]
        cands.sort(key=lambda c: (-c.score, c.entity.local))
        if cands and self.trust(cands):
            cands[0] = Candidate(cands[0].entity, cands[0].score, cands[0].how, False, True)
        return cands[:limit]

    def trust(self, cands: list[Candidate]) -> bool:
        top = cands[0]
        if top.score < MATCH_MIN or top.ambiguous:
            return False
        return len(cands) == 1 or cands[1].score <= top.score - MATCH_GAP

    def _allowed(self, types: list[str] | None, strict: str) -> set[str] | None:
        if not types or strict == "should":
            return None
        wanted = [type_local(t) for t in types]
        if strict == "all":
            return {k for k, e in self.entities.items() if all(w in e.types for w in wanted)}
        return {k for k, e in self.entities.items() if any(w in e.types for w in wanted)}

    def _substituted(self, query: str) -> set[str]:
        """The query with old one-word place names read as current ones, every combination."""
        forms: list[list[str]] = [[]]
        changed = False
        query_words = nm.words(query)
        if len(query_words) < 2:
            return set()  # a lone old place name is a name of its own (in `exact`)
        for word in query_words:
            options = [word] + sorted(self.place_words.get(word, ()))
            changed |= len(options) > 1
            forms = [f + [o] for f in forms for o in options][:64]
        return {"".join(f) for f in forms} if changed else set()

    def _similar(self, q: str, offer) -> None:
        grams = _grams(q)
        if not grams:
            return
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(q)
        for key in self._fuzzy_keys:
            if not grams & _grams(key):
                continue
            matcher.set_seq1(key)
            if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
                continue
            ratio = matcher.ratio()
            if ratio >= 0.6:
                locals_ = self.exact.get(key, set()) | self.suffix.get(key, set())
                offer(locals_, FUZZY_MAX * ratio, "similar")

    # -- suggest --------------------------------------------------------------------------

    def suggest(self, prefix: str, types: list[str] | None = None, limit: int = 10) -> list[Entity]:
        q = nm.fold(prefix)
        if not q:
            return []
        allowed = self._allowed(types, "any")
        starts = sorted({local for key, locals_ in self.exact.items() if key.startswith(q)
                         for local in locals_})
        ranked = [c.entity.local for c in self.candidates(prefix, types, limit=limit)]
        out = [x for x in dict.fromkeys(ranked + starts) if allowed is None or x in allowed]
        return [self.entities[x] for x in out[:limit]]

    def type_name(self, local: str) -> str:
        labels = self.class_labels.get(local, {})
        return labels.get("en") or local


def _grams(text: str) -> set[str]:
    n = 1 if has_han(text) else 3
    return {text[i:i + n] for i in range(max(len(text) - n + 1, 0))} - set("的之")


def type_local(ident: str) -> str:
    """A type id as sent by a client (Place, gy:Place, or the full IRI) -> Place."""
    if ident.startswith(VOCAB):
        return ident[len(VOCAB):]
    return ident.split(":", 1)[1] if ident.startswith("gy:") else ident


def build_index(labels: LabelIndex, store: GraphStore) -> ReconIndex:
    """The index from the label index the store directory holds (the one /api/search reads),
    and the classes' labels from the store."""
    entities: dict[str, Entity] = {}
    for iri, names in labels.entities():
        local = local_id(iri)
        if local is None or not local.startswith(RECONCILABLE):
            continue
        types = {c[len(VOCAB):] for c in names.classes if c.startswith(VOCAB)}
        if types:
            entities[local] = Entity(local, names.zh, names.en, names.pinyin, names.alias, types)
    class_labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in store.select(CLASS_LABELS_QUERY):
        lang = (row["l"].lang or "en").split("-")[0]
        class_labels[row["c"].value[len(VOCAB):]].setdefault(lang, row["l"].value)
    codes: dict[str, set[str]] = defaultdict(set)
    for row in store.select(CODES_QUERY):
        local = local_id(row["s"].value)
        if local in entities:
            codes[row["code"].value].add(local)
    return ReconIndex(entities, dict(class_labels), dict(codes))


class IndexHolder:
    """Builds the index on first use, once, for the store an app serves."""

    def __init__(self, store: GraphStore):
        self._store = store
        self._index: ReconIndex | None = None
        self._lock = threading.Lock()

    def get(self) -> ReconIndex:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = build_index(self._store.labels, self._store)
        return self._index
