"""The scale curve: load time (on disk and in memory), store size, peak memory, query latency
and SHACL validation time on synthetic graphs of growing size.

    python -m bench.scale --sizes 1e4,1e5,1e6[,1e7]

Every measurement runs in its own child process (peak memory is that child's ru_maxrss; a
child that runs over its time limit is killed and reported as such). Results: a JSON file and a
PNG plot in build/performance/, a markdown table in docs/performance.md between the
`scale` markers.
"""

from __future__ import annotations

import argparse
import json
import random
import shlex
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

from bench import common, synthetic
from gongyun.namespaces import GRAPH, annotation_id, resource_iri, sparql_prefixes

MODULE = "bench.scale"
DATA_DIR = Path("build/bench")
QUERY_BUDGET_S = 45.0  # per query class and size: fewer rounds when a query is slow
MIN_ROUNDS = 3
WARMUP = 2
SLOW_S = 10.0  # a query this slow is timed from its first run, and once may be enough
# Classes that may not finish at the largest sizes: each runs in a child of its own with its
# own time limit (--slow-timeout), so that it cannot take the other measurements with it.
SLOW_CLASSES = ("aggregate",)
P = sparql_prefixes()


def _nodes(size: int) -> dict[str, int]:
    """How many claims, entities and places a synthetic graph of `size` quads holds (the
    generator's own arithmetic, so the queries pick nodes that exist)."""
    claims = int(size / 23.9)
    return {"claims": claims, "entities": max(1, int(claims * synthetic.RATE["entity"]) - 1),
            "places": max(1, int(claims * synthetic.RATE["place"]) - 1)}


# SUM/COUNT of quantities by place, three ways (see "The scale curve" in docs/performance.md):
# over the claims as first written (every claim of the event joined: grows with the squares of
# the hubs' degrees), over the claims naming the quantity predicates, and over the direct graph
# (one triple per fact, reached through the store's subject+predicate index).
AGGREGATE_HEAD = """SELECT ?place (COUNT(DISTINCT ?event) AS ?events) (SUM(?v) AS ?total)
WHERE {"""
AGGREGATE_TAIL = "} GROUP BY ?place ORDER BY DESC(?total) LIMIT 20"
# Eager aggregation: sum each event's quantities first (one row per event), then join the
# event's places: the join no longer multiplies a hub's quantities by its places. Same answer
# as the plain form over the same triples (SUM distributes over the join).
EAGER_HEAD = """SELECT ?place (COUNT(DISTINCT ?event) AS ?events) (SUM(?sum) AS ?total)
WHERE {"""
QUANTITY_PREDICATES = " ".join(f"gy:{p}" for p, _ in synthetic.QUANTITY_PREDICATES)


