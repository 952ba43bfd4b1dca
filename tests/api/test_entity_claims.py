"""claims_about: the claims with an entity as subject or as object, each once, with its role.

The query keeps the claim patterns inside each UNION branch (a scaling fix); this checks it
still finds exactly what two plain lookups find, for every entity of the mini graph."""

from __future__ import annotations

from gongyun.api.entity import claims_about
from gongyun.namespaces import sparql_prefixes


def _plain(store, position: str) -> dict[str, set[tuple[str, str]]]:
    rows = store.select(sparql_prefixes() + f"""SELECT ?e ?c ?p WHERE {{
        ?c a gy:Claim ; gy:{position} ?e ; gy:predicate ?p FILTER(isIRI(?e)) }}""")
    found: dict[str, set[tuple[str, str]]] = {}
    for row in rows:
        found.setdefault(row["e"].value, set()).add((row["c"].value, row["p"].value))
    return found


def test_claims_about_matches_plain_lookups(client):
    store = client.app.state.store
    as_subject, as_object = _plain(store, "subject"), _plain(store, "object")
    entities = set(as_subject) | set(as_object)
    assert len(entities) > 5
    for iri in sorted(entities):
        claims = claims_about(store, iri)
        got = {(c["claim"], c["predicate"], c["role"]) for c in claims}
        # a claim about the entity as both subject and object is listed once
        assert len(got) == len(claims)
        expected_claims = ({c for c, _ in as_subject.get(iri, ())}
                           | {c for c, _ in as_object.get(iri, ())})
        assert {c for c, _, _ in got} == expected_claims
        for claim, pred, role in got:
            source = as_subject if role == "subject" else as_object
            assert (claim, pred) in source[iri]
