"""Direct graph (best rank) and entailments (subclass, subproperty, inverse, equivalence)."""

from pyoxigraph import Literal, NamedNode, Triple

from gongyun.graph import terms as t
from gongyun.graph.claims import DirectTriple
from gongyun.graph.derive import Hierarchy, best_ranked, direct_quads, entailed_quads

S, P = t.res("org/a"), t.gy("size")


def reading(value: str, rank: str) -> DirectTriple:
    return DirectTriple(S, P, Literal(value), rank, f"c-{value}")


def test_best_rank_prefers_preferred_and_drops_deprecated():
    chosen = best_ranked([reading("1", "normal"), reading("2", "preferred"),
                          reading("3", "deprecated")])
    assert [r.object.value for r in chosen] == ["2"]


def test_normal_claims_stand_side_by_side_without_a_preferred_one():
    chosen = best_ranked([reading("1", "normal"), reading("2", "normal")])
    assert sorted(r.object.value for r in chosen) == ["1", "2"]


def test_direct_graph_holds_each_triple_once():
    quads = direct_quads([reading("1", "normal"), DirectTriple(S, P, Literal("1"), "normal", "x")])
    assert len(quads) == 1
    assert quads[0].graph_name == t.graph("direct")


ORG = "http://www.w3.org/ns/org#"
ONTOLOGY = [
    Triple(t.gy("ArmedUnit"), t.ns("rdfs", "subClassOf"), t.gy("Organization")),
    Triple(t.gy("Organization"), t.ns("rdfs", "subClassOf"), NamedNode(ORG + "Organization")),
    Triple(t.gy("memberOf"), t.ns("rdfs", "subPropertyOf"), NamedNode(ORG + "memberOf")),
    Triple(NamedNode(ORG + "memberOf"), t.ns("owl", "inverseOf"), NamedNode(ORG + "hasMember")),
]


def test_types_climb_the_class_hierarchy():
    h = Hierarchy(ONTOLOGY)
    out = h.entail(Triple(S, t.RDF_TYPE, t.gy("ArmedUnit")))
    assert Triple(S, t.RDF_TYPE, NamedNode(ORG + "Organization")) in out
    assert Triple(S, t.RDF_TYPE, t.gy("Organization")) in out


def test_subproperty_then_inverse():
    h = Hierarchy(ONTOLOGY)
    b = t.res("org/b")
    out = h.entail(Triple(S, t.gy("memberOf"), b))
    assert Triple(S, NamedNode(ORG + "memberOf"), b) in out
    assert Triple(b, NamedNode(ORG + "hasMember"), S) in out


def test_entailed_graph_skips_what_is_already_stated():
    h = Hierarchy(ONTOLOGY)
    stated = Triple(S, t.RDF_TYPE, t.gy("Organization"))
    quads = entailed_quads(h, [Triple(S, t.RDF_TYPE, t.gy("ArmedUnit"))], {stated})
    assert stated not in {q.triple for q in quads}
    assert all(q.graph_name == t.graph("entailed") for q in quads)
