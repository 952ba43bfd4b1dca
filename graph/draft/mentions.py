"""Mentions of known things: the longest lexicon name at each point of the text.

The text is matched on its folded key (`chinese.fold_with_offsets`: simplified characters,
half-width digits, 二○五 as 205), and every match maps back to code-point offsets of the text
as written. Longest match wins, scanning left to right; a name found inside a longer one is
kept as a nested mention only when it names a different thing and stands as a word of its own
(山西省总工会 inside 山西省总工会成立). A short name must begin and end on word boundaries, so a
place name is not read inside a longer word (大同 in 大同盟). A surface that names two or more
things is one mention listing its candidates, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongyun.graph.draft.lexicon import Lexicon, Surface
from gongyun.normalise.chinese import fold_with_offsets

# From this length on a lexicon name is specific enough to match inside any word.
LONG_NAME = 4


@dataclass(frozen=True)
class Mention:
    start: int  # code points in the text, end exclusive
    end: int
    text: str  # as written
    surfaces: tuple[Surface, ...]
    nested: bool = False

    @property
    def candidates(self) -> tuple[str, ...]:
        return tuple(sorted(s.known.id for s in self.surfaces))

    @property
    def ambiguous(self) -> bool:
        return len(self.surfaces) > 1

    @property
    def rule(self) -> str:
        return "lexicon/ambiguous" if self.ambiguous else f"lexicon/{self.surfaces[0].rule}"


def _matches_at(folded: str, i: int, lexicon: Lexicon) -> list[int]:
    """Lengths of the lexicon keys that start at i, longest first."""
    if folded[i] not in lexicon.first:
        return []
    top = min(lexicon.max_len, len(folded) - i)
    return [n for n in range(top, 1, -1) if folded[i:i + n] in lexicon]


def find_mentions(text: str, lexicon: Lexicon, words: set[int] | None = None) -> list[Mention]:
    """Mentions in order; `words` are word-boundary offsets (tokens.boundaries)."""
    folded, where = fold_with_offsets(text)

    def span(i: int, n: int) -> tuple[int, int]:
        return where[i], where[i + n] if i + n < len(where) else len(text)

    def on_words(i: int, n: int) -> bool:
        if words is None or n >= LONG_NAME:
            return True
        start, end = span(i, n)
        return start in words and end in words

    out: list[Mention] = []
    i = 0
    while i < len(folded):
        found = [n for n in _matches_at(folded, i, lexicon) if on_words(i, n)]
        if not found:
            i += 1
            continue
        n = found[0]
        start, end = span(i, n)
        outer = Mention(start, end, text[start:end], lexicon.lookup(folded[i:i + n]))
        out.append(outer)
        out.extend(_nested(text, folded, i, n, outer, lexicon, span, on_words))
        i += n
    return out


def _nested(text: str, folded: str, i: int, n: int, outer: Mention, lexicon: Lexicon,
            span, on_words) -> list[Mention]:  # noqa: ANN001 - local helpers of find_mentions
    """Names inside a longer match that name other things (the body inside its founding)."""
    outer_ids = set(outer.candidates)
    inner: list[Mention] = []
    j = i
    while j < i + n:
        lengths = [m for m in _matches_at(folded, j, lexicon)
                   if j + m <= i + n and m < n and on_words(j, m)]
        if not lengths:
            j += 1
            continue
        m = lengths[0]
        surfaces = lexicon.lookup(folded[j:j + m])
        if not outer_ids & {s.known.id for s in surfaces}:
            start, end = span(j, m)
            inner.append(Mention(start, end, text[start:end], surfaces, nested=True))
        j += m
    return inner
