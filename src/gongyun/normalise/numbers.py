"""Number expressions as the texts write them ("2万余人", "六七百人", "1. 2万吨以上", "近三分之一",
"两丈许", "30 至40 天", "上百") to a quantity: a point reading, bounds, a qualifier and a unit.

Readings (what `value`, `lower`, `upper` hold for each qualifier; n is the number written):

| qualifier  | words                    | value | lower | upper |
| ---------- | ------------------------ | ----- | ----- | ----- |
| exact      | 11人, 第五, 短短一年        | n     | n     | n     |
| more-than  | 余, 多, 以上               | n     | n     | None  |
| about      | 约, 大约, 许, 来, 左右, 上下 | n     | None  | None  |
| nearly     | 近, 将近                   | n     | None  | n     |
| at-least   | 不下, 至少, 上百/上千/上万   | n     | n     | None  |
| at-most    | 不过, 最多, 最大限度为, 以下 | n     | None  | n     |
| less-than  | 不到, 不足                 | n     | None  | n     |
| reaching   | 达, 达到                   | n     | n     | n     |
| range      | 六七百, 30至40              | None  | low   | high  |
| vague      | 数百, 十数, 数十, 几, 数以百计 | None  | low   | high  |

"Several" (数, 几) is read as the digits 2 to 9: 数百 = 200..900, 十数 = 12..19, 数十 = 20..90,
几 = 2..9. A range or a vague figure has no point value: the text writes none, and a midpoint
(550 for 数百) would be a number nobody wrote that a plain SUM would silently use. Only the
bounds are kept.

Figures keep at most 18 fractional digits, the precision of the query engine (Oxigraph's
xsd:decimal): 三分之一 is 0.333333333333333333, a lower bound rounded down and an upper bound
rounded up so that they stay outer bounds.

When the words carry several qualifiers, the most informative wins: a range or vague numeral
first (约30至40 is a range), then a qualifier after the numeral (达5000余名 is more-than),
then one before it. Ordinals and name numbers (第五, 二○五 in 二○五旅) read to their value,
exact, with no unit.

Words after the unit name what is counted ("5000多名工人", "15个分会") and are ignored; they
are accepted only after a unit or classifier.

The words are never changed: `as_written` is the argument as given; parsing works on a copy
without whitespace, because the scanned texts put spaces inside numbers ("1. 2万", "10 余里").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal, InvalidOperation

from gongyun.normalise.chinese import HAN_CLASS
from gongyun.normalise.numerals import compact, read_numeral
from gongyun.normalise.units import SURFACES, UNITS, compatible, normalise_unit_id

QUALIFIERS = (
    "exact", "more-than", "about", "nearly", "at-least", "at-most", "less-than", "reaching",
    "range", "vague",
)


@dataclass(frozen=True)
class ParsedQuantity:
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    qualifier: str
    unit: str | None
    as_written: str


# Words before the numeral. Those mapped to None add emphasis only (短短一年, 共23家, 仅5人).
_PREFIXES: tuple[tuple[str, str | None], ...] = (
    ("大约", "about"), ("约有", "about"), ("约合", "about"), ("约计", "about"), ("约", "about"),
    ("将近", "nearly"), ("接近", "nearly"), ("近", "nearly"),
    ("不下", "at-least"), ("不少于", "at-least"), ("至少", "at-least"),
    ("不超过", "at-most"), ("不过", "at-most"), ("最大限度为", "at-most"), ("最多", "at-most"),
    ("不到", "less-than"), ("不足", "less-than"), ("不满", "less-than"),
    ("达到", "reaching"), ("共达", "reaching"), ("达", "reaching"),
    ("短短的", None), ("短短", None), ("仅仅", None), ("仅", None), ("只有", None), ("只", None),
    ("共计", None), ("共有", None), ("共", None), ("计", None), ("有", None),
)
_AFTER_NUMERAL = {"余": "more-than", "多": "more-than", "来": "about", "许": "about"}
_AFTER_UNIT = {
    "许": "about", "余": "more-than", "多": "more-than",
    "以上": "more-than", "以下": "at-most", "左右": "about", "上下": "about",
}

_NUM = r"(?:数以[十百千万]计|[0-9.〇○零一二两三四五六七八九十百千万亿数几]+)"
_RANGE_SEP = r"(?:至|到|～|~|—|－|-)"
_UNIT_RE = "|".join(re.escape(s) for s, _ in SURFACES)
_PREFIX_RE = "|".join(re.escape(p) for p, _ in _PREFIXES)
_QUANTITY = re.compile(
    rf"(?P<prefix>{_PREFIX_RE})?"
    r"(?P<fabi>法币)?"
    rf"(?:(?P<ordinal>第)|(?P<up>上)(?=[百千万](?:$|[^0-9.〇○零一二两三四五六七八九十百千万亿])))?"
    rf"(?:(?P<den>{_NUM})分之(?P<numer>{_NUM})"
    rf"|(?P<low>{_NUM}){_RANGE_SEP}(?P<high>{_NUM})"
    rf"|(?P<num>{_NUM}))"
    r"(?P<q1>余|多|来)?"
    rf"(?P<unit>{_UNIT_RE})?"
    r"(?P<q2>许|余|多)?"
    r"(?P<q3>以上|以下|左右|上下)?"
    r"的?"
    rf"(?P<noun>{HAN_CLASS}{{1,8}})?"
)


# The query engine keeps 18 fractional digits in an xsd:decimal (Oxigraph: i128 / 10^18).
FRACTION_DIGITS = 18
_ENGINE_STEP = Decimal(1).scaleb(-FRACTION_DIGITS)


def _tidy(x: Decimal | None, rounding: str = ROUND_HALF_EVEN) -> Decimal | None:
    """12000 rather than 12000.0 (from 1.2 × 万): same number, the form a reader expects; a
    fraction cut to the engine's 18 digits (rounding outwards for bounds)."""
    if x is None:
        return None
    if x == x.to_integral_value():
        try:
            return x.quantize(Decimal(1))
        except InvalidOperation:  # more digits than the context keeps: leave as computed
            return x
    if x.as_tuple().exponent < -FRACTION_DIGITS:  # type: ignore[operator]
        x = x.quantize(_ENGINE_STEP, rounding=rounding)
    return x.normalize()


