"""The date grammar: how the texts write a date, once, for the two modules that need it.

gongyun.normalise.scan finds date expressions in running text (the coverage check) and
gongyun.normalise.dates reads the words of one expression into a time window. Both build their
patterns from the pieces below, so a word one of them knows the other knows too; the time words
(上旬, 年底, 冬, 次日, 当日, 前夕…) come from the time-word table (gongyun.normalise.timewords, the
code's copy of graph/vocab/time-words.ttl).

The pieces carry named groups (`year`, `month`, `day`…) for the parser; `unnamed` turns them into
plain groups for the scanner, which puts two dates in one pattern (a period). `SP` is the space
the texts leave inside a date ("1937 年7 月20 日"); the parser reads compact words (no spaces), so
for it `SP` matches nothing.

What the two entry points add to the shared pieces:
- the scanner (running text) looks only for what can stand alone: a month or a day without a year
  only in Arabic digits (三月 alone, 十日 "ten days" are too often counts), an Arabic year only
  from 1800 to 2099 ("1300年" is a duration there), not the day or month inside a longer number,
  and not 日 starting a word (当日军进攻: 日军; 当日本宣布: 日本). The words that date only by an
  anchor the annotator names (同时, …时, 期间, 随后, …后) are left to the parser: they are not
  dates of their own, and the coverage check does not ask for them;
- the parser reads them, and a lead-in before an anchored day (卢沟桥事变发生的第二天,
  抗战胜利前夕), and checks values (no 2月30日).
"""

from __future__ import annotations

import re
from datetime import date

from gongyun.normalise.chinese import HAN_CLASS
from gongyun.normalise.timewords import TIME_WORD_LIST

# Named dates: the words stand for one day.
DATE_NAMES: dict[str, date] = {
    "七七事变": date(1937, 7, 7),
    "七七": date(1937, 7, 7),
    "九一八事变": date(1931, 9, 18),
    "九一八": date(1931, 9, 18),
    "八一五": date(1945, 8, 15),
}

SP = r"[ \u3000\u00a0]?"


def _either(words) -> str:
    """An alternation of `words`, longest first (春季 before 春)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _surfaces(*frames: str, ids: tuple[str, ...] = ()) -> list[str]:
    return [s for t in TIME_WORD_LIST if t.frame in frames or t.id in ids for s in t.surfaces]


def unnamed(pattern: str) -> str:
    """`pattern` with its named groups as plain groups."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_CN_DIGITS = "〇○零一二三四五六七八九"

# --- numbers in dates ------------------------------------------------------------------------

YEAR_NUMBER = rf"\d{{4}}|[{_CN_DIGITS}]{{4}}"
# In running text a four-digit year is one of 1800-2099 (the texts are about 1937-45).
PLAUSIBLE_YEAR = rf"(?=1[89]|20|[{_CN_DIGITS}])"
# Months and days in Arabic digits (not the end of a longer number) and in Chinese numerals as
# the texts write them (三四月 is March to April).
ARABIC_MONTH = r"(?<![0-9])(?:1[0-2]|0?[1-9])"
ARABIC_DAY = r"(?<![0-9])(?:3[01]|[12][0-9]|0?[1-9])"
MONTH_NUMBER = rf"{ARABIC_MONTH}|十[一二]?|[一二三四五六七八九]{{1,2}}"
DAY_NUMBER = (
    rf"{ARABIC_DAY}|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
)

# --- words -----------------------------------------------------------------------------------

YEAR_RELATIVE = _either(_surfaces("anchor-year"))  # 同年 当年 次年 翌年
# Words for a part of the year after a year: 年初, 年底, 冬, 冬季, 间, and 初 / 底 / 末 (1938年底).
_YEAR_WORDS = _surfaces("year")
YEAR_PART = _either(_YEAR_WORDS + _surfaces("period")
                    + [w[1:] for w in _YEAR_WORDS if w.startswith("年")])
