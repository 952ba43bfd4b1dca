"""Words and their parts of speech, from jieba and the dictionary that ships inside it (no model
is downloaded). Offsets are code points of the text as given."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str
    pos: str  # jieba's tag: ns place, nr person, nt organisation, nz other proper noun, v verb…


@lru_cache(maxsize=1)
def _tagger():  # noqa: ANN202 - jieba has no type hints
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.posseg.dt


def tokens(text: str) -> list[Token]:
    """The text as words; each paragraph (line) is segmented on its own."""
    out: list[Token] = []
    offset = 0
    for line in text.split("\n"):
        position = offset
        for pair in _tagger().cut(line, HMM=True):
            word, pos = pair.word, pair.flag
            out.append(Token(position, position + len(word), word, pos))
            position += len(word)
        offset += len(line) + 1
    return out


def boundaries(words: list[Token]) -> set[int]:
    """Offsets where a word begins or ends."""
    return {t.start for t in words} | {t.end for t in words}


def frequency(word: str) -> int:
    """How often jieba's dictionary counts the word (0 when it is not a word there)."""
    return int(_tagger().tokenizer.FREQ.get(word) or 0)
