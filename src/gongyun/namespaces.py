"""Every IRI Gongyun mints, by name: the one module that knows the namespaces, the local id of
each kind of node, and the rules a new id follows (docs/decisions/0001-data-model.md § IRIs,
0006-iris.md).

The vocabulary, resource, graph and shapes namespaces are fixed; only the public URL that the
service maps resources to is configurable (see gongyun.settings). A resource's IRI is
`RESOURCE + <local id>`; the local id is what the curated files write (`org/shanxi-gtu`,
`claim/001-c0012`), so the functions below give local ids by kind and `resource_iri` turns any
of them into the IRI:

    resource_iri(claim_id("001-c0012"))   -> https://w3id.org/gongyun/resource/claim/001-c0012
    time_window_id("001-c0012", "as-of")  -> time/001-c0012-as-of
    new_local_id("Organization", "Shanxi General Trade Union")
                                          -> org/shanxi-general-trade-union
    next_claim_id("001", taken)           -> 001-c0974 (one past the highest 001 claim)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable

VOCAB = "https://w3id.org/gongyun/ontology#"
ONTOLOGY_IRI = "https://w3id.org/gongyun/ontology"
RESOURCE = "https://w3id.org/gongyun/resource/"
GRAPH = "https://w3id.org/gongyun/graph/"
SHAPES = "https://w3id.org/gongyun/shapes#"

PREFIXES: dict[str, str] = {
    "gy": VOCAB,
    "gyr": RESOURCE,
    "gyg": GRAPH,
    "gysh": SHAPES,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "time": "http://www.w3.org/2006/time#",
    "oa": "http://www.w3.org/ns/oa#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "schema": "https://schema.org/",
    "crm": "http://www.cidoc-crm.org/cidoc-crm/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vann": "http://purl.org/vocab/vann/",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
}

MAPPINGS = "https://w3id.org/gongyun/mappings/"
"""Our SSSOM mapping tables, each named by its file (gazetteer-adcodes.sssom.tsv)."""
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
"""The licence of the annotations, the ontology and the graph."""
GEONAMES = "https://sws.geonames.org/"
"""GeoNames, the gazetteer's links out (not a prefix of our dumps)."""


def geonames_iri(geonames_id: int | str) -> str:
    """A GeoNames feature's IRI (with its trailing slash, as GeoNames publishes it)."""
    return f"{GEONAMES}{geonames_id}/"


# --- namespaces and named graphs -------------------------------------------------------------


def term(local: str) -> str:
    """A term of our vocabulary: term('Claim') is gy:Claim."""
    return VOCAB + local


def prefixed(prefix: str, local: str) -> str:
    """A term of any namespace in PREFIXES: prefixed('rdf', 'type') is rdf:type's IRI."""
    return PREFIXES[prefix] + local


RDF_TYPE = prefixed("rdf", "type")


def graph_iri(name: str) -> str:
    """The named graph `name`, e.g. 'entities' or 'claims/001'."""
    return GRAPH + name


def claims_graph(source: str) -> str:
    """The name of the graph holding what source `source` ('001') says."""
    return f"claims/{source}"


def expand_curie(value: str) -> str | None:
    """`gy:Place` as its full IRI, for any of our prefixes; None when `value` is not such a CURIE
    (a full IRI such as https://…, or a local id such as org/shanxi-gtu)."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and local and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return None


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def curie(iri: str) -> str:
    """`iri` as prefix:local with the longest of our namespaces that holds it, our resources
    excepted (`gyr:org\\/x` is valid but hard to read); any other IRI whole."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


_BY_LENGTH = sorted(((p, ns) for p, ns in PREFIXES.items() if p != "gyr"), key=lambda p: -len(p[1]))


# --- resources: IRI <-> local id -------------------------------------------------------------


def resource_iri(local: str) -> str:
    """A resource from its local id, e.g. 'org/shanxi-gtu'."""
    return RESOURCE + local


def local_id(iri: str) -> str | None:
    """The local id of one of our resources ('org/shanxi-gtu'); None for any other IRI."""
    return iri[len(RESOURCE):] if iri.startswith(RESOURCE) else None


def short_form(iri: str) -> str:
    """An IRI as curators write it: a resource's local id, `gy:Term` for our vocabulary, any
    other IRI whole."""
    if iri.startswith(RESOURCE):
        return iri[len(RESOURCE):]
    if iri.startswith(VOCAB):
        return "gy:" + iri[len(VOCAB):]
    return iri


# --- local ids by kind -----------------------------------------------------------------------

