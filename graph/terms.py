"""RDF term constructors shared by the readers: pyoxigraph nodes and literals for the IRIs that
gongyun.namespaces mints."""

from __future__ import annotations

from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from gongyun import namespaces
from gongyun.namespaces import PREFIXES, expand_curie, graph_iri

XSD = PREFIXES["xsd"]
RDF_TYPE = NamedNode(namespaces.RDF_TYPE)


def ns(prefix: str, local: str) -> NamedNode:
    return NamedNode(namespaces.prefixed(prefix, local))


def gy(local: str) -> NamedNode:
    return NamedNode(namespaces.term(local))


def res(local: str) -> NamedNode:
    """A resource from its local id ('org/shanxi-gtu')."""
    return NamedNode(namespaces.resource_iri(local))


def graph(name: str) -> NamedNode:
    return NamedNode(graph_iri(name))


def zh(text: str) -> Literal:
    return Literal(text, language="zh")


def en(text: str) -> Literal:
    return Literal(text, language="en")


def pinyin(text: str) -> Literal:
    return Literal(text, language="zh-Latn-pinyin")


def typed(value: object, datatype: str) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + datatype))


def integer(value: int) -> Literal:
    return typed(int(value), "integer")


def decimal(value: Decimal) -> Literal:
    """The canonical form (XSD 1.1, as the query engine writes it back): 70000, not 70000.0,
    so that a dump and a DESCRIBE of the same quantity say the same thing."""
    text = format(Decimal(str(value)).normalize(), "f")
    return typed("0" if text in ("-0", "0") else text, "decimal")


def boolean(value: bool) -> Literal:
    return typed("true" if value else "false", "boolean")


def date(value: object) -> Literal:
    return typed(value, "date")


def ref(value: str) -> NamedNode:
    """An id as curators write it: a local id ('place/taiyuan') or a CURIE ('gy:Promised')."""
    expanded = expand_curie(value)
    if expanded:
        return NamedNode(expanded)
    if value.startswith(("http://", "https://")):
        return NamedNode(value)
    return res(value)


class QuadSink:
    """Collects quads per named graph; the build checks that no triple lands in two graphs."""

    def __init__(self) -> None:
        self.quads: list[Quad] = []

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal, g: NamedNode) -> None:
        self.quads.append(Quad(s, p, o, g))

    def extend(self, quads: list[Quad]) -> None:
        self.quads.extend(quads)
