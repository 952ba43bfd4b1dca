"""SPARQL as people write it, through the real `gongyun serve` on 127.0.0.1: codepoint escapes
outside strings, unknown extension functions (400 naming the function), predeclared prefixes
(a declaration in the query wins), and syntax errors with line, column, the line itself and a
hint for the common mistakes."""

from __future__ import annotations

import html
import re

import httpx
import pytest
from rdflib import Graph, URIRef

from gongyun.api import prefixes, safety, syntax_errors
from gongyun.namespaces import PREFIXES
from tests.api.conftest import MINI_TRIG, start_server

SHANXI = "https://w3id.org/gongyun/resource/place/shanxi"
SD = "http://www.w3.org/ns/sparql-service-description#"
SH = "http://www.w3.org/ns/shacl#"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    served = start_server(["--store", str(tmp_path_factory.mktemp("store")), "--data",
                           str(MINI_TRIG), "--workers", "1", "--log-level", "warning"])
    yield served
    served.stop()


def select(server, query: str) -> httpx.Response:
    return httpx.get(server.url + "/sparql", params={"query": query},
                     headers={"Accept": "application/sparql-results+json"}, timeout=30)


def values(response: httpx.Response, var: str) -> list[str]:
    assert response.status_code == 200, response.text
    return [b[var]["value"] for b in response.json()["results"]["bindings"]]


def error(response: httpx.Response, status: int = 400) -> dict:
    assert response.status_code == status, response.text
    return response.json()["error"]


# 5. Legal SPARQL: codepoint escapes; unknown functions


@pytest.mark.parametrize("query", [
    # in an IRI (SPARQL 1.0 A.2, 1.1 19.2): <\u0068ttps://…> is <https://…>
    "SELECT ?l WHERE { <\\u0068ttps://w3id.org/gongyun/resource/place/shanxi>"
    " <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(lang(?l) = \"zh\") }",
    # in a keyword and a variable name: decoded before parsing
    "\\u0053ELECT ?\\u006c WHERE { <https://w3id.org/gongyun/resource/place/shanxi>"
    " <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(lang(?l) = \"zh\") }",
    # in a string
    "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l"
    " FILTER(?l = \"\\u5C71\\u897F\"@zh) }",
])
def test_codepoint_escapes_are_legal_sparql(server, query):
    assert values(select(server, query), "l") == ["山西"]


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?s ?p \\u005cU00000031 }",  # an escaped backslash starts no escape
    "SELECT * WHERE { ?s ?p \\uD800 }",  # a surrogate is no character
])
def test_codepoint_escapes_decode_once_and_to_characters_only(server, query):
    assert error(select(server, query))["code"] == "query_syntax_error"


