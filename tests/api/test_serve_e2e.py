"""End to end: `gongyun serve` as a real uvicorn subprocess on 127.0.0.1 over the mini fixture,
used by real clients (SPARQLWrapper, rdflib's SPARQLStore, httpx)."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from gongyun.settings import Settings
from tests.api.conftest import EXTRA_TTL, MINI, MINI_TRIG, SLOW_QUERY, start_server

EXTRA_GRAPH = "https://example.org/graph/extra"
SHANXI = "https://w3id.org/gongyun/resource/place/shanxi"
LABELS = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
          'SELECT ?s WHERE { ?s rdfs:label "山西"@zh }')


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("e2e-store")


def serve_args(store_dir) -> list[str]:
    return ["--store", str(store_dir), "--data", str(MINI_TRIG),
            "--data", f"{EXTRA_TTL}={EXTRA_GRAPH}", "--query-timeout", "1.5",
            "--max-rows", "50", "--workers", "2", "--log-level", "warning"]


@pytest.fixture(scope="module")
def server(store_dir):
    server = start_server(serve_args(store_dir))
    yield server
    server.stop()


def test_sparqlwrapper_select_json(server):
    sparql = SPARQLWrapper(server.url + "/sparql")
    sparql.setQuery(LABELS)
    sparql.setReturnFormat(JSON)
    result = sparql.query().convert()
    assert [b["s"]["value"] for b in result["results"]["bindings"]] == [SHANXI]


def test_sparqlwrapper_post_construct_turtle(server):
    sparql = SPARQLWrapper(server.url + "/sparql")
    sparql.setMethod("POST")
    sparql.setQuery(f"CONSTRUCT {{ <{SHANXI}> ?p ?o }} WHERE {{ <{SHANXI}> ?p ?o }}")
    sparql.setReturnFormat(TURTLE)
    graph = Graph().parse(data=sparql.query().convert(), format="turtle")
    assert (URIRef(SHANXI), None, Literal("山西", lang="zh")) in graph


def test_sparqlwrapper_bad_query_is_400(server):
    sparql = SPARQLWrapper(server.url + "/sparql")
    sparql.setQuery("SELECT * WHERE {")
    sparql.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed):
        sparql.query()


def test_rdflib_sparqlstore_reads_named_graph_from_data_flag(server):
    graph = Graph(store=SPARQLStore(server.url + "/sparql", returnFormat="json"))
    rows = list(graph.query(
        f"SELECT ?l WHERE {{ GRAPH <{EXTRA_GRAPH}> {{ ?s ?p ?l }} }} ORDER BY ?l"))
    assert [str(r[0]) for r in rows] == ["an extra thing", "额外的东西"]


def test_rdflib_sparqlstore_ask(server):
    graph = Graph(store=SPARQLStore(server.url + "/sparql"))
    assert graph.query(f"ASK {{ <{SHANXI}> ?p ?o }}").askAnswer is True


def test_e2e_update_is_refused_403(server):
    r = httpx.post(server.url + "/sparql", content="DROP ALL",
                   headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "update_refused"


def test_e2e_timeout_503_then_served(server):
    r = httpx.get(server.url + "/sparql", params={"query": SLOW_QUERY}, timeout=30)
    assert r.status_code == 503
    ok = httpx.get(server.url + "/sparql", params={"query": "ASK {}"}, timeout=30)
    assert ok.status_code == 200


def test_e2e_truncation_header(server):
    r = httpx.get(server.url + "/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
    assert r.headers["gongyun-truncated"] == "true; limit=50"


def test_e2e_413_and_404(server):
    big = "SELECT * {} #" + "x" * 2_000_000
    r = httpx.post(server.url + "/sparql", content=big,
                   headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    assert httpx.get(server.url + "/resource/org/none",
                     headers={"Accept": "text/turtle"}).status_code == 404


def test_e2e_health_reports_network_isolation(server):
    workers = httpx.get(server.url + "/health").json()["workers"]
    assert workers["network_isolated"] is True and workers["alive"] >= 1


def test_restart_reuses_the_store(server, store_dir):
    before = (store_dir / "current").resolve()
    second = start_server(serve_args(store_dir))
    try:
        health = httpx.get(second.url + "/health").json()
        assert health["store"] == str(before)
    finally:
        second.stop()
    assert (store_dir / "current").resolve() == before


def test_help_settings_lists_every_setting():
    out = subprocess.run([sys.executable, "-m", "gongyun.cli", "serve", "--help-settings"],
                         capture_output=True, text=True, check=True).stdout
    for name in Settings.model_fields:
        assert f"GONGYUN_{name.upper()}" in out


def test_serve_reports_bad_data_in_one_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "gongyun.cli", "serve", "--store",
                           str(tmp_path), "--data", str(MINI / "README.md")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("gongyun serve:") and "unknown RDF extension" in \
        done.stderr