def query_mix(size: int, rng: random.Random) -> dict[str, str]:
    """One query of each class, with nodes drawn at random from the graph."""
    n = _nodes(size)
    e = rng.randrange(n["entities"])
    entity = synthetic.entity_iri(e)
    cls = synthetic.entity_class(e)[0]
    zh = synthetic.name_of(e)[0] + synthetic.SUFFIX.get(cls, synthetic.EVENT_SUFFIX)[0]
    needle = synthetic.name_of(rng.randrange(n["entities"]))[0][:2]
    return {
        "lookup": f"SELECT ?p ?o WHERE {{ <{entity}> ?p ?o }}",
        "search_exact": f'SELECT ?s WHERE {{ ?s rdfs:label "{zh}"@zh }}',
        "search_first20": f'SELECT ?s ?l WHERE {{ ?s rdfs:label ?l . '
                          f'FILTER(CONTAINS(?l, "{needle}")) }} LIMIT 20',
        "search_ranked": f'SELECT ?s ?l WHERE {{ ?s rdfs:label ?l . '
                         f'FILTER(CONTAINS(?l, "{needle}")) }} ORDER BY STRLEN(?l) ?l LIMIT 20',
        "join3": f"""SELECT ?event ?place ?label WHERE {{
  ?c1 gy:object <{entity}> ; gy:subject ?event .
  ?c2 gy:subject ?event ; gy:predicate gy:tookPlaceAt ; gy:object ?place .
  ?place rdfs:label ?label }}""",
        "aggregate": AGGREGATE_HEAD + """
  ?cp gy:predicate gy:tookPlaceAt ; gy:subject ?event ; gy:object ?place .
  ?cq gy:subject ?event ; gy:object ?q . ?q gy:value ?v .
""" + AGGREGATE_TAIL,
        "aggregate_named": AGGREGATE_HEAD + f"""
  VALUES ?qp {{ {QUANTITY_PREDICATES} }}
  ?cq gy:predicate ?qp ; gy:subject ?event ; gy:object ?q . ?q gy:value ?v .
  ?cp gy:predicate gy:tookPlaceAt ; gy:subject ?event ; gy:object ?place .
""" + AGGREGATE_TAIL,
        "aggregate_eager": EAGER_HEAD + f"""
  {{ SELECT ?event (SUM(?v) AS ?sum) WHERE {{
      VALUES ?qp {{ {QUANTITY_PREDICATES} }}
      ?cq gy:predicate ?qp ; gy:subject ?event ; gy:object ?q . ?q gy:value ?v .
    }} GROUP BY ?event }}
  ?cp gy:predicate gy:tookPlaceAt ; gy:subject ?event ; gy:object ?place .
""" + AGGREGATE_TAIL,
        "aggregate_direct": AGGREGATE_HEAD + f"""
  VALUES ?qp {{ {QUANTITY_PREDICATES} }}
  GRAPH gyg:direct {{ ?event ?qp ?q . ?event gy:tookPlaceAt ?place }}
  ?q gy:value ?v .
""" + AGGREGATE_TAIL,
        "aggregate_direct_eager": EAGER_HEAD + f"""
  {{ SELECT ?event (SUM(?v) AS ?sum) WHERE {{
      VALUES ?qp {{ {QUANTITY_PREDICATES} }}
      GRAPH gyg:direct {{ ?event ?qp ?q }} ?q gy:value ?v .
    }} GROUP BY ?event }}
  GRAPH gyg:direct {{ ?event gy:tookPlaceAt ?place }}
""" + AGGREGATE_TAIL,
        "describe": f"DESCRIBE <{entity}>",
        "construct_10k": "CONSTRUCT { ?c ?p ?o } WHERE { ?c a gy:Claim ; ?p ?o } LIMIT 10000",
    }


QUERY_CLASSES = list(query_mix(10_000, random.Random(0)))


# -- children --------------------------------------------------------------------------------

def child_generate(params: dict) -> dict:
    started = time.perf_counter()
    counts = synthetic.write(Path(params["path"]), params["size"])
    return {"seconds": time.perf_counter() - started, "quads": counts.quads,
            "claims": counts.claims, "bytes": Path(params["path"]).stat().st_size,
            "peak_rss_mb": common.peak_rss_mb()}


def _dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _bulk_load(store, path: str) -> None:
    import pyoxigraph as ox

    # lenient: no IRI validation. The generator writes only IRIs it builds from constants and
    # numbers (tests/test_bench_synthetic.py loads its output strictly), as the service does
    # with the build's own dump (api/storedir.py).
    store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS, lenient=True)


def child_load(params: dict) -> dict:
    """Bulk load into an on-disk store (`where` disk), or into memory and then run the query
    mix on the in-memory store (`where` memory: one load serves both measurements)."""
    import pyoxigraph as ox

    started, started_cpu = time.perf_counter(), time.process_time()
    if params["where"] == "disk":
        Path(params["store"]).parent.mkdir(parents=True, exist_ok=True)
    store = ox.Store(params["store"]) if params["where"] == "disk" else ox.Store()
    _bulk_load(store, params["path"])
    if params["where"] == "disk":
        store.flush()
    seconds = time.perf_counter() - started
    # CPU time of all threads: the loader is parallel, and the machine is shared
    out = {"seconds": seconds, "cpu_seconds": time.process_time() - started_cpu,
           "peak_rss_mb": common.peak_rss_mb()}
    if params["where"] == "disk":
        del store
        out["store_bytes"] = _dir_bytes(Path(params["store"]))
    elif params.get("classes"):
        out["queries"] = _run_queries(store, params)
        out["peak_rss_after_queries_mb"] = common.peak_rss_mb()
    return out


