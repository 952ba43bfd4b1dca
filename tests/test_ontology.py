"""The ontology: header, the vocabulary 0001 promises, labels, OWL 2 DL choices, alignments,
and HermiT (through owlready2) on the ontology with instance fixtures."""

from __future__ import annotations

import re
import shutil
from functools import cache
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, Literal, Namespace, URIRef

from gongyun.ontology.check import dl_problems, gy_terms, label_problems, load_ontology, reason

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "ontology"
GY = Namespace("https://w3id.org/gongyun/ontology#")
ONTOLOGY = URIRef("https://w3id.org/gongyun/ontology")
DCTERMS = Namespace("http://purl.org/dc/terms/")
VANN = Namespace("http://purl.org/vocab/vann/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
OA = Namespace("http://www.w3.org/ns/oa#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
SCHEMA = Namespace("https://schema.org/")
CRM = Namespace("http://www.cidoc-crm.org/cidoc-crm/")

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")


@cache
def onto() -> rdflib.Graph:
    return load_ontology()


def declared(term: URIRef) -> bool:
    return any(onto().triples((term, RDF.type, None)))


def test_header() -> None:
    g = onto()
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in g
    # `gongyun release X.Y.Z` sets both; the version IRI ends with the version info.
    version = g.value(ONTOLOGY, OWL.versionInfo)
    assert version is not None
    assert g.value(ONTOLOGY, OWL.versionIRI) == URIRef(f"https://w3id.org/gongyun/ontology/{version}")
    for prop in (DCTERMS.title, DCTERMS.description):
        assert {lit.language for lit in g.objects(ONTOLOGY, prop)} == {"en", "zh"}
    assert g.value(ONTOLOGY, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/")
    assert g.value(ONTOLOGY, VANN.preferredNamespacePrefix) == Literal("gy")
    assert str(g.value(ONTOLOGY, VANN.preferredNamespaceUri)) == str(GY)


def test_every_gy_term_of_the_data_model_is_declared() -> None:
    """Every `gy:` name written in decision 0001 exists in the ontology."""
    text = (ROOT / "docs" / "decisions" / "0001-data-model.md").read_text(encoding="utf-8")
    names = set(re.findall(r"gy:([A-Za-z][A-Za-z0-9]*)", text))
    assert len(names) > 150
    missing = sorted(n for n in names if not declared(GY[n]))
    assert missing == []


BRIEF_TERMS = [
    "subject", "predicate", "object", "rank", "statedIn", "evidence", "asOf", "validFrom",
    "validUntil", "inRole", "claimKind", "attributedTo", "completeness", "listPosition",
    "earliest", "latest", "precision", "asWritten", "edtf", "timeWord", "anchoredOn",
    "value", "lowerBound", "upperBound", "qualifier", "unit", "countedThing",
    "convertedFrom", "Disagreement", "disagreementType", "between", "rationale",
    "Contradiction", "PartialVersusTotal", "DifferentGranularity",
    "PossiblyDifferentReferent", "ArithmeticInconsistency", "Anachronism",
    "LikelyScanningError", "EditorialReading", "readingOf", "Source", "characterCount",
    "sha256", "titleSupplied", "bibliographicRecord", "covers", "textRights", "Rank",
    "Precision", "QuantityQualifier", "EventStatus", "ClaimKind", "Completeness",
    "DisagreementType", "hasSubOrganization", "unitOf", "foundedBy", "commands", "leads",
    "developedFrom", "hasPart", "named",
]


def test_claim_time_quantity_and_source_terms_are_declared() -> None:
    assert [t for t in BRIEF_TERMS if not declared(GY[t])] == []


def test_terms_the_pipeline_writes_are_declared() -> None:
    """Every gy: term the build code mints (t.gy("...")) is in the ontology."""
    used = set()
    for path in (ROOT / "graph").glob("*.py"):
        used |= set(re.findall(r"""\bgy\(["']([A-Za-z]+)["']\)""", path.read_text("utf-8")))
    assert [t for t in sorted(used) if not declared(GY[t])] == []


@pytest.mark.parametrize(("cls", "members"), [
    (GY.Rank, "PreferredRank NormalRank DeprecatedRank"),
    (GY.Precision, "DayPrecision XunPrecision MonthPrecision SeasonPrecision YearPrecision "
                   "MultiYearPrecision"),
    (GY.QuantityQualifier, "Exact MoreThan About Nearly AtLeast AtMost LessThan Reaching Range "
                           "Vague"),
    (GY.EventStatus, "Occurred Requested Promised Refused NotApproved NotOccurred Planned "
                     "Decided Abandoned"),
    (GY.ClaimKind, "Report AuthorJudgement"),
    (GY.Completeness, "Complete Incomplete PartialList"),
    (GY.RetirementKind, "Renamed Merged Split Deleted"),
    (GY.DisagreementType, "Contradiction PartialVersusTotal DifferentGranularity "
                          "PossiblyDifferentReferent ArithmeticInconsistency Anachronism "
                          "LikelyScanningError"),
])
def test_value_individuals_are_typed(cls: URIRef, members: str) -> None:
    g = onto()
    for name in members.split():
        assert (GY[name], RDF.type, cls) in g
        assert (GY[name], RDF.type, OWL.NamedIndividual) in g
    assert (cls, RDFS.subClassOf, SKOS.Concept) in g


def test_every_gy_term_is_labelled_and_defined() -> None:
    assert label_problems(onto()) == []


def test_a_missing_label_is_reported() -> None:
    g = rdflib.Graph()
    g += onto()
    g.remove((GY.Claim, RDFS.label, Literal("断言", lang="zh")))
    g.add((GY.Claim, RDFS.comment, GY.NoSuchTerm))
    problems = label_problems(g)
    assert f"{GY.Claim.n3()} has no rdfs:label @zh" in problems
    assert f"{GY.NoSuchTerm.n3()} is used but not declared" in problems


def test_nothing_a_source_can_state_twice_is_functional() -> None:
    assert dl_problems(onto()) == []
    g = rdflib.Graph()
    g += onto()
    g.add((GY.occurredWithin, RDF.type, OWL.FunctionalProperty))
    assert dl_problems(g) == [f"{GY.occurredWithin.n3()} is a {OWL.FunctionalProperty.n3()}"]


def test_each_property_has_exactly_one_owl_kind() -> None:
    """OWL 2 DL: no IRI is both an object and a datatype (or annotation) property."""
    g = onto()
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    for term in {s for k in kinds for s in g.subjects(RDF.type, k)}:
        assert sum((term, RDF.type, k) in g for k in kinds) == 1, term
    assert list(g.subjects(RDF.type, RDF.Property)) == []


def test_object_and_predicate_are_annotation_properties() -> None:
    """gy:object holds an IRI or a literal and gy:predicate a property IRI: DL-safe only as
    annotation properties (decision 0002)."""
    g = onto()
    for term in (GY.object, GY.predicate):
        assert (term, RDF.type, OWL.AnnotationProperty) in g
        assert g.value(term, RDFS.range) is None


def test_no_xsd_date_range() -> None:
    """xsd:date is outside the OWL 2 datatype map; SHACL checks it instead (decision 0004)."""
    xsd_date = URIRef("http://www.w3.org/2001/XMLSchema#date")
    assert list(onto().subjects(RDFS.range, xsd_date)) == []


def test_domains_and_ranges_are_declared_classes() -> None:
    g = onto()
    for pred in (RDFS.domain, RDFS.range):
        for _, target in g.subject_objects(pred):
            if isinstance(target, URIRef) and not str(target).startswith(
                    "http://www.w3.org/2001/XMLSchema#"):
                assert declared(target), target


@pytest.mark.parametrize(("prop", "inverse"), [
    (GY.memberOf, GY.hasMember), (GY.subOrganizationOf, GY.hasSubOrganization),
    (GY.hasUnit, GY.unitOf), (GY.founds, GY.foundedBy), (GY.commandedBy, GY.commands),
    (GY.ledBy, GY.leads), (GY.developedInto, GY.developedFrom), (GY.partOf, GY.hasPart),
])
def test_inverses(prop: URIRef, inverse: URIRef) -> None:
    assert (prop, OWL.inverseOf, inverse) in onto()


@pytest.mark.parametrize(("term", "relation", "external"), [
    (GY.Organization, RDFS.subClassOf, ORG.Organization),
    (GY.OrganizationalUnit, RDFS.subClassOf, ORG.OrganizationalUnit),
    (GY.memberOf, RDFS.subPropertyOf, ORG.memberOf),
    (GY.hasMember, RDFS.subPropertyOf, ORG.hasMember),
    (GY.subOrganizationOf, RDFS.subPropertyOf, ORG.subOrganizationOf),
    (GY.hasUnit, RDFS.subPropertyOf, ORG.hasUnit),
    (GY.headOf, RDFS.subPropertyOf, ORG.headOf),
    (GY.Claim, RDFS.subClassOf, PROV.Entity),
    (GY.Event, RDFS.subClassOf, PROV.Activity),
    (GY.Agent, RDFS.subClassOf, PROV.Agent),
    (GY.statedIn, RDFS.subPropertyOf, PROV.hadPrimarySource),
    (GY.attributedTo, RDFS.subPropertyOf, PROV.wasAttributedTo),
    (GY.TimeWindow, RDFS.subClassOf, TIME.ProperInterval),
    (GY.occurredWithin, RDFS.subPropertyOf, TIME.hasTime),
    (GY.evidence, RDFS.range, OA.Annotation),
    (GY.Place, RDFS.subClassOf, GEO.Feature),
    (GY.Quantity, RDFS.subClassOf, SCHEMA.QuantitativeValue),
    (GY.Event, RDFS.subClassOf, CRM.E5_Event),
    (GY.Person, RDFS.subClassOf, CRM.E21_Person),
    (GY.TimeWindow, RDFS.subClassOf, CRM["E52_Time-Span"]),
    (GY.Place, RDFS.subClassOf, CRM.E53_Place),
    (GY.Quantity, RDFS.subClassOf, CRM.E54_Dimension),
    (GY.Founding, RDFS.subClassOf, CRM.E66_Formation),
    (GY.Group, RDFS.subClassOf, CRM.E74_Group),
    (GY.occurredWithin, RDFS.subPropertyOf, CRM["P4_has_time-span"]),
    (GY.tookPlaceAt, RDFS.subPropertyOf, CRM.P7_took_place_at),
    (GY.hasParticipant, RDFS.subPropertyOf, CRM.P11_had_participant),
    (GY.earliest, RDFS.subPropertyOf, CRM.P82a_begin_of_the_begin),
    (GY.latest, RDFS.subPropertyOf, CRM.P82b_end_of_the_end),
    (GY.Rank, RDFS.subClassOf, SKOS.Concept),
])
def test_alignment(term: URIRef, relation: URIRef, external: URIRef) -> None:
    assert (term, relation, external) in onto()
    assert declared(external), f"{external} is used but not declared"


def test_the_data_model_subclass_tree() -> None:
    g = onto()
    for sub, sup in [(GY.ArmedUnit, GY.Organization), (GY.Enterprise, GY.Organization),
                     (GY.Facility, GY.Place), (GY.TransportRoute, GY.Facility),
                     (GY.RailwaySection, GY.TransportRoute), (GY.Policy, GY.Work),
                     (GY.EditorialReading, GY.Claim), (GY.RelocationLeg, GY.Event),
                     (GY.organisedBy, GY.hasParticipant)]:
        rel = RDFS.subPropertyOf if sub == GY.organisedBy else RDFS.subClassOf
        assert (sub, rel, sup) in g


# --- HermiT -----------------------------------------------------------------------------

def fixture(name: str) -> rdflib.Graph:
    return rdflib.Graph().parse(FIXTURES / name, format="turtle")


@needs_java
def test_ontology_with_instances_is_consistent_and_satisfiable() -> None:
    result = reason(onto(), fixture("instances.ttl"))
    assert result.error is None
    assert result.consistent
    assert result.unsatisfiable == []


@needs_java
@pytest.mark.parametrize("name", ["inconsistent.ttl", "inconsistent-domain.ttl"])
def test_reasoner_catches_an_inconsistency(name: str) -> None:
    result = reason(onto(), fixture(name))
    assert result.error is None
    assert not result.consistent
    assert result.problems == ["the ontology with its instances is inconsistent (HermiT)"]


@needs_java
def test_reasoner_reports_an_unsatisfiable_class() -> None:
    result = reason(onto(), fixture("unsatisfiable.ttl"))
    assert result.consistent
    assert result.unsatisfiable == ["https://example.org/test#EventPlace"]
    assert result.problems == ["unsatisfiable class: https://example.org/test#EventPlace"]


# --- the inventory ------------------------------------------------------------------------

INVENTORY_QUOTE = re.compile(r"\((\d{3}) ¶(\d+)\): 「(.+?)」")


def test_inventory_quotes_are_verbatim_and_terms_declared() -> None:
    """Every quote in ontology/INVENTORY.md occurs in the paragraph it cites; every gy: term it
    names is in the ontology; it lists at least 30 kinds of fact."""
    inventory = (ROOT / "ontology" / "INVENTORY.md").read_text(encoding="utf-8")
    paragraphs = {p.name[:3]: p.read_text(encoding="utf-8").split("\n")
                  for p in (ROOT / "graph" / "corpus").glob("*.txt")}
    quotes = INVENTORY_QUOTE.findall(inventory)
    assert len(quotes) >= 30
    for source, number, quote in quotes:
        assert quote in paragraphs[source][int(number) - 1], (source, number, quote)
    kinds = re.findall(r"^\d+\. \*\*", inventory, flags=re.MULTILINE)
    assert len(kinds) == len(quotes)
    named = set(re.findall(r"gy:([A-Za-z][A-Za-z0-9]*)", inventory))
    assert sorted(n for n in named if not declared(GY[n])) == []


def test_no_gy_term_is_punned() -> None:
    """OWL 2 DL allows punning, but a gy: IRI that is both a class and an individual (or a
    property) is always a slip in this vocabulary."""
    g = onto()
    kinds = {
        "class": {OWL.Class, RDFS.Class},
        "property": {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty},
        "individual": {OWL.NamedIndividual},
    }
    for term in gy_terms(g):
        types = set(g.objects(term, RDF.type))
        assert sum(bool(types & k) for k in kinds.values()) == 1, (term, types)