EDITORS = "agent/gongyun-editors"
"""The Gongyun editors, the agent curated statements are attributed to."""
DATASET = "dataset"
"""The knowledge graph as a prov:Entity."""


def source_id(source: str) -> str:
    """A source text: source_id('001') is source/001."""
    return f"source/{source}"


def author_id(source: str) -> str:
    """The (unidentified) author of a source, whom judgements are attributed to."""
    return f"{source_id(source)}/author"


def claim_id(ident: str) -> str:
    """A claim from its id as the annotation files write it (001-c0012)."""
    return f"claim/{ident}"


def annotation_id(evidence: str, part: str | None = None) -> str:
    """The Web Annotation of evidence `evidence` (001-e0005), or one of its parts: `target`
    (the specific resource), `quote` and `position` (its two selectors)."""
    base = f"annotation/{evidence}"
    return f"{base}/{part}" if part else base


def quantity_id(claim: str) -> str:
    """The quantity a claim (001-c0013) states; minted per claim, never shared."""
    return f"quantity/{claim}"


def time_window_id(claim: str, role: str | None = None) -> str:
    """The time window a claim states (`time/001-c0012`), or one of its date qualifiers by
    role: as-of, from, until (`time/001-c0012-as-of`)."""
    return f"time/{claim}-{role}" if role else f"time/{claim}"


def instant_id(window: str, edge: str) -> str:
    """The begin or end instant (`edge`) of a time window (its local id or IRI)."""
    if edge not in ("begin", "end"):
        raise ValueError(f"an instant is the window's begin or end, not {edge!r}")
    return f"{window}/{edge}"


def scheme_id(scheme: str) -> str:
    """A SKOS concept scheme: scheme_id('unit') is concept/unit."""
    return f"concept/{scheme}"


def concept_id(scheme: str, concept: str) -> str:
    """A SKOS concept: concept_id('unit', 'tonne') is concept/unit/tonne."""
    return f"{scheme_id(scheme)}/{concept}"


def disagreement_id(ident: str) -> str:
    """A typed disagreement between claims, from its id in graph/curation/."""
    return f"disagreement/{ident}"


def reading_id(ident: str) -> str:
    """An editorial reading of a claim, from its id in graph/curation/."""
    return f"reading/{ident}"


def dataset_version_id(version: str) -> str:
    """A release of the dataset (X.Y.Z), its version IRI's local id: dataset/1.0.0."""
    return f"{DATASET}/{version}"


def ontology_version_iri(version: str) -> str:
    """The ontology's version IRI for release X.Y.Z."""
    return f"{ONTOLOGY_IRI}/{version}"


def build_id(fingerprint: str) -> str:
    """The PROV activity of the build whose inputs hash to `fingerprint`."""
    return f"build/{fingerprint[:16]}"


def place_geometry_id(place: str) -> str:
    """The GeoSPARQL geometry of a place (its local id, place/taiyuan, or its IRI)."""
    return f"{place}/geometry"


def place_part_of_id(place: str, n: int) -> str:
    """The `n`-th (1-based) dated part-of relation of a place."""
    return f"{place}/part-of/{n}"


def place_name_relation_id(place: str, n: int) -> str:
    """The `n`-th (1-based) name relation (renamed-to, merged-into, …) of a place."""
    return f"{place}/name-relation/{n}"


# --- new ids ---------------------------------------------------------------------------------

