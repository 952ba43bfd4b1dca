"""Present-day division codes through the real HTTP service: `gongyun serve` on 127.0.0.1 over
the session's build, with another archive's records keyed by the same codes beside it.

Reconciliation takes a code as an identifier (the query itself, or the `adcode` property that
OpenRefine sends with "use as identifier") and returns it as a property value (data
extension); the SPARQL join of docs/integration.md finds their records for our places through
the code. Requests go through httpx and through curl."""

from __future__ import annotations

import json
import shutil
import subprocess

import httpx
import pytest

from tests.serving import start_serve

THEIRS_GRAPH = "https://their.archive/graph"
# Another archive: county gazetteers (地方志) catalogued by today's division, with Wikidata's
# property for the code.
THEIRS = """@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://their.archive/record/cixian-gazetteer> dcterms:title "磁县志"@zh ; wdt:P442 "130427" .
<https://their.archive/record/wuhan-gazetteer> dcterms:title "武汉市志"@zh ; wdt:P442 "420100" .
<https://their.archive/record/xian-gazetteer> dcterms:title "西安市志"@zh ; wdt:P442 "610100" .
"""
JOIN = """PREFIX gy: <https://w3id.org/gongyun/ontology#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?code ?title ?place ?zh WHERE {
  GRAPH <https://their.archive/graph> { ?record wdt:P442 ?code ; dcterms:title ?title }
  ?place gy:presentDayDivisionCode ?code ; rdfs:label ?zh .
  FILTER(LANG(?zh) = "zh")
} ORDER BY ?code ?zh"""


@pytest.fixture(scope="module")
def service(built, tmp_path_factory):
    root = tmp_path_factory.mktemp("adcode-service")
    theirs = root / "their.ttl"
    theirs.write_text(THEIRS, encoding="utf-8")
    served = start_serve(
        ["--store", str(root / "store"), "--build-dir", str(built.out_dir), "--workers", "1",
         "--data", str(built.nquads), "--data", f"{theirs}={THEIRS_GRAPH}"],
        root / "serve.log", wait=180)
    try:
        yield served.url
    finally:
        served.stop()


def _reconcile(url: str, **batch) -> dict:
    r = httpx.post(url + "/reconcile", data={"queries": json.dumps(batch, ensure_ascii=False)},
                   timeout=30)
    assert r.status_code == 200, r.text
    return r.json()


def _ids(result: dict) -> list[tuple[str, float, bool]]:
    return [(c["id"], c["score"], c["match"]) for c in result["result"]]


def test_a_code_is_an_identifier_in_a_query(service, schema):
    batch = {
        "code": {"query": "130427"},
        "statistical": {"query": "", "properties": [{"pid": "adcode", "v": "130427000000"}]},
        "shared": {"query": "110000", "type": "Place"},
        "name_decides": {"query": "北平", "properties": [{"pid": "adcode", "v": "110000"}]},
        "guard": {"query": "西安", "type": "Place",
                  "properties": [{"pid": "adcode", "v": "610100"}]},
        "within": {"query": "420100", "type": "Place"},
    }
    schema("reconciliation-query-batch.json").validate(batch)
    body = _reconcile(service, **batch)
    schema("reconciliation-result-batch.json").validate(body)
    assert _ids(body["code"]) == [("place/cixian", 100, True)]
    assert body["code"]["result"][0]["features"][0] == {"id": "adcode", "value": True}
    assert _ids(body["statistical"]) == [("place/cixian", 100, True)]
    # 北京 and 北平 both carry 110000: a code alone matches neither, a name decides
    assert _ids(body["shared"]) == [("place/beijing", 100, False), ("place/beiping", 100, False)]
    assert _ids(body["name_decides"])[0] == ("place/beiping", 100, True)
    # 西安市's code does not bring the Liaoyuan mining area: found by name only, 20 down
    assert _ids(body["guard"]) == [("place/xian-mining-area-liaoyuan", 80, False)]
    # 汉口, merged into Wuhan, lies within 武汉市 too
    assert {c[0] for c in _ids(body["within"])} == {"place/hankou", "place/wuhan"}
    assert not any(c[2] for c in _ids(body["within"]))


def test_the_code_comes_back_as_a_property_value(service, schema):
    proposed = httpx.get(service + "/reconcile/propose_properties",
                         params={"type": "Place", "limit": 50}, timeout=30).json()
    assert "adcode" in {p["id"] for p in proposed["properties"]}
    extend = {"ids": ["place/cixian", "place/hankou", "place/jinzhong"],
              "properties": [{"id": "adcode"}, {"id": "adcode@source"}]}
    r = httpx.post(service + "/reconcile", data={"extend": json.dumps(extend)}, timeout=30)
    assert r.status_code == 200, r.text
    body = r.json()
    schema("data-extension-response.json").validate(body)
    rows = body["rows"]
    assert rows["place/cixian"]["adcode"] == [{"str": "130427"}]
    assert rows["place/hankou"]["adcode"] == [{"str": "420100"}]
    assert rows["place/jinzhong"]["adcode"] == []  # a region: never linked by name
    assert rows["place/cixian"]["adcode@source"] == [
        {"str": "https://w3id.org/gongyun/mappings/gazetteer-adcodes.sssom.tsv"}]


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_reconciles_a_column_of_codes(service):
    batch = {f"q{n}": {"query": code} for n, code in enumerate(["140322", "430921", "999999"])}
    out = subprocess.run(["curl", "-sS", "--get", service + "/reconcile",
                          "--data-urlencode", "queries=" + json.dumps(batch)],
                         check=True, capture_output=True, text=True, timeout=60).stdout
    body = json.loads(out)
    assert _ids(body["q0"]) == [("place/yuxian-shanxi", 100, True)]  # 盂县
    assert _ids(body["q1"]) == [("place/nanxian", 100, True)]  # 南县
    assert body["q2"]["result"] == []  # no place lies in a division with this code


def test_the_docs_join_through_the_code(service):
    r = httpx.get(service + "/sparql", params={"query": JOIN},
                  headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert r.status_code == 200, r.text
    rows = [(b["code"]["value"], b["title"]["value"], b["zh"]["value"])
            for b in r.json()["results"]["bindings"]]
    assert rows == [("130427", "磁县志", "磁县"), ("420100", "武汉市志", "武汉"),
                    ("420100", "武汉市志", "汉口")]
    # their 西安市志 (610100) meets nothing of ours: the Xi'an of the texts is in Liaoyuan