def test_escaped_keyword_is_judged_as_the_keyword(server):
    # \u0053ERVICE is SERVICE to the engine, so it is to the safety check too
    r = select(server, "SELECT * { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert error(r, 403)["code"] == "service_refused"


def test_unknown_function_is_a_400_naming_it(server):
    r = select(server, "PREFIX ex: <http://example.org/fn#>"
                       " SELECT (ex:nosuch(1) AS ?x) WHERE {}")
    body = error(r)
    assert body["code"] == "unknown_function"
    assert "<http://example.org/fn#nosuch>" in body["message"]
    # the worker is fine: the next query is answered
    assert select(server, "ASK {}").status_code == 200


# 6. Predeclared prefixes


def test_predeclared_prefixes_need_no_declaration(server):
    r = select(server, "SELECT ?l WHERE { gyr:place\\/shanxi rdfs:label ?l"
                       ' FILTER(lang(?l) = "zh") }')
    assert values(r, "l") == ["山西"]


def test_a_declaration_in_the_query_wins(server):
    # rdfs: declared as another namespace: nothing has a label there
    r = select(server, "PREFIX rdfs: <http://example.org/not-rdfs#>"
                       " SELECT ?l WHERE { gyr:place\\/shanxi rdfs:label ?l }")
    assert values(r, "l") == []


def test_predeclared_prefixes_in_the_service_description(server):
    r = httpx.get(server.url + "/sparql", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=r.text, format="turtle")
    service = next(graph.subjects(URIRef(SD + "endpoint"), None))
    declared = {str(graph.value(d, URIRef(SH + "prefix"))):
                str(graph.value(d, URIRef(SH + "namespace")))
                for d in graph.objects(service, URIRef(SH + "declare"))}
    assert declared == PREFIXES


def test_predeclared_prefixes_on_the_query_page(server):
    page = httpx.get(server.url + "/sparql", headers={"Accept": "text/html"}).text
    listed = page.split('<details id="predeclared">', 1)[1].split("</details>", 1)[0]
    rows = re.findall(r"<dt><code>([^<]*):</code></dt><dd><code>([^<]*)</code>", listed)
    assert dict(rows) == PREFIXES


# 7. Readable syntax errors


def test_slash_in_a_prefixed_name(server):
    message = error(select(server, "PREFIX gy: <https://w3id.org/gongyun/ontology#>\n"
                                   "SELECT ?e WHERE { gyr:claim/001-c0012 gy:evidence ?e }"))[
        "message"]
    assert message.startswith("syntax error at line 2, column 28:")
    assert "SELECT ?e WHERE { gyr:claim/001-c0012 gy:evidence ?e }" in message
    assert "gyr:claim\\/001-c0012" in message
    assert "<https://w3id.org/gongyun/resource/claim/001-c0012>" in message
    assert "BASE <https://w3id.org/gongyun/resource/>" in message
    assert "u{00B7}" not in message  # no Unicode ranges


def test_undeclared_prefix(server):
    message = error(select(server, "SELECT * WHERE {\n  ?s ex:p ?o }"))["message"]
    assert message.startswith("syntax error at line 2, column 6: the prefix ex: is not declared")
    assert "PREFIX ex: <…>" in message and "gyr:" in message


@pytest.mark.parametrize(("query", "where", "pattern"), [
    ("SELECT * WHERE { ?s ?p }", "line 1, column 24", "'?s ?p'"),
    ("SELECT * WHERE {\n ?s ?p .\n ?a ?b ?c }", "line 2, column 8", "'?s ?p'"),
    ("SELECT * WHERE { ?s ?p ?o ; rdfs:label }", "line 1, column 40", "'rdfs:label'"),
])
def test_triple_pattern_without_object(server, query, where, pattern):
    message = error(select(server, query))["message"]
    assert message.startswith(f"syntax error at {where}: the triple pattern {pattern} has no"
                              " object")
    assert "(?s ?p ?o)" in message


def test_other_errors_say_where_and_what_was_expected(server):
    message = error(select(server, "SELECT * WHERE { ?s ?p ?o }\nLIMIT x"))["message"]
    assert message.startswith("syntax error at line 2, column 7: expected one of")
    assert "a digit" in message and "'0'..='9'" not in message
    assert message.endswith("  2 | LIMIT x\n    |       ^")


# Units: the explainer and the prefixes on texts, without the server


def test_positions_are_those_of_the_query_as_sent():
    verdict = safety.check_query("SELECT * WHERE {\n  ?s rdfs:label ?o }\nLIMIT x")
    assert verdict.prologue_lines == 1 and verdict.query.startswith("PREFIX rdfs:")
    # the engine counts lines in the text it ran; the answer counts them in the query as sent
    message = syntax_errors.explain("error at 4:7: expected one of ['0'..='9']", verdict.query,
                                    verdict.prologue_lines)
    assert message == ("syntax error at line 3, column 7: expected a digit\n"
                       "  3 | LIMIT x\n    |       ^")


def test_no_declaration_is_added_when_none_is_needed():
    for query in ("SELECT * { ?s ?p ?o }", "PREFIX gy: <http://x/> SELECT * { ?s gy:p ?o }",
                  "PREFIX ex: <http://x/> SELECT * { ?s ex:p ?o }"):
        verdict = safety.check_query(query)
        assert (verdict.query, verdict.prologue_lines) == (query, 0)


def test_declarations_are_one_line_in_order_of_use():
    verdict = safety.check_query("SELECT * { ?s skos:prefLabel ?l ; gy:x gyr:y . ?l rdfs:z ?w }")
    first = verdict.query.split("\n")[0]
    assert first == prefixes.declarations(["skos", "gy", "gyr", "rdfs"])


def test_long_lines_are_cut_around_the_place():
    query = "SELECT * WHERE { " + "?s ?p ?o . " * 30 + "?s ?p }"
    message = syntax_errors.explain(f"error at 1:{len(query)}: expected OPTIONAL", query)
    shown = message.split("\n")[1]
    assert len(shown) < 90 and shown.rstrip().endswith("?s ?p }")


# 4. A browser following a link to /sparql?query=…

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_browser_following_a_query_link_gets_the_query_page(server):
    query = 'SELECT ?s WHERE { ?s rdfs:label "山西"@zh }'  # rdfs: predeclared
    r = httpx.get(server.url + "/sparql", params={"query": query},
                  headers={"Accept": BROWSER_ACCEPT})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Accept" in r.headers["vary"]
    form = r.text.split('<form id="query-form"', 1)[1].split("</form>", 1)[0]
    textarea = form.split("<textarea", 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]
    assert html.unescape(textarea).strip() == query
    table = r.text.split('<table id="results-table">', 1)[1].split("</table>", 1)[0]
    assert 'title="https://w3id.org/gongyun/resource/place/shanxi"' in table  # run, drawn


def test_browser_sees_the_readable_syntax_error_on_the_page(server):
    r = httpx.get(server.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p }"},
                  headers={"Accept": BROWSER_ACCEPT})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    shown = html.unescape(r.text.split('<div id="error"', 1)[1].split("</div>", 1)[0])
    assert "the triple pattern '?s ?p' has no object" in shown


@pytest.mark.parametrize(("accept", "fmt", "media_type"), [
    (None, None, "application/sparql-results+json"),
    ("*/*", None, "application/sparql-results+json"),
    ("application/xml, text/html;q=0.5", None, "application/sparql-results+xml"),
    (BROWSER_ACCEPT, "json", "application/sparql-results+json"),
])
def test_clients_still_get_answers(server, accept, fmt, media_type):
    params = {"query": "ASK {}", **({"format": fmt} if fmt else {})}
    r = httpx.get(server.url + "/sparql", params=params,
                  headers={"Accept": accept} if accept else {})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media_type)
