"""Find number, date, title (《》) and quotation (“”) expressions in a text, for the coverage
check: every one must lie inside some evidence quote or be listed as not annotated.

Offsets are code points into the text as given (never normalised), end exclusive, and
`text[span.start:span.end] == span.text`. Spans never cross a line break.

What counts:
- dates, by the grammar the date parser reads (gongyun.normalise.dategrammar): full and partial
  dates ("1937年9月18日", "1937 年7 月15日", "9月下旬", "10日"), seasons and parts of the year
  ("1937年冬", "1938年年初", "年底", "1941 年间", "1938 年的三四月间"), relative days (次日,
  第二天, 同日, 当日, 当天, 前夕; 同年/次年 with what follows), named dates (七七事变, 九一八,
  八一五, "八一五抗战胜利前夕"), an eve ("1937年7月7日前夕") and periods as one span
  ("1941年到1945年8月"), with a trailing 为止/止. A number inside a date is part of the date,
  not a separate number.
- numbers: a numeral (Arabic with the texts' inner spaces, Chinese, ranges, fractions, vague
  counts) with the qualifier words before and after it and its unit or classifier when it has
  one ("约1500人", "2 万余人", "近三分之一", "两丈许", "30 至40 天", "上百", "数以百计").
  Ordinals and name numbers are numbers too ("第五", "第二十九", "二○五" in 二○五旅).
- not numbers: numerals inside lexicalised words (一切, 统一, 一般, 十分, 四川, 八路军, 新四军,
  五金, 万县…, see LEXICAL) and parenthesised list markers ("(一)", "( 1)").
- titles and quotations: the words between the marks, without the marks; an unclosed mark
  yields nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongyun.normalise.dategrammar import SP as _SP
from gongyun.normalise.dategrammar import date_in_text
from gongyun.normalise.units import SURFACES


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    kind: str  # "number" | "date" | "title" | "quote"


# Dates: the grammar the date parser reads, as it stands in running text.
_DATE = re.compile(date_in_text())

# --- numbers -------------------------------------------------------------------------------

_CN_NUM = "〇○零一二三四五六七八九十百千万亿"
_ARABIC = rf"[0-9０-９]+(?:{_SP}[.．]{_SP}[0-9０-９]+)?(?:{_SP}[十百千万亿])*"
_VAGUE = r"数以[十百千万]计|数[十百千万]+|十数|[十百千万]?几[十百千万]*"
# 两 opens a numeral (两万, 两个) but never continues one: 第十三两个 is 第十三 and 两个.
_CN_RUN = rf"两[{_CN_NUM}]*|[{_CN_NUM}]+"
_NUMERAL = rf"(?:{_VAGUE}|{_ARABIC}|{_CN_RUN})"
_PREFIX = (
    r"(?:大约|约有|约合|约|将近|(?<![最附接临逼])近|不下|不过|不到|不足|达到|(?<![到表传])达"
    r"|短短|第|上(?=[百千万]))"
)
_UNITS = "|".join(
    re.escape(s) + ("(?![有能好是])" if s == "只" else "")
    for s, _ in SURFACES
)
_NUMBER = re.compile(
    rf"(?:{_PREFIX}{_SP})?"
    rf"(?:{_NUMERAL}分之{_NUMERAL}|{_NUMERAL}{_SP}(?:至|到|～|~){_SP}{_NUMERAL}|{_NUMERAL})"
    rf"(?:{_SP}[余多])?(?:{_SP}(?:{_UNITS}))?(?:许)?(?:以上|以下|左右)?"
)

# Words in which a numeral is not a number expression.
LEXICAL = (
    "一切", "一起", "一般", "一致", "一定", "一并", "一斑", "一时", "一些", "一批", "一部分",
    "一带", "一味", "一直", "一同", "一道", "一旦", "一再", "一向", "一齐", "一律", "一贯",
    "一方面", "一度", "一经", "一举", "一样", "一边", "一面", "一连", "统一", "之一", "进一步",
    "万一", "唯一", "同一", "单一", "十分", "万分", "千万", "两岸", "几乎", "零星", "八路军",
    "新四军", "四川", "三峡", "五金", "五台山", "万县", "九江", "六河沟", "童三和", "广三",
    "广九", "一种",
)
_LEXICAL = re.compile("|".join(sorted(map(re.escape, LEXICAL), key=len, reverse=True)))
_MARKER = re.compile(rf"[(（]{_SP}(?:[0-9]+|[{_CN_NUM}]+){_SP}[)）]")

_TITLE = re.compile(r"《([^《》\n]+)》")
_QUOTE = re.compile(r"“([^“”\n]+)”")


def _spans(pattern: re.Pattern[str], text: str, kind: str, group: int = 0) -> list[Span]:
    out = []
    for m in pattern.finditer(text):
        start, end = m.span(group)
        if end > start:
            out.append(Span(start, end, text[start:end], kind))
    return out


def scan_dates(text: str) -> list[Span]:
    """Date expressions, one span each (a period is one span)."""
    return [s for s in _spans(_DATE, text, "date") if "\n" not in s.text]


def _inside(span: Span, zones: list[tuple[int, int]]) -> bool:
    return any(a <= span.start and span.end <= b for a, b in zones)


def _overlaps(span: Span, zones: list[tuple[int, int]]) -> bool:
    return any(span.start < b and a < span.end for a, b in zones)


def scan_numbers(text: str) -> list[Span]:
    """Number expressions outside dates, lexicalised words and list markers."""
    dates = [(s.start, s.end) for s in scan_dates(text)]
    lexical = [m.span() for m in _LEXICAL.finditer(text)]
    markers = [m.span() for m in _MARKER.finditer(text)]
    out = []
    for s in _spans(_NUMBER, text, "number"):
        if "\n" in s.text or _overlaps(s, dates) or _inside(s, lexical) or _inside(s, markers):
            continue
        out.append(s)
    return out


def scan_titles(text: str) -> list[Span]:
    """The words inside 《…》."""
    return _spans(_TITLE, text, "title", 1)


def scan_quotes(text: str) -> list[Span]:
    """The words inside “…”."""
    return _spans(_QUOTE, text, "quote", 1)
