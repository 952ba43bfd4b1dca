"""Date expressions as the texts write them to time windows, and durations to quantities.

A `Window` is an outer bound: the thing happened (or held) somewhere between `earliest` and
`latest`, both inclusive (`latest` is None when the end is not known). `edtf` says the same in
EDTF (ISO 8601-2): a day, a month, a year, a
Level 1 season ("1937-24" winter) or an interval ("1937-09-21/1937-09-30" for 下旬); EDTF
seasons are looser than the bounds, so the bounds are what queries should use.

The words are read with the date grammar (gongyun.normalise.dategrammar) that the coverage
scanner also finds them with; Chinese numerals in a date are written as the texts write them
(九月, 十八日, 二十九日). Day ranges of time words (上旬, 年底, 冬, 前夕…) come from
gongyun.normalise.timewords, the code's copy of graph/vocab/time-words.ttl.

`context` is what the words leave out: "YYYY" for a month or season without a year, "YYYY-MM"
for a bare day ("10日"), "YYYY-MM-DD" for the anchor of 次日 / 第二天 / 同日; 次年 / 同年 take
the year of the context.

Periods ("1941年到1945年8月", "1944年4月至6月"): `parse_period` returns the two ends, the second
taking the year (and month) the words leave out from the first; `parse_date` on a period returns
one window from the start of the first end to the end of the second, with the coarser of the
two precisions ("multi-year" when a year-precision period spans several years) and an EDTF
interval. "为止" / "止" after a date ("到1940年为止") mark the end of a period: the window is
that of the date itself.

Words that only say "after" an anchor (…后, 之后, 随后, 会后, 接着, 此后) have no outer end:
their window runs from the anchor (the context) and has no `latest` (None), with an open EDTF
interval ("1937-07-07/..") and precision "open-ended". No placeholder date stands in for the
missing end: it would leak into date arithmetic and timelines.

Named dates: 七七 / 七七事变 = 1937-07-07, 九一八 / 九一八事变 = 1931-09-18, 八一五 = 1945-08-15.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from dataclasses import dataclass
from datetime import date, timedelta

from gongyun.normalise import dategrammar as g
from gongyun.normalise.dategrammar import DATE_NAMES
from gongyun.normalise.numbers import ParsedQuantity, parse_quantity
from gongyun.normalise.numerals import compact, read_numeral
from gongyun.normalise.timewords import BY_SURFACE, TIME_WORDS, TimeWord

PRECISIONS = ("day", "xun", "month", "season", "year", "multi-year", "open-ended")
TIME_UNITS = ("hour", "day", "week", "month", "year")

MIN_YEAR, MAX_YEAR = 1000, 2999  # four-digit EDTF years, with room for ± a year


@dataclass(frozen=True)
class Window:
    earliest: date
    latest: date | None  # None: open-ended ("随后", "1941年后"), the end is not known
    precision: str
    as_written: str
    edtf: str
    time_word: str | None


@dataclass(frozen=True)
class _Context:
    year: int | None
    month: int | None
    day: int | None


def _parse_context(context: str | None) -> _Context:
    if context is None:
        return _Context(None, None, None)
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", context.strip())
    if m is None:
        raise ValueError(f"context must be YYYY, YYYY-MM or YYYY-MM-DD, not {context!r}")
    y, mo, d = (int(x) if x else None for x in m.groups())
    _check_year(y)
    if mo is not None and not 1 <= mo <= 12:
        raise ValueError(f"bad month in context {context!r}")
    if d is not None:
        _make_date(y, mo, d)
    return _Context(y, mo, d)


def _check_year(y: int | None) -> None:
    if y is not None and not MIN_YEAR <= y <= MAX_YEAR:
        raise ValueError(f"year {y} outside {MIN_YEAR}-{MAX_YEAR}")


def _make_date(y: int, m: int, d: int) -> date:
    try:
        return date(y, m, d)
    except (ValueError, OverflowError) as e:
        raise ValueError(f"no such day {y}-{m}-{d}") from e


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _day_in_month(y: int, m: int, d: int) -> date:
    """A day of a month where negative days count back from its end (-1 = last day)."""
    return _make_date(y, m, _last_day(y, m) + 1 + d if d < 0 else d)


def _interval(a: date, b: date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


def _window(a: date, b: date | None, precision: str, words: str, edtf: str,
            tw: str | None) -> Window:
    if b is not None and a > b:
        raise ValueError(f"window runs backwards for {words!r}")
    return Window(a, b, precision, words, edtf, tw)


def _month_window(y: int, m: int, words: str, tw: str | None = None) -> Window:
    return _window(date(y, m, 1), _day_in_month(y, m, -1), "month", words, f"{y:04d}-{m:02d}", tw)


def _year_window(y: int, words: str, tw: str | None = None) -> Window:
    return _window(date(y, 1, 1), date(y, 12, 31), "year", words, f"{y:04d}", tw)


def _within_month(y: int, m: int, word: TimeWord, words: str) -> Window:
    a = _day_in_month(y, m, word.start_day)
    b = _day_in_month(y, m, word.end_day)
    return _window(a, b, "xun", words, _interval(a, b), word.id)


_SEASON_CODES = {"spring": 21, "summer": 22, "autumn": 23, "winter": 24}


def _within_year(y: int, word: TimeWord, words: str) -> Window:
    a = _day_in_month(y, word.start_month, word.start_day)
    end_year = y + (word.end_year_offset or 0)
    _check_year(end_year)
    b = _day_in_month(end_year, word.end_month, word.end_day)
    if word.id in _SEASON_CODES:
        edtf = f"{y:04d}-{_SEASON_CODES[word.id]}"
    else:
        edtf = f"{y:04d}-{word.start_month:02d}/{end_year:04d}-{word.end_month:02d}"
    return _window(a, b, "season", words, edtf, word.id)


def _from_anchor(anchor: date, word: TimeWord, words: str) -> Window:
    try:
        a = anchor + timedelta(days=word.start_day_offset)
        b = anchor + timedelta(days=word.end_day_offset)
    except OverflowError as e:
        raise ValueError(f"date out of range for {words!r}") from e
    if a == b:
        return _window(a, b, "day", words, a.isoformat(), word.id)
    # A window of about ten days: the closest precision there is.
    return _window(a, b, "xun", words, _interval(a, b), word.id)


def _read_int(s: str, what: str) -> tuple[int, int]:
    """A numeral as (low, high) integers; high > low only for a pair such as 三四."""
    b = read_numeral(s)
    if b.kind == "vague" or b.lower != b.lower.to_integral_value():
        raise ValueError(f"cannot read {what} {s!r}")
    return int(b.lower), int(b.upper)


# The patterns come from the one date grammar the coverage scanner also uses.
_MAIN = re.compile(g.CALENDAR_DATE)
_NAMED = re.compile(g.NAMED_DATE)
# 次日, or an anchor named in words and given as the context day: 卢沟桥事变发生的第二天,
# 抗战胜利前夕.
_ANCHORED_DAY = re.compile(rf"(?:.{{0,24}}?)(?P<rel>{g.ANCHORED_DAY})")
# The window of an anchor the context gives: 与此同时 (context: the anchor's date), 台儿庄大会战时.
_SAME_TIME = re.compile(rf"(?P<rel>{g.SAME_TIME})")
_DURING = re.compile(rf"(?P<anchor>.{{1,24}}?)(?P<rel>{g.DURING})")
_AFTER = re.compile(rf"(?P<anchor>.{{0,24}}?)(?:{g.AFTER})")


def _context_window(ctx: _Context, words: str, time_word: str) -> Window:
    if ctx.year is None:
        raise ValueError(f"{words!r} needs the anchor's date as context")
    if ctx.day is not None:
        d = date(ctx.year, ctx.month, ctx.day)
        return _window(d, d, "day", words, d.isoformat(), time_word)
    if ctx.month is not None:
        return _month_window(ctx.year, ctx.month, words, time_word)
    return _year_window(ctx.year, words, time_word)
_PERIOD = re.compile(rf"(?P<a>.+?)\s*(?:{g.PERIOD_SEPARATOR})\s*(?P<b>.+)", re.S)


def _eve(anchor: date, words: str) -> Window:
    return _from_anchor(anchor, TIME_WORDS["eve"], words)


def _relative(s: str, words: str, ctx: _Context) -> Window:
    """Words whose window comes from an anchor the context gives."""
    m = _ANCHORED_DAY.fullmatch(s)
    if m:
        if ctx.day is None:
            raise ValueError(f"{words!r} needs an anchor day as context (YYYY-MM-DD)")
        return _from_anchor(date(ctx.year, ctx.month, ctx.day), BY_SURFACE[m["rel"]], words)
    m = _SAME_TIME.fullmatch(s)
    if m:
        return _context_window(ctx, words, BY_SURFACE[m["rel"]].id)
    m = _DURING.fullmatch(s)
    if m:
        try:  # a written anchor (1938年春时) wins over the context
            return dataclasses.replace(_single(m["anchor"], ctx), as_written=words,
                                       time_word="during")
        except ValueError:
            return _context_window(ctx, words, "during")
    m = _AFTER.fullmatch(s)
    if m:
        w = None
        if m["anchor"]:  # the anchor may be written: 1941年后, 七七事变后
            try:
                w = _single(m["anchor"], ctx)
            except ValueError:
                w = None
        if w is None:
            w = _context_window(ctx, words, "after")
        start = _edtf_start(w)
        return _window(w.earliest, None, "open-ended", words, f"{start}/..", "after")
    raise ValueError(f"not a date: {words!r}")


def _single(words: str, ctx: _Context) -> Window:
    s = compact(words)
    if not s:
        raise ValueError("empty date")

    m = _NAMED.fullmatch(s)
    if m:
        d = DATE_NAMES[m["name"]]
        if m["year"] and _read_int(m["year"], "year")[0] != d.year:
            raise ValueError(f"{m['name']} is not in the year written in {words!r}")
        if m["eve"]:
            return _eve(d, words)
        return _window(d, d, "day", words, d.isoformat(), None)

    m = _MAIN.fullmatch(s)
    if m is None or not any(m[k] for k in ("year", "yrel", "ypart", "month", "dayonly")):
        return _relative(s, words, ctx)
    g = m.groupdict()

    year: int | None
    if g["year"]:
        year = _read_int(g["year"], "year")[0]
    elif g["yrel"]:
        if ctx.year is None:
            raise ValueError(f"{words!r} needs a year as context")
        year = ctx.year + TIME_WORDS[BY_SURFACE[g["yrel"]].id].year_offset
    else:
        year = ctx.year
    if year is None:
        raise ValueError(f"{words!r} needs a year as context")
    _check_year(year)
    yrel_word = BY_SURFACE[g["yrel"]].id if g["yrel"] else None

    window = _single_body(g, year, ctx, words, yrel_word)
    if g["eve"]:
        return _eve(window.earliest, words)
    if window.time_word is None and yrel_word is not None:  # 次年6月: the word still matters
        window = dataclasses.replace(window, time_word=yrel_word)
    return window


def _single_body(g: dict, year: int, ctx: _Context, words: str, yrel_word: str | None) -> Window:
    if g["ypart"]:
        part = g["ypart"]
        if part in ("初", "底", "末"):
            if not (g["year"] or g["yrel"]):
                raise ValueError(f"not a date: {words!r}")
            part = "年" + part
        if (part == "间" or part[0] in "春夏秋冬") and not (g["year"] or g["yrel"]):
            raise ValueError(f"{words!r} names no year")
        word = BY_SURFACE[part]
        if word.id == "jian":
            return _year_window(year, words, "jian")
        return _within_year(year, word, words)

    if g["month"]:
        m1, m2 = _read_int(g["month"], "month")
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            raise ValueError(f"no month {g['month']!r} in {words!r}")
        if m1 != m2:  # 三四月间: March to April
            if g["day"] or g["xun"] or g["mpart"] in ("初", "底", "末"):
                raise ValueError(f"cannot read {words!r}")
            tw = "jian" if g["mpart"] == "间" else None
            a, b = date(year, m1, 1), _day_in_month(year, m2, -1)
            return _window(a, b, "month", words, f"{year:04d}-{m1:02d}/{year:04d}-{m2:02d}", tw)
        if g["day"]:
            d = _read_int(g["day"], "day")[0]
            day = _make_date(year, m1, d)
            return _window(day, day, "day", words, day.isoformat(), None)
        if g["xun"]:
            return _within_month(year, m1, BY_SURFACE[g["xun"] + "旬"], words)
        if g["mpart"] in ("初", "底", "末"):
            return _within_month(year, m1, BY_SURFACE["月" + g["mpart"]], words)
        return _month_window(year, m1, words, "jian" if g["mpart"] == "间" else None)

    if g["dayonly"]:
        if g["year"] or g["yrel"]:
            raise ValueError(f"a day without a month in {words!r}")
        if ctx.month is None:
            raise ValueError(f"{words!r} needs a month as context (YYYY-MM)")
        d = _read_int(g["dayonly"], "day")[0]
        day = _make_date(year, ctx.month, d)
        return _window(day, day, "day", words, day.isoformat(), None)

    return _year_window(year, words, yrel_word)


_ORDER = {p: i for i, p in enumerate(PRECISIONS)}


def _edtf_start(w: Window) -> str:
    if "/" in w.edtf:
        return w.edtf.split("/")[0]
    if re.fullmatch(r"\d{4}-2\d", w.edtf):  # a season: say it in days
        return w.earliest.isoformat()
    return w.edtf


def _edtf_end(w: Window) -> str:
    if "/" in w.edtf:
        return w.edtf.split("/")[1]
    if re.fullmatch(r"\d{4}-2\d", w.edtf):
        return w.latest.isoformat()
    return w.edtf


def _context_after(w: Window) -> str:
    if w.precision in ("day", "xun", "month"):
        return f"{w.earliest.year:04d}-{w.earliest.month:02d}"
    return f"{w.earliest.year:04d}"


def parse_period(words: str, context: str | None = None) -> tuple[Window, Window]:
    """The two ends of a period ("1941年到1945年8月", "1945年8月18日至9月3日")."""
    if not isinstance(words, str):
        raise ValueError("words must be a string")
    ctx = _parse_context(context)
    m = _PERIOD.fullmatch(words.strip())
    if m is None:
        raise ValueError(f"not a period: {words!r}")
    a = _single(m["a"], ctx)
    b = _single(m["b"], _parse_context(_context_after(a)))
    if a.latest is None or b.latest is None:
        raise ValueError(f"a period needs two closed ends: {words!r}")
    if b.latest < a.earliest:
        raise ValueError(f"period runs backwards: {words!r}")
    return a, b


def _spanning(words: str, a: Window, b: Window) -> Window:
    precision = max(a.precision, b.precision, key=_ORDER.__getitem__)
    if precision == "year" and a.earliest.year != b.latest.year:
        precision = "multi-year"
    return _window(a.earliest, b.latest, precision, words, f"{_edtf_start(a)}/{_edtf_end(b)}",
                   None)


def parse_date(words: str, context: str | None = None) -> Window:
    """One window for date words ("1937年9月18日", "9月下旬", "1937年冬", "次日", a period)."""
    if not isinstance(words, str):
        raise ValueError("words must be a string")
    ctx = _parse_context(context)
    try:
        return _single(words, ctx)
    except ValueError as single_error:
        if _PERIOD.fullmatch(words.strip()) is None:
            raise
        try:
            a, b = parse_period(words, context)
        except ValueError:
            raise single_error from None
        return _spanning(words, a, b)


def parse_duration(words: str) -> ParsedQuantity:
    """How long: "16天", "6个小时", "两个月", "30 至40 天", "不到3年", "短短一年"."""
    q = parse_quantity(words)
    if q.unit not in TIME_UNITS:
        raise ValueError(f"not a duration (no unit of time): {words!r}")
    return q
