"""Retired IRIs as the service answers them (graph/curation/retired.yaml, built into the graph
`…/graph/retired`): a rename or a merge moves permanently (301) to the replacement, a split
offers its parts (300 Multiple Choices), a deletion is 410 Gone; each answer carries the record,
as HTML for people and as RDF for RDF clients.

The records are read once, when the store is made (gongyun.api.retired_records), so a request
for an ordinary IRI costs a dictionary lookup.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from gongyun.api import description, negotiation
from gongyun.api.pages import layout
from gongyun.api.serialize import serialize_triples
from gongyun.api.store import GraphStore
from gongyun.namespaces import PREFIXES, resource_iri

RECORD_ROWS = 1000  # a record is a handful of triples: this row limit never cuts it


def status_of(record: dict) -> int:
    """301 when the IRI leads to one resource, 300 to several, 410 to none."""
    ends = record["leads_to"]
    if not ends:
        return 410
    return 301 if len(ends) == 1 else 300


def answer(request: Request, store: GraphStore, templates: Jinja2Templates, base: str,
           local: str, media_type: str, suffix: str | None) -> Response | None:
    """The answer for a retired `local` id, or None when it is not retired. The replacement
    keeps the format the client asked for (a .ttl URL moves to the replacement's .ttl)."""
    record = store.manifest.get("retired", {}).get(local)
    if record is None:
        return None
    status = status_of(record)
    iri = resource_iri(local)
    targets = [f"{base}/resource/{end}{suffix or ''}" for end in record["leads_to"]]
    headers = {"Vary": "Accept", "Link": ", ".join(
        [f"<{iri}>; rel=\"canonical\""] + [f"<{url}>; rel=\"alternate\"" for url in targets])}
    if status == 301:
        headers["Location"] = targets[0]
    if media_type == negotiation.HTML:
        ctx = layout.context(request, base, local, record=record, local=local, iri=iri,
                             targets=list(zip(record["leads_to"], targets, strict=True)),
                             status=status)
        response = layout.render(request, templates, "pages/retired.html", ctx,
                                 status_code=status)
        response.headers.update(headers)
        return response
    body = serialize_triples(description.describe(store, iri, RECORD_ROWS).triples, media_type,
                             PREFIXES)
    return Response(body, status_code=status, media_type=media_type, headers=headers)
