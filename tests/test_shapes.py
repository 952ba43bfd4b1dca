"""The SHACL shapes: each is shown rejecting a small invalid fixture with its message, and the
valid fixture passes all of them. Fixtures: tests/fixtures/shapes/ (each invalid-*.ttl is
validated together with valid.ttl, so it only needs the broken nodes)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import rdflib
from pyshacl import validate
from rdflib import RDF, BNode, Namespace, URIRef
from rdflib.plugins.sparql import processor
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from gongyun.ontology.check import (
    load_ontology,
    load_shapes,
    meta_shacl_problems,
    shape_message_problems,
    undeclared_shape_terms,
)

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
SH = Namespace("http://www.w3.org/ns/shacl#")
GYSH = "https://w3id.org/gongyun/shapes#"



@pytest.fixture(autouse=True, scope="module")
def _sparql_parsed_once():
    """pyshacl hands rdflib each SPARQL constraint as text on every run, and parsing is most of
    a run's time (1.3 of 1.9 s): these tests validate ~150 times, so each constraint is parsed
    once and its prepared form reused (what rdflib's prepareQuery is for)."""
    original = processor.SPARQLProcessor.query

    @cache
    def prepared(text: str, base: str | None, namespaces: frozenset) -> object:
        return translateQuery(parseQuery(text), base, dict(namespaces) or None)

    def query(self, str_or_query, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(str_or_query, str):
            str_or_query = prepared(str_or_query, base, frozenset((initNs or {}).items()))
        return original(self, str_or_query, initBindings, initNs, base, DEBUG)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(processor.SPARQLProcessor, "query", query)
        yield


# fixture -> (node shape, severity, words the message must contain)
CASES: dict[str, tuple[str, str, str]] = {
    "claim-no-subject": ("ClaimShape", "Violation", "exactly one gy:subject"),
    "claim-bad-predicate": ("ClaimShape", "Violation", "exactly one gy:predicate, a gy: property"),
    "claim-two-objects": ("ClaimShape", "Violation", "exactly one gy:object"),
    "claim-no-rank": ("ClaimShape", "Violation", "exactly one gy:rank"),
    "claim-no-source": ("SourceClaimStatedInShape", "Violation", "must name the source"),
    "claim-no-evidence": ("SourceClaimEvidenceShape", "Violation", "at least one gy:evidence"),
    "claim-judgement-as-report": ("JudgementKindShape", "Violation",
                                  "lacks gy:claimKind gy:AuthorJudgement"),
    "claim-object-outside-range": ("ClaimRangeShape", "Violation",
                                   "place/taiyuan is not a https://w3id.org/gongyun/ontology#"
                                   "TimeWindow"),
    "claim-subject-outside-domain": ("ClaimDomainShape", "Violation",
                                     "is not a https://w3id.org/gongyun/ontology#Agent"),
    "reading-no-reading-of": ("EditorialReadingShape", "Violation", "gy:readingOf"),
    "reading-not-attributed": ("EditorialReadingShape", "Violation", "prov:wasAttributedTo"),
    "disagreement-one-claim": ("DisagreementShape", "Violation", "at least two gy:Claim"),
    "disagreement-no-type": ("DisagreementShape", "Violation", "exactly one gy:disagreementType"),
    "disagreement-no-rationale": ("DisagreementShape", "Violation", "rationale in English"),
    "disagreement-no-verdict": ("DisagreementShape", "Violation", "the curators' verdict"),
    "disagreement-no-chinese-rationale": ("DisagreementShape", "Violation", "rationale in Chinese"),
    "reading-no-kind": ("EditorialReadingShape", "Violation", "exactly one gy:readingKind"),
    "reading-no-chinese-rationale": ("EditorialReadingShape", "Violation", "rationale in Chinese"),
    "quantity-vague-point-value": ("QuantityVagueShape", "Violation", "no gy:value"),
    "window-open-with-end": ("TimeWindowEndShape", "Violation", "open-ended window"),
    "window-no-end": ("TimeWindowEndShape", "Violation", "any other has one"),
    "competing-dates": ("CompetingTimeShape", "Warning", "windows for"),
    "competing-sizes": ("CompetingSizeShape", "Warning", "ranges that do not overlap"),
    "annotation-no-target": ("AnnotationShape", "Violation", "exactly one oa:hasTarget"),
    "annotation-body-not-claim": ("AnnotationShape", "Violation", "must be the gy:Claim nodes"),
    "annotation-bad-review-state": ("AnnotationShape", "Violation", "gy:reviewState must be"),
    "target-no-position": ("EvidenceTargetShape", "Violation",
                           "exactly one oa:TextPositionSelector"),
    "target-no-source": ("EvidenceTargetShape", "Violation", "exactly one oa:hasSource"),
    "quote-empty": ("TextQuoteSelectorShape", "Violation", "non-empty oa:exact"),
    "position-start-after-end": ("TextPositionSelectorShape", "Violation",
                                 "oa:start must be less than oa:end"),
    "position-not-integer": ("TextPositionSelectorShape", "Violation", "non-negative integer"),
    "selectors-disagree": ("SelectorAgreementShape", "Violation", "the quote has 34 code points"),
    "offset-beyond-source": ("SelectorAgreementShape", "Violation", "beyond the end of its source"),
    "window-reversed": ("TimeWindowShape", "Violation", "gy:earliest must not be after"),
    "window-no-precision": ("TimeWindowShape", "Violation", "exactly one gy:precision"),
    "window-not-date": ("TimeWindowShape", "Violation", "exactly one gy:earliest, an xsd:date"),
    "window-instant-mismatch": ("TimeWindowInstantsShape", "Violation",
                                "time:hasBeginning must equal gy:earliest"),
    "window-end-instant-mismatch": ("TimeWindowEndInstantShape", "Violation",
                                    "time:hasEnd must equal gy:latest"),
    "instant-no-date": ("InstantShape", "Violation", "exactly one time:inXSDDate"),
    "quantity-bounds-reversed": ("QuantityShape", "Violation",
                                 "gy:lowerBound must not exceed its gy:upperBound"),
    "quantity-value-above-upper": ("QuantityShape", "Violation",
                                   "gy:value must not exceed its gy:upperBound"),
    "quantity-negative": ("QuantityShape", "Violation", "cannot be negative"),
    "quantity-no-value": ("QuantityFigureShape", "Violation", "neither a gy:value nor a bound"),
    "quantity-no-qualifier": ("QuantityShape", "Violation", "exactly one gy:qualifier"),
    "quantity-no-unit": ("QuantityUnitShape", "Warning", "has no gy:unit"),
    "quantity-blank-node": ("IRIShape", "Violation", "blank node"),
    "percent-over-100": ("PercentRangeShape", "Violation", "must lie between 0 and 100"),
    "share-not-percent": ("ShareUnitShape", "Violation", "quantity in percent"),
    "geometry-outside-china": ("PointInChinaShape", "Violation", "outside 73-135 E, 18-54 N"),
    "geometry-bad-wkt": ("GeometryShape", "Violation", "POINT(lon lat)"),
    "part-of-itself": ("PlacePartOfShape", "Violation", "cannot be part of itself"),
    "name-relation-bad-type": ("PlaceNameRelationShape", "Violation",
                               "exactly one gy:relationType"),
    "attributed-agent-unlabelled": ("AttributedAgentShape", "Violation",
                                    "must have an rdfs:label"),
    "build-ends-before-start": ("BuildShape", "Violation", "not after its prov:endedAtTime"),
    "place-part-of-person": ("PlaceShape", "Violation", "gy:partOf must point to a gy:Place"),
    "division-code-not-six-digits": ("PresentDayDivisionCodeShape", "Violation",
                                     "six digits of GB/T 2260"),
    "division-code-on-an-organisation": ("PresentDayDivisionCodeShape", "Violation",
                                         "Only a gy:Place has"),
    "two-division-codes": ("PresentDayDivisionCodeShape", "Violation", "at most one"),
    "section-two-ends": ("RailwaySectionShape", "Violation", "at most one gy:fromStation"),
    "entity-pinyin-only": ("EntityShape", "Violation", "rdfs:label in Chinese (@zh)"),
    "entity-two-zh-labels": ("EntityShape", "Violation", "two rdfs:labels in one language"),
    "entity-no-english": ("EnglishLabelShape", "Violation", "no rdfs:label in English"),
    "entity-no-pinyin": ("PinyinLabelShape", "Violation", "no pinyin rdfs:label"),
    "person-spouse-organisation": ("PersonShape", "Violation", "gy:spouseOf must point"),
    "organisation-member-of-place": ("OrganizationShape", "Violation", "gy:memberOf must point"),
    "group-subset-of-person": ("GroupShape", "Violation", "gy:subsetOf must point"),
    "collection-industry-literal": ("CollectionShape", "Violation", "gy:industry must be"),
    "event-bad-status": ("EventShape", "Violation", "gy:eventStatus must be one of"),
    "work-author-place": ("WorkShape", "Violation", "gy:author must point to a gy:Agent"),
    "source-bad-checksum": ("SourceShape", "Violation", "64 lower-case hexadecimal digits"),
    "concept-no-label": ("ConceptShape", "Violation", "A concept must have a label"),
    "concept-no-scheme": ("DataConceptSchemeShape", "Violation", "must be in a scheme"),
    "scheme-no-label": ("ConceptSchemeShape", "Violation", "A concept scheme must have"),
    "retired-no-date": ("RetiredResourceShape", "Violation", "exactly one dcterms:date"),
    "retired-deleted-with-replacement": ("RetirementReplacementsShape", "Violation",
                                         "a deletion has none"),
    "retired-still-typed": ("RetiredDescribesNothingShape", "Violation", "is still typed"),
}


@cache
def ontology() -> rdflib.Graph:
    return load_ontology()


@cache
def shapes() -> rdflib.Graph:
    return load_shapes()


@cache
def base() -> rdflib.Graph:
    return rdflib.Graph().parse(FIXTURES / "valid.ttl", format="turtle")


@cache
def one_shape(local: str) -> rdflib.Graph:
    """The node shape `local` alone (its concise bounded description, property shapes and
    lists included) plus the prefix declarations its SPARQL uses: validating a fixture against
    one shape keeps the suite fast (pyshacl re-parses every SPARQL query on each run)."""
    graph = shapes()
    single = rdflib.Graph()
    todo, seen = [URIRef(GYSH + local), URIRef(GYSH)], set()  # gysh: holds sh:declare
    while todo:  # follow references to other named shapes (e.g. gysh:ChineseLabel)
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        described = graph.cbd(node)
        single += described
        todo += [o for o in described.objects() if isinstance(o, URIRef)
                 and str(o).startswith(GYSH) and (o, RDF.type, SH.NodeShape) in graph]
    return single


def results(data: rdflib.Graph, shapes_graph: rdflib.Graph | None = None
            ) -> list[tuple[str, str, str]]:
    """(owning node shape, severity, message) of every result."""
    _conforms, report, _text = validate(
        data, shacl_graph=shapes_graph if shapes_graph is not None else shapes(),
        ont_graph=ontology(), inference="none", advanced=True, allow_warnings=True,
    )
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(result, SH.sourceShape)
        if isinstance(source, BNode):  # a property shape: report the node shape owning it
            source = shapes().value(None, SH.property, source) or source
        severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        out.append((str(source).removeprefix(GYSH), severity,
                    str(report.value(result, SH.resultMessage))))
    return out


def test_valid_fixture_passes_every_shape() -> None:
    assert results(base()) == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_invalid_fixture_is_rejected_with_its_message(case: str) -> None:
    shape, severity, words = CASES[case]
    data = rdflib.Graph()
    data += base()
    data.parse(FIXTURES / f"invalid-{case}.ttl", format="turtle")
    found = results(data, one_shape(shape))
    assert any(s == shape and sev == severity and words in m for s, sev, m in found), found


def test_one_shape_alone_still_passes_the_valid_fixture() -> None:
    """The single-shape graphs the cases use are complete shapes: each passes valid.ttl."""
    for shape in sorted({shape for shape, _, _ in CASES.values()}):
        assert results(base(), one_shape(shape)) == [], shape


@pytest.mark.slow
def test_invalid_fixtures_break_only_expected_shapes_with_all_shapes_loaded() -> None:
    """With every shape loaded, each invalid fixture still yields its expected result."""
    for case, (shape, severity, words) in sorted(CASES.items()):
        data = rdflib.Graph()
        data += base()
        data.parse(FIXTURES / f"invalid-{case}.ttl", format="turtle")
        found = results(data)
        assert any(s == shape and sev == severity and words in m for s, sev, m in found), case


def test_every_fixture_has_a_case_and_every_case_a_fixture() -> None:
    on_disk = {p.stem.removeprefix("invalid-") for p in FIXTURES.glob("invalid-*.ttl")}
    assert on_disk == set(CASES)


def test_every_targeted_shape_is_exercised_by_an_invalid_fixture() -> None:
    graph = shapes()
    targeted = set()
    for target in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
        targeted |= {str(s).removeprefix(GYSH) for s in graph.subjects(target, None)
                     if isinstance(s, URIRef)}
    assert targeted - {shape for shape, _, _ in CASES.values()} == set()


def test_every_shape_file_is_named_like_the_build_expects() -> None:
    from gongyun.paths import SHAPES_DIR

    files = sorted(p.name for p in SHAPES_DIR.glob("*.ttl"))
    assert files and all(name.endswith(".shapes.ttl") for name in files)


def test_shapes_conform_to_shacl_shacl() -> None:
    assert meta_shacl_problems(shapes()) == []


def test_meta_shapes_catch_a_malformed_shape() -> None:
    broken = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <https://example.org/S> a sh:NodeShape ; sh:targetClass <https://example.org/C> ;
            sh:property [ sh:path <https://example.org/p> ; sh:minCount "one" ] .
    """, format="turtle")
    assert meta_shacl_problems(broken)


def test_shapes_name_only_declared_terms() -> None:
    assert undeclared_shape_terms(shapes(), ontology()) == []


def test_undeclared_term_in_a_shape_is_reported() -> None:
    extra = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix gy: <https://w3id.org/gongyun/ontology#> .
        <https://example.org/S> a sh:NodeShape ; sh:targetClass gy:Claim ;
            sh:property [ sh:path gy:noSuchProperty ; sh:minCount 1 ; sh:message "x" ] .
    """, format="turtle")
    problems = undeclared_shape_terms(extra, ontology())
    assert problems == ["a shape names <https://w3id.org/gongyun/ontology#noSuchProperty>, "
                        "which the ontology does not declare"]


def test_every_constraint_has_a_message() -> None:
    assert shape_message_problems(shapes()) == []
    silent = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <https://example.org/S> a sh:NodeShape ; sh:targetClass <https://example.org/C> ;
            sh:property [ sh:path <https://example.org/p> ; sh:minCount 1 ] .
    """, format="turtle")
    assert shape_message_problems(silent)


def test_shape_iris_are_under_the_shapes_namespace() -> None:
    graph = shapes()
    named = {s for s in graph.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    assert named and all(str(s).startswith(GYSH) for s in named)
