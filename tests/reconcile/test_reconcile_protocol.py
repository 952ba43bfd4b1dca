"""The requests OpenRefine sends, answered as the Reconciliation Service API 0.2 says (checked
against the specification's own JSON schemas in tests/data/reconcile/schemas)."""

from __future__ import annotations

import json

import pytest


def test_manifest_is_valid_and_complete(recon, schema):
    r = recon.get("/reconcile")
    assert r.status_code == 200
    body = r.json()
    schema("manifest.json").validate(body)
    assert body["versions"] == ["0.2"]
    assert body["identifierSpace"] == "https://w3id.org/gongyun/resource/"
    assert body["schemaSpace"] == "https://w3id.org/gongyun/ontology#"
    for key in ("defaultTypes", "view", "preview", "suggest", "extend"):
        assert key in body
    assert {"Place", "Organization"} <= {t["id"] for t in body["defaultTypes"]}
    assert body["view"]["url"].endswith("/resource/{{id}}")


def _queries(**batch) -> dict:
    return {"queries": json.dumps(batch, ensure_ascii=False)}


def test_batch_post_as_openrefine_sends_it(recon, schema):
    batch = {"q0": {"query": "Hankow", "type": "Place", "limit": 3, "type_strict": "should"},
             "q1": {"query": "北平市總工會", "type": "Organization"},
             "q2": {"query": "毛泽东", "type": "Person"}}
    schema("reconciliation-query-batch.json").validate(batch)
    r = recon.post("/reconcile", data=_queries(**batch))
    assert r.status_code == 200
    body = r.json()
    schema("reconciliation-result-batch.json").validate(body)
    top = body["q0"]["result"][0]
    assert (top["id"], top["match"]) == ("place/hankou", True)
    assert body["q1"]["result"][0]["id"] == "org/beiping-gtu"
    assert not any(c["match"] for c in body["q2"]["result"])


def test_batch_by_get(recon, schema):
    r = recon.get("/reconcile", params=_queries(q0={"query": "Mukden"}))
    assert r.status_code == 200
    schema("reconciliation-result-batch.json").validate(r.json())
    assert r.json()["q0"]["result"][0]["id"] == "place/shenyang"


def test_toneless_pinyin_fitting_two_names_never_matches(recon):
    body = recon.post("/reconcile", data=_queries(
        q0={"query": "shanxi", "type": "Place"}, q1={"query": "Shǎnxī", "type": "Place"})).json()
    ids = [c["id"] for c in body["q0"]["result"]]
    assert {"place/shanxi", "place/shaanxi"} <= set(ids)
    assert not any(c["match"] for c in body["q0"]["result"])
    assert body["q1"]["result"][0]["id"] == "place/shaanxi"
    assert body["q1"]["result"][0]["match"] is True


def test_type_constraint_filters_candidates(recon):
    body = recon.post("/reconcile", data=_queries(
        q0={"query": "山西", "type": "Organization"}, q1={"query": "山西", "type": "Place"})).json()
    assert "place/shanxi" not in [c["id"] for c in body["q0"]["result"]]
    assert body["q1"]["result"][0]["id"] == "place/shanxi"


def test_property_values_reorder_candidates(recon):
    # Two bodies are both called 工人武装; the place they were based at tells them apart only
    # when the table says so, and a contradicting value pushes a candidate down.
    plain = recon.post("/reconcile", data=_queries(
        q0={"query": "山西省总工会", "type": "Organization"})).json()["q0"]["result"]
    checked = recon.post("/reconcile", data=_queries(q0={
        "query": "山西省总工会", "type": "Organization",
        "properties": [{"pid": "founded", "v": "1999-01-01"}]})).json()["q0"]["result"]
    assert plain[0]["id"] == checked[0]["id"] == "org/shanxi-gtu"
    assert checked[0]["score"] < plain[0]["score"]
    agreeing = recon.post("/reconcile", data=_queries(q0={
        "query": "山西省总工会", "type": "Organization",
        "properties": [{"pid": "founded", "v": "1937-09-18"}]})).json()["q0"]["result"]
    assert agreeing[0]["match"] is True


