"""/api/search finds a name however a user types it (issue 17, "Search and names"), through the
real `gongyun serve` on 127.0.0.1 over the built graph: the brigade the text prints as 二○五旅
(the ring U+25CB) typed with 〇 (U+3007), 零, Arabic or full-width digits; names typed in
traditional characters; full-width Latin letters."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import start_server

BRIGADE = "armed/205th-brigade"  # zh 二○五旅, as 001 p5 prints it


@pytest.fixture(scope="module")
def server(built, tmp_path_factory):
    store = tmp_path_factory.mktemp("spellings-store")
    served = start_server(["--store", str(store), "--data", str(built.nquads),
                           "--workers", "1", "--log-level", "warning"])
    yield served
    served.stop()


def search(server, q: str) -> list[dict]:
    r = httpx.get(server.url + "/api/search", params={"q": q}, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()["items"]


@pytest.mark.parametrize("q", [
    "二○五旅",  # as printed (U+25CB)
    "二〇五旅",  # U+3007, the ideographic zero
    "二零五旅",
    "205旅",
    "２０５旅",  # full-width digits
    "二〇五",  # the number alone
    "205",
])
def test_the_205th_brigade_however_its_number_is_typed(server, q: str) -> None:
    items = search(server, q)
    assert items and items[0]["id"] == BRIGADE, [i["id"] for i in items[:3]]
    assert items[0]["label"]["zh"] == "二○五旅"  # shown as the text prints it
    if q.endswith("旅"):
        assert items[0]["match"] == "exact"


@pytest.mark.parametrize(("q", "expected"), [
    ("山西省總工會", "org/shanxi-gtu"),  # traditional, three characters or more: trigrams
    ("漢口", "place/hankou"),  # traditional, two characters: the side table of runs
    ("工衛旅", BRIGADE),  # the brigade's other name, traditional
])
def test_traditional_characters(server, q: str, expected: str) -> None:
    items = search(server, q)
    assert items and items[0]["id"] == expected, [i["id"] for i in items[:3]]
    assert items[0]["match"] == "exact"


def test_full_width_latin_letters(server) -> None:
    items = search(server, "Ｔａｉｙｕａｎ")
    assert items and items[0]["id"] == "place/taiyuan"


def test_as_typed_the_plain_spelling_still_ranks_the_same(server) -> None:
    assert [i["id"] for i in search(server, "山西省总工会")][:1] == ["org/shanxi-gtu"]
    assert search(server, "二○五旅")[0]["match"] == "exact"
