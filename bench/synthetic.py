"""A deterministic, streaming generator of synthetic Gongyun graphs as N-Quads.

The graph is made in our own ontology and named graphs (decision 0001): entities with labels in
zh, en and zh-Latn-pinyin; gazetteer places with geometry and part-of relations; SKOS concepts;
n-ary claims (gy:subject/predicate/object/rank/statedIn/evidence) in gyg:claims/000..002 with
their oa:Annotation evidence (quote and position selectors), quantities and time windows;
disagreements in gyg:curation; the direct and entailed graphs as the build writes them.

Proportions: the rates below are per claim and were measured on the real build (55,451 quads,
2,236 claims, 2026-11-24) with `python -m bench.profile`; REAL_PROFILE keeps those
measurements so tests can compare. Emission is claim by claim: a node of kind k is emitted at
claim c when floor((c+1)*rate_k) > floor(c*rate_k), so every prefix of the stream has the same
proportions and nothing is kept in memory but counters (10^7 quads stream in constant memory).
Randomness is a `random.Random` seeded per claim from (seed, claim index): same seed and size,
same bytes.

    python -m bench.synthetic --size 1e5 --out build/bench/synthetic-1e5.nq
"""

from __future__ import annotations

import argparse
import hashlib
import io
import math
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gongyun import namespaces as iris
from gongyun.namespaces import GRAPH, PREFIXES, VOCAB
from gongyun.normalise.chinese import strip_tones

RDF, RDFS, OWL, XSD, SKOS, PROV, OA, TIME, GEO, CRM, ORG, SCHEMA, DCT, FOAF = (
    PREFIXES[p] for p in ("rdf", "rdfs", "owl", "xsd", "skos", "prov", "oa", "time", "geo",
                          "crm", "org", "schema", "dcterms", "foaf"))
EDITORS = iris.resource_iri(iris.EDITORS)
COUNTY = iris.resource_iri(iris.concept_id("place-type", "county"))
CITY_PRECISION = iris.resource_iri(iris.concept_id("coordinate-precision", "city"))
ADMINISTRATIVE = iris.resource_iri(iris.concept_id("part-of-kind", "administrative"))

# Measured on the real build (see module docstring); the test compares against these.
REAL_PROFILE = {
    "quads": 55451,
    "per_graph": {"build": 23, "claims": 29225, "curation": 219, "direct": 2215,
                  "entailed": 12755, "entities": 3853, "gazetteer": 3987, "ontology": 1574,
                  "sources": 51, "vocabularies": 1549},
    "kinds": {"annotation": 309, "claim": 2236, "concept": 209, "disagreement": 13,
              "entity": 964, "geometry": 186, "instant": 248, "place": 189, "quantity": 167,
              "time_window": 124},
}
_CLAIMS = REAL_PROFILE["kinds"]["claim"]
RATE = {  # nodes per claim
    "annotation": 309 / _CLAIMS,
    "entity": 964 / _CLAIMS,
    "place": 189 / _CLAIMS,
    "concept": 209 / _CLAIMS,
    "disagreement": 13 / _CLAIMS,
    "ontology_class": 1574 / 5 / _CLAIMS,  # a synthetic class is 5 quads
}
QUANTITY_SHARE = 167 / _CLAIMS  # share of claims whose object is a gy:Quantity
TIME_SHARE = 124 / _CLAIMS  # share of claims whose object is a gy:TimeWindow
QUADS_PER_CLAIM = REAL_PROFILE["quads"] / _CLAIMS  # to size a run before it starts
SOURCES = ("000", "001", "002")
CONCEPTS_PER_SCHEME = 17

