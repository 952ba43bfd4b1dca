"""The two walls that keep /sparql read-only and off the network: the token-level check
(gongyun.api.safety) and the workers' empty network namespace (gongyun.api.workers)."""

from __future__ import annotations

import asyncio
import http.server
import threading

import pyoxigraph as ox
import pytest

from gongyun.api.errors import ApiError
from gongyun.api.safety import check_query, tokenize
from gongyun.api.workers import Job, WorkerPool, execute


@pytest.mark.parametrize("query, form", [
    ("SELECT * { ?s ?p ?o }", "select"),
    ('SELECT * { ?s ?p "INSERT DATA { <a> <b> <c> }" }', "select"),
    ("SELECT * { ?s ?p '''SERVICE <http://x> {}''' }", "select"),
    ("SELECT * { ?s <http://example.org/service/load> ?o }", "select"),
    ("PREFIX service: <http://example.org/> ASK { service:drop service:load ?o }", "ask"),
    ("SELECT ?service ?delete { ?service ?delete ?o } # SERVICE <http://x> { }", "select"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . FILTER(?o < 3 && ?o >= 1) }", "construct"),
    ("DESCRIBE <http://example.org/a>", "describe"),
    ("ASK { { SELECT ?s { ?s ?p ?o } } }", "ask"),
    ('SELECT * { ?s ?p "太原"@zh-Hans . ?s ?q 1.5e3 , -2, .5 ; ^<http://p>/<http://q>* _:b }',
     "select"),
])
def test_allowed_queries_and_their_form(query, form):
    assert check_query(query).form == form


@pytest.mark.parametrize("query, status, code", [
    ("INSERT DATA { <http://a> <http://b> <http://c> }", 403, "update_refused"),
    ("DELETE WHERE { ?s ?p ?o }", 403, "update_refused"),
    ("LOAD <http://example.org/data.ttl>", 403, "update_refused"),
    ("load <http://example.org/data.ttl> INTO GRAPH <http://g>", 403, "update_refused"),
    ("DROP ALL", 403, "update_refused"),
    ("CLEAR DEFAULT", 403, "update_refused"),
    ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 403, "service_refused"),
    ("SELECT * { SeRvIcE SILENT <http://x/> { ?s ?p ?o } }", 403, "service_refused"),
    ("SELECT * { SERVICE ?endpoint { ?s ?p ?o } }", 403, "service_refused"),
    ("INSERT DATA { <http://a> <http://b> }", 400, "query_syntax_error"),
    ("SELECT * { ?s ?p ?o }\u00a0", 400, "query_syntax_error"),
    ("SELECT * { ?s ?p ?o } \x00", 400, "query_syntax_error"),
    ("hello world", 400, "query_syntax_error"),
])
def test_refused_queries(query, status, code):
    with pytest.raises(ApiError) as info:
        check_query(query)
    assert (info.value.status, info.value.code) == (status, code)


def test_lexer_skips_strings_iris_and_comments():
    tokens = tokenize('SELECT ?x # DROP\n { ?x <http://a/insert> "delete" }')
    assert [t.kind for t in tokens] == ["WORD", "VAR", "PUNCT", "VAR", "IRIREF", "STRING",
                                        "PUNCT"]


def test_unknown_character_position_is_reported():
    with pytest.raises(ApiError) as info:
        tokenize("SELECT *\n{ ?s ?p ?o } `")
    assert info.value.message.startswith("syntax error at line 2, column 14: unexpected"
                                         " character '`'")


def test_post_update_is_refused_403(client):
    r = client.post("/sparql", content="INSERT DATA { <http://a> <http://b> <http://c> }",
                    headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "update_refused"


def test_update_form_parameter_is_refused_403(client):
    r = client.post("/sparql", data={"update": "DROP ALL"})
    assert r.status_code == 403


def test_update_as_query_is_refused_403(client):
    r = client.get("/sparql", params={"query": "DELETE WHERE { ?s ?p ?o }"})
    assert r.status_code == 403
    assert "read-only" in r.json()["error"]["message"]


def test_load_is_refused_403(client):
    r = client.get("/sparql", params={"query": "LOAD <http://127.0.0.1:9/x.ttl>"})
    assert r.status_code == 403


def test_invalid_update_is_400(client):
    r = client.post("/sparql", content="INSERT DATA { <http://a> }",
                    headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 400
    assert "line:1" in r.json()["error"]["message"]


def test_service_is_refused_403(client):
    r = client.get("/sparql", params={
        "query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "service_refused"


def test_keywords_inside_strings_are_not_refused(client):
    q = 'SELECT ?s WHERE { ?s ?p ?o FILTER(STR(?o) = "SERVICE LOAD DROP") }'
    assert client.get("/sparql", params={"query": q}).status_code == 200


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.hits.append(self.path)
        self.send_response(500)
        self.end_headers()
        self.wfile.write(b"REMOTE-SECRET-PAYLOAD")

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture()
def recorder():
    _Recorder.hits = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


def _service_job(port: int) -> Job:
    return Job(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
               "select", "application/sparql-results+json", 10, True)


def test_error_message_never_carries_remote_payload(recorder):
    # Without the network wall (this process), pyoxigraph does call out; the message is ours.
    outcome = execute(ox.Store(), _service_job(recorder.server_address[1]))
    assert _Recorder.hits, "pyoxigraph sent the SERVICE request"
    assert outcome.kind == "error"
    assert "REMOTE-SECRET-PAYLOAD" not in outcome.message


def test_workers_have_no_network(settings, recorder):
    # Wall 2 alone: a SERVICE query handed straight to a worker reaches nothing.
    from gongyun.api.storedir import OXIGRAPH, current_dir

    pool = WorkerPool(str(current_dir(settings.store_dir) / OXIGRAPH), 1, 30)

    async def run():
        await pool.start()
        try:
            return await pool.run(_service_job(recorder.server_address[1]), 10, 10), pool.status()
        finally:
            pool.close()

    outcome, status = asyncio.run(run())
    assert status["network_isolated"] is True
    assert outcome.kind == "error"
    assert _Recorder.hits == []