ENTITY_PREFIXES: dict[str, str] = {
    "org/": "Organization",
    "armed/": "ArmedUnit",
    "ent/": "Enterprise",
    "facility/": "Facility",
    "line/": "TransportRoute",
    "person/": "Person",
    "group/": "Group",
    "set/": "Collection",
    "work/": "Work",
    "event/": "Event",
}
"""The prefix of each kind of curated entity, with the class it defaults to."""
PLACE_PREFIX = "place/"
"""Places are declared in the gazetteer, under their own prefix."""

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What follows the prefix: lower-case ASCII words joined by single hyphens."""
# Claim and evidence ids as the annotation files write them: (source, number). Use fullmatch to
# check one; match finds the claim a node minted from it belongs to (time/001-c0012-as-of).
EVIDENCE_ID = re.compile(r"(\d{3})-e(\d{4})")
CLAIM_ID = re.compile(r"(\d{3})-c(\d{4})")
# `gongyun draft` numbers its proposals with six digits (paragraph, item: 003-c002001), so a
# drafted id never takes one a curator numbers with four.
DRAFT_EVIDENCE_ID = re.compile(r"(\d{3})-e(\d{6})")
DRAFT_CLAIM_ID = re.compile(r"(\d{3})-c(\d{6})")


def draft_item_id(source: str, letter: str, paragraph: int, n: int) -> str:
    """The id `gongyun draft` gives the `n`-th proposal of a kind in a paragraph: e evidence,
    c claim, m mention, v figure or date (003-c002001). Stable for the same text and lexicon."""
    if not SOURCE_ID.fullmatch(source) or letter not in "ecmv" or not 0 < paragraph < 1000 \
            or not 0 < n < 1000:
        raise ValueError(f"no draft id for {source!r} {letter!r} {paragraph} {n}")
    return f"{source}-{letter}{paragraph:03d}{n:03d}"
SOURCE_ID = re.compile(r"\d{3}")
SLUG_MAX = 60
_APOSTROPHES = str.maketrans("", "", "'’ʼ‘`")


def slug(text: str) -> str:
    """`text` (English or pinyin) as the hyphenated lower-case ASCII words of an id: tone marks
    and other accents dropped (Shānxī -> shanxi), apostrophes dropped (Workers' -> workers,
    Xi'an -> xian), every other run of non-alphanumerics one hyphen, at most SLUG_MAX characters
    cut at a word boundary. ValueError when nothing is left (Chinese text: give a romanised
    name)."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().translate(_APOSTROPHES)).strip("-")
    if not words:
        raise ValueError(f"{text!r} gives no id: give an English or pinyin name")
    while len(words) > SLUG_MAX and "-" in words:
        words = words.rsplit("-", 1)[0]
    return words[:SLUG_MAX]


def entity_prefix(kind: str) -> str:
    """The prefix of a kind of entity, given as a class local name (ArmedUnit, Place) or as the
    prefix itself (armed, armed/)."""
    prefix = kind if kind.endswith("/") else kind + "/"
    if prefix in ENTITY_PREFIXES or prefix == PLACE_PREFIX:
        return prefix
    by_class = {cls: p for p, cls in ENTITY_PREFIXES.items()} | {"Place": PLACE_PREFIX}
    if kind in by_class:
        return by_class[kind]
    raise ValueError(f"no id prefix for {kind!r}: use one of "
                     f"{', '.join(sorted(by_class))} or {', '.join(sorted(ENTITY_PREFIXES))}")


def new_local_id(kind: str, name: str, taken: Collection[str] = (),
                 source: str | None = None) -> str:
    """The local id for a new entity or place: its kind's prefix and the slug of `name` (its
    English name or pinyin), `<source>-` before the slug for an entity peculiar to one text
    (group/001-shanxi-workers), and `-2`, `-3`, … after it when the id is in `taken` (ids are
    stable once published and never reused).

        new_local_id("ArmedUnit", "Taiyuan Workers' Self-Defence Corps")
            -> armed/taiyuan-workers-self-defence-corps
        new_local_id("person", "Kāng Yǒnghé")  -> person/kang-yonghe
    """
    prefix = entity_prefix(kind)
    if source is not None and not SOURCE_ID.fullmatch(source):
        raise ValueError(f"source {source!r} is not a three-digit source id")
    base = prefix + (f"{source}-" if source else "") + slug(name)
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    return ident


def is_entity_id(local: str) -> bool:
    """Whether `local` is a well-formed entity or place id (prefix, then SLUG)."""
    prefix, sep, rest = local.partition("/")
    return bool(sep) and (prefix + "/" in ENTITY_PREFIXES or prefix + "/" == PLACE_PREFIX) \
        and SLUG.fullmatch(rest) is not None


def _next_number(source: str, taken: Iterable[str], pattern: re.Pattern[str]) -> int:
    if not SOURCE_ID.fullmatch(source):
        raise ValueError(f"source {source!r} is not a three-digit source id")
    numbers = [int(m.group(2)) for ident in taken
               if (m := pattern.fullmatch(ident.rsplit("/", 1)[-1])) and m.group(1) == source]
    return max(numbers, default=0) + 1


def next_claim_id(source: str, taken: Iterable[str]) -> str:
    """A new claim id for `source`: one past the highest of that source's ids in `taken` (ids as
    written, 001-c0012, or as local ids, claim/001-c0012), so no id is ever reused."""
    return f"{source}-c{_next_number(source, taken, CLAIM_ID):04d}"


def next_evidence_id(source: str, taken: Iterable[str]) -> str:
    """A new evidence id for `source` (<source>-e<NNNN>), as next_claim_id."""
    return f"{source}-e{_next_number(source, taken, EVIDENCE_ID):04d}"