def _run_queries(store, params: dict) -> dict[str, dict]:
    import pyoxigraph as ox

    rng = random.Random(params.get("seed", 7))
    out: dict[str, dict] = {}
    for name in params["classes"]:
        times: list[float] = []
        cpu: list[float] = []
        rows: list[int] = []
        spent = 0.0
        for i in range(WARMUP + params["rounds"]):
            query = P + query_mix(params["size"], rng)[name]
            started, started_cpu = time.perf_counter(), time.process_time()
            result = store.query(query, use_default_graph_as_union=True)
            if isinstance(result, ox.QuerySolutions):
                n = len(list(result))
            else:
                n = len(ox.serialize(result, format=ox.RdfFormat.N_TRIPLES).splitlines())
            elapsed = time.perf_counter() - started
            spent += elapsed
            # A query slower than SLOW_S is timed from its first run: warming up a
            # minute-long query teaches the caches nothing a second run would not.
            if i >= WARMUP or (i == 0 and elapsed > SLOW_S):
                times.append(elapsed)
                cpu.append(time.process_time() - started_cpu)
                rows.append(n)
            budget = params.get("budget", QUERY_BUDGET_S)
            if spent > budget and len(times) >= (1 if times[0] > SLOW_S else MIN_ROUNDS):
                break
        out[name] = {**common.summary_ms(times), "rows_mean": sum(rows) / max(1, len(rows)),
                     "cpu_p50": common.summary_ms(cpu)["p50"]}
    return out


def child_queries(params: dict) -> dict:
    import pyoxigraph as ox

    store = ox.Store.read_only(params["store"])
    return {"queries": _run_queries(store, params), "peak_rss_mb": common.peak_rss_mb()}


def label_searches(size: int, rng: random.Random) -> dict[str, str]:
    """What people type into /api/search, for one entity drawn at random: its Chinese name
    (3+ characters: the trigram index), its first two characters (too short for trigrams: the
    side table of character runs), its pinyin without tones, and an English word common to many
    names."""
    e = rng.randrange(_nodes(size)["entities"])
    cls = synthetic.entity_class(e)[0]
    zh, pinyin = synthetic.name_of(e)
    suffix = synthetic.SUFFIX.get(cls, synthetic.EVENT_SUFFIX)
    return {"label_zh": zh + suffix[0], "label_zh2": zh[:2],
            "label_pinyin": synthetic._toneless(pinyin).lower(), "label_en": "cotton mill"}


def child_labels(params: dict) -> dict:
    """The service's label index (api/search.py), as api/storedir.py builds it beside a store:
    build time and size, then the search the /api/search route runs (page of 20)."""
    import pyoxigraph as ox

    from gongyun.api import search
    from gongyun.api.storedir import compute_counts

    store = ox.Store.read_only(params["store"])
    path = Path(params["index"])
    started, started_cpu = time.perf_counter(), time.process_time()
    indexed = search.build_index(store, path)
    out = {"seconds": time.perf_counter() - started,
           "cpu_seconds": time.process_time() - started_cpu, "entities": indexed,
           "index_bytes": path.stat().st_size, "peak_rss_mb": common.peak_rss_mb()}
    # The other pass over the store that api/storedir.py makes when it builds a store: the
    # counts for /void and /health.
    started, started_cpu = time.perf_counter(), time.process_time()
    compute_counts(store)
    out["counts"] = {"seconds": time.perf_counter() - started,
                     "cpu_seconds": time.process_time() - started_cpu,
                     "peak_rss_mb": common.peak_rss_mb()}
    index = search.LabelIndex(path)
    rng = random.Random(params.get("seed", 7))
    times: dict[str, list[float]] = defaultdict(list)
    hits: dict[str, list[int]] = defaultdict(list)
    for i in range(WARMUP + params["rounds"]):
        for name, text in label_searches(params["size"], rng).items():
            started = time.perf_counter()
            page = index.search(text, None, 20, 0)
            if i >= WARMUP:
                times[name].append(time.perf_counter() - started)
                hits[name].append(page.total)
    out["searches"] = {name: {**common.summary_ms(t), "total_mean": sum(hits[name]) / len(t)}
                       for name, t in times.items()}
    path.unlink(missing_ok=True)
    return out


