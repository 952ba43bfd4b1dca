"""Chinese and Arabic numerals to numbers: the shared core of the number and date parsers.

The words arrive exactly as the texts write them; callers pass a *compact* copy (whitespace
removed, see `compact`) and keep the original for `as_written`. A numeral reads to bounds:
an exact numeral has lower == upper; a range (六七百) or a vague count (数百, 十数, 几) has
lower < upper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# Digits, including the circle zero the texts use in unit names (二○五, U+25CB) and 〇 (U+3007).
CN_DIGITS: dict[str, int] = {
    "〇": 0, "○": 0, "零": 0,
    "一": 1, "壹": 1,
    "二": 2, "贰": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
SMALL_MULT: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
LARGE_MULT: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

# 数 / 几 stand for an unknown digit, "several": read as 2 to 9 (documented in numbers.py).
WILDCARDS = "数几"
WILDCARD_LOW, WILDCARD_HIGH = 2, 9

FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_SPACE = re.compile(r"\s+")


def compact(words: str) -> str:
    """The words with whitespace removed and full-width digits folded, for parsing only."""
    return _SPACE.sub("", words).translate(FULLWIDTH)


@dataclass(frozen=True)
class Bounds:
    lower: Decimal
    upper: Decimal
    kind: str  # "exact" | "range" (六七百) | "vague" (数百, 十数, 几)


_TOKEN = re.compile(r"\d+(?:\.\d+)?|.", re.S)


def _tokens(s: str) -> list[str]:
    return _TOKEN.findall(s)


def _is_digit_token(t: str) -> bool:
    return t[0].isdigit() or t in CN_DIGITS


def _digit_value(t: str) -> Decimal:
    return Decimal(t) if t[0].isdigit() else Decimal(CN_DIGITS[t])


def _eval_exact(tokens: list[str]) -> Decimal:
    """Value of a numeral without wildcards or ranges."""
    if not tokens:
        raise ValueError("empty numeral")
    has_mult = any(t in SMALL_MULT or t in LARGE_MULT for t in tokens)
    if not has_mult:
        if len(tokens) == 1:
            return _digit_value(tokens[0])
        # Positional Chinese digits (二○五 = 205, 一九三七 = 1937); Arabic runs are one token.
        if all(t in CN_DIGITS for t in tokens):
            return Decimal("".join(str(CN_DIGITS[t]) for t in tokens))
        raise ValueError(f"cannot read numeral {''.join(tokens)!r}")
    total = Decimal(0)
    section = Decimal(0)
    pending: Decimal | None = None
    last_mult: int | None = None
    for t in tokens:
        if _is_digit_token(t):
            # Two digits in a row inside a multiplied numeral only after 零 (一百零五).
            if pending is not None and pending != 0:
                raise ValueError(f"cannot read numeral {''.join(tokens)!r}")
            pending = _digit_value(t)
        elif t in SMALL_MULT:
            m = SMALL_MULT[t]
            if last_mult is not None and last_mult <= m and pending is None:
                raise ValueError(f"misplaced {t!r} in {''.join(tokens)!r}")
            section += (pending if pending is not None else Decimal(1)) * m
            pending = None
            last_mult = m
        elif t in LARGE_MULT:
            m = LARGE_MULT[t]
            section += pending if pending is not None else Decimal(0)
            if section == 0:
                section = Decimal(1)
            total = (total + section) * m if total and m > 10_000 else total + section * m
            section = Decimal(0)
            pending = None
            last_mult = None
        else:
            raise ValueError(f"not a numeral character {t!r} in {''.join(tokens)!r}")
    return total + section + (pending if pending is not None else Decimal(0))


def read_numeral(s: str) -> Bounds:
    """Read a compact numeral: 7, 1.2万, 105万, 二○五, 二十九, 六七百, 一二百, 数百, 十数, 几,
    数以百计."""
    if not s:
        raise ValueError("empty numeral")
    m = re.fullmatch(r"数以([十百千万])计", s)
    if m:
        s = "数" + m.group(1)
    tokens = _tokens(s)
    for t in tokens:
        if not (_is_digit_token(t) or t in SMALL_MULT or t in LARGE_MULT or t in WILDCARDS):
            raise ValueError(f"not a numeral character {t!r} in {s!r}")
    wild = [i for i, t in enumerate(tokens) if t in WILDCARDS]
    if len(wild) > 1:
        raise ValueError(f"more than one 'several' in {s!r}")
    if wild:
        i = wild[0]
        low = tokens[:i] + [str(WILDCARD_LOW)] + tokens[i + 1:]
        high = tokens[:i] + [str(WILDCARD_HIGH)] + tokens[i + 1:]
        return Bounds(_eval_exact(low), _eval_exact(high), "vague")
    # Two adjacent consecutive Chinese digits before a multiplier, or alone: 六七百, 三四, 二三万.
    has_mult = any(t in SMALL_MULT or t in LARGE_MULT for t in tokens)
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        if a in CN_DIGITS and b in CN_DIGITS and CN_DIGITS[b] == CN_DIGITS[a] + 1:
            if CN_DIGITS[a] == 0:
                continue
            alone = len(tokens) == 2
            if has_mult or alone:
                low = tokens[: i + 1] + tokens[i + 2:]
                high = tokens[:i] + tokens[i + 1:]
                return Bounds(_eval_exact(low), _eval_exact(high), "range")
    v = _eval_exact(tokens)
    return Bounds(v, v, "exact")
