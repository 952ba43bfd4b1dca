"""Our own per-request overhead, layer by layer, for a trivial query (ASK {}) and a small lookup:

    python -m bench.overhead [--data build/dumps/gongyun.nq]

1. pyoxigraph in-process (the floor);
2. the worker pool without HTTP (gongyun.api.workers.WorkerPool: pickling, the pipe, the
   wait on the event loop, our serialiser in the worker);
3. uvicorn (with uvloop and httptools when installed) and a bare ASGI app answering a
   constant (HTTP parsing, the socket round trip);
4. FastAPI routing to the same constant (the framework);
5. FastAPI answering from pyoxigraph in-process (the endpoint without the pool);
6. `gongyun serve` with the workers reading the on-disk store (`--store-memory off`);
7. `gongyun serve` as it starts by default (at this size, workers copy the store into memory);
and a pyinstrument profile of the `gongyun serve` process under that load
(build/performance/serve-profile.txt).

Two more modes, which print a table and leave the docs alone:

    python -m bench.overhead --variant 'old;rev=REV;uvicorn=asyncio' --variant new
        the same queries against `gongyun serve` variants (api/ of a git revision, asyncio +
        h11 or the default loop, extra flags), interleaved in rounds: p50 and server CPU;
    python -m bench.overhead --memory build/dumps/gongyun.nq --memory SYN.nq@1e6
        what copying the store into memory costs a worker (time, RSS) and buys (query CPU).
"""

# ruff: noqa: E402  (imports after the api/ override below, on purpose)
from __future__ import annotations

import os
import sys