def _rdflib_union(path: str):
    """The data graphs (all but the ontology) as one rdflib graph, as `gongyun build` hands
    them to pyshacl (N-Triples round trip)."""
    import pyoxigraph as ox
    import rdflib

    ontology = GRAPH + "ontology"
    triples = (q.triple for q in ox.parse(path=path, format=ox.RdfFormat.N_QUADS)
               if q.graph_name.value != ontology)
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def child_shacl_whole(params: dict) -> dict:
    import rdflib

    from gongyun.graph.validate import shapes_graph, validate
    from gongyun.paths import ONTOLOGY_FILE

    started = time.perf_counter()
    data = _rdflib_union(params["path"])
    parsed = time.perf_counter() - started
    shapes = shapes_graph()
    ontology = rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")
    triples = len(data)  # before validate() merges the ontology into it
    started, started_cpu = time.perf_counter(), time.process_time()
    findings = validate(data, shapes, ontology)
    return {"parse_seconds": parsed, "seconds": time.perf_counter() - started,
            "cpu_seconds": time.process_time() - started_cpu,
            "triples": triples, "findings": len(findings),
            "violations": sum(f.severity == "Violation" for f in findings),
            "peak_rss_mb": common.peak_rss_mb()}


BATCH_NODES = P + """
SELECT DISTINCT ?n WHERE {
  VALUES ?a { %s }
  { ?a oa:hasBody ?n } UNION { ?a oa:hasTarget ?n } UNION { ?a oa:hasTarget/oa:hasSelector ?n }
  UNION { ?a oa:hasBody/gy:object ?n . ?n a ?kind FILTER(?kind IN (gy:Quantity, gy:TimeWindow)) }
  UNION { ?a oa:hasBody/gy:object/(time:hasBeginning|time:hasEnd) ?n }
}"""
# The changed nodes with all their triples; what they point to with its types only (enough for
# sh:class and the domain/range checks, and constant in size however big the graph grows).
BATCH_GRAPH = """
CONSTRUCT { ?s ?p ?o . ?o a ?t } WHERE {
  VALUES ?s { %s }
  ?s ?p ?o OPTIONAL { ?o a ?t }
}"""


def child_shacl_batch(params: dict) -> dict:
    """Validate what changed: a batch of annotations (a paragraph file's worth), their
    claims, selectors, quantities, time windows and the entities the claims name, taken out of
    the store with the types of everything they point to."""
    import pyoxigraph as ox
    import rdflib

    from gongyun.graph.validate import shapes_graph, validate
    from gongyun.paths import ONTOLOGY_FILE

    store = ox.Store.read_only(params["store"])
    started_cpu = time.process_time()
    shapes = shapes_graph()
    ontology = rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")
    n_annotations = int(_nodes(params["size"])["claims"] * synthetic.RATE["annotation"]) - 1
    rng = random.Random(11)
    extract, check, sizes = [], [], []
    for _ in range(params["batches"]):
        picks = [rng.randrange(n_annotations) for _ in range(params["batch_size"])]
        roots = [f"<{resource_iri(annotation_id(f'syn-e{a}'))}>" for a in picks]
        started = time.perf_counter()
        nodes = roots + [str(row["n"]) for row in store.query(
            BATCH_NODES % " ".join(roots), use_default_graph_as_union=True)]
        triples = list(store.query(BATCH_GRAPH % " ".join(str(n) for n in nodes),
                                   use_default_graph_as_union=True))
        data = rdflib.Graph()
        data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
        middle = time.perf_counter()
        sizes.append(len(data))  # before validate() merges the ontology into it
        validate(data, shapes, ontology)
        extract.append(middle - started)
        check.append(time.perf_counter() - middle)
    return {"extract": common.summary_ms(extract), "validate": common.summary_ms(check),
            "cpu_seconds": time.process_time() - started_cpu,
            "triples_mean": sum(sizes) / len(sizes), "batch_size": params["batch_size"],
            "peak_rss_mb": common.peak_rss_mb()}


CHILDREN = {"generate": child_generate, "load": child_load, "queries": child_queries,
            "labels": child_labels,
            "shacl_whole": child_shacl_whole, "shacl_batch": child_shacl_batch}


# -- the run ---------------------------------------------------------------------------------

