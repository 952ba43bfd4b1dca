"""Fixtures for the service tests: the mini graph (tests/data/mini) in a store built once per
session, an in-process client over it, and helpers to start the real server."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from gongyun.api.app import create_app
from gongyun.api.storedir import prepare
from gongyun.settings import Settings
from tests.serving import ServeProcess, start_serve

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"
MINI_TRIG = MINI / "mini.trig"
EXTRA_TTL = MINI / "extra.ttl"
TRIPLES = 206  # distinct triples in mini.trig
MAX_ROWS = 50
QUERY_TIMEOUT = 1.5
# Runs far past QUERY_TIMEOUT on the mini graph (206**5 combinations), in any engine.
SLOW_QUERY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l ."
              " ?m ?n2 ?o }")
ONTOLOGY_TTL = """@prefix owl: <http://www.w3.org/2002/07/owl#> .
<https://w3id.org/gongyun/ontology> a owl:Ontology .
"""
SHAPES_TTL = """@prefix sh: <http://www.w3.org/ns/shacl#> .
<https://w3id.org/gongyun/shapes#ClaimShape> a sh:NodeShape .
"""


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """A scratch build directory with dumps, an ontology, shapes and docs, as a build leaves."""
    root = tmp_path_factory.mktemp("site")
    (root / "dumps").mkdir()
    (root / "dumps" / "gongyun.nq").write_text("<http://a> <http://b> <http://c> .\n")
    (root / "secret.txt").write_text("not to be served")
    (root / "ontology.ttl").write_text(ONTOLOGY_TTL)
    (root / "shapes").mkdir()
    (root / "shapes" / "claims.shapes.ttl").write_text(SHAPES_TTL)
    (root / "docs").mkdir()
    (root / "docs" / "index.html").write_text("<html><body>ontology docs</body></html>")
    return root


def mini_settings(store_dir: Path, site: Path, **overrides) -> Settings:
    values = dict(
        store_dir=store_dir, data=[str(MINI_TRIG)], corpus_dir=MINI / "corpus",
        query_timeout=QUERY_TIMEOUT, max_rows=MAX_ROWS, workers=2, max_body_bytes=4096,
        build_dir=site, ontology_file=site / "ontology.ttl", shapes_dir=site / "shapes",
        docs_dir=site / "docs",
    )
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="session")
def settings(tmp_path_factory, site) -> Settings:
    s = mini_settings(tmp_path_factory.mktemp("store"), site)
    prepare(s)
    return s


@pytest.fixture(scope="session")
def client(settings):
    with TestClient(create_app(settings)) as c:
        yield c


def start_server(args: list[str]) -> ServeProcess:
    log = Path(tempfile.mkdtemp(prefix="gongyun-serve-")) / "serve.log"
    return start_serve(args, log, wait=60)
