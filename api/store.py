"""The store as the service sees it: a small interface (GraphStore) and its embedded pyoxigraph
implementation. Routers only use this interface, so an external SPARQL engine can later sit
behind the same service by implementing it.

Two kinds of access:
- `query` runs a client's SPARQL (untrusted) in the worker pool, with a time and row limit, and
  returns the serialised answer;
- `select` runs the service's own fixed queries (trusted, small) in-process on a read-only
  handle, for the REST routes and the resources' descriptions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from gongyun.api.search import LabelIndex
from gongyun.api.storedir import LABELS, OXIGRAPH, read_manifest
from gongyun.api.workers import Job, Outcome, WorkerPool


@dataclass(frozen=True)
class Term:
    """An RDF term as SPARQL JSON results describe it (independent of any engine)."""

    kind: str  # uri | bnode | literal | triple
    value: str
    lang: str | None = None
    datatype: str | None = None

    @property
    def is_iri(self) -> bool:
        return self.kind == "uri"


@dataclass(frozen=True)
class QueryRequest:
    query: str
    form: str
    media_type: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    # Relative IRIs in a query without BASE resolve against the endpoint (SPARQL 1.1 Protocol
    # 2.1.4: the service defines the base IRI).
    base_iri: str | None = None
    # For `SELECT *`, the column order the safety check read off the query's tokens.
    star_order: tuple[str, ...] = ()


class GraphStore(Protocol):
    manifest: dict
    labels: LabelIndex

    async def start(self) -> None: ...

    def close(self) -> None: ...

    async def query(self, request: QueryRequest) -> Outcome | None:
        """A client's query, serialised as request.media_type; None when the pool is busy."""

    def select(self, sparql: str) -> list[dict[str, Term]]:
        """One of the service's own SELECT queries over the union of all graphs."""

    def named_graphs(self) -> list[str]: ...

    def health(self) -> dict: ...


def term_of(term) -> Term:
    """A pyoxigraph term as the service's own Term (the shape every result format writes)."""
    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.Literal):
        return Term("literal", term.value, term.language, term.datatype.value)
    return Term("triple", str(term))


class OxigraphStore:
    """A finished store directory (see gongyun.api.storedir), opened read-only."""

    def __init__(self, store_dir: Path, *, workers: int, query_timeout: float,
                 queue_timeout: float, max_rows: int, union_default_graph: bool,
                 worker_start_timeout: float, isolate_workers: bool = True,
                 in_memory: Callable[[int], bool] | bool = False):
        """`in_memory`: whether the workers copy the store into memory, or a function of the
        number of triples (the manifest's count) that decides it."""
        self.dir = store_dir
        self.manifest = read_manifest(store_dir)
        self.labels = LabelIndex(store_dir / LABELS)
        self._store = ox.Store.read_only(str(store_dir / OXIGRAPH))
        self.query_timeout = query_timeout
        self.queue_timeout = queue_timeout
        self.max_rows = max_rows
        self.union_default_graph = union_default_graph
        if callable(in_memory):
            in_memory = in_memory(int(self.manifest["counts"]["triples"]))
        self.pool = WorkerPool(str(store_dir / OXIGRAPH), workers, worker_start_timeout,
                               isolate=isolate_workers, in_memory=in_memory)

    async def start(self) -> None:
        await self.pool.start()

    def close(self) -> None:
        self.pool.close()

    async def query(self, request: QueryRequest) -> Outcome | None:
        job = Job(request.query, request.form, request.media_type, self.max_rows,
                  self.union_default_graph, request.default_graphs, request.named_graphs,
                  request.star_order,
                  request.base_iri)
        return await self.pool.run(job, self.query_timeout, self.queue_timeout)

    def select(self, sparql: str) -> list[dict[str, Term]]:
        solutions = self._store.query(sparql, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        return [{n: term_of(row[n]) for n in names if row[n] is not None} for row in solutions]

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def health(self) -> dict:
        return {"store": str(self.dir), "key": self.manifest.get("key"),
                "input_fingerprint": self.manifest.get("input_fingerprint"),
                "triples": self.manifest["counts"]["triples"], "workers": self.pool.status()}