def measure_size(size: int, args: argparse.Namespace, log) -> dict:
    data = DATA_DIR / f"synthetic-{size}.nq"
    store = DATA_DIR / "stores" / f"synthetic-{size}"
    row: dict = {"size": size}
    limit = args.timeout
    if not data.exists():
        log(f"[{size}] generating {data}")
        row["generate"] = common.run_child(MODULE, "generate",
                                           {"path": str(data), "size": size}, limit)
    if args.reuse_stores and (store / "CURRENT").is_file():
        log(f"[{size}] reusing the on-disk store {store} (no load measured)")
        row["load_disk"] = {"reused": str(store)}
    else:
        shutil.rmtree(store, ignore_errors=True)
        log(f"[{size}] bulk load into an on-disk store")
        row["load_disk"] = common.run_child(MODULE, "load", {
            "path": str(data), "store": str(store), "where": "disk"}, limit)
    classes = [c for c in args.classes or QUERY_CLASSES if c in QUERY_CLASSES]
    fast = [c for c in classes if c not in SLOW_CLASSES]
    everything = not args.classes
    labels = everything or "labels" in args.classes
    finished_slow = []
    if "error" not in row["load_disk"]:
        log(f"[{size}] queries on disk")
        query = {"store": str(store), "size": size, "rounds": args.rounds,
                 "budget": args.query_budget}
        row["queries"] = common.run_child(MODULE, "queries", {**query, "classes": fast}, limit)
        for name in (c for c in SLOW_CLASSES if c in classes):
            log(f"[{size}] query {name} on disk (limit {args.slow_timeout:.0f} s)")
            slow = common.run_child(MODULE, "queries", {**query, "classes": [name]},
                                    args.slow_timeout)
            result = slow["queries"][name] if "queries" in slow else slow
            row.setdefault("queries", {}).setdefault("queries", {})[name] = result
            if "error" not in result:
                finished_slow.append(name)
    if "error" not in row["load_disk"] and labels:
        log(f"[{size}] label index (api/search.py): build and search")
        row["labels"] = common.run_child(MODULE, "labels", {
            "store": str(store), "index": str(DATA_DIR / "stores" / f"labels-{size}.sqlite"),
            "size": size, "rounds": args.rounds}, limit)
    if "error" not in row["load_disk"] and everything:
        log(f"[{size}] SHACL on batches of changed annotations")
        row["shacl_batch"] = common.run_child(MODULE, "shacl_batch", {
            "store": str(store), "size": size, "batches": 5, "batch_size": 10}, limit)
    if size <= args.memory_max:
        # a slow class that did not finish on disk is not tried again in memory: it would
        # take the in-memory measurements down with it
        log(f"[{size}] bulk load into memory, then queries in memory")
        row["load_memory"] = common.run_child(MODULE, "load", {
            "path": str(data), "where": "memory", "size": size, "rounds": args.rounds,
            "classes": fast + finished_slow, "budget": args.query_budget}, limit)
    if size <= args.shacl_whole_max and everything:
        log(f"[{size}] SHACL on the whole graph")
        row["shacl_whole"] = common.run_child(MODULE, "shacl_whole", {"path": str(data)},
                                              args.shacl_timeout)
    if not args.keep_stores:
        shutil.rmtree(store, ignore_errors=True)
    log(f"[{size}] {json.dumps(row)}")
    return row


def _get(row: dict, *keys, default=None):
    for key in keys:
        if not isinstance(row, dict) or key not in row:
            return default
        row = row[key]
    return row


def _query_cell(q: dict | None) -> str:
    if not q:
        return "–"
    if "error" in q:
        return "not finished in " + q["error"].removeprefix("timeout after ")
    return f"{common.fmt_ms(q['p50'])} / {common.fmt_ms(q['p95'])}"


