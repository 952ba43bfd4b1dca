"""The quote of an evidence span cut out of its source text's paragraph, and a text cut at its
spans (the texts themselves come from gongyun.api.corpus). Offsets count code points (Python
string indices), never UTF-16 units, so a character outside the Basic Multilingual Plane (𠮷)
counts as one."""

from __future__ import annotations

CONTEXT = 160  # code points of the paragraph shown on each side of a quote


def in_paragraph(text: str | None, start: int | None, end: int | None,
                 quote: str | None) -> dict | None:
    """{before, quote, after, cut_before, cut_after}: the quote in its paragraph, the paragraph
    trimmed to CONTEXT code points on each side; None when the offsets do not hold the quote."""
    if text is None or start is None or end is None or not (0 <= start <= end <= len(text)):
        return None
    if quote is not None and text[start:end] != quote:
        return None
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    left = max(para_start, start - CONTEXT)
    right = min(para_end, end + CONTEXT)
    return {"before": text[left:start], "quote": text[start:end], "after": text[end:right],
            "cut_before": left > para_start, "cut_after": right < para_end,
            "paragraph": text.count("\n", 0, start) + 1}


def segments(length: int, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, list[str]]]:
    """The text cut at every span boundary: (start, end, ids of the spans covering it), so
    overlapping and nested spans each stay clickable."""
    starts: dict[int, list[str]] = {}
    ends: dict[int, set[str]] = {}
    cuts = {0, length}
    for start, end, ident in spans:
        if 0 <= start < end <= length:
            cuts |= {start, end}
            starts.setdefault(start, []).append(ident)
            ends.setdefault(end, set()).add(ident)
    points = sorted(cuts)
    active: list[str] = []
    out = []
    for a, b in zip(points, points[1:], strict=False):
        gone = ends.get(a, set())
        active = [i for i in active if i not in gone] + starts.get(a, [])
        out.append((a, b, list(active)))
    return out
