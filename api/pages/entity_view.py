"""The entity page: what /api/entities/{id} says about a resource (gongyun.api.entity), arranged
for reading: kinds over time, events in time order, evidence quotes in their paragraphs with
the claims each supports, and competing claims side by side."""

from __future__ import annotations

from pathlib import Path

from gongyun.api import corpus, entity
from gongyun.api.pages import texts, windows
from gongyun.api.store import GraphStore
from gongyun.namespaces import VOCAB, expand_curie, local_id

UNDATED = "~"  # sorts after every ISO date: undated events come last


def annotation_anchor(annotation: str | None) -> str | None:
    """The id of a span in the source reader: annotation/001-e0005 -> ann-001-e0005."""
    return "ann-" + annotation.rsplit("/", 1)[-1] if annotation else None


def events_of(store: GraphStore, iri: str, base: str) -> list[dict]:
    """Events with a claim pointing at `iri` (participant, organiser, target, place…), each
    with the widest window the claims give it, in time order (undated last)."""
    rows = store.select(entity.P + f"""
        SELECT DISTINCT ?ev ?pred ?earliest ?latest ?written WHERE {{
          ?c gy:subject ?ev ; gy:predicate ?pred ; gy:object {entity.iri_ref(iri)} .
          ?ev a gy:Event .
          OPTIONAL {{ ?t gy:subject ?ev ; gy:predicate ?tp ; gy:object ?w .
                     VALUES ?tp {{ gy:occurredWithin gy:startedWithin }}
                     ?w gy:earliest ?earliest .
                     OPTIONAL {{ ?w gy:latest ?latest }}
                     OPTIONAL {{ ?w gy:asWritten ?written }} }}
        }}""")
    events: dict[str, dict] = {}
    for row in rows:
        ev = events.setdefault(row["ev"].value, {"iri": row["ev"].value, "roles": set(),
                                                 "earliest": None, "latest": None,
                                                 "open": False, "written": None})
        ev["roles"].add(row["pred"].value)
        if "earliest" in row and (ev["earliest"] is None
                                  or row["earliest"].value < ev["earliest"]):
            ev["earliest"] = row["earliest"].value
            ev["written"] = row["written"].value if "written" in row else None
        if "latest" in row and (ev["latest"] is None or row["latest"].value > ev["latest"]):
            ev["latest"] = row["latest"].value
        elif "earliest" in row and "latest" not in row:
            ev["open"] = True  # an open-ended window (随后, 1941年后): no known end
    names = entity.labels_of(store, set(events) | {r for e in events.values()
                                                   for r in e["roles"]})
    out = []
    for ev in sorted(events.values(), key=lambda e: (e["earliest"] or UNDATED, e["iri"])):
        out.append({**ev, "url": entity.public_url(ev["iri"], base),
                    "label": names.get(ev["iri"], {}),
                    "roles": [{"curie": entity.curie(r), "label": names.get(r, {})}
                              for r in sorted(ev["roles"])]})
    return out


def evidence_groups(claims: list[dict], corpus_dir: Path) -> tuple[list[dict], list[dict]]:
    """(one group per quoted span, with its paragraph and the claims it supports, in text
    order; the claims that have no quote)."""
    groups: dict[str, dict] = {}
    bare = []
    for claim in claims:
        if not claim["evidence"]:
            bare.append(claim)
        for ev in claim["evidence"]:
            key = ev["annotation"] or f"{ev['source']}:{ev['start']}"
            if key not in groups:
                ident = corpus.source_ident(ev["source"])
                text = corpus.source_text(corpus_dir, ident)
                groups[key] = {**ev, "source_id": ident, "anchor":
                               annotation_anchor(ev["annotation"]),
                               "context": texts.in_paragraph(text, ev["start"], ev["end"],
                                                             ev["quote"]),
                               "claims": []}
            groups[key]["claims"].append(claim)
    ordered = sorted(groups.values(), key=lambda g: (g["source_id"] or "", g["start"] or 0))
    return ordered, bare