# Entity classes with their measured weights, IRI folder and the super-classes the build
# entails (their closure in ontology/gongyun.ttl).
_AGENT = (VOCAB + "Agent", PROV + "Agent", FOAF + "Agent")
_ORG = _AGENT + (ORG + "Organization", SCHEMA + "Organization", CRM + "E74_Group")
_PLACE = (GEO + "Feature", CRM + "E53_Place", SCHEMA + "Place")
_EVENT = (VOCAB + "Event", CRM + "E5_Event", PROV + "Activity", SCHEMA + "Event")
ENTITY_CLASSES: list[tuple[str, int, str, tuple[str, ...]]] = [
    ("Group", 169, "group", _AGENT + (CRM + "E74_Group",)),
    ("Organization", 165, "org", _ORG),
    ("ArmedUnit", 67, "armed", (VOCAB + "Organization",) + _ORG),
    ("Collection", 63, "set", ()),
    ("Enterprise", 55, "ent", (VOCAB + "Organization",) + _ORG),
    ("Facility", 43, "facility", (VOCAB + "Place",) + _PLACE),
    ("RailwayLine", 24, "line",
     (VOCAB + "TransportRoute", VOCAB + "Facility", VOCAB + "Place") + _PLACE),
    ("Person", 11, "person", _AGENT + (CRM + "E21_Person", SCHEMA + "Person", FOAF + "Person")),
    ("Document", 21, "work", (VOCAB + "Work", SCHEMA + "CreativeWork")),
    ("Founding", 60, "event", _EVENT + (CRM + "E66_Formation",)),
] + [(event, weight, "event", _EVENT)
     for event, weight in [("MilitaryAction", 29), ("Mobilisation", 22),
                           ("Relocation", 21), ("Event", 18), ("Donation", 13), ("Sabotage", 13),
                           ("Occupation", 13), ("Communication", 12), ("Meeting", 11),
                           ("Dispatch", 10), ("Strike", 60), ("Battle", 7), ("Relief", 8)]]
_CLASS_TABLE = [i for i, (_, w, _, _) in enumerate(ENTITY_CLASSES) for _ in range(w)]
# Kinds of node a claim's subject or object must be (the predicates' domains and ranges).
KIND_TEST = {
    "entity": lambda cls, supers: True,
    "agent": lambda cls, supers: VOCAB + "Agent" in supers,
    "org": lambda cls, supers: cls == "Organization" or VOCAB + "Organization" in supers,
    "event": lambda cls, supers: VOCAB + "Event" in supers,
    "work": lambda cls, supers: VOCAB + "Work" in supers,
    "located": lambda cls, supers: VOCAB + "Place" in supers or cls in ("Enterprise",
                                                                        "Collection"),
}

# Claim predicates: (predicate, subject kind, object kind, weight); weights from the direct
# graph, domains and ranges from the ontology (the shapes check both).
PREDICATES: list[tuple[str, str, str, int]] = [
    ("hasParticipant", "event", "agent", 201), ("organisedBy", "event", "agent", 171),
    ("target", "event", "entity", 120), ("assessment", "entity", "literal", 104),
    ("tookPlaceAt", "event", "place", 104), ("purpose", "event", "literal", 101),
    ("hasKind", "org", "concept", 96), ("basedAt", "agent", "place", 73),
    ("partOfEvent", "event", "event", 73), ("founds", "event", "org", 66),
    ("trade", "agent", "concept", 66), ("locatedIn", "located", "place", 65),
    ("subOrganizationOf", "org", "org", 51), ("activeIn", "agent", "place", 50),
    ("destination", "event", "place", 49), ("relocated", "event", "entity", 37),
    ("memberOf", "agent", "org", 31), ("against", "event", "agent", 29),
    ("origin", "event", "place", 24), ("content", "work", "literal", 20),
]
_PRED_TABLE = [i for i, (_, _, _, w) in enumerate(PREDICATES) for _ in range(w)]
# (predicate, subject kind) of claims whose object is a Quantity or a TimeWindow
QUANTITY_PREDICATES = (("size", "agent"), ("count", "entity"), ("tally", "event"),
                       ("participantCount", "event"), ("weight", "entity"))
TIME_PREDICATES = (("occurredWithin", "event"), ("startedWithin", "event"),
                   ("endedWithin", "event"))
# What the build entails from a direct triple: (property, inverse?).
ENTAILS: dict[str, tuple[tuple[str, bool], ...]] = {
    "hasParticipant": ((CRM + "P11_had_participant", False),),
    "organisedBy": ((VOCAB + "hasParticipant", False), (SCHEMA + "organizer", False)),
    "tookPlaceAt": ((CRM + "P7_took_place_at", False), (SCHEMA + "location", False)),
    "partOfEvent": ((SCHEMA + "superEvent", False),),
    "founds": ((VOCAB + "foundedBy", True), (CRM + "P95_has_formed", False)),
    "locatedIn": ((GEO + "sfWithin", False),),
    "subOrganizationOf": ((ORG + "subOrganizationOf", False),
                          (ORG + "hasSubOrganization", True),
                          (VOCAB + "hasSubOrganization", True)),
    "memberOf": ((ORG + "memberOf", False), (ORG + "hasMember", True),
                 (VOCAB + "hasMember", True)),
    "target": ((CRM + "P12_occurred_in_the_presence_of", False),),
    "basedAt": ((ORG + "basedAt", False),),
    "activeIn": ((CRM + "P7_took_place_at", False),),
    "destination": ((VOCAB + "via", False),),
    "origin": ((VOCAB + "via", False),),
}
QUALIFIERS = ("Exact", "MoreThan", "About", "Nearly", "AtLeast", "Range", "Vague")
PRECISIONS = (("DayPrecision", 10), ("MonthPrecision", 7), ("YearPrecision", 4))
DISAGREEMENT_TYPES = ("Contradiction", "PartialVersusTotal", "DifferentGranularity")