def test_suggest_services(recon, schema):
    ents = recon.get("/reconcile/suggest/entity", params={"prefix": "Tientsin"}).json()
    schema("suggest-entities-response.json").validate(ents)
    assert ents["result"][0]["id"] == "place/tianjin"
    prefix = recon.get("/reconcile/suggest/entity", params={"prefix": "北平"}).json()
    assert "place/beiping" in [e["id"] for e in prefix["result"]]
    types = recon.get("/reconcile/suggest/type", params={"prefix": "pla"}).json()
    schema("suggest-types-response.json").validate(types)
    assert [t["id"] for t in types["result"]] == ["Place"]
    found = recon.get("/reconcile/suggest/property", params={"prefix": "found"}).json()
    schema("suggest-properties-response.json").validate(found)
    assert "founded" in [p["id"] for p in found["result"]]


def test_propose_properties_for_a_type(recon):
    body = recon.get("/reconcile/propose_properties",
                     params={"type": "Organization", "limit": 50}).json()
    ids = [p["id"] for p in body["properties"]]
    assert {"founded", "founded@source", "parent", "based_at", "kind"} <= set(ids)
    assert "coordinates" not in ids
    assert body["type"] == "Organization"


def test_extend_returns_every_value_with_its_source(recon, schema):
    query = {"ids": ["org/shanxi-gtu", "place/taiyuan", "place/nowhere"],
             "properties": [{"id": "founded"}, {"id": "founded@source"},
                            {"id": "coordinates"}, {"id": "part_of"}, {"id": "geonames"}]}
    schema("data-extension-query.json").validate(query)
    r = recon.post("/reconcile", data={"extend": json.dumps(query)})
    assert r.status_code == 200
    body = r.json()
    schema("data-extension-response.json").validate(body)
    assert [m["id"] for m in body["meta"]] == [p["id"] for p in query["properties"]]
    gtu = body["rows"]["org/shanxi-gtu"]
    dates = [v["str"] for v in gtu["founded"]]
    sources = [v["id"] for v in gtu["founded@source"]]
    assert sorted(zip(sources, dates, strict=True)) == [("source/000", "1937-10-08"),
                                           ("source/001", "1937-09-18")]
    taiyuan = body["rows"]["place/taiyuan"]
    lat, lon = (float(x) for x in taiyuan["coordinates"][0]["str"].split(","))
    assert 37 < lat < 38.5 and 112 < lon < 113
    assert {"id": "place/shanxi", "name": "山西"} in taiyuan["part_of"]
    assert body["rows"]["place/nowhere"] == {p["id"]: [] for p in query["properties"]}


def test_preview_is_an_escaped_html_card(recon):
    r = recon.get("/reconcile/preview", params={"id": "org/shanxi-gtu"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "山西省总工会" in r.text and "1937-09-18" in r.text
    assert recon.get("/reconcile/preview", params={"id": "org/none"}).status_code == 404


def test_cors_on_reconcile(recon):
    r = recon.get("/reconcile", headers={"Origin": "https://openrefine.example"})
    assert r.headers["access-control-allow-origin"] == "*"


def test_jsonp_with_a_valid_callback(recon):
    r = recon.get("/reconcile", params={"callback": "jQuery123_456.cb"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/javascript")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.text.startswith("/**/jQuery123_456.cb(") and r.text.endswith(");")
    json.loads(r.text[len("/**/jQuery123_456.cb("):-2])


@pytest.mark.parametrize("callback", ["alert(1)", "a;b", "<script>", "a b", "1abc", "x" * 101,
                                      "a..b", "ä"])
def test_jsonp_refuses_other_callbacks(recon, callback):
    r = recon.get("/reconcile", params={"callback": callback})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "bad_request"


@pytest.mark.parametrize("data", [
    {"queries": "not json"},
    {"queries": "[1, 2]"},
    {"queries": json.dumps({"q0": {"query": "x", "limit": 0}})},
    {"queries": json.dumps({"q0": {"query": "x", "type_strict": "maybe"}})},
    {"queries": json.dumps({"q0": {"query": "x", "properties": [{"pid": "nope", "v": 1}]}})},
    {"extend": json.dumps({"ids": ["org/ccp"], "properties": [{"id": "nope"}]})},
    {"extend": "{}"},
])
def test_bad_requests_say_what_is_wrong(recon, data):
    r = recon.post("/reconcile", data=data)
    assert r.status_code == 400
    assert r.json()["error"]["message"]
