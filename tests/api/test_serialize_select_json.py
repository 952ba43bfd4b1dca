"""SPARQL JSON for SELECT is written as text (gongyun.api.serialize._write_select_json): the
same document a dict per term through json.dumps gives, for every kind of term, unbound
variables, `SELECT *` column order and the cut at the row limit; and pyoxigraph's own parser
reads it back to the same solutions."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from gongyun.api.serialize import _json_term, write_select

JSON = "application/sparql-results+json"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    g = ox.NamedNode("http://example.org/g")
    p = ox.NamedNode("http://example.org/p")
    objects = [
        ox.NamedNode("http://example.org/o?q=x&y=工"),
        ox.Literal('quote " backslash \\ newline \n tab \t line-sep \u2028 工会'),
        ox.Literal("工会", language="zh"),
        ox.Literal("gonghui", language="zh-Latn-pinyin"),
        ox.Literal("1.50", datatype=ox.NamedNode(XSD + "decimal")),
        ox.Literal("1944-03", datatype=ox.NamedNode(XSD + "gYearMonth")),
        ox.Literal("plain"),
        ox.BlankNode("b0"),
    ]
    for i, o in enumerate(objects):
        s.add(ox.Quad(ox.NamedNode(f"http://example.org/s{i % 3}"), p, o, g))
        s.add(ox.Quad(ox.BlankNode(f"n{i}"), p, o, g))
    return s


QUERIES = [
    "SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o }",
    "SELECT * WHERE { ?s <http://example.org/p> ?o OPTIONAL { ?s <http://example.org/none> ?z } }",
    "SELECT ?o ?t WHERE { ?s <http://example.org/p> ?o BIND(<<( ?s <http://example.org/p> ?o )>>"
    " AS ?t) }",
    "SELECT ?a ?b WHERE { VALUES (?a ?b) { (1 UNDEF) (UNDEF 'x'@en) (UNDEF UNDEF) } }",
    "SELECT ?s WHERE { ?s <http://example.org/none> ?o }",
]


def reference(solutions, variables: list[str], limit: int) -> dict:
    """The document as the writer wrote it before: a dict per term, json.dumps."""
    rows = list(solutions)
    doc = {"head": {"vars": variables}, "results": {"bindings": [
        {v: _json_term(row[v]) for v in variables if row[v] is not None}
        for row in rows[:limit]]}}
    if len(rows) > limit:
        doc["truncated"] = {"limit": limit}
    return doc


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("limit", [10_000, 3, 1])
@pytest.mark.parametrize("order", [(), ("z", "o", "s", "b", "a")])
def test_the_same_document_as_a_dict_per_term(store, query, limit, order):
    written = write_select(store.query(query), JSON, limit, order)
    variables = [v.value for v in store.query(query).variables]
    if order:
        variables.sort(key=lambda v: order.index(v) if v in order else len(order))
    expected = reference(store.query(query), variables, limit)
    assert json.loads(written.body) == expected
    assert written.body == json.dumps(expected, ensure_ascii=False,
                                      separators=(",", ":")).encode()
    assert written.rows == len(expected["results"]["bindings"])
    assert written.truncated == ("truncated" in expected)


def test_pyoxigraph_reads_it_back(store):
    query = QUERIES[0]
    written = write_select(store.query(query), JSON, 10_000)
    back = ox.parse_query_results(written.body, format=ox.QueryResultsFormat.JSON)
    assert sorted(map(str, (tuple(r) for r in back))) == sorted(
        map(str, (tuple(r) for r in store.query(query))))
