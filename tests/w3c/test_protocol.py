"""The W3C SPARQL 1.1 Protocol tests against our endpoint.

Query operations must pass as written. Gongyun's endpoint is read-only, so a valid update must be
refused with 403 (`update_refused`) where the manifest expects success, and the requests after it
(which check the update's effect) do not apply; invalid requests must get a 4xx as written."""

from __future__ import annotations

import httpx
import pytest
from pyoxigraph import QueryBoolean, QueryResultsFormat, parse_query_results

from tests.w3c.protocol import Exchange, ProtocolTest, read_protocol_tests

pytestmark = pytest.mark.w3c
TESTS = read_protocol_tests()
RESULT_TYPES = {"application/sparql-results+json": QueryResultsFormat.JSON,
                "application/sparql-results+xml": QueryResultsFormat.XML,
                "text/csv": QueryResultsFormat.CSV,
                "text/tab-separated-values": QueryResultsFormat.TSV}
RDF_TYPES = {"text/turtle", "application/n-triples", "application/rdf+xml",
             "application/ld+json", "application/trig", "application/n-quads"}


def send(client: httpx.Client, exchange: Exchange) -> httpx.Response:
    url = "/sparql" + exchange.path
    return client.request(exchange.method, url, headers=dict(exchange.headers),
                          content=exchange.body)


def check_answer(exchange: Exchange, response: httpx.Response) -> None:
    media_type = response.headers.get("content-type", "").split(";")[0].strip()
    if exchange.result_format == "RDF":
        assert media_type in RDF_TYPES, media_type
        return
    if exchange.result_format in ("boolean", "tabular"):
        assert media_type in RESULT_TYPES, media_type
        parsed = parse_query_results(response.content, format=RESULT_TYPES[media_type])
        assert isinstance(parsed, QueryBoolean) == (exchange.result_format == "boolean")
        if exchange.boolean is not None:
            assert bool(parsed) is exchange.boolean


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_protocol(w3c_client: httpx.Client, test: ProtocolTest) -> None:
    for exchange in test.exchanges:
        response = send(w3c_client, exchange)
        status_class = f"{response.status_code // 100}xx"
        if exchange.is_update and "2xx" in exchange.statuses:
            # Read-only: a valid update is refused, and what follows checks its effect.
            assert response.status_code == 403, response.text
            assert response.json()["error"]["code"] == "update_refused"
            return
        assert status_class in exchange.statuses, (response.status_code, response.text)
        if status_class == "4xx":
            assert set(response.json()) == {"error"}, response.text
        else:
            check_answer(exchange, response)