# Characters with their pinyin, for names that look like the real ones and can be searched.
SYLLABLES = [("山", "shān"), ("西", "xī"), ("太", "tài"), ("原", "yuán"), ("天", "tiān"),
             ("津", "jīn"), ("上", "shàng"), ("海", "hǎi"), ("北", "běi"), ("平", "píng"),
             ("南", "nán"), ("京", "jīng"), ("武", "wǔ"), ("汉", "hàn"), ("长", "cháng"),
             ("沙", "shā"), ("重", "chóng"), ("庆", "qìng"), ("大", "dà"), ("连", "lián"),
             ("青", "qīng"), ("岛", "dǎo"), ("济", "jì"), ("宁", "níng"), ("开", "kāi"),
             ("封", "fēng"), ("安", "ān"), ("阳", "yáng"), ("石", "shí"), ("家", "jiā"),
             ("庄", "zhuāng"), ("唐", "táng"), ("河", "hé"), ("东", "dōng"), ("兴", "xīng"),
             ("华", "huá"), ("新", "xīn"), ("民", "mín"), ("江", "jiāng"), ("湖", "hú")]
SUFFIX = {  # class -> (zh, pinyin, en)
    "Group": ("工人", "gōngrén", "workers"), "Organization": ("工会", "gōnghuì", "union"),
    "ArmedUnit": ("游击队", "yóujīduì", "guerrillas"), "Collection": ("工厂", "gōngchǎng",
                                                                    "factories"),
    "Enterprise": ("纱厂", "shāchǎng", "cotton mill"), "Facility": ("车站", "chēzhàn",
                                                                  "station"),
    "RailwayLine": ("铁路", "tiělù", "railway"), "Person": ("", "", ""),
    "Document": ("宣言", "xuānyán", "declaration"),
}
EVENT_SUFFIX = ("罢工", "bàgōng", "strike")
TEXT = "工人在日本占领区坚持斗争组织起来破坏铁路保护工厂支援前线募捐慰劳迁移机器"


def _toneless(pinyin: str) -> str:
    """Pinyin as the synthetic English labels write it: no marks at all (lǚ -> lu)."""
    return strip_tones(pinyin, all_marks=True)


def _count_before(rate: float, index: int) -> int:
    """How many nodes of a kind exist before claim `index`."""
    return math.floor(index * rate)


def _emitted(rate: float, index: int) -> int:
    """Like _count_before, but entities and places start with one, so that the first claim
    has something to point to."""
    return max(1, math.floor(index * rate)) if index else 0


def entity_class(i: int) -> tuple[str, str, tuple[str, ...]]:
    """The class, IRI folder and super-classes of entity i: a pure function of i, so a claim
    can point to any entity without the generator keeping a table."""
    name, _, folder, supers = ENTITY_CLASSES[_CLASS_TABLE[(i * 2654435761) % len(_CLASS_TABLE)]]
    return name, folder, supers


def _kind_args(i: int) -> tuple[str, tuple[str, ...]]:
    name, _, supers = entity_class(i)
    return name, supers


def entity_iri(i: int) -> str:
    return iris.resource_iri(f"{entity_class(i)[1]}/syn-{i}")


def place_iri(i: int) -> str:
    return iris.resource_iri(f"{iris.PLACE_PREFIX}syn-{i}")


def concept_iri(i: int) -> str:
    return iris.resource_iri(iris.concept_id(f"syn-{i // CONCEPTS_PER_SCHEME}", f"c{i}"))


def claim_iri(c: int) -> str:
    return iris.resource_iri(iris.claim_id(f"syn-c{c}"))


def name_of(i: int, salt: int = 0) -> tuple[str, str]:
    """(Chinese, pinyin with tones) of a synthetic name: 2 or 3 syllables from i."""
    rng = random.Random(i * 7919 + salt)
    picks = [SYLLABLES[rng.randrange(len(SYLLABLES))] for _ in range(2 + (i + salt) % 2)]
    return "".join(z for z, _ in picks), "".join(p for _, p in picks).capitalize()


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    # Synthetic text never holds quotes, backslashes or newlines; escape anyway to stay valid.
    if '"' in text or "\\" in text or "\n" in text:
        text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{text}"@{lang}'
    if datatype:
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


