"""Federation for operators: SERVICE stays refused on the public endpoint; an archive whose
operator allow-lists another's endpoint (service_allowlist) can join both in one query. Two real
`gongyun serve` processes on 127.0.0.1, each with its own graph."""

from __future__ import annotations

import json
import os
from pathlib import Path

import httpx
import pytest

from gongyun.api import safety
from gongyun.api.errors import ApiError

HERE = Path(__file__).resolve().parent
MINI = HERE.parent / "data" / "mini" / "mini.trig"
THEIRS = """<https://their.archive/item/42> <http://purl.org/dc/terms/subject>
    <https://w3id.org/gongyun/resource/org/shanxi-gtu> .
<https://their.archive/item/42> <http://www.w3.org/2000/01/rdf-schema#label> "Photograph"@en .
"""


ENDPOINT = "http://127.0.0.1:9/sparql"


def test_lexer_allows_only_listed_endpoints():
    allowed = frozenset({ENDPOINT})
    ok = f"SELECT * {{ SERVICE SILENT <{ENDPOINT}> {{ ?s ?p ?o }} }}"
    assert safety.check_query(ok, allowed).form == "select"


@pytest.mark.parametrize(("query", "allowed"), [
    (f"SELECT * {{ SERVICE <{ENDPOINT}> {{ ?s ?p ?o }} }}", frozenset()),
    ("SELECT * { SERVICE <http://127.0.0.1:9/other> { ?s ?p ?o } }", frozenset({ENDPOINT})),
    ("SELECT * { SERVICE ?where { ?s ?p ?o } }", frozenset({ENDPOINT})),
    ("PREFIX x: <http://127.0.0.1:9/> SELECT * { SERVICE x:sparql { ?s ?p ?o } }",
     frozenset({ENDPOINT})),
])
def test_lexer_refuses_every_other_service(query, allowed):
    with pytest.raises(ApiError) as refused:
        safety.check_query(query, allowed)
    assert refused.value.status == 403


@pytest.fixture(scope="module")
def two_archives(tmp_path_factory):
    from tests.api.conftest import start_server

    root = tmp_path_factory.mktemp("federation")
    theirs = root / "their.ttl"
    theirs.write_text(THEIRS, encoding="utf-8")
    a = start_server(["--data", f"{theirs}=https://their.archive/graph",
                      "--store", str(root / "store-a")])
    old = os.environ.get("GONGYUN_SERVICE_ALLOWLIST")
    os.environ["GONGYUN_SERVICE_ALLOWLIST"] = json.dumps([a.url + "/sparql"])
    try:
        b = start_server(["--data", str(MINI), "--store", str(root / "store-b")])
    finally:
        if old is None:
            del os.environ["GONGYUN_SERVICE_ALLOWLIST"]
        else:
            os.environ["GONGYUN_SERVICE_ALLOWLIST"] = old
    try:
        yield a, b
    finally:
        b.stop()
        a.stop()


def test_one_query_over_two_archives(two_archives):
    a, b = two_archives
    query = f"""SELECT ?item ?label WHERE {{
      SERVICE <{a.url}/sparql> {{ ?item <http://purl.org/dc/terms/subject> ?org }}
      ?org <http://www.w3.org/2000/01/rdf-schema#label> ?label . FILTER(LANG(?label) = "zh")
    }}"""
    r = httpx.get(b.url + "/sparql", params={"query": query}, timeout=30)
    assert r.status_code == 200, r.text
    rows = r.json()["results"]["bindings"]
    assert [(x["item"]["value"], x["label"]["value"]) for x in rows] == [
        ("https://their.archive/item/42", "山西省总工会")]
    health = httpx.get(b.url + "/health").json()
    assert health["workers"]["network_isolated"] is False
    described = httpx.get(b.url + "/sparql", headers={"Accept": "application/n-triples"}).text
    assert "BasicFederatedQuery" in described


def test_other_endpoints_and_the_default_stay_refused(two_archives):
    a, b = two_archives
    other = "SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    r = httpx.get(b.url + "/sparql", params={"query": other})
    assert (r.status_code, r.json()["error"]["code"]) == (403, "service_refused")
    back = f"SELECT * {{ SERVICE <{b.url}/sparql> {{ ?s ?p ?o }} }}"
    r = httpx.get(a.url + "/sparql", params={"query": back})
    assert (r.status_code, r.json()["error"]["code"]) == (403, "service_refused")
    assert "BasicFederatedQuery" not in httpx.get(
        a.url + "/sparql", headers={"Accept": "application/n-triples"}).text
