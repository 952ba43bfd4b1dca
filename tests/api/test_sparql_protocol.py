"""/sparql through the in-process client: the SPARQL 1.1 Protocol, negotiation, datasets, the
service description and CORS."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from tests.api.conftest import TRIPLES

LABEL_QUERY = ('PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s WHERE'
               ' { ?s rdfs:label "山西"@zh }')
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CONSTRUCT = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> CONSTRUCT { ?s rdfs:label ?l }"
             " WHERE { ?s rdfs:label ?l FILTER(LANG(?l) = 'zh') }")
SHANXI = "https://w3id.org/gongyun/resource/place/shanxi"
ENTITIES = "https://w3id.org/gongyun/graph/entities"
GAZETTEER = "https://w3id.org/gongyun/graph/gazetteer"
SD = "http://www.w3.org/ns/sparql-service-description#"


def bindings(response) -> list[dict]:
    return response.json()["results"]["bindings"]


def count(response) -> int:
    return int(bindings(response)[0]["n"]["value"])


def test_get_query_accept_star(client):
    r = client.get("/sparql", params={"query": LABEL_QUERY}, headers={"Accept": "*/*"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/sparql-results+json"
    assert [b["s"]["value"] for b in bindings(r)] == [SHANXI]


def test_get_query_without_accept_is_json(client):
    r = client.get("/sparql", params={"query": LABEL_QUERY}, headers={"Accept": ""})
    assert r.headers["content-type"] == "application/sparql-results+json"


def test_post_form_query(client):
    r = client.post("/sparql", data={"query": LABEL_QUERY})
    assert r.status_code == 200
    assert bindings(r)[0]["s"]["value"] == SHANXI


def test_post_sparql_query_body(client):
    r = client.post("/sparql", content=LABEL_QUERY.encode(),
                    headers={"Content-Type": "application/sparql-query; charset=utf-8"})
    assert r.status_code == 200
    assert bindings(r)[0]["s"]["value"] == SHANXI


def test_query_in_url_and_body_is_400(client):
    r = client.post("/sparql?query=ASK%7B%7D", content=LABEL_QUERY,
                    headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400
    assert "both" in r.json()["error"]["message"]


def test_post_unknown_content_type_is_415(client):
    r = client.post("/sparql", content=LABEL_QUERY, headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    assert r.json()["error"]["code"] == "unsupported_media_type"


def test_post_without_query_is_400(client):
    r = client.post("/sparql", data={"format": "json"})
    assert r.status_code == 400


def test_select_as_xml(client):
    r = client.get("/sparql", params={"query": LABEL_QUERY},
                   headers={"Accept": "application/sparql-results+xml"})
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    uris = [u.text for u in ET.fromstring(r.content).findall(".//s:uri", ns)]
    assert uris == [SHANXI]


def test_select_as_csv(client):
    r = client.get("/sparql", params={"query": LABEL_QUERY}, headers={"Accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(r.text))) == [["s"], [SHANXI]]


def test_select_as_tsv(client):
    r = client.get("/sparql", params={"query": LABEL_QUERY},
                   headers={"Accept": "text/tab-separated-values"})
    assert r.text.splitlines() == ["?s", f"<{SHANXI}>"]


def test_select_literal_terms_in_json(client):
    q = ('PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?l WHERE'
         f' {{ <{SHANXI}> rdfs:label ?l }} ORDER BY ?l')
    langs = sorted(b["l"].get("xml:lang") for b in bindings(client.get("/sparql",
                                                                       params={"query": q})))
    assert langs == ["en", "zh", "zh-latn-pinyin"]


def test_accept_q_values_pick_highest(client):
    accept = "application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1"
    r = client.get("/sparql", params={"query": LABEL_QUERY}, headers={"Accept": accept})
    assert r.headers["content-type"].startswith("text/csv")


def test_accept_application_json_gets_sparql_json(client):
    r = client.get("/sparql", params={"query": LABEL_QUERY},
                   headers={"Accept": "application/json"})
    assert r.status_code == 200
    assert bindings(r)[0]["s"]["value"] == SHANXI


def test_format_parameter_overrides_accept(client):
    r = client.get("/sparql", params={"query": LABEL_QUERY, "format": "tsv"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.headers["content-type"].startswith("text/tab-separated-values")


def test_not_acceptable_is_406(client):
    r = client.get("/sparql", params={"query": LABEL_QUERY}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert r.json()["error"]["code"] == "not_acceptable"


def test_graph_format_for_select_is_406(client):
    r = client.get("/sparql", params={"query": LABEL_QUERY, "format": "turtle"})
    assert r.status_code == 406
    assert "csv" in r.json()["error"]["message"]


def test_ask(client):
    r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert r.json() == {"head": {}, "boolean": True}
    r = client.get("/sparql", params={"query": "ASK { <http://nothing> ?p ?o }",
                                      "format": "xml"})
    assert b"<boolean>false</boolean>" in r.content


@pytest.mark.parametrize("media_type, fmt", [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/trig", ox.RdfFormat.TRIG),
    ("application/n-quads", ox.RdfFormat.N_QUADS),
])
def test_construct_in_every_rdf_format(client, media_type, fmt):
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": media_type})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media_type
    parsed = list(ox.parse(r.content, format=fmt))
    labels = {q.object.value for q in parsed}
    assert {"山西", "陕西", "太原"} <= labels


def test_describe_default_turtle(client):
    r = client.get("/sparql", params={"query": f"DESCRIBE <{SHANXI}>"})
    assert r.headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(r.content, format=ox.RdfFormat.TURTLE))
    assert all(t.subject.value == SHANXI for t in triples) and len(triples) == 5


def test_syntax_error_is_400_with_position(client):
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o "})
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["code"] == "query_syntax_error"
    assert err["message"].startswith("syntax error at line 1, column 27:")


def test_union_default_graph_sees_every_graph(client):
    assert count(client.get("/sparql", params={"query": COUNT_QUERY})) == TRIPLES


def test_default_graph_uri_restricts_the_default_graph(client):
    r = client.get("/sparql", params={"query": LABEL_QUERY, "default-graph-uri": ENTITIES})
    assert bindings(r) == []
    r = client.get("/sparql", params={"query": LABEL_QUERY, "default-graph-uri": GAZETTEER})
    assert bindings(r)[0]["s"]["value"] == SHANXI


def test_named_graph_uri_limits_graph_clauses(client):
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = client.post("/sparql", data={"query": q, "named-graph-uri": [ENTITIES, GAZETTEER]})
    assert sorted(b["g"]["value"] for b in bindings(r)) == [ENTITIES, GAZETTEER]


def test_bad_graph_uri_is_400(client):
    r = client.get("/sparql", params={"query": LABEL_QUERY, "default-graph-uri": "not an iri"})
    assert r.status_code == 400


def test_service_description_for_rdf_clients(client):
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    store = ox.Store()
    store.load(r.content, format=ox.RdfFormat.TURTLE)
    features = {q.object.value for q in store.quads_for_pattern(
        None, ox.NamedNode(SD + "feature"), None)}
    assert features == {SD + "UnionDefaultGraph"}  # and no BasicFederatedQuery: SERVICE is off
    endpoint = next(store.quads_for_pattern(None, ox.NamedNode(SD + "endpoint"), None))
    assert endpoint.object.value == "http://testserver/sparql"
    names = {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(SD + "name"),
                                                              None)}
    assert ENTITIES in names
    assert "1.5 s" in r.text  # the real time limit, from the settings


def test_service_description_without_accept_is_turtle(client):
    r = client.get("/sparql", headers={"Accept": "*/*"})
    assert r.headers["content-type"].startswith("text/turtle")


def test_browser_gets_query_page(client):
    r = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.headers["content-type"].startswith("text/html")
    assert "<textarea" in r.text and "SERVICE are refused" in r.text


def test_cors_simple_get(client):
    r = client.get("/sparql", params={"query": LABEL_QUERY},
                   headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in r.headers


def test_cors_preflight_post(client):
    r = client.options("/sparql", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 200
    assert "POST" in r.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in r.headers


def test_method_not_allowed_has_error_shape(client):
    r = client.delete("/sparql")
    assert r.status_code == 405
    assert r.json()["error"]["status"] == 405


def test_results_json_is_valid_json_with_chinese(client):
    r = client.get("/sparql", params={"query": "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/"
                                      "rdf-schema#label> ?l FILTER(?l = '太原'@zh) }"})
    assert json.loads(r.content)["results"]["bindings"][0]["l"]["value"] == "太原"
