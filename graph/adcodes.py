"""Present-day administrative codes (GB/T 2260) for the gazetteer's places, matched with guards
against the packaged data set (gongyun.graph.divisions), never by name alone.

The rule (`match_all`), in three stages:

A. Provinces, and cities or colonies directly under China (北京, 上海, 重庆, 香港): their name
   matches a province-level division (山西 = 山西省, 广西 = 广西壮族自治区).
B. Every other place whose type can lie within a division (county, city, district, town,
   village, mining area, mine, port): its name or an alias, with or without its administrative
   suffix (磁县, 淮南矿区 -> 淮南), matches a county- or prefecture-level division, AND that
   division's province is a province the graph puts the place in (its current part-of
   relations, administrative or geographic, followed up to a place linked in stage A). A name
   match in another province is refused and recorded (西安 of Liaoyuan, Jilin, is not 西安市 of
   Shaanxi; 林西 of Tangshan, Hebei, is not 林西县 of Inner Mongolia). Several matches in the
   province are resolved by the place's type or left ambiguous: a county goes to the prefecture
   of its name when the county of that name lies within it (岳阳 -> 岳阳市, which holds all of the
   1937 county; 岳阳县 is only its southern part), else to the county (井陉 -> 井陉县, not
   井陉矿区); a city to the prefecture-level city; a town, mine or port to the district.
C. A place with no match of its own takes its successor's code through the gazetteer's name
   relations (北平 renamed-to 北京; 万县 renamed-with-boundary-change 万州; 汉口 merged-into
   武汉), when the successor's division is in a province the graph gives the place.

Regions, base areas, former provinces, rivers, passes, stations and the like are not linked: no
single division is what they lie within or became, and their names name none.

The code names a division of today. The graph says so with gy:presentDayDivisionCode ("lies
within, or is the predecessor of, the present-day division with this code"), never owl:sameAs
(ontology/gongyun.ttl). Links live in the SSSOM table graph/mappings/gazetteer-adcodes.sssom.tsv
(each row says the rule that made it; rows with predicate_modifier Not record the name matches
the province guard refused); every place's outcome, linked or not and why, and what happened to
its coordinates, is in graph/mappings/gazetteer-adcodes.report.tsv. Both are written by
`python -m gongyun.graph.adcodes --write` and checked by `--check` (a test runs it).

Coordinates: where the data set gives a point for the division a settlement (city, county,
district, port) is linked to by its own name or a same-extent rename, and the point lies within
CONFIRM_KM of the curator's independent estimate, the build makes the place's coordinates
confirmed with that provenance (`confirmations`). GeoNames confirmations are kept; the two are
compared and a distance beyond CONFIRM_KM is recorded as a disagreement.
"""

from __future__ import annotations

import argparse
import csv
import io
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from gongyun.graph import divisions as dv
from gongyun.graph.gazetteer import ConfirmedPoint, load_places
from gongyun.graph.linksout import LINKS_GRAPH, read_sssom, render, sync
from gongyun.namespaces import (
    CC_BY,
    MAPPINGS,
    PREFIXES,
    RESOURCE,
    VOCAB,
    graph_iri,
    resource_iri,
    term,
)
from gongyun.paths import PLACES_FILE

HERE = Path(__file__).resolve().parent
SSSOM_FILE = HERE / "mappings" / "gazetteer-adcodes.sssom.tsv"
REPORT_FILE = HERE / "mappings" / "gazetteer-adcodes.report.tsv"
MAPPING_SET = MAPPINGS + SSSOM_FILE.name
PREDICATE = "gy:presentDayDivisionCode"
CHINA = "place/china"
# A data set point farther than this from the curator's estimate (or from GeoNames' point)
# confirms nothing: the seat moved, or the identification is wrong. 10 km is a county seat's
# town and its suburbs; the largest distance among the confirmations is printed by --write.
CONFIRM_KM = 10.0

TOP_TYPES = {"province", "city", "colony"}  # stage A when directly under China
LINKABLE = {"county", "city", "district", "town", "village", "mining-area", "mine", "port",
            "colony", "province"}
POINT_TYPES = {"city", "county", "district", "port"}
NOT_LINKED = {
    "country": "the country as a whole: GB/T 2260 codes divide it",
    "former-province": "abolished; no present-day division continues it as a whole",
    "leased-territory": "abolished; no present-day division continues it as a whole",
    "region": "a region without one administrative boundary: no single division is what it"
              " lies within or became",
    "base-area": "a war-time base area across several provinces' counties: no single division",
}
FEATURE = ("a {type} (a feature or facility, not an administrative unit): its name names no"
           " division; the place it is part of may carry a code")
