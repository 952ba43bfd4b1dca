"""What the timeline shows: every event, filtered by kind, by a place or a body (organisation,
armed unit, group, enterprise) and by years.

An event belongs to a place or a body through any claim that joins them, whichever way round
(it founds the body, the body takes part, organises it or is its target, it took place there,
started or ended there…): a union's own founding and the fall of a city count. It belongs as
well to the places a place is part of (Taiyuan's events are Shanxi's) and to the bodies a body
is a unit or a member of (gy:partOf, gy:subOrganizationOf, gy:unitOf, gy:memberOf). An event without
a date is placed where a relation puts it (after, during, part of, at the same time as, in
response to, or resulting from an event that has one) and drawn as such; the others are listed
beside the chart. A deprecated date never places an event."""

from __future__ import annotations

from datetime import date

from gongyun.api import entity
from gongyun.api.pages import i18n
from gongyun.api.pages.find import sort_key
from gongyun.api.pages.windows import OPEN_YEAR, day
from gongyun.api.store import GraphStore
from gongyun.namespaces import VOCAB

# the end the timeline gives an open window (no gy:latest) while it sorts and clips
OPEN_END = date(OPEN_YEAR, 1, 1)
BODIES = ("Organization", "ArmedUnit", "Group", "Enterprise")
# relation -> how it places an undated event: "after" the other's start, or "within" its window
ORDERING = {"after": "after", "inResponseTo": "after", "during": "within",
            "partOfEvent": "within", "simultaneousWith": "within"}
ORDERED_BY = {"resultedIn": "after"}  # the other event's claim, pointing at this one

WINDOWS = entity.P + """
SELECT ?ev ?tp ?e ?l ?written WHERE { ?c gy:subject ?ev ; gy:predicate ?tp ; gy:object ?w .
  VALUES ?tp { gy:occurredWithin gy:startedWithin gy:endedWithin } ?ev a gy:Event .
  ?w gy:earliest ?e . OPTIONAL { ?w gy:latest ?l } OPTIONAL { ?w gy:asWritten ?written }
  FILTER NOT EXISTS { ?c gy:rank gy:DeprecatedRank } }"""
EVENTS = entity.P + """
SELECT ?ev ?cls WHERE { ?ev a gy:Event .
  OPTIONAL { ?ev a ?cls . ?cls rdfs:subClassOf gy:Event .
             FILTER(?cls != gy:Event && STRSTARTS(STR(?cls), STR(gy:))) } }"""
# Claims from the event, and claims pointing at it: two queries, as a UNION of the two took
# minutes (the engine joined the types first).
WHOLES = entity.P + """
SELECT ?part ?whole WHERE { VALUES ?p { gy:partOf gy:subOrganizationOf gy:unitOf gy:memberOf }
  ?part ?p ?whole . FILTER(isIRI(?whole)) }"""
RELATIONS = {direction: entity.P + f"""
SELECT DISTINCT ?ev ?pred ?o ?type WHERE {{
  ?c gy:{here} ?ev ; gy:predicate ?pred ; gy:{there} ?o . ?ev a gy:Event . ?o a ?type .
  VALUES ?type {{ gy:Place gy:Organization gy:ArmedUnit gy:Group gy:Enterprise gy:Event }} }}"""
             for direction, here, there in (("out", "subject", "object"),
                                            ("in", "object", "subject"))}


def _events(store: GraphStore) -> dict[str, dict]:
    events: dict[str, dict] = {}
    for row in store.select(EVENTS):
        ev = events.setdefault(row["ev"].value, {
            "iri": row["ev"].value, "kinds": [], "places": set(), "bodies": set(),
            "occurred": [], "started": [], "ended": [], "order": []})
        if "cls" in row and row["cls"].value not in ev["kinds"]:
            ev["kinds"].append(row["cls"].value)
    for row in store.select(WINDOWS):
        ev = events.get(row["ev"].value)
        if ev is None:
            continue
        key = row["tp"].value.rsplit("#", 1)[-1].replace("Within", "")
        # a window without gy:latest is open-ended ("随后"): as far off as an open latest date
        latest = day(row["l"].value) if "l" in row else OPEN_END
        ev[key].append((day(row["e"].value), latest,
                        row["written"].value if "written" in row else None))
    for direction, query in RELATIONS.items():
        for row in store.select(query):
            _relate(events.get(row["ev"].value), row, direction)
    wholes: dict[str, set[str]] = {}
    for row in store.select(WHOLES):
        wholes.setdefault(row["part"].value, set()).add(row["whole"].value)
    for ev in events.values():
        ev["places"] = _with_wholes(ev["places"], wholes)
        ev["bodies"] = _with_wholes(ev["bodies"], wholes)
    return events


def _with_wholes(things: set[str], wholes: dict[str, set[str]]) -> set[str]:
    """The things and every whole they are part of, transitively."""
    out, todo = set(things), list(things)
    while todo:
        for whole in wholes.get(todo.pop(), ()):
            if whole not in out:
                out.add(whole)
                todo.append(whole)
    return out


def _relate(ev: dict | None, row: dict, direction: str) -> None:
    if ev is None:
        return
    other, kind = row["o"].value, row["type"].value.rsplit("#", 1)[-1]
    pred = row["pred"].value.rsplit("#", 1)[-1]
    if kind == "Place":
        ev["places"].add(other)
    elif kind in BODIES:
        ev["bodies"].add(other)
    elif kind == "Event" and other != ev["iri"]:
        how = (ORDERING if direction == "out" else ORDERED_BY).get(pred)
        if how:
            ev["order"].append((how, pred, other))


