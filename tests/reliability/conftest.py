"""Fixtures of the reliability tests: `gongyun serve` as a real process on 127.0.0.1 (its own
store, a short query time limit), raw HTTP requests, and a fingerprint of the served data."""

from __future__ import annotations

import hashlib
import http.client
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from gongyun.api.storedir import OXIGRAPH, current_dir
from tests.serving import ServeProcess, start_serve

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
MINI_TRIG = MINI / "mini.trig"
QUERY_TIMEOUT = 2.0
# Runs far past any time limit on the mini graph (206**5 combinations).
SLOW_QUERY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l ."
              " ?m ?n2 ?o }")


@dataclass
class Served(ServeProcess):
    """A running `gongyun serve` with the store directory it serves."""

    store_dir: Path


def serve(args: list[str], store_dir: Path, env: dict[str, str] | None = None,
          wait: float = 120) -> Served:
    """Start `gongyun serve ARGS` on a free loopback port and wait until /health answers."""
    log = store_dir.parent / f"{store_dir.name}-serve.log"
    started = start_serve(["--store", str(store_dir), "--log-level", "warning", *args], log,
                          env=env, cwd=ROOT, wait=wait)
    return Served(started.process, started.port, started.log, store_dir)


def raw_request(port: int, method: str, target: str, body: bytes | Iterable[bytes] | None = None,
                headers: dict[str, str] | None = None, timeout: float = 60,
                chunked: bool = False) -> tuple[int, dict[str, str], bytes]:
    """One HTTP request with the exact request target given (no client-side normalisation of
    `..` or percent-escapes), optionally with a chunked body of unknown length."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, target, body=body, headers=headers or {}, encode_chunked=chunked)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def data_fingerprint(store_dir: Path) -> tuple[int, str]:
    """(number of quads, sha256 of the canonical N-Quads) of the store being served, read
    through a read-only handle of its own: blank nodes canonicalised, lines sorted."""
    store = ox.Store.read_only(str(current_dir(store_dir) / OXIGRAPH))
    dataset = ox.Dataset(store)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    lines = sorted(str(quad) + " .\n" for quad in dataset)
    return len(lines), hashlib.sha256("".join(lines).encode()).hexdigest()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build directory as `gongyun build` leaves it: a dump, and a file beside the dumps that
    must never be served."""
    root = tmp_path_factory.mktemp("site")
    (root / "dumps").mkdir()
    (root / "dumps" / "gongyun.nq").write_text("<http://a> <http://b> <http://c> .\n")
    (root / "secret.txt").write_text("SECRET-NOT-TO-BE-SERVED")
    # What /ontology, /shapes and the docs serve (tests.api.conftest.mini_settings points there).
    (root / "ontology.ttl").write_text(
        "<https://w3id.org/gongyun/ontology> a <http://www.w3.org/2002/07/owl#Ontology> .\n")
    (root / "shapes").mkdir()
    (root / "shapes" / "core.shapes.ttl").write_text(
        "<https://w3id.org/gongyun/shapes#S> a <http://www.w3.org/ns/shacl#NodeShape> .\n")
    (root / "docs").mkdir()
    (root / "docs" / "index.html").write_text("<html><body>ontology docs</body></html>")
    return root


@pytest.fixture(scope="session")
def mini_server(tmp_path_factory: pytest.TempPathFactory, site: Path) -> Iterator[Served]:
    """The mini graph served by a real process, time limit QUERY_TIMEOUT, two workers."""
    store = tmp_path_factory.mktemp("hostile") / "store"
    served = serve(["--data", str(MINI_TRIG), "--query-timeout", str(QUERY_TIMEOUT),
                    "--workers", "2", "--build-dir", str(site)], store,
                   env={"GONGYUN_CORPUS_DIR": str(MINI / "corpus"),
                        "GONGYUN_DUMPS_DIR": str(site / "dumps"),
                        "GONGYUN_QUEUE_TIMEOUT": "20"})
    try:
        yield served
    finally:
        served.stop()
