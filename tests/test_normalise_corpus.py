"""The normalisers on the three texts: every number and date expression the scanners find
parses, and a hand-checked table of expressions taken verbatim from the texts reads as expected.

The tables were written by reading each expression in its sentence: the context given for a
date is what an annotator would give (the year of the paragraph, the anchor day for 次日 /
同日 / 第二天 — 第二天 in 000 p3 is the day after the Marco Polo Bridge incident, 1937-07-07).
Source 000 writes "机器设备105万余吨" (1.05 million tonnes) where the neighbouring figures are
tens of thousands; the table reads it as written: the normaliser never corrects a text.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from edtf import parse_edtf

from gongyun.normalise.dates import parse_date
from gongyun.normalise.numbers import QUALIFIERS, parse_quantity
from gongyun.normalise.scan import scan_dates, scan_numbers, scan_quotes, scan_titles
from gongyun.paths import CORPUS_DIR

CORPUS = {
    p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(Path(CORPUS_DIR).glob("*.txt"))
}

# (source, words as written, value, lower, upper, qualifier, unit); a range or vague figure has
# no value (None), only bounds; fractions are cut to the engine's 18 digits.
NUMBERS = [
    ("000", "10 余里", "10", "10", None, "more-than", "li"),
    ("000", "30余个", "30", "30", None, "more-than", "count"),
    ("000", "20辆", "20", "20", "20", "exact", "vehicle"),
    ("000", "两", "2", "2", "2", "exact", None),
    ("000", "7万余人", "70000", "70000", None, "more-than", "person"),
    ("000", "500支", "500", "500", "500", "exact", "item"),
    ("000", "2500支", "2500", "2500", "2500", "exact", "item"),
    ("000", "四", "4", "4", "4", "exact", None),
    ("000", "第一次", "1", "1", "1", "exact", None),
    ("000", "5人", "5", "5", "5", "exact", "person"),
    ("000", "3个", "3", "3", "3", "exact", "count"),
    ("000", "28个", "28", "28", "28", "exact", "count"),
    ("000", "1个", "1", "1", "1", "exact", "count"),
    ("000", "1700余人", "1700", "1700", None, "more-than", "person"),
    ("000", "一天", "1", "1", "1", "exact", "day"),
    ("000", "1000余元", "1000", "1000", None, "more-than", "yuan"),
    ("000", "两处", "2", "2", "2", "exact", "site"),
    ("000", "一个", "1", "1", "1", "exact", "count"),
    ("000", "第五", "5", "5", "5", "exact", None),
    ("000", "5000多名", "5000", "5000", None, "more-than", "person"),
    ("000", "15个", "15", "15", "15", "exact", "count"),
    ("000", "一日", "1", "1", "1", "exact", "day"),
    ("000", "两人", "2", "2", "2", "exact", "person"),
    ("000", "一次", "1", "1", "1", "exact", "occurrence"),
    ("000", "两个月", "2", "2", "2", "exact", "month"),
    ("000", "第二十九", "29", "29", "29", "exact", None),
    ("000", "一", "1", "1", "1", "exact", None),
    ("000", "1000元", "1000", "1000", "1000", "exact", "yuan"),
    ("000", "5个", "5", "5", "5", "exact", "count"),
    ("000", "5万", "50000", "50000", "50000", "exact", None),
    ("000", "三四百元", None, "300", "400", "range", "yuan"),
    ("000", "14 个", "14", "14", "14", "exact", "count"),
    ("000", "5350家", "5350", "5350", "5350", "exact", "enterprise"),
    ("000", "不过152家", "152", None, "152", "at-most", "enterprise"),
    ("000", "146家", "146", "146", "146", "exact", "enterprise"),
    ("000", "14600余吨", "14600", "14600", None, "more-than", "tonne"),
    ("000", "2500余名", "2500", "2500", None, "more-than", "person"),
    ("000", "200 多家", "200", "200", None, "more-than", "enterprise"),
    ("000", "几个", None, "2", "9", "vague", "count"),
    ("000", "数以百计", None, "200", "900", "vague", None),
    ("000", "上万吨", "10000", "10000", None, "at-least", "tonne"),
    ("000", "数千里", None, "2000", "9000", "vague", "li"),
    ("000", "123家", "123", "123", "123", "exact", "enterprise"),
    ("000", "1. 2万吨以上", "12000", "12000", None, "more-than", "tonne"),
    ("000", "约1500人", "1500", None, None, "about", "person"),
    ("000", "137家", "137", "137", "137", "exact", "enterprise"),
    ("000", "2. 5万吨", "25000", "25000", "25000", "exact", "tonne"),
    ("000", "2300余名", "2300", "2300", None, "more-than", "person"),
    ("000", "第二次", "2", "2", "2", "exact", None),
    ("000", "170多个", "170", "170", None, "more-than", "count"),
    ("000", "150多个", "150", "150", None, "more-than", "count"),
    ("000", "42家", "42", "42", "42", "exact", "enterprise"),
    ("000", "105万余吨", "1050000", "1050000", None, "more-than", "tonne"),
    ("000", "304家", "304", "304", "304", "exact", "enterprise"),
    ("000", "5万余吨", "50000", "50000", None, "more-than", "tonne"),
    ("000", "134家", "134", "134", "134", "exact", "enterprise"),
    ("000", "448 家", "448", "448", "448", "exact", "enterprise"),
    ("000", "12万吨", "120000", "120000", "120000", "exact", "tonne"),
    ("000", "1. 2万余人", "12000", "12000", None, "more-than", "person"),
    ("000", "254家", "254", "254", "254", "exact", "enterprise"),
    ("000", "121家", "121", "121", "121", "exact", "enterprise"),
    ("000", "27 家", "27", "27", "27", "exact", "enterprise"),
    ("000", "23 家", "23", "23", "23", "exact", "enterprise"),
    ("000", "40. 4%", "40.4", "40.4", "40.4", "exact", "percent"),
    ("000", "21. 65%", "21.65", "21.65", "21.65", "exact", "percent"),
    ("000", "12. 5%", "12.5", "12.5", "12.5", "exact", "percent"),
    ("000", "8. 26%", "8.26", "8.26", "8.26", "exact", "percent"),
    ("000", "6. 47%", "6.47", "6.47", "6.47", "exact", "percent"),
    ("000", "4. 91%", "4.91", "4.91", "4.91", "exact", "percent"),
    ("000", "0. 24%", "0.24", "0.24", "0.24", "exact", "percent"),
    ("000", "5. 57%", "5.57", "5.57", "5.57", "exact", "percent"),
    ("000", "百余家", "100", "100", None, "more-than", "enterprise"),
    ("000", "达600余家", "600", "600", None, "more-than", "enterprise"),
    ("000", "24艘", "24", "24", "24", "exact", "boat"),
    ("000", "20万傤", "200000", "200000", "200000", "exact", "dun"),
    ("000", "万傤", "10000", "10000", "10000", "exact", "dun"),
    ("000", "约合5. 7吨", "5.7", None, None, "about", "tonne"),
    ("000", "二三万傤", None, "20000", "30000", "range", "dun"),
    ("000", "25公里", "25", "25", "25", "exact", "km"),
    ("000", "上百", "100", "100", None, "at-least", None),
    ("000", "两丈许", "2", None, None, "about", "zhang"),
    ("000", "650 余公里", "650", "650", None, "more-than", "km"),
    ("000", "70 余处", "70", "70", None, "more-than", "site"),
    ("000", "约30 至40 天", None, "30", "40", "range", "day"),
    ("000", "2. 5万余吨", "25000", "25000", None, "more-than", "tonne"),
    ("000", "8000吨", "8000", "8000", "8000", "exact", "tonne"),
    ("000", "380只", "380", "380", "380", "exact", "boat"),
    ("000", "近三分之一", "0.333333333333333333", None, "0.333333333333333334", "nearly",
     "fraction"),
    ("000", "120只", "120", "120", "120", "exact", "boat"),
    ("000", "109只", "109", "109", "109", "exact", "boat"),
    ("000", "几天", None, "2", "9", "vague", "day"),
    ("000", "16吨", "16", "16", "16", "exact", "tonne"),
    ("000", "18 吨", "18", "18", "18", "exact", "tonne"),
    ("000", "一艘", "1", "1", "1", "exact", "boat"),
    ("000", "达25吨", "25", "25", "25", "reaching", "tonne"),
    ("000", "达200立方尺", "200", "200", "200", "reaching", "cubic-chi"),
    ("000", "116名", "116", "116", "116", "exact", "person"),
    ("000", "59家", "59", "59", "59", "exact", "enterprise"),
    ("000", "一家", "1", "1", "1", "exact", "enterprise"),
    ("000", "1000余人", "1000", "1000", None, "more-than", "person"),
    ("000", "2000余吨", "2000", "2000", None, "more-than", "tonne"),
    ("000", "大约40%", "40", None, None, "about", "percent"),
    ("000", "11家", "11", "11", "11", "exact", "enterprise"),
    ("000", "60 多个", "60", "60", None, "more-than", "count"),
    ("000", "十", "10", "10", "10", "exact", None),
    ("000", "几个月", None, "2", "9", "vague", "month"),
    ("000", "170余人", "170", "170", None, "more-than", "person"),
    ("000", "第一", "1", "1", "1", "exact", None),
    ("000", "三条", "3", "3", "3", "exact", "count"),
    ("000", "4个", "4", "4", "4", "exact", "count"),
    ("000", "22个", "22", "22", "22", "exact", "count"),
    ("000", "5000名", "5000", "5000", "5000", "exact", "person"),
    ("000", "15万", "150000", "150000", "150000", "exact", None),
    ("000", "达到92万元", "920000", "920000", "920000", "reaching", "yuan"),
    ("000", "2500名", "2500", "2500", "2500", "exact", "person"),
    ("000", "不下千人", "1000", "1000", None, "at-least", "person"),
    ("000", "200多个", "200", "200", None, "more-than", "count"),
    ("000", "约1. 5万", "15000", None, None, "about", None),
    ("000", "1万人", "10000", "10000", "10000", "exact", "person"),
    ("000", "1. 2万人", "12000", "12000", "12000", "exact", "person"),
    ("000", "100多个", "100", "100", None, "more-than", "count"),
    ("001", "33 家", "33", "33", "33", "exact", "enterprise"),
    ("001", "达2 万余人", "20000", "20000", None, "more-than", "person"),
    ("001", "11人", "11", "11", "11", "exact", "person"),
    ("001", "六七百人", None, "600", "700", "range", "person"),
    ("001", "100余人", "100", "100", None, "more-than", "person"),
    ("001", "13个", "13", "13", "13", "exact", "count"),
    ("001", "两万余人", "20000", "20000", None, "more-than", "person"),
    ("001", "6000余名", "6000", "6000", None, "more-than", "person"),
    ("001", "第四", "4", "4", "4", "exact", None),
    ("001", "第十三", "13", "13", "13", "exact", None),
    ("001", "两个", "2", "2", "2", "exact", "count"),
    ("001", "第一个", "1", "1", "1", "exact", None),
    ("001", "500 余人", "500", "500", None, "more-than", "person"),
    ("001", "20余人", "20", "20", None, "more-than", "person"),
    ("001", "数百人", None, "200", "900", "vague", "person"),
    ("001", "短短一年", "1", "1", "1", "exact", "year"),
    ("001", "数百次", None, "200", "900", "vague", "occurrence"),
    ("001", "30次", "30", "30", "30", "exact", "occurrence"),
    ("001", "13辆", "13", "13", "13", "exact", "vehicle"),
    ("001", "26个", "26", "26", "26", "exact", "count"),
    ("001", "200人以上", "200", "200", None, "more-than", "person"),
    ("001", "9个", "9", "9", "9", "exact", "count"),
    ("001", "5000人", "5000", "5000", "5000", "exact", "person"),
    ("001", "二○五", "205", "205", "205", "exact", None),
    ("001", "达5000余名", "5000", "5000", None, "more-than", "person"),
    ("001", "一支", "1", "1", "1", "exact", "item"),
    ("001", "4000余人", "4000", "4000", None, "more-than", "person"),
    ("001", "30余人", "30", "30", None, "more-than", "person"),
    ("001", "上千名", "1000", "1000", None, "at-least", "person"),
    ("002", "达200余名", "200", "200", None, "more-than", "person"),
    ("002", "一处", "1", "1", "1", "exact", "site"),
    ("002", "60多名", "60", "60", None, "more-than", "person"),
    ("002", "300余人", "300", "300", None, "more-than", "person"),
    ("002", "500人", "500", "500", "500", "exact", "person"),
    ("002", "不到3年", "3", None, "3", "less-than", "year"),
    ("002", "21个", "21", "21", "21", "exact", "count"),
    ("002", "8次", "8", "8", "8", "exact", "occurrence"),
    ("002", "14起", "14", "14", "14", "exact", "occurrence"),
    ("002", "十数人", None, "12", "19", "vague", "person"),
    ("002", "数十人", None, "20", "90", "vague", "person"),
    ("002", "二三百人", None, "200", "300", "range", "person"),
    ("002", "11起", "11", "11", "11", "exact", "occurrence"),
    ("002", "几起", None, "2", "9", "vague", "occurrence"),
    ("002", "6312 名", "6312", "6312", "6312", "exact", "person"),
    ("002", "1697人", "1697", "1697", "1697", "exact", "person"),
    ("002", "27%", "27", "27", "27", "exact", "percent"),
    ("002", "三天", "3", "3", "3", "exact", "day"),
    ("002", "一二百人", None, "100", "200", "range", "person"),
    ("002", "1300名", "1300", "1300", "1300", "exact", "person"),
    ("002", "16天", "16", "16", "16", "exact", "day"),
    ("002", "1000余名", "1000", "1000", None, "more-than", "person"),
    ("002", "6个小时", "6", "6", "6", "exact", "hour"),
    ("002", "约有5万", "50000", None, None, "about", None),
    ("002", "7000余人", "7000", "7000", None, "more-than", "person"),
    ("002", "八年", "8", "8", "8", "exact", "year"),
]
DATES = [
    ("000", "七七事变", None, "1937-07-07", "1937-07-07", "day"),
    ("000", "第二天", "1937-07-07", "1937-07-08", "1937-07-08", "day"),
    ("000", "1937年7月20日", None, "1937-07-20", "1937-07-20", "day"),
    ("000", "8月13日", "1937", "1937-08-13", "1937-08-13", "day"),
    ("000", "1937年11月5日", None, "1937-11-05", "1937-11-05", "day"),
    ("000", "10日", "1937-11", "1937-11-10", "1937-11-10", "day"),
    ("000", "年底", "1937", "1937-11-01", "1937-12-31", "season"),
    ("000", "1938年3月28日", None, "1938-03-28", "1938-03-28", "day"),
    ("000", "1937年7月18日", None, "1937-07-18", "1937-07-18", "day"),
    ("000", "1937年7月13日", None, "1937-07-13", "1937-07-13", "day"),
    ("000", "同日", "1937-07-13", "1937-07-13", "1937-07-13", "day"),
    ("000", "1937年9月18日", None, "1937-09-18", "1937-09-18", "day"),
    ("000", "九一八", None, "1931-09-18", "1931-09-18", "day"),
    ("000", "次日", "1937-09-18", "1937-09-19", "1937-09-19", "day"),
    ("000", "10月8日", "1937", "1937-10-08", "1937-10-08", "day"),
    ("000", "1937年7月底", None, "1937-07-21", "1937-07-31", "xun"),
    ("000", "9月中旬", "1937", "1937-09-11", "1937-09-20", "xun"),
    ("000", "1937年7 月20 日", None, "1937-07-20", "1937-07-20", "day"),
    ("000", "8 月3 日", "1937", "1937-08-03", "1937-08-03", "day"),
    ("000", "10月4日", "1937", "1937-10-04", "1937-10-04", "day"),
    ("000", "11月1日", "1937", "1937-11-01", "1937-11-01", "day"),
    ("000", "1938年1月20日", None, "1938-01-20", "1938-01-20", "day"),
    ("000", "24日", "1938-01", "1938-01-24", "1938-01-24", "day"),
    ("000", "2 月19 日", "1938", "1938-02-19", "1938-02-19", "day"),
    ("000", "同年5月19日", "1938", "1938-05-19", "1938-05-19", "day"),
    ("000", "1938年2月", None, "1938-02-01", "1938-02-28", "month"),
    ("000", "2月7日", "1938", "1938-02-07", "1938-02-07", "day"),
    ("000", "年底", "1938", "1938-11-01", "1938-12-31", "season"),
    ("000", "1937年7月12日", None, "1937-07-12", "1937-07-12", "day"),
    ("000", "1938年6月", None, "1938-06-01", "1938-06-30", "month"),
    ("000", "1937年7月21日", None, "1937-07-21", "1937-07-21", "day"),
    ("000", "次年6月", "1937", "1938-06-01", "1938-06-30", "month"),
    ("000", "1938年1月11日", None, "1938-01-11", "1938-01-11", "day"),
    ("000", "8月", "1938", "1938-08-01", "1938-08-31", "month"),
    ("000", "9月", "1938", "1938-09-01", "1938-09-30", "month"),
    ("000", "1937年11月上旬", None, "1937-11-01", "1937-11-10", "xun"),
    ("000", "1937年7月11 日", None, "1937-07-11", "1937-07-11", "day"),
    ("000", "22日", "1937-07", "1937-07-22", "1937-07-22", "day"),
    ("000", "1937 年7 月15日", None, "1937-07-15", "1937-07-15", "day"),
    ("000", "七七事变", None, "1937-07-07", "1937-07-07", "day"),
    ("000", "1937年8月10日", None, "1937-08-10", "1937-08-10", "day"),
    ("000", "8月12日", "1937", "1937-08-12", "1937-08-12", "day"),
    ("000", "8月13日", "1937", "1937-08-13", "1937-08-13", "day"),
    ("000", "1937年11月12日", None, "1937-11-12", "1937-11-12", "day"),
    ("000", "1937年12月1日", None, "1937-12-01", "1937-12-01", "day"),
    ("000", "1938年2月", None, "1938-02-01", "1938-02-28", "month"),
    ("000", "1938 年的三四月间", None, "1938-03-01", "1938-04-30", "month"),
    ("000", "1938年6月底止", None, "1938-06-21", "1938-06-30", "xun"),
    ("000", "1940 年", None, "1940-01-01", "1940-12-31", "year"),
    ("000", "1940年", None, "1940-01-01", "1940-12-31", "year"),
    ("000", "1938年年初", None, "1938-01-01", "1938-02-28", "season"),
    ("000", "1938年5月", None, "1938-05-01", "1938-05-31", "month"),
    ("000", "1938年8月5日", None, "1938-08-05", "1938-08-05", "day"),
    ("001", "七七事变", None, "1937-07-07", "1937-07-07", "day"),
    ("001", "七七事变", None, "1937-07-07", "1937-07-07", "day"),
    ("001", "1937 年10 月初", None, "1937-10-01", "1937-10-10", "xun"),
    ("001", "1937年9月18日", None, "1937-09-18", "1937-09-18", "day"),
    ("001", "1937年11月8日", None, "1937-11-08", "1937-11-08", "day"),
    ("001", "9月下旬", "1937", "1937-09-21", "1937-09-30", "xun"),
    ("001", "1938年2月19 日", None, "1938-02-19", "1938-02-19", "day"),
    ("001", "1937年12月至1938年1月", None, "1937-12-01", "1938-01-31", "month"),
    ("001", "1938年7月4日", None, "1938-07-04", "1938-07-04", "day"),
    ("001", "9月", "1938", "1938-09-01", "1938-09-30", "month"),
    ("001", "1937年冬", None, "1937-11-01", "1938-02-28", "season"),
    ("001", "1938年春", None, "1938-02-01", "1938-05-31", "season"),
    ("001", "1939年5月1日", None, "1939-05-01", "1939-05-01", "day"),
    ("001", "1940年为止", None, "1940-01-01", "1940-12-31", "year"),
    ("001", "1938年年初", None, "1938-01-01", "1938-02-28", "season"),
    ("001", "1938年夏", None, "1938-05-01", "1938-08-31", "season"),
    ("001", "1939年", None, "1939-01-01", "1939-12-31", "year"),
    ("001", "1941年", None, "1941-01-01", "1941-12-31", "year"),
    ("002", "1941年冬", None, "1941-11-01", "1942-02-28", "season"),
    ("002", "八一五", None, "1945-08-15", "1945-08-15", "day"),
    ("002", "1943年春", None, "1943-02-01", "1943-05-31", "season"),
    ("002", "1945年八一五", None, "1945-08-15", "1945-08-15", "day"),
    ("002", "1941年", None, "1941-01-01", "1941-12-31", "year"),
    ("002", "1941年到1945年8月", None, "1941-01-01", "1945-08-31", "multi-year"),
    ("002", "1942年3月至1945年8月", None, "1942-03-01", "1945-08-31", "month"),
    ("002", "1941年至1943年", None, "1941-01-01", "1943-12-31", "multi-year"),
    ("002", "1941 年间", None, "1941-01-01", "1941-12-31", "year"),
    ("002", "1944年4月至6月", None, "1944-04-01", "1944-06-30", "month"),
    ("002", "八一五抗战胜利前夕", None, "1945-08-05", "1945-08-14", "xun"),
    ("002", "1945年8月18日至9月3日", None, "1945-08-18", "1945-09-03", "day"),
    ("002", "8月21日", "1945", "1945-08-21", "1945-08-21", "day"),
    ("002", "8月26日", "1945", "1945-08-26", "1945-08-26", "day"),
]


# Spans found per text: (numbers, dates, titles, quotes). Pinned so that a change in what the
# scanners find is a deliberate one (the coverage check of every annotation depends on it).
FOUND = {"000": (131, 53, 5, 14), "001": (38, 18, 0, 3), "002": (33, 14, 1, 21)}


def _dec(x: str | None) -> Decimal | None:
    if x is None:
        return None
    if "/" in x:
        a, b = x.split("/")
        return Decimal(a) / Decimal(b)
    return Decimal(x)


def test_corpus_is_there() -> None:
    assert sorted(CORPUS) == ["000", "001", "002"]


@pytest.mark.parametrize("source", ["000", "001", "002"])
def test_every_number_found_parses(source: str) -> None:
    text = CORPUS[source]
    failures = []
    for span in scan_numbers(text):
        assert text[span.start:span.end] == span.text
        try:
            q = parse_quantity(span.text)
        except ValueError as e:
            failures.append(f"{span.text!r}: {e}")
            continue
        assert q.as_written == span.text
        assert q.qualifier in QUALIFIERS
        # a point value where the text writes a number; a range or vague figure has bounds only
        if q.qualifier in ("range", "vague"):
            assert q.value is None and q.lower is not None and q.upper is not None
        else:
            assert q.value is not None
    assert failures == []


@pytest.mark.parametrize("source", ["000", "001", "002"])
def test_what_the_scanners_find(source: str) -> None:
    text = CORPUS[source]
    numbers, dates, titles, quotes = FOUND[source]
    assert (len(scan_numbers(text)), len(scan_dates(text)), len(scan_titles(text)),
            len(scan_quotes(text))) == (numbers, dates, titles, quotes)


@pytest.mark.parametrize(("source", "words", "value", "lower", "upper", "qualifier", "unit"),
                         NUMBERS)
def test_number_table(source, words, value, lower, upper, qualifier, unit) -> None:
    assert words in CORPUS[source], "the table quotes the text verbatim"
    assert words in {s.text for s in scan_numbers(CORPUS[source])}, "the scanner finds it"
    q = parse_quantity(words)
    assert (q.value, q.lower, q.upper, q.qualifier, q.unit) == (
        _dec(value), _dec(lower), _dec(upper), qualifier, unit)


def test_number_table_is_large_and_distinct() -> None:
    assert len(NUMBERS) >= 80
    assert len({(s, w) for s, w, *_ in NUMBERS}) == len(NUMBERS)


@pytest.mark.parametrize("source", ["000", "001", "002"])
def test_every_date_found_is_in_the_table_in_order(source: str) -> None:
    found = [s.text for s in scan_dates(CORPUS[source])]
    assert found == [w for s, w, *_ in DATES if s == source]


@pytest.mark.parametrize(("source", "words", "context", "earliest", "latest", "precision"), DATES)
def test_date_table(source, words, context, earliest, latest, precision) -> None:
    w = parse_date(words, context)
    assert (w.earliest, w.latest, w.precision) == (
        date.fromisoformat(earliest), date.fromisoformat(latest), precision)
    assert w.as_written == words
    assert parse_edtf(w.edtf) is not None


def test_dates_that_need_no_context_refuse_none_they_need() -> None:
    # a table row with context None really needs none; one with a context really needs it
    for _, words, context, *_ in DATES:
        if context is not None:
            with pytest.raises(ValueError):
                parse_date(words)


def test_qualifiers_in_the_texts() -> None:
    seen = Counter(parse_quantity(s.text).qualifier
                   for text in CORPUS.values() for s in scan_numbers(text))
    assert set(seen) == set(QUALIFIERS)  # the texts use every qualifier the model has
