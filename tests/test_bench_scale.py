"""The scale benchmark's aggregates: the rewrites it measures answer the same as the query they
stand for (named predicates and eager aggregation over the claims; eager aggregation over the
direct graph), so their timings compare like with like."""

from __future__ import annotations

import io
import random

import pyoxigraph as ox
import pytest

from bench import scale, synthetic
from gongyun.namespaces import sparql_prefixes

SIZE = 30_000  # large enough for hub events with several places and quantities


@pytest.fixture(scope="module")
def store() -> ox.Store:
    buf = io.StringIO()
    synthetic.generate(buf, SIZE)
    store = ox.Store()
    store.bulk_load(input=buf.getvalue(), format=ox.RdfFormat.N_QUADS)
    return store


def answer(store: ox.Store, name: str) -> list[tuple[str, ...]]:
    query = scale.query_mix(SIZE, random.Random(0))[name]
    # every place, not the first 20 (ties in the total could order differently)
    query = query.replace("LIMIT 20", "")
    rows = store.query(sparql_prefixes() + query, use_default_graph_as_union=True)
    return sorted(tuple(term.value for term in row) for row in rows)


def test_claim_level_rewrites_give_the_same_answer(store: ox.Store) -> None:
    plain = answer(store, "aggregate")
    assert len(plain) > 20 and any(int(row[1]) > 1 for row in plain)
    assert answer(store, "aggregate_named") == plain
    assert answer(store, "aggregate_eager") == plain


def test_direct_graph_eager_gives_the_same_answer(store: ox.Store) -> None:
    direct = answer(store, "aggregate_direct")
    assert len(direct) > 20
    assert answer(store, "aggregate_direct_eager") == direct


def test_every_class_parses(store: ox.Store) -> None:
    for name in scale.QUERY_CLASSES:
        store.query(sparql_prefixes() + scale.query_mix(1_000, random.Random(1))[name],
                    use_default_graph_as_union=True)
