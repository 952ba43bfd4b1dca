"""The gazetteer: places.yaml is sound, and gongyun.graph.gazetteer turns it into the right RDF."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store

from gongyun.graph import gazetteer as gz
from gongyun.namespaces import GRAPH, RESOURCE, VOCAB
from gongyun.paths import CORPUS_DIR, PLACES_FILE

GAZ = NamedNode(GRAPH + "gazetteer")
GEO = "http://www.opengis.net/ont/geosparql#"
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


@pytest.fixture(scope="module")
def places() -> list[dict]:
    return gz.load_places(PLACES_FILE)


@pytest.fixture(scope="module")
def by_id(places: list[dict]) -> dict[str, dict]:
    return {p["id"]: p for p in places}


@pytest.fixture(scope="module")
def quads() -> list[Quad]:
    return gz.gazetteer_quads(PLACES_FILE)


@pytest.fixture(scope="module")
def store(quads: list[Quad]) -> Store:
    s = Store()
    s.extend(quads)
    return s


@pytest.fixture(scope="module")
def corpus() -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS_DIR.glob("*.txt")))


def test_gazetteer_is_sound(places: list[dict]) -> None:
    assert gz.validate(places, gz.load_place_types()) == []


def test_every_place_has_labels_and_type(places: list[dict]) -> None:
    types = gz.load_place_types()
    for place in places:
        for key in ("zh", "en", "pinyin", "type"):
            assert place.get(key), (place["id"], key)
        assert place["type"] in types, place["id"]


def test_ids_unique(places: list[dict]) -> None:
    ids = [p["id"] for p in places]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("place/") for i in ids)


def test_part_of_targets_exist(places: list[dict], by_id: dict[str, dict]) -> None:
    for place in places:
        for part in place.get("part_of") or []:
            assert part["place"] in by_id, (place["id"], part["place"])
        for rel in place.get("names") or []:
            assert rel["target"] is None or rel["target"] in by_id, (place["id"], rel)


def test_no_part_of_cycles(places: list[dict], by_id: dict[str, dict]) -> None:
    def ancestors(pid: str, path: tuple[str, ...]) -> None:
        assert pid not in path, " -> ".join((*path, pid))
        for part in by_id[pid].get("part_of") or []:
            ancestors(part["place"], (*path, pid))

    for place in places:
        ancestors(place["id"], ())


def test_coordinates_inside_china(places: list[dict]) -> None:
    located = [p for p in places if p.get("coordinates")]
    assert len(located) >= 0.9 * len(places)
    for place in located:
        c = place["coordinates"]
        assert 18 <= c["lat"] <= 54 and 73 <= c["lon"] <= 135, place["id"]
        assert c["precision"] in ("confirmed", "approximate", "province")
        if c["precision"] == "approximate":
            assert c["reason"], place["id"]


def test_unlocated_places_say_why(places: list[dict]) -> None:
    for place in places:
        if place.get("coordinates") is None:
            assert place.get("note"), place["id"]


def test_names_and_aliases_come_from_the_texts(places: list[dict], corpus: str) -> None:
    """Every alias is a form a text writes; a main name the texts do not write is explained."""
    for place in places:
        for alias in place.get("aliases") or []:
            assert alias in corpus, (place["id"], alias)
        if place["zh"] not in corpus:
            assert place.get("note"), place["id"]


def test_no_name_names_two_places(places: list[dict]) -> None:
    """The coverage scan maps a name to one place; a shared name would be ambiguous."""
    owner: dict[str, str] = {}
    for place in places:
        for name in [place["zh"], *(place.get("aliases") or [])]:
            assert name not in owner, (name, owner.get(name), place["id"])
            owner[name] = place["id"]


_REQUIRED = """
北平 上海 天津 华北 长辛店 卢沟桥 廊坊车站 杨村 湖南 长沙 南昌 山西 太原 榆次 太谷 晋中 晋南
福建 厦门 泉州 金华 衢州 江山 江西 平型关 九江 德安 广州 汉口 徐州 青岛 济南 淮南矿区 枣庄
烈山 淄川 淄博 台儿庄 洛阳 广东 常德 南县 岳阳 武汉 福州 马尾 无锡 南京 重庆 桂林 南宁 芜湖
大后方 长江 镇江 山东 江苏 浙江 四川 湘西 湘南 广西 云南 贵州 河南 郑州 漯河 许昌 盂县 绛县
陕西 关中 宜昌 万县 川江 三峡 汉阳 风陵渡 黄河 秦岭 西南 西北 香港 河北 井陉 湖北 大同 雁门关
文水 交城 石家庄 阳泉 娘子关 五台山区 吕梁山区 晋东南 晋察冀 晋西北 晋冀豫 贾汪 砀山 沂水
鲁中 胶东 胶县 龙日码头 张店车站 博山 磁县 彭城 漳河 安阳 林县 清风店 望都 方顺桥 保定 苏北
苏南 苏中 安源 华南 东北 关内 大连 抚顺 阜新 哈尔滨 营口 鞍山 本溪 辽阳 沈阳 甘井子 北票 烟台
察哈尔 庞家堡 赵川车站 峰峰 唐山 赵各庄 林西 淄博矿区 玲珑山 许家沟 新汶 金岭镇 太行 宣化
临水 陕甘宁边区 鹤岗 西安 莫干山路 沪东 磁山 焦作 东江 惠宝 鄂豫皖区 江南 平津
"""
REQUIRED_NAMES = _REQUIRED.replace("\n", " ").strip().split(" ")


def test_places_the_texts_name_are_present(places: list[dict]) -> None:
    names = {n for p in places for n in [p["zh"], *(p.get("aliases") or [])]}
    missing = [n for n in REQUIRED_NAMES if n not in names]
    assert missing == []


def test_careful_identifications(by_id: dict[str, dict]) -> None:
    xian = by_id["place/xian-mining-area-liaoyuan"]
    assert xian["zh"] == "西安"
    assert {p["place"] for p in xian["part_of"]} >= {"place/jilin"}
    assert by_id["place/shanxi"]["zh"] == "山西" and by_id["place/shaanxi"]["zh"] == "陕西"
    assert by_id["place/shanxi"]["pinyin"] != by_id["place/shaanxi"]["pinyin"]
    assert by_id["place/zibo-mining-area"]["type"] == "mining-area"
    assert by_id["place/zibo"]["type"] != "mining-area"
    yuxian = by_id["place/yuxian-shanxi"]
    assert "河南" in yuxian["note"] and yuxian["part_of"][0]["place"] == "place/shanxi"
    assert by_id["place/pengcheng-cixian"]["part_of"][0]["place"] == "place/cixian"


def test_name_relations(by_id: dict[str, dict]) -> None:
    def rel(pid: str) -> list[tuple[str, str | None, str | None]]:
        return [(r["relation"], r["target"], r["date"]) for r in by_id[pid].get("names") or []]

    assert ("renamed-to", "place/beijing", "1949") in rel("place/beiping")
    assert ("merged-into", "place/wuhan", "1949") in rel("place/hankou")
    assert ("renamed-with-boundary-change", "place/wanzhou", "1998") in rel("place/wanxian")
    assert ("abolished", None, "1952") in rel("place/chahar")
    hist = {h["name"] for h in by_id["place/dalian"]["historical_names"]}
    assert "Dairen" in hist
    assert "Mukden" in {h["name"] for h in by_id["place/shenyang"]["historical_names"]}
    assert "Peiping" in {h["name"] for h in by_id["place/beiping"]["historical_names"]}


# --- RDF -------------------------------------------------------------------------------------


def test_every_quad_in_the_gazetteer_graph(quads: list[Quad]) -> None:
    assert quads
    assert all(q.graph_name == GAZ for q in quads)


def test_no_blank_nodes(quads: list[Quad]) -> None:
    for q in quads:
        assert not isinstance(q.subject, BlankNode)
        assert not isinstance(q.object, BlankNode)


def test_no_duplicate_quads(quads: list[Quad]) -> None:
    assert len(quads) == len(set(quads))


def test_every_subject_is_a_place_or_a_node_under_one(quads: list[Quad], by_id: dict) -> None:
    for q in quads:
        local = q.subject.value.removeprefix(RESOURCE)
        assert (
            local in by_id
            or local.split("/part-of/")[0] in by_id
            or local.split("/name-relation/")[0] in by_id
            or local.removesuffix("/geometry") in by_id
        ), q.subject


def _objects(store: Store, s: str, p: str) -> set:
    return {
        r.object for r in store.quads_for_pattern(NamedNode(RESOURCE + s), NamedNode(p), None, GAZ)
    }


def test_place_triples(store: Store, places: list[dict]) -> None:
    for place in places:
        types = _objects(store, place["id"], "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        assert NamedNode(VOCAB + "Place") in types
        labels = _objects(store, place["id"], RDFS_LABEL.value)
        # pyoxigraph normalises language tags to lower case
        assert {lit.language for lit in labels} == {"zh", "en", "zh-latn-pinyin"}
        kind = _objects(store, place["id"], VOCAB + "placeType")
        assert kind == {NamedNode(f"{RESOURCE}concept/place-type/{place['type']}")}


def test_stations_are_facilities(store: Store) -> None:
    types = _objects(
        store, "place/langfang-station", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    )
    assert NamedNode(VOCAB + "Facility") in types
    city = _objects(store, "place/taiyuan", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert NamedNode(VOCAB + "Facility") not in city


def test_dated_part_of(store: Store) -> None:
    r = "https://w3id.org/gongyun/resource/place/"
    ask = f"""
    PREFIX gy: <https://w3id.org/gongyun/ontology#>
    PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
    ASK {{ GRAPH ?g {{
      <{r}hankou/part-of/1> a gy:PlacePartOf ; gy:part <{r}hankou> ;
          gy:whole <{r}hubei> ; gy:endDate "1949"^^xsd:gYear .
      <{r}hankou> gy:partOf <{r}wuhan> .
      FILTER NOT EXISTS {{ <{r}hankou> gy:partOf <{r}hubei> }}
    }} }}
    """
    assert store.query(ask)


def test_geometry(store: Store) -> None:
    geom = _objects(store, "place/taiyuan", GEO + "hasGeometry")
    assert geom == {NamedNode(RESOURCE + "place/taiyuan/geometry")}
    wkt = _objects(store, "place/taiyuan/geometry", GEO + "asWKT")
    (lit,) = wkt
    assert isinstance(lit, Literal) and lit.datatype == NamedNode(GEO + "wktLiteral")
    assert lit.value.startswith("POINT(112.") and " 37." in lit.value
    assert _objects(store, "place/great-rear-area", GEO + "hasGeometry") == set()
    province = _objects(store, "place/xujiagou/geometry", VOCAB + "coordinatePrecision")
    assert province == {NamedNode(VOCAB + "ProvinceLevelCoordinates")}


def test_links_out_are_left_to_the_links_graph(store: Store, places: list[dict]) -> None:
    """The gazetteer states no skos match: links out come from the SSSOM table (gyg:links);
    a confirmed GeoNames id shows here only as the geometry's source."""
    skos_match = "http://www.w3.org/2004/02/skos/core#exactMatch"
    derived = "http://www.w3.org/ns/prov#wasDerivedFrom"
    for place in places:
        assert _objects(store, place["id"], skos_match) == set()
        if place.get("geonames"):
            assert _objects(store, f"{place['id']}/geometry", derived) == {
                NamedNode(f"https://sws.geonames.org/{place['geonames']}/")}