PLACE_SUFFIXES = ("矿区", "地区", "省", "市", "县", "区")
SUCCESSORS = ("renamed-to", "renamed-with-boundary-change", "merged-into")
# Rules, as the SSSOM rows name them (curation_rule_text starts with the rule and a colon).
OWN, BY_TYPE = "own-name", "own-name-by-type"
CONFIDENCE = {OWN: 0.95, BY_TYPE: 0.85, "renamed-to": 0.9,
              "renamed-with-boundary-change": 0.8, "merged-into": 0.8}
# Kinds of division each place type prefers when its name matches several in its province.
PREFERENCE = {
    "county": ("county", "city", "district", "other", "prefecture"),
    "city": ("prefecture", "city", "district", "county", "other"),
    "district": ("district", "city", "county", "other", "prefecture"),
}
DEFAULT_PREFERENCE = ("district", "city", "county", "other", "prefecture")


@dataclass
class Refusal:
    division: dv.Division
    reason: str


@dataclass
class Outcome:
    place: dict[str, Any]
    division: dv.Division | None = None
    rule: str = ""
    matched: str = ""  # the name that matched
    match_field: str = ""  # rdfs:label or skos:altLabel
    via: str = ""  # successor place id
    why: str = ""  # for a link: what made it; otherwise why there is none
    others: list[dv.Division] = field(default_factory=list)  # set aside by the type rule
    refused: list[Refusal] = field(default_factory=list)

    @property
    def pid(self) -> str:
        return str(self.place["id"])


