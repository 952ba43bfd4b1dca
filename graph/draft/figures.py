"""Every figure and date of a text, parsed with the project's normalisers.

Spans come from the coverage scan (`normalise.scan`), so the draft proposes exactly what the
build will ask to be covered. A number reads to a quantity (`parse_quantity`: qualifier, unit,
bounds, words as written); a date to a time window (`parse_date`). Words that leave out part of
the date (10日, 9月下旬, 次日, 同年) take it from the text's preceding date: the context is the
shortest one that parses (YYYY, then YYYY-MM, then YYYY-MM-DD), and the reason names the anchor
words and where they stand.

Beyond the scan: words that only say "after" or "at the same time" (随后, 会后, 之后, 接着,
此后, 与此同时) are proposed as open windows from the preceding date, and a date followed by
后 / 以后 / 之后 (七七事变后, 1941年后) as the open window after it; a period (1941年到1945年8月)
is proposed whole and as its two ends. Named dates (七七事变, 九一八) name an event more often
than they tell the narrative's time (纪念“九一八”大会), so they do not move the running date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongyun.normalise.dates import DATE_NAMES, OPEN_END, Window, parse_date, parse_period
from gongyun.normalise.numbers import ParsedQuantity, parse_quantity
from gongyun.normalise.scan import Span, scan_dates, scan_numbers

# Words that place an event after, or at the time of, the preceding one.
_RELATIVE = re.compile(r"随后|会后|之后|其后|此后|接着|与此同时")
_AFTER = re.compile(r"以后|之后|后")


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    words: str  # as written, what a claim's quantity: or date: holds
    kind: str  # "quantity" | "date"
    quantity: ParsedQuantity | None = None
    window: Window | None = None
    context: str | None = None  # what the words leave out, as a claim's context: holds
    anchor: str | None = None  # the words the context was taken from
    anchor_start: int | None = None
    error: str | None = None  # why the words did not parse
    part: str | None = None  # "start" or "end" of a period proposed whole as well

    @property
    def parsed(self) -> bool:
        return self.error is None


@dataclass
class _Running:
    """The text's date so far, as precise as the last date words made it."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    words: str | None = None
    start: int | None = None

    def contexts(self) -> list[str]:
        out = []
        if self.year is not None:
            out.append(f"{self.year:04d}")
            if self.month is not None:
                out.append(f"{self.year:04d}-{self.month:02d}")
                if self.day is not None:
                    out.append(f"{self.year:04d}-{self.month:02d}-{self.day:02d}")
        return out

    def update(self, window: Window, words: str, start: int) -> None:
        """Narrow to the window's start when it names one day, month or year."""
        a, b = window.earliest, window.latest
        if b == OPEN_END:
            return
        if a.year != b.year:
            self.year, self.month, self.day = b.year, None, None
        elif a.month != b.month:
            self.year, self.month, self.day = a.year, None, None
        elif a != b:
            self.year, self.month, self.day = a.year, a.month, None
        else:
            self.year, self.month, self.day = a.year, a.month, a.day
        self.words, self.start = words, start


def _date(span: Span, running: _Running) -> Figure:
    words = span.text
    try:
        window = parse_date(words)
        return Figure(span.start, span.end, words, "date", window=window)
    except ValueError as exc:
        first_error = str(exc)
    # Incomplete dates take the shortest context that reads (9月下旬: the year); words that
    # only relate to the preceding date (随后, 与此同时) take all of it.
    contexts = running.contexts()
    if _RELATIVE.fullmatch(words):
        contexts.reverse()
    for context in contexts:
        try:
            window = parse_date(words, context)
        except ValueError:
            continue
        return Figure(span.start, span.end, words, "date", window=window, context=context,
                      anchor=running.words, anchor_start=running.start)
    return Figure(span.start, span.end, words, "date", error=first_error)


def _quantity(span: Span) -> Figure:
    try:
        return Figure(span.start, span.end, span.text, "quantity",
                      quantity=parse_quantity(span.text))
    except ValueError as exc:
        return Figure(span.start, span.end, span.text, "quantity", error=str(exc))


def _date_spans(text: str) -> list[Span]:
    """The scan's dates, a date with 后 after it as one span (and the date alone), and the
    relative words."""
    spans = []
    for span in scan_dates(text):
        spans.append(span)
        after = _AFTER.match(text, span.end)
        if after and not span.text.endswith(("止", "为止")):
            spans.append(Span(span.start, after.end(), text[span.start:after.end()], "date"))
    taken = [(s.start, s.end) for s in spans]
    for m in _RELATIVE.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            spans.append(Span(m.start(), m.end(), m.group(), "date"))
    return spans


def _period_ends(figure: Figure) -> list[Figure]:
    try:
        first, second = parse_period(figure.words, figure.context)
    except ValueError:
        return []
    out = []
    for part, window in (("start", first), ("end", second)):
        offset = figure.words.find(window.as_written.strip())
        if offset < 0:
            continue
        start = figure.start + offset
        out.append(Figure(start, start + len(window.as_written.strip()),
                          window.as_written.strip(), "date", window=window, part=part,
                          context=figure.context, anchor=figure.anchor,
                          anchor_start=figure.anchor_start))
    return out


def _names_a_date(words: str) -> bool:
    return any(name in words for name in DATE_NAMES)


def find_figures(text: str) -> list[Figure]:
    """Dates and numbers in text order, each parsed or with the reason it did not parse."""
    spans = sorted(_date_spans(text) + scan_numbers(text), key=lambda s: (s.start, -s.end))
    running = _Running()
    out: list[Figure] = []
    for span in spans:
        if span.kind == "date":
            figure = _date(span, running)
            out.append(figure)
            out.extend(_period_ends(figure))
            if figure.window is not None and not _names_a_date(figure.words):
                running.update(figure.window, figure.words, figure.start)
        else:
            out.append(_quantity(span))
    return out
