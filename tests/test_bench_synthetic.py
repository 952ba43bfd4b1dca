"""The synthetic graph generator: same seed and size, same bytes; proportions of the real graph;
valid N-Quads in the real graph's named graphs; bounded memory (streaming)."""

from __future__ import annotations

import hashlib
import io

import pyoxigraph as ox
import pytest

from bench import synthetic
from bench.profile import measure, shares
from gongyun.namespaces import GRAPH, RESOURCE

SIZE = 10_000


def _text(size: int = SIZE, seed: int = 1937) -> str:
    buf = io.StringIO()
    synthetic.generate(buf, size, seed)
    return buf.getvalue()


@pytest.fixture(scope="module")
def text() -> str:
    return _text()


@pytest.fixture(scope="module")
def quads(text: str) -> list[ox.Quad]:
    return list(ox.parse(text, format=ox.RdfFormat.N_QUADS))


def test_same_seed_same_bytes(text: str) -> None:
    assert hashlib.sha256(_text().encode()).digest() == hashlib.sha256(text.encode()).digest()


def test_other_seed_other_graph(text: str) -> None:
    assert _text(seed=1945) != text


def test_size_is_reached_at_a_claim_boundary(quads: list[ox.Quad]) -> None:
    # a claim's own quads are at most a few dozen
    assert SIZE <= len(quads) < SIZE + 100


def test_a_prefix_of_a_larger_graph_is_the_smaller_graph(text: str) -> None:
    assert _text(2 * SIZE).startswith(text)


def test_every_triple_in_one_named_graph_of_the_real_graph(quads: list[ox.Quad]) -> None:
    real = set(synthetic.REAL_PROFILE["per_graph"])
    families = set()
    for q in quads:
        assert q.graph_name.value.startswith(GRAPH)
        families.add(q.graph_name.value[len(GRAPH):].split("/")[0])
    assert families == real
    assert len({q.triple for q in quads}) == len(quads), "a triple in two graphs"


def test_no_blank_nodes(quads: list[ox.Quad]) -> None:
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))


@pytest.mark.parametrize("graph", ["claims", "entailed", "entities", "gazetteer", "direct",
                                   "ontology", "vocabularies"])
def test_graph_shares_match_the_real_graph(quads: list[ox.Quad], graph: str) -> None:
    real = shares(synthetic.REAL_PROFILE)["graph_share"][graph]
    got = shares(measure(quads))["graph_share"][graph]
    assert got == pytest.approx(real, rel=0.25), f"{graph}: {got:.3f} vs real {real:.3f}"


@pytest.mark.parametrize("kind", ["claim", "annotation", "quantity", "time_window", "instant",
                                  "entity", "place", "geometry", "concept"])
def test_node_kinds_match_the_real_graph(quads: list[ox.Quad], kind: str) -> None:
    real = shares(synthetic.REAL_PROFILE)["kinds_per_1000"][kind]
    got = shares(measure(quads))["kinds_per_1000"][kind]
    assert got == pytest.approx(real, rel=0.25), f"{kind}: {got:.2f} vs real {real:.2f} /1000"


def test_disagreements_link_existing_claims(quads: list[ox.Quad]) -> None:
    between = ox.NamedNode(synthetic.VOCAB + "between")
    claim_type = ox.NamedNode(synthetic.VOCAB + "Claim")
    claims = {q.subject for q in quads if q.object == claim_type}
    linked = [q.object for q in quads if q.predicate == between]
    assert linked and all(c in claims for c in linked)


def test_claims_point_to_emitted_entities(quads: list[ox.Quad]) -> None:
    subject = ox.NamedNode(synthetic.VOCAB + "subject")
    entities = ox.NamedNode(GRAPH + "entities")
    declared = {q.subject for q in quads if q.graph_name == entities}
    subjects = {q.object for q in quads if q.predicate == subject}
    assert subjects and subjects <= declared


def test_labels_in_three_languages(quads: list[ox.Quad]) -> None:
    label = ox.NamedNode(synthetic.RDFS + "label")
    langs = {q.object.language for q in quads if q.predicate == label}
    assert {"zh", "en", "zh-latn-pinyin"} <= langs  # pyoxigraph lower-cases tags


def test_entity_iri_is_a_pure_function() -> None:
    assert synthetic.entity_iri(12345) == synthetic.entity_iri(12345)
    assert synthetic.entity_iri(0).startswith(RESOURCE)


def test_every_iri_passes_strict_validation(text: str) -> None:
    # The scale benchmark bulk-loads synthetic graphs lenient (no IRI validation), which is
    # only sound if a strict load accepts them: the same quads either way.
    strict, lenient = ox.Store(), ox.Store()
    strict.bulk_load(input=text, format=ox.RdfFormat.N_QUADS)
    lenient.bulk_load(input=text, format=ox.RdfFormat.N_QUADS, lenient=True)
    assert len(strict) == len(lenient) > SIZE - 1
    assert set(strict) == set(lenient)