def _terms(value) -> list[dict]:
    """Every linked term (a dict with an "iri" and a "url") inside the page's data."""
    if isinstance(value, dict):
        found = [value] if "iri" in value and "url" in value else []
        return found + [t for v in value.values() for t in _terms(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _terms(v)]
    return []


def name_unlabelled(store: GraphStore, data: dict) -> None:
    """A time window or a quantity has no label: name each such term on the page by its words
    as written and, for a window, its dates (1937年10月8日 · 1937-10-08), not by its IRI."""
    bare = [t for t in _terms(data) if not t.get("label") and local_id(t["iri"])]
    if not bare:
        return
    values = " ".join(sorted({entity.iri_ref(t["iri"]) for t in bare}))
    rows = store.select(entity.P + f"""
        SELECT ?x ?written ?earliest ?latest WHERE {{ VALUES ?x {{ {values} }}
          OPTIONAL {{ ?x gy:asWritten ?written }} OPTIONAL {{ ?x gy:earliest ?earliest }}
          OPTIONAL {{ ?x gy:latest ?latest }} }}""")
    found = {}
    for row in rows:
        found.setdefault(row["x"].value, {
            "written": row["written"].value if "written" in row else None,
            "dates": windows.iso_span(row["earliest"].value, row["latest"].value
                                      if "latest" in row else None)
            if "earliest" in row else None})
    for t in bare:
        t.update({k: v for k, v in found.get(t["iri"], {}).items() if v})


def competing(store: GraphStore, base: str, claim_iris: set[str],
              corpus_dir: Path) -> list[dict]:
    """The disagreements that involve any of these claims, each claim with its quote."""
    out = []
    for d in entity.conflicts(store, base):
        if not claim_iris & {c["claim"] for c in d["claims"]}:
            continue
        type_iris = {t: expand_curie(t) for t in d["types"]}
        names = entity.labels_of(store, {i for i in type_iris.values() if i})
        d["type_labels"] = [{"curie": t, "label": names.get(i or "", {})}
                            for t, i in type_iris.items()]
        for c in d["claims"]:
            c["url"] = entity.public_url(c["claim"], base)
            c["source_id"] = corpus.source_ident(c["source"])
            text = corpus.source_text(corpus_dir, c["source_id"])
            c["quotes"] = [{**ev, "anchor": annotation_anchor(ev["annotation"]),
                            "context": texts.in_paragraph(text, ev["start"], ev["end"],
                                                          ev["quote"])}
                           for ev in c["evidence"]]
        out.append(d)
    return out


def _main_link(link: dict) -> bool:
    """A link by one of our own properties to a thing with a page of its own: not one of the
    equivalents the build entailed (org:, crm:, schema: … say the same again for other
    vocabularies' users), nor a node that only structures another (place/x/part-of/1)."""
    other = link.get("target") or link.get("source") or {}
    local = local_id(other.get("iri", "")) or ""
    return link["property"]["iri"].startswith(VOCAB) and local.count("/") < 2


def split_links(links: list[dict]) -> tuple[list[dict], list[dict]]:
    """(the main links, the rest)."""
    return ([link for link in links if _main_link(link)],
            [link for link in links if not _main_link(link)])


def entity_page(store: GraphStore, iri: str, base: str, corpus_dir: Path) -> dict:
    data = entity.entity(store, iri, base)
    claims = data["claims"]
    kinds = [c for c in claims if c["predicate"]["iri"] == VOCAB + "hasKind"
             and c["role"] == "subject"]
    groups, bare = evidence_groups(claims, corpus_dir)
    out_own, out_other = split_links(data["links"]["outgoing"])
    in_own, in_other = split_links(data["links"]["incoming"])
    page = {
        **data,
        "relations": {"outgoing": out_own, "incoming": in_own},
        "equivalents": {"outgoing": out_other, "incoming": in_other},
        "kinds": kinds,
        "events": events_of(store, iri, base),
        "evidence_groups": groups,
        "bare_claims": bare,
        "competing": competing(store, base, {c["claim"] for c in claims}, corpus_dir),
    }
    # types of our own vocabulary by name; the same in other vocabularies, with the equivalents
    page["own_types"] = [t for t in page["types"] if t["iri"].startswith(VOCAB)]
    page["other_types"] = [t for t in page["types"] if not t["iri"].startswith(VOCAB)]
    name_unlabelled(store, page)
    own = page["self"] = {"iri": iri, "url": data["url"]}
    name_unlabelled(store, {"x": own})
    return page