def _use_api_from(directory: str) -> None:
    """Serve another revision's api/ (an A/B baseline): gongyun.api is loaded from `directory`
    before anything imports it, so its submodules come from there too. Query workers, spawned
    processes, import this module as their __main__ and inherit the environment, so they load
    the same revision."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "gongyun.api", os.path.join(directory, "__init__.py"),
        submodule_search_locations=[directory])
    module = importlib.util.module_from_spec(spec)
    sys.modules["gongyun.api"] = module
    spec.loader.exec_module(module)
    import gongyun

    gongyun.api = module


if os.environ.get("GONGYUN_BENCH_API_DIR"):
    _use_api_from(os.environ["GONGYUN_BENCH_API_DIR"])

import argparse
import asyncio
import contextlib
import json
import re
import signal
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from bench import common
from bench.compare import (
    SELECT_JSON,
    HttpClient,
    Query,
    Server,
    build_queries,
    canonical,
    free_port,
)
from gongyun.namespaces import graph_iri

VENV_BIN = Path(sys.executable).parent
ASK = Query("ask", "trivial", "ASK {}", "ask")


def lookup_query(store: ox.Store) -> Query:
    row = next(iter(store.query(
        f"SELECT ?s WHERE {{ GRAPH <{graph_iri('entities')}> {{ ?s a ?c }} }} "
        "ORDER BY ?s LIMIT 1")))
    return Query("lookup", row["s"].value, f"SELECT ?p ?o WHERE {{ <{row['s'].value}> ?p ?o }}",
                 "select")


def _timed(call, n: int) -> list[float]:
    for _ in range(min(50, n)):  # warm-up
        call()
    return _timed_n(call, n)


def floor(store: ox.Store, q: Query, n: int) -> list[float]:
    def call():
        result = store.query(q.text, use_default_graph_as_union=True)
        if isinstance(result, ox.QuerySolutions):
            result.serialize(format=ox.QueryResultsFormat.JSON)
    return _timed(call, n)


def pool(store_path: str, q: Query, n: int) -> list[float]:
    from gongyun.api.workers import Job, WorkerPool

    async def go() -> list[float]:
        workers = WorkerPool(store_path, 1, 60)
        await workers.start()
        try:
            job = Job(q.text, q.form, SELECT_JSON, 10_000, True)
            out = []
            for i in range(n + 50):
                started = time.perf_counter()
                outcome = await workers.run(job, 10, 10)
                if i >= 50:
                    out.append(time.perf_counter() - started)
                assert outcome is not None and outcome.kind == "ok", outcome
            return out
        finally:
            workers.close()
    return asyncio.run(go())


def over_http(port: int, path: str, q: Query, n: int) -> list[float]:
    client = HttpClient(port, path)
    try:
        return _timed(lambda: client.ask(q), n)
    finally:
        client.close()


def uvicorn_server(app: str, work: Path, env: dict | None = None) -> Server:
    port = free_port()
    server = Server(app, [str(VENV_BIN / "uvicorn"), f"bench.asgi_baseline:{app}",
                          "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                    port, "/sparql", work / f"{app}.log")
    if env:
        os.environ.update(env)  # inherited by the server process
    return server


def profiled_serve(args_json: str) -> int:
    """Run `gongyun serve` under pyinstrument until SIGINT, then write the text report."""
    from pyinstrument import Profiler

    from gongyun.cli import main as cli_main

    params = json.loads(args_json)
    profiler = Profiler(interval=0.0005, async_mode="enabled")
    profiler.start()
    try:
        cli_main(params["argv"])
    finally:
        profiler.stop()
        Path(params["out"]).write_text(profiler.output_text(unicode=False, color=False))
        # every frame, the ones under 1% of the time left out
        full = profiler.output_text(unicode=False, color=False, show_all=True)
        total = profiler.last_session.duration if profiler.last_session else 1.0
        keep = [line for line in full.splitlines()
                if not (m := re.search(r"(\d+\.\d+) ", line)) or float(m.group(1)) >= total / 100]
        Path(params["out"]).with_suffix(".full.txt").write_text("\n".join(keep))
    return 0


def run(args: argparse.Namespace) -> dict:
    def log(text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)

    with contextlib.suppress(OSError):
        os.sched_setaffinity(0, {0})
    work = Path(tempfile.mkdtemp(prefix="gongyun-overhead-"))
    servers: list[Server] = []
    rows: dict[str, dict] = {}
    try:
        port = free_port()
        profile_out = args.out / "serve-profile.txt"
        args.out.mkdir(parents=True, exist_ok=True)
        serve = Server("gongyun", [str(VENV_BIN / "gongyun"), "serve", "--data", str(args.data),
                                   "--store", str(work / "store"), "--port", str(port),
                                   "--log-level", "warning"], port, "/sparql",
                       work / "serve.log")
        servers.append(serve)
        serve.start()
        serve.wait_ready(300)
        d_port = free_port()
        on_disk = Server("gongyun-disk", [str(VENV_BIN / "gongyun"), "serve", "--data",
                                          str(args.data), "--store", str(work / "store-disk"),
                                          "--port", str(d_port), "--log-level", "warning",
                                          "--store-memory", "off"], d_port, "/sparql",
                         work / "disk.log")
        servers.append(on_disk)
        on_disk.start()
        on_disk.wait_ready(300)
        store_dir = (work / "store" / "current").resolve() / "oxigraph"
        store = ox.Store.read_only(str(store_dir))
        mix = build_queries(store)
        queries = [ASK, lookup_query(store), next(q for q in mix if q.cls == "join3"),
                   next(q for q in mix if q.cls == "aggregate")]
        baselines = [uvicorn_server("raw", work), uvicorn_server("fastapi", work),
                     uvicorn_server("fastapi_store", work,
                                    {"GONGYUN_BENCH_STORE": str(store_dir)}),
                     uvicorn_server("fastapi_sync_deps", work),
                     uvicorn_server("fastapi_async_deps", work)]
        servers += baselines
        for s in baselines:
            s.start()
        for s in baselines:
            s.wait_ready(60)
        for q in queries:
            log(f"{q.cls}: floor, pool, HTTP layers ({args.requests} requests each)")
            layers = {
                "1 pyoxigraph in-process": floor(store, q, args.requests),
                "2 worker pool, no HTTP": pool(str(store_dir), q, args.requests),
                "3 uvicorn, bare ASGI constant": over_http(baselines[0].port, "/sparql", q,
                                                           args.requests),
                "4 uvicorn + FastAPI constant": over_http(baselines[1].port, "/sparql", q,
                                                          args.requests),
                "5 uvicorn + FastAPI + pyoxigraph": over_http(baselines[2].port, "/sparql", q,
                                                              args.requests),
                "6 gongyun serve, workers on disk (store_memory off)": over_http(
                    on_disk.port, "/sparql", q, args.requests),
                "7 gongyun serve (default: workers in memory at this size)": over_http(
                    serve.port, "/sparql", q, args.requests),
            }
            rows[q.cls] = {k: common.summary_ms(v) for k, v in layers.items()}
        deps = {name: common.summary_ms(over_http(s.port, "/sparql", ASK, args.requests))
                for name, s in (("4 dependencies as plain functions", baselines[3]),
                                ("4 dependencies as async functions", baselines[4]))}
        # a second gongyun serve under pyinstrument (the profiler slows what it watches, so
        # the timed server above runs without it), stopped with SIGINT to write its profile
        p_port = free_port()
        profiled = Server("gongyun-profiled", [
            sys.executable, "-m", "bench.overhead", "--profiled",
            json.dumps({"argv": ["serve", "--data", str(args.data), "--store",
                                 str(work / "store"), "--port", str(p_port),
                                 "--log-level", "warning"],
                        "out": str(profile_out.resolve())})], p_port, "/sparql",
            work / "profiled.log")
        servers.append(profiled)
        profiled.start()
        profiled.wait_ready(300)
        for q in queries[:3]:
            over_http(p_port, "/sparql", q, args.requests)
        with contextlib.suppress(ProcessLookupError):
            os.kill(profiled.proc.pid, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            profiled.proc.wait(30)
        profile = profile_out.read_text() if profile_out.exists() else "(no profile written)"
        return {"machine": common.machine(), "rows": rows, "requests": args.requests,
                "dependencies": deps,
                "profile_head": "\n".join(profile.splitlines()[:80])}
    finally:
        for s in servers:
            s.stop()
        import shutil

        shutil.rmtree(work, ignore_errors=True)


# --- A/B: the same queries against several `gongyun serve` variants, interleaved -------------

def group_cpu_seconds(pgid: int) -> float:
    """CPU time (user + system) of every live process in the process group `pgid` (a server
    started in its own session, with its query workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / tick


def parse_variant(spec: str) -> dict:
    """`NAME[;rev=GIT_REV][;uvicorn=asyncio][;flags=--flag value ...]`."""
    name, *parts = spec.split(";")
    variant = {"name": name, "rev": None, "uvicorn": "default", "flags": []}
    for part in parts:
        key, _, value = part.partition("=")
        if key == "flags":
            variant["flags"] = value.split()
        elif key in ("rev", "uvicorn"):
            variant[key] = value
        else:
            raise SystemExit(f"unknown variant option {key!r} in {spec!r}")
    return variant


def ab_serve(args_json: str) -> int:
    """`gongyun serve` as one A/B variant: uvicorn forced to asyncio + h11 when asked (the
    state before uvloop/httptools), the api/ of another revision when the environment says."""
    params = json.loads(args_json)
    if params.get("uvicorn") == "asyncio":
        import uvicorn

        real = uvicorn.run

        def run_plain(app, **kwargs):
            kwargs.update(loop="asyncio", http="h11")
            return real(app, **kwargs)

        uvicorn.run = run_plain
    from gongyun.cli import main as cli_main

    return cli_main(params["argv"]) or 0


def ab_queries(store: ox.Store, classes: list[str]) -> list[Query]:
    mix = build_queries(store)
    known = {"ask": ASK, "lookup": lookup_query(store)}
    out = []
    for cls in classes:
        out.append(known[cls] if cls in known else next(q for q in mix if q.cls == cls))
    return out


def run_ab(args: argparse.Namespace) -> dict:
    def log(text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)

    with contextlib.suppress(OSError):
        os.sched_setaffinity(0, {0})
    variants = [parse_variant(v) for v in args.variant]
    work = Path(tempfile.mkdtemp(prefix="gongyun-ab-"))
    servers: list[Server] = []
    try:
        for v in variants:
            env = dict(os.environ)
            env.pop("GONGYUN_BENCH_API_DIR", None)
            if v["rev"]:
                tree = work / f"rev-{v['name']}"
                tree.mkdir()
                archive = subprocess.run(["git", "archive", v["rev"], "api"], check=True,
                                         capture_output=True).stdout
                subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
                env["GONGYUN_BENCH_API_DIR"] = str(tree / "api")
            port = free_port()
            argv = ["serve", "--data", str(args.data), "--store", str(work / f"store-{v['name']}"),
                    "--port", str(port), "--log-level", "warning", *v["flags"]]
            server = Server(v["name"], [sys.executable, "-m", "bench.overhead",
                                        "--ab-serve", json.dumps({"argv": argv,
                                                                  "uvicorn": v["uvicorn"]})],
                            port, "/sparql", work / f"{v['name']}.log")
            old = dict(os.environ)
            os.environ.clear()
            os.environ.update(env)
            try:
                server.start()
            finally:
                os.environ.clear()
                os.environ.update(old)
            servers.append(server)
        for server in servers:
            server.wait_ready(600)
        store_dir = (work / f"store-{variants[0]['name']}" / "current").resolve() / "oxigraph"
        store = ox.Store.read_only(str(store_dir))
        queries = ab_queries(store, args.classes.split(","))
        del store
        clients = {s.name: HttpClient(s.port, "/sparql") for s in servers}
        for q in queries:  # warm-up, and every variant gives the same answer (as compared
            # by bench.compare: the bytes may differ, e.g. the JSON's spacing)
            answers = [canonical(q.form, *c.ask(q)) for c in clients.values()]
            if any(a != answers[0] for a in answers[1:]):
                log(f"warning: {q.cls}: the variants answer differently")
        rounds: dict = {q.cls: {s.name: {"p50": [], "cpu": []} for s in servers}
                        for q in queries}
        for r in range(args.rounds):
            order = servers[r % len(servers):] + servers[:r % len(servers)]
            for q in queries:
                n = args.requests if q.cls not in ("construct", "aggregate") else max(
                    5, args.requests // 10)
                for server in order:
                    client = clients[server.name]
                    client.ask(q)
                    cpu = group_cpu_seconds(server.proc.pid)
                    times = _timed_n(lambda c=client, q=q: c.ask(q), n)
                    cpu = group_cpu_seconds(server.proc.pid) - cpu
                    rounds[q.cls][server.name]["p50"].append(statistics.median(times) * 1000)
                    rounds[q.cls][server.name]["cpu"].append(cpu * 1000 / n)
            log(f"round {r + 1}/{args.rounds} done")
        for c in clients.values():
            c.close()
        result = {q: {name: {"p50": statistics.median(v["p50"]), "cpu": statistics.median(v["cpu"]),
                             "rounds": v["p50"]}
                      for name, v in per.items()} for q, per in rounds.items()}
        return {"machine": common.machine(), "variants": variants, "rounds": args.rounds,
                "requests": args.requests, "result": result}
    finally:
        for s in servers:
            s.stop()
        import shutil

        shutil.rmtree(work, ignore_errors=True)


def _timed_n(call, n: int) -> list[float]:
    out = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        out.append(time.perf_counter() - started)
    return out


def ab_table(res: dict) -> str:
    names = [v["name"] for v in res["variants"]]
    lines = [f"Machine: {common.machine_line(res['machine'])}; {res['rounds']} interleaved rounds,"
             f" {res['requests']} requests per round (a tenth for aggregate/construct); medians"
             " of the rounds' p50; server CPU (process group) per request.", "",
             "| class | " + " | ".join(f"{n} p50 (ms)" for n in names) + " | "
             + " | ".join(f"{n} CPU (ms)" for n in names) + " |",
             "| --- |" + " ---: |" * (2 * len(names))]
    for cls, per in res["result"].items():
        lines.append(f"| {cls} | " + " | ".join(common.fmt_ms(per[n]["p50"]) for n in names)
                     + " | " + " | ".join(common.fmt_ms(per[n]["cpu"]) for n in names) + " |")
    return "\n".join(lines)


# --- in-memory query store: what the copy costs a worker, and what it buys --------------------

def _rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _memory_queries(store: ox.Store, synthetic_size: int | None) -> dict[str, str]:
    if synthetic_size:
        import random

        from bench import scale

        mix = scale.query_mix(synthetic_size, random.Random(7))
        return {name: scale.P + mix[name] for name in
                ("lookup", "join3", "aggregate", "aggregate_named", "describe")}
    mix = build_queries(store)
    return {"lookup": lookup_query(store).text,
            "join3": next(q for q in mix if q.cls == "join3").text,
            **{f"aggregate:{q.id}": q.text for q in mix if q.cls == "aggregate"},
            "describe": next(q for q in mix if q.cls == "describe").text}


def child_memory(params: dict) -> dict:
    """In a fresh process: open the on-disk store read-only as a worker does, copy it into
    memory (wall, CPU, RSS before and after), then time each query on disk and in memory,
    interleaved, in CPU time."""
    from gongyun.api.workers import copy_to_memory

    rss_start = _rss_mb()
    disk = ox.Store.read_only(params["store"])
    rss_disk = _rss_mb()
    started, started_cpu = time.perf_counter(), time.process_time()
    memory = copy_to_memory(disk)
    copy = {"wall_s": time.perf_counter() - started, "cpu_s": time.process_time() - started_cpu}
    rss_memory = _rss_mb()
    queries = _memory_queries(disk, params.get("synthetic_size"))
    out: dict = {}
    for name, text in queries.items():
        cpu: dict[str, list[float]] = {"disk": [], "memory": []}
        spent = 0.0
        for i in range(1 + params["reps"]):
            for label, store in (("disk", disk), ("memory", memory)):
                started, started_cpu = time.perf_counter(), time.process_time()
                result = store.query(text, use_default_graph_as_union=True)
                if isinstance(result, ox.QuerySolutions):
                    result.serialize(format=ox.QueryResultsFormat.JSON)
                else:
                    ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
                spent += time.perf_counter() - started
                if i >= 1:  # one warm-up
                    cpu[label].append(time.process_time() - started_cpu)
            if spent > params["budget_s"] and i >= 3:
                break
        out[name] = {k: statistics.median(v) * 1000 for k, v in cpu.items()}
    return {"quads": len(memory), "copy": copy, "rss_mb": {
        "start": rss_start, "disk_open": rss_disk, "after_copy": rss_memory,
        "copy_added": rss_memory - rss_disk}, "queries_cpu_ms": out}


def run_memory(args: argparse.Namespace) -> dict:
    results = {}
    for spec in args.memory:
        path, _, size = spec.partition("@")
        work = Path(tempfile.mkdtemp(prefix="gongyun-mem-"))
        try:
            store = ox.Store(str(work / "store"))
            store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
            store.flush()
            store.optimize()
            del store
            params = {"store": str(work / "store"), "reps": args.requests,
                      "budget_s": 15.0, "synthetic_size": int(float(size)) if size else None}
            print(f"[{time.strftime('%H:%M:%S')}] {path}", file=sys.stderr, flush=True)
            results[path] = common.run_child("bench.overhead", "memory", params, 1800)
        finally:
            import shutil

            shutil.rmtree(work, ignore_errors=True)
    return {"machine": common.machine(), "results": results}


def memory_table(res: dict) -> str:
    lines = [f"Machine: {common.machine_line(res['machine'])}.", "",
             "| graph | quads | copy wall (s) | copy CPU (s) | RSS on disk (MB) | RSS in memory"
             " (MB) | added by the copy (MB) |", "| --- |" + " ---: |" * 6]
    for path, r in res["results"].items():
        if "error" in r:
            lines.append(f"| {path} | {r['error']} |" + " |" * 5)
            continue
        lines.append(f"| {path} | {r['quads']:,} | {r['copy']['wall_s']:.2f} |"
                     f" {r['copy']['cpu_s']:.2f} | {r['rss_mb']['disk_open']:.0f} |"
                     f" {r['rss_mb']['after_copy']:.0f} | {r['rss_mb']['copy_added']:.0f} |")
    lines += ["", "| graph | query | on disk, CPU p50 (ms) | in memory, CPU p50 (ms) |"
              " disk / memory |", "| --- | --- | ---: | ---: | ---: |"]
    for path, r in res["results"].items():
        for name, q in r.get("queries_cpu_ms", {}).items():
            ratio = q["disk"] / q["memory"] if q["memory"] else float("nan")
            lines.append(f"| {Path(path).name} | {name} | {common.fmt_ms(q['disk'])} |"
                         f" {common.fmt_ms(q['memory'])} | {ratio:.2f} |")
    return "\n".join(lines)


def deps_table(res: dict) -> str:
    lines = ["", "FastAPI dependencies, `ASK {}` through uvicorn + FastAPI (a constant answer):",
             "", "| route with | p50 (ms) | p95 (ms) |", "| --- | ---: | ---: |"]
    for name, s in res.get("dependencies", {}).items():
        lines.append(f"| {name} | {common.fmt_ms(s['p50'])} | {common.fmt_ms(s['p95'])} |")
    return "\n".join(lines)


def table(res: dict, command: str) -> str:
    lines = [f"Machine: {common.machine_line(res['machine'])}.", "", f"Command: `{command}` "
             f"({res['requests']} sequential requests per layer after a warm-up; client on CPU 0;"
             " servers on CPU 1).", "",
             "| layer | " + " | ".join(f"{cls} p50 (ms)" for cls in res["rows"]) + " | " +
             " | ".join(f"{cls} added (ms)" for cls in res["rows"]) + " |",
             "| --- |" + " ---: |" * (2 * len(res["rows"]))]
    layers = list(next(iter(res["rows"].values())))
    for i, layer in enumerate(layers):
        p50 = [res["rows"][cls][layer]["p50"] for cls in res["rows"]]
        if i in (0, 1, 2):
            added = [None] * len(p50)
        else:
            added = [res["rows"][cls][layer]["p50"] - res["rows"][cls][layers[i - 1]]["p50"]
                     for cls in res["rows"]]
        lines.append(f"| {layer} | " + " | ".join(common.fmt_ms(v) for v in p50) + " | " +
                     " | ".join("–" if a is None else f"{a:+.2f}" for a in added) + " |")
    return "\n".join(lines) + "\n" + deps_table(res)


def _report(path: Path, res: dict, table) -> int:
    """A side mode's results: the JSON to `path`, its table to stdout."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(res, indent=2))
    print(table(res))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("build/dumps/gongyun.nq"))
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=common.OUT_DIR)
    parser.add_argument("--doc", type=Path, default=common.DOC)
    parser.add_argument("--profiled", help=argparse.SUPPRESS)
    parser.add_argument("--ab-serve", help=argparse.SUPPRESS)
    parser.add_argument("--variant", action="append", metavar="NAME[;rev=REV][;uvicorn=asyncio]"
                        "[;flags=...]", help="A/B mode: a `gongyun serve` variant to compare"
                        " (repeat); rev= serves api/ as of that git revision, uvicorn=asyncio"
                        " forces asyncio + h11, flags= extra serve flags. Prints a table, leaves"
                        " the docs alone")
    parser.add_argument("--classes", default="ask,lookup,join3,aggregate",
                        help="A/B mode: query classes (ask, lookup, describe, join3, aggregate,"
                        " construct, search)")
    parser.add_argument("--rounds", type=int, default=5, help="A/B mode: interleaved rounds")
    parser.add_argument("--memory", action="append", metavar="FILE.nq[@SYNTHETIC_SIZE]",
                        help="memory mode: copy cost and query CPU on disk vs in memory for"
                        " this graph (repeat); @SIZE names a bench.synthetic size, whose"
                        " queries come from bench.scale")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "memory":
        print(json.dumps(child_memory(json.loads(args.params))))
        return 0
    if args.memory:
        return _report(args.out / "overhead-memory.json", run_memory(args), memory_table)
    if args.ab_serve:
        return ab_serve(args.ab_serve)
    if args.variant:
        return _report(args.out / "overhead-ab.json", run_ab(args), ab_table)
    if args.profiled:
        return profiled_serve(args.profiled)
    res = run(args)
    (args.out / "overhead.json").write_text(json.dumps(res, indent=2))
    command = "python -m bench.overhead" + (
        f" --data {args.data}" if args.data != Path("build/dumps/gongyun.nq") else "")
    common.write_between_markers(args.doc, "overhead", table(res, command))
    print(table(res, command))
    print(res["profile_head"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
