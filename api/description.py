"""What a linked-data client gets when it dereferences a resource (/resource/{local} as RDF):
enough to follow the evidence without knowing our API.

- the resource's own triples (every graph);
- the triples that point at it (incoming links: claims about it, parts, members, annotations
  on a source…);
- each claim with the resource as subject or object, whole: its predicate, object, rank,
  qualifiers, source (`gy:statedIn`) and evidence (`gy:evidence`), with the claim's own time
  windows and quantities;
- each claim's evidence: the `oa:Annotation`, its target on the source and the target's
  selectors, the quote (`oa:exact`, prefix, suffix) and the code-point offsets.

Everything else (the source's text, the other resources) is one more dereference away. The
description is cut at `limit` triples (the service's row limit), and says so as /sparql does.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from gongyun.api.entity import P, iri_ref
from gongyun.api.store import GraphStore, Term

# The per-claim nodes a claim's triples point at and that belong to the claim alone.
CLAIM_VALUE_CLASSES = ("gy:TimeWindow", "gy:Quantity")


@dataclass(frozen=True)
class Description:
    triples: list[ox.Triple]
    truncated: bool


def describe(store: GraphStore, iri: str, limit: int) -> Description:
    ref = iri_ref(iri)
    own = store.select(f"SELECT DISTINCT ?p ?o WHERE {{ {ref} ?p ?o }}")
    claims = [row["c"].value for row in store.select(P + f"""
        SELECT DISTINCT ?c WHERE {{ {{ ?c gy:subject {ref} }} UNION {{ ?c gy:object {ref} }}
                                   ?c a gy:Claim }} ORDER BY ?c""")]
    branches = [f"{{ ?s ?p {ref} BIND({ref} AS ?o) }}"]
    if claims:
        values = "VALUES ?c { " + " ".join(iri_ref(c) for c in claims) + " }"
        kinds = " ".join(CLAIM_VALUE_CLASSES)
        branches += [
            f"{{ {values} ?c ?p ?o BIND(?c AS ?s) }}",
            f"{{ {values} ?c ?q ?s . ?s a ?kind . VALUES ?kind {{ {kinds} }} ?s ?p ?o }}",
            f"{{ {values} ?c gy:evidence ?s . ?s ?p ?o }}",
            f"{{ {values} ?c gy:evidence/oa:hasTarget ?s . ?s ?p ?o }}",
            f"{{ {values} ?c gy:evidence/oa:hasTarget/oa:hasSelector ?s . ?s ?p ?o }}",
        ]
    room = max(limit - len(own), 0)
    rows = store.select(P + "SELECT DISTINCT ?s ?p ?o WHERE {\n  " + "\n  UNION ".join(branches)
                        + f"\n}} LIMIT {room + 1}")
    subject = ox.NamedNode(iri)
    first = [ox.Triple(subject, rdf_term(r["p"]), rdf_term(r["o"])) for r in own]
    rest = [ox.Triple(rdf_term(r["s"]), rdf_term(r["p"]), rdf_term(r["o"])) for r in rows]
    # the resource's own triples first (never cut), then the rest by subject: stable output
    first.sort(key=lambda t: (t.predicate.value, str(t.object)))
    rest = sorted(set(rest) - set(first), key=lambda t: (t.subject.value, t.predicate.value,
                                                         str(t.object)))
    return Description(first + rest[:room], len(rest) > room)


def rdf_term(term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term of a Term (no RDF-star: the graph has no quoted triples)."""
    if term.kind == "uri":
        return ox.NamedNode(term.value)
    if term.kind == "bnode":
        return ox.BlankNode(term.value)
    if term.lang:
        return ox.Literal(term.value, language=term.lang)
    return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype) if term.datatype else None)
