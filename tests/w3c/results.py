"""Expected results of the W3C tests, and comparison with blank-node isomorphism."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    RdfFormat,
    parse,
    parse_query_results,
)

RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RESULT_FORMATS = {".srx": QueryResultsFormat.XML, ".srj": QueryResultsFormat.JSON,
                  ".tsv": QueryResultsFormat.TSV, ".csv": QueryResultsFormat.CSV}

Row = dict[str, object]


def read_solutions(data: bytes, fmt: QueryResultsFormat) -> bool | list[Row]:
    parsed = parse_query_results(data, format=fmt)
    if isinstance(parsed, QueryBoolean):
        return bool(parsed)
    names = [v.value for v in parsed.variables]
    return [{n: s[n] for n in names if s[n] is not None} for s in parsed]


def csv_rows(data: bytes) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def csv_match(expected: bytes, actual: bytes) -> bool:
    """CSV results are lossy: compare them as text, blank-node labels up to renaming."""
    want, got = csv_rows(expected), csv_rows(actual)
    if len(want) != len(got) or want[:1] != got[:1]:
        return False
    mapping: dict[str, str] = {}
    for w_row, g_row in zip(want[1:], got[1:], strict=True):
        if len(w_row) != len(g_row):
            return False
        for w, g in zip(w_row, g_row, strict=True):
            if w.startswith("_:") and g.startswith("_:"):
                if mapping.setdefault(w, g) != g:
                    return False
            elif w != g:
                return False
    return len(set(mapping.values())) == len(mapping)


def read_rdf_result_set(path: Path, base_iri: str) -> bool | list[Row] | None:
    """A result set written in RDF (rs:ResultSet), or None when the file is a plain graph.
    Relative IRIs (`<pair.ttl>`) resolve against the file's published IRI, `base_iri`."""
    triples = list(parse(path=str(path), format=RdfFormat.TURTLE, base_iri=base_iri))
    by_subject: dict = {}
    for tr in triples:
        by_subject.setdefault(tr.subject, []).append(tr)
    result_sets = [tr.subject for tr in triples
                   if tr.predicate.value == RDF_TYPE and tr.object.value == RS + "ResultSet"]
    if not result_sets:
        return None
    props = {tr.predicate.value: tr.object for tr in by_subject[result_sets[0]]}
    if RS + "boolean" in props:
        return props[RS + "boolean"].value == "true"
    rows = []
    for tr in by_subject[result_sets[0]]:
        if tr.predicate.value != RS + "solution":
            continue
        row: Row = {}
        for binding in (b.object for b in by_subject.get(tr.object, [])
                        if b.predicate.value == RS + "binding"):
            fields = {b.predicate.value: b.object for b in by_subject[binding]}
            row[fields[RS + "variable"].value] = fields[RS + "value"]
        rows.append(row)
    return rows


def read_graph(path: Path, base_iri: str) -> set:
    suffix = path.suffix
    fmt = RdfFormat.TURTLE if suffix in {".ttl", ".nt"} else RdfFormat.RDF_XML
    return set(parse(path=str(path), format=fmt, base_iri=base_iri))


def _shape(term: object) -> object:
    return "_:" if isinstance(term, BlankNode) else term


def _row_shape(row: Row) -> tuple:
    return tuple(sorted((k, _shape(v)) for k, v in row.items()))


def _consistent(expected: Row, actual: Row, mapping: dict, used: set) -> dict | None:
    if expected.keys() != actual.keys():
        return None
    trial = dict(mapping)
    taken = set(used)
    for key, e in expected.items():
        a = actual[key]
        if isinstance(e, BlankNode) and isinstance(a, BlankNode):
            if e in trial:
                if trial[e] != a:
                    return None
            elif a in taken:
                return None
            else:
                trial[e] = a
                taken.add(a)
        elif not terms_equal(e, a):
            return None
    return trial


XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("double", "float", "decimal", "integer")}
BOOLEAN_VALUES = {"true": True, "1": True, "false": False, "0": False}


def terms_equal(e: object, a: object) -> bool:
    if e == a:
        return True
    # Equal values written differently ("1.0E0" and "1"^^xsd:double, "0" and "false"^^
    # xsd:boolean) count as equal, as in the W3C test harnesses' comparison of typed literal
    # values: pyoxigraph stores numbers and booleans in their canonical form.
    if not (isinstance(e, Literal) and isinstance(a, Literal) and e.datatype == a.datatype):
        return False
    if e.datatype.value in NUMERIC:
        try:
            return Decimal(e.value.strip()) == Decimal(a.value.strip())
        except InvalidOperation:
            return False
    if e.datatype.value == XSD + "boolean":
        return BOOLEAN_VALUES.get(e.value.strip(), e) == BOOLEAN_VALUES.get(a.value.strip(), a)
    return False


def solutions_match(expected: list[Row], actual: list[Row], ordered: bool) -> bool:
    if len(expected) != len(actual):
        return False
    if Counter(map(_row_shape, expected)) != Counter(map(_row_shape, actual)) and not any(
            isinstance(v, Literal) for r in expected for v in r.values()):
        return False
    if ordered:
        mapping: dict = {}
        used: set = set()
        for e, a in zip(expected, actual, strict=True):
            trial = _consistent(e, a, mapping, used)
            if trial is None:
                return False
            mapping, used = trial, set(trial.values())
        return True

    def search(i: int, mapping: dict, free: list[int]) -> bool:
        if i == len(expected):
            return True
        for pos, j in enumerate(free):
            trial = _consistent(expected[i], actual[j], mapping, set(mapping.values()))
            if trial is not None and search(i + 1, trial, free[:pos] + free[pos + 1:]):
                return True
        return False

    return search(0, {}, list(range(len(actual))))


def graphs_isomorphic(expected: set, actual: set) -> bool:
    import rdflib
    from rdflib.compare import isomorphic

    def to_rdflib(triples: set) -> rdflib.Graph:
        from pyoxigraph import serialize

        g = rdflib.Graph()
        g.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")
        return g

    return isomorphic(to_rdflib(expected), to_rdflib(actual))


__all__ = ["NamedNode", "RESULT_FORMATS", "graphs_isomorphic", "read_graph",
           "read_rdf_result_set", "read_solutions", "solutions_match"]
