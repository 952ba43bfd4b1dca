"""The REST layer: resources by canonical path, /api/entities, classes, sources, conflicts,
/void, /dumps, /ontology, /shapes and the one error shape."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

RES = "https://w3id.org/gongyun/resource/"
ORG = RES + "org/shanxi-gtu"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_entity_json_has_labels_types_names_links_claims(client):
    r = client.get("/api/entities/org/shanxi-gtu")
    assert r.status_code == 200
    e = r.json()
    assert e["iri"] == ORG and e["id"] == "org/shanxi-gtu"
    assert e["url"] == "http://testserver/resource/org/shanxi-gtu"
    assert e["labels"] == {"zh": ["山西省总工会"], "pinyin": ["Shānxī Shěng Zǒnggōnghuì"],
                           "en": ["Shanxi Provincial General Trade Union"]}
    assert e["aliases"] == ["山西总工会"]
    assert [t["curie"] for t in e["types"]] == ["gy:Organization"]
    assert e["names"][0]["name"] == "山西省总工会"
    assert e["names"][0]["valid_from"] == "1937年9月18日"
    incoming = {(link["property"]["curie"], link["source"]["iri"])
                for link in e["links"]["incoming"]}
    assert ("gy:memberOf", RES + "person/kang-yonghe") in incoming
    assert ("gy:founds", RES + "event/shanxi-gtu-founding") in incoming
    founded = next(c for c in e["claims"] if c["claim"] == RES + "claim/001-c0012")
    assert founded["role"] == "object"
    assert founded["subject"]["label"]["zh"] == "山西省总工会成立"
    assert founded["rank"] == "gy:NormalRank"
    ev = founded["evidence"][0]
    assert ev["quote"].startswith("1937年9月18日，山西省总工会成立")
    assert (ev["start"], ev["end"], ev["source"]) == (0, 34, RES + "source/001")


def test_entity_outgoing_links_carry_labels(client):
    e = client.get("/api/entities/event/shanxi-gtu-founding").json()
    targets = {link["target"]["iri"]: link["target"].get("label")
               for link in e["links"]["outgoing"]}
    assert targets[RES + "place/taiyuan"]["zh"] == "太原"


def test_entity_by_full_iri(client):
    assert client.get(f"/api/entities/{ORG}").json()["id"] == "org/shanxi-gtu"


def test_unknown_entity_is_404(client):
    r = client.get("/api/entities/org/no-such-body")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"
    assert "org/no-such-body" in r.json()["error"]["message"]


def test_malformed_entity_id_is_400(client):
    assert client.get("/api/entities/org/a b").status_code == 400
    assert client.get("/api/entities/http://x/a>b").status_code == 400


def test_resource_browser_gets_html(client):
    r = client.get("/resource/org/shanxi-gtu", headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "山西省总工会" in r.text and r.headers["vary"].startswith("Accept")
    assert "1937年9月18日，山西省总工会成立" in r.text  # evidence quote


@pytest.mark.parametrize("accept, ext, fmt", [
    ("text/turtle", ".ttl", ox.RdfFormat.TURTLE),
    ("application/ld+json", ".jsonld", ox.RdfFormat.JSON_LD),
    ("application/n-triples", ".nt", ox.RdfFormat.N_TRIPLES),
    ("application/rdf+xml", ".rdf", ox.RdfFormat.RDF_XML),
])
def test_resource_rdf_by_accept_with_vary_and_content_location(client, accept, ext, fmt):
    r = client.get("/resource/org/shanxi-gtu", headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == accept
    assert r.headers["vary"].startswith("Accept")
    assert r.headers["content-location"] == f"http://testserver/resource/org/shanxi-gtu{ext}"
    # (a cut JSON-LD answer wraps its @graph: the triples then sit in an unnamed graph)
    triples = [(t.subject, t.predicate, t.object) for t in ox.parse(r.content, format=fmt)]
    # its own triples, and the claims about it (tests/api/test_linked_data.py has the rest)
    assert ORG in {s.value for s, _, _ in triples}
    assert {s.value.rsplit("/", 1)[-1] for s, p, _ in triples
            if p.value.endswith("#statedIn")} == {"001-c0012", "001-c0015", "001-c0016"}
    same = client.get(f"/resource/org/shanxi-gtu{ext}", headers={"Accept": "text/html"})
    assert same.headers["content-type"].split(";")[0] == accept
    assert {(t.subject, t.predicate, t.object)
            for t in ox.parse(same.content, format=fmt)} == set(triples)


def test_unknown_resource_is_404(client):
    for path in ("/resource/org/nothing", "/resource/org/nothing.ttl"):
        r = client.get(path, headers={"Accept": "text/turtle"})
        assert r.status_code == 404
        assert "org/nothing" in r.json()["error"]["message"]


def test_resource_html_with_unlabelled_links(client):
    # The founding links to time windows, which have no labels: named by their dates.
    r = client.get("/resource/event/shanxi-gtu-founding", headers={"Accept": BROWSER})
    assert r.status_code == 200
    assert re.search(r'href="http://testserver/resource/time/001-c0013\?lang=\w+" '
                     rf'title="{RES}time/001-c0013">.*?<span class="date">1937-09-18</span></a>',
                     r.text)


def test_unknown_resource_html_is_404(client):
    assert client.get("/resource/org/nothing", headers={"Accept": BROWSER}).status_code == 404


def test_resource_unacceptable_is_406(client):
    r = client.get("/resource/org/shanxi-gtu", headers={"Accept": "image/png"})
    assert r.status_code == 406


def test_classes_with_counts(client):
    classes = {c["curie"]: c for c in client.get("/api/classes").json()["classes"]}
    assert classes["gy:Place"]["instances"] == 3
    assert classes["gy:Place"]["label"]["zh"] == "地点"
    assert classes["gy:Organization"]["instances"] == 2  # one declared, one entailed


def test_class_instances_paginated(client):
    first = client.get("/api/classes/gy:Place/instances", params={"per_page": 2}).json()
    assert (first["total"], first["pages"], len(first["items"])) == (3, 2, 2)
    second = client.get("/api/classes/Place/instances",
                        params={"per_page": 2, "page": 2}).json()
    ids = [i["id"] for i in first["items"] + second["items"]]
    assert ids == ["place/shaanxi", "place/shanxi", "place/taiyuan"]


@pytest.mark.parametrize("params", [
    {"page": 0}, {"page": -1}, {"per_page": 0}, {"per_page": 100000}, {"page": 10**9},
    {"page": "abc"}, {"per_page": "1e9"},
])
def test_absurd_pagination_is_400(client, params):
    r = client.get("/api/classes/gy:Place/instances", params=params)
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "bad_request"


def test_source_text_with_evidence_spans(client):
    s = client.get("/api/sources/001").json()
    assert s["text"].startswith("1937年9月18日")
    assert s["metadata"]["dcterms:identifier"] == ["001"]
    spans = s["evidence"]
    assert [(x["start"], x["end"]) for x in spans] == [(0, 34), (35, 46)]
    assert all(x["matches_text"] for x in spans)
    assert s["text"][35:46] == spans[1]["quote"] == "太原工人自卫队随即组建"
    assert RES + "claim/001-c0020" in spans[1]["claims"]


def test_unknown_source_is_404_and_bad_id_400(client):
    assert client.get("/api/sources/999").status_code == 404
    assert client.get("/api/sources/..%2F..%2Fetc").status_code in (400, 404)
    assert client.get("/api/sources/abc").status_code == 400


def test_conflicts_list_type_rationale_claims(client):
    body = client.get("/api/conflicts").json()
    assert body["total"] == 1
    d = body["items"][0]
    assert d["types"] == ["gy:DifferentGranularity"]
    assert "month" in d["rationale"][0]["value"]
    assert {c["claim"] for c in d["claims"]} == {RES + "claim/001-c0013",
                                                  RES + "claim/002-c0001"}
    assert d["scope"] == "across sources"
    assert all(c["evidence"] for c in d["claims"])
    assert client.get("/api/conflicts", params={"source": "002"}).json()["total"] == 1
    assert client.get("/api/conflicts", params={"source": "003"}).json()["total"] == 0


def test_void_has_real_counts_licence_dumps_and_endpoint(client):
    r = client.get("/void")
    assert r.headers["content-type"].startswith("text/turtle")
    store = ox.Store()
    store.load(r.content, format=ox.RdfFormat.TURTLE)

    def value(prop: str) -> str:
        return next(store.quads_for_pattern(
            ox.NamedNode("http://testserver/void#gongyun"), ox.NamedNode(prop), None)).object.value

    assert value("http://rdfs.org/ns/void#triples") == "206"
    assert value("http://purl.org/dc/terms/license") == \
        "https://creativecommons.org/licenses/by/4.0/"
    assert value("http://rdfs.org/ns/void#sparqlEndpoint") == "http://testserver/sparql"
    assert value("http://rdfs.org/ns/void#dataDump") == "http://testserver/dumps/gongyun.nq"
    examples = {q.object.value for q in store.quads_for_pattern(
        None, ox.NamedNode("http://rdfs.org/ns/void#exampleResource"), None)}
    assert {RES + "org/shanxi-gtu", RES + "place/shaanxi", RES + "event/shanxi-gtu-founding",
            RES + "person/kang-yonghe", RES + "claim/001-c0012"} == examples


def test_void_states_the_triples_of_each_predicate(client):
    """void:propertyPartition, counted when the store was built: the answer of COUNT by
    predicate over the whole graph, from /void instead of a pass over the store."""
    void = ox.Store()
    void.load(client.get("/void").content, format=ox.RdfFormat.TURTLE)
    stated = {row["p"].value: int(row["n"].value) for row in void.query(
        "PREFIX void: <http://rdfs.org/ns/void#> SELECT ?p ?n { <http://testserver/void#gongyun>"
        " void:propertyPartition [ void:property ?p ; void:triples ?n ] }")}
    answer = client.get("/sparql", params={"query": "SELECT ?p (COUNT(*) AS ?n) "
                                                    "{ ?s ?p ?o } GROUP BY ?p"}).json()
    counted = {b["p"]["value"]: int(b["n"]["value"]) for b in answer["results"]["bindings"]}
    assert stated == counted and sum(stated.values()) == 206


def test_no_property_partitions_when_a_triple_sits_in_two_graphs():
    """The partitions are sums over the named graphs; with a triple in two graphs those sums
    are not the DISTINCT counts /void states, so none are stated."""
    from gongyun.api.storedir import compute_counts

    s, p, o = ox.NamedNode("http://a/s"), ox.NamedNode("http://a/p"), ox.Literal("o")
    store = ox.Store()
    store.add(ox.Quad(s, p, o, ox.NamedNode("http://a/g1")))
    assert compute_counts(store)["property_triples"] == {"http://a/p": 1}
    store.add(ox.Quad(s, p, o, ox.NamedNode("http://a/g2")))
    counts = compute_counts(store)
    assert counts["triples"] == 1 and counts["quads"] == 2
    assert "property_triples" not in counts


def test_void_as_jsonld(client):
    r = client.get("/void", params={"format": "jsonld"})
    assert r.headers["content-type"].startswith("application/ld+json")
    assert list(ox.parse(r.content, format=ox.RdfFormat.JSON_LD))


def test_dump_is_served(client):
    r = client.get("/dumps/gongyun.nq")
    assert r.status_code == 200 and r.headers["content-type"] == "application/n-quads"
    assert r.text.startswith("<http://a>")


@pytest.mark.parametrize("path", ["/dumps/secret.txt", "/dumps/..%2Fsecret.txt",
                                  "/dumps/%2E%2E%2Fsecret.txt", "/dumps/../secret.txt",
                                  "/dumps/nothing.nq"])
def test_dump_path_traversal_is_refused(client, path):
    r = client.get(path)
    assert r.status_code in (400, 404)
    assert "not to be served" not in r.text


def test_ontology_turtle_and_html(client):
    r = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert "owl:Ontology" in r.text
    r = client.get("/ontology", headers={"Accept": BROWSER})
    assert "ontology docs" in r.text


def test_shapes_turtle(client):
    r = client.get("/shapes")
    triples = list(ox.parse(r.content, format=ox.RdfFormat.TURTLE))
    assert triples[0].subject.value == "https://w3id.org/gongyun/shapes#ClaimShape"


def test_index_and_openapi(client):
    assert client.get("/", headers={"Accept": "application/json"}).json()["links"]["sparql"] \
        == "http://testserver/sparql"
    assert client.get("/openapi.json").json()["info"]["title"] == "Gongyun"


@pytest.mark.parametrize("path, status", [
    ("/nowhere", 404), ("/api/entities/org/nothing", 404), ("/api/search", 400),
    ("/api/classes/gy:Place/instances?page=0", 400), ("/dumps/x", 404),
])
def test_every_error_has_the_one_shape(client, path, status):
    r = client.get(path)
    assert r.status_code == status
    err = r.json()["error"]
    assert set(err) == {"status", "code", "message"} and err["status"] == status
    assert err["message"]
