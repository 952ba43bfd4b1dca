"""The remembered verdicts of gongyun.api.safety: a cached verdict is the fresh one, refusals
are never remembered, the SERVICE allowlist is part of the key, and long texts bypass it."""

from __future__ import annotations

import pytest

from gongyun.api import safety
from gongyun.api.errors import ApiError

ALLOWED = [
    "SELECT * { ?s ?p ?o }",
    'SELECT * { ?s ?p "INSERT DATA { <a> <b> <c> }" }',
    "SELECT ?service ?delete { ?service ?delete ?o } # SERVICE <http://x> { }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . FILTER(?o < 3 && ?o >= 1) }",
    "DESCRIBE <http://example.org/a>",
    "ASK { { SELECT ?s { ?s ?p ?o } } }",
    "SELECT * WHERE { ?b ?a ?c . ?a ?d ?e }",
    "SELECT DISTINCT * { ?z ?y ?x }",
]


@pytest.fixture(autouse=True)
def empty_cache():
    safety._cached_check.cache_clear()
    yield
    safety._cached_check.cache_clear()


@pytest.mark.parametrize("query", ALLOWED)
def test_cached_verdict_equals_a_fresh_one(query):
    first = safety.check_query(query)
    again = safety.check_query(query)
    assert first == again == safety.fresh_check(query)
    assert safety._cached_check.cache_info().hits == 1


def test_refusals_are_not_remembered():
    for _ in range(2):
        with pytest.raises(ApiError) as info:
            safety.check_query("DROP ALL")
        assert info.value.code == "update_refused"
    assert safety._cached_check.cache_info().currsize == 0


def test_the_allowlist_is_part_of_the_key():
    query = "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    allowed = frozenset({"http://127.0.0.1:9/sparql"})
    assert safety.check_query(query, allowed).form == "select"
    with pytest.raises(ApiError) as info:
        safety.check_query(query)
    assert info.value.code == "service_refused"


def test_long_texts_are_checked_fresh_and_not_kept():
    query = "SELECT * { ?s ?p ?o } #" + "x" * safety.CACHED_QUERY_CHARS
    assert safety.check_query(query).form == "select"
    assert safety._cached_check.cache_info().currsize == 0


def test_the_cache_is_bounded():
    for i in range(safety.VERDICT_CACHE_SIZE + 10):
        safety.check_query(f"ASK {{ ?s ?p {i} }}")
    assert safety._cached_check.cache_info().currsize == safety.VERDICT_CACHE_SIZE
