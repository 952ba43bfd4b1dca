"""Units of measure and counting words the texts use, and conversion between them.

Each unit is a SKOS concept `https://w3id.org/gongyun/resource/concept/unit/<id>` in
graph/vocab/units.ttl; this table and that file must agree (tests/test_units.py compares them).

Conversion factors are to a QUDT unit (`conversion_to`), stored as decimals. A factor is marked
approximate when the size of the unit itself is uncertain, not merely rounded:
- 傤 (dun): the text itself gives "每万傤约合5. 7吨" (10 000 dun ≈ 5.7 t), so 1 dun ≈ 0.57 kg.
- 里, 丈, 立方尺: read in the 1929 市用制 (1 市尺 = 1/3 m, 1 丈 = 10 尺, 1 里 = 500 m); the
  texts do not say which standard the boatmen or the authors used, so these are approximate.
- month and year: calendar units of varying length (30.436875 and 365.2425 days on average).
Factors that do not terminate (10/3 m) are rounded to 10 significant digits; that rounding alone
does not make a factor approximate.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from gongyun.namespaces import concept_id, resource_iri, scheme_id

if TYPE_CHECKING:  # numbers.py imports this module; the runtime import would be circular
    from gongyun.normalise.numbers import ParsedQuantity

QUDT = "http://qudt.org/vocab/unit/"
SCHEME = resource_iri(scheme_id("unit"))


@dataclass(frozen=True)
class Unit:
    id: str
    zh: str  # skos:prefLabel @zh
    en: str  # skos:prefLabel @en
    notation: str  # skos:notation
    surfaces: tuple[str, ...]  # how the texts write it after a numeral
    dimension: str = "count"  # count | mass | length | volume | currency | time | ratio | rate
    factor: Decimal | None = None  # 1 <unit> = factor <conversion_to>
    conversion_to: str | None = None  # QUDT unit local name
    approximate: bool = False
    broader: str | None = None
    per: tuple[str, str] | None = None  # a rate: (numerator unit, denominator unit)


def _u(*args, **kw) -> Unit:
    return Unit(*args, **kw)


UNIT_LIST: tuple[Unit, ...] = (
    # counting words: what is counted is gy:countedThing, not the unit
    _u("person", "人", "person", "persons", ("人", "名", "位", "口")),
    _u("boat", "艘", "boat or vessel", "boats", ("艘", "只")),
    _u("item", "支", "item (guns, long objects)", "items", ("支", "件", "挺")),
    _u("vehicle", "辆", "vehicle", "vehicles", ("辆",)),
    _u("enterprise", "家", "enterprise (factory, firm)", "enterprises", ("家",)),
    _u("occurrence", "次", "occurrence", "occurrences", ("起", "次", "回")),
    _u("site", "处", "site", "sites", ("处",)),
    _u("count", "个", "count (general classifier)", "count", ("个", "条", "项")),
    # mass
    _u("tonne", "吨", "tonne", "t", ("吨",), "mass", Decimal("1000"), "KiloGM"),
    _u("dun", "傤", "dun (boat-load measure, Sichuan river boats)", "dun", ("傤",), "mass",
       Decimal("0.57"), "KiloGM", approximate=True),
    # length and volume
    _u("km", "公里", "kilometre", "km", ("公里", "千米"), "length", Decimal("1000"), "M"),
    _u("li", "里", "li (Chinese mile)", "li", ("里", "华里"), "length", Decimal("500"), "M",
       approximate=True),
    _u("zhang", "丈", "zhang (ten chi)", "zhang", ("丈",), "length", Decimal("3.333333333"),
       "M", approximate=True),
    _u("cubic-chi", "立方尺", "cubic chi", "chi³", ("立方尺",), "volume",
       Decimal("0.03703703704"), "M3", approximate=True),
    # money
    _u("yuan", "元", "yuan", "yuan", ("元", "块"), "currency"),
    _u("fabi-yuan", "法币元", "fabi yuan (Nationalist legal tender)", "fabi yuan", (),
       "currency", broader="yuan"),
    # time
    _u("hour", "小时", "hour", "h", ("个小时", "小时", "个钟头", "钟头"), "time",
       Decimal("3600"), "SEC"),
    _u("day", "天", "day", "d", ("天", "日"), "time", Decimal("86400"), "SEC"),
    _u("week", "星期", "week", "wk", ("个星期", "星期", "周"), "time", Decimal("604800"), "SEC"),
    _u("month", "月", "month", "mo", ("个月", "月"), "time", Decimal("2629746"), "SEC",
       approximate=True),
    _u("year", "年", "year", "a", ("年",), "time", Decimal("31556952"), "SEC",
       approximate=True),
    # ratios
    _u("percent", "%", "percent", "%", ("%", "％"), "ratio", Decimal("0.01"), "UNITLESS"),
    _u("fraction", "分数", "fraction", "fraction", (), "ratio", Decimal("1"), "UNITLESS"),
    # rates: the texts write the numerator's unit after the numeral and the time word apart
    # ("每日只能行进25公里"), so these come from the caller's `unit`, not from the words.
    _u("km-per-day", "公里/日", "kilometres per day", "km/d", (), "rate",
       Decimal("0.01157407407"), "M-PER-SEC", per=("km", "day")),
    _u("zhang-per-hour", "丈/小时", "zhang per hour", "zhang/h", (), "rate",
       Decimal("0.0009259259259"), "M-PER-SEC", approximate=True, per=("zhang", "hour")),
)

UNITS: dict[str, Unit] = {u.id: u for u in UNIT_LIST}

# skos:exactMatch to QUDT for the units QUDT has (local names under QUDT).
QUDT_MATCH: dict[str, str] = {
    "tonne": "TONNE", "km": "KiloM", "hour": "HR", "day": "DAY", "week": "WK", "month": "MO",
    "year": "YR", "percent": "PERCENT",
}

# Written form → unit id, longest first so 个小时 wins over 个 and 立方尺 over 尺.
SURFACES: tuple[tuple[str, str], ...] = tuple(
    sorted(((s, u.id) for u in UNIT_LIST for s in u.surfaces), key=lambda p: -len(p[0]))
)


def unit_iri(unit_id: str) -> str:
    return resource_iri(concept_id("unit", unit_id))


def normalise_unit_id(unit: str) -> str:
    """The local id from any of the forms annotations use: "person", "concept/unit/person" or
    the full IRI."""
    for prefix in (SCHEME + "/", scheme_id("unit") + "/"):
        if unit.startswith(prefix):
            return unit[len(prefix):]
    return unit


def lookup(unit_id: str) -> Unit:
    try:
        return UNITS[unit_id]
    except KeyError:
        raise ValueError(f"unknown unit id {unit_id!r}") from None


def compatible(written: str, requested: str) -> bool:
    """Whether a caller may state `requested` for words that write `written`: the same unit, a
    narrower one (元 → fabi-yuan), or a rate whose numerator is the written unit (公里 → km/day)."""
    if written == requested:
        return True
    req = lookup(requested)
    if req.broader == written:
        return True
    return req.per is not None and req.per[0] == written


def conversion(from_unit: str, to_unit: str) -> tuple[Decimal, bool]:
    """(factor, approximate): 1 from_unit = factor to_unit."""
    a, b = lookup(from_unit), lookup(to_unit)
    if a.factor is None or b.factor is None or a.conversion_to != b.conversion_to:
        raise ValueError(f"no conversion from {from_unit!r} to {to_unit!r}")
    return a.factor / b.factor, a.approximate or b.approximate


# Qualifiers that already say "not exact"; anything else becomes "about" after an approximate
# conversion, because the converted figure is no better than the factor.
_KEEPS_OWN_QUALIFIER = {"about", "vague", "range", "nearly"}


def convert(q: ParsedQuantity, to_unit: str) -> ParsedQuantity:
    """The quantity in another unit of the same kind. An approximate factor (傤 → 吨) makes an
    exact, more-than, reaching… reading "about"; bounds are converted with the same factor."""
    if q.unit is None:
        raise ValueError("cannot convert a quantity without a unit")
    factor, approximate = conversion(q.unit, to_unit)

    def scale(x: Decimal | None) -> Decimal | None:
        return None if x is None else x * factor

    qualifier = q.qualifier
    lower, upper = scale(q.lower), scale(q.upper)
    if approximate and qualifier not in _KEEPS_OWN_QUALIFIER:
        qualifier = "about"
        lower = upper = None
    return dataclasses.replace(
        q, value=scale(q.value), lower=lower, upper=upper, qualifier=qualifier, unit=to_unit
    )