class Matcher:
    def __init__(self, places: list[dict[str, Any]], data: dv.DataSet):
        self.places = {str(p["id"]): p for p in places}
        self.data = data
        self.by_name: dict[str, list[dv.Division]] = {}
        for d in data.divisions.values():
            for key in dict.fromkeys((d.name, d.base)):
                self.by_name.setdefault(key, []).append(d)
        self.outcomes: dict[str, Outcome] = {}

    def run(self) -> dict[str, Outcome]:
        """Provinces and places directly under China first (their own names, then through a
        successor: 北平 -> 北京), so that every other place can be checked against them."""
        top = [p for p in self.places.values() if self._is_top(p)]
        rest = sorted((p for p in self.places.values() if not self._is_top(p)), key=self._depth)
        for group, own in ((top, self._top), (rest, self._own)):
            for place in group:
                self.outcomes[str(place["id"])] = own(place)
            for place in group:
                out = self.outcomes[str(place["id"])]
                if out.division is None and not out.others and place.get("type") in LINKABLE:
                    self._successor(out)
        return {pid: self.outcomes[pid] for pid in self.places}

    # -- the place's own name --------------------------------------------------------------

    def _is_top(self, place: dict[str, Any]) -> bool:
        """A province, or a city or colony directly under China named like a province-level
        division (南京, under China in 1937-45 but in 江苏 today, is not)."""
        if place.get("type") == "province":
            return True
        return (place.get("type") in TOP_TYPES and CHINA in self._parents(place, admin=True)
                and any(d.level == "province" for d, _, _ in self._found(place)))

    def _parents(self, place: dict[str, Any], admin: bool = False) -> list[str]:
        """The places it is part of now; for a place whose relations all ended (万县, 1998),
        those it was part of last."""
        parts = [p for p in place.get("part_of") or []
                 if not admin or p.get("kind", "administrative") == "administrative"]
        current = [p for p in parts if p.get("until") is None]
        if not current and parts:
            last = max(str(p["until"]) for p in parts)
            current = [p for p in parts if str(p["until"]) == last]
        return [str(p["place"]) for p in current]

    def _depth(self, place: dict[str, Any], seen: frozenset[str] = frozenset()) -> int:
        """How many places up its part-of chain goes: a place after the places it is in."""
        parents = [p for p in self._parents(place) if p in self.places and p not in seen]
        return 1 + max((self._depth(self.places[p], seen | {str(place["id"])})
                        for p in parents), default=0)

    def _ancestors(self, place: dict[str, Any]) -> list[str]:
        found, queue = [], deque(self._parents(place))
        while queue:
            pid = queue.popleft()
            if pid in found or pid not in self.places:
                continue
            found.append(pid)
            queue.extend(self._parents(self.places[pid]))
        return found

    def _names(self, place: dict[str, Any]) -> list[tuple[str, str]]:
        names = [(str(place["zh"]), "rdfs:label")]
        for alias in place.get("aliases") or []:
            alias = str(alias)
            if not any(c in alias for c in " ()（）") and alias != place["zh"]:
                names.append((alias, "skos:altLabel"))
        return names

    def _found(self, place: dict[str, Any]) -> list[tuple[dv.Division, str, str]]:
        """Divisions whose name is one of the place's, as (division, name, field); a division
        named exactly like the place comes before one that only shares the bare name."""
        exact, bare = [], []
        for name, where in self._names(place):
            base = dv.strip_suffix(name, PLACE_SUFFIXES)
            for d in self.by_name.get(name, []):
                if d.name == name:
                    exact.append((d, name, where))
                elif len(name) > 1:
                    bare.append((d, name, where))
            if base != name and len(base) > 1:  # 南县 is not 南区: one character is no name
                bare += [(d, name, where) for d in self.by_name.get(base, [])]
        seen: dict[str, tuple[dv.Division, str, str]] = {}
        for item in exact + bare:
            seen.setdefault(item[0].code, item)
        return list(seen.values())

    def _top(self, place: dict[str, Any]) -> Outcome:
        out = Outcome(place)
        found = [f for f in self._found(place) if f[0].level == "province"]
        if len(found) == 1:
            d, name, where = found[0]
            out.division, out.rule, out.matched, out.match_field = d, OWN, name, where
            out.why = (f"{name} = {d.name}, a province-level division;"
                       f" {'a province' if place['type'] == 'province' else 'directly under China'}"
                       " in the graph")
        elif found:
            out.why = "ambiguous: " + ", ".join(f"{d.name} {d.code}" for d, _, _ in found)
        else:
            out.why = "no province-level division has this name"
        return out

    def provinces(self, place: dict[str, Any]) -> dict[str, str]:
        """Province-level codes the graph puts the place in (current part-of, any kind,
        up to a place linked at province level), with the place id that says so."""
        return self._linked_ancestors(place, "province")

    def _linked_ancestors(self, place: dict[str, Any], level: str) -> dict[str, str]:
        found: dict[str, str] = {}
        for pid in self._ancestors(place):
            out = self.outcomes.get(pid)
            if out and out.division is not None and out.division.level == level:
                found.setdefault(out.division.code, pid)
        return found

    def _own(self, place: dict[str, Any]) -> Outcome:
        out = Outcome(place)
        kind = place.get("type")
        if kind not in LINKABLE:
            out.why = NOT_LINKED.get(kind) or FEATURE.format(type=kind)
            return out
        found = [f for f in self._found(place) if f[0].level != "province"]
        if not found:
            out.why = "no division of this name"
            return out
        provinces = self.provinces(place)
        if not provinces:
            out.why = "the graph puts it in no province to check a name match against"
            return out
        allowed = []
        for d, name, where in found:
            if d.province_code in provinces:
                allowed.append((d, name, where))
            else:
                theirs = self.data.divisions.get(d.province_code)
                ours = ", ".join(self.data.divisions[c].name for c in provinces)
                out.refused.append(Refusal(d, f"name {name} matches {d.name} {d.code}, which is"
                                              f" in {theirs.name if theirs else d.province_code};"
                                              f" the graph puts {place['zh']} in {ours}"))
        if not allowed:
            out.why = ("its name matches only divisions in other provinces: "
                       + "; ".join(r.reason for r in out.refused))
            return out
        chosen, others = self._pick(kind, allowed, self._linked_ancestors(place, "prefecture"))
        if chosen is None:
            out.others = [d for d, _, _ in allowed]
            out.why = ("ambiguous: " + ", ".join(f"{self.data.names(d.code)} {d.code}"
                                                 for d in out.others)
                       + f"; the type ({kind}) does not decide")
            return out
        d, name, where = chosen
        province = self.data.divisions[d.province_code].name
        out.division, out.matched, out.match_field, out.others = d, name, where, others
        out.rule = OWN if not others else BY_TYPE
        out.why = (f"name {name} matches {d.name}; its province {province} is the graph's"
                   f" ({provinces[d.province_code]})")
        if others:
            out.why += (f"; {kind} rule over " + ", ".join(f"{o.name} {o.code}" for o in others))
        return out

    def _pick(self, kind: str, allowed: list[tuple[dv.Division, str, str]],
              prefectures: dict[str, str]
              ) -> tuple[tuple[dv.Division, str, str] | None, list[dv.Division]]:
        """One of several matches in the province: named exactly like the place; within a
        prefecture-level city the graph puts it in (铁西 of 沈阳, not of 鞍山); by type."""
        if len(allowed) == 1:
            return allowed[0], []
        for narrower in ([a for a in allowed if a[0].name == a[1]],
                         [a for a in allowed if a[0].prefecture_code in prefectures
                          and a[0].level == "county"]):
            if len(narrower) == 1:
                return narrower[0], [d for d, _, _ in allowed if d is not narrower[0][0]]
        if kind == "county":
            # the prefecture named after the county holds the county of that name: the 1937
            # county lies within the prefecture; the county of today may be only part of it
            prefectures = [a for a in allowed if a[0].level == "prefecture"]
            rest = [a for a in allowed if a[0].level != "prefecture"]
            if len(prefectures) == 1 and all(
                    a[0].prefecture_code == prefectures[0][0].code for a in rest):
                return prefectures[0], [d for d, _, _ in rest]
        order = PREFERENCE.get(kind, DEFAULT_PREFERENCE)

        def rank(d: dv.Division) -> int:
            label = "prefecture" if d.level == "prefecture" else d.kind
            return order.index(label) if label in order else len(order)

        ranked = sorted(allowed, key=lambda a: rank(a[0]))
        if rank(ranked[0][0]) == rank(ranked[1][0]):
            return None, []
        return ranked[0], [d for d, _, _ in ranked[1:]]

    # -- through a successor -------------------------------------------------------------

    def _successor(self, out: Outcome) -> None:
        place = out.place
        for rel in place.get("names") or []:
            target = str(rel.get("target") or "")
            if rel.get("relation") not in SUCCESSORS or target not in self.outcomes:
                continue
            succ = self.outcomes[target]
            if succ.division is None or succ.rule not in (OWN, BY_TYPE):
                continue
            d = succ.division
            provinces = self.provinces(place)
            top = CHINA in self._parents(place, admin=True) and d.level == "province"
            if not top and d.province_code not in provinces:
                out.refused.append(Refusal(d, f"successor {target} has {d.name} {d.code}, not"
                                              " in a province the graph gives this place"))
                continue
            out.division, out.rule, out.via = d, rel["relation"], target
            out.matched, out.match_field = succ.matched, succ.match_field
            out.why = (f"{place['zh']} {rel['relation']} {target} ({succ.place['zh']}),"
                       f" which matches {d.name}")
            return
        if out.refused and not out.why.startswith("its name"):
            out.why += "; " + "; ".join(r.reason for r in out.refused)


