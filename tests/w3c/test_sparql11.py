"""W3C SPARQL 1.1 query-evaluation and syntax tests, run through our HTTP endpoint."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
import yaml
from pyoxigraph import QueryResultsFormat, RdfFormat, parse

from tests.w3c.manifest import QUERY_DIRS, SYNTAX_DIRS, Case, all_cases
from tests.w3c.results import (
    RESULT_FORMATS,
    csv_match,
    graphs_isomorphic,
    read_graph,
    read_rdf_result_set,
    read_solutions,
    solutions_match,
)

pytestmark = pytest.mark.w3c

EXPECTED_FAILURES: dict[str, str] = {
    e["id"]: e["reason"]
    for e in yaml.safe_load((Path(__file__).parent / "expected-failures.yaml").read_text()) or []
}
EVALUATION = [c for c in all_cases(QUERY_DIRS) if c.kind in {"QueryEvaluationTest",
                                                            "CSVResultFormatTest"}]
SYNTAX = all_cases(SYNTAX_DIRS) + [c for c in all_cases(QUERY_DIRS)
                                   if c.kind == "NegativeSyntaxTest11"]


# A dataset clause in the query itself (FROM, FROM NAMED); the protocol's graph parameters
# would override it (SPARQL 1.1 Protocol 2.1.4), so such queries are sent without them.
DATASET_CLAUSE = re.compile(r"^\s*FROM\b", re.IGNORECASE | re.MULTILINE)
# Every form's answer is acceptable: the syntax tests check the status only.
ANY_ANSWER = "application/sparql-results+json, application/n-triples;q=0.9"


def ask(client: httpx.Client, case: Case, accept: str) -> httpx.Response:
    text = case.query.read_text("utf-8")
    query = f"BASE <{case.base}>\n" + text
    params = []
    if not DATASET_CLAUSE.search(text):
        params = [("default-graph-uri", case.graph_iri(p)) for p in case.data]
        params += [("named-graph-uri", case.graph_iri(p)) for p in case.graph_data]
    return client.post("/sparql", params=params, content=query.encode("utf-8"),
                       headers={"Content-Type": "application/sparql-query", "Accept": accept})


def params(cases: list[Case]) -> list:
    """The cases, those listed as expected failures marked strict: a listed test that passes
    fails the run, so the list stays true."""
    return [pytest.param(c, id=c.id, marks=pytest.mark.xfail(
        strict=True, reason=EXPECTED_FAILURES[c.id])) if c.id in EXPECTED_FAILURES
        else pytest.param(c, id=c.id) for c in cases]


def test_expected_failures_name_real_tests() -> None:
    known = {c.id for c in EVALUATION + SYNTAX}
    assert set(EXPECTED_FAILURES) <= known, set(EXPECTED_FAILURES) - known


def evaluate(client: httpx.Client, case: Case) -> None:
    expected_path = case.result
    assert expected_path is not None
    if case.kind == "CSVResultFormatTest":
        response = ask(client, case, "text/csv")
        assert response.status_code == 200, response.text
        assert csv_match(expected_path.read_bytes(), response.content), response.text
        return
    if expected_path.suffix in RESULT_FORMATS:
        expected = read_solutions(expected_path.read_bytes(), RESULT_FORMATS[expected_path.suffix])
    else:
        expected = read_rdf_result_set(expected_path, case.graph_iri(expected_path))
    if expected is None:  # a CONSTRUCT/DESCRIBE answer graph
        response = ask(client, case, "application/n-triples")
        assert response.status_code == 200, response.text
        actual_graph = set(parse(response.content, format=RdfFormat.N_TRIPLES))
        assert graphs_isomorphic(read_graph(expected_path, case.graph_iri(expected_path)),
                                 actual_graph)
        return
    response = ask(client, case, "application/sparql-results+json")
    assert response.status_code == 200, response.text
    actual = read_solutions(response.content, QueryResultsFormat.JSON)
    if isinstance(expected, bool):
        assert actual == expected
        return
    ordered = bool(re.search(r"ORDER\s+BY", case.query.read_text("utf-8"), re.IGNORECASE))
    assert solutions_match(expected, actual, ordered=ordered), (expected, actual)


@pytest.mark.parametrize("case", params(EVALUATION))
def test_query_evaluation(w3c_client: httpx.Client, case: Case) -> None:
    evaluate(w3c_client, case)


@pytest.mark.parametrize("case", params(SYNTAX))
def test_syntax(w3c_client: httpx.Client, case: Case) -> None:
    # Relative IRIs resolve against the test file's location, as in the evaluation tests.
    text = f"BASE <{case.base}>\n" + case.query.read_text("utf-8")
    # Updates are sent as updates (an empty request is a valid update, not a valid query).
    is_update = "UpdateSyntaxTest" in case.kind
    content_type = "application/sparql-update" if is_update else "application/sparql-query"
    response = w3c_client.post("/sparql", content=text.encode("utf-8"),
                               headers={"Content-Type": content_type, "Accept": ANY_ANSWER})
    if case.kind.startswith("Negative"):
        assert response.status_code == 400, response.text
    elif case.kind == "PositiveUpdateSyntaxTest11" or case.directory == "syntax-fed":
        # A valid update or federated query is refused as forbidden, not as malformed.
        assert response.status_code == 403, response.text
    else:
        assert response.status_code == 200, response.text
