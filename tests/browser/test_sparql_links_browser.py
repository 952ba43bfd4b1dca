"""Links to the endpoint as papers and notebooks share them, followed by headless Chromium (see
conftest.py): `/sparql?query=…` opens the query page with the query loaded and its results (the
browser asks for text/html first), `#query=` links may write spaces as `+`, and a mistake in
the query shows where it is."""

from __future__ import annotations

from urllib.parse import quote_plus

import pytest

pytestmark = pytest.mark.browser

# gy: is predeclared: the query, as people share it, has no PREFIX line
ORGANIZATIONS = "SELECT ?org WHERE { ?org a gy:Organization } ORDER BY ?org"


def editor_value(page) -> str:
    return page.page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")


def test_link_to_sparql_query_opens_the_page_and_runs_it(page):
    page.goto(f"/sparql?query={quote_plus(ORGANIZATIONS)}", "editor-from-query-link")
    page.page.wait_for_selector("#results-table")
    assert editor_value(page) == ORGANIZATIONS
    links = page.page.locator("#results-table a.iri")
    assert "Shanxi Provincial General Trade Union" in links.all_inner_texts()  # by label
    assert page.page.locator("#error").inner_text() == ""
    page.screenshot("editor-from-query-link")


def test_hash_link_with_plus_for_spaces(page):
    page.goto(f"/sparql#query={quote_plus(ORGANIZATIONS)}")
    page.page.wait_for_selector("#results-table")
    assert editor_value(page) == ORGANIZATIONS


def test_hash_link_keeps_an_encoded_plus(page):
    query = 'SELECT ?n WHERE { BIND("a+b" AS ?n) }'
    page.goto(f"/sparql#query={quote_plus(query)}")  # the plus itself is %2B
    page.page.wait_for_selector("#results-table")
    assert editor_value(page) == query
    assert "a+b" in page.page.locator("#results-table").inner_text()


def test_link_with_a_mistake_shows_where_it_is(page):
    query = "SELECT * WHERE {\n  ?s rdfs:label }"
    page.goto(f"/sparql?query={quote_plus(query)}")
    page.page.wait_for_function("document.querySelector('#error').textContent.length > 0")
    message = page.page.locator("#error").inner_text()
    assert message.startswith("syntax error at line 2, column 17: the triple pattern")
    assert "hint:" in message
    # the browser logs the 400 it was meant to get; any other console error still fails
    page.errors[:] = [e for e in page.errors if "status of 400" not in e]
