"""Date expressions to windows, durations, and the time-word vocabulary the windows rest on."""

from __future__ import annotations

import contextlib
from datetime import date
from decimal import Decimal

import pytest
import rdflib
from edtf import parse_edtf
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.namespace import SKOS

from gongyun.normalise.dates import (
    PRECISIONS,
    Window,
    parse_date,
    parse_duration,
    parse_period,
)
from gongyun.normalise.timewords import SCHEME, TIME_WORDS
from gongyun.paths import VOCAB_DIR

GY = rdflib.Namespace("https://w3id.org/gongyun/ontology#")
d = date


def _edtf_ok(w: Window) -> None:
    parsed = parse_edtf(w.edtf)  # raises on an invalid string
    assert parsed is not None


# (words, context) -> (earliest, latest, precision, edtf, time_word)
CASES = [
    ("1937年9月18日", None, d(1937, 9, 18), d(1937, 9, 18), "day", "1937-09-18", None),
    ("1937 年7 月15日", None, d(1937, 7, 15), d(1937, 7, 15), "day", "1937-07-15", None),
    ("1937年7月11 日", None, d(1937, 7, 11), d(1937, 7, 11), "day", "1937-07-11", None),
    ("7 月20 日", "1937", d(1937, 7, 20), d(1937, 7, 20), "day", "1937-07-20", None),
    ("2 月19 日", "1938", d(1938, 2, 19), d(1938, 2, 19), "day", "1938-02-19", None),
    ("1938年2月", None, d(1938, 2, 1), d(1938, 2, 28), "month", "1938-02", None),
    ("8月", "1938", d(1938, 8, 1), d(1938, 8, 31), "month", "1938-08", None),
    ("11月上旬", "1937", d(1937, 11, 1), d(1937, 11, 10), "xun", "1937-11-01/1937-11-10",
     "shangxun"),
    ("9月中旬", "1937", d(1937, 9, 11), d(1937, 9, 20), "xun", "1937-09-11/1937-09-20",
     "zhongxun"),
    ("9月下旬", "1937", d(1937, 9, 21), d(1937, 9, 30), "xun", "1937-09-21/1937-09-30", "xiaxun"),
    ("1944年2月下旬", None, d(1944, 2, 21), d(1944, 2, 29), "xun", "1944-02-21/1944-02-29",
     "xiaxun"),
    ("1937年11月上旬", None, d(1937, 11, 1), d(1937, 11, 10), "xun", "1937-11-01/1937-11-10",
     "shangxun"),
    ("1937年冬", None, d(1937, 11, 1), d(1938, 2, 28), "season", "1937-24", "winter"),
    ("1941年冬", None, d(1941, 11, 1), d(1942, 2, 28), "season", "1941-24", "winter"),
    ("1943年冬", None, d(1943, 11, 1), d(1944, 2, 29), "season", "1943-24", "winter"),
    ("1938年春", None, d(1938, 2, 1), d(1938, 5, 31), "season", "1938-21", "spring"),
    ("1943年春", None, d(1943, 2, 1), d(1943, 5, 31), "season", "1943-21", "spring"),
    ("1938年夏", None, d(1938, 5, 1), d(1938, 8, 31), "season", "1938-22", "summer"),
    ("1938年秋", None, d(1938, 8, 1), d(1938, 11, 30), "season", "1938-23", "autumn"),
    ("1938年年初", None, d(1938, 1, 1), d(1938, 2, 28), "season", "1938-01/1938-02",
     "early-year"),
    ("1938年底", None, d(1938, 11, 1), d(1938, 12, 31), "season", "1938-11/1938-12",
     "end-of-year"),
    ("年底", "1937", d(1937, 11, 1), d(1937, 12, 31), "season", "1937-11/1937-12", "end-of-year"),
    ("7月底", "1937", d(1937, 7, 21), d(1937, 7, 31), "xun", "1937-07-21/1937-07-31",
     "end-of-month"),
    ("1938年6月底", None, d(1938, 6, 21), d(1938, 6, 30), "xun", "1938-06-21/1938-06-30",
     "end-of-month"),
    ("1937 年10 月初", None, d(1937, 10, 1), d(1937, 10, 10), "xun", "1937-10-01/1937-10-10",
     "early-month"),
    ("1941 年间", None, d(1941, 1, 1), d(1941, 12, 31), "year", "1941", "jian"),
    ("1938 年的三四月间", None, d(1938, 3, 1), d(1938, 4, 30), "month", "1938-03/1938-04",
     "jian"),
    ("八一五抗战胜利前夕", None, d(1945, 8, 5), d(1945, 8, 14), "xun", "1945-08-05/1945-08-14",
     "eve"),
    ("八一五", None, d(1945, 8, 15), d(1945, 8, 15), "day", "1945-08-15", None),
    ("1945年八一五", None, d(1945, 8, 15), d(1945, 8, 15), "day", "1945-08-15", None),
    ("九一八", None, d(1931, 9, 18), d(1931, 9, 18), "day", "1931-09-18", None),
    ("七七事变", None, d(1937, 7, 7), d(1937, 7, 7), "day", "1937-07-07", None),
    ("次年6月", "1937", d(1938, 6, 1), d(1938, 6, 30), "month", "1938-06", "next-year"),
    ("次年", "1937", d(1938, 1, 1), d(1938, 12, 31), "year", "1938", "next-year"),
    ("同年", "1938", d(1938, 1, 1), d(1938, 12, 31), "year", "1938", "same-year"),
    ("同年5月19日", "1938", d(1938, 5, 19), d(1938, 5, 19), "day", "1938-05-19", "same-year"),
    ("次日", "1937-09-18", d(1937, 9, 19), d(1937, 9, 19), "day", "1937-09-19", "next-day"),
    ("第二天", "1937-07-07", d(1937, 7, 8), d(1937, 7, 8), "day", "1937-07-08", "next-day"),
    ("同日", "1937-07-13", d(1937, 7, 13), d(1937, 7, 13), "day", "1937-07-13", "same-day"),
    ("10日", "1937-11", d(1937, 11, 10), d(1937, 11, 10), "day", "1937-11-10", None),
    ("24日", "1938-01-20", d(1938, 1, 24), d(1938, 1, 24), "day", "1938-01-24", None),
    ("1940年为止", None, d(1940, 1, 1), d(1940, 12, 31), "year", "1940", None),
    ("1938年6月底止", None, d(1938, 6, 21), d(1938, 6, 30), "xun", "1938-06-21/1938-06-30",
     "end-of-month"),
    ("1941年到1945年8月", None, d(1941, 1, 1), d(1945, 8, 31), "multi-year", "1941/1945-08",
     None),
    ("1941年至1943年", None, d(1941, 1, 1), d(1943, 12, 31), "multi-year", "1941/1943", None),
    ("1942年3月至1945年8月", None, d(1942, 3, 1), d(1945, 8, 31), "month", "1942-03/1945-08",
     None),
    ("1944年4月至6月", None, d(1944, 4, 1), d(1944, 6, 30), "month", "1944-04/1944-06", None),
    ("1937年12月至1938年1月", None, d(1937, 12, 1), d(1938, 1, 31), "month", "1937-12/1938-01",
     None),
    ("1945年8月18日至9月3日", None, d(1945, 8, 18), d(1945, 9, 3), "day",
     "1945-08-18/1945-09-03", None),
    ("1937年冬至1938年春", None, d(1937, 11, 1), d(1938, 5, 31), "season",
     "1937-11-01/1938-05-31", None),
    ("卢沟桥事变发生的第二天", "1937-07-07", d(1937, 7, 8), d(1937, 7, 8), "day", "1937-07-08",
     "next-day"),
    ("抗战胜利前夕", "1945-08-15", d(1945, 8, 5), d(1945, 8, 14), "xun", "1945-08-05/1945-08-14",
     "eve"),
    ("1937年7月7日前夕", None, d(1937, 6, 27), d(1937, 7, 6), "xun", "1937-06-27/1937-07-06",
     "eve"),
    ("与此同时", "1938", d(1938, 1, 1), d(1938, 12, 31), "year", "1938", "same-time"),
    ("与此同时", "1938-06", d(1938, 6, 1), d(1938, 6, 30), "month", "1938-06", "same-time"),
    ("同时", "1938-06-01", d(1938, 6, 1), d(1938, 6, 1), "day", "1938-06-01", "same-time"),
    ("台儿庄大会战时", "1938", d(1938, 1, 1), d(1938, 12, 31), "year", "1938", "during"),
    ("1938年春时", "1945", d(1938, 2, 1), d(1938, 5, 31), "season", "1938-21", "during"),
    ("一九三七年九月十八日", None, d(1937, 9, 18), d(1937, 9, 18), "day", "1937-09-18", None),
]