# …and the ones that name the year themselves, so stand without one: 年初, 年底, 年末.
YEAR_PART_ALONE = _either(w for w in _YEAR_WORDS if w.startswith("年"))
TEN_DAYS = _either(w[0] for w in _surfaces("month") if w.endswith("旬"))  # 上 中 下 (旬)
_MONTH_WORDS = [w[1:] for w in _surfaces("month") if w.startswith("月")]
MONTH_PART = _either(_MONTH_WORDS + _surfaces("period"))  # 初 底 末 间
ANCHORED_DAY = _either(_surfaces("anchor-day"))  # 次日 第二天 翌日 同日 当日 当天 前夕
EVE = _either(_surfaces(ids=("eve",)))  # 前夕
SAME_TIME = _either(_surfaces(ids=("same-time",)))  # 同时 与此同时 此时 这时 当时
# 期间, …时 (not 小时, hours)
DURING = "|".join("(?<!小)时" if w == "时" else re.escape(w) for w in _surfaces(ids=("during",)))
AFTER = _either(_surfaces("open-after"))  # 后 之后 以后 随后 会后 接着…
NAMED = _either(DATE_NAMES)
UNTIL = "为止|止"
PERIOD_SEPARATOR = "至|到|—|－|~|～"
# 日 starting a word is not a day: 日军, 日寇, 日本, 日伪.
NOT_A_WORD_AFTER = "(?![军寇本伪])"

# --- one date --------------------------------------------------------------------------------

YEAR = rf"(?P<year>{YEAR_NUMBER}){SP}年"


def _month(number: str) -> str:
    """A month with its day, ten days (上旬) or part (初, 底, 间)."""
    return (rf"(?P<month>{number}){SP}月"
            rf"(?:{SP}(?P<day>{DAY_NUMBER}){SP}[日号]|{SP}(?P<xun>{TEN_DAYS})旬"
            rf"|{SP}(?P<mpart>{MONTH_PART}))?")


def _named_date(year: str) -> str:
    """A named date, with the year it fell in and its eve: 1945年八一五, 八一五抗战胜利前夕."""
    return rf"(?:{year}{SP})?(?P<name>{NAMED})(?P<eve>{HAN_CLASS}{{0,8}}?{EVE})?"


MONTH = _month(MONTH_NUMBER)
DAY_ALONE = rf"(?P<dayonly>{DAY_NUMBER}){SP}[日号]"
NAMED_DATE = _named_date(YEAR)
# A date by its calendar parts: a year (or 同年…), then a month with its day, ten days or part,
# or a part of the year; or a month, a day or a year part alone; its eve; 为止 ending a period.
CALENDAR_DATE = (
    rf"(?:(?:{YEAR}|(?P<yrel>{YEAR_RELATIVE}))(?:{SP}的)?)?"
    rf"{SP}(?:(?P<ypart>{YEAR_PART})|{MONTH}|{DAY_ALONE})?"
    rf"(?P<eve>{EVE})?(?P<until>{UNTIL})?"
)


def date_in_text() -> str:
    """The pattern of a date expression in running text, a period ("1941年到1945年8月") as one
    expression; no named groups."""
    year = rf"{PLAUSIBLE_YEAR}{YEAR}"
    after_year = rf"(?:{SP}(?:的{SP})?(?:{MONTH}|(?:{YEAR_PART})))?"
    eve = f"(?:{EVE})?"
    one = "|".join([
        _named_date(year),
        rf"(?:{year}|(?:{YEAR_RELATIVE})){after_year}{eve}",
        rf"{_month(ARABIC_MONTH)}{eve}",
        rf"{ARABIC_DAY}{SP}[日号]{NOT_A_WORD_AFTER}{eve}",
        rf"(?:{ANCHORED_DAY}|{YEAR_PART_ALONE}){NOT_A_WORD_AFTER}",
    ])
    return unnamed(rf"(?:{one})(?:{SP}(?:{PERIOD_SEPARATOR}){SP}(?:{one}))?(?:{UNTIL})?")
