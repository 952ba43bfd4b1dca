"""The release of the graph being served: read from the graph `…/graph/releases` that the build
writes (gongyun.graph.releases) when the store is made, shown on the home page, in /void and in
/health."""

from __future__ import annotations

import pyoxigraph as ox

from gongyun.namespaces import GRAPH, RESOURCE

RELEASE_QUERY = f"""\
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
SELECT ?label ?current WHERE {{
  GRAPH <{GRAPH}releases> {{
    <{RESOURCE}dataset> owl:versionInfo ?label .
    OPTIONAL {{ <{RESOURCE}dataset> dcat:hasCurrentVersion ?current }}
  }}
}} LIMIT 1
"""


def release_of(store: ox.Store) -> dict | None:
    """{version, exact, iri}: the version label (1.0.0, or 1.0.0+dev for changes since
    1.0.0, or `unreleased`), whether the graph is exactly that release, and the release's
    version IRI when it is; None for a store without the built graph (--data files only)."""
    for row in store.query(RELEASE_QUERY, use_default_graph_as_union=True):
        current = row["current"]
        return {"version": row["label"].value, "exact": current is not None,
                "iri": current.value if current is not None else None}
    return None