@pytest.mark.parametrize(
    ("words", "context", "earliest", "latest", "precision", "edtf", "time_word"), CASES
)
def test_parse_date(words, context, earliest, latest, precision, edtf, time_word) -> None:
    w = parse_date(words, context)
    assert (w.earliest, w.latest, w.precision, w.edtf, w.time_word) == (
        earliest, latest, precision, edtf, time_word,
    )
    assert w.as_written == words
    assert w.precision in PRECISIONS
    _edtf_ok(w)


def test_period_ends() -> None:
    a, b = parse_period("1945年8月18日至9月3日")
    assert (a.earliest, b.latest) == (d(1945, 8, 18), d(1945, 9, 3))
    assert (a.as_written, b.as_written) == ("1945年8月18日", "9月3日")
    a, b = parse_period("1944年4月至6月")
    assert b.edtf == "1944-06"
    with pytest.raises(ValueError, match="backwards"):
        parse_period("1945年至1941年")


@pytest.mark.parametrize(
    ("words", "context"),
    [
        ("8月", None),  # no year
        ("次日", "1937"),  # no anchor day
        ("10日", "1937"),  # no month
        ("1937年13月", None),
        ("1937年2月30日", None),
        ("冬", None),
        ("间", "1937"),
        ("1944年八一五", None),
        ("日军", None),
        ("", None),
        ("1937年", "19370"),
        ("与此同时", None),  # the anchor's window is the context
        ("6个小时", "1938"),
        ("卢沟桥事变发生的第二天", "1937"),
    ],
)
def test_rejects(words: str, context: str | None) -> None:
    with pytest.raises(ValueError):
        parse_date(words, context)


