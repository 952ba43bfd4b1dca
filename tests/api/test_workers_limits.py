"""Limits: the per-query time limit (503, worker replaced, others still served), the row limit
with its truncation signal in every format, the request body limit (413), and /health."""

from __future__ import annotations

import json
import threading
import time

import pyoxigraph as ox
import pytest

from tests.api.conftest import MAX_ROWS, SLOW_QUERY

ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
HEADER = f"true; limit={MAX_ROWS}"


def test_query_timeout_503_while_others_are_served(client):
    slow: dict = {}

    def run_slow():
        slow["response"] = client.get("/sparql", params={"query": SLOW_QUERY})

    replaced_before = client.get("/health").json()["workers"]["replaced_after_timeout_or_crash"]
    started = time.monotonic()
    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.2)
    fast = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert fast.status_code == 200 and thread.is_alive()  # served while the slow one runs
    thread.join(30)
    r = slow["response"]
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "query_timeout"
    assert "1.5 s" in r.json()["error"]["message"]
    assert time.monotonic() - started < 10
    health = client.get("/health").json()["workers"]
    assert health["replaced_after_timeout_or_crash"] == replaced_before + 1
    # The pool recovers: later queries are answered.
    for _ in range(3):
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


def test_truncated_json_has_header_and_member(client):
    r = client.get("/sparql", params={"query": ALL})
    assert r.headers["gongyun-truncated"] == HEADER
    doc = r.json()
    assert len(doc["results"]["bindings"]) == MAX_ROWS
    assert doc["truncated"] == {"limit": MAX_ROWS}


def test_results_under_the_limit_are_not_marked(client):
    r = client.get("/sparql", params={"query": ALL + f" LIMIT {MAX_ROWS}"})
    assert "gongyun-truncated" not in r.headers
    assert "truncated" not in r.json()
    assert r.headers["gongyun-rows"] == str(MAX_ROWS)


def test_truncated_csv_ends_with_note(client):
    r = client.get("/sparql", params={"query": ALL, "format": "csv"})
    lines = r.text.splitlines()
    assert r.headers["gongyun-truncated"] == HEADER
    assert lines[-1] == f"# Gongyun-Truncated: limit={MAX_ROWS}"
    assert len(lines) == MAX_ROWS + 2


def test_truncated_tsv_ends_with_note(client):
    r = client.get("/sparql", params={"query": ALL, "format": "tsv"})
    assert r.text.splitlines()[-1] == f"# Gongyun-Truncated: limit={MAX_ROWS}"


def test_truncated_xml_has_comment(client):
    r = client.get("/sparql", params={"query": ALL, "format": "xml"})
    assert f"<!-- Gongyun-Truncated: limit={MAX_ROWS} -->" in r.text
    assert r.text.count("<result>") == MAX_ROWS


@pytest.mark.parametrize("fmt, rdf_format", [
    ("turtle", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
    ("trig", ox.RdfFormat.TRIG), ("nq", ox.RdfFormat.N_QUADS),
    ("rdfxml", ox.RdfFormat.RDF_XML), ("jsonld", ox.RdfFormat.JSON_LD),
])
def test_truncated_construct_still_parses(client, fmt, rdf_format):
    r = client.get("/sparql", params={"query": ALL_TRIPLES, "format": fmt})
    assert r.headers["gongyun-truncated"] == HEADER
    assert len(list(ox.parse(r.content, format=rdf_format))) == MAX_ROWS
    if fmt == "jsonld":
        assert json.loads(r.content)["truncated"] == {"limit": MAX_ROWS}
    else:
        assert f"Gongyun-Truncated: limit={MAX_ROWS}" in r.text


def test_body_over_limit_is_413(client):
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 5000
    r = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    assert r.json()["error"] == {"status": 413, "code": "payload_too_large",
                                 "message": "the request body exceeds 4096 bytes"}


def test_streamed_body_over_limit_is_413(client):
    def chunks():
        for _ in range(10):
            yield b"#" + b"x" * 999

    r = client.post("/sparql", content=chunks(),
                    headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413


def test_health_is_fast_and_reports_isolation(client):
    started = time.monotonic()
    h = client.get("/health").json()
    assert time.monotonic() - started < 0.5
    assert h["status"] == "ok"
    assert h["workers"]["network_isolated"] is True
    assert h["workers"]["size"] == 2
    assert h["triples"] == 206


def test_cancelled_request_does_not_leak_its_worker(settings):
    # A client that goes away mid-query must not take the (only) worker with it.
    import asyncio

    from gongyun.api.storedir import OXIGRAPH, current_dir
    from gongyun.api.workers import Job, WorkerPool

    pool = WorkerPool(str(current_dir(settings.store_dir) / OXIGRAPH), 1, 30)

    def job(query: str) -> Job:
        return Job(query, "select", "application/sparql-results+json", 10, True)

    async def run():
        await pool.start()
        try:
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(pool.run(job(SLOW_QUERY), 1.0, 5), 0.2)
            return await pool.run(job("SELECT * WHERE { ?s ?p ?o } LIMIT 1"), 5, 20)
        finally:
            pool.close()

    outcome = asyncio.run(run())
    assert outcome is not None and outcome.kind == "ok"


def test_no_free_worker_is_503_service_busy(tmp_path, site):
    from fastapi.testclient import TestClient

    from gongyun.api.app import create_app
    from gongyun.api.storedir import prepare
    from tests.api.conftest import mini_settings

    s = mini_settings(tmp_path / "store", site, workers=1, queue_timeout=0.3)
    prepare(s)
    with TestClient(create_app(s)) as client:
        thread = threading.Thread(
            target=lambda: client.get("/sparql", params={"query": SLOW_QUERY}))
        thread.start()
        time.sleep(0.3)
        r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        thread.join(30)
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "service_busy"
    assert r.headers["retry-after"] == "5"
