"""Links out to GeoNames: the SSSOM table is written from the gazetteer, holds exactly the ids
the gazetteer confirmed, and becomes skos:exactMatch / closeMatch triples (never owl:sameAs) in
the named graph gyg:links."""

from __future__ import annotations

import pytest

from gongyun.graph import linksout
from gongyun.graph.gazetteer import load_places


def test_sssom_table_is_current():
    assert linksout.main(["--check"]) == 0


def test_table_holds_exactly_the_confirmed_geonames_ids():
    places = load_places()
    confirmed = {("gyr:" + p["id"], f"geonames:{p['geonames']}/") for p in places
                 if p.get("geonames")}
    rows = linksout.read_sssom(linksout.SSSOM_FILE)
    assert {(r["subject_id"], r["object_id"]) for r in rows} == confirmed
    for row in rows:
        assert row["mapping_justification"].startswith("semapv:")
        assert 0 < float(row["confidence"]) <= 1


def test_counties_are_close_not_exact_matches():
    rows = {r["subject_id"]: r for r in linksout.read_sssom(linksout.SSSOM_FILE)}
    assert rows["gyr:place/tianjin"]["predicate_id"] == "skos:exactMatch"
    places = load_places()
    counties = {"gyr:" + p["id"] for p in places if p.get("geonames") and p["type"] == "county"}
    assert counties and all(rows[c]["predicate_id"] == "skos:closeMatch" for c in counties)


def test_quads_are_in_the_links_graph():
    quads = linksout.linksout_quads()
    assert len(quads) == len(linksout.read_sssom(linksout.SSSOM_FILE))
    assert {q.graph_name.value for q in quads} == {"https://w3id.org/gongyun/graph/links"}
    assert {q.predicate.value for q in quads} <= set(linksout.ALLOWED.values())
    tianjin = [q for q in quads if q.subject.value.endswith("/place/tianjin")]
    assert [q.object.value for q in tianjin] == ["https://sws.geonames.org/1792947/"]


def test_same_as_is_refused(tmp_path):
    bad = tmp_path / "bad.sssom.tsv"
    text = linksout.SSSOM_FILE.read_text(encoding="utf-8").replace(
        "skos:exactMatch", "owl:sameAs", 1)
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="never owl:sameAs"):
        linksout.linksout_quads(bad)
