"""The one IRI module: local ids by kind, the resource IRI and its inverse, and new ids for the
drafting and the workbench, checked against the ids the curated files already use."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode

from gongyun import namespaces as iris
from gongyun.graph.build import BuildReport


def test_each_kind_has_the_pattern_of_the_data_model():
    # docs/decisions/0001-data-model.md, § IRIs
    assert iris.source_id("001") == "source/001"
    assert iris.author_id("001") == "source/001/author"
    assert iris.claim_id("001-c0012") == "claim/001-c0012"
    assert iris.annotation_id("001-e0005") == "annotation/001-e0005"
    assert iris.annotation_id("001-e0005", "target") == "annotation/001-e0005/target"
    assert iris.quantity_id("001-c0013") == "quantity/001-c0013"
    assert iris.time_window_id("001-c0012") == "time/001-c0012"
    assert iris.time_window_id("001-c0012", "as-of") == "time/001-c0012-as-of"
    assert iris.instant_id("time/001-c0012", "begin") == "time/001-c0012/begin"
    assert iris.concept_id("unit", "tonne") == "concept/unit/tonne"
    assert iris.scheme_id("timeword") == "concept/timeword"
    assert iris.place_geometry_id("place/hankou") == "place/hankou/geometry"
    assert iris.place_part_of_id("place/hankou", 1) == "place/hankou/part-of/1"
    assert iris.place_name_relation_id("place/hankou", 2) == "place/hankou/name-relation/2"
    assert iris.build_id("71cf519c7efd9f21b1aa") == "build/71cf519c7efd9f21"
    assert iris.graph_iri(iris.claims_graph("002")) == "https://w3id.org/gongyun/graph/claims/002"
    with pytest.raises(ValueError):
        iris.instant_id("time/001-c0012", "middle")


def test_resource_iri_and_local_id_are_inverse():
    iri = iris.resource_iri("org/shanxi-gtu")
    assert iri == "https://w3id.org/gongyun/resource/org/shanxi-gtu"
    assert iris.local_id(iri) == "org/shanxi-gtu"
    assert iris.local_id("https://example.org/org/shanxi-gtu") is None
    assert iris.short_form(iri) == "org/shanxi-gtu"
    assert iris.short_form(iris.term("Claim")) == "gy:Claim"
    assert iris.short_form("https://schema.org/Event") == "https://schema.org/Event"
    assert iris.prefixed("rdf", "type") == iris.RDF_TYPE


def test_the_built_graph_uses_the_minted_ids(built: BuildReport):
    subjects = {q.subject.value for q in built.quads if isinstance(q.subject, NamedNode)}
    for claim in ("001-c0001", "001-c0002"):
        assert iris.resource_iri(iris.claim_id(claim)) in subjects
    assert iris.resource_iri(iris.quantity_id("001-c0117")) in subjects
    assert iris.resource_iri(iris.time_window_id("001-c0131")) in subjects
    assert iris.resource_iri(iris.time_window_id("000-c2682", "as-of")) in subjects
    assert iris.resource_iri(iris.instant_id(iris.time_window_id("001-c0131"), "end")) in subjects
    assert iris.resource_iri(iris.annotation_id("001-e0001", "position")) in subjects
    assert iris.resource_iri(iris.author_id("001")) in subjects
    assert iris.resource_iri(iris.EDITORS) in subjects


def test_new_ids_follow_the_rules_of_the_existing_ones(built: BuildReport):
    """Every entity and place id in the graph is prefix + SLUG, and minting a new id from an
    existing slug gives that id back: the rules are the ones the curators followed."""
    typed = {iris.local_id(q.subject.value) for q in built.quads
             if q.predicate.value == iris.RDF_TYPE and q.subject.value.startswith(iris.RESOURCE)}
    entities = {i for i in typed if i and i.split("/", 1)[0] + "/" in
                (*iris.ENTITY_PREFIXES, iris.PLACE_PREFIX) and i.count("/") == 1}
    assert len(entities) > 900
    for ident in entities:
        assert iris.is_entity_id(ident), ident
        prefix, rest = ident.split("/", 1)
        assert iris.new_local_id(prefix, rest) == ident


def test_a_new_entity_id_from_an_english_or_pinyin_name():
    assert (iris.new_local_id("ArmedUnit", "Taiyuan Workers' Self-Defence Corps")
            == "armed/taiyuan-workers-self-defence-corps")
    assert iris.new_local_id("person", "Kāng Yǒnghé") == "person/kang-yonghe"
    assert iris.new_local_id("Place", "Xi'an") == "place/xian"
    assert iris.new_local_id("org/", "Shanxi  GTU (1937)") == "org/shanxi-gtu-1937"
    assert (iris.new_local_id("Group", "the workers of Shanxi", source="001")
            == "group/001-the-workers-of-shanxi")
    taken = {"org/shanxi-gtu", "org/shanxi-gtu-2"}
    assert iris.new_local_id("Organization", "Shanxi GTU", taken) == "org/shanxi-gtu-3"
    long = iris.new_local_id("event", " ".join(["resistance"] * 12))
    assert len(long.split("/", 1)[1]) <= iris.SLUG_MAX and not long.endswith("-")
    with pytest.raises(ValueError, match="English or pinyin"):
        iris.new_local_id("org", "山西省总工会")
    with pytest.raises(ValueError, match="no id prefix"):
        iris.new_local_id("Spaceship", "Enterprise")
    with pytest.raises(ValueError, match="three-digit"):
        iris.new_local_id("group", "workers", source="1")


def test_new_claim_and_evidence_ids_never_reuse_a_number():
    taken = ["001-c0012", "claim/001-c0973", "002-c2000", "001-e0156"]
    assert iris.next_claim_id("001", taken) == "001-c0974"
    assert iris.next_claim_id("003", taken) == "003-c0001"
    assert iris.next_evidence_id("001", taken) == "001-e0157"
    assert iris.CLAIM_ID.match(iris.next_claim_id("002", taken))
    with pytest.raises(ValueError):
        iris.next_claim_id("1", taken)
