"""What the map draws: every place with coordinates, by how sure the coordinates are, and the
relocation routes (gy:origin, gy:via, gy:destination claims of a gy:Relocation or
gy:RelocationLeg).

A route's tonnage comes only from a claim about that route (gy:weight with the route as its
subject), shown with its qualifier, its words as written and its source. A figure given for
what a route relocated is not the route's: 105万余吨 belongs to all the factories that reached
Guanzhong, not to those of them that moved on to Sichuan. A deprecated claim is listed, struck
through, and never sets a line's width."""

from __future__ import annotations

import re

from gongyun.api import entity
from gongyun.api.pages import i18n
from gongyun.api.pages.find import sort_key
from gongyun.api.store import GraphStore
from gongyun.namespaces import VOCAB, concept_id, local_id, resource_iri

TONNE = resource_iri(concept_id("unit", "tonne"))
DEPRECATED = VOCAB + "DeprecatedRank"
_POINT = re.compile(r"POINT\s*\(\s*([-\d.]+)\s+([-\d.]+)\s*\)", re.I)

PLACES = entity.P + """
SELECT ?p ?wkt ?prec ?type WHERE { ?p a gy:Place ; geo:hasGeometry ?g . ?g geo:asWKT ?wkt .
  OPTIONAL { ?g gy:coordinatePrecision ?prec } OPTIONAL { ?p gy:placeType ?type } }"""
ROUTES = entity.P + """
SELECT ?ev ?role ?place ?c WHERE { ?ev a ?cls . VALUES ?cls { gy:Relocation gy:RelocationLeg }
  ?c gy:subject ?ev ; gy:predicate ?role ; gy:object ?place .
  VALUES ?role { gy:origin gy:via gy:destination } } ORDER BY ?ev ?c"""
TONNAGES = entity.P + f"""
SELECT ?ev ?c ?value ?lower ?upper ?written ?qualifier ?source ?by ?rank WHERE {{
  ?ev a ?cls . VALUES ?cls {{ gy:Relocation gy:RelocationLeg }}
  ?c a gy:Claim ; gy:subject ?ev ; gy:predicate gy:weight ; gy:object ?q .
  ?q gy:unit <{TONNE}> ; gy:value ?value .
  OPTIONAL {{ ?q gy:lowerBound ?lower }} OPTIONAL {{ ?q gy:upperBound ?upper }}
  OPTIONAL {{ ?q gy:asWritten ?written }} OPTIONAL {{ ?q gy:qualifier ?qualifier }}
  OPTIONAL {{ ?c gy:statedIn ?source }} OPTIONAL {{ ?c prov:wasAttributedTo ?by }}
  OPTIONAL {{ ?c gy:rank ?rank }} }} ORDER BY ?ev ?c"""


def _v(row: dict, name: str) -> str | None:
    return row[name].value if name in row else None


def map_data(store: GraphStore, base: str, lang: str) -> dict:
    places = {}
    for row in store.select(PLACES):
        m = _POINT.search(row["wkt"].value)
        if not m or row["p"].value in places:
            continue
        places[row["p"].value] = {
            "iri": row["p"].value, "url": entity.public_url(row["p"].value, base),
            "ll": [float(m.group(2)), float(m.group(1))],
            "precision": (_v(row, "prec") or VOCAB + "ApproximateCoordinates"),
            "province": (_v(row, "type") or "").endswith("place-type/province")}
    routes: dict[str, dict] = {}
    for row in store.select(ROUTES):
        r = routes.setdefault(row["ev"].value, {"iri": row["ev"].value, "origin": [], "via": [],
                                                "destination": [], "tonnage": []})
        role = row["role"].value.rsplit("#", 1)[-1]
        if row["place"].value not in r[role]:
            r[role].append(row["place"].value)
    for row in store.select(TONNAGES):
        if row["ev"].value not in routes:
            continue
        routes[row["ev"].value]["tonnage"].append({
            "claim": row["c"].value, "id": row["c"].value.rsplit("/", 1)[-1],
            "url": entity.public_url(row["c"].value, base),
            "value": float(row["value"].value),
            "lower": float(row["lower"].value) if "lower" in row else None,
            "upper": float(row["upper"].value) if "upper" in row else None,
            "written": _v(row, "written"), "qualifier": _v(row, "qualifier"),
            "source": _v(row, "source") or _v(row, "by"),
            "deprecated": _v(row, "rank") == DEPRECATED})
    names = entity.labels_of(store, set(places) | set(routes) | {
        x for r in routes.values() for x in [t["qualifier"] for t in r["tonnage"]]
        + [t["source"] for t in r["tonnage"]] + r["origin"] + r["via"] + r["destination"]
        if x} | {p["precision"] for p in places.values()})

    def name(iri: str | None) -> str:
        return i18n.label(names.get(iri), lang, local_id(iri or "") or iri or "")

    for p in places.values():
        p["label"] = name(p["iri"])
        p["zh"] = names.get(p["iri"], {}).get("zh", "")
        p["precision_label"] = name(p["precision"])
        p["precision"] = p["precision"].rsplit("#", 1)[-1]
    drawn = []
    for r in routes.values():
        ends = [o for o in r["origin"] if o in places], [d for d in r["destination"] if d in places]
        if not ends[0] or not ends[1]:
            continue
        for t in r["tonnage"]:
            t["qualifier_label"] = name(t["qualifier"]) if t["qualifier"] else None
            source = local_id(t["source"] or "") or ""
            # a source text by its number (the reader opens it); a curator by name
            t["source_label"] = (f"{i18n.WORDS['source'][lang]} {source.rsplit('/', 1)[-1]}"
                                 if source.startswith("source/") else name(t["source"]))
            t["source_url"] = (f"{base}/sources/{source.rsplit('/', 1)[-1]}"
                               if source.startswith("source/") else
                               entity.public_url(t["source"], base) if t["source"] else None)
        believed = [t["lower"] if t["lower"] is not None else t["value"]
                    for t in r["tonnage"] if not t["deprecated"]]
        drawn.append({**r, "url": entity.public_url(r["iri"], base), "label": name(r["iri"]),
                      "tonnes": max(believed) if believed else None,
                      "legs": [[places[o]["ll"], *[places[v]["ll"] for v in r["via"]
                                                   if v in places], places[d]["ll"]]
                               for o in ends[0] for d in ends[1]],
                      "ends": {"origin": [name(o) for o in r["origin"]],
                               "via": [name(v) for v in r["via"]],
                               "destination": [name(d) for d in r["destination"]]},
                      "province": [places[d]["zh"] for d in ends[1] if places[d]["province"]]})
    drawn.sort(key=lambda r: (r["tonnes"] is None, -(r["tonnes"] or 0),
                              sort_key(r["label"], lang, r["iri"])))
    return {"places": sorted(places.values(), key=lambda p: sort_key(p["label"], lang, p["iri"])),
            "routes": drawn}