@pytest.mark.parametrize("words", ["随后", "之后", "会后", "接着", "此后"])
def test_after_runs_to_an_open_end(words: str) -> None:
    w = parse_date(words, "1937-07-18")
    assert (w.earliest, w.latest, w.precision, w.edtf, w.time_word) == (
        d(1937, 7, 18), None, "open-ended", "1937-07-18/..", "after")
    _edtf_ok(w)
    assert parse_date(words, "1937-11").edtf == "1937-11/.."
    with pytest.raises(ValueError):
        parse_date(words)  # the anchor is the context


@pytest.mark.parametrize(
    ("words", "earliest", "edtf"),
    [("七七事变后", d(1937, 7, 7), "1937-07-07/.."), ("1941年后", d(1941, 1, 1), "1941/.."),
     ("1941年以后", d(1941, 1, 1), "1941/.."), ("1937年冬以后", d(1937, 11, 1), "1937-11-01/..")],
)
def test_after_a_written_anchor(words: str, earliest: date, edtf: str) -> None:
    w = parse_date(words)
    assert (w.earliest, w.latest, w.precision, w.edtf, w.time_word) == (
        earliest, None, "open-ended", edtf, "after")
    _edtf_ok(w)


@pytest.mark.parametrize(
    ("words", "value", "lower", "upper", "qualifier", "unit"),
    [
        ("16天", 16, 16, 16, "exact", "day"),
        ("6个小时", 6, 6, 6, "exact", "hour"),
        ("两个月", 2, 2, 2, "exact", "month"),
        ("30 至40 天", None, 30, 40, "range", "day"),
        ("不到3年", 3, None, 3, "less-than", "year"),
        ("短短一年", 1, 1, 1, "exact", "year"),
        ("八年", 8, 8, 8, "exact", "year"),
        ("三天", 3, 3, 3, "exact", "day"),
        ("一日", 1, 1, 1, "exact", "day"),
        ("几个月", None, 2, 9, "vague", "month"),
    ],
)
def test_parse_duration(words, value, lower, upper, qualifier, unit) -> None:
    q = parse_duration(words)

    def dec(x):
        return None if x is None else Decimal(str(x))

    assert (q.value, q.lower, q.upper, q.qualifier, q.unit) == (
        dec(value), dec(lower), dec(upper), qualifier, unit,
    )


