"""The source reader: a text with every annotated span marked, and for each span what the graph
says there (its claims, with labels), built from what /api/sources/{id} answers."""

from __future__ import annotations

from pathlib import Path

from gongyun.api import corpus, entity, errors
from gongyun.api.pages import i18n, texts
from gongyun.api.pages.entity_view import annotation_anchor
from gongyun.api.store import GraphStore
from gongyun.namespaces import resource_iri, source_id


def _claims(store: GraphStore, source_iri: str) -> list[dict]:
    return store.select(entity.P + f"""
        SELECT ?c ?s ?pred ?o ?written ?rank WHERE {{
          ?c gy:statedIn {entity.iri_ref(source_iri)} ; gy:subject ?s ; gy:predicate ?pred .
          OPTIONAL {{ ?c gy:object ?o OPTIONAL {{ ?o gy:asWritten ?written }} }}
          OPTIONAL {{ ?c gy:rank ?rank }}
        }}""")


def _term(term, base: str) -> dict | None:
    if term is None:
        return None
    if term.is_iri:
        return {"iri": term.value, "url": entity.public_url(term.value, base)}
    return {"value": term.value}


# The store is read-only while it is served: a reader page, once built, stays right until the
# service opens another store (its key changes) or the text changes. Keep the recent ones.
_CACHE: dict[tuple, dict] = {}
CACHE_SIZE = 12


def reader(store: GraphStore, ident: str, base: str, corpus_dir: Path, lang: str) -> dict:
    text = corpus.source_text(corpus_dir, ident)
    key = (id(store), store.manifest.get("key"), ident, base, hash(text), lang)
    if key not in _CACHE:
        if len(_CACHE) >= CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = _reader(store, ident, base, corpus_dir, lang)
    return _CACHE[key]


def _reader(store: GraphStore, ident: str, base: str, corpus_dir: Path, lang: str) -> dict:
    iri = resource_iri(source_id(ident))
    text = corpus.source_text(corpus_dir, ident)
    data = entity.source(store, iri, text)
    if text is None:
        raise errors.not_found(f"the text of source {ident} is not in the corpus directory")
    spans: dict[str, dict] = {}
    for ev in data["evidence"]:
        anchor = annotation_anchor(ev["annotation"])
        if ev["start"] is None or ev["end"] is None or not ev.get("matches_text"):
            continue
        spans[anchor] = {"start": ev["start"], "end": ev["end"], "quote": ev["quote"],
                         "claims": [c.rsplit("/", 1)[-1] for c in ev["claims"]]}
    rows = _claims(store, iri)
    iris = set()
    claims: dict[str, dict] = {}
    for row in rows:
        cid = row["c"].value.rsplit("/", 1)[-1]
        claims[cid] = {"url": entity.public_url(row["c"].value, base),
                       "s": _term(row["s"], base), "p": row["pred"].value,
                       "o": _term(row.get("o"), base),
                       "written": row["written"].value if "written" in row else None,
                       "rank": row["rank"].value.rsplit("#", 1)[-1] if "rank" in row else None}
        iris |= {row["s"].value, row["pred"].value}
        if "o" in row and row["o"].is_iri:
            iris.add(row["o"].value)
    names = entity.labels_of(store, iris)
    labels = {i: i18n.label(names[i], lang) for i in iris if i in names}
    segs = texts.segments(len(text), [(s["start"], s["end"], a) for a, s in spans.items()])
    meta = data["metadata"]
    titles = meta.get("dcterms:title", [])
    title = next((t["value"] for t in titles if isinstance(t, dict) and t["lang"] == lang),
                 next((t["value"] for t in titles if isinstance(t, dict)), ident))
    starting: dict[int, list[str]] = {}
    for anchor, s in spans.items():
        starting.setdefault(s["start"], []).append(anchor)
    return {
        "id": ident, "iri": iri, "title": title, "length": len(text),
        "segments": [{"text": text[a:b], "spans": ids, "anchors": starting.get(a, [])}
                     for a, b, ids in segs],
        "span_count": len(spans),
        "unplaced": len(data["evidence"]) - len(spans),
        "spans": {"spans": spans, "claims": claims, "labels": labels},
    }


def _named(term: dict | None, labels: dict[str, str], written: str | None) -> dict | None:
    """A claim's subject or object for the panel: linked, named by its label, else (a time
    window, a quantity) by its words as written."""
    if term is None or "iri" not in term:
        return term
    return {**term, "label": labels.get(term["iri"]) or written or term["iri"].rsplit("/", 2)[-1]}


def panel(data: dict, ids: list[str]) -> list[dict]:
    """The spans asked for (those of one place in the text), each with its quote and the claims
    it supports, named for reading: what the reader's panel shows."""
    spans, claims, labels = (data["spans"][k] for k in ("spans", "claims", "labels"))
    out = []
    for ident in dict.fromkeys(ids):
        span = spans.get(ident)
        if span is None:
            continue
        shown = []
        for cid in span["claims"]:
            c = claims.get(cid)
            if c is None:
                continue
            named_object = c["o"] and "iri" in c["o"] and c["o"]["iri"] in labels
            shown.append({"id": cid, "url": c["url"], "rank": c["rank"],
                          "s": _named(c["s"], labels, None),
                          "p": labels.get(c["p"]) or c["p"].rsplit("#", 1)[-1],
                          "o": _named(c["o"], labels, c["written"]),
                          "written": c["written"] if named_object else None})
        out.append({"id": ident, "quote": span["quote"], "claims": shown})
    return out