def _readings(qualifier: str, n: Decimal) -> tuple[Decimal, Decimal | None, Decimal | None]:
    if qualifier in ("exact", "reaching"):
        return n, n, n
    if qualifier in ("more-than", "at-least"):
        return n, n, None
    if qualifier == "about":
        return n, None, None
    if qualifier in ("nearly", "at-most", "less-than"):
        return n, None, n
    raise AssertionError(qualifier)


def _parse(words: str, unit: str | None, keep_unit: bool) -> ParsedQuantity:
    if not isinstance(words, str):
        raise ValueError("words must be a string")
    s = compact(words)
    if not s:
        raise ValueError("empty quantity")
    m = _QUANTITY.fullmatch(s)
    if m is None:
        raise ValueError(f"not a quantity: {words!r}")
    g = m.groupdict()
    if g["noun"] and not g["unit"]:
        # "5000多名工人" names what is counted after its classifier; without one, the trailing
        # characters may be anything (二○五旅 is a name), so they are not read.
        raise ValueError(f"not a quantity: {words!r}")
    if g["fabi"] and g["unit"] != "元":
        raise ValueError(f"法币 without 元 in {words!r}")
    written_unit = None
    if g["unit"]:
        written_unit = dict(SURFACES)[g["unit"]]
        if g["fabi"]:
            written_unit = "fabi-yuan"

    if g["den"] is not None:
        den, numer = read_numeral(g["den"]), read_numeral(g["numer"])
        if den.kind != "exact" or numer.kind != "exact" or den.lower == 0:
            raise ValueError(f"cannot read fraction {words!r}")
        if den.lower == 100:  # 百分之四十 is a percentage
            n, written_unit = numer.lower, written_unit or "percent"
        else:
            n, written_unit = numer.lower / den.lower, written_unit or "fraction"
        low = high = n
        kind = "exact"
    elif g["low"] is not None:
        a, b = read_numeral(g["low"]), read_numeral(g["high"])
        low, high, kind = a.lower, b.upper, "range"
        if low > high:
            raise ValueError(f"range runs backwards in {words!r}")
    else:
        b = read_numeral(g["num"])
        low, high, kind = b.lower, b.upper, b.kind

    if g["ordinal"]:
        if kind != "exact":
            raise ValueError(f"ordinal is not a single number: {words!r}")
        low = _tidy(low)
        return ParsedQuantity(low, low, low, "exact", None, words)

    prefix_q = dict(_PREFIXES).get(g["prefix"]) if g["prefix"] else None
    suffix_q = None
    for key, table in (("q3", _AFTER_UNIT), ("q2", _AFTER_UNIT), ("q1", _AFTER_NUMERAL)):
        if g[key]:
            suffix_q = table[g[key]]
            break

    if g["up"]:
        if kind != "exact":
            raise ValueError(f"cannot read {words!r}")
        qualifier = "at-least"
        value, lower, upper = low, low, None
    elif kind in ("range", "vague"):
        qualifier = kind
        value, lower, upper = None, low, high  # no number is written: bounds only
    else:
        qualifier = suffix_q or prefix_q or "exact"
        value, lower, upper = _readings(qualifier, low)

    result_unit = written_unit
    if unit is not None:
        unit = normalise_unit_id(str(unit))
        if unit not in UNITS:
            raise ValueError(f"unknown unit id {unit!r}")
        if written_unit is not None and not compatible(written_unit, unit):
            raise ValueError(f"the words {words!r} write {written_unit!r}, not {unit!r}")
        result_unit = unit
    if not keep_unit:
        result_unit = None
    return ParsedQuantity(_tidy(value), _tidy(lower, ROUND_FLOOR), _tidy(upper, ROUND_CEILING),
                          qualifier, result_unit, words)


def _guarded(words: str, unit: str | None, keep_unit: bool) -> ParsedQuantity:
    try:
        return _parse(words, unit, keep_unit)
    except ArithmeticError as e:  # a Decimal overflow on absurd input is still "not a quantity"
        raise ValueError(f"cannot read {words!r}: {e!r}") from e


def parse_quantity(words: str, unit: str | None = None) -> ParsedQuantity:
    """Parse number words with their unit ("2万余人", "两丈许"). `unit` (a unit id) supplies
    the unit when the words carry none, or narrows the written one (元 → "fabi-yuan",
    公里 → "km-per-day"); a unit that contradicts the words is a ValueError. The unit may also
    be given as "concept/unit/<id>" or as the concept's IRI; the result holds the local id."""
    return _guarded(words, unit, keep_unit=True)


def parse_number(words: str) -> ParsedQuantity:
    """Parse the numeric part only: the qualifier and bounds, with `unit` None even when the
    words write one."""
    return _guarded(words, None, keep_unit=False)
