"""Derived graphs: the direct graph (best-ranked claims as plain triples) and the entailed
graph (subclass, subproperty, inverse and equivalence entailments of the ontology), so that
queries in ORG, PROV or OWL-Time terms work with no reasoner at query time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pyoxigraph import NamedNode, Quad, Triple

from gongyun.graph import terms as t
from gongyun.graph.claims import DirectTriple

RANK_ORDER = {"preferred": 0, "normal": 1}


def best_ranked(readings: Iterable[DirectTriple]) -> list[DirectTriple]:
    """Wikidata's 'best rank': per subject and predicate, the preferred claims if there are
    any, else the normal ones; deprecated claims never."""
    grouped: dict[tuple, list[DirectTriple]] = defaultdict(list)
    for reading in readings:
        if reading.rank in RANK_ORDER:
            grouped[(reading.subject, reading.predicate)].append(reading)
    best: list[DirectTriple] = []
    for group in grouped.values():
        top = min(RANK_ORDER[r.rank] for r in group)
        best += [r for r in group if RANK_ORDER[r.rank] == top]
    return best


def direct_quads(readings: Iterable[DirectTriple]) -> list[Quad]:
    g = t.graph("direct")
    seen: set[Triple] = set()
    quads = []
    for r in best_ranked(readings):
        triple = Triple(r.subject, r.predicate, r.object)
        if triple not in seen:
            seen.add(triple)
            quads.append(Quad(r.subject, r.predicate, r.object, g))
    return quads


class Hierarchy:
    """Subclass, subproperty, equivalence and inverse links read from the ontology."""

    def __init__(self, ontology: Iterable[Triple]):
        sub = t.ns("rdfs", "subClassOf").value
        subp = t.ns("rdfs", "subPropertyOf").value
        eqc = t.ns("owl", "equivalentClass").value
        eqp = t.ns("owl", "equivalentProperty").value
        inv = t.ns("owl", "inverseOf").value
        self.class_up: dict[NamedNode, set[NamedNode]] = defaultdict(set)
        self.prop_up: dict[NamedNode, set[NamedNode]] = defaultdict(set)
        self.inverse: dict[NamedNode, set[NamedNode]] = defaultdict(set)
        for triple in ontology:
            s, p, o = triple.subject, triple.predicate.value, triple.object
            if not (isinstance(s, NamedNode) and isinstance(o, NamedNode)):
                continue  # restrictions and other anonymous class expressions
            if p == sub:
                self.class_up[s].add(o)
            elif p == eqc:
                self.class_up[s].add(o)
                self.class_up[o].add(s)
            elif p == subp:
                self.prop_up[s].add(o)
            elif p == eqp:
                self.prop_up[s].add(o)
                self.prop_up[o].add(s)
            elif p == inv:
                self.inverse[s].add(o)
                self.inverse[o].add(s)
        self._class_cache: dict[NamedNode, set[NamedNode]] = {}
        self._prop_cache: dict[NamedNode, set[NamedNode]] = {}

    @staticmethod
    def _closure(start: NamedNode, up: dict, cache: dict) -> set[NamedNode]:
        if start not in cache:
            seen, stack = set(), [start]
            while stack:
                for parent in up.get(stack.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        stack.append(parent)
            seen.discard(start)
            cache[start] = seen
        return cache[start]

    def superclasses(self, cls: NamedNode) -> set[NamedNode]:
        return self._closure(cls, self.class_up, self._class_cache)

    def superproperties(self, prop: NamedNode) -> set[NamedNode]:
        return self._closure(prop, self.prop_up, self._prop_cache)

    def entail(self, triple: Triple) -> set[Triple]:
        """Everything the triple entails under the hierarchy, to a fixpoint."""
        out: set[Triple] = set()
        if triple.predicate == t.RDF_TYPE and isinstance(triple.object, NamedNode):
            for cls in self.superclasses(triple.object):
                out.add(Triple(triple.subject, t.RDF_TYPE, cls))
            return out
        stack = [triple]
        while stack:
            current = stack.pop()
            props = {current.predicate} | self.superproperties(current.predicate)
            candidates = [Triple(current.subject, p, current.object) for p in props]
            if isinstance(current.object, NamedNode):
                candidates += [Triple(current.object, inv, current.subject)
                               for p in props for inv in self.inverse.get(p, ())]
            for candidate in candidates:
                if candidate != triple and candidate not in out:
                    out.add(candidate)
                    stack.append(candidate)
        return out


def entailed_quads(hierarchy: Hierarchy, data: Iterable[Triple],
                   already: set[Triple]) -> list[Quad]:
    """Entailments of `data` not already stated in some graph (a triple lives in one graph)."""
    g = t.graph("entailed")
    found: set[Triple] = set()
    for triple in data:
        found |= hierarchy.entail(triple)
    return [Quad(tr.subject, tr.predicate, tr.object, g) for tr in sorted(found - already,
            key=lambda tr: (tr.subject.value, tr.predicate.value, str(tr.object)))]
