"""Scanners: what they find, what they leave out, and that offsets are code points."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongyun.normalise.dates import parse_date
from gongyun.normalise.scan import Span, scan_dates, scan_numbers, scan_quotes, scan_titles
from gongyun.normalise.timewords import TIME_WORD_LIST


def texts(spans: list[Span]) -> list[str]:
    return [s.text for s in spans]


def test_a_date_is_one_span_and_its_numbers_are_not_reported() -> None:
    text = "1937年9月18日，山西省总工会成立，康永和等11人当选为常务委员。"
    assert texts(scan_dates(text)) == ["1937年9月18日"]
    assert texts(scan_numbers(text)) == ["11人"]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("在各铁路沿线，1937年7 月20 日，津浦铁路", ["1937年7 月20 日"]),
        ("8 月3 日，浙赣铁路", ["8 月3 日"]),
        ("10日，天津工人救国团召开执委会", ["10日"]),
        ("当日军进攻廊坊车站时", []),
        ("1937年冬，日军进占磁县", ["1937年冬"]),
        ("1938年年初，中共湖南省工委", ["1938年年初"]),
        ("到1938 年的三四月间，这些", ["1938 年的三四月间"]),
        ("1941 年间，抚顺煤矿", ["1941 年间"]),
        ("到1940年为止，华北", ["1940年为止"]),
        ("到1938年6月底止，内迁工厂", ["1938年6月底止"]),
        ("自1941年到1945年8月， “特殊工人”", ["1941年到1945年8月"]),
        ("1944年4月至6月，北票矿区", ["1944年4月至6月"]),
        ("从1945年8月18日至9月3日的16天当中", ["1945年8月18日至9月3日"]),
        ("八一五抗战胜利前夕，1300名烟台工人", ["八一五抗战胜利前夕"]),
        ("在八一五抗战胜利以后，他便", ["八一五"]),
        ("1945年八一五抗战胜利来临时", ["1945年八一五"]),
        ("召开纪念“九一八”大会", ["九一八"]),
        ("卢沟桥事变发生的第二天，中国共产党", ["第二天"]),
        ("同年5月19日，徐州失守", ["同年5月19日"]),
        ("次年6月，湖南常德", ["次年6月"]),
        ("9月下旬，在日军进迫石家庄时", ["9月下旬"]),
        ("1937 年10 月初，已有", ["1937 年10 月初"]),
        ("七七事变后，全国的工人阶级", ["七七事变"]),
        ("年底，全体队员转入", ["年底"]),
        ("历时1300年之久", []),  # not a year of these texts: a duration
        ("当天，工人们", ["当天"]),
        ("当日下午，", ["当日"]),
        ("当日本宣布无条件投降", []),  # 日本, not 当日
        ("抗战胜利前夕，", ["前夕"]),
        ("1937年7月7日前夕", ["1937年7月7日前夕"]),
        ("年末，全体队员", ["年末"]),
    ],
)
def test_dates_found(text: str, dates: list[str]) -> None:
    assert texts(scan_dates(text)) == dates


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("工人自动破坏了杨村大桥及路轨10 余里，以阻止", ["10 余里"]),
        ("机械设备等在1. 2万吨以上，工人约1500人。", ["1. 2万吨以上", "约1500人"]),
        ("机械厂占40. 4% ，纺织厂占21. 65% ，", ["40. 4%", "21. 65%"]),
        ("全程上行约30 至40 天。", ["约30 至40 天"]),
        ("380只木船的近三分之一 ( 120只) 沉没了", ["380只", "近三分之一", "120只"]),
        ("大的载重20万傤 (每万傤约合5. 7吨) ，小的只二三万傤。",
         ["20万傤", "万傤", "约合5. 7吨", "二三万傤"]),
        ("须用上百的纤夫拉纤，每小时只能前进两丈许。", ["上百", "两丈许"]),
        ("即二○五旅，亦称工卫旅，人数达5000余名", ["二○五", "达5000余名"]),
        ("组成第四、第十三两个游击支队", ["第四", "第十三", "两个"]),
        ("参加人数自十数人、数十人到二三百人不等", ["十数人", "数十人", "二三百人"]),
        ("把数以百计的工厂的上万吨机器设备", ["数以百计", "上万吨"]),
        ("只有24艘机动运输船", ["24艘"]),
        ("职员与工人合办的业余学校不下千人", ["不下千人"]),
        ("工人要求出示最近三天的“出工票”", ["三天"]),
        ("统一战线发展的有利时机，利用一切可能", []),
        ("八路军挺进华北；新四军东进；迁往四川", []),
        ("(一) 北平、上海保卫战中的工人援助", []),
        ("以达到改造工会的目的: ( 1) 建立工人中的党组织", []),
        ("凑集法币1000余元，慰劳前方将士", ["1000余元"]),
        ("北票矿区工人有一二百人多次发动斗争", ["一二百人"]),
        ("历时1300年之久", ["1300年"]),
    ],
)
def test_numbers_found(text: str, numbers: list[str]) -> None:
    assert texts(scan_numbers(text)) == numbers


# One grammar: every time word that dates by itself (given the anchor the annotator names) is
# found by the scanner and read by the parser; the words that only order events (同时, 随后,
# …时, …后) are the parser's alone.
_STANDALONE = [(s, w.frame) for w in TIME_WORD_LIST for s in w.surfaces
               if w.frame in ("anchor-day", "anchor-year")
               or (w.frame == "year" and s.startswith("年"))]
_CONTEXT = {"anchor-day": "1937-07-07", "anchor-year": "1937", "year": "1937"}


@pytest.mark.parametrize(("word", "frame"), _STANDALONE)
def test_every_standalone_time_word_is_scanned_and_parsed(word: str, frame: str) -> None:
    assert texts(scan_dates(f"工人{word}，罢工")) == [word]
    assert parse_date(word, _CONTEXT[frame]).time_word is not None


@pytest.mark.parametrize("word", [s for w in TIME_WORD_LIST for s in w.surfaces
                                  if w.frame in ("month", "year", "period")])
def test_every_part_of_a_month_or_year_is_scanned_and_parsed(word: str) -> None:
    text = f"1937年{word}" if not word.startswith("月") else f"1937年9{word}"
    if word.endswith("旬"):
        text = f"1937年9月{word}"
    assert texts(scan_dates(f"在{text}，罢工")) == [text]
    assert parse_date(text).time_word is not None


def test_context_words_are_the_parsers_alone() -> None:
    for word in ("与此同时", "随后", "会后", "大会期间"):
        assert scan_dates(f"{word}，工人罢工") == []
        assert parse_date(word, "1937-07-07")


def test_titles_and_quotes_are_the_words_inside_the_marks() -> None:
    text = "大会发表了《告工人书》，表示要“运用我们自己的团结的力量”。出版《湖南工人报》"
    assert texts(scan_titles(text)) == ["告工人书", "湖南工人报"]
    assert texts(scan_quotes(text)) == ["运用我们自己的团结的力量"]
    assert scan_quotes("未闭合的“引号") == []
    assert scan_titles("《》") == []


def test_offsets_are_code_points_beyond_the_bmp() -> None:
    text = "𠮷𠮷1937年9月18日，𠮷工人7万余人，《𠮷书》“𠮷”"
    for span in scan_dates(text) + scan_numbers(text) + scan_titles(text) + scan_quotes(text):
        assert text[span.start:span.end] == span.text
    assert scan_dates(text)[0].start == 2
    assert texts(scan_numbers(text)) == ["7万余人"]
    assert texts(scan_titles(text)) == ["𠮷书"]


def test_spans_never_cross_lines() -> None:
    text = "共5\n万人\n1937年\n9月"
    for span in scan_dates(text) + scan_numbers(text):
        assert "\n" not in span.text


_ALPHABET = st.sampled_from(
    list("0123456789 .年月日旬初底冬间至到余多许约近达上第万千百十一二两三四五六七八九○人吨家个天")
    + list("《》“”\n的是在，。%") + ["𠮷", "\u3000", "\u00a0"]
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(_ALPHABET, max_size=40), st.text(max_size=40)))
def test_offsets_within_bounds_and_exact(text: str) -> None:
    for scan, kind in ((scan_dates, "date"), (scan_numbers, "number"), (scan_titles, "title"),
                       (scan_quotes, "quote")):
        spans = scan(text)
        for span in spans:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start:span.end] == span.text
            assert span.kind == kind
        for a, b in zip(spans, spans[1:], strict=False):
            assert a.end <= b.start  # in order, not overlapping
    dates = scan_dates(text)
    for n in scan_numbers(text):
        assert all(n.end <= d.start or d.end <= n.start for d in dates)
