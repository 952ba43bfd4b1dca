"""Retired IRIs through the real service: `gongyun serve` on 127.0.0.1 over a build of the graph
with four retirement records (renamed, merged, split, deleted), asked by a browser-like client,
RDF clients (httpx, rdflib, curl) and SPARQL with the documented query."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
from pyoxigraph import RdfFormat, serialize
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL

from gongyun.api.retired_records import RETIRED_QUERY
from gongyun.graph import releases as rel
from gongyun.graph import retired as ret
from gongyun.graph.build import build
from tests.serving import start_serve
from tests.test_identifiers import with_committed_records

ROOT = Path(__file__).resolve().parents[2]
R = "https://w3id.org/gongyun/resource/"
HTML = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}
TURTLE = {"Accept": "text/turtle"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("retired-http")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ret, "RETIRED_FILE", with_committed_records(tmp / "retired.yaml"))
        report = build(tmp / "build", write=False, validate=False, reason=False)
    (tmp / "graph.nq").write_bytes(serialize(report.quads, format=RdfFormat.N_QUADS))
    served = start_serve(["--store", str(tmp / "store"), "--data", str(tmp / "graph.nq"),
                          "--workers", "1"], tmp / "serve.log")
    try:
        yield served.url
    finally:
        served.stop()


def get(url: str, headers: dict) -> httpx.Response:
    return httpx.get(url, headers=headers, follow_redirects=False, timeout=10)


def record(response: httpx.Response) -> Graph:
    return Graph().parse(data=response.text, format="turtle")


def test_a_renamed_iri_moves_permanently_for_people_and_machines(server):
    old = f"{server}/resource/place/taiyuan-misread"
    page = get(old, HTML)
    assert page.status_code == 301
    assert page.headers["location"] == f"{server}/resource/place/taiyuan"
    assert 'data-kind="renamed"' in page.text and "the id followed a misreading" in page.text
    rdf = get(old, TURTLE)
    assert rdf.status_code == 301 and rdf.headers["location"] == page.headers["location"]
    assert rdf.headers["content-type"].startswith("text/turtle")
    graph = record(rdf)
    assert (URIRef(R + "place/taiyuan-misread"), DCTERMS.isReplacedBy,
            URIRef(R + "place/taiyuan")) in graph
    assert (URIRef(R + "place/taiyuan-misread"), OWL.sameAs, URIRef(R + "place/taiyuan")) in graph
    assert get(old + ".ttl", {}).headers["location"] == f"{server}/resource/place/taiyuan.ttl"


def test_a_client_that_follows_redirects_arrives_at_the_replacement(server):
    followed = httpx.get(f"{server}/resource/org/vanished-union", headers=TURTLE,
                         follow_redirects=True, timeout=10)
    assert followed.status_code == 200 and followed.history[0].status_code == 301
    assert str(followed.url) == f"{server}/resource/org/shanxi-gtu"
    graph = Graph().parse(f"{server}/resource/org/vanished-union.ttl", format="turtle")
    assert (URIRef(R + "org/shanxi-gtu"), None, None) in graph  # rdflib followed the 301
    curl = shutil.which("curl")
    if curl:
        out = subprocess.run([curl, "-s", "-o", "/dev/null", "-w", "%{http_code} %{url_effective}",
                              "-L", "-H", "Accept: text/turtle",
                              f"{server}/resource/org/vanished-union"],
                             capture_output=True, text=True, timeout=20, check=True).stdout
        assert out == f"200 {server}/resource/org/shanxi-gtu"


def test_a_merge_states_sameas_and_a_split_offers_its_parts(server):
    merged = record(get(f"{server}/resource/org/vanished-union", TURTLE))
    assert (URIRef(R + "org/vanished-union"), OWL.sameAs, URIRef(R + "org/shanxi-gtu")) in merged
    split = get(f"{server}/resource/org/two-bodies", TURTLE)
    assert split.status_code == 300 and "location" not in split.headers
    assert f'<{server}/resource/org/shanxi-gtu>; rel="alternate"' in split.headers["link"]
    assert f'<{server}/resource/place/taiyuan>; rel="alternate"' in split.headers["link"]
    parts = set(record(split).objects(URIRef(R + "org/two-bodies"), DCTERMS.isReplacedBy))
    assert parts == {URIRef(R + "org/shanxi-gtu"), URIRef(R + "place/taiyuan")}
    assert (None, OWL.sameAs, None) not in record(split)
    page = get(f"{server}/resource/org/two-bodies", HTML)
    assert page.status_code == 300 and page.text.count("<li><a href=") == 2


def test_a_deletion_is_gone_with_its_record(server):
    page = get(f"{server}/resource/claim/000-c9999", HTML)
    assert page.status_code == 410 and "a claim withdrawn" in page.text
    assert 'id="gone"' in page.text
    rdf = get(f"{server}/resource/claim/000-c9999", {"Accept": "application/ld+json"})
    assert rdf.status_code == 410 and "a claim withdrawn" in rdf.text
    assert rdf.headers["content-type"].startswith("application/ld+json")


def test_iris_in_use_and_unknown_iris_answer_as_before(server):
    assert get(f"{server}/resource/place/taiyuan", TURTLE).status_code == 200
    assert get(f"{server}/resource/org/never-existed", TURTLE).status_code == 404


def test_the_documented_query_finds_every_record(server):
    doc = (ROOT / "docs" / "identifiers.md").read_text(encoding="utf-8")
    shown = re.search(r"## Finding the records with SPARQL.*?```sparql\n(.*?)```", doc, re.S)
    # the page's copy also says what it returns on the published graph (tests/test_doc_queries)
    assert shown and re.sub(r"(?m)^# returns: .*\n", "", shown.group(1)) == RETIRED_QUERY
    rows = httpx.post(f"{server}/sparql", data={"query": RETIRED_QUERY}, timeout=10,
                      headers={"Accept": "application/sparql-results+json"}).json()
    found = {(b["retired"]["value"][len(R):], b["kind"]["value"].rsplit("#")[-1],
              b.get("replacement", {}).get("value", "")[len(R):])
             for b in rows["results"]["bindings"]}
    assert found >= {("place/taiyuan-misread", "Renamed", "place/taiyuan"),
                     ("org/vanished-union", "Merged", "org/shanxi-gtu"),
                     ("org/two-bodies", "Split", "org/shanxi-gtu"),
                     ("org/two-bodies", "Split", "place/taiyuan"),
                     ("claim/000-c9999", "Deleted", "")}


def test_the_release_version_on_the_home_page_in_health_and_void(server):
    last = rel.releases()[-1].version
    # The records make this graph differ from the last release: its changes since it.
    health = httpx.get(f"{server}/health", timeout=10).json()
    assert health["release"] == {"version": f"{last}+dev", "exact": False, "iri": None}
    home = httpx.get(f"{server}/?lang=en", headers=HTML, timeout=10).text
    assert f'<span id="release">Release {last}+dev</span>' in home
    void = Graph().parse(data=httpx.get(f"{server}/void", headers=TURTLE, timeout=10).text,
                         format="turtle")
    versions = {str(o) for o in void.objects(None, URIRef("http://www.w3.org/ns/dcat#version"))}
    assert versions == {f"{last}+dev"}


def test_a_graph_that_is_exactly_a_release_names_its_version_iri(tmp_path):
    """release_of reads what the build wrote; /void states it as DCAT versioning."""
    import pyoxigraph as ox

    from gongyun.api.release import release_of
    from gongyun.api.void import void_description
    from gongyun.graph import terms as t

    sink = t.QuadSink()
    rel.release_quads(rel.VersionInfo("1.2.0", True), sink, root=tmp_path)
    store = ox.Store()
    store.extend(sink.quads)
    found = release_of(store)
    assert found == {"version": "1.2.0", "exact": True, "iri": R + "dataset/1.2.0"}
    counts = {k: 0 for k in ("triples", "distinct_subjects", "distinct_objects", "properties",
                             "classes", "entities")}
    triples = {(tr.predicate.value.rsplit("#", 1)[-1], tr.object.value) for tr in
               void_description("http://127.0.0.1", counts, tmp_path, R, found)}
    assert {("version", "1.2.0"), ("hasCurrentVersion", R + "dataset/1.2.0"),
            ("versionIRI", R + "dataset/1.2.0")} <= triples
    assert release_of(ox.Store()) is None
