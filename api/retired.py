"""Retired IRIs as the service answers them (graph/curation/retired.yaml, built into the graph
`…/graph/retired`): a rename or a merge moves permanently (301) to the replacement, a split
offers its parts (300 Multiple Choices), a deletion is 410 Gone; each answer carries the record,
as HTML for people and as RDF for RDF clients.

The records are read once, when the store is made (storedir keeps them in its manifest), so a
request for an ordinary IRI costs a dictionary lookup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from gongyun.api import negotiation
from gongyun.api.pages import layout
from gongyun.api.serialize import serialize_triples
from gongyun.graph.retired import final_replacements
from gongyun.namespaces import PREFIXES, local_id, resource_iri

if TYPE_CHECKING:  # the store module imports storedir, which reads the records through here
    from gongyun.api.store import GraphStore

# The one documented query (docs/identifiers.md shows it; a test keeps the two the same).
RETIRED_QUERY = """\
PREFIX gy: <https://w3id.org/gongyun/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?retired ?kind ?replacement ?date ?reason WHERE {
  GRAPH <https://w3id.org/gongyun/graph/retired> {
    ?retired a gy:RetiredResource ; gy:retirementKind ?kind ;
             dcterms:date ?date ; gy:rationale ?reason .
    OPTIONAL { ?retired dcterms:isReplacedBy ?replacement }
  }
} ORDER BY ?retired ?replacement
"""
RECORD_ROWS = 1000
KIND_NAMES = {"Renamed": "renamed", "Merged": "merged", "Split": "split", "Deleted": "deleted"}


def records(store: ox.Store) -> dict[str, dict]:
    """local id -> {kind, replaced_by, date, reason, leads_to}: every retirement record, with
    where each one leads today (a chain of retirements followed to its end)."""
    found: dict[str, dict] = {}
    for row in store.query(RETIRED_QUERY):
        local = local_id(row["retired"].value) or row["retired"].value
        record = found.setdefault(local, {
            "kind": KIND_NAMES.get(row["kind"].value.rsplit("#", 1)[-1], "deleted"),
            "replaced_by": [], "date": row["date"].value, "reason": row["reason"].value})
        replacement = row["replacement"]
        target = local_id(replacement.value) if replacement is not None else None
        if target is not None and target not in record["replaced_by"]:
            record["replaced_by"].append(target)
    replaced_by = {local: record["replaced_by"] for local, record in found.items()}
    for local, record in found.items():
        record["leads_to"] = final_replacements(local, replaced_by)
    return found


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
    # imported here: description needs the store module, which imports this one (storedir
    # reads the records when it makes a store)
    from gongyun.api import description

    # a record is a handful of triples: the row limit of a description never cuts it
    body = serialize_triples(description.describe(store, iri, RECORD_ROWS).triples, media_type,
                             PREFIXES)
    return Response(body, status_code=status, media_type=media_type, headers=headers)
