"""Chinese text helpers (API fixed in the integrator's contracts, section 1).

A private minimal version for the drafting engine (issue 15) until issue 22a's module lands on
main; theirs replaces this file. Matching keys only: the source text is never changed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

HAN_CLASS = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff〇]"
HAN_RE = re.compile(HAN_CLASS)

_TONE_MARKS = {"\u0300", "\u0301", "\u0304", "\u030c"}
_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_CN_DIGIT = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4",
             "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_ZEROS = "〇○零"
# A digit-by-digit numeral: three or more Chinese digits with a zero among them (二○五, 一九三七),
# never a counted numeral (二十五 has 十). Two digits without a zero (三四) are a range word.
_DIGIT_RUN = re.compile(rf"[{''.join(_CN_DIGIT)}]{{2,}}")


def has_han(text: str) -> bool:
    return HAN_RE.search(text) is not None


def strip_tones(pinyin: str) -> str:
    """"Shānxī" -> "Shanxi"; ü keeps its diaeresis."""
    decomposed = unicodedata.normalize("NFD", pinyin)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))


@lru_cache(maxsize=1)
def _converter():  # noqa: ANN202 - opencc has no type hints
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    return _converter().convert(text) if text else text


def _is_digit_numeral(run: str) -> bool:
    return any(z in run for z in _ZEROS) or len(run) == 4 and run[0] in "一二"


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """The matching key of `text` and, per folded code point, its offset in `text`."""
    simplified = to_simplified(text)
    if len(simplified) != len(text):  # OpenCC keeps length for t2s; be safe if it ever does not
        simplified = "".join(to_simplified(ch) or ch for ch in text)
    chars = [_FULLWIDTH.get(ch, ch) for ch in simplified]
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    joined = "".join(chars)
    for m in _DIGIT_RUN.finditer(joined):
        if not _is_digit_numeral(m.group()):
            continue
        for k in range(i, m.start()):
            out.append(chars[k])
            offsets.append(k)
        for k in range(m.start(), m.end()):
            out.append(_CN_DIGIT[chars[k]])
            offsets.append(k)
        i = m.end()
    for k in range(i, len(chars)):
        out.append(chars[k])
        offsets.append(k)
    return "".join(out), offsets


def fold(text: str) -> str:
    return fold_with_offsets(text)[0]


def variants(name: str) -> set[str]:
    """The surface forms a text may write for `name`: itself, its folded form, and the
    〇 / ○ / 零 and Arabic forms of a digit-by-digit unit number (二○五旅, 二〇五旅, 205旅)."""
    forms = {name, fold(name)}
    folded = fold(name)
    for m in re.finditer(r"[0-9]{2,}", folded):
        digits = m.group()
        for zero in _ZEROS:
            spelled = "".join(zero if d == "0" else "〇一二三四五六七八九"[int(d)] for d in digits)
            forms.add(folded[: m.start()] + spelled + folded[m.end():])
    return forms
