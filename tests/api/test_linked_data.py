"""Linked-data hygiene through the real `gongyun serve` on 127.0.0.1, read with rdflib as a
linked-data client reads it: a dereferenced resource leads to the claims about it, their sources
and their quotes, and to what links to it, in Turtle, JSON-LD, N-Triples or RDF/XML; the service
description, VoID, the OpenAPI description and the data model say what the data is."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from gongyun.api.app import create_app
from gongyun.api.service_description import service_description
from gongyun.namespaces import GRAPH, RESOURCE
from tests.api.conftest import MINI, MINI_TRIG, TRIPLES, mini_settings, start_server

GY = Namespace("https://w3id.org/gongyun/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
ORG = URIRef(RESOURCE + "org/shanxi-gtu")
ROOT = Path(__file__).resolve().parents[2]
CORPUS = {"001": (MINI / "corpus" / "001_mini.txt").read_text(encoding="utf-8"),
          "002": (MINI / "corpus" / "002_mini.txt").read_text(encoding="utf-8")}
RDF_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld",
             "application/n-triples": "nt", "application/rdf+xml": "xml"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    build = tmp_path_factory.mktemp("build")
    (build / "dumps").mkdir()  # what /dumps serves: <build dir>/dumps
    (build / "dumps" / "gongyun.nq").write_text("<http://a> <http://b> <http://c> <http://g> .\n")
    (build / "dumps" / "context.jsonld").write_text(json.dumps({"@context": {"gy": str(GY)}}))
    served = start_server(["--store", str(tmp_path_factory.mktemp("store")), "--data",
                           str(MINI_TRIG), "--workers", "1", "--log-level", "warning",
                           "--build-dir", str(build)])
    yield served
    served.stop()


def dereference(url: str, accept: str = "text/turtle") -> tuple[httpx.Response, Graph]:
    r = httpx.get(url, headers={"Accept": accept}, timeout=30)
    assert r.status_code == 200, r.text
    media_type = r.headers["content-type"].split(";")[0]
    return r, Graph().parse(data=r.content, format=RDF_TYPES[media_type])


# 9. Dereferencing a resource


def test_a_client_follows_the_claims_to_their_sources_and_quotes(server):
    _, g = dereference(f"{server.url}/resource/org/shanxi-gtu")
    claims = set(g.subjects(GY.subject, ORG)) | set(g.subjects(GY.object, ORG))
    assert {c.split("/")[-1] for c in claims} == {"001-c0012", "001-c0015", "001-c0016"}
    for claim in claims:
        source = g.value(claim, GY.statedIn)
        assert source == URIRef(RESOURCE + "source/001")
        annotation = g.value(claim, GY.evidence)
        target = g.value(annotation, OA.hasTarget)
        assert g.value(target, OA.hasSource) == source
        selectors = set(g.objects(target, OA.hasSelector))
        quote = next(s for s in selectors if g.value(s, OA.exact) is not None)
        position = next(s for s in selectors if g.value(s, OA.start) is not None)
        start, end = int(g.value(position, OA.start)), int(g.value(position, OA.end))
        # the quote, and the offsets into the source text that hold it
        assert CORPUS["001"][start:end] == str(g.value(quote, OA.exact))
    # a claim's own time window comes with it
    window = g.value(URIRef(RESOURCE + "claim/001-c0016"), GY.validFrom)
    assert g.value(window, GY.asWritten) == Literal("1937年9月18日", lang="zh")


def test_incoming_links_and_own_triples(server):
    _, g = dereference(f"{server.url}/resource/org/shanxi-gtu")
    assert (URIRef(RESOURCE + "event/shanxi-gtu-founding"), GY.founds, ORG) in g
    assert (URIRef(RESOURCE + "person/kang-yonghe"), GY.memberOf, ORG) in g
    assert (ORG, GY.name, Literal("山西省总工会", lang="zh")) in g


@pytest.mark.parametrize("accept", list(RDF_TYPES))
def test_every_rdf_format_says_the_same(server, accept):
    _, turtle = dereference(f"{server.url}/resource/org/shanxi-gtu")
    r, other = dereference(f"{server.url}/resource/org/shanxi-gtu", accept)
    assert isomorphic(turtle, other)
    extension = {"text/turtle": ".ttl", "application/ld+json": ".jsonld",
                 "application/n-triples": ".nt", "application/rdf+xml": ".rdf"}[accept]
    assert r.headers["content-location"].endswith(f"/resource/org/shanxi-gtu{extension}")
    _, by_suffix = dereference(r.headers["content-location"], "*/*")
    assert isomorphic(turtle, by_suffix)


def test_resource_page_offers_rdf_xml(server):
    page = httpx.get(f"{server.url}/resource/org/shanxi-gtu", headers={"Accept": "text/html"})
    assert 'type="application/rdf+xml"' in page.text
    assert "/resource/org/shanxi-gtu.rdf" in page.text


def test_unknown_resource_is_still_404(server):
    r = httpx.get(f"{server.url}/resource/org/nowhere", headers={"Accept": "text/turtle"})
    assert r.status_code == 404


def test_a_long_description_is_cut_and_says_so(settings, site):
    small = mini_settings(settings.store_dir, site, max_rows=12)
    with TestClient(create_app(small)) as client:
        r = client.get("/resource/org/shanxi-gtu", headers={"Accept": "text/turtle"})
    assert r.headers["gongyun-truncated"] == "true; limit=12"
    assert r.text.startswith("# Gongyun-Truncated: limit=12")
    g = Graph().parse(data=r.text, format="turtle")
    assert len(g) == 12 and (ORG, GY.name, Literal("山西省总工会", lang="zh")) in g


# 10. Descriptions that say what the data is


def test_service_description_counts_the_union_default_graph(server):
    _, g = dereference(f"{server.url}/sparql")
    default = next(g.objects(None, SD.defaultGraph))
    assert int(g.value(default, VOID.triples)) == TRIPLES
    assert (None, SD.feature, SD.UnionDefaultGraph) in g


def test_without_the_union_the_default_graph_is_the_stores_own(settings):
    counts = {"triples": 206, "default_graph_triples": 3, "graphs": {}}
    for union, expected in ((True, 206), (False, 3)):
        s = settings.model_copy(update={"union_default_graph": union})
        triples = service_description(s, "http://x", counts, [])
        sizes = [int(t.object.value) for t in triples
                 if t.subject.value == "http://x/sparql#default-graph"
                 and t.predicate.value == str(VOID.triples)]
        assert sizes == [expected]


def test_void_uri_space_dumps_and_context(server):
    _, g = dereference(f"{server.url}/void")
    dataset = next(g.subjects(VOID.sparqlEndpoint, None))
    assert g.value(dataset, VOID.uriSpace) == Literal(RESOURCE)
    dumps = {str(d).rsplit("/", 1)[-1] for d in g.objects(dataset, VOID.dataDump)}
    assert dumps == {"gongyun.nq"}
    # the context is still served beside the dumps, as the JSON-LD dump names it
    r = httpx.get(f"{server.url}/dumps/context.jsonld")
    assert r.status_code == 200 and json.loads(r.content)["@context"]["gy"] == str(GY)


def test_openapi_operation_ids_are_unique(server):
    spec = httpx.get(f"{server.url}/openapi.json").json()
    ids = [op["operationId"] for path in spec["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))
    assert {"get", "post"} <= set(spec["paths"]["/reconcile"])


def test_data_model_lists_every_named_graph_of_the_build(built):
    text = (ROOT / "docs" / "decisions" / "0001-data-model.md").read_text(encoding="utf-8")
    table = text.split("## Named graphs", 1)[1].split("\n## ", 1)[0]
    listed = {name for row in table.splitlines() if row.startswith("| `gyg:")
              for name in re.findall(r"`gyg:([\w/-]+)`", row.split("|")[1])}
    built_graphs = {q.graph_name.value.removeprefix(GRAPH) for q in built.quads}
    assert listed == built_graphs
