"""Locating a quote in its source: code-point offsets, uniqueness, and the nearest match when
a quote is not found (so a curator sees the typo at once)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

SENTENCE_ENDS = "。；！？"
CONTEXT = 8  # characters of prefix/suffix written into every TextQuoteSelector


@dataclass(frozen=True)
class Located:
    start: int  # code-point offset in the whole text, inclusive
    end: int  # exclusive
    prefix: str
    suffix: str


class QuoteError(ValueError):
    pass


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, start = [], haystack.find(needle)
    while start != -1:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def nearest_match(paragraph: str, quote: str) -> str:
    """The passage of the paragraph most like the quote, for the error message."""
    if not paragraph:
        return ""
    width = len(quote)
    best, best_ratio = "", 0.0
    step = max(1, width // 4)
    for start in range(0, max(1, len(paragraph) - width + 1), step):
        window = paragraph[start : start + width]
        ratio = difflib.SequenceMatcher(None, quote, window, autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio = window, ratio
    return best


def check_sentence(quote: str) -> None:
    inner = quote[:-1]
    for mark in SENTENCE_ENDS:
        if mark in inner:
            raise QuoteError(f"quote spans more than one sentence (contains {mark!r} before "
                             "its end); split it")


def locate(text: str, para_start: int, paragraph: str, quote: str,
           prefix: str | None = None, suffix: str | None = None) -> Located:
    """Find `quote` in `paragraph` (which begins at `para_start` in `text`)."""
    if not quote:
        raise QuoteError("empty quote")
    check_sentence(quote)
    hits = _occurrences(paragraph, quote)
    if not hits:
        nearest = nearest_match(paragraph, quote)
        raise QuoteError(f"quote not found in paragraph; nearest: {nearest!r}")
    if prefix is not None:
        hits = [h for h in hits if paragraph[:h].endswith(prefix)]
    if suffix is not None:
        hits = [h for h in hits if paragraph[h + len(quote) :].startswith(suffix)]
    if len(hits) != 1:
        raise QuoteError(f"quote occurs {len(hits)} times in its paragraph with the given "
                         "prefix/suffix; add a prefix or suffix that makes it unique")
    start = para_start + hits[0]
    end = start + len(quote)
    context = CONTEXT
    # Widen the selector's context until the quote is unique in the whole source.
    while True:
        pre, suf = text[max(0, start - context) : start], text[end : end + context]
        matches = [h for h in _occurrences(text, pre + quote + suf)]
        if len(matches) == 1 or (start - context <= 0 and end + context >= len(text)):
            break
        context *= 2
    return Located(start, end, pre, suf)


def locate_in(source, paragraph: int, quote: str, prefix: str | None = None,  # noqa: ANN001
              suffix: str | None = None) -> Located:
    """`quote` in paragraph `paragraph` (1-based) of `source` (a sources.Source)."""
    if not 1 <= paragraph <= len(source.paragraphs):
        raise QuoteError(f"paragraph {paragraph} does not exist")
    return locate(source.text, source.paragraph_start(paragraph),
                  source.paragraphs[paragraph - 1], quote, prefix, suffix)
