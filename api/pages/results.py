"""A query run for the query page itself (a browser that submits the editor's form, with or
without JavaScript, or follows a /sparql?query= link): the same safety check, store, limits and
errors as any SPARQL client meets, the answer shaped as a table with IRIs named by label."""

from __future__ import annotations

import json

from fastapi import Request

from gongyun.api import entity, errors, negotiation, safety
from gongyun.api.pages import i18n
from gongyun.api.store import QueryRequest

SHOWN_ROWS = 1000  # rows drawn in the page; the downloads carry them all


def _cell(term: dict | None, labels: dict[str, dict], base: str, lang: str) -> dict | None:
    if term is None:
        return None
    if term["type"] == "uri":
        iri = term["value"]
        return {"iri": iri, "url": entity.public_url(iri, base),
                "label": i18n.label(labels.get(iri), lang) or entity.curie(iri)}
    tag = term.get("xml:lang") or (entity.curie(term["datatype"]) if term.get("datatype")
                                   and not term["datatype"].endswith("#string") else None)
    return {"value": term["value"], "tag": ("@" + tag) if term.get("xml:lang") else tag,
            "lang": term.get("xml:lang")}


def _labelable(iri: str) -> bool:
    try:
        entity.iri_ref(iri)
    except errors.ApiError:
        return False
    return True


async def run(request: Request, query: str, base: str, lang: str) -> dict:
    """{form, vars, rows, count, truncated} of the answer, or {error, status}."""
    from gongyun.api.routers.sparql import succeeded  # the router imports the pages

    state = request.app.state
    settings, store = state.settings, state.store
    try:
        verdict = safety.check_query(query, frozenset(settings.service_allowlist))
        graph = verdict.form not in ("select", "ask")
        media = negotiation.TURTLE if graph else negotiation.SPARQL_JSON
        outcome = succeeded(await store.query(QueryRequest(
            query, verdict.form, media, base_iri=f"{base}/sparql",
            star_order=verdict.star_order)), settings)
    except errors.ApiError as exc:
        return {"error": exc.message, "status": exc.status}
    out = {"form": verdict.form, "count": outcome.rows, "truncated": outcome.truncated,
           "limit": settings.max_rows}
    if graph:
        return {**out, "text": outcome.body.decode("utf-8")}
    answer = json.loads(outcome.body)
    if "boolean" in answer:
        return {**out, "boolean": answer["boolean"], "count": 1}
    names = answer["head"]["vars"]
    bindings = answer["results"]["bindings"]
    shown = bindings[:SHOWN_ROWS]
    iris = {t["value"] for row in shown for t in row.values() if t["type"] == "uri"}
    labels = entity.labels_of(store, {i for i in iris if _labelable(i)})
    return {**out, "vars": names, "count": len(bindings), "shown": len(shown),
            "rows": [[_cell(row.get(v), labels, base, lang) for v in names] for row in shown]}
