"""Units: the vocabulary file agrees with the code, every unit the parser returns is a concept,
and conversion keeps the approximation honest."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SKOS

from gongyun.normalise.numbers import parse_quantity
from gongyun.normalise.scan import scan_numbers
from gongyun.normalise.units import (
    QUDT,
    QUDT_MATCH,
    SCHEME,
    SURFACES,
    UNITS,
    conversion,
    convert,
    unit_iri,
)
from gongyun.paths import CORPUS_DIR, VOCAB_DIR

GY = rdflib.Namespace("https://w3id.org/gongyun/ontology#")


@pytest.fixture(scope="module")
def vocab() -> rdflib.Graph:
    return rdflib.Graph().parse(VOCAB_DIR / "units.ttl")


def test_scheme_and_concepts(vocab: rdflib.Graph) -> None:
    scheme = rdflib.URIRef(SCHEME)
    assert (scheme, rdflib.RDF.type, SKOS.ConceptScheme) in vocab
    concepts = set(vocab.subjects(SKOS.inScheme, scheme))
    assert concepts == {rdflib.URIRef(unit_iri(u)) for u in UNITS}
    for c in concepts:
        assert (c, rdflib.RDF.type, SKOS.Concept) in vocab


def test_every_unit_agrees_with_the_code(vocab: rdflib.Graph) -> None:
    for u in UNITS.values():
        c = rdflib.URIRef(unit_iri(u.id))
        labels = {(str(o), o.language) for o in vocab.objects(c, SKOS.prefLabel)}
        assert labels == {(u.zh, "zh"), (u.en, "en")}, u.id
        assert str(vocab.value(c, SKOS.notation)) == u.notation
        assert {str(o) for o in vocab.objects(c, SKOS.altLabel)} == set(u.surfaces) - {u.zh}
        assert str(vocab.value(c, GY.dimension)) == u.dimension
        factor = vocab.value(c, GY.conversionFactor)
        if u.factor is None:
            assert factor is None, u.id
            assert vocab.value(c, GY.conversionApproximate) is None
        else:
            assert factor.datatype == rdflib.XSD.decimal
            assert factor.toPython() == u.factor, u.id
            assert vocab.value(c, GY.conversionUnit) == rdflib.URIRef(QUDT + u.conversion_to)
            assert vocab.value(c, GY.conversionApproximate).toPython() is u.approximate, u.id
        broader = vocab.value(c, SKOS.broader)
        assert broader == (rdflib.URIRef(unit_iri(u.broader)) if u.broader else None)
        if u.per:
            assert vocab.value(c, GY.rateNumerator) == rdflib.URIRef(unit_iri(u.per[0]))
            assert vocab.value(c, GY.rateDenominator) == rdflib.URIRef(unit_iri(u.per[1]))
        match = vocab.value(c, SKOS.exactMatch)
        assert match == (rdflib.URIRef(QUDT + QUDT_MATCH[u.id]) if u.id in QUDT_MATCH else None)


def test_dun_is_approximate_in_the_data(vocab: rdflib.Graph) -> None:
    c = rdflib.URIRef(unit_iri("dun"))
    assert vocab.value(c, GY.conversionApproximate).toPython() is True
    assert vocab.value(c, GY.conversionFactor).toPython() == Decimal("0.57")


def test_every_unit_the_parser_can_return_has_a_concept(vocab: rdflib.Graph) -> None:
    concepts = {str(c) for c in vocab.subjects(SKOS.inScheme, rdflib.URIRef(SCHEME))}
    returned = {uid for _, uid in SURFACES} | {"fraction", "percent", "fabi-yuan"}
    for uid in returned:
        assert unit_iri(uid) in concepts
    for path in sorted(Path(CORPUS_DIR).glob("*.txt")):
        for span in scan_numbers(path.read_text(encoding="utf-8")):
            unit = parse_quantity(span.text).unit
            assert unit is None or unit_iri(unit) in concepts


@pytest.mark.parametrize(
    ("words", "unit"),
    [("吨", "tonne"), ("傤", "dun"), ("公里", "km"), ("里", "li"), ("丈", "zhang"),
     ("立方尺", "cubic-chi"), ("元", "yuan"), ("人", "person"), ("名", "person"), ("只", "boat"),
     ("艘", "boat"), ("支", "item"), ("辆", "vehicle"), ("家", "enterprise"), ("个", "count"),
     ("起", "occurrence"), ("次", "occurrence"), ("处", "site"), ("小时", "hour"),
     ("天", "day"), ("日", "day"), ("个月", "month"), ("年", "year"), ("%", "percent")],
)
def test_written_units(words: str, unit: str) -> None:
    assert parse_quantity("5" + words).unit == unit


def test_dun_to_tonne_is_about() -> None:
    q = convert(parse_quantity("20万傤"), "tonne")
    assert (q.value, q.qualifier, q.unit, q.as_written) == (Decimal("114"), "about", "tonne",
                                                            "20万傤")
    assert q.lower is None and q.upper is None
    # the text's own figure: 1万傤 ≈ 5.7 t
    assert convert(parse_quantity("万傤"), "tonne").value == Decimal("5.7")


def test_approximate_conversion_keeps_a_range() -> None:
    q = convert(parse_quantity("二三万傤"), "tonne")
    assert (q.qualifier, q.lower, q.upper) == ("range", Decimal("11.4"), Decimal("17.1"))


def test_exact_conversion_keeps_the_qualifier() -> None:
    q = convert(parse_quantity("650 余公里"), "li")
    assert q.qualifier == "about"  # 里 is approximate
    q = convert(parse_quantity("1. 2万吨以上"), "tonne")
    assert (q.qualifier, q.lower, q.upper) == ("more-than", Decimal("12000"), None)
    q = convert(parse_quantity("6个小时"), "day")
    assert (q.qualifier, q.value) == ("exact", Decimal("0.25"))


def test_conversion_errors() -> None:
    with pytest.raises(ValueError):
        conversion("tonne", "km")
    with pytest.raises(ValueError):
        convert(parse_quantity("11人"), "tonne")
    with pytest.raises(ValueError):
        convert(parse_quantity("二○五"), "tonne")
    with pytest.raises(ValueError):
        conversion("tonne", "stone")


def test_rates() -> None:
    day = parse_quantity("25公里", unit="km-per-day")
    assert day.unit == "km-per-day"
    assert convert(day, "km-per-day").value == Decimal(25)
    hour = parse_quantity("两丈许", unit="zhang-per-hour")
    assert (hour.unit, hour.qualifier) == ("zhang-per-hour", "about")
    with pytest.raises(ValueError):
        parse_quantity("25公里", unit="zhang-per-hour")
