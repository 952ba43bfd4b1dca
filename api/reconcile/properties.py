"""The properties a table can pull from the graph (data extension) and match on (property
constraints), each read by one of the service's own SELECT queries through the store interface.

Every value keeps its source. A claim's value comes with the source that states it (gy:statedIn);
sources that disagree give several values, none hidden (the founding date of the Shanxi General
Trade Union: 1937-09-18 in source 001, 1937-10-08 in source 000). The reconciliation API has no
place for a source inside a value, so each property `p` has a companion `p@source` whose values
are the sources of `p`'s values, in the same order (OpenRefine puts both in the same record rows).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongyun.api.reconcile.index import ReconIndex
from gongyun.api.store import GraphStore, Term
from gongyun.namespaces import GEONAMES, MAPPINGS, local_id, resource_iri, sparql_prefixes

P = sparql_prefixes()
SOURCE_SUFFIX = "@source"
# the mapping table the codes come from, with the data set's name and version and the rule
ADCODE_MAPPINGS = MAPPINGS + "gazetteer-adcodes.sssom.tsv"

_CLAIM = P + """
SELECT ?e ?v ?src WHERE {{
  VALUES ?e {{ {ids} }}
  ?c gy:subject ?e ; gy:predicate {pred} ; gy:object ?v .
  OPTIONAL {{ ?c gy:statedIn ?src }}
  FILTER NOT EXISTS {{ ?c gy:rank gy:DeprecatedRank }}
}}"""

_EVENT_TIME = P + """
SELECT ?e ?v ?src WHERE {{
  VALUES ?e {{ {ids} }}
  ?c gy:subject ?ev ; gy:predicate {pred} ; gy:object ?e .
  ?t gy:subject ?ev ; gy:predicate gy:occurredWithin ; gy:object ?w .
  OPTIONAL {{ ?t gy:statedIn ?src }}
  FILTER NOT EXISTS {{ ?t gy:rank gy:DeprecatedRank }}
  OPTIONAL {{ ?w gy:edtf ?edtf }} OPTIONAL {{ ?w gy:asWritten ?written }}
  BIND(COALESCE(?{field}, ?written, ?edtf) AS ?v)
  FILTER(BOUND(?v))
}}"""

_PLAIN = P + """
SELECT ?e ?v ?src WHERE {{
  VALUES ?e {{ {ids} }}
  {pattern}
}}"""


@dataclass(frozen=True)
class Prop:
    id: str
    name: str
    description: str
    types: tuple[str, ...]  # the reconciliation types it is proposed for
    query: str  # with {ids}

    def sparql(self, ids: str) -> str:
        return self.query.replace("{ids}", ids)


def _claim(pred: str) -> str:
    return _CLAIM.format(ids="{ids}", pred=pred)


def _event_time(pred: str, field: str) -> str:
    return _EVENT_TIME.format(ids="{ids}", pred=pred, field=field)


def _plain(pattern: str) -> str:
    return _PLAIN.format(ids="{ids}", pattern=pattern)


BODIES = ("Organization", "ArmedUnit", "Enterprise")
PROPERTIES: tuple[Prop, ...] = (
    Prop("founded", "founding date (EDTF)", "when the body was founded, per source"
         " (a founding event's time window as EDTF)", BODIES,
         _event_time("gy:founds", "edtf")),
    Prop("founded_as_written", "founding date as written", "the founding date in the words of"
         " each source", BODIES, _event_time("gy:founds", "written")),
    Prop("based_at", "based at", "where the body was based (gy:basedAt claims)", BODIES,
         _claim("gy:basedAt")),
    Prop("located_in", "located in", "where it was (gy:locatedIn claims)",
         ("Enterprise", "Facility", "TransportRoute"), _claim("gy:locatedIn")),
    Prop("active_in", "active in", "where it was active (gy:activeIn claims)", BODIES,
         _claim("gy:activeIn")),
    Prop("parent", "parent body", "the body it was part of (gy:subOrganizationOf claims)",
         BODIES, _claim("gy:subOrganizationOf")),
    Prop("member_of", "member of", "bodies it belonged to (gy:memberOf claims)",
         BODIES + ("Person",), _claim("gy:memberOf")),
    Prop("led_by", "led by", "who directed it (gy:ledBy claims)", BODIES, _claim("gy:ledBy")),
    Prop("kind", "kind", "its kind as each source describes it (gy:hasKind claims)", BODIES,
         _claim("gy:hasKind")),
    Prop("part_of", "part of", "the places it is part of (gazetteer, current or undated)",
         ("Place",), _plain("?e gy:partOf ?v .")),
    Prop("place_type", "place type", "province, city, county… (gazetteer)", ("Place",),
         _plain("?e gy:placeType ?v .")),
    Prop("coordinates", "coordinates", "latitude,longitude (WGS84) with their provenance",
         ("Place", "Facility"),
         _plain("?e geo:hasGeometry ?g . ?g geo:asWKT ?v ."
                " OPTIONAL { ?g dcterms:source ?src }")),
    Prop("adcode", "present-day division code (GB/T 2260)", "the code of the present-day"
         " administrative division the place lies within or preceded (gy:presentDayDivisionCode,"
         " Wikidata P442); usable as an identifier in a query", ("Place",),
         _plain("?e gy:presentDayDivisionCode ?v ."
                f" BIND(<{ADCODE_MAPPINGS}> AS ?src)")),
    Prop("geonames", "GeoNames", "the GeoNames feature the gazetteer confirmed (skos:exactMatch)",
         ("Place",),
         _plain(f"?e skos:exactMatch ?v . FILTER(STRSTARTS(STR(?v), \"{GEONAMES}\"))")),
    Prop("name_en", "English name", "editorial English label", (), ""),
    Prop("name_pinyin", "pinyin", "editorial pinyin with tone marks", (), ""),
    Prop("aliases", "other names", "aliases and historical names", (), ""),
)
BY_ID = {p.id: p for p in PROPERTIES}
_FROM_INDEX = {"name_en": "en", "name_pinyin": "pinyin", "aliases": "aliases"}


def find(pid: str) -> Prop | None:
    return BY_ID.get(pid.removesuffix(SOURCE_SUFFIX))


def proposed(type_id: str | None) -> list[Prop]:
    return [p for p in PROPERTIES if not p.types or type_id is None or type_id in p.types]


def _wkt_point(text: str) -> str:
    """POINT(lon lat) -> "lat,lon", as OpenRefine and spreadsheets read coordinates, to 5
    decimals (the gazetteer's precision; Virtuoso keeps points in single precision, so its
    112.56 comes back as 112.55999755859)."""
    inner = text[text.find("(") + 1:text.rfind(")")].split()
    if len(inner) != 2:
        return text
    lon, lat = (f"{round(float(x), 5):.5f}".rstrip("0").rstrip(".") for x in inner)
    return f"{lat},{lon}"


def _value(term: Term, index: ReconIndex) -> dict:
    local = local_id(term.value) if term.is_iri else None
    if local is not None:
        entity = index.entities.get(local)
        return {"id": local, "name": entity.name if entity else local}
    if (term.datatype or "").endswith(("wktLiteral", "Geometry")) or (
            term.kind == "literal" and term.value.startswith("POINT(")):
        return {"str": _wkt_point(term.value)}
    return {"str": term.value}


def _source(term: Term | None, prop: Prop) -> dict:
    if term is None:
        return {"str": "gazetteer" if "Place" in prop.types else "curators"}
    local = local_id(term.value) if term.is_iri else None
    if local is not None:
        return {"id": local, "name": local}
    return {"str": term.value}


def values(store: GraphStore, index: ReconIndex, pid: str, locals_: list[str]
           ) -> dict[str, list[tuple[dict, dict]]]:
    """For each entity, its (value, source) pairs of property `pid`, distinct, in a stable
    order (by source, then value)."""
    prop = BY_ID[pid]
    out: dict[str, list[tuple[dict, dict]]] = {local: [] for local in locals_}
    if prop.id in _FROM_INDEX:
        for local in locals_:
            entity = index.entities.get(local)
            for text in getattr(entity, _FROM_INDEX[prop.id]) if entity else []:
                out[local].append(({"str": text}, {"str": "curators"}))
        return out
    known = [x for x in locals_ if x in index.entities]
    if not known:
        return out
    ids = " ".join(f"<{resource_iri(x)}>" for x in known)  # local ids come from the index only
    pairs: dict[str, dict[str, tuple[dict, dict]]] = {x: {} for x in known}
    for row in store.select(prop.sparql(ids)):
        local = local_id(row["e"].value)
        value, source = _value(row["v"], index), _source(row.get("src"), prop)
        pairs[local][repr((source, value))] = (value, source)
    for local, found in pairs.items():
        out[local] = [found[k] for k in sorted(found)]
    return out
