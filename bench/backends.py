"""The same query mix on the two backends of `gongyun serve`, on synthetic graphs of 10^6 and
10^7 quads: the embedded store (pyoxigraph on disk), the service over Virtuoso open source
(`--store-url`), and Virtuoso's own /sparql endpoint with no service in front.

    python -m bench.backends [--sizes 1e6,1e7]

Per size: the synthetic graph (cached in build/bench/synthetic-N.nq, made by
bench.synthetic when missing); a private Virtuoso (bench.virtuoso, 127.0.0.1,
buffers sized for the data) loaded by its bulk loader, load time and database size recorded; the
embedded store prepared as `gongyun serve` prepares it (gongyun.api.storedir.prepare, in a child
process), time and size recorded; then `gongyun serve --data F --store D` and the same with
`--store-url` on Virtuoso.

Fairness (as bench.compare):
- every answer is compared with the embedded service's before anything is timed (SELECT as
  multisets of bindings with numbers by value, graphs as sets of triples, REST JSON with lists in
  any order; the 10,000-triple CONSTRUCT has a LIMIT without ORDER BY, so engines may pick
  different triples: its size is compared); a query is timed only where every system agrees;
- Virtuoso's raw endpoint gets the dataset the service sends it (our graphs as default-graph-uri
  and named-graph-uri, so its system graphs are left out) and the same `timeout`;
- the servers (both services, their query workers, Virtuoso) run on CPU 1, the client on CPU 0;
- systems are interleaved round by round, so drift of the shared machine hits all alike;
- every loop is bounded in count and time; every server is stopped at the end, also on error.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from bench import common, compare, synthetic
from bench import virtuoso as vt
from bench.scale import _nodes
from gongyun.namespaces import local_id, prefixed, sparql_prefixes

MODULE = "bench.backends"
SYSTEMS = ("embedded", "gongyun-virtuoso", "virtuoso")
LABELS = {"embedded": "embedded (service)", "gongyun-virtuoso": "Virtuoso via the service",
          "virtuoso": "Virtuoso /sparql"}
CLASSES = ("lookup", "label", "search", "join3", "agg-sum", "agg-count", "describe",
           "construct", "entity")
REST_CLASSES = {"search", "entity"}  # the service's routes: not asked of Virtuoso's endpoint
AGGREGATES = ("agg-sum", "agg-count")
DATA_DIR = Path("build/bench")
SELECT_JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"


@dataclass(frozen=True)
class Query:
    cls: str
    id: str
    form: str  # select | construct | describe | rest
    text: str  # SPARQL, or the path of a REST request
    limited: bool = False  # LIMIT without ORDER BY: engines may choose different rows


def parse_sizes(text: str) -> list[int]:
    sizes = [synthetic.parse_size(s) for s in text.split(",") if s.strip()]
    if not sizes or any(s < 1000 for s in sizes):
        raise argparse.ArgumentTypeError(f"{text!r}: sizes are quads, at least 1e3 each")
    return sizes


def parse_clients(text: str) -> list[int]:
    counts = [int(s) for s in text.split(",") if s.strip()]
    if not counts or any(c < 1 or c > 64 for c in counts):
        raise argparse.ArgumentTypeError(f"{text!r}: client counts between 1 and 64")
    return counts


def build_queries(size: int, per_class: int = 10) -> list[Query]:
    """The mix, with nodes drawn from the generator's own arithmetic (they exist at `size`)."""
    import random

    p = sparql_prefixes()
    rng = random.Random(11)
    n = _nodes(size)
    picks = sorted(rng.sample(range(n["entities"]), min(per_class * 2, n["entities"])))
    out: list[Query] = []
    for i, e in enumerate(picks):
        iri = synthetic.entity_iri(e)
        cls = synthetic.entity_class(e)[0]
        zh = synthetic.name_of(e)[0] + synthetic.SUFFIX.get(cls, synthetic.EVENT_SUFFIX)[0]
        needle = synthetic.name_of(e)[0][:2]
        local = local_id(iri)
        out.append(Query("lookup", local, "select", f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"))
        out.append(Query("label", zh, "select",
                         p + f'SELECT ?s WHERE {{ ?s rdfs:label "{zh}"@zh }}'))
        if i < per_class:
            out.append(Query("search", needle, "rest", f"/api/search?q={quote(needle)}"))
            out.append(Query("join3", local, "select", p + f"""SELECT ?event ?place ?label WHERE {{
  ?c1 gy:object <{iri}> ; gy:subject ?event .
  ?c2 gy:subject ?event ; gy:predicate gy:tookPlaceAt ; gy:object ?place .
  ?place rdfs:label ?label }}"""))
            out.append(Query("describe", local, "describe", f"DESCRIBE <{iri}>"))
            out.append(Query("entity", local, "rest", f"/api/entities/{local}"))
    out += [
        Query("agg-sum", "quantities-by-place", "select", p + """SELECT ?place
  (COUNT(DISTINCT ?event) AS ?events) (COUNT(?q) AS ?n) (SUM(?v) AS ?total)
WHERE {
  ?cp gy:predicate gy:tookPlaceAt ; gy:subject ?event ; gy:object ?place .
  ?cq gy:subject ?event ; gy:object ?q . ?q gy:value ?v .
} GROUP BY ?place ORDER BY DESC(?total) ?place LIMIT 20"""),
        Query("agg-count", "triples-by-predicate", "select",
              "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"),
        Query("construct", "claims-10000", "construct", p + """CONSTRUCT { ?c ?p ?o }
WHERE { ?c a gy:Claim ; ?p ?o } LIMIT 10000""", limited=True),
    ]
    return sorted(out, key=lambda q: CLASSES.index(q.cls))


# -- answers, compared ------------------------------------------------------------------------

def json_canonical(value):
    """JSON with every list in a fixed order: engines return unordered rows in any order."""
    if isinstance(value, dict):
        return {k: json_canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((json_canonical(v) for v in value),
                      key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


BASE = re.compile(rb"http://127\.0\.0\.1:\d+")
XSD_BOOLEAN = prefixed("xsd", "boolean")


def _boolean_as_written(key):
    """Virtuoso's own endpoint writes xsd:boolean true as "1" (its canonical form); the value
    is the same, so compare booleans by value."""
    if isinstance(key, tuple) and len(key) == 4 and key[0] == "literal" and key[3] == XSD_BOOLEAN:
        return ("literal", {"1": "true", "0": "false"}.get(key[1], key[1]), key[2], key[3])
    return key


def canonical(query: Query, content_type: str, body: bytes):
    """An answer as something == compares (see compare.canonical), with the differences of
    form that are not differences of answer taken out: the port in the service's URLs (each
    server has its own), Virtuoso's 1 for a true boolean."""
    if query.form == "rest":
        return json_canonical(json.loads(BASE.sub(b"BASE", body)))
    answer = compare.canonical(query.form, content_type, body)
    if query.limited:
        return len(answer)
    if isinstance(answer, Counter):
        return Counter({tuple((v, _boolean_as_written(k)) for v, k in row): n
                        for row, n in answer.items()})
    if isinstance(answer, frozenset):
        return frozenset(tuple(_boolean_as_written(k) for k in t) for t in answer)
    return answer


def described(query: Query) -> str | None:
    match = re.fullmatch(r"DESCRIBE <([^>]+)>", query.text.strip())
    return match.group(1) if match else None


def agree(query: Query, reference, answer) -> bool:
    """Equal answers; for DESCRIBE, which SPARQL leaves to the engine, Virtuoso's answer may
    add the triples that point to the resource (it describes both ways): the embedded store's
    triples must all be there and every extra one must end at the resource."""
    if answer is None or reference is None:
        return False
    if answer == reference:
        return True
    node = described(query)
    if node and isinstance(answer, frozenset) and isinstance(reference, frozenset):
        return reference <= answer and all(t[2] == node for t in answer - reference)
    return False


# -- clients and servers ----------------------------------------------------------------------

class Client(compare.HttpClient):
    """One keep-alive connection. SPARQL as a form POST (every endpoint takes it) with the
    dataset parameters `extra`; REST routes as GET."""

    def __init__(self, port: int, path: str = "/sparql", extra: list[tuple[str, str]] | None = None,
                 timeout: float = 120):
        super().__init__(port, path, timeout)
        self.extra = extra or []

    def request(self, query: Query) -> tuple[str, bytes]:
        if query.form == "rest":
            return self.send("GET", query.text, None, {"Accept": "application/json"})
        accept = SELECT_JSON if query.form == "select" else NTRIPLES
        body = urlencode([("query", query.text), *self.extra]).encode()
        return self.send("POST", self.path, body,
                         {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})

    ask = request  # compare.time_round calls ask()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def tree_memory_mb(pid: int) -> dict[str, float]:
    """Resident memory (VmRSS) and its peak (VmHWM) summed over a process and its
    descendants (the service and its query workers), in MB."""
    total = {"rss": 0.0, "peak": 0.0}
    todo = [pid]
    while todo:
        p = todo.pop()
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total["rss"] += int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    total["peak"] += int(line.split()[1]) / 1024
        todo += _children(p)
    return {k: round(v, 1) for k, v in total.items()}


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def gongyun_server(name: str, data: Path, store: Path, work: Path, args,
                   store_url: str | None = None) -> compare.Server:
    port = vt.free_port()
    cmd = [str(compare.VENV_BIN / "gongyun"), "serve", "--data", str(data), "--store", str(store),
           "--port", str(port), "--max-rows", str(args.max_rows), "--workers", str(args.workers),
           "--query-timeout", str(args.query_timeout), "--log-level", "warning"]
    if store_url:
        cmd += ["--store-url", store_url]
    return compare.Server(name, cmd, port, "/sparql", work / f"{name}.log")


def prepare_store(data: Path, store: Path, timeout: float) -> dict:
    """gongyun.api.storedir.prepare in a child on the servers' CPU, as `gongyun serve` runs it."""
    code = ("import sys; from pathlib import Path; from gongyun.api.storedir import prepare; "
            "from gongyun.settings import Settings; "
            "print(prepare(Settings(store_dir=Path(sys.argv[1]), data=[sys.argv[2]])))")
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run(["taskset", "-c", compare.SERVER_CPU, sys.executable, "-c", code,
                           str(store), str(data)], capture_output=True, text=True,
                          timeout=timeout)
    wall = time.perf_counter() - started
    after = os.times()
    if done.returncode != 0:
        raise RuntimeError(f"prepare failed: {done.stderr[-800:]}")
    built = Path(done.stdout.strip().splitlines()[-1])
    return {"wall_s": round(wall, 2),
            "cpu_s": round(after.children_user + after.children_system
                           - before.children_user - before.children_system, 2),
            "bytes": dir_bytes(built), "dir": str(built)}


def ensure_data(size: int, data_dir: Path, log) -> Path:
    data = data_dir / f"synthetic-{size}.nq"
    if not data.exists():
        log(f"[{size}] generating {data} (not timed)")
        synthetic.write(data, size)
    return data


def manifest_graphs(store_dir: Path) -> list[str]:
    manifest = json.loads((store_dir / "manifest.json").read_text())
    return list(manifest["counts"]["graphs"])


# -- one size ---------------------------------------------------------------------------------

def run_size(size: int, args: argparse.Namespace, log) -> dict:
    data = ensure_data(size, args.data_dir, log)
    work = (args.work / str(size)).resolve()
    shutil.rmtree(work, ignore_errors=True)
    (work / "virtuoso").mkdir(parents=True)
    machine_bytes = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    memory = vt.memory_for(data.stat().st_size, machine_bytes)
    buffers = vt.buffers_for(memory)
    row: dict = {"size": size, "data": str(data), "data_bytes": data.stat().st_size,
                 "virtuoso_memory_bytes": memory, "virtuoso_buffers": buffers,
                 "machine": common.machine()}
    engine: vt.Virtuoso | None = None
    servers: list[compare.Server] = []
    try:
        engine = vt.Virtuoso(work / "virtuoso", max_rows=max(args.max_rows, 100_000),
                             max_seconds=int(args.query_timeout) + 5, buffers=buffers,
                             cpus=compare.SERVER_CPU)
        engine.wait_ready()
        log(f"[{size}] Virtuoso bulk load of {data} ({buffers[0]:,} buffers)")
        started = time.perf_counter()
        engine.bulk_load(data, timeout=args.load_timeout)
        row["virtuoso_load_s"] = round(time.perf_counter() - started, 2)
        row["virtuoso_db_bytes"] = engine.database_bytes()
        row["virtuoso_after_load"] = tree_memory_mb(engine.proc.pid)
        log(f"[{size}] loaded in {row['virtuoso_load_s']} s; preparing the embedded store")
        row["prepare"] = prepare_store(data, work / "store", args.load_timeout)
        log(f"[{size}] embedded store prepared in {row['prepare']['wall_s']} s")
        graphs = manifest_graphs(Path(row["prepare"]["dir"]))

        servers = [gongyun_server("embedded", data, work / "store", work, args),
                   gongyun_server("gongyun-virtuoso", data, work / "store", work, args,
                                  store_url=engine.url)]
        for s in servers:
            s.start()
            s.wait_ready(args.start_timeout)
            log(f"[{size}] {s.name} ready after {s.ready_s:.1f} s")
        row["ready_s"] = {s.name: round(s.ready_s, 2) for s in servers}
        by_name = {s.name: s for s in servers}
        # the dataset and the time limit the service sends with every query
        raw_extra = ([("default-graph-uri", g) for g in graphs]
                     + [("named-graph-uri", g) for g in graphs]
                     + [("timeout", str(int(args.query_timeout * 1000)))])
        makers = {
            "embedded": lambda: Client(by_name["embedded"].port, timeout=args.query_timeout + 10),
            "gongyun-virtuoso": lambda: Client(by_name["gongyun-virtuoso"].port,
                                               timeout=args.query_timeout + 10),
            "virtuoso": lambda: Client(engine.http_port, extra=raw_extra,
                                       timeout=args.query_timeout + 10),
        }
        queries = build_queries(size, args.per_class)
        if args.classes:
            queries = [q for q in queries if q.cls in args.classes]
        row.update(check_and_time(queries, makers, args, log, size))
        row["memory_mb"] = {
            "embedded": tree_memory_mb(by_name["embedded"].proc.pid),
            "gongyun-virtuoso-service": tree_memory_mb(by_name["gongyun-virtuoso"].proc.pid),
            "virtuoso": tree_memory_mb(engine.proc.pid)}
        row["load_avg_end"] = common.machine()["load_avg_1m"]
        return row
    finally:
        for s in servers:
            s.stop()
        if engine is not None:
            engine.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def systems_for(query: Query) -> tuple[str, ...]:
    return SYSTEMS[:2] if query.cls in REST_CLASSES else SYSTEMS


def check_and_time(queries: list[Query], makers: dict, args, log, size: int) -> dict:
    log(f"[{size}] checking {len(queries)} queries on {', '.join(SYSTEMS)}")
    disagreements: dict[str, dict[str, str]] = {}
    answers: dict[str, dict[str, object]] = {}
    for q in queries:
        key = f"{q.cls}:{q.id}"
        for n in systems_for(q):
            client = makers[n]()
            try:
                answers.setdefault(key, {})[n] = canonical(q, *client.request(q))
            except Exception as exc:  # noqa: BLE001 - reported as a disagreement
                answers.setdefault(key, {})[n] = None
                disagreements.setdefault(key, {})[n] = repr(exc)[:200]
            finally:
                client.close()
        ref = answers[key].get("embedded")
        for n in systems_for(q)[1:]:
            if not agree(q, ref, answers[key][n]) and n not in disagreements.get(key, {}):
                mine = answers[key][n]
                disagreements.setdefault(key, {})[n] = (
                    f"{_size(mine)} vs {_size(ref)} (embedded)")
    timed = [q for q in queries if f"{q.cls}:{q.id}" not in disagreements]
    log(f"[{size}] {len(timed)} of {len(queries)} queries answered alike")
    results: dict[str, dict] = {n: {} for n in SYSTEMS}
    skipped: list[str] = []
    for cls in dict.fromkeys(q.cls for q in timed):
        if time.monotonic() > args.deadline:
            log(f"[{size}] {cls}: not timed, the run's time budget is spent")
            skipped.append(cls)
            continue
        mine = [q for q in timed if q.cls == cls]
        for c in args.clients:
            rounds: dict[str, list] = {n: [] for n in systems_for(mine[0])}
            for r in range(args.rounds):
                for n in rounds:  # interleaved: round r of every system, then round r + 1
                    rounds[n].append(compare.time_round(
                        makers[n], mine, c, max(args.min_requests, len(mine)) * c,
                        args.round_budget, seed=r))
            for n, rs in rounds.items():
                s = compare.summarise(rs)
                results[n].setdefault(cls, {})[str(c)] = s
                log(f"[{size}] {cls:9s} {n:16s} {c} client(s): p50 "
                    f"{s.get('p50', float('nan')):8.2f} ms, p95 "
                    f"{s.get('p95', float('nan')):8.2f} ms, n={s.get('n')}")
    return {"queries": {cls: sum(q.cls == cls for q in queries) for cls in CLASSES},
            "timed": {cls: sum(q.cls == cls for q in timed) for cls in CLASSES},
            "disagreements": disagreements, "results": results,
            "not_timed_for_time": skipped}


def _size(answer) -> str:
    if answer is None:
        return "no answer"
    if isinstance(answer, int | bool):
        return str(answer)
    return f"{len(answer)} rows/triples" if hasattr(answer, "__len__") else "an answer"


# -- report -----------------------------------------------------------------------------------

def _mb(value: float) -> str:
    return f"{value / 2**20:,.0f}"


def _pair(s: dict | None) -> str:
    if not s or "p50" not in s:
        return "–"
    return f"{common.fmt_ms(s['p50'])} / {common.fmt_ms(s['p95'])}"


def aggregate_ratios(row: dict) -> dict[str, dict[str, float]]:
    """p50 at 1 client, the embedded service's over each Virtuoso system's (issue 9's target:
    at most 2 over Virtuoso)."""
    res = row["results"]
    out: dict[str, dict[str, float]] = {}
    for cls in AGGREGATES:
        ours = res["embedded"].get(cls, {}).get("1", {}).get("p50")
        for n in SYSTEMS[1:]:
            theirs = res[n].get(cls, {}).get("1", {}).get("p50")
            if ours and theirs:
                out.setdefault(cls, {})[n] = round(ours / theirs, 2)
    return out


def tables(rows: list[dict], command: str) -> str:
    rows = sorted(rows, key=lambda r: r["size"])
    sizes = [common.fmt_n(r["size"]) for r in rows]
    head = "| | " + " | ".join(sizes) + " |"
    rule = "| --- | " + " | ".join("---:" for _ in rows) + " |"

    def line(name: str, fn) -> str:
        cells = []
        for r in rows:
            try:
                cells.append(fn(r))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("–")
        return f"| {name} | " + " | ".join(cells) + " |"

    lines = [f"Machine: {common.machine_line(rows[0]['machine'])}. Servers (both services, "
             "their query workers, Virtuoso) pinned to CPU 1, the client to CPU 0.", "",
             f"Command: `{command}`", "",
             "Set-up (the embedded store as `gongyun serve` prepares it: bulk load, label index, "
             "counts; Virtuoso's bulk loader, one loader thread, then a checkpoint):", "",
             head, rule,
             line("quads (synthetic, `bench.synthetic`)", lambda r: f"{r['size']:,}"),
             line("N-Quads file, MB", lambda r: _mb(r["data_bytes"])),
             line("embedded: prepare, s wall (CPU)",
                  lambda r: f"{r['prepare']['wall_s']:.0f} ({r['prepare']['cpu_s']:.0f})"),
             line("embedded: store on disk, MB", lambda r: _mb(r["prepare"]["bytes"])),
             line("Virtuoso: bulk load + checkpoint, s", lambda r: f"{r['virtuoso_load_s']:.0f}"),
             line("Virtuoso: database on disk, MB", lambda r: _mb(r["virtuoso_db_bytes"])),
             line("Virtuoso: buffers (NumberOfBuffers × 8 KB), MB",
                  lambda r: _mb(r["virtuoso_buffers"][0] * vt.PAGE_BYTES)),
             line("service ready, s: embedded / over Virtuoso",
                  lambda r: f"{r['ready_s']['embedded']:.1f} / "
                            f"{r['ready_s']['gongyun-virtuoso']:.1f}"),
             line("RSS at the end (peak), MB: embedded service + workers",
                  lambda r: "{rss:,.0f} ({peak:,.0f})".format(**r["memory_mb"]["embedded"])),
             line("RSS at the end (peak), MB: service over Virtuoso",
                  lambda r: "{rss:,.0f} ({peak:,.0f})".format(
                      **r["memory_mb"]["gongyun-virtuoso-service"])),
             line("RSS at the end (peak), MB: Virtuoso",
                  lambda r: "{rss:,.0f} ({peak:,.0f})".format(**r["memory_mb"]["virtuoso"])),
             ]
    for r in rows:
        res = r["results"]
        cols = [(n, c) for n in SYSTEMS for c in ("1", "4")]
        lines += ["", f"Latency at {common.fmt_n(r['size'])} quads, p50 / p95 in ms (medians of "
                  "the rounds), at 1 and 4 clients:", "",
                  "| class (timed/written) | " + " | ".join(
                      f"{LABELS[n]}, {c}" for n, c in cols) + " |",
                  "| --- | " + " | ".join("---:" for _ in cols) + " |"]
        for cls in CLASSES:
            if not r["queries"].get(cls):
                continue
            cells = [_pair(res[n].get(cls, {}).get(c)) for n, c in cols]
            lines.append(f"| {cls} ({r['timed'][cls]}/{r['queries'][cls]}) | "
                         + " | ".join(cells) + " |")
        ratios = aggregate_ratios(r)
        if ratios:
            lines += ["", "Whole-graph aggregates, p50 at 1 client, embedded over Virtuoso "
                      "(issue 9's target: ≤ 2): " + "; ".join(
                          f"{cls}: {v.get('virtuoso', '–')}× Virtuoso's endpoint, "
                          f"{v.get('gongyun-virtuoso', '–')}× the service over Virtuoso"
                          for cls, v in ratios.items()) + "."]
        if r.get("not_timed_for_time"):
            lines += ["", "Not timed, the run's time budget (--budget-minutes) spent first: "
                      + ", ".join(r["not_timed_for_time"]) + "."]
        if r["disagreements"]:
            lines += ["", "Not timed (answers differ from the embedded service's, or failed):"]
            for key, per in sorted(r["disagreements"].items()):
                lines.append(f"- `{key}`: " + "; ".join(f"{n}: {d}" for n, d in per.items()))
    return "\n".join(lines)


SECTION = "## Two backends: embedded and Virtuoso"
SECTION_INTRO = """
`python -m bench.backends` (issue 11; issue 9's aggregate target) runs one query mix on
the service over its embedded store, the service over Virtuoso open source 7.2
(`gongyun serve --store-url`), and Virtuoso's own `/sparql` endpoint, on synthetic graphs
(`bench.synthetic`). Classes: `lookup` (an entity's triples), `label` (exact `rdfs:label`
match), `search` (`/api/search`, the service's label index: not asked of Virtuoso's endpoint),
`join3` (claim → event → place → label), `agg-sum` (COUNT and SUM of quantities grouped by
place, top 20) and `agg-count` (triples by predicate) over the whole graph, `describe`,
`construct` (10,000 triples) and `entity` (`/api/entities/{id}`, service only). Every answer is
checked against the embedded service's before timing; see the module's docstring for the rules.
"""


def ensure_section(doc: Path) -> None:
    """The section and its markers, before "## The scale curve" (or at the end) once."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else ""
    if "<!-- backends:begin -->" in text:
        return
    block = f"{SECTION}\n{SECTION_INTRO}\n<!-- backends:begin -->\n<!-- backends:end -->\n\n"
    anchor = "## The scale curve"
    text = text.replace(anchor, block + anchor, 1) if anchor in text else (
        text.rstrip() + "\n\n" + block)
    doc.write_text(text, encoding="utf-8")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.backends", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=parse_sizes, default=parse_sizes("1e6,1e7"),
                   help="quads per synthetic graph, comma-separated (default 1e6,1e7)")
    p.add_argument("--classes", type=lambda s: [c for c in s.split(",") if c],
                   help="only these query classes: " + ", ".join(CLASSES))
    p.add_argument("--clients", type=parse_clients, default=parse_clients("1,4"))
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--per-class", type=int, default=10,
                   help="queries per class with a random node (lookup and label: twice this)")
    p.add_argument("--min-requests", type=int, default=20,
                   help="requests per client and round (at least one per query)")
    p.add_argument("--round-budget", type=float, default=4.0,
                   help="seconds a round may take (then it stops after the requests under way)")
    p.add_argument("--query-timeout", type=float, default=60,
                   help="seconds a query may run (service and engine alike)")
    p.add_argument("--max-rows", type=int, default=1_000_000)
    p.add_argument("--workers", type=int, default=2, help="gongyun serve --workers")
    p.add_argument("--start-timeout", type=float, default=600)
    p.add_argument("--load-timeout", type=float, default=1800,
                   help="seconds the Virtuoso load or the store preparation may take")
    p.add_argument("--budget-minutes", type=float, default=120,
                   help="the whole run's time: classes not reached by then are left untimed "
                   "(and listed), so a long run still reports what it measured")
    p.add_argument("--data-dir", type=Path, default=DATA_DIR)
    p.add_argument("--work", type=Path, default=DATA_DIR / "backends",
                   help="where the stores and the Virtuoso database go (removed at the end)")
    p.add_argument("--keep", action="store_true", help="keep the stores and database")
    p.add_argument("--out", type=Path, default=common.OUT_DIR)
    p.add_argument("--doc", type=Path, default=common.DOC,
                   help="the file the table is written into (between backends markers)")
    p.add_argument("--no-doc", action="store_true", help="do not write the table")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not vt.available():
        print("Virtuoso open source is not installed (apt-get install virtuoso-opensource)",
              file=sys.stderr)
        return 2
    unknown = set(args.classes or []) - set(CLASSES)
    if unknown:
        print(f"unknown classes: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2

    def log(text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)

    def stop(signum, frame):  # `timeout` or ^C: leave through the finally blocks
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, stop)
    args.deadline = time.monotonic() + args.budget_minutes * 60
    with contextlib.suppress(OSError):
        os.sched_setaffinity(0, {int(compare.CLIENT_CPU)})
    args.out.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        started = time.perf_counter()
        row = run_size(size, args, log)
        row["wall_s"] = round(time.perf_counter() - started, 1)
        row["settings"] = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}
        (args.out / f"backends-{size}.json").write_text(json.dumps(row, indent=2, default=str))
        log(f"[{size}] done in {row['wall_s']:.0f} s")
    # every size measured so far (each run may measure some): one table
    rows = [json.loads(p.read_text()) for p in sorted(args.out.glob("backends-*.json"))]
    command = "python -m bench.backends --sizes " + ",".join(
        f"1e{len(str(r['size'])) - 1}" if r["size"] == 10 ** (len(str(r["size"])) - 1)
        else str(r["size"]) for r in sorted(rows, key=lambda r: r["size"]))
    text = tables(rows, command)
    if not args.no_doc:
        ensure_section(args.doc)
        common.write_between_markers(args.doc, "backends", text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
