"""A second implementation of the store interface (gongyun.api.store.GraphStore) over any SPARQL
1.1 endpoint: `gongyun serve --store-url http://127.0.0.1:8890/sparql`.

The engine holds the data (loaded by its bulk loader or the Graph Store Protocol, see
docs/integration.md) and answers every query. The store directory prepared as usual from the same
inputs keeps what the engine does not: the label index for /api/search and the counts for /void
and /health. At start the engine's triple count per graph is compared with those counts, so the
service never serves an engine that holds other data than its manifest says.

Protocol handling, the safety walls, the REST routes and search are unchanged: routers only see
this interface. What differs is handled here:
- the dataset: an engine's default graph is often more than ours (Virtuoso's holds its system
  graphs), so a request that names no graphs and has no FROM is sent with our graphs as
  default-graph-uri and named-graph-uri, which is the union default graph of the embedded store;
- the time limit is passed to the engine (`timeout`, in milliseconds, which Virtuoso reads) and
  held on our side too; an engine's timeout, its partial "anytime" answer (Virtuoso's
  X-SQL-State: S1TAT) or a cost-estimate refusal becomes our 503 query_timeout, never a 200;
- answers are parsed and written again by gongyun.api.serialize, so formats, the row limit and
  the truncation signal are the same as with the embedded store; an engine that cut the answer
  itself (Virtuoso's ResultSetMaxRows) is detected by its header and signalled as truncated.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from gongyun.api import serialize
from gongyun.api.safety import tokenize
from gongyun.api.search import LabelIndex
from gongyun.api.store import QueryRequest, Term, term_of
from gongyun.api.storedir import LABELS, StoreSetupError, read_manifest
from gongyun.api.workers import Outcome
from gongyun.namespaces import PREFIXES, prefixed

log = logging.getLogger("gongyun.api.store_http")

JSON_RESULTS = "application/sparql-results+json"
FORM = "application/x-www-form-urlencoded"
XSD_BOOLEAN = prefixed("xsd", "boolean")
NTRIPLES = "application/n-triples"
# Virtuoso's signs of an answer that is not the whole answer, or of a query stopped for time.
PARTIAL_STATES = {"S1TAT"}
TIMEOUT_MARKS = ("S1T00", "SR171", "estimated execution time", "exceeds the limit",
                 "timed out", "Timeout")
TRUNCATED_HEADER = "x-sparql-maxrows"
QUERY_FORMS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}
SYNTAX_MARKS = ("37000", "SP030", "SP031", "syntax error", "parse error")


class EngineError(Exception):
    pass


def _has_dataset_clause(query: str) -> bool:
    """A FROM or FROM NAMED in the query: it chose its own dataset."""
    return any(t.kind == "WORD" and t.text.upper() == "FROM" for t in tokenize(query))


class SparqlEndpointStore:
    """The service's store over an external SPARQL 1.1 endpoint (read-only use)."""

    def __init__(self, store_dir: Path, url: str, *, workers: int, query_timeout: float,
                 queue_timeout: float, max_rows: int, union_default_graph: bool):
        if not union_default_graph:
            raise StoreSetupError("--store-url needs union_default_graph on: an external"
                                  " engine has no default graph of ours to serve apart")
        self.dir = store_dir
        self.url = url
        self.manifest = read_manifest(store_dir)
        self.labels = LabelIndex(store_dir / LABELS)
        self.graphs = tuple(self.manifest["counts"]["graphs"])
        if self.manifest["counts"].get("default_graph_triples"):
            raise StoreSetupError("--store-url serves named graphs only: give every --data file"
                                  " a graph (FILE=GRAPH)")
        self.query_timeout = query_timeout
        self.queue_timeout = queue_timeout
        self.max_rows = max_rows
        self._size = workers
        self._slots = asyncio.Semaphore(workers)
        self._sync = httpx.Client(timeout=query_timeout + 5)
        # one client for clients' queries, made in start() (inside the event loop): a client
        # per query costs ~30 ms of TLS setup, fifteen times Virtuoso's own time for a lookup
        self._async: httpx.AsyncClient | None = None
        self._status: dict = {"engine": url, "checked": False}

    # -- life cycle -----------------------------------------------------------------------

    async def start(self) -> None:
        """Check the engine holds our graphs with the manifest's sizes."""
        rows = self._select_rows(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            dataset=False)
        found = {r["g"].value: int(r["n"].value) for r in rows}
        expected = self.manifest["counts"]["graphs"]
        wrong = {g: (n, found.get(g, 0)) for g, n in expected.items() if found.get(g, 0) != n}
        if wrong:
            sample = ", ".join(f"{g}: {n} in the manifest, {m} in the engine"
                               for g, (n, m) in list(wrong.items())[:3])
            raise StoreSetupError(f"the engine at {self.url} does not hold the store's graphs"
                                  f" ({len(wrong)} differ: {sample}); load"
                                  " build/dumps/gongyun.nq into it (docs/integration.md)")
        self._status = {"engine": self.url, "checked": True, "graphs": len(found)}
        self._async = httpx.AsyncClient(timeout=self.query_timeout + 2)

    def close(self) -> None:
        self._sync.close()
        if self._async is not None:
            client, self._async = self._async, None
            # no loop left (RuntimeError): the connections close with the process
            with contextlib.suppress(RuntimeError):
                asyncio.get_running_loop().create_task(client.aclose())

    # -- clients' queries -------------------------------------------------------------------

    def _params(self, query: str, default_graphs: tuple[str, ...],
                named_graphs: tuple[str, ...]) -> list[tuple[str, str]]:
        params = [("query", query), ("timeout", str(int(self.query_timeout * 1000)))]
        if default_graphs or named_graphs:
            params += [("default-graph-uri", g) for g in default_graphs]
            params += [("named-graph-uri", g) for g in named_graphs]
        elif not _has_dataset_clause(query):
            params += [("default-graph-uri", g) for g in self.graphs]
            params += [("named-graph-uri", g) for g in self.graphs]
        return params

    async def query(self, request: QueryRequest) -> Outcome | None:
        try:
            await asyncio.wait_for(self._slots.acquire(), self.queue_timeout)
        except TimeoutError:
            return None
        try:
            return await self._query(request)
        finally:
            self._slots.release()

    async def _query(self, request: QueryRequest) -> Outcome:
        query = _base_first(request.query, request.base_iri)
        graph_form = request.form in ("construct", "describe")
        accept = NTRIPLES if graph_form else JSON_RESULTS
        params = self._params(query, request.default_graphs, request.named_graphs)
        if self._async is None:
            return Outcome("error", message="the SPARQL engine is not connected")
        try:
            response = await self._async.post(self.url, content=urlencode(params),
                                              headers={"Accept": accept, "Content-Type": FORM})
        except httpx.TimeoutException:
            return Outcome("timeout")
        except httpx.HTTPError:
            return Outcome("error", message="the SPARQL engine could not be reached")
        return self._outcome(request, response, graph_form)

    def _outcome(self, request: QueryRequest, response: httpx.Response,
                 graph_form: bool) -> Outcome:
        text_head = response.text[:2000] if response.status_code != 200 else ""
        if response.headers.get("x-sql-state", "") in PARTIAL_STATES:
            return Outcome("timeout")
        if response.status_code != 200:
            if any(mark in text_head for mark in TIMEOUT_MARKS):
                return Outcome("timeout")
            if response.status_code == 400 or any(m in text_head for m in SYNTAX_MARKS):
                first = " ".join(text_head.split()).split(" SPARQL query:")[0][:300]
                return Outcome("syntax", message=f"the SPARQL engine refused the query: {first}")
            return Outcome("error", message="the query could not be evaluated by the engine")
        engine_cut = TRUNCATED_HEADER in response.headers
        try:
            if graph_form:
                triples = [q.triple for q in ox.parse(response.content, ox.RdfFormat.N_TRIPLES)]
                written = serialize.write_graph(iter(triples), request.media_type,
                                                self.max_rows, PREFIXES)
            else:
                result = _boolean_if_ask(_read_results(response.content), request.form)
                if isinstance(result, ox.QueryBoolean | bool):
                    written = serialize.write_ask(bool(result), request.media_type)
                else:
                    written = serialize.write_select(result, request.media_type, self.max_rows,
                                                     request.star_order)
        except (SyntaxError, json.JSONDecodeError):
            return Outcome("error", message="the SPARQL engine's answer could not be read")
        except ValueError as exc:
            return Outcome("syntax", message=f"cannot answer this query as"
                                             f" {request.media_type}: {exc}")
        truncated = written.truncated
        body = written.body
        if engine_cut and not truncated:
            # The engine cut the answer below our own limit: say so, as for our own cut.
            truncated = True
            body = _mark_truncated(body, request.media_type, written.rows)
        return Outcome("ok", request.media_type, body, written.rows, truncated)

    # -- the service's own queries ------------------------------------------------------------

    def _select_rows(self, sparql: str, dataset: bool = True) -> list[dict]:
        """Rows of one of our own SELECT queries over our graphs (or the engine's dataset)."""
        params: list[tuple[str, str]] = [("query", sparql)]
        if dataset:
            params += [("default-graph-uri", g) for g in self.graphs]
            params += [("named-graph-uri", g) for g in self.graphs]
        try:
            response = self._sync.post(self.url, content=urlencode(params),
                                       headers={"Accept": JSON_RESULTS, "Content-Type": FORM})
        except httpx.HTTPError as exc:
            raise EngineError(f"the SPARQL engine at {self.url} could not be reached") from exc
        if response.status_code != 200:
            raise EngineError(f"the SPARQL engine answered {response.status_code}")
        solutions = _read_results(response.content)
        names = [v.value for v in solutions.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in solutions]

    def select(self, sparql: str) -> list[dict[str, Term]]:
        return [{k: term_of(v) for k, v in row.items()} for row in self._select_rows(sparql)]

    def describe(self, iri: str, media_type: str) -> bytes | None:
        if any(c in iri for c in "<>\"{}|^`\\ \n"):
            return None
        rows = self._select_rows(f"SELECT DISTINCT ?p ?o WHERE {{ <{iri}> ?p ?o }}")
        if not rows:
            return None
        subject = ox.NamedNode(iri)
        triples = sorted((ox.Triple(subject, r["p"], r["o"]) for r in rows),
                         key=lambda t: (t.predicate.value, str(t.object)))
        return serialize.serialize_triples(triples, media_type, PREFIXES)

    def named_graphs(self) -> list[str]:
        return sorted(self.graphs)

    def health(self) -> dict:
        return {"store": self.url, "key": self.manifest.get("key"),
                "input_fingerprint": self.manifest.get("input_fingerprint"),
                "triples": self.manifest["counts"]["triples"],
                # the engine runs the queries: "alive" counts the request slots (never 0)
                "workers": {"size": self._size, "alive": self._size, "network_isolated": False,
                            "network_isolation_detail": "queries run in the external engine;"
                            " SERVICE is refused before they reach it", **self._status}}


