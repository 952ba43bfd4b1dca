"""Crash safety of the store directory (marker `slow`): `gongyun serve` is killed with SIGKILL at
random moments while it rebuilds its store for a changed input (new directory, then the atomic
switch of `current`, then the clean-up; gongyun.api.storedir), KILLS times in a row. After every
kill, `current` points at a finished store holding exactly the previous or the new graph (never a
partial one), and the next start serves the new graph in full.

    .venv/bin/python -m pytest -m slow tests/reliability/test_crash.py -s
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from gongyun.api.storedir import MANIFEST, OXIGRAPH, current_dir
from tests.reliability.conftest import ROOT
from tests.serving import free_port

pytestmark = pytest.mark.slow

KILLS = 8
BASE_TRIPLES = 30_000
SEED = 20261124


def write_graph(path: Path, version: int) -> int:
    """An N-Triples file whose size depends on `version`; returns its number of triples."""
    n = BASE_TRIPLES + 1_000 * version
    with path.open("w", encoding="utf-8") as f:
        for i in range(n // 2):
            f.write(f"<http://example.org/e{i}> <http://www.w3.org/2000/01/rdf-schema#label>"
                    f' "entity {i} v{version}"@en .\n')
            f.write(f"<http://example.org/e{i}> <http://example.org/next>"
                    f" <http://example.org/e{i + 1}> .\n")
    return n // 2 * 2


def start(data: Path, store: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "gongyun.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--store", str(store), "--data", str(data), "--workers", "1",
         "--log-level", "warning"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: its workers can be ended with it
    )


def end(process: subprocess.Popen, sig: int) -> None:
    """`sig` to the server, then end whatever of its process group is left (its workers)."""
    if process.poll() is None:
        os.kill(process.pid, sig)
    process.wait(30)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def wait_ready(port: int, process: subprocess.Popen, timeout: float = 180) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        assert process.poll() is None, "the server exited"
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return time.monotonic() - started
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise AssertionError("server not ready")


def served_count(port: int) -> int:
    r = httpx.get(f"http://127.0.0.1:{port}/sparql",
                  params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"},
                  headers={"Accept": "application/sparql-results+json"}, timeout=60)
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def current_count(store: Path) -> int:
    """The number of triples of the store `current` points at, which must be finished."""
    target = current_dir(store)
    assert target is not None, f"`current` points at no finished store: {os.listdir(store)}"
    manifest = json.loads((target / MANIFEST).read_text())
    count = len(ox.Store.read_only(str(target / OXIGRAPH)))
    assert manifest["counts"]["quads"] == count
    return count


def test_sigkill_during_rebuilds_never_leaves_a_partial_store(tmp_path):
    rng = random.Random(SEED)
    data = tmp_path / "graph.nt"
    store = tmp_path / "store"
    previous = write_graph(data, 0)
    port = free_port()
    first = start(data, store, port)
    try:
        full_start = wait_ready(port, first)
        assert served_count(port) == previous
    finally:
        end(first, signal.SIGTERM)
    log = []
    for version in range(1, KILLS + 1):
        new = write_graph(data, version)
        delay = rng.uniform(0.1, full_start * 1.2)
        port = free_port()
        process = start(data, store, port)
        time.sleep(delay)
        was_serving = process.poll() is None and _answers(port)
        end(process, signal.SIGKILL)
        on_disk = current_count(store)
        assert on_disk in (previous, new), (on_disk, previous, new)
        # The next start serves the new graph, in full.
        port = free_port()
        process = start(data, store, port)
        try:
            wait_ready(port, process)
            assert served_count(port) == new
            assert httpx.get(f"http://127.0.0.1:{port}/health").json()["triples"] == new
        finally:
            end(process, signal.SIGTERM)
        assert current_count(store) == new
        leftovers = sorted(p.name for p in store.iterdir() if p.name != "current")
        log.append({"kill_after_s": round(delay, 2), "was_serving": was_serving,
                    "current_after_kill": "new" if on_disk == new and new != previous
                    else "previous", "dirs_after_restart": len(leftovers)})
        assert len(leftovers) == 1, leftovers  # the clean-up removed the killed build
        previous = new
    print("\ncrash runs:", json.dumps({"full_start_s": round(full_start, 2), "runs": log}))


def _answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/health", timeout=0.5).status_code == 200
    except httpx.TransportError:
        return False
