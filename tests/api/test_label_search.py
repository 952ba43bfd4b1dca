"""/api/search over the label index (SQLite FTS5, trigram): Chinese, aliases, historical names,
pinyin with and without tones, English; ranking, pagination, class filter."""

from __future__ import annotations

import sqlite3

from gongyun.api.search import toneless_forms, toneless_key
from gongyun.api.storedir import LABELS, current_dir

RES = "https://w3id.org/gongyun/resource/"


def ids(client, **params) -> list[str]:
    r = client.get("/api/search", params=params)
    assert r.status_code == 200, r.text
    return [item["id"] for item in r.json()["items"]]


def test_index_is_saved_next_to_the_store(settings):
    assert (current_dir(settings.store_dir) / LABELS).is_file()


def test_toneless():
    assert toneless_key("Shǎnxī") == "shanxi"
    assert toneless_forms("Shānxī Shěng Zǒnggōnghuì") == {"shanxi sheng zonggonghui",
                                                         "shanxishengzonggonghui"}


def test_toneless_pinyin_finds_both_shanxi_and_shaanxi(client):
    found = ids(client, q="shanxi")
    assert set(found[:2]) == {"place/shanxi", "place/shaanxi"}  # both exact, ranked first
    assert "org/shanxi-gtu" in found


def test_pinyin_with_tones_ranks_that_name_first(client):
    found = ids(client, q="Shǎnxī")
    assert found[0] == "place/shaanxi"
    assert "place/shanxi" in found  # same syllables, other tones


def test_chinese_two_characters_fall_back_to_like(client):
    found = ids(client, q="山西")
    assert found[0] == "place/shanxi"
    assert "org/shanxi-gtu" in found and "place/shaanxi" not in found


def test_chinese_substring_with_trigrams(client):
    assert ids(client, q="总工会")[:1] == ["org/shanxi-gtu"]


def test_alias(client):
    assert ids(client, q="工人武装自卫队") == ["armed/taiyuan-workers-self-defence-corps"]


def test_historical_name(client):
    found = ids(client, q="武装自卫总队")
    assert found == ["armed/taiyuan-workers-self-defence-corps"]


def test_hidden_label_old_romanisation(client):
    assert ids(client, q="shansi") == ["place/shanxi"]


def test_english_case_insensitive(client):
    assert ids(client, q="kang yonghe") == ["person/kang-yonghe"]
    assert "org/shanxi-gtu" in ids(client, q="TRADE UNION")


def test_pinyin_from_chinese_when_no_pinyin_label(client):
    # The founding event has no pinyin label: its Chinese name is read with pypinyin.
    assert "event/shanxi-gtu-founding" in ids(client, q="zonggonghui chengli")


def test_short_latin_query(client):
    assert "place/taiyuan" in ids(client, q="ta")


def test_class_filter(client):
    assert ids(client, q="shanxi", **{"class": "gy:Place"}) in (
        ["place/shanxi", "place/shaanxi"], ["place/shaanxi", "place/shanxi"])
    assert ids(client, q="shanxi", **{"class": "Organization"}) == ["org/shanxi-gtu"]
    assert ids(client, q="shanxi", **{"class": "https://w3id.org/gongyun/ontology#Person"}) == []


def test_pagination_and_total(client):
    r = client.get("/api/search", params={"q": "shanxi", "per_page": 1, "page": 2}).json()
    assert r["total"] >= 3 and r["pages"] == r["total"] and len(r["items"]) == 1
    everything = ids(client, q="shanxi")
    assert r["items"][0]["id"] == everything[1]


def test_hit_has_labels_classes_and_match_kind(client):
    item = client.get("/api/search", params={"q": "太原工人自卫队"}).json()["items"][0]
    assert item["label"] == {"zh": "太原工人自卫队", "pinyin": "Tàiyuán Gōngrén Zìwèiduì",
                             "en": "Taiyuan Workers' Self-Defence Corps"}
    assert "gy:ArmedUnit" in item["classes"] and "gy:Organization" in item["classes"]
    assert item["match"] == "exact"
    assert item["url"] == "http://testserver/resource/armed/taiyuan-workers-self-defence-corps"


def test_no_match_is_empty_not_error(client):
    r = client.get("/api/search", params={"q": "不存在的名字"}).json()
    assert (r["total"], r["items"]) == (0, [])


def test_fts_syntax_in_query_is_harmless(client):
    for q in ['"', 'shan" OR "x', "NEAR(a b)", "%_\\", "a*"]:
        assert client.get("/api/search", params={"q": q}).status_code == 200


def test_empty_or_huge_query_is_400(client):
    assert client.get("/api/search", params={"q": " "}).status_code == 400
    assert client.get("/api/search", params={"q": "x" * 201}).status_code == 400
    assert client.get("/api/search", params={"q": "a", "per_page": 1000}).status_code == 400


def test_index_has_planner_statistics(settings):
    # ANALYZE at build time: without statistics SQLite's plans for the ranking lookups grow
    # with the index (see docs/performance.md, the scale curve).
    import sqlite3

    db = sqlite3.connect(current_dir(settings.store_dir) / LABELS)
    tables = {name for (name,) in db.execute("SELECT tbl FROM sqlite_stat1")}
    db.close()
    assert {"names", "entity_class"} <= tables


def test_short_chinese_queries_find_exactly_what_like_finds(settings):
    """One or two Chinese characters are answered from the side table of character runs; the
    hits must be those of LIKE '%q%' over the indexed columns."""
    from gongyun.api.search import LabelIndex, short_han_grams

    path = current_dir(settings.store_dir) / LABELS
    db = sqlite3.connect(path)
    texts = [t for row in db.execute("SELECT zh, alias FROM labels") for t in row if t]
    queries = sorted(set().union(*(short_han_grams(t.lower()) for t in texts)))
    assert any(len(q) == 2 for q in queries) and any(len(q) == 1 for q in queries)
    index = LabelIndex(path)
    for q in queries:
        like = f"%{q}%"
        expected = {iri for (iri,) in db.execute(
            "SELECT iri FROM labels WHERE zh LIKE ? OR alias LIKE ? OR pinyin LIKE ?"
            " OR toneless LIKE ? OR en LIKE ? OR folded LIKE ?", (like,) * 6)}
        page = index.search(q, None, 1000, 0)
        assert page.total == len(expected), q
        assert {h.iri for h in page.hits} == expected, q
    db.close()