@pytest.mark.parametrize("words", ["16吨", "第二天", "1000余人", "天"])
def test_duration_needs_a_time_unit(words: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(words)


# --- the time-word vocabulary and the code agree --------------------------------------------

_INT_PROPS = {
    "start_month": GY.startMonth, "start_day": GY.startDay, "end_month": GY.endMonth,
    "end_day": GY.endDay, "end_year_offset": GY.endYearOffset,
    "start_day_offset": GY.startDayOffset, "end_day_offset": GY.endDayOffset,
    "year_offset": GY.yearOffset,
}


@pytest.fixture(scope="module")
def vocab() -> rdflib.Graph:
    return rdflib.Graph().parse(VOCAB_DIR / "time-words.ttl")


def _concept(word_id: str) -> rdflib.URIRef:
    return rdflib.URIRef(f"{SCHEME}/{word_id}")


def test_every_time_word_is_a_concept_with_labels(vocab: rdflib.Graph) -> None:
    concepts = set(vocab.subjects(SKOS.inScheme, rdflib.URIRef(SCHEME)))
    assert concepts == {_concept(i) for i in TIME_WORDS}
    required = {
        "上旬", "中旬", "下旬", "年初", "年底", "月初", "月底", "春", "夏", "秋", "冬", "间",
        "前夕", "次日", "次年", "同日", "同年",
    }
    labels = {str(o) for o in vocab.objects(None, SKOS.prefLabel) if o.language == "zh"}
    assert required <= labels | {str(o) for o in vocab.objects(None, SKOS.altLabel)}
    for word in TIME_WORDS.values():
        c = _concept(word.id)
        zh = [o for o in vocab.objects(c, SKOS.prefLabel) if o.language == "zh"]
        en = [o for o in vocab.objects(c, SKOS.prefLabel) if o.language == "en"]
        assert [str(x) for x in zh] == [word.surfaces[0]]
        assert [str(x) for x in en] == [word.en]
        assert {str(x) for x in vocab.objects(c, SKOS.altLabel)} == set(word.surfaces[1:])
        assert str(vocab.value(c, SKOS.definition)) == word.definition
        assert str(vocab.value(c, GY.timeFrame)) == word.frame


def test_day_ranges_in_vocab_equal_the_code(vocab: rdflib.Graph) -> None:
    for word in TIME_WORDS.values():
        c = _concept(word.id)
        for attr, prop in _INT_PROPS.items():
            value = vocab.value(c, prop)
            expected = getattr(word, attr)
            if attr == "end_year_offset" and expected == 0:
                expected = None
            assert (None if value is None else value.toPython()) == expected, (word.id, attr)


def _ttl_window(vocab: rdflib.Graph, word_id: str, year: int, month: int) -> tuple[date, date]:
    """The window the Turtle data alone implies, computed here without dates.py."""
    import calendar

    c = _concept(word_id)

    def v(p):
        x = vocab.value(c, p)
        return None if x is None else int(x)

    def day(y, m, dd):
        return date(y, m, calendar.monthrange(y, m)[1] + 1 + dd if dd < 0 else dd)

    frame = str(vocab.value(c, GY.timeFrame))
    if frame == "month":
        return day(year, month, v(GY.startDay)), day(year, month, v(GY.endDay))
    assert frame == "year"
    end_year = year + (v(GY.endYearOffset) or 0)
    return (day(year, v(GY.startMonth), v(GY.startDay)),
            day(end_year, v(GY.endMonth), v(GY.endDay)))


@pytest.mark.parametrize("year", [1937, 1940, 1943, 1944])
@pytest.mark.parametrize("month", [2, 4, 9, 12])
def test_dates_py_computes_the_vocab_ranges(vocab: rdflib.Graph, year: int, month: int) -> None:
    for words, word_id in [(f"{month}月上旬", "shangxun"), (f"{month}月中旬", "zhongxun"),
                           (f"{month}月下旬", "xiaxun"), (f"{month}月初", "early-month"),
                           (f"{month}月底", "end-of-month")]:
        w = parse_date(f"{year}年{words}")
        assert (w.earliest, w.latest) == _ttl_window(vocab, word_id, year, month)
    for words, word_id in [("年初", "early-year"), ("年底", "end-of-year"), ("春", "spring"),
                           ("夏", "summer"), ("秋", "autumn"), ("冬", "winter")]:
        w = parse_date(f"{year}年{words}")
        assert w.time_word == word_id
        assert (w.earliest, w.latest) == _ttl_window(vocab, word_id, year, month)


def test_anchor_offsets_match_the_vocab(vocab: rdflib.Graph) -> None:
    from datetime import timedelta

    anchor = date(1945, 8, 15)
    for words, word_id in [("次日", "next-day"), ("第二天", "next-day"), ("同日", "same-day")]:
        c = _concept(word_id)
        w = parse_date(words, anchor.isoformat())
        assert w.earliest == anchor + timedelta(days=int(vocab.value(c, GY.startDayOffset)))
        assert w.latest == anchor + timedelta(days=int(vocab.value(c, GY.endDayOffset)))
    c = _concept("eve")
    w = parse_date("八一五前夕")
    assert w.earliest == anchor + timedelta(days=int(vocab.value(c, GY.startDayOffset)))
    assert w.latest == anchor + timedelta(days=int(vocab.value(c, GY.endDayOffset)))
    for words, word_id in [("次年", "next-year"), ("同年", "same-year")]:
        offset = int(vocab.value(_concept(word_id), GY.yearOffset))
        assert parse_date(words, "1937").earliest.year == 1937 + offset


# --- properties -----------------------------------------------------------------------------

_DATE_ALPHABET = st.sampled_from(
    list("0123456789 年月日旬上中下初底末间春夏秋冬至到的为止次同第二天前夕一三四五六七八九十○")
    + ["𠮷", "\u3000"]
)
_CONTEXTS = st.one_of(
    st.none(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2000, 12, 31)).map(date.isoformat),
    st.integers(1900, 2000).map(str),
    st.text(max_size=10),
)


def _check(w: Window) -> None:
    # an open-ended window ("后", "随后") has no latest date, and only it
    assert (w.latest is None) == (w.precision == "open-ended")
    assert w.latest is None or w.earliest <= w.latest
    assert w.precision in PRECISIONS
    _edtf_ok(w)


@settings(max_examples=500, deadline=None)
@given(st.text(_DATE_ALPHABET, max_size=14), _CONTEXTS)
def test_date_parsers_raise_only_value_error(words: str, context: str | None) -> None:
    with contextlib.suppress(ValueError):
        _check(parse_date(words, context))
    with contextlib.suppress(ValueError):
        a, b = parse_period(words, context)
        _check(a)
        _check(b)
        assert b.latest is None or a.earliest <= b.latest


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20), _CONTEXTS)
def test_any_string(words: str, context: str | None) -> None:
    with contextlib.suppress(ValueError):
        _check(parse_date(words, context))
    with contextlib.suppress(ValueError):
        parse_duration(words)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1001, 1, 1), max_value=date(2998, 12, 31)))
def test_full_dates_round_trip(day: date) -> None:
    w = parse_date(f"{day.year}年{day.month}月{day.day}日")
    assert (w.earliest, w.latest, w.edtf) == (day, day, day.isoformat())
