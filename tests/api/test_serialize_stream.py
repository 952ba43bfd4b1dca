"""CONSTRUCT/DESCRIBE answers are serialised straight from the query's iterator
(gongyun.api.serialize.write_graph): cut at the limit with the truncation note, one triple more
asked for to know, only the prefixes used declared, and the same triples in every format."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from gongyun.api.negotiation import RDF_TYPES, rdf_format
from gongyun.api.serialize import write_graph
from gongyun.namespaces import PREFIXES

GY = PREFIXES["gy"]


def triples(n: int) -> list[ox.Triple]:
    return [ox.Triple(ox.NamedNode(f"{GY}s{i}"), ox.NamedNode(f"{GY}p"),
                      ox.Literal(f"o{i}", language="zh")) for i in range(n)]


class Counting:
    """An iterator that counts what was taken from it (a query result is one)."""

    def __init__(self, items):
        self.items = iter(items)
        self.taken = 0

    def __iter__(self):
        return self

    def __next__(self):
        item = next(self.items)
        self.taken += 1
        return item


def parsed(body: bytes, media_type: str) -> set:
    if media_type == "application/ld+json":
        doc = json.loads(body)
        if isinstance(doc, dict) and "truncated" in doc:
            body = json.dumps(doc["@graph"]).encode()
    return {q.triple for q in ox.parse(body, format=rdf_format(media_type))}


@pytest.mark.parametrize("media_type", RDF_TYPES)
def test_every_format_under_the_limit_is_whole_and_unmarked(media_type):
    data = triples(30)
    written = write_graph(Counting(data), media_type, 30, PREFIXES)
    assert (written.rows, written.truncated) == (30, False)
    assert b"Gongyun-Truncated" not in written.body
    assert parsed(written.body, media_type) == set(data)


@pytest.mark.parametrize("media_type", RDF_TYPES)
def test_cut_at_the_limit_with_the_note(media_type):
    data = triples(30)
    source = Counting(data)
    written = write_graph(source, media_type, 10, PREFIXES)
    assert (written.rows, written.truncated) == (10, True)
    assert source.taken == 11  # the limit, and one more to know there is more
    assert parsed(written.body, media_type) == set(data[:10])
    if media_type == "application/ld+json":
        assert json.loads(written.body)["truncated"] == {"limit": 10}
    else:
        assert b"Gongyun-Truncated: limit=10" in written.body


def test_turtle_declares_only_the_prefixes_it_uses():
    body = write_graph(iter(triples(3)), "text/turtle", 10, PREFIXES).body.decode()
    declared = {line.split()[1] for line in body.splitlines() if line.startswith("@prefix")}
    assert declared == {"gy:"}
    assert "gy:p" in body


def test_turtle_without_any_prefixed_name_has_no_declarations():
    data = [ox.Triple(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b"),
                      ox.Literal("c"))]
    body = write_graph(iter(data), "text/turtle", 10, PREFIXES).body
    assert b"@prefix" not in body
    assert parsed(body, "text/turtle") == set(data)


def test_an_empty_answer():
    written = write_graph(iter([]), "text/turtle", 10, PREFIXES)
    assert (written.rows, written.truncated) == (0, False)
    assert parsed(written.body, "text/turtle") == set()


def test_the_limit_equal_to_the_answer_is_not_a_cut():
    written = write_graph(iter(triples(10)), "application/n-triples", 10)
    assert (written.rows, written.truncated) == (10, False)