def _window(ev: dict) -> tuple[date, date, bool, str | None] | None:
    """(start, end, open, as written) from the event's own dates, else None."""
    def is_open(d: date) -> bool:
        return d.year >= OPEN_YEAR

    if ev["occurred"]:
        start = min(w[0] for w in ev["occurred"])
        closed = [w[1] for w in ev["occurred"] if not is_open(w[1])]
        written = next((w[2] for w in sorted(ev["occurred"]) if w[2]), None)
        return start, max(closed + [start]), len(closed) < len(ev["occurred"]), written
    if ev["started"]:
        start = min(w[0] for w in ev["started"])
        ends = [w[1] for w in ev["ended"] if not is_open(w[1])]
        written = next((w[2] for w in sorted(ev["started"]) if w[2]), None)
        return start, max(ends) if ends else start, not ends, written
    return None


def _place(events: dict[str, dict]) -> None:
    """Each event's window: its own, else where an ordering relation puts it (repeated, so a
    chain of relations resolves)."""
    for ev in events.values():
        own = _window(ev)
        ev["window"] = own
        ev["placed_by"] = None
    for _ in range(6):
        changed = False
        for ev in events.values():
            if ev["window"] is not None:
                continue
            for how, pred, other in sorted(ev["order"]):
                known = events.get(other, {}).get("window")
                if known is None:
                    continue
                start, end, is_open, _ = known
                ev["window"] = (start, start, True, None) if how == "after" else \
                    (start, end, is_open, None)
                ev["placed_by"] = {"predicate": VOCAB + pred, "event": other}
                changed = True
                break
        if not changed:
            break


# The store is read-only while it is served: the events, once gathered, stay right.
_CACHE: dict[tuple, dict[str, dict]] = {}


def all_events(store: GraphStore) -> dict[str, dict]:
    key = (id(store), store.manifest.get("key"))
    if key not in _CACHE:
        _CACHE.clear()
        events = _events(store)
        _place(events)
        _CACHE[key] = events
    return _CACHE[key]


def _year(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and 1000 <= int(value) <= 2999 else None


def timeline(store: GraphStore, base: str, lang: str, params: dict[str, str]) -> dict:
    events = all_events(store)
    kind, place, body = params.get("kind"), params.get("place"), params.get("org")
    year_from, year_to = _year(params.get("from")), _year(params.get("to"))
    iris = set(events) | {k for e in events.values() for k in e["kinds"]}
    iris |= {x for e in events.values() for x in e["places"] | e["bodies"]}
    iris |= {VOCAB + p for p in list(ORDERING) + list(ORDERED_BY)}
    names = entity.labels_of(store, iris)

    def name(iri: str) -> str:
        return i18n.label(names.get(iri), lang, iri.rsplit("/", 1)[-1])

    def options(values: list[str]) -> list[dict]:
        counts: dict[str, int] = {}
        for v in values:
            counts[v] = counts.get(v, 0) + 1
        return sorted(({"iri": v, "label": name(v), "count": n} for v, n in counts.items()),
                      key=lambda o: sort_key(o["label"], lang, o["iri"]))

    every = list(events.values())
    kinds = options([e["kinds"][0] for e in every if e["kinds"]])
    colours = {k["iri"]: i for i, k in enumerate(kinds)}

    def matches(e: dict) -> bool:
        return ((not kind or kind in e["kinds"]) and (not place or place in e["places"])
                and (not body or body in e["bodies"]))

    drawn, undated = [], []
    for e in every:
        if not matches(e):
            continue
        item = {"iri": e["iri"], "url": entity.public_url(e["iri"], base), "label": name(e["iri"]),
                "kind": e["kinds"][0] if e["kinds"] else None,
                "kind_label": name(e["kinds"][0]) if e["kinds"] else None,
                "colour": colours.get(e["kinds"][0]) if e["kinds"] else None}
        if e["window"] is None:
            undated.append(item)
            continue
        start, end, is_open, written = e["window"]
        lo = date(year_from, 1, 1) if year_from else date.min
        hi = date(year_to, 12, 31) if year_to else date.max
        if end < lo or start > hi:
            continue
        placed = e["placed_by"]
        drawn.append({**item, "start": start.isoformat(), "end": end.isoformat(),
                      "open": is_open, "written": written,
                      "placed_by": placed and {
                          "relation": name(placed["predicate"]),
                          "event": name(placed["event"]),
                          "url": entity.public_url(placed["event"], base)}})
    drawn.sort(key=lambda e: (e["start"], e["end"], e["label"]))
    undated.sort(key=lambda e: sort_key(e["label"], lang, e["iri"]))
    chosen = {"kind": kind, "place": place, "org": body, "from": year_from, "to": year_to}
    return {
        "drawn": drawn, "undated": undated, "total": len(every),
        "placed": sum(1 for e in drawn if e["placed_by"]),
        "kinds": kinds,
        "places": options([p for e in every for p in e["places"]]),
        "bodies": options([b for e in every for b in e["bodies"]]),
        "chosen": chosen,
        "chosen_labels": {k: name(v) for k, v in chosen.items() if k in ("kind", "place", "org")
                          and v},
    }