def _label_table(rows: list[dict], wall_cpu) -> list[str]:
    lines = ["", "The service's label search (`/api/search`: SQLite FTS5, trigram, built by "
              "`api/search.py` beside the store), in-process: index build from the on-disk "
              "store, and a page of 20 hits, p50 / p95 in ms, for a Chinese name (3+ "
              "characters: the trigram index), its first two characters (the side table of "
              "character runs), "
              "its toneless pinyin, and an English word shared by many names; and the "
              "other pass `api/storedir.py` makes over a new store, the counts for /void:", "",
              "| triples | entities indexed | index build (s) | index (MB) | Chinese name | "
              "two characters | pinyin | English word | store counts for /void (s) |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lab = _get(r, "labels") or {}
        if "error" in lab or not lab:
            lines.append(f"| {common.fmt_n(r['size'])} | "
                         f"{lab.get('error', '–').split(':')[0]} | | | | | | | |")
            continue
        cells = [_query_cell(lab["searches"].get(k)) for k in
                 ("label_zh", "label_zh2", "label_pinyin", "label_en")]
        lines.append(f"| {common.fmt_n(r['size'])} | {lab['entities']:,} | "
                     f"{wall_cpu(r, 'labels')} | {lab['index_bytes'] / 2**20:,.1f} | "
                     + " | ".join(cells) + f" | {wall_cpu(r, 'labels', 'counts')} |")
    return lines


def table(rows: list[dict], m: dict, command: str) -> str:
    lines = [f"Machine: {common.machine_line(m)}.", "", f"Command: `{command}`", "",
             "Times are wall seconds with CPU seconds of the process in brackets (the machine is "
             "shared: wall includes waiting for a CPU). Bulk loads are lenient (no IRI "
             "validation), as the service loads the build's own dump.", "",
             "| triples | load, disk (s) | load, memory (s) | store on disk (MB) | "
             "peak RSS load disk / memory + queries / queries on disk (MB) | "
             "SHACL whole graph (s) | SHACL batch of 10 annotations: extract + validate (ms) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]

    def wall_cpu(r: dict, *keys) -> str:
        v = _get(r, *keys)
        if not isinstance(v, dict):
            return "–"
        if "error" in v:
            return v["error"].split(":")[0]
        if "seconds" not in v:
            return "reused" if "reused" in v else "–"
        cpu = v.get("cpu_seconds")
        return f"{v['seconds']:.2f}" + (f" ({cpu:.2f})" if cpu is not None else "")

    for r in rows:
        def num(*keys, scale=1.0, digits=1, r=r):
            v = _get(r, *keys)
            return "–" if v is None else f"{v * scale:,.{digits}f}"

        batch = _get(r, "shacl_batch")
        batch_text = ("–" if not batch or "error" in batch else
                      f"{batch['extract']['p50']:.0f} + {batch['validate']['p50']:.0f}")
        lines.append(
            f"| {common.fmt_n(r['size'])} | {wall_cpu(r, 'load_disk')} | "
            f"{wall_cpu(r, 'load_memory')} | "
            f"{num('load_disk', 'store_bytes', scale=1 / 2**20)} | "
            f"{num('load_disk', 'peak_rss_mb', digits=0)} / "
            f"{num('load_memory', 'peak_rss_after_queries_mb', digits=0)} / "
            f"{num('queries', 'peak_rss_mb', digits=0)} | {wall_cpu(r, 'shacl_whole')} | "
            f"{batch_text} |")
    if any(_get(r, "labels") for r in rows):
        lines += _label_table(rows, wall_cpu)
    lines += ["", "Query latency, pyoxigraph in-process, union default graph, results fully "
              "read (SELECT) or serialised as N-Triples (CONSTRUCT, DESCRIBE); p50 / p95 in ms, "
              "on the on-disk store (RocksDB, opened read-only) and on the in-memory store:",
              "", "| query | " + " | ".join(f"{common.fmt_n(r['size'])} {where}"
                                          for r in rows for where in ("disk", "memory")) + " |",
              "| --- | " + " | ".join("---:" for _ in rows for _ in range(2)) + " |"]
    measured = [name for name in QUERY_CLASSES
                if any(_get(r, "queries", "queries", name) for r in rows)]
    for name in measured:
        cells = []
        for r in rows:
            cells.append(_query_cell(_get(r, "queries", "queries", name)))
            memory = _get(r, "load_memory", "queries", name)
            if memory is None and name in SLOW_CLASSES and _get(r, "load_memory", "queries"):
                cells.append("not run")
            else:
                cells.append(_query_cell(memory))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["size"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5.2))

    def series(ax, keys, label, scale=1.0, style="-o"):
        xs, ys = [], []
        for s, r in zip(sizes, rows, strict=True):
            v = _get(r, *keys)
            if isinstance(v, int | float) and v > 0:
                xs.append(s)
                ys.append(v * scale)
        if xs:
            ax.plot(xs, ys, style, label=label)

    for name in QUERY_CLASSES:
        series(left, ("queries", "queries", name, "p50"), f"query {name} p50, disk (ms)")
    for name in ("aggregate_named", "aggregate_direct", "lookup"):
        series(left, ("load_memory", "queries", name, "p50"), f"query {name} p50, memory (ms)",
               1.0, ":.")
    series(left, ("labels", "seconds"), "label index build (ms)", 1000, "--D")
    series(left, ("labels", "searches", "label_zh", "p50"), "label search, Chinese name p50 (ms)",
           1.0, "-.D")
    series(left, ("load_disk", "seconds"), "bulk load, disk (ms)", 1000, "--s")
    series(left, ("load_memory", "seconds"), "bulk load, memory (ms)", 1000, "--s")
    series(left, ("shacl_whole", "seconds"), "SHACL whole graph (ms)", 1000, ":^")
    series(left, ("shacl_batch", "validate", "p50"), "SHACL batch of 10 annotations (ms)",
           1.0, ":v")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("triples")
    left.set_ylabel("milliseconds")
    left.set_title("Time")
    left.grid(True, which="both", alpha=0.3)
    left.legend(fontsize=7)
    series(right, ("load_disk", "store_bytes"), "store on disk (MB)", 1 / 2**20)
    series(right, ("load_disk", "peak_rss_mb"), "peak RSS, disk load (MB)")
    series(right, ("load_memory", "peak_rss_mb"), "peak RSS, memory load (MB)")
    series(right, ("labels", "index_bytes"), "label index (MB)", 1 / 2**20)
    series(right, ("queries", "peak_rss_mb"), "peak RSS, queries (MB)")
    series(right, ("shacl_whole", "peak_rss_mb"), "peak RSS, SHACL whole graph (MB)")
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("triples")
    right.set_ylabel("MB")
    right.set_title("Space")
    right.grid(True, which="both", alpha=0.3)
    right.legend(fontsize=7)
    fig.suptitle("Gongyun scale curve (synthetic graphs, pyoxigraph, pyshacl)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1e4,1e5,1e6",
                        help="comma-separated sizes in quads (default 1e4,1e5,1e6)")
    parser.add_argument("--rounds", type=int, default=30, help="timed runs per query class")
    parser.add_argument("--shacl-whole-max", type=float, default=1e5,
                        help="largest size validated as a whole with pyshacl (default 1e5)")
    parser.add_argument("--shacl-timeout", type=float, default=900)
    parser.add_argument("--memory-max", type=float, default=1e7,
                        help="largest size also loaded into an in-memory store")
    parser.add_argument("--timeout", type=float, default=1800, help="limit of one child (s)")
    parser.add_argument("--slow-timeout", type=float, default=600,
                        help="limit of the child running a query class that may not finish "
                        f"at large sizes ({', '.join(SLOW_CLASSES)}), in s")
    parser.add_argument("--keep-stores", action="store_true")
    parser.add_argument("--reuse-stores", action="store_true",
                        help="query an on-disk store kept by an earlier --keep-stores run "
                        "instead of loading it again (its load is then not measured)")
    parser.add_argument("--classes", type=lambda text: text.split(","),
                        help="only these query classes (and `labels`: the label index), no "
                        "SHACL; results go to scale-TAG.json and the `scale-TAG` markers "
                        "(see --tag)")
    parser.add_argument("--tag", default="aggregates",
                        help="name of a --classes run's results and table (default aggregates)")
    parser.add_argument("--query-budget", type=float, default=QUERY_BUDGET_S,
                        help="seconds per query class and size after which rounds stop")
    parser.add_argument("--out", type=Path, default=common.OUT_DIR)
    parser.add_argument("--doc", type=Path, default=common.DOC)
    parser.add_argument("--merge", action="store_true",
                        help="keep earlier results of sizes not measured in this run")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(CHILDREN[args.child](json.loads(args.params))))
        return 0

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    m = common.machine()
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    if args.classes:
        unknown = set(args.classes) - set(QUERY_CLASSES) - {"labels"}
        if unknown:
            parser.error(f"unknown query classes: {', '.join(sorted(unknown))}")
    name = f"scale-{args.tag}" if args.classes else "scale"
    results_file = args.out / f"{name}.json"
    previous = {}
    if args.merge and results_file.exists():
        previous = {r["size"]: r for r in json.loads(results_file.read_text())["rows"]}
    rows = []
    for size in sizes:
        rows.append(measure_size(size, args, log))
    merged = {**previous, **{r["size"]: r for r in rows}}
    rows = [merged[s] for s in sorted(merged)]
    args.out.mkdir(parents=True, exist_ok=True)
    results_file.write_text(json.dumps({"machine": m, "rows": rows}, indent=2))
    if not args.classes:
        plot(rows, args.out / "scale.png")
    given = sys.argv[1:] if argv is None else argv
    command = " ".join(["python -m bench.scale", *map(shlex.quote, given)])
    if previous:
        command += " (sizes not in --sizes: from an earlier run, merged)"
    common.write_between_markers(args.doc, name, table(rows, m, command))
    log(f"wrote {results_file}, the plot and the table `{name}` in {args.doc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
