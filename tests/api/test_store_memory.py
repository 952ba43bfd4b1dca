"""The query workers' in-memory copy of the store (`store_memory`): decided by the setting and
the graph's size, reported by /health, and answering exactly as the on-disk store does."""

from __future__ import annotations

import asyncio

import pytest

from gongyun.api.storedir import OXIGRAPH, current_dir
from gongyun.api.workers import Job, WorkerPool
from gongyun.settings import Settings

QUERIES = [
    ("SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o", "select"),
    ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
     "select"),
    ("SELECT ?s ?o WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o }"
     " ORDER BY ?s ?o", "select"),
    ("SELECT ?b WHERE { ?b ?p ?o FILTER(isBlank(?b)) } ORDER BY ?b", "select"),
    ("ASK { ?s ?p 42 }", "ask"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "construct"),
]


@pytest.mark.parametrize("mode, triples, expected", [
    ("on", 10**9, True), ("off", 10, False), ("auto", 10, True), ("auto", 2_000_000, True),
    ("auto", 2_000_001, False),
])
def test_the_setting_decides(mode, triples, expected):
    assert Settings(store_memory=mode).workers_in_memory(triples) is expected


def test_auto_threshold_is_a_setting():
    assert Settings(store_memory_max_triples=100).workers_in_memory(101) is False


def answers(store_path: str, in_memory: bool) -> tuple[list, dict]:
    async def go():
        pool = WorkerPool(store_path, 1, 60, in_memory=in_memory)
        await pool.start()
        try:
            out = []
            for query, form in QUERIES:
                media = ("application/n-triples" if form == "construct"
                         else "application/sparql-results+json")
                for union in (True, False):
                    outcome = await pool.run(Job(query, form, media, 10_000, union), 10, 10)
                    assert outcome.kind == "ok", outcome
                    body = outcome.body
                    if form == "construct":  # serialisation order may differ: compare lines
                        body = sorted(body.splitlines())
                    out.append(body)
            return out, pool.status()
        finally:
            pool.close()
    return asyncio.run(go())


def test_memory_answers_as_disk(settings):
    path = str(current_dir(settings.store_dir) / OXIGRAPH)
    on_disk, disk_status = answers(path, False)
    in_memory, memory_status = answers(path, True)
    assert in_memory == on_disk
    assert (disk_status["store_in_memory"], memory_status["store_in_memory"]) == (False, True)


def test_health_reports_the_mode(client):
    workers = client.get("/health").json()["workers"]
    assert workers["store_in_memory"] is True  # the mini graph is far under the threshold
    assert workers["slowest_start_seconds"] >= 0