class Bloom:
    """A Bloom filter over strings: constant memory (bits/8 bytes), deterministic hashes.
    A false positive drops a derived triple that was not a duplicate (rare, harmless)."""

    def __init__(self, bits: int):
        self.bits = bits
        self.array = bytearray(bits // 8 + 1)

    def add(self, key: str) -> bool:
        """Add key; False if it was (probably) there already."""
        digest = hashlib.blake2b(key.encode(), digest_size=16).digest()
        h1, h2 = int.from_bytes(digest[:8], "little"), int.from_bytes(digest[8:], "little")
        new = False
        for k in range(4):
            bit = (h1 + k * h2) % self.bits
            byte, mask = bit >> 3, 1 << (bit & 7)
            if not self.array[byte] & mask:
                self.array[byte] |= mask
                new = True
        return new


@dataclass
class Counts:
    quads: int = 0
    claims: int = 0


class Generator:
    """Writes quads line by line; `run(target)` stops at the first claim boundary at or past
    `target` quads."""

    def __init__(self, out: io.TextIOBase, seed: int = 1937):
        self.out = out
        self.seed = seed
        self.counts = Counts()
        self._graph = ""
        self._derived = False
        self._seen = Bloom(1 << 20)

    def q(self, s: str, p: str, o: str) -> None:
        """s and p are IRIs; o is an IRI (no quotes) or an N-Triples literal (starts with ")."""
        obj = o if o.startswith('"') else f"<{o}>"
        triple = f"<{s}> <{p}> {obj}"
        # Two claims can give the same direct or entailed triple; the build writes it once.
        if self._derived and not self._seen.add(triple):
            return
        self.out.write(f"{triple} <{self._graph}> .\n")
        self.counts.quads += 1

    def graph(self, name: str) -> None:
        self._graph = GRAPH + name
        self._derived = name in ("direct", "entailed")

    # -- fixed parts: the three sources and the build record ----------------------------
    def header(self) -> None:
        self.graph("sources")
        for n, src in enumerate(SOURCES):
            s = iris.resource_iri(iris.source_id(src))
            self.q(s, RDF + "type", VOCAB + "Source")
            self.q(s, RDFS + "label", _lit(f"合成来源{src}", "zh"))
            self.q(s, RDFS + "label", _lit(f"Synthetic source {src}", "en"))
            self.q(s, DCT + "title", _lit(f"合成来源{src}", "zh"))
            self.q(s, VOCAB + "sha256", _lit(f"{n:064x}"))
            self.q(s, VOCAB + "characterCount", _lit("100000000", datatype=XSD + "integer"))
            self.q(s, VOCAB + "titleSupplied", _lit("true", datatype=XSD + "boolean"))
            self.q(s, DCT + "creator", iris.resource_iri(iris.author_id(src)))
        self.graph("build")
        b = iris.resource_iri(f"build/synthetic-{self.seed}")
        self.q(b, RDF + "type", PROV + "Activity")
        self.q(b, RDFS + "label", _lit(f"Synthetic build, seed {self.seed}", "en"))
        for src in SOURCES:
            self.q(b, PROV + "used", iris.resource_iri(iris.source_id(src)))

    # -- nodes that scale with the claims --------------------------------------------
    def ontology_class(self, k: int) -> None:
        self.graph("ontology")
        c = f"{VOCAB}SyntheticClass{k}"
        self.q(c, RDF + "type", OWL + "Class")
        self.q(c, RDFS + "label", _lit(f"synthetic class {k}", "en"))
        self.q(c, RDFS + "label", _lit(f"合成类{k}", "zh"))
        self.q(c, SKOS + "definition", _lit(f"A synthetic class, number {k}.", "en"))
        self.q(c, RDFS + "subClassOf", VOCAB + "Event")

    def concept(self, k: int, rng: random.Random) -> None:
        self.graph("vocabularies")
        scheme = iris.resource_iri(iris.scheme_id(f"syn-{k // CONCEPTS_PER_SCHEME}"))
        if k % CONCEPTS_PER_SCHEME == 0:
            self.q(scheme, RDF + "type", SKOS + "ConceptScheme")
            self.q(scheme, RDFS + "label", _lit(f"synthetic scheme {k // 17}", "en"))
        c = concept_iri(k)
        zh, py = name_of(k, salt=3)
        self.q(c, RDF + "type", SKOS + "Concept")
        self.q(c, SKOS + "inScheme", scheme)
        self.q(c, SKOS + "prefLabel", _lit(zh, "zh"))
        self.q(c, SKOS + "prefLabel", _lit(_toneless(py).lower(), "en"))
        self.q(c, RDFS + "label", _lit(_toneless(py).lower(), "en"))
        self.q(c, SKOS + "notation", _lit(f"c{k}"))
        if rng.random() < 0.6:
            self.q(c, RDFS + "label", _lit(zh, "zh"))
        if rng.random() < 0.3:
            self.q(c, SKOS + "definition", _lit(f"Synthetic concept {k}.", "en"))

    def entity(self, i: int, rng: random.Random) -> None:
        self.graph("entities")
        cls, _, supers = entity_class(i)
        e = entity_iri(i)
        zh, py = name_of(i)
        suffix = SUFFIX.get(cls, EVENT_SUFFIX)
        self.q(e, RDF + "type", VOCAB + cls)
        self.q(e, RDFS + "label", _lit(zh + suffix[0], "zh"))
        # Every entity has an English label; a third is named (pinyin), the rest gy:named false.
        self.q(e, RDFS + "label", _lit(f"{_toneless(py)} {suffix[2]}".strip(), "en"))
        named = rng.random() < 0.35 or cls == "Person"
        if named:
            if cls != "Group":
                pinyin = f"{py} {suffix[1]}".strip()
                self.q(e, RDFS + "label", _lit(pinyin, "zh-Latn-pinyin"))
            self.q(e, VOCAB + "named", _lit("true", datatype=XSD + "boolean"))
        else:
            self.q(e, VOCAB + "named", _lit("false", datatype=XSD + "boolean"))
        if rng.random() < 0.125:
            self.q(e, SKOS + "altLabel", _lit(name_of(i, salt=1)[0] + suffix[0], "zh"))
        self.graph("entailed")
        for sup in supers:
            if sup != VOCAB + cls:  # gy:Event itself is stated, not entailed
                self.q(e, RDF + "type", sup)

    def place(self, i: int, rng: random.Random) -> None:
        self.graph("gazetteer")
        p = place_iri(i)
        zh, py = name_of(i, salt=2)
        g = iris.place_geometry_id(p)
        self.q(p, RDF + "type", VOCAB + "Place")
        self.q(p, VOCAB + "placeType", iris.resource_iri(iris.concept_id("place-type", "county")))
        self.q(p, RDFS + "label", _lit(zh, "zh"))
        self.q(p, RDFS + "label", _lit(_toneless(py), "en"))
        self.q(p, RDFS + "label", _lit(py, "zh-Latn-pinyin"))
        self.q(p, SKOS + "hiddenLabel", _lit(_toneless(py).lower(), "en"))
        self.q(p, RDFS + "comment", _lit(f"Synthetic place {i}.", "en"))
        self.q(p, PROV + "wasAttributedTo", EDITORS)
        self.q(p, GEO + "hasGeometry", g)
        if rng.random() < 0.34:
            self.q(p, SKOS + "exactMatch", f"https://sws.geonames.org/{1_000_000 + i}/")
        lon, lat = 105 + rng.random() * 20, 22 + rng.random() * 20
        self.q(g, RDF + "type", GEO + "Geometry")
        self.q(g, GEO + "asWKT", _lit(f"POINT({lon:.4f} {lat:.4f})", datatype=GEO + "wktLiteral"))
        self.q(g, VOCAB + "coordinatePrecision", CITY_PRECISION)
        self.q(g, PROV + "wasAttributedTo", EDITORS)
        entailed = [(p, RDF + "type", sup) for sup in _PLACE]
        if i > 0:
            whole = place_iri(rng.randrange(i))
            rel = f"{p}/part-of"
            self.q(p, VOCAB + "partOf", whole)
            self.q(rel, RDF + "type", VOCAB + "PlacePartOf")
            self.q(rel, VOCAB + "part", p)
            self.q(rel, VOCAB + "whole", whole)
            self.q(rel, VOCAB + "partOfKind", ADMINISTRATIVE)
            self.q(rel, RDFS + "comment", _lit("Synthetic part-of relation.", "en"))
            entailed += [(whole, VOCAB + "hasPart", p), (p, GEO + "sfWithin", whole)]
        self.graph("entailed")
        for s, pr, o in entailed:
            self.q(s, pr, o)

    def annotation(self, a: int, src: str, rng: random.Random) -> str:
        self.graph(iris.claims_graph(src))
        ann, target, quote, position = (iris.resource_iri(iris.annotation_id(f"syn-e{a}", part))
                                        for part in (None, "target", "quote", "position"))
        start = a * 60 + rng.randrange(10)
        length = 15 + rng.randrange(40)
        exact = "".join(TEXT[(start + k) % len(TEXT)] for k in range(length))
        nnint = XSD + "nonNegativeInteger"
        self.q(ann, RDF + "type", OA + "Annotation")
        self.q(ann, OA + "hasTarget", target)
        self.q(ann, OA + "motivatedBy", OA + "describing")
        self.q(ann, PROV + "wasAttributedTo", EDITORS)
        self.q(ann, VOCAB + "paragraph", _lit(str(1 + a % 40), datatype=XSD + "integer"))
        self.q(ann, VOCAB + "reviewState", _lit("checked"))
        self.q(target, RDF + "type", OA + "SpecificResource")
        self.q(target, OA + "hasSource", iris.resource_iri(iris.source_id(src)))
        self.q(target, OA + "hasSelector", quote)
        self.q(target, OA + "hasSelector", position)
        self.q(quote, RDF + "type", OA + "TextQuoteSelector")
        self.q(quote, OA + "exact", _lit(exact))
        self.q(quote, OA + "prefix", _lit(TEXT[start % 20: start % 20 + 8]))
        self.q(quote, OA + "suffix", _lit(TEXT[length % 20: length % 20 + 8]))
        self.q(position, RDF + "type", OA + "TextPositionSelector")
        self.q(position, OA + "start", _lit(str(start), datatype=nnint))
        self.q(position, OA + "end", _lit(str(start + length), datatype=nnint))
        return ann

    def quantity(self, c: int, rng: random.Random) -> tuple[str, list]:
        qty = iris.resource_iri(iris.quantity_id(f"syn-c{c}"))
        value = rng.choice((10, 20, 50, 100, 200, 300, 500, 1000, 2000, 10000)) * (1 + c % 7)
        dec = XSD + "decimal"
        self.q(qty, RDF + "type", VOCAB + "Quantity")
        self.q(qty, VOCAB + "value", _lit(str(value), datatype=dec))
        self.q(qty, VOCAB + "qualifier", VOCAB + rng.choice(QUALIFIERS))
        self.q(qty, VOCAB + "unit", concept_iri(c % 17))
        self.q(qty, VOCAB + "asWritten", _lit(f"{value}余人", "zh"))
        self.q(qty, VOCAB + "lowerBound", _lit(str(value), datatype=dec))
        entailed = [(qty, RDF + "type", CRM + "E54_Dimension"),
                    (qty, RDF + "type", SCHEMA + "QuantitativeValue"),
                    (qty, SCHEMA + "value", _lit(str(value), datatype=dec)),
                    (qty, SCHEMA + "minValue", _lit(str(value), datatype=dec))]
        if rng.random() < 0.64:
            self.q(qty, VOCAB + "upperBound", _lit(str(value * 2), datatype=dec))
            entailed.append((qty, SCHEMA + "maxValue", _lit(str(value * 2), datatype=dec)))
        return qty, entailed

    def time_window(self, c: int, rng: random.Random) -> tuple[str, list]:
        tw = iris.resource_iri(iris.time_window_id(f"syn-c{c}"))
        year, month, day = 1937 + rng.randrange(9), 1 + rng.randrange(12), 1 + rng.randrange(28)
        precision, _ = PRECISIONS[rng.randrange(len(PRECISIONS))]
        if precision == "DayPrecision":
            early = late = f"{year}-{month:02d}-{day:02d}"
            edtf, written = early, f"{year}年{month}月{day}日"
        elif precision == "MonthPrecision":
            early, late = f"{year}-{month:02d}-01", f"{year}-{month:02d}-28"
            edtf, written = f"{year}-{month:02d}", f"{year}年{month}月"
        else:
            early, late = f"{year}-01-01", f"{year}-12-31"
            edtf, written = str(year), f"{year}年"
        date = XSD + "date"
        self.q(tw, RDF + "type", VOCAB + "TimeWindow")
        self.q(tw, VOCAB + "earliest", _lit(early, datatype=date))
        self.q(tw, VOCAB + "latest", _lit(late, datatype=date))
        self.q(tw, VOCAB + "precision", VOCAB + precision)
        self.q(tw, VOCAB + "edtf", _lit(edtf))
        self.q(tw, VOCAB + "asWritten", _lit(written, "zh"))
        for end, when in (("begin", early), ("end", late)):
            inst = f"{tw}/{end}"
            self.q(tw, TIME + ("hasBeginning" if end == "begin" else "hasEnd"), inst)
            self.q(inst, RDF + "type", TIME + "Instant")
            self.q(inst, TIME + "inXSDDate", _lit(when, datatype=date))
        entailed = [(tw, RDF + "type", CRM + "E52_Time-Span"),
                    (tw, RDF + "type", TIME + "ProperInterval"),
                    (tw, CRM + "P82a_begin_of_the_begin", _lit(early, datatype=date)),
                    (tw, CRM + "P82b_end_of_the_end", _lit(late, datatype=date))]
        return tw, entailed

    def _pick_entity(self, rng: random.Random, c: int, want: str) -> str:
        """An entity of kind `want`, skewed towards early ids: a few hubs and a long tail, as
        in the text. Walks down from the draw to the nearest entity of the kind."""
        n_entities = _emitted(RATE["entity"], c + 1)
        test = KIND_TEST[want]
        i = int(n_entities * rng.random() ** 2)
        for j in range(i, -1, -1):
            if test(*_kind_args(j)):
                return entity_iri(j)
        # In the first claims the kind may not be emitted yet: point ahead to one that will be.
        for j in range(i + 1, i + 10_000):
            if test(*_kind_args(j)):
                return entity_iri(j)
        return entity_iri(i)

    def claim(self, c: int, rng: random.Random) -> None:
        # claims c with the same floor(c * rate) share one annotation, as one sentence often
        # says several things
        a = _count_before(RATE["annotation"], c)
        src = SOURCES[(a // 50) % len(SOURCES)]
        if c == 0 or a != _count_before(RATE["annotation"], c - 1):
            self.annotation(a, src, rng)
        self.graph(iris.claims_graph(src))
        ann = iris.resource_iri(iris.annotation_id(f"syn-e{a}"))
        cl = claim_iri(c)
        entailed: list[tuple[str, str, str]] = []
        # Quantity and time-window claims at their exact rates (not drawn at random), so even
        # a small graph has the real graph's share of them; the phase keeps them apart.
        if math.floor((c + 1) * QUANTITY_SHARE) > math.floor(c * QUANTITY_SHARE):
            pred, subject_kind = rng.choice(QUANTITY_PREDICATES)
            subject = self._pick_entity(rng, c, subject_kind)
            obj, entailed = self.quantity(c, rng)
        elif math.floor((c + 1) * TIME_SHARE + 0.5) > math.floor(c * TIME_SHARE + 0.5):
            pred, subject_kind = rng.choice(TIME_PREDICATES)
            subject = self._pick_entity(rng, c, subject_kind)
            obj, entailed = self.time_window(c, rng)
        else:
            pred, subject_kind, kind, _ = PREDICATES[_PRED_TABLE[rng.randrange(len(_PRED_TABLE))]]
            subject = self._pick_entity(rng, c, subject_kind)
            n_places = _emitted(RATE["place"], c + 1)
            n_concepts = max(1, _count_before(RATE["concept"], c + 1))
            if kind == "literal":
                obj = _lit(TEXT[c % 20: c % 20 + 12], "zh")
            elif kind == "place":
                obj = place_iri(int(n_places * rng.random() ** 2))
            elif kind == "concept":
                obj = concept_iri(rng.randrange(n_concepts))
            else:
                obj = self._pick_entity(rng, c, kind)
        self.q(cl, RDF + "type", VOCAB + "Claim")
        self.q(cl, VOCAB + "subject", subject)
        self.q(cl, VOCAB + "predicate", VOCAB + pred)
        self.q(cl, VOCAB + "object", obj)
        rank = "DeprecatedRank" if rng.random() < 0.01 else "NormalRank"
        self.q(cl, VOCAB + "rank", VOCAB + rank)
        self.q(cl, VOCAB + "statedIn", iris.resource_iri(iris.source_id(src)))
        self.q(cl, VOCAB + "evidence", ann)
        judgement = pred == "assessment"
        self.q(cl, VOCAB + "claimKind", VOCAB + ("AuthorJudgement" if judgement else "Report"))
        self.q(ann, OA + "hasBody", cl)
        if rng.random() < 0.195:
            self.q(cl, RDFS + "comment", _lit(f"Synthetic note on claim {c}.", "en"))
        if rng.random() < 0.164:
            self.q(cl, VOCAB + "listPosition", _lit(str(1 + c % 9), datatype=XSD + "integer"))
        if rng.random() < 0.1:
            self.q(cl, VOCAB + "completeness", VOCAB + "Incomplete")
        if rng.random() < 0.05:
            self.q(cl, VOCAB + "attributedTo", self._pick_entity(rng, c, "agent"))
        self.graph("entailed")
        self.q(cl, RDF + "type", PROV + "Entity")
        self.q(cl, PROV + "hadPrimarySource", iris.resource_iri(iris.source_id(src)))
        for s, p, o in entailed:
            self.q(s, p, o)
        if rank != "DeprecatedRank":
            self.graph("direct")
            self.q(subject, VOCAB + pred, obj)
            if not obj.startswith('"'):
                self.graph("entailed")
                for prop, inverse in ENTAILS.get(pred, ()):
                    if inverse:
                        self.q(obj, prop, subject)
                    else:
                        self.q(subject, prop, obj)

    def disagreement(self, d: int, c: int, rng: random.Random) -> None:
        self.graph("curation")
        dis = iris.resource_iri(iris.disagreement_id(f"syn-{d}"))
        self.q(dis, RDF + "type", VOCAB + "Disagreement")
        self.q(dis, RDFS + "label", _lit(f"Synthetic disagreement {d}", "en"))
        self.q(dis, VOCAB + "disagreementType", VOCAB + rng.choice(DISAGREEMENT_TYPES))
        self.q(dis, VOCAB + "withinSource", _lit("true", datatype=XSD + "boolean"))
        self.q(dis, VOCAB + "rationale", _lit("The figures differ; both kept.", "en"))
        self.q(dis, PROV + "wasAttributedTo", EDITORS)
        for back in range(min(c + 1, 3 + rng.randrange(5))):
            self.q(dis, VOCAB + "between", claim_iri(c - back))

    def step(self, c: int) -> None:
        """Everything emitted at claim c."""
        rng = random.Random(self.seed * 1_000_003 + c)
        for k in range(_count_before(RATE["ontology_class"], c),
                       _count_before(RATE["ontology_class"], c + 1)):
            self.ontology_class(k)
        for k in range(_count_before(RATE["concept"], c), _count_before(RATE["concept"], c + 1)):
            self.concept(k, rng)
        # at least one entity and place before the first claim points to one
        for k in range(_emitted(RATE["entity"], c), _emitted(RATE["entity"], c + 1)):
            self.entity(k, rng)
        for k in range(_emitted(RATE["place"], c), _emitted(RATE["place"], c + 1)):
            self.place(k, rng)
        self.claim(c, rng)
        d0, d1 = (_count_before(RATE["disagreement"], c),
                  _count_before(RATE["disagreement"], c + 1))
        for d in range(d0, d1):
            self.disagreement(d, c, rng)
        self.counts.claims = c + 1

    def run(self, target: int) -> Counts:
        # ~16 bits per derived triple (a third of all): false positives drop well under 0.1%
        self._seen = Bloom(max(1 << 20, 8 * target))
        self.header()
        c = 0
        while self.counts.quads < target:
            self.step(c)
            c += 1
        return self.counts


def generate(out: io.TextIOBase, size: int, seed: int = 1937) -> Counts:
    """Write about `size` quads (exactly: up to the end of the claim that reaches it)."""
    return Generator(out, seed).run(size)


def lines(size: int, seed: int = 1937) -> Iterator[str]:
    """The N-Quads lines (for tests; the file writer does not hold them)."""
    buf = io.StringIO()
    generate(buf, size, seed)
    yield from buf.getvalue().splitlines()


def write(path: Path, size: int, seed: int = 1937) -> Counts:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8", buffering=1 << 20) as handle:
        counts = generate(handle, size, seed)
    tmp.replace(path)
    return counts


def parse_size(text: str) -> int:
    return int(float(text))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic Gongyun graph (N-Quads).")
    parser.add_argument("--size", type=parse_size, required=True, help="quads, e.g. 1e6")
    parser.add_argument("--seed", type=int, default=1937)
    parser.add_argument("--out", type=Path, help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    if args.out is None:
        generate(sys.stdout, args.size, args.seed)
        return 0
    counts = write(args.out, args.size, args.seed)
    print(f"{counts.quads} quads, {counts.claims} claims -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