def match_all(places: list[dict[str, Any]], data: dv.DataSet) -> dict[str, Outcome]:
    return Matcher(places, data).run()


# -- coordinates --------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """What the data set says about a linked place's coordinates."""

    status: str  # confirmed | geonames-agrees | geonames-disagrees | not-used
    km: float | None  # from the curator's estimate (confirmed) or GeoNames' point
    reason: str
    lat: float | None = None
    lon: float | None = None


def point_for(out: Outcome, data: dv.DataSet) -> Point:
    place, d = out.place, out.division
    if d is None:
        return Point("not-used", None, "no code")
    kind = place.get("type")
    if kind not in POINT_TYPES:
        return Point("not-used", None, f"a {kind}: the division's point is its seat, not the"
                                       " place's")
    if out.rule not in (OWN, BY_TYPE, "renamed-to"):
        return Point("not-used", None, f"linked through {out.rule}: the division is not the"
                                       " same place")
    if d.level == "province" and kind != "city":
        return Point("not-used", None, "a province-level division's point is its capital")
    if out.rule == BY_TYPE and d.level == "prefecture" and kind == "county":
        return Point("not-used", None, "the county lies within the prefecture: the"
                                       " prefecture's point is its own seat")
    where = d.wgs84
    if where is None:
        return Point("not-used", None, f"the data set gives no point for {d.name} {d.code}")
    coords = place.get("coordinates") or {}
    if not isinstance(coords.get("lat"), int | float):
        return Point("not-used", None, "no curator estimate to check the point against")
    km = round(dv.km_between(coords["lat"], coords["lon"], *where), 1)
    lat, lon = round(where[0], 5), round(where[1], 5)
    if place.get("geonames"):
        agree = km <= CONFIRM_KM
        return Point("geonames-agrees" if agree else "geonames-disagrees", km,
                     f"GeoNames {place['geonames']} kept; the data set's point for {d.code}"
                     f" lies {km:g} km from it" + ("" if agree else
                                                  f" (more than {CONFIRM_KM:g} km)"), lat, lon)
    if coords.get("precision") != "approximate":
        return Point("not-used", km, f"coordinates are {coords.get('precision')}, not a"
                                     " curator's point estimate")
    if km > CONFIRM_KM:
        return Point("not-used", km, f"the data set's point for {d.code} lies {km:g} km from"
                                     f" the curator's estimate (more than {CONFIRM_KM:g} km):"
                                     " seat moved or not the same place")
    return Point("confirmed", km, f"{dv.DISTRIBUTION} {data.version} point for {d.code}"
                                  f" {d.name} (GCJ-02 to WGS84); {km:g} km from the curator's"
                                  f" estimate ({coords['lat']}, {coords['lon']})", lat, lon)


