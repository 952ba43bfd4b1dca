"""Another archive's RDF beside ours: `gongyun serve --with-built-graph --data
their.ttl=https://their.archive/graph` serves both, and one query joins them (the store is the
same as `--data build/dumps/gongyun.nq --data their.ttl=...`, which this test uses so that it
does not build the graph a second time)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from gongyun.api.app import create_app
from gongyun.api.storedir import prepare
from gongyun.settings import Settings

THEIRS = """@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://their.archive/item/42> rdfs:label "Photograph: the founding congress, Taiyuan"@en ;
    dcterms:subject <https://w3id.org/gongyun/resource/org/shanxi-gtu> ;
    dcterms:spatial <https://w3id.org/gongyun/resource/place/taiyuan> .
"""

JOIN = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX gy: <https://w3id.org/gongyun/ontology#>
SELECT DISTINCT ?item ?org ?zh ?founded ?source WHERE {
  GRAPH <https://their.archive/graph> { ?item dcterms:subject ?org }
  GRAPH <https://w3id.org/gongyun/graph/entities> { ?org rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
  ?c gy:subject ?ev ; gy:predicate gy:founds ; gy:object ?org .
  ?t gy:subject ?ev ; gy:predicate gy:occurredWithin ; gy:object ?w ; gy:statedIn ?source .
  ?w gy:edtf ?founded .
} ORDER BY ?founded"""


def test_their_graph_beside_ours_and_one_query_over_both(built, tmp_path):
    theirs = tmp_path / "their.ttl"
    theirs.write_text(THEIRS, encoding="utf-8")
    settings = Settings(store_dir=tmp_path / "store", workers=1, build_dir=built.out_dir,
                        data=[str(built.nquads), f"{theirs}=https://their.archive/graph"])
    prepare(settings)
    with TestClient(create_app(settings)) as client:
        r = client.get("/sparql", params={"query": JOIN},
                       headers={"Accept": "application/sparql-results+json"})
        assert r.status_code == 200, r.text
        rows = [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]
        assert [(x["zh"], x["founded"], x["source"].rsplit("/", 1)[1]) for x in rows] == [
            ("山西省总工会", "1937-09-18", "001"), ("山西省总工会", "1937-10-08", "000")]
        assert all(x["item"] == "https://their.archive/item/42" for x in rows)
        # the other archive's graph is a named graph of its own, listed with ours
        graphs = client.get("/sparql", params={
            "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }"}).json()["results"]["bindings"]
        names = {g["g"]["value"] for g in graphs}
        assert {"https://their.archive/graph",
                "https://w3id.org/gongyun/graph/entities"} <= names
