"""The retirement records as the service keeps them (the graph `…/graph/retired`, built from
graph/curation/retired.yaml): read once, when the store is made (storedir keeps them in its
manifest), with where each retired IRI leads today. gongyun.api.retired answers requests."""

from __future__ import annotations

import pyoxigraph as ox

from gongyun.graph.retired import final_replacements
from gongyun.namespaces import local_id

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