def confirmations(places: list[dict[str, Any]] | None = None,
                  sssom: Path = SSSOM_FILE) -> dict[str, ConfirmedPoint | str]:
    """For the build: place id -> the confirmed point (a Confirmation), or, for a place GeoNames
    confirmed, a sentence comparing the data set's point with GeoNames'. Read from the SSSOM
    table (its positive rows and their rules) and the data set; places.yaml gives the types and
    the curator's estimates."""
    data = dv.load()
    places = places if places is not None else load_places(PLACES_FILE)
    by_id = {str(p["id"]): p for p in places}
    out: dict[str, ConfirmedPoint | str] = {}
    for row in read_sssom(sssom):
        if row.get("predicate_modifier") or row["predicate_id"] != PREDICATE:
            continue
        pid = row["subject_id"].removeprefix("gyr:")
        division = data.divisions.get(row["object_label"])
        if pid not in by_id or division is None:
            continue  # link_quads reports both
        rule = row["curation_rule_text"].split(":", 1)[0]
        point = point_for(Outcome(by_id[pid], division, rule), data)
        if point.status == "confirmed":
            out[pid] = ConfirmedPoint(point.lat, point.lon, data.description, dv.SOURCE_URL,
                                      point.reason)
        elif point.status.startswith("geonames"):
            out[pid] = point.reason
    return out


# -- the SSSOM table and the report ---------------------------------------------------------

COLUMNS = ["subject_id", "subject_label", "subject_category", "predicate_id",
           "predicate_modifier", "object_label", "object_type", "object_category",
           "mapping_justification", "match_string", "subject_match_field", "confidence",
           "curation_rule_text", "comment"]
REPORT_COLUMNS = ["place", "zh", "type", "code", "division", "rule", "coordinates", "km",
                  "reason"]


def header(data: dv.DataSet) -> str:
    return f"""# curie_map:
#   gy: {VOCAB}
#   gyr: {RESOURCE}
#   rdfs: {PREFIXES["rdfs"]}
#   skos: {PREFIXES["skos"]}
#   semapv: https://w3id.org/semapv/vocab/
# mapping_set_id: {MAPPING_SET}
# mapping_set_title: Gongyun gazetteer places to present-day GB/T 2260 division codes
# mapping_set_description: >-
#   Each place lies within, or is the predecessor of, the present-day
#   administrative division whose code is given (gy:presentDayDivisionCode, a literal; never
#   identity). Matched with guards by python -m gongyun.graph.adcodes from
#   graph/gazetteer/places.yaml: the place's name (or an alias, with or without its
#   administrative suffix) equals a division's, AND the division's province is one the graph
#   puts the place in; a place without such a match takes its successor's code through the
#   gazetteer's name relations. Rows with predicate_modifier Not are name matches the province
#   guard refused. Unlinked places and why: gazetteer-adcodes.report.tsv. Do not edit by hand.
# license: {CC_BY}
# subject_source: {graph_iri("gazetteer")}
# object_source: {dv.SOURCE_URL}
# object_source_version: {data.description}
# mapping_tool: gongyun.graph.adcodes
# creator_id:
#   - gyr:agent/gongyun-editors
"""