def _read_results(content: bytes):
    """SPARQL JSON results, with Virtuoso's older "typed-literal" read as "literal". (JSON, not
    XML: pyoxigraph's XML reader trims spaces at the ends of literals, and evidence prefixes and
    suffixes end in spaces.)"""
    doc = json.loads(content)
    for row in doc.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "typed-literal":
                term["type"] = "literal"
            if term.get("datatype") == XSD_BOOLEAN and term.get("value") in ("1", "0"):
                # Virtuoso writes booleans as 1/0; the canonical forms are true/false
                term["value"] = "true" if term["value"] == "1" else "false"
    return ox.parse_query_results(json.dumps(doc).encode(), ox.QueryResultsFormat.JSON)


def _base_first(query: str, default_base: str | None) -> str:
    """The query with its BASE declarations moved to the front of the prologue (Virtuoso
    refuses a BASE after a PREFIX, which SPARQL allows), or the endpoint's base when it has
    none; offsets come from the safety lexer, so strings and IRIs are never touched."""
    tokens = tokenize(query)
    bases = []
    for i, tok in enumerate(tokens[:-1]):
        if tok.kind == "WORD" and tok.text.upper() in QUERY_FORMS:
            break
        if tok.kind == "WORD" and tok.text.upper() == "BASE" and tokens[i + 1].kind == "IRIREF":
            bases.append((tok.offset, tokens[i + 1].offset + len(tokens[i + 1].text)))
    if not bases:
        return f"BASE <{default_base}>\n{query}" if default_base else query
    moved = " ".join(query[a:b] for a, b in bases)
    rest, last = [], 0
    for a, b in bases:
        rest.append(query[last:a])
        last = b
    rest.append(query[last:])
    return moved + "\n" + "".join(rest)


def _boolean_if_ask(result, form: str):
    """Virtuoso answers ASK as one row of ?__ASK_RETVAL (1 or 0), not as a boolean."""
    if form != "ask" or isinstance(result, ox.QueryBoolean):
        return result
    rows = list(result)
    if len(rows) == 1 and len(result.variables) == 1:
        term = rows[0][result.variables[0]]
        return term is not None and term.value not in ("0", "false")
    return bool(rows)


def _mark_truncated(body: bytes, media_type: str, rows: int) -> bytes:
    """Add the truncation note of gongyun.api.serialize to an answer the engine cut."""
    note = serialize.note(rows)
    if media_type == "application/sparql-results+json":
        doc = json.loads(body)
        doc["truncated"] = {"limit": rows}
        return json.dumps(doc, ensure_ascii=False).encode()
    if media_type.endswith("xml"):
        text = body.decode()
        cut = text.rfind("</")
        return (text[:cut] + f"<!-- {note} -->" + text[cut:]).encode()
    if media_type in ("text/csv", "text/tab-separated-values"):
        return body + f"# {note}\n".encode()
    return f"# {note}\n".encode() + body
