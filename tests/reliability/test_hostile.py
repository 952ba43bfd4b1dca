"""Hostile input against a real `gongyun serve` (table-driven): every case gets its expected
status with a message in the one JSON error shape, the server keeps serving, and the data is the
same afterwards (number of quads and a hash of the canonical N-Quads).

Cases that name a non-loopback address (169.254.169.254, the cloud metadata address) run only
after `test_workers_cannot_reach_a_listening_loopback_socket` has shown that the query workers
have no route out."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest

from tests.reliability.conftest import QUERY_TIMEOUT, SLOW_QUERY, data_fingerprint, raw_request

SPARQL_QUERY = {"Content-Type": "application/sparql-query"}
SPARQL_UPDATE = {"Content-Type": "application/sparql-update"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
MB = 1_000_000
METADATA = "http://169.254.169.254/latest/meta-data/"


@dataclass(frozen=True)
class Case:
    id: str
    method: str
    target: str
    status: int
    code: str | None  # the error code, or None for a success
    body: bytes | None = None
    headers: dict = field(default_factory=dict)
    chunked: bool = False
    within: float | None = None  # seconds the answer may take at most
    off_host: bool = False  # names a non-loopback address: needs the network wall first


def q(query: str) -> str:
    return "/sparql?query=" + quote(query, safe="")


def nested(depth: int) -> str:
    return "SELECT * WHERE " + "{" * depth + " ?s ?p ?o " + "}" * depth


LONG_STRING = "a" * 30_000 + "!"
CASES = [
    # Malformed SPARQL: 400 with the parser's position.
    Case("malformed-missing-object", "GET", q("SELECT * WHERE { ?s ?p }"), 400,
         "query_syntax_error"),
    Case("malformed-keyword", "GET", q("SELEC * { ?s ?p ?o }"), 400, "query_syntax_error"),
    Case("malformed-unbalanced", "GET", q("SELECT * { { ?s ?p ?o }"), 400, "query_syntax_error"),
    Case("malformed-nul-byte", "GET", q("SELECT * { ?s ?p ?o }\x00"), 400, "query_syntax_error"),
    Case("malformed-empty-query", "GET", q(""), 400, "query_syntax_error"),
    # \u0053ERVICE is SERVICE (SPARQL 1.1 19.2: escapes are decoded before parsing)
    Case("codepoint-escaped-service-keyword", "GET",
         q("SELECT * { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"), 403,
         "service_refused"),
    # Size: a body over max_body_bytes (1 MB) is refused before it is read whole.
    Case("long-query-1mb-body", "POST", "/sparql", 413, "payload_too_large",
         body=b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * MB, headers=SPARQL_QUERY),
    Case("long-query-1mb-chunked", "POST", "/sparql", 413, "payload_too_large",
         body=[b"SELECT * WHERE { ?s ?p ?o } #"] + [b"x" * 65536] * 20, headers=SPARQL_QUERY,
         chunked=True),
    Case("long-query-under-limit", "POST", "/sparql", 200, None,
         body=b"SELECT * WHERE { ?s ?p ?o } LIMIT 1 #" + b"x" * 900_000, headers=SPARQL_QUERY),
    Case("oversized-form-body", "POST", "/sparql", 413, "payload_too_large",
         body=b"query=" + b"%20" * MB, headers=FORM),
    # Nesting: refused before the parser, whose recursion would overflow a worker's stack.
    Case("deep-nesting-braces-10000", "GET", q(nested(10_000)), 400, "query_syntax_error"),
    Case("deep-nesting-parens-10000", "GET",
         q("ASK { FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }"), 400,
         "query_syntax_error"),
    Case("nesting-200-allowed", "GET", q(nested(200)), 200, None),
    # Work: a cartesian product is stopped at the time limit, the worker replaced.
    Case("cartesian-product", "GET", q(SLOW_QUERY), 503, "query_timeout",
         within=QUERY_TIMEOUT + 5),
    # Regular expressions: the engine's regex is linear-time (no backtracking).
    Case("regex-nested-quantifiers", "GET",
         q(f'ASK {{ FILTER(REGEX("{LONG_STRING}", "^(a+)+$")) }}'), 200, None, within=5),
    Case("regex-alternation-blowup", "GET",
         q(f'ASK {{ FILTER(REGEX("{LONG_STRING}", "^(a|a?)+$")) }}'), 200, None, within=5),
    Case("regex-huge-repetition", "GET",
         q('ASK { FILTER(REGEX("aaa", "a{1000}{1000}{1000}")) }'), 200, None, within=5),
    Case("regex-backreference", "GET",
         q(f'ASK {{ FILTER(REGEX("{LONG_STRING}", "^(a*)*\\\\1$")) }}'), 200, None, within=5),
    # Federation and updates: refused by the token check.
    Case("service-loopback-literal", "GET",
         q("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"), 403,
         "service_refused"),
    Case("service-variable", "GET", q("SELECT * { SERVICE ?e { ?s ?p ?o } }"), 403,
         "service_refused"),
    Case("service-silent-lowercase", "GET",
         q("select * { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }"), 403,
         "service_refused"),
    Case("service-metadata-address", "GET",
         q(f"SELECT * {{ SERVICE <{METADATA}> {{ ?s ?p ?o }} }}"), 403, "service_refused",
         off_host=True),
    Case("service-in-subquery-bind", "GET",
         q(f"SELECT * {{ BIND(<{METADATA}> AS ?e) {{ SELECT * {{ SERVICE ?e {{ ?s ?p ?o }} }} }}"
           " }"), 403, "service_refused", off_host=True),
    Case("load-query-param", "GET", q(f"LOAD <{METADATA}>"), 403, "update_refused",
         off_host=True),
    Case("load-update-body", "POST", "/sparql", 403, "update_refused",
         body=f"LOAD <{METADATA}> INTO GRAPH <http://g>".encode(), headers=SPARQL_UPDATE,
         off_host=True),
    Case("insert-data", "POST", "/sparql", 403, "update_refused",
         body=b"INSERT DATA { <http://a> <http://b> <http://c> }", headers=SPARQL_UPDATE),
    Case("insert-data-as-query", "GET", q("INSERT DATA { <http://a> <http://b> <http://c> }"),
         403, "update_refused"),
    Case("drop-all-update-param", "GET", "/sparql?update=DROP%20ALL", 403, "update_refused"),
    Case("drop-all-form", "POST", "/sparql", 403, "update_refused", body=b"update=DROP+ALL",
         headers=FORM),
    Case("delete-where-after-query", "GET",
         q("SELECT * { ?s ?p ?o } ; DELETE WHERE { ?s ?p ?o }"), 400, "query_syntax_error"),
    # Encoding and content types.
    Case("invalid-utf8-body", "POST", "/sparql", 400, "bad_request",
         body=b"SELECT * { ?s ?p \"\xff\xfe\" }", headers=SPARQL_QUERY),
    Case("utf16-body", "POST", "/sparql", 400, "bad_request",
         body="ASK {}".encode("utf-16"), headers={"Content-Type": "application/sparql-query;"
                                                   " charset=UTF-16"}),
    Case("invalid-utf8-percent-escape", "GET", "/sparql?query=ASK%20%7B%7D%FF%FE", 400,
         "query_syntax_error"),
    Case("content-type-text-plain", "POST", "/sparql", 415, "unsupported_media_type",
         body=b"ASK {}", headers={"Content-Type": "text/plain"}),
    Case("content-type-json", "POST", "/sparql", 415, "unsupported_media_type",
         body=b'{"query": "ASK {}"}', headers={"Content-Type": "application/json"}),
    Case("content-type-missing", "POST", "/sparql", 415, "unsupported_media_type",
         body=b"ASK {}"),
    Case("query-in-url-and-body", "POST", q("ASK {}"), 400, "bad_request", body=b"ASK {}",
         headers=SPARQL_QUERY),
    Case("query-twice", "GET", q("ASK {}") + "&query=ASK%20%7B%7D", 400, "bad_request"),
    Case("default-graph-not-iri", "GET", q("ASK {}") + "&default-graph-uri=not%20an%20iri", 400,
         "bad_request"),
    Case("accept-nothing-we-make", "GET", q("ASK {}"), 406, "not_acceptable",
         headers={"Accept": "image/png"}),
    Case("method-put", "PUT", q("ASK {}"), 405, "method_not_allowed"),
    # Paths: nothing outside the dumps directory, the corpus or the graph is reachable.
    Case("dumps-dotdot", "GET", "/dumps/../secret.txt", 404, "not_found"),
    Case("dumps-encoded-dotdot", "GET", "/dumps/%2e%2e/secret.txt", 404, "not_found"),
    Case("dumps-encoded-slash", "GET", "/dumps/..%2fsecret.txt", 404, "not_found"),
    Case("dumps-double-encoded", "GET", "/dumps/%252e%252e%252fsecret.txt", 404, "not_found"),
    Case("dumps-absolute", "GET", "/dumps/%2fetc%2fpasswd", 404, "not_found"),
    Case("dumps-backslash", "GET", "/dumps/..%5csecret.txt", 404, "not_found"),
    Case("dumps-nul", "GET", "/dumps/gongyun.nq%00.txt", 404, "not_found"),
    Case("resource-traversal", "GET", "/resource/..%2f..%2fetc%2fpasswd", 400, "bad_request"),
    Case("resource-encoded-dotdot", "GET", "/resource/%2e%2e/%2e%2e/etc/passwd", 400,
         "bad_request"),
    Case("entity-traversal", "GET", "/api/entities/..%2F..%2Fetc%2Fpasswd", 400,
         "bad_request"),
    Case("entity-file-iri", "GET", "/api/entities/file%3A%2F%2F%2Fetc%2Fpasswd", 404,
         "not_found"),
    Case("source-traversal", "GET", "/api/sources/..%2f..%2fsecret", 404, "not_found"),
    Case("source-dotdot", "GET", "/api/sources/..", 400, "bad_request"),
    Case("source-glob", "GET", "/api/sources/%2A", 400, "bad_request"),
    # Pagination.
    Case("page-negative", "GET", "/api/classes/Place/instances?page=-1", 400, "bad_request"),
    Case("page-zero", "GET", "/api/classes/Place/instances?page=0", 400, "bad_request"),
    Case("page-huge", "GET", "/api/classes/Place/instances?page=" + "9" * 40, 400,
         "bad_request"),
    Case("page-beyond-offset-limit", "GET", "/api/classes/Place/instances?page=1000000", 400,
         "bad_request"),
    Case("page-not-a-number", "GET", "/api/classes/Place/instances?page=abc", 400,
         "bad_request"),
    Case("per-page-zero", "GET", "/api/classes/Place/instances?per_page=0", 400, "bad_request"),
    Case("per-page-negative", "GET", "/api/classes/Place/instances?per_page=-5", 400,
         "bad_request"),
    Case("per-page-huge", "GET", "/api/classes/Place/instances?per_page=1000000000", 400,
         "bad_request"),
    Case("search-page-negative", "GET", "/api/search?q=shanxi&page=-1", 400, "bad_request"),
    Case("search-empty", "GET", "/api/search?q=", 400, "bad_request"),
    Case("search-long", "GET", "/api/search?q=" + "%E5%B1%B1" * 2000, 400, "bad_request"),
    Case("search-200-characters", "GET", "/api/search?q=" + "%E5%B1%B1" * 200, 200, None,
         within=5),
    Case("search-nul", "GET", "/api/search?q=shanxi%00%22", 200, None),
    Case("search-fts-syntax", "GET", "/api/search?q=" + quote('"a" OR NEAR(b c) * ^'), 200,
         None),
]


@pytest.fixture(scope="module")
def fingerprint_before(mini_server):
    return data_fingerprint(mini_server.store_dir)


# Set by the first test once the workers are shown to have no route out.
NETWORK_WALL: dict[str, bool] = {}


def test_workers_cannot_reach_a_listening_loopback_socket(mini_server):
    """Wall 2, shown from inside a worker of the running server: /health reports the network
    namespace, and a worker handed a SERVICE query (bypassing wall 1) reaches nothing, not
    even a socket listening on 127.0.0.1 of this host."""
    from tests.reliability.isolation import worker_connect_attempt

    health = mini_server.health()
    if not health["workers"]["network_isolated"]:
        pytest.skip(f"no network namespace here: {health['workers']['network_isolation_detail']}")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    accepted: list = []
    done = threading.Event()

    def accept() -> None:
        # Listen until the worker has answered, and a little longer for a late connection.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not done.wait(0):
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept)
    thread.start()
    try:
        outcome = worker_connect_attempt(mini_server.store_dir, listener.getsockname()[1])
        time.sleep(0.5)
    finally:
        done.set()
        thread.join()
        listener.close()
    assert outcome.kind == "error", outcome
    assert accepted == [], "a worker connected to the loopback listener"
    NETWORK_WALL["shown"] = True


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(mini_server, fingerprint_before, case: Case):
    if case.off_host and not NETWORK_WALL.get("shown"):
        pytest.skip("names a non-loopback address: the network wall was not shown first")
    started = time.monotonic()
    status, headers, body = raw_request(mini_server.port, case.method, case.target, case.body,
                                        case.headers, chunked=case.chunked)
    elapsed = time.monotonic() - started
    assert status == case.status, body[:500]
    if case.code is not None:
        assert headers["content-type"].startswith("application/json"), headers
        doc = json.loads(body)
        assert set(doc) == {"error"} and set(doc["error"]) == {"status", "code", "message"}
        assert doc["error"]["status"] == status
        assert doc["error"]["code"] == case.code, doc
        assert doc["error"]["message"].strip()
    assert b"SECRET-NOT-TO-BE-SERVED" not in body
    if case.within is not None:
        assert elapsed < case.within, f"{elapsed:.1f} s"


def test_huge_url_is_refused_by_the_http_layer(mini_server):
    """A 1 MB query in the URL never reaches the service: uvicorn's HTTP parser (h11) refuses
    a request head that large and closes the connection (logged as "Invalid HTTP request")."""
    target = q("ASK {} #" + "x" * MB)
    try:
        status, _, _ = raw_request(mini_server.port, "GET", target, timeout=30)
    except (ConnectionError, http.client.HTTPException):
        status = None
    assert status is None or 400 <= status < 500
    assert mini_server.health()["status"] == "ok"


def test_still_serving_and_data_unchanged(mini_server, fingerprint_before):
    """After every hostile case: the server answers, its workers are back, the data is the same."""
    status, _, body = raw_request(mini_server.port, "GET",
                                  q("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"),
                                  headers={"Accept": "application/sparql-results+json"})
    assert status == 200
    deadline = time.monotonic() + 30
    while mini_server.health()["workers"]["alive"] < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert mini_server.health()["workers"]["alive"] == 2
    count = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert count == fingerprint_before[0]
    assert data_fingerprint(mini_server.store_dir) == fingerprint_before
