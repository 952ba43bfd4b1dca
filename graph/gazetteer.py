"""The gazetteer (graph/gazetteer/places.yaml) as RDF in the named graph gyg:gazetteer.

The gazetteer graph holds everything about places: their labels (the entities graph holds no
places), type, part-of relations with their spans, coordinates with their provenance, name
relations, historical names and verified GeoNames matches. Every node has an IRI under the
place's own (no blank nodes):

    gyr:place/hankou                      a gy:Place ; rdfs:label …; gy:placeType …;
                                          gy:partOf gyr:place/wuhan (undated or current) ;
                                          geo:hasGeometry gyr:place/hankou/geometry
    gyr:place/hankou/part-of/1            a gy:PlacePartOf ; gy:part …; gy:whole gyr:place/hubei ;
                                          gy:endDate "1949"^^xsd:gYear ; gy:partOfKind …
    gyr:place/hankou/geometry             a geo:Geometry ; geo:asWKT "POINT(114.28 30.58)" ;
                                          gy:coordinatePrecision gy:ApproximateCoordinates
    gyr:place/hankou/name-relation/1      a gy:PlaceNameRelation ; gy:relationType gy:MergedInto ;
                                          gy:relatedPlace gyr:place/wuhan ; gy:date "1949"
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from gongyun import namespaces as iris
from gongyun.graph import terms as t
from gongyun.graph.yamlfile import load_plain
from gongyun.paths import PLACES_FILE, VOCAB_DIR

GAZETTEER_GRAPH = "gazetteer"
PLACE_TYPES_FILE = VOCAB_DIR / "place-types.yaml"
CURATOR = "curator"

PRECISIONS = {
    "confirmed": "ConfirmedCoordinates",
    "approximate": "ApproximateCoordinates",
    "province": "ProvinceLevelCoordinates",
}
RELATIONS = {
    "renamed-to": "RenamedTo",
    "renamed-with-boundary-change": "RenamedWithBoundaryChange",
    "merged-into": "MergedInto",
    "abolished": "Abolished",
    "also-known-as": "AlsoKnownAs",
}
PART_OF_KINDS = {"administrative": "AdministrativePartOf", "geographic": "GeographicPartOf"}
# China's extent, generously: every located place in the gazetteer lies inside it.
LAT_RANGE = (18.0, 54.0)
LON_RANGE = (73.0, 135.0)

_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
REQUIRED = ("id", "zh", "en", "pinyin", "type")


@dataclass(frozen=True)
class ConfirmedPoint:
    """A point a named data set confirms for a place that has only a curator's estimate
    (gongyun.graph.adcodes.confirmations); `comment` says how far the estimate was."""

    lat: float
    lon: float
    source: str  # the data set and its version, as dcterms:source
    derived_from: str  # the data set's IRI, as prov:wasDerivedFrom
    comment: str


def load_places(path: Path = PLACES_FILE) -> list[dict[str, Any]]:
    """The gazetteer's entries, as written (no line marks)."""
    data = load_plain(path) or []
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of places")
    return data


def load_place_types(path: Path = PLACE_TYPES_FILE) -> dict[str, dict[str, Any]]:
    """Place types by local id ('city'), from the concept/place-type scheme."""
    data = load_plain(path) or []
    return {str(c["id"]).rsplit("/", 1)[1]: c for c in data}


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def date_literal(value: Any) -> Literal:
    """A year, year-month or day as the matching XSD literal."""
    text = str(value)
    if _YEAR.match(text):
        return t.typed(text, "gYear")
    if _YEAR_MONTH.match(text):
        return t.typed(text, "gYearMonth")
    if _DAY.match(text):
        return t.typed(text, "date")
    raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")


