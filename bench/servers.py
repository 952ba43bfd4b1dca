"""The HTTP server under the service, measured alone: the same bare ASGI app
(`bench.asgi_baseline:raw`, a constant ASK answer) under each server that could carry it, and
the native Oxigraph server answering `ASK {}` for scale, in interleaved rounds.

    python -m bench.servers [--requests 400] [--rounds 5]

Servers: uvicorn with uvloop and the protocol `gongyun serve` runs (gongyun.api.http_protocol:
uvicorn's httptools protocol declining h2c upgrade offers and encoding raw UTF-8 request
lines), with plain httptools, with h11, Granian (ASGI, uvloop, one
worker) when it is installed (`pip install granian`; not a dependency), and `oxigraph serve`.
All on CPU 1 and 127.0.0.1; the client (one keep-alive connection, POST
application/sparql-query) on CPU 0. The table goes to docs/performance.md between the
`servers` markers.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import common
from bench.common import free_port, stop_process

VENV_BIN = Path(sys.executable).parent
ASK = b"ASK {}"
HEADERS = {"Content-Type": "application/sparql-query",
           "Accept": "application/sparql-results+json"}


def commands(work: Path) -> dict[str, tuple[int, list[str], str]]:
    """name -> (port, command, path)."""
    out = {}
    for parser in ("gongyun.api.http_protocol:HttpProtocol", "httptools", "h11"):
        port = free_port()
        out[f"uvicorn + uvloop + {parser.split(':')[-1]}"] = (port, [
            str(VENV_BIN / "uvicorn"), "bench.asgi_baseline:raw", "--host", "127.0.0.1",
            "--port", str(port), "--loop", "uvloop", "--http", parser, "--log-level", "warning",
            "--no-access-log"], "/sparql")
    if shutil.which("granian", path=str(VENV_BIN)):
        port = free_port()
        out["granian (asgi, uvloop, 1 worker)"] = (port, [
            str(VENV_BIN / "granian"), "--interface", "asgi", "--host", "127.0.0.1", "--port",
            str(port), "--loop", "uvloop", "--workers", "1", "--log-level", "warning",
            "--no-ws", "bench.asgi_baseline:raw"], "/sparql")
    port = free_port()
    out["oxigraph serve (native, ASK {})"] = (port, [
        str(VENV_BIN / "oxigraph"), "serve", "--location", str(work / "oxigraph"), "--bind",
        f"127.0.0.1:{port}"], "/query")
    return out


def ask(conn: http.client.HTTPConnection, path: str) -> None:
    conn.request("POST", path, body=ASK, headers=HEADERS)
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"HTTP {response.status}")


def connect(port: int, path: str, timeout: float = 30) -> http.client.HTTPConnection:
    deadline = time.monotonic() + timeout
    while True:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            ask(conn, path)
            return conn
        except (OSError, RuntimeError, http.client.HTTPException):
            conn.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def run(args: argparse.Namespace) -> dict:
    os.sched_setaffinity(0, {0})
    machine = common.machine()
    work = Path(tempfile.mkdtemp(prefix="gongyun-servers-"))
    procs = {}
    try:
        for name, (port, cmd, path) in commands(work).items():
            procs[name] = (port, path, subprocess.Popen(
                ["taskset", "-c", "1", *cmd], stdout=subprocess.DEVNULL,
                stderr=(work / f"{len(procs)}.log").open("wb")))
        conns = {name: connect(port, path) for name, (port, path, _) in procs.items()}
        for name, conn in conns.items():  # warm-up
            for _ in range(200):
                ask(conn, procs[name][1])
        rounds: dict[str, list[float]] = {name: [] for name in conns}
        for r in range(args.rounds):
            names = list(conns)
            names = names[r % len(names):] + names[:r % len(names)]
            for name in names:
                times = []
                for _ in range(args.requests):
                    started = time.perf_counter()
                    ask(conns[name], procs[name][1])
                    times.append(time.perf_counter() - started)
                rounds[name].append(statistics.median(times) * 1000)
        return {"machine": machine, "load_avg_end": common.machine()["load_avg_1m"],
                "rounds": rounds, "requests": args.requests}
    finally:
        for _, _, proc in procs.values():
            stop_process(proc)
        shutil.rmtree(work, ignore_errors=True)


def table(res: dict, command: str) -> str:
    rounds = len(next(iter(res["rounds"].values())))
    lines = [f"Machine: {common.machine_line(res['machine'])}; at the end "
             f"{res['load_avg_end']}.", "", f"Command: `{command}` ({rounds} interleaved rounds"
             f" of {res['requests']} sequential requests on one keep-alive connection; p50 per"
             " round, then the median).", "",
             "| server | p50 (ms) | rounds |", "| --- | ---: | --- |"]
    for name, values in res["rounds"].items():
        lines.append(f"| {name} | {statistics.median(values):.3f} | "
                     + ", ".join(f"{v:.3f}" for v in values) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=common.OUT_DIR)
    parser.add_argument("--doc", type=Path, default=common.DOC)
    args = parser.parse_args(argv)
    res = run(args)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "servers.json").write_text(json.dumps(res, indent=2))
    text = table(res, "python -m bench.servers")
    common.write_between_markers(args.doc, "servers", text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