# --- validation catches mistakes -------------------------------------------------------------


def _broken(places: list[dict], tmp_path: Path, change) -> Path:
    data = copy.deepcopy(places)
    change(data)
    path = tmp_path / "places.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d[1].update(type="castle"), "not in place-types.yaml"),
        (
            lambda d: d[1]["part_of"].append({"place": "place/atlantis", "source": "curator"}),
            "unknown place place/atlantis",
        ),
        (
            lambda d: d[1].update(
                coordinates={
                    "lat": 1.0,
                    "lon": 112.0,
                    "precision": "approximate",
                    "source": "curator",
                    "reason": "x",
                }
            ),
            "outside China",
        ),
        (lambda d: d[1].update(geonames=1), "goes with confirmed"),
        (lambda d: d[1].pop("pinyin"), "no pinyin"),
        (lambda d: d.append(dict(d[1])), "declared twice"),
        (lambda d: d[1]["part_of"][0].update({"from": "1949年"}), "is not YYYY"),
        (lambda d: d[1].update(id="place/Shan_xi"), "lower-case"),
    ],
)
def test_validation_rejects(places: list[dict], tmp_path: Path, change, message: str) -> None:
    path = _broken(places, tmp_path, change)
    with pytest.raises(ValueError, match=message):
        gz.gazetteer_quads(path)


def test_date_literals() -> None:
    assert gz.date_literal("1949").datatype.value.endswith("#gYear")
    assert gz.date_literal("1949-09").datatype.value.endswith("#gYearMonth")
    assert gz.date_literal("1949-09-27").datatype.value.endswith("#date")
    with pytest.raises(ValueError):
        gz.date_literal("September 1949")
