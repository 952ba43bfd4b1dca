"""Side by side, in one run, on the same data: our service (`gongyun serve`), the native
Oxigraph server, rdflib-endpoint on rdflib's default store and on Oxigraph (oxrdflib), and the
floor (the same queries on pyoxigraph in-process, no HTTP).

    python -m bench.compare [--data build/dumps/gongyun.nq]

Fairness:
- every server answers over the union of the named graphs as its default graph (ours by
  default, Oxigraph with --union-default-graph, rdflib-endpoint's Dataset(default_union=True));
- every system's answer to every query is compared with the floor's before anything is timed
  (SELECT as multisets of bindings, graphs as sets of triples, numbers by value); a query is
  timed only where every system agrees, and disagreements are reported;
- no server has a result cache (rdflib-endpoint caches parsed queries only, as noted);
- servers run on CPU 1, the client and the floor on CPU 0 (taskset), every server on 127.0.0.1;
- every loop is bounded in count and in time; servers are stopped at the end, also on error.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from bench import common
from bench.common import free_port
from gongyun.namespaces import GRAPH, PREFIXES, sparql_prefixes

VENV_BIN = Path(sys.executable).parent
SELECT_JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
SYSTEMS = ("gongyun", "oxigraph", "rdflib", "rdflib-oxigraph", "floor")
SERVER_CPU, CLIENT_CPU = "1", "0"
XSD = PREFIXES["xsd"]
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long",
                             "nonNegativeInteger", "positiveInteger")}


# (first hop, second hop): pairs whose answers on the real graph have 80-190 rows
HOP2_PAIRS = (("organisedBy", "worksAt"), ("organisedBy", "subOrganizationOf"),
              ("partOfEvent", "tookPlaceAt"), ("founds", "activeIn"), ("worksAt", "locatedIn"),
              ("founds", "basedAt"), ("subOrganizationOf", "activeIn"),
              ("memberOf", "activeIn"), ("tookPlaceAt", "locatedIn"),
              ("relocated", "locatedIn"))


@dataclass(frozen=True)
class Query:
    cls: str
    id: str
    text: str
    form: str  # select | ask | construct | describe


def _form(text: str) -> str:
    body = re.sub(r"(?im)^\s*(PREFIX|BASE)\s+\S*\s*<[^>]*>\s*", "", text)
    body = re.sub(r"#[^\n]*", "", body)
    match = re.search(r"(?i)\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body)
    return match.group(1).lower() if match else "select"


def build_queries(store: ox.Store, seed: int = 5) -> list[Query]:
    """The query mix: the competency queries, lookups, label search, DESCRIBE, a large
    CONSTRUCT, aggregates, 3-hop joins and a trivial ASK (the per-request overhead)."""
    from gongyun.graph.competency import load_questions

    p = sparql_prefixes()
    rng = random.Random(seed)
    out: list[Query] = []
    for question in load_questions():
        if question.query:
            text = p + question.query
            out.append(Query("competency", question.id, text, _form(text)))
    entities = sorted(r["s"].value for r in store.query(
        f"SELECT DISTINCT ?s WHERE {{ GRAPH <{GRAPH}entities> {{ ?s a ?c }} }}"))
    agents = sorted(r["a"].value for r in store.query(p + """SELECT DISTINCT ?a WHERE {
        ?c gy:predicate gy:organisedBy ; gy:object ?a }""", use_default_graph_as_union=True))
    labels = sorted(r["l"].value for r in store.query(
        p + 'SELECT ?l WHERE { ?s rdfs:label ?l FILTER(LANG(?l) = "zh") }',
        use_default_graph_as_union=True))
    for e in rng.sample(entities, min(20, len(entities))):
        out.append(Query("lookup", e, f"SELECT ?p ?o WHERE {{ <{e}> ?p ?o }}", "select"))
    for e in rng.sample(entities, min(10, len(entities))):
        out.append(Query("describe", e, f"DESCRIBE <{e}>", "describe"))
    for label in rng.sample(labels, min(10, len(labels))):
        needle = label[:2].replace('"', "")
        out.append(Query("search", needle, p + f'SELECT ?s ?l WHERE {{ ?s rdfs:label ?l . '
                         f'FILTER(CONTAINS(?l, "{needle}")) }}', "select"))
    for label in rng.sample(labels, min(10, len(labels))):
        literal = json.dumps(label, ensure_ascii=False)
        out.append(Query("label", label, p + f"SELECT ?s WHERE {{ ?s rdfs:label {literal}@zh }}",
                         "select"))
    # two hops over the facts with the labels of both ends, as a client writes it (LIMIT 200);
    # each answer has fewer than 200 rows, so every system returns the same rows
    for hop1, hop2 in HOP2_PAIRS:
        out.append(Query("hop2-labels", f"{hop1}-{hop2}", p + f"""SELECT ?a ?la ?c ?lc WHERE {{
  ?a gy:{hop1} ?b . ?b gy:{hop2} ?c . ?a rdfs:label ?la . ?c rdfs:label ?lc }} LIMIT 200""",
                         "select"))
    for a in rng.sample(agents, min(10, len(agents))):
        out.append(Query("join3", a, p + f"""SELECT ?event ?place ?label WHERE {{
  ?c1 gy:object <{a}> ; gy:subject ?event .
  ?c2 gy:subject ?event ; gy:predicate gy:tookPlaceAt ; gy:object ?place .
  ?place rdfs:label ?label }}""", "select"))
    out.append(Query("join3", "events-places-times", p + """SELECT ?event ?place ?earliest WHERE {
  ?c1 gy:subject ?event ; gy:predicate gy:tookPlaceAt ; gy:object ?place .
  ?c2 gy:subject ?event ; gy:predicate gy:occurredWithin ; gy:object ?w .
  ?w gy:earliest ?earliest }""", "select"))
    out += [
        Query("aggregate", "claims-per-predicate", p + """SELECT ?p (COUNT(?c) AS ?n)