def validate(places: list[dict[str, Any]], types: dict[str, dict[str, Any]]) -> list[str]:
    """Everything wrong with the gazetteer, one message per problem (empty when it is sound)."""
    problems: list[str] = []
    ids = [str(p.get("id")) for p in places]
    known = set(ids)
    seen: set[str] = set()
    for place in places:
        pid = str(place.get("id"))
        where = pid
        if pid in seen:
            problems.append(f"{where}: declared twice")
        seen.add(pid)
        if not (pid.startswith(iris.PLACE_PREFIX) and iris.is_entity_id(pid)):
            problems.append(f"{where}: id is not place/<lower-case-hyphenated>")
        for key in REQUIRED:
            if not place.get(key):
                problems.append(f"{where}: no {key}")
        if place.get("type") and place["type"] not in types:
            problems.append(f"{where}: type {place['type']!r} not in place-types.yaml")
        for n, part in enumerate(place.get("part_of") or [], 1):
            target = str(part.get("place"))
            if target not in known:
                problems.append(f"{where}: part_of {n} names unknown place {target}")
            if target == pid:
                problems.append(f"{where}: part_of itself")
            if part.get("kind", "administrative") not in PART_OF_KINDS:
                problems.append(f"{where}: part_of {n} kind {part.get('kind')!r} unknown")
            if not part.get("source"):
                problems.append(f"{where}: part_of {n} has no source")
            for key in ("from", "until"):
                if part.get(key) is not None:
                    try:
                        date_literal(part[key])
                    except ValueError as exc:
                        problems.append(f"{where}: part_of {n} {key}: {exc}")
        problems.extend(_coordinate_problems(place))
        for n, rel in enumerate(place.get("names") or [], 1):
            if rel.get("relation") not in RELATIONS:
                problems.append(f"{where}: name relation {n} {rel.get('relation')!r} unknown")
            target = rel.get("target")
            if target is not None and str(target) not in known:
                problems.append(f"{where}: name relation {n} names unknown place {target}")
            if rel.get("date") is not None:
                try:
                    date_literal(rel["date"])
                except ValueError as exc:
                    problems.append(f"{where}: name relation {n}: {exc}")
        for n, hist in enumerate(place.get("historical_names") or [], 1):
            if not hist.get("name") or not hist.get("lang"):
                problems.append(f"{where}: historical name {n} needs name and lang")
    return problems


def _coordinate_problems(place: dict[str, Any]) -> list[str]:
    pid = place.get("id")
    coords = place.get("coordinates")
    out: list[str] = []
    if coords is None:
        if place.get("geonames"):
            out.append(f"{pid}: geonames id without coordinates")
        return out
    lat, lon = coords.get("lat"), coords.get("lon")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return [f"{pid}: coordinates need numeric lat and lon"]
    if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
        out.append(f"{pid}: coordinates {lat}, {lon} outside China's extent")
    precision = coords.get("precision")
    if precision not in PRECISIONS:
        out.append(f"{pid}: coordinate precision {precision!r} unknown")
    if not coords.get("source"):
        out.append(f"{pid}: coordinates have no source")
    if precision == "approximate" and not coords.get("reason"):
        out.append(f"{pid}: approximate coordinates need a reason")
    if place.get("geonames") and precision != "confirmed":
        out.append(f"{pid}: a geonames id goes with confirmed coordinates")
    if precision == "confirmed" and not place.get("geonames"):
        out.append(f"{pid}: confirmed coordinates name the GeoNames id that confirms them")
    return out


def gazetteer_quads(path: Path, types_path: Path = PLACE_TYPES_FILE,
                    points: Mapping[str, ConfirmedPoint | str] | None = None) -> list[Quad]:
    """The gazetteer graph; raises ValueError listing every problem when the file is unsound.

    `points` (from gongyun.graph.adcodes.confirmations): place id -> a point a packaged data
    set confirms, which replaces the curator's approximate estimate, or, for a place GeoNames
    confirmed (kept), a sentence comparing that data set's point with GeoNames'."""
    return place_quads(load_places(path), load_place_types(types_path), points)


def place_quads(places: list[dict[str, Any]], types: dict[str, dict[str, Any]],
                points: Mapping[str, ConfirmedPoint | str] | None = None) -> list[Quad]:
    """The gazetteer graph of `places`, as gazetteer_quads; ValueError listing every problem
    when they are unsound."""
    problems = validate(places, types)
    if problems:
        raise ValueError("; ".join(problems))
    sink = t.QuadSink()
    for place in places:
        _place(place, types, sink, (points or {}).get(str(place["id"])))
    return sink.quads