def sssom_rows(outcomes: dict[str, Outcome], data: dv.DataSet) -> list[dict[str, str]]:
    rows = []
    for out in outcomes.values():
        base = {"subject_id": "gyr:" + out.pid, "subject_label": str(out.place["zh"]),
                "subject_category": str(out.place.get("type", "")), "predicate_id": PREDICATE,
                "object_type": "rdfs literal", "mapping_justification": "semapv:CompositeMatching"}
        if out.division is not None:
            d = out.division
            rows.append({**base, "object_label": d.code, "object_category": _level(d),
                         "match_string": out.matched, "subject_match_field": out.match_field,
                         "confidence": f"{CONFIDENCE[out.rule]:.2f}",
                         "curation_rule_text": f"{out.rule}: {out.why}",
                         "comment": f"{data.names(d.code)} ({dv.DISTRIBUTION} {data.version})"})
        for refusal in out.refused:
            d = refusal.division
            rows.append({**base, "predicate_modifier": "Not", "object_label": d.code,
                         "object_category": _level(d), "match_string": str(out.place["zh"]),
                         "subject_match_field": "rdfs:label", "confidence": "0.95",
                         "curation_rule_text": f"province-guard: {refusal.reason}",
                         "comment": data.names(d.code)})
    return sorted(rows, key=lambda r: (r["subject_id"], r.get("predicate_modifier", ""),
                                       r["object_label"]))


def _level(d: dv.Division) -> str:
    return f"{d.level}-level division"


def report_rows(outcomes: dict[str, Outcome], data: dv.DataSet) -> list[dict[str, str]]:
    rows = []
    for out in outcomes.values():
        d = out.division
        point = point_for(out, data)
        rows.append({"place": out.pid, "zh": str(out.place["zh"]),
                     "type": str(out.place.get("type", "")),
                     "code": d.code if d else "", "division": data.names(d.code) if d else "",
                     "rule": out.rule or ("ambiguous" if out.others else "unlinked"),
                     "coordinates": point.status,
                     "km": "" if point.km is None else f"{point.km:g}",
                     "reason": out.why if d is None else point.reason})
    return sorted(rows, key=lambda r: r["place"])


def texts(places: list[dict[str, Any]] | None = None,
          data: dv.DataSet | None = None) -> tuple[str, str]:
    data = data or dv.load()
    outcomes = match_all(places if places is not None else load_places(PLACES_FILE), data)
    return (render(sssom_rows(outcomes, data), COLUMNS, header(data)),
            render(report_rows(outcomes, data), REPORT_COLUMNS, head=""))


# -- triples --------------------------------------------------------------------------------


def link_quads(path: Path = SSSOM_FILE, known: set[str] | None = None) -> list[Quad]:
    """The table's positive rows as `place gy:presentDayDivisionCode "code"` in gyg:links;
    raises ValueError for a code the packaged data set does not hold, or a place the gazetteer
    does not (when `known` place ids are given)."""
    data = dv.load()
    graph, predicate = NamedNode(LINKS_GRAPH), NamedNode(term("presentDayDivisionCode"))
    quads, problems = [], []
    for n, row in enumerate(read_sssom(path), 1):
        if row.get("predicate_modifier"):
            continue
        if row["predicate_id"] != PREDICATE:
            problems.append(f"row {n}: predicate {row['predicate_id']!r} is not {PREDICATE}")
            continue
        code, local = row["object_label"], row["subject_id"].removeprefix("gyr:")
        if code not in data.divisions:
            problems.append(f"row {n}: code {code!r} is not in {data.description}")
        if known is not None and local not in known:
            problems.append(f"row {n}: {local} is not in the gazetteer")
        quads.append(Quad(NamedNode(resource_iri(local)), predicate, Literal(code), graph))
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return quads


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="write or check the adcode SSSOM table and"
                                                 " its report")
    parser.add_argument("--write", action="store_true", help="rewrite both files")
    parser.add_argument("--check", action="store_true", help="fail when either is stale")
    args = parser.parse_args(argv)
    sssom, report = texts()
    code = sync({SSSOM_FILE: sssom, REPORT_FILE: report}, "gongyun.graph.adcodes",
                args.write, args.check)
    if args.write:
        rows = list(csv.DictReader(io.StringIO(report), delimiter="\t"))
        linked = sum(1 for r in rows if r["code"])
        confirmed = [float(r["km"]) for r in rows if r["coordinates"] == "confirmed"]
        print(f"{SSSOM_FILE.name}: {linked} of {len(rows)} places linked;"
              f" {len(confirmed)} coordinates confirmed by the data set"
              + (f" (largest distance {max(confirmed):g} km)" if confirmed else ""))
    return code

if __name__ == "__main__":
    raise SystemExit(main())