WHERE { ?c a gy:Claim ; gy:predicate ?p } GROUP BY ?p""", "select"),
        Query("aggregate", "events-per-place", p + """SELECT ?place (COUNT(DISTINCT ?e) AS ?n)
WHERE { ?c gy:predicate gy:tookPlaceAt ; gy:subject ?e ; gy:object ?place } GROUP BY ?place""",
              "select"),
        Query("aggregate", "sum-by-place", p + """SELECT ?place (COUNT(?q) AS ?n) (SUM(?v) AS ?sum)
WHERE {
  ?cp gy:predicate gy:tookPlaceAt ; gy:subject ?event ; gy:object ?place .
  ?cq gy:subject ?event ; gy:object ?q . ?q gy:value ?v .
} GROUP BY ?place""", "select"),
        Query("construct", "all-claims", p + """CONSTRUCT { ?c ?p ?o }
WHERE { ?c a gy:Claim ; ?p ?o }""", "construct"),
        Query("ask", "trivial", "ASK {}", "ask"),
    ]
    return out


# -- answers, compared ------------------------------------------------------------------------

def _term_key(t: dict) -> tuple:
    kind = {"typed-literal": "literal"}.get(t["type"], t["type"])
    if kind == "bnode":
        return ("bnode",)
    if kind != "literal":
        return (kind, t["value"])
    datatype = t.get("datatype")
    lang = (t.get("xml:lang") or t.get("lang") or "").lower() or None
    value = t["value"]
    if datatype in NUMERIC:
        with contextlib.suppress(InvalidOperation):
            value = str(Decimal(value).normalize())
        datatype = "numeric"
    if datatype == XSD + "string":
        datatype = None
    return ("literal", value, lang, datatype)


def _triple_key(t: ox.Triple) -> tuple:
    def key(term):
        if isinstance(term, ox.BlankNode):
            return "_"
        if isinstance(term, ox.Literal):
            return _term_key({"type": "literal", "value": term.value,
                              "xml:lang": term.language, "datatype": term.datatype.value})
        return term.value
    return (key(t.subject), key(t.predicate), key(t.object))


def canonical(form: str, content_type: str, body: bytes):
    """An answer as something == compares: a bool, a Counter of bindings, a set of triples."""
    if form in ("select", "ask"):
        doc = json.loads(body)
        if "boolean" in doc:
            return bool(doc["boolean"])
        return Counter(tuple(sorted((v, _term_key(t)) for v, t in b.items()))
                       for b in doc["results"]["bindings"])
    media = content_type.split(";")[0].strip()
    # rdflib-endpoint answers DESCRIBE in RDF/XML labelled application/sparql-results+xml
    fmt = (ox.RdfFormat.RDF_XML if media == "application/sparql-results+xml"
           else ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES)
    return frozenset(_triple_key(t if isinstance(t, ox.Triple) else t.triple)
                     for t in ox.parse(body, format=fmt))


# -- systems ----------------------------------------------------------------------------------

class HttpClient:
    """One keep-alive connection; POST application/sparql-query (all servers accept it)."""

    def __init__(self, port: int, path: str, timeout: float = 120):
        self.port, self.path, self.timeout = port, path, timeout
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def ask(self, query: Query) -> tuple[str, bytes]:
        accept = SELECT_JSON if query.form in ("select", "ask") else NTRIPLES
        return self.send("POST", self.path, query.text.encode(),
                         {"Content-Type": "application/sparql-query", "Accept": accept})

    def send(self, method: str, url: str, body: bytes | None,
             headers: dict[str, str]) -> tuple[str, bytes]:
        """(Content-Type, body) of a 200; one reconnect when the server closed the connection."""
        for attempt in (1, 2):
            try:
                self.conn.request(method, url, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                if response.status != 200:
                    raise RuntimeError(f"HTTP {response.status}: {data[:200]!r}")
                return response.getheader("Content-Type", ""), data
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port,
                                                       timeout=self.timeout)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.conn.close()


class FloorClient:
    """The same queries on pyoxigraph in-process, answers serialised as the servers send them."""

    def __init__(self, store: ox.Store):
        self.store = store

    def ask(self, query: Query) -> tuple[str, bytes]:
        result = self.store.query(query.text, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryBoolean):
            return SELECT_JSON, json.dumps({"head": {}, "boolean": bool(result)}).encode()
        if isinstance(result, ox.QuerySolutions):
            return SELECT_JSON, result.serialize(format=ox.QueryResultsFormat.JSON)
        return NTRIPLES, ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)

    def close(self) -> None:
        pass


@dataclass
class Server:
    name: str
    cmd: list[str]
    port: int
    path: str
    log: Path
    proc: subprocess.Popen | None = None
    started_s: float = 0.0
    ready_s: float = 0.0
    extra: dict = field(default_factory=dict)

    def start(self) -> None:
        handle = self.log.open("wb")
        self.started_s = time.perf_counter()
        # own session: stop() ends the server and every process it started (query workers)
        self.proc = subprocess.Popen(["taskset", "-c", SERVER_CPU, *self.cmd], stdout=handle,
                                     stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        probe = Query("ask", "ready", "ASK {}", "ask")
        while time.monotonic() < deadline:
            if self.proc and self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {self.log.read_text()[-800:]}")
            try:
                client = HttpClient(self.port, self.path)
                client.conn.timeout = 5
                client.ask(probe)
                client.close()
                self.ready_s = time.perf_counter() - self.started_s
                return
            except (OSError, RuntimeError, http.client.HTTPException):
                time.sleep(0.3)
        raise RuntimeError(f"{self.name} not ready after {timeout} s: "
                           f"{self.log.read_text()[-800:]}")

    def restart(self, timeout: float) -> None:
        """After a request timed out: the server may still be busy with it (rdflib-endpoint
        evaluates on its event loop), which would delay every later request."""
        self.stop()
        self.start()
        self.wait_ready(timeout)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)


def make_servers(data: Path, work: Path, max_rows: int, workers: int) -> list[Server]:
    gongyun_port, ox_port, rd_port, rdo_port = (free_port() for _ in range(4))
    return [
        Server("gongyun", [str(VENV_BIN / "gongyun"), "serve", "--data", str(data),
                           "--store", str(work / "gongyun-store"), "--port", str(gongyun_port),
                           "--max-rows", str(max_rows), "--workers", str(workers),
                           "--log-level", "warning"],
               gongyun_port, "/sparql", work / "gongyun.log"),
        Server("oxigraph", [str(VENV_BIN / "oxigraph"), "serve-read-only", "--location",
                            str(work / "oxigraph"), "--bind", f"127.0.0.1:{ox_port}",
                            "--union-default-graph"],
               ox_port, "/query", work / "oxigraph.log"),
        Server("rdflib", [str(VENV_BIN / "rdflib-endpoint"), "serve", str(data), "--host",
                          "127.0.0.1", "--port", str(rd_port)],
               rd_port, "/", work / "rdflib.log"),
        Server("rdflib-oxigraph", [str(VENV_BIN / "rdflib-endpoint"), "serve", str(data),
                                   "--host", "127.0.0.1", "--port", str(rdo_port),
                                   "--store", "Oxigraph"],
               rdo_port, "/", work / "rdflib-oxigraph.log"),
    ]


# -- timing -----------------------------------------------------------------------------------

def time_round(make_client, queries: list[Query], clients: int, target: int, budget_s: float,
               seed: int) -> dict:
    """`clients` threads, each on its own connection, run through the class's queries (each
    thread in its own shuffled order) until `target` requests are done or `budget_s` is
    spent; every started request is finished."""
    latencies: list[float] = []
    lock = threading.Lock()
    done = [0]
    errors: list[str] = []
    deadline = time.perf_counter() + budget_s

    def worker(k: int) -> None:
        client = make_client()
        order = list(queries)
        random.Random(seed * 31 + k).shuffle(order)
        i = 0
        try:
            while True:
                with lock:
                    if done[0] >= target or (time.perf_counter() > deadline and done[0] > 0):
                        return
                    done[0] += 1
                q = order[i % len(order)]
                i += 1
                started = time.perf_counter()
                client.ask(q)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
        except Exception as exc:  # noqa: BLE001 - reported, never hidden
            errors.append(repr(exc)[:200])
        finally:
            client.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(budget_s + 300)
    wall = time.perf_counter() - started
    return {"latencies": latencies, "wall": wall, "errors": errors}


def summarise(rounds: list[dict]) -> dict:
    """Per round p50/p95/p99 and throughput; the medians over rounds."""
    per = []
    for r in rounds:
        if r["latencies"]:
            s = common.summary_ms(r["latencies"])
            s["qps"] = len(r["latencies"]) / r["wall"]
            per.append(s)
    if not per:
        return {"n": 0, "errors": sum((r["errors"] for r in rounds), [])[:3]}
    out = {k: statistics.median(p[k] for p in per) for k in ("p50", "p95", "p99", "qps")}
    out["n"] = sum(p["n"] for p in per)
    out["rounds"] = len(per)
    errs = sum((r["errors"] for r in rounds), [])
    if errs:
        out["errors"] = errs[:3]
    return out


def run(args: argparse.Namespace) -> dict:
    def log(text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)

    # the client and the floor on CPU 0; the servers, started by taskset, on CPU 1
    with contextlib.suppress(OSError):
        os.sched_setaffinity(0, {int(CLIENT_CPU)})
    m = common.machine()
    work = Path(tempfile.mkdtemp(prefix="gongyun-compare-"))
    servers: list[Server] = []
    try:
        log(f"loading {args.data} for the native server and the floor ({work})")
        t0 = time.perf_counter()
        subprocess.run([str(VENV_BIN / "oxigraph"), "load", "--location", str(work / "oxigraph"),
                        "--file", str(args.data)], check=True, capture_output=True, timeout=600)
        ox_load_s = time.perf_counter() - t0
        servers = make_servers(args.data, work, args.max_rows, args.workers)
        wanted = [s for s in servers if s.name in args.systems]
        for s in wanted:
            log(f"starting {s.name}: {' '.join(s.cmd)}")
            s.start()
        for s in wanted:
            s.wait_ready(args.start_timeout)
            log(f"{s.name} ready after {s.ready_s:.1f} s on port {s.port}")
        # the floor reads the very store our service serves (same engine, same files)
        store_root = work / "gongyun-store"
        current = store_root / "current"
        floor_path = (current.resolve() / "oxigraph") if current.exists() else work / "oxigraph"
        floor_store = ox.Store.read_only(str(floor_path))
        queries = build_queries(floor_store)
        if args.classes:
            queries = [q for q in queries if q.cls in args.classes]
        clients = {s.name: (lambda s=s: HttpClient(s.port, s.path, args.query_timeout))
                   for s in wanted}
        by_name = {s.name: s for s in wanted}
        if "floor" in args.systems:
            clients["floor"] = lambda: FloorClient(floor_store)
        names = [n for n in SYSTEMS if n in clients]

        log(f"checking {len(queries)} queries on {', '.join(names)}")
        agree: dict[str, dict[str, bool]] = {n: {} for n in names}
        reference: dict[str, object] = {}
        detail: dict[str, dict[str, str]] = {}
        check_order = sorted(names, key=lambda n: n != "floor")  # the floor is the reference
        spent = dict.fromkeys(names, 0.0)
        # the competency queries last: the slow peers spend their check budget on them
        queries.sort(key=lambda q: q.cls == "competency")
        for i, q in enumerate(queries):
            key = f"{q.cls}:{q.id}"
            if i % 20 == 0:
                log(f"  checking query {i + 1}/{len(queries)} ({key}); seconds spent so far: "
                    + ", ".join(f"{n} {v:.0f}" for n, v in spent.items()))
            for n in check_order:
                if spent[n] > args.check_budget:
                    answer = None
                    detail.setdefault(key, {})[n] = (
                        f"not checked: {args.check_budget:.0f} s check budget spent")
                    agree[n][key] = False
                    continue
                client = clients[n]()
                started = time.perf_counter()
                try:
                    content_type, body = client.ask(q)
                    answer = canonical(q.form, content_type, body)
                except TimeoutError:
                    answer = None
                    detail.setdefault(key, {})[n] = f"no answer within {args.query_timeout:.0f} s"
                    log(f"  {n} timed out on {key}: restarting it")
                    client.close()
                    by_name[n].restart(args.start_timeout)
                except Exception as exc:  # noqa: BLE001 - reported as a disagreement
                    answer = None
                    detail.setdefault(key, {})[n] = repr(exc)[:160]
                finally:
                    client.close()
                    spent[n] += time.perf_counter() - started
                reference.setdefault(key, answer)
                agree[n][key] = answer is not None and answer == reference[key]
                if answer is not None and not agree[n][key]:
                    size = len(answer) if hasattr(answer, "__len__") else answer
                    ref = reference[key]
                    detail.setdefault(key, {})[n] = (
                        f"{size} vs {len(ref) if hasattr(ref, '__len__') else ref} rows")
        timed = [q for q in queries if all(agree[n][f"{q.cls}:{q.id}"] for n in names)]
        log(f"{len(timed)} of {len(queries)} queries answered alike by every system")

        classes = sorted({q.cls for q in timed}, key=[q.cls for q in queries].index)
        results: dict[str, dict] = {n: {} for n in names}
        for cls in classes:
            mine = [q for q in timed if q.cls == cls]
            for n in names:
                for c in args.clients:
                    rounds = []
                    for r in range(args.rounds):
                        rounds.append(time_round(clients[n], mine, c,
                                                 max(args.min_requests, len(mine)) * c,
                                                 args.round_budget, seed=r))
                        if rounds[-1]["errors"] and n in by_name:
                            log(f"  {n}: {rounds[-1]['errors'][0]}; restarting it")
                            by_name[n].restart(args.start_timeout)
                    results[n].setdefault(cls, {})[str(c)] = summarise(rounds)
                    s = results[n][cls][str(c)]
                    log(f"{cls:10s} {n:16s} {c} client(s): p50 {s.get('p50', 0):8.2f} ms, "
                        f"{s.get('qps', 0):8.1f} q/s, n={s.get('n')}")
        m_end = common.machine()
        return {
            "machine": m, "load_avg_end": m_end["load_avg_1m"], "data": str(args.data),
            "quads": len(floor_store), "oxigraph_load_s": ox_load_s,
            "ready_s": {s.name: s.ready_s for s in wanted},
            "pinning": {"servers": SERVER_CPU, "client_and_floor": CLIENT_CPU},
            "queries": {cls: sum(q.cls == cls for q in queries) for cls in
                        dict.fromkeys(q.cls for q in queries)},
            "timed": {cls: sum(q.cls == cls for q in timed) for cls in classes},
            "disagreements": detail,
            "agreement": {n: sum(v.values()) for n, v in agree.items()},
            "results": results, "settings": {k: (v if not isinstance(v, Path) else str(v))
                                             for k, v in vars(args).items()},
        }
    finally:
        for s in servers:
            s.stop()
        shutil.rmtree(work, ignore_errors=True)


# -- report -----------------------------------------------------------------------------------

def _cell(s: dict | None, key: str) -> float | None:
    return None if not s or key not in s else s[key]


def tables(res: dict, command: str) -> str:
    names = list(res["results"])
    classes = list(res["timed"])
    m = res["machine"]
    lines = [f"Machine: {common.machine_line(m)}; at the end {res['load_avg_end']}. "
             f"Servers pinned to CPU {res['pinning']['servers']}, client and floor to CPU "
             f"{res['pinning']['client_and_floor']} (taskset).",
             "", f"Command: `{command}`", "",
             f"Data: `{res['data']}`, {res['quads']:,} quads. Queries per class (timed / "
             "written): " + ", ".join(f"{c} {res['timed'][c]}/{res['queries'][c]}"
                                      for c in classes) + ". Answers equal to the floor's: "
             + ", ".join(f"{n} {res['agreement'][n]}" for n in names) + ".", "",
             "Latency at 1 client, p50 / p95 / p99 in ms (medians of the rounds):", "",
             "| class | " + " | ".join(names) + " |",
             "| --- | " + " | ".join("---:" for _ in names) + " |"]
    for cls in classes:
        cells = []
        for n in names:
            s = res["results"][n].get(cls, {}).get("1")
            cells.append("–" if not s or "p50" not in s else
                         f"{common.fmt_ms(s['p50'])} / {common.fmt_ms(s['p95'])} / "
                         f"{common.fmt_ms(s['p99'])}")
        lines.append(f"| {cls} | " + " | ".join(cells) + " |")
    lines += ["", "Throughput, queries per second at 1 / 4 clients:", "",
              "| class | " + " | ".join(names) + " |",
              "| --- | " + " | ".join("---:" for _ in names) + " |"]
    for cls in classes:
        cells = []
        for n in names:
            per = res["results"][n].get(cls, {})
            vals = [_cell(per.get(c), "qps") for c in ("1", "4")]
            cells.append(" / ".join("–" if v is None else f"{v:,.1f}" for v in vals))
        lines.append(f"| {cls} | " + " | ".join(cells) + " |")
    if "gongyun" in names:
        peers = [n for n in names if n != "gongyun"]
        lines += ["", "Ratios of p50 latency at 1 client, gongyun's over each other system's "
                  "(below 1: gongyun is faster); target: ≤ 1.5 vs oxigraph, ≤ 0.05 vs rdflib "
                  "on joins and aggregates, < 1 vs rdflib-oxigraph:", "",
                  "| class | " + " | ".join(f"gongyun / {n}" for n in peers) + " |",
                  "| --- | " + " | ".join("---:" for _ in peers) + " |"]
        for cls in classes:
            ours = _cell(res["results"]["gongyun"].get(cls, {}).get("1"), "p50")
            cells = []
            for n in peers:
                theirs = _cell(res["results"][n].get(cls, {}).get("1"), "p50")
                cells.append("–" if not ours or not theirs else f"{ours / theirs:.2f}")
            lines.append(f"| {cls} | " + " | ".join(cells) + " |")
    if res.get("before") and "gongyun" in names and "oxigraph" in names:
        lines += ["", before_after(res["before"], res), ""]
    if res["disagreements"]:
        lines += ["", "Queries not timed because a system answered differently (or failed):", ""]
        for key, per in sorted(res["disagreements"].items()):
            lines.append(f"- `{key}`: " + "; ".join(f"{n}: {d}" for n, d in per.items()))
    return "\n".join(lines)


def before_after(before: dict, after: dict) -> str:
    """gongyun / oxigraph at 1 client, p50, in an earlier run (`--before`) and in this one."""
    def p50(res: dict, name: str, cls: str) -> float | None:
        return _cell(res["results"].get(name, {}).get(cls, {}).get("1"), "p50")

    m = before["machine"]
    lines = [f"Before and after: the run of `--before` (load average {m['load_avg_1m']} at its "
             f"start, {before['load_avg_end']} at its end) and this one; p50 at 1 client, ms:",
             "", "| class | gongyun before | oxigraph before | ratio before | gongyun after |"
             " oxigraph after | ratio after |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for cls in after["timed"]:
        cells = []
        for res in (before, after):
            ours, theirs = p50(res, "gongyun", cls), p50(res, "oxigraph", cls)
            ratio = "–" if not ours or not theirs else f"{ours / theirs:.2f}"
            cells += [common.fmt_ms(ours), common.fmt_ms(theirs), ratio]
        lines.append(f"| {cls} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("build/dumps/gongyun.nq"))
    parser.add_argument("--systems", default=",".join(SYSTEMS),
                        type=lambda s: s.split(","), help="comma-separated subset of " +
                        ", ".join(SYSTEMS))
    parser.add_argument("--classes", type=lambda s: s.split(","),
                        help="only these query classes (default: all)")
    parser.add_argument("--clients", default="1,4", type=lambda s: [int(x) for x in s.split(",")])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--min-requests", type=int, default=30,
                        help="requests per client and round (at least one per query)")
    parser.add_argument("--round-budget", type=float, default=6.0,
                        help="seconds one round may take (then it stops after the requests "
                        "under way)")
    parser.add_argument("--max-rows", type=int, default=1_000_000,
                        help="gongyun serve --max-rows: high, so no answer is cut")
    parser.add_argument("--workers", type=int, default=2, help="gongyun serve --workers")
    parser.add_argument("--start-timeout", type=float, default=300)
    parser.add_argument("--query-timeout", type=float, default=20,
                        help="seconds a request may take before the system is counted as "
                        "failing it (and a server is restarted)")
    parser.add_argument("--check-budget", type=float, default=240,
                        help="seconds per system for checking the answers; queries left over "
                        "are not timed")
    parser.add_argument("--out", type=Path, default=common.OUT_DIR)
    parser.add_argument("--doc", type=Path, default=common.DOC)
    parser.add_argument("--before", type=Path,
                        help="compare.json of an earlier run: a before/after table of the "
                        "gongyun / oxigraph ratios is added")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data} not found: run `gongyun build` first", file=sys.stderr)
        return 2
    res = run(args)
    if args.before:
        res["before"] = json.loads(args.before.read_text())
        res["before"].pop("before", None)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "compare.json").write_text(json.dumps(res, indent=2, default=str))
    given = list(sys.argv[1:] if argv is None else argv)
    for flag in ("--out", "--doc"):  # where it wrote, not what it measured
        if flag in given:
            i = given.index(flag)
            del given[i:i + 2]
    command = " ".join(["python -m bench.compare", *map(shlex.quote, given)])
    common.write_between_markers(args.doc, "compare", tables(res, command))
    print(tables(res, command))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
