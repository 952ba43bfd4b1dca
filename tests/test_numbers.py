"""Number expressions: numerals, qualifiers, bounds and units (corpus-wide checks are in
test_normalise_corpus.py)."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongyun.normalise.numbers import QUALIFIERS, ParsedQuantity, parse_number, parse_quantity
from gongyun.normalise.numerals import read_numeral

D = Decimal


@pytest.mark.parametrize(
    ("numeral", "lower", "upper", "kind"),
    [
        ("7", 7, 7, "exact"),
        ("1.2万", 12000, 12000, "exact"),
        ("105万", 1050000, 1050000, "exact"),
        ("万", 10000, 10000, "exact"),
        ("千", 1000, 1000, "exact"),
        ("十", 10, 10, "exact"),
        ("十三", 13, 13, "exact"),
        ("二十九", 29, 29, "exact"),
        ("二○五", 205, 205, "exact"),  # U+25CB circle
        ("二〇五", 205, 205, "exact"),  # U+3007 ideographic zero
        ("一九三七", 1937, 1937, "exact"),
        ("一百零五", 105, 105, "exact"),
        ("两万", 20000, 20000, "exact"),
        ("1万2千", 12000, 12000, "exact"),
        ("一亿五千万", 150_000_000, 150_000_000, "exact"),
        ("六七百", 600, 700, "range"),
        ("一二百", 100, 200, "range"),
        ("二三万", 20000, 30000, "range"),
        ("三四", 3, 4, "range"),
        ("数百", 200, 900, "vague"),
        ("数十", 20, 90, "vague"),
        ("十数", 12, 19, "vague"),
        ("数千", 2000, 9000, "vague"),
        ("几", 2, 9, "vague"),
        ("数以百计", 200, 900, "vague"),
    ],
)
def test_read_numeral(numeral: str, lower: int, upper: int, kind: str) -> None:
    b = read_numeral(numeral)
    assert (b.lower, b.upper, b.kind) == (D(lower), D(upper), kind)


@pytest.mark.parametrize("bad", ["", "十百", "数数", "1.2.3", "人", "二a"])
def test_read_numeral_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        read_numeral(bad)


def q(value, lower, upper, qualifier, unit):
    def d(x):
        return None if x is None else D(str(x))

    return (d(value), d(lower), d(upper), qualifier, unit)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("11人", q(11, 11, 11, "exact", "person")),
        ("2万余人", q(20000, 20000, None, "more-than", "person")),
        ("2 万余人", q(20000, 20000, None, "more-than", "person")),
        ("10 余里", q(10, 10, None, "more-than", "li")),
        ("33 家", q(33, 33, 33, "exact", "enterprise")),
        ("1. 2万吨以上", q(12000, 12000, None, "more-than", "tonne")),
        ("2. 5万余吨", q(25000, 25000, None, "more-than", "tonne")),
        ("40. 4%", q("40.4", "40.4", "40.4", "exact", "percent")),
        ("六七百人", q(None, 600, 700, "range", "person")),
        ("30 至40 天", q(None, 30, 40, "range", "day")),
        ("30至40天", q(None, 30, 40, "range", "day")),
        ("约30 至40 天", q(None, 30, 40, "range", "day")),
        ("近三分之一", (D("0.333333333333333333"), None, D("0.333333333333333334"), "nearly",
                        "fraction")),
        ("百分之四十", q(40, 40, 40, "exact", "percent")),
        ("两丈许", q(2, None, None, "about", "zhang")),
        ("约1500人", q(1500, None, None, "about", "person")),
        ("不下千人", q(1000, 1000, None, "at-least", "person")),
        ("不过152家", q(152, None, 152, "at-most", "enterprise")),
        ("不到3年", q(3, None, 3, "less-than", "year")),
        ("不足3年", q(3, None, 3, "less-than", "year")),
        ("达到92万元", q(920000, 920000, 920000, "reaching", "yuan")),
        ("达2 万余人", q(20000, 20000, None, "more-than", "person")),
        ("5万人左右", q(50000, None, None, "about", "person")),
        ("200人以上", q(200, 200, None, "more-than", "person")),
        ("200人以下", q(200, None, 200, "at-most", "person")),
        ("上百", q(100, 100, None, "at-least", None)),
        ("上千名", q(1000, 1000, None, "at-least", "person")),
        ("上万吨", q(10000, 10000, None, "at-least", "tonne")),
        ("百余家", q(100, 100, None, "more-than", "enterprise")),
        ("数百人", q(None, 200, 900, "vague", "person")),
        ("十数人", q(None, 12, 19, "vague", "person")),
        ("二○五", q(205, 205, 205, "exact", None)),
        ("第二十九", q(29, 29, 29, "exact", None)),
        ("第二次", q(2, 2, 2, "exact", None)),
        ("法币1000余元", q(1000, 1000, None, "more-than", "fabi-yuan")),
        ("6个小时", q(6, 6, 6, "exact", "hour")),
        ("两个月", q(2, 2, 2, "exact", "month")),
        ("短短一年", q(1, 1, 1, "exact", "year")),
        ("380只", q(380, 380, 380, "exact", "boat")),
        ("24艘", q(24, 24, 24, "exact", "boat")),
        ("500支", q(500, 500, 500, "exact", "item")),
        ("20辆", q(20, 20, 20, "exact", "vehicle")),
        ("14起", q(14, 14, 14, "exact", "occurrence")),
        ("70 余处", q(70, 70, None, "more-than", "site")),
        ("200立方尺", q(200, 200, 200, "exact", "cubic-chi")),
        ("万傤", q(10000, 10000, 10000, "exact", "dun")),
        ("约合5. 7吨", q("5.7", None, None, "about", "tonne")),
        ("60 多个", q(60, 60, None, "more-than", "count")),
        ("5000多名工人", q(5000, 5000, None, "more-than", "person")),
        ("15个分会", q(15, 15, 15, "exact", "count")),
        ("第一次代表大会", q(1, 1, 1, "exact", None)),
    ],
)
def test_parse_quantity(words: str, expected: tuple) -> None:
    r = parse_quantity(words)
    assert (r.value, r.lower, r.upper, r.qualifier, r.unit) == expected
    assert r.as_written == words
    assert r.qualifier in QUALIFIERS


def test_a_range_or_vague_figure_has_bounds_and_no_point_value() -> None:
    """数百 writes no single number: a midpoint (550) would be summed as if the text gave it."""
    for words in ("数百人", "十数人", "几起", "六七百人", "一二百人", "数以百计"):
        r = parse_quantity(words)
        assert r.value is None and r.lower is not None and r.upper is not None, words


def test_figures_fit_the_engines_eighteen_fractional_digits() -> None:
    for words in ("三分之一", "近三分之一", "七分之二"):
        r = parse_quantity(words)
        for x in (r.value, r.lower, r.upper):
            assert x is None or -x.as_tuple().exponent <= 18, (words, x)


def test_integral_values_have_no_trailing_zero() -> None:
    assert str(parse_quantity("1. 2万吨").value) == "12000"


def test_unit_argument_supplies_or_narrows() -> None:
    assert parse_quantity("5万", unit="person").unit == "person"
    assert parse_quantity("25公里", unit="km-per-day").unit == "km-per-day"
    assert parse_quantity("两丈许", unit="zhang-per-hour").unit == "zhang-per-hour"
    assert parse_quantity("1000余元", unit="fabi-yuan").unit == "fabi-yuan"
    assert parse_quantity("5万", unit="concept/unit/person").unit == "person"
    iri = "https://w3id.org/gongyun/resource/concept/unit/person"
    assert parse_quantity("5万", unit=iri).unit == "person"
    with pytest.raises(ValueError, match="write"):
        parse_quantity("1. 2万吨", unit="person")
    with pytest.raises(ValueError, match="unknown unit"):
        parse_quantity("5万", unit="furlong")


def test_parse_number_drops_the_unit() -> None:
    r = parse_number("2万余人")
    assert (r.value, r.qualifier, r.unit, r.as_written) == (D(20000), "more-than", None, "2万余人")


@pytest.mark.parametrize(
    "bad",
    ["", "   ", "人", "abc", "余人", "第数", "上百万", "法币100吨", "40至30天", "二○五旅",
     "5万民众"],
)
def test_rejects_non_quantities(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_quantity(bad)


def _check_invariants(r: ParsedQuantity) -> None:
    assert r.qualifier in QUALIFIERS
    if r.lower is not None and r.upper is not None:
        assert r.lower <= r.upper
    if r.value is not None and r.lower is not None:
        assert r.lower <= r.value
    if r.value is not None and r.upper is not None:
        assert r.value <= r.upper


_ALPHABET = st.sampled_from(
    list("0123456789. 〇○零一二两三四五六七八九十百千万亿数几余多许约近达上第至到分之%")
    + list("人吨家个天年以下左右不足过法币元")
    + ["𠮷", "\u3000", "-", "—"]
)


@settings(max_examples=400, deadline=None)
@given(st.text(_ALPHABET, max_size=12))
def test_only_value_error_on_numberish_strings(words: str) -> None:
    try:
        r = parse_quantity(words)
    except ValueError:
        return
    _check_invariants(r)
    assert r.as_written == words


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_only_value_error_on_any_string(words: str) -> None:
    for f in (parse_quantity, parse_number):
        with contextlib.suppress(ValueError):
            _check_invariants(f(words))


@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_integers_round_trip(n: int) -> None:
    assert parse_number(str(n)).value == n