def _place(place: dict[str, Any], types: dict[str, dict[str, Any]], sink: t.QuadSink,
           point: ConfirmedPoint | str | None = None) -> None:
    g = t.graph(GAZETTEER_GRAPH)
    pid = str(place["id"])
    s = t.res(pid)
    label = t.ns("rdfs", "label")
    sink.add(s, t.RDF_TYPE, t.gy("Place"), g)
    if types[place["type"]].get("facility"):
        sink.add(s, t.RDF_TYPE, t.gy("Facility"), g)
    sink.add(s, t.gy("placeType"), t.res(iris.concept_id("place-type", place["type"])), g)
    sink.add(s, label, t.zh(str(place["zh"])), g)
    sink.add(s, label, t.en(str(place["en"])), g)
    sink.add(s, label, t.pinyin(str(place["pinyin"])), g)
    for alias in dict.fromkeys(str(a) for a in place.get("aliases") or []):
        if alias != place["zh"]:
            sink.add(s, t.ns("skos", "altLabel"), t.zh(alias), g)
    for hist in place.get("historical_names") or []:
        sink.add(
            s, t.ns("skos", "hiddenLabel"), Literal(str(hist["name"]), language=hist["lang"]), g
        )
    if place.get("note"):
        sink.add(s, t.ns("rdfs", "comment"), t.en(str(place["note"])), g)
    for n, part in enumerate(place.get("part_of") or [], 1):
        _part_of(s, pid, n, part, sink)
    _geometry(s, pid, place, sink, point)
    for n, rel in enumerate(place.get("names") or [], 1):
        node = t.res(iris.place_name_relation_id(pid, n))
        sink.add(s, t.gy("hasNameRelation"), node, g)
        sink.add(node, t.RDF_TYPE, t.gy("PlaceNameRelation"), g)
        sink.add(node, t.gy("relationType"), t.gy(RELATIONS[rel["relation"]]), g)
        if rel.get("target"):
            sink.add(node, t.gy("relatedPlace"), t.res(str(rel["target"])), g)
        if rel.get("date") is not None:
            sink.add(node, t.gy("date"), date_literal(rel["date"]), g)
        if rel.get("note"):
            sink.add(node, t.ns("rdfs", "comment"), t.en(str(rel["note"])), g)
        sink.add(node, t.ns("prov", "wasAttributedTo"), t.res(iris.EDITORS), g)
    # Links out (skos:exactMatch / closeMatch to GeoNames) live in gyg:links, generated from the
    # SSSOM table with their justification and confidence (gongyun.graph.linksout).


def _part_of(s: NamedNode, pid: str, n: int, part: dict[str, Any], sink: t.QuadSink) -> None:
    g = t.graph(GAZETTEER_GRAPH)
    node = t.res(iris.place_part_of_id(pid, n))
    whole = t.res(str(part["place"]))
    sink.add(node, t.RDF_TYPE, t.gy("PlacePartOf"), g)
    sink.add(node, t.gy("part"), s, g)
    sink.add(node, t.gy("whole"), whole, g)
    kind = part.get("kind", "administrative")
    sink.add(node, t.gy("partOfKind"), t.gy(PART_OF_KINDS[kind]), g)
    if part.get("from") is not None:
        sink.add(node, t.gy("startDate"), date_literal(part["from"]), g)
    if part.get("until") is not None:
        sink.add(node, t.gy("endDate"), date_literal(part["until"]), g)
    _source(node, part.get("source"), sink)
    if part.get("until") is None:
        # the current or undated relation also as a plain triple, for one-hop queries
        sink.add(s, t.gy("partOf"), whole, g)


def _source(node: NamedNode, source: Any, sink: t.QuadSink) -> None:
    g = t.graph(GAZETTEER_GRAPH)
    if source == CURATOR:
        sink.add(node, t.ns("prov", "wasAttributedTo"), t.res(iris.EDITORS), g)
    else:
        sink.add(node, t.ns("dcterms", "source"), Literal(str(source)), g)


def _geometry(s: NamedNode, pid: str, place: dict[str, Any], sink: t.QuadSink,
              point: ConfirmedPoint | str | None = None) -> None:
    coords = place.get("coordinates")
    if coords is None:
        return
    g = t.graph(GAZETTEER_GRAPH)
    geom = t.res(iris.place_geometry_id(pid))
    confirmed = point if isinstance(point, ConfirmedPoint) and not place.get("geonames") else None
    if confirmed is not None:
        coords = {"lat": confirmed.lat, "lon": confirmed.lon, "precision": "confirmed",
                  "source": confirmed.source, "reason": confirmed.comment}
    sink.add(s, t.ns("geo", "hasGeometry"), geom, g)
    sink.add(geom, t.RDF_TYPE, t.ns("geo", "Geometry"), g)
    wkt = f"POINT({_num(coords['lon'])} {_num(coords['lat'])})"
    sink.add(geom, t.ns("geo", "asWKT"), Literal(wkt, datatype=t.ns("geo", "wktLiteral")), g)
    sink.add(geom, t.gy("coordinatePrecision"), t.gy(PRECISIONS[coords["precision"]]), g)
    _source(geom, coords.get("source"), sink)
    derived = (iris.geonames_iri(int(place["geonames"])) if place.get("geonames")
               else confirmed.derived_from if confirmed is not None else None)
    if derived:
        sink.add(geom, t.ns("prov", "wasDerivedFrom"), NamedNode(derived), g)
    if coords.get("reason"):
        sink.add(geom, t.ns("rdfs", "comment"), t.en(str(coords["reason"])), g)
    if isinstance(point, str) and place.get("geonames"):
        sink.add(geom, t.ns("rdfs", "comment"), t.en(point), g)


def _num(value: float) -> str:
    return format(float(value), "g") if abs(float(value)) < 1e6 else str(value)
