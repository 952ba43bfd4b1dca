"""Chinese text: the one definition of a Han character, tone marks, traditional characters and
the variant forms a name is typed in, for every module that compares or reads names (search,
reconciliation, entity pages, pinyin, the drafting of new texts).

`fold` is the matching key: two spellings of one name fold to one string. It never serves as a
text to show or to store as a quote: the source is never normalised, and a match found in folded
text maps back to exact code-point offsets with `fold_with_offsets`.

What folds to what:
- traditional characters to simplified (OpenCC t2s, as reconciliation has used it): 總工會 ->
  总工会;
- full-width ASCII (letters, digits, punctuation) and the ideographic space to half-width: ２０５
  -> 205;
- a run of Chinese digits written digit by digit, as unit numbers and years are (二○五旅 with the
  ring U+25CB as printed, 二〇五 with U+3007, 二零五, 一九三七年), to Arabic digits: 205旅,
  1937年. A run counts when it has three digits or more, or two with a zero in them; two digits
  without a zero (三四月, 二三百) are an approximate count, not a number written digit by digit,
  and a run touching 十 百 千 万 亿 is part of a numeral of place values (一千零五十) and stays.
  So every zero variant inside such a numeral ends as one form, "0".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["HAN_CLASS", "HAN_RE", "fold", "fold_with_offsets", "has_han", "strip_tones",
           "to_simplified", "variants"]

# Han characters: CJK Unified Ideographs, Extension A, the compatibility ideographs, Extensions
# B to H beyond the Basic Multilingual Plane (𠮷), and 〇 (U+3007, a Han character of its own,
# the zero of numerals written digit by digit). The ring ○ (U+25CB) the texts print for that
# zero is a geometric shape, not Han: callers that read it as a digit name it themselves.
HAN_CLASS = "[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
HAN_RE = re.compile(HAN_CLASS)

# The tone marks of Hanyu Pinyin as combining characters: macron, acute, caron, grave. The
# diaeresis of ü is a letter's mark, not a tone.
_TONE_MARKS = frozenset("\u0304\u0301\u030c\u0300")

# Full-width ASCII (U+FF01-FF5E) and the ideographic space, to half-width.
_HALF_WIDTH = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}

_DIGITS = "〇一二三四五六七八九"
# The zeros a text writes inside a numeral written digit by digit: 〇 (U+3007), the ring ○
# (U+25CB) as printed in 二○五旅, the large circle ◯ (U+25EF), and 零.
_ZEROS = "〇○◯零"
_CN_DIGIT = {c: str(i) for i, c in enumerate(_DIGITS)} | {z: "0" for z in _ZEROS}
_PLACE_VALUES = "十百千万亿萬億"
_RUN_CHARS = "".join(_CN_DIGIT)
_DIGIT_RUN = re.compile(
    rf"(?<![{_RUN_CHARS}{_PLACE_VALUES}])[{_RUN_CHARS}]{{2,}}+(?![{_PLACE_VALUES}])"
)
_ARABIC_RUN = re.compile(r"[0-9０-９]+")


def has_han(text: str) -> bool:
    """Whether `text` holds at least one Han character."""
    return HAN_RE.search(text) is not None


def strip_tones(pinyin: str, *, all_marks: bool = False) -> str:
    """Pinyin without its tone marks: "Shānxī" -> "Shanxi", "Lǚliáng" -> "Lüliang" (ü keeps its
    diaeresis, case is kept).

    With `all_marks`, every combining mark goes (Lǚ -> Lu, é -> e): the form search and
    reconciliation compare, since people type "lu" for 吕 and pypinyin's toneless reading is
    "lv"."""
    decomposed = unicodedata.normalize("NFD", pinyin)
    if all_marks:
        kept = (c for c in decomposed if not unicodedata.combining(c))
    else:
        kept = (c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", "".join(kept))


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


_SURROGATE = re.compile("([\ud800-\udfff])")


def to_simplified(text: str) -> str:
    """Traditional characters as simplified (OpenCC t2s, with its phrase table); text without
    Han characters is returned as it is."""
    if not has_han(text):
        return text
    try:
        return _t2s().convert(text)
    except UnicodeEncodeError:  # a lone surrogate (JSON allows "\ud800") cannot reach OpenCC
        return "".join(p if _SURROGATE.fullmatch(p) else _t2s().convert(p)
                       for p in _SURROGATE.split(text))


def _is_digit_by_digit(run: str) -> bool:
    return len(run) >= 3 or any(c in _ZEROS for c in run)


def _simplified(text: str) -> tuple[str, list[int] | None]:
    """`to_simplified(text)`, with the offsets of its code points when they are not one to
    one."""
    out = to_simplified(text)
    if len(out) == len(text):  # OpenCC's tables map one code point to one
        return out, None
    # A table that changes the length: convert character by character, so each output code
    # point still knows the character it came from (the phrase table's context is lost).
    chars: list[str] = []
    offsets: list[int] = []
    for i, c in enumerate(text):
        converted = to_simplified(c)
        chars.append(converted)
        offsets.extend([i] * len(converted))
    return "".join(chars), offsets


def _arabic(match: re.Match[str]) -> str:
    run = match[0]
    return "".join(_CN_DIGIT[c] for c in run) if _is_digit_by_digit(run) else run


def _width_and_digits(text: str) -> str:
    """Half-width, numerals written digit by digit as Arabic digits: one code point to one."""
    return _DIGIT_RUN.sub(_arabic, text.translate(_HALF_WIDTH))


def fold(text: str) -> str:
    """The matching key of `text`: simplified, half-width, numerals written digit by digit as
    Arabic digits (總工會 -> 总工会, ２０５旅 -> 205旅, 二○五旅 -> 205旅). Not for display."""
    return _width_and_digits(_simplified(text)[0])


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each of its code points, the code-point offset in `text` it comes
    from: a match at folded[i:j] is text[offsets[i]:offsets[j - 1] + 1]."""
    simplified, offsets = _simplified(text)
    return _width_and_digits(simplified), offsets or list(range(len(text)))


def _cn_digits(arabic: str, zero: str) -> str:
    return "".join(zero if d == "0" else _DIGITS[int(d)] for d in arabic)


def variants(name: str) -> set[str]:
    """The surface forms a text may use for `name`: the name, its folded form, and its unit
    number (or any number written digit by digit) in Arabic digits and in Chinese digits with
    each zero (〇 ○ 零): 二○五旅 -> {二○五旅, 205旅, 二〇五旅, 二零五旅}. Traditional forms are
    not produced (fold makes them equal)."""
    out = {name, fold(name)}
    runs = [m for m in _DIGIT_RUN.finditer(name) if _is_digit_by_digit(m[0])]
    runs += [m for m in _ARABIC_RUN.finditer(name)]
    if not runs:
        return out
    runs.sort(key=lambda m: m.start())

    def render(style) -> str:
        pieces, pos = [], 0
        for m in runs:
            arabic = fold(m[0])
            pieces += [name[pos:m.start()], style(arabic)]
            pos = m.end()
        return "".join(pieces) + name[pos:]

    out.add(render(lambda a: a))
    for zero in "〇○零":
        out.add(render(lambda a, z=zero: _cn_digits(a, z)))
    return out
