"""The OpenAPI description tells clients the statuses they can get, in the one error shape."""

from __future__ import annotations


def test_error_statuses_are_declared_with_the_error_shape(client):
    spec = client.get("/openapi.json").json()
    search = spec["paths"]["/api/search"]["get"]["responses"]
    assert {"400", "404", "503"} <= set(search)
    ref = search["400"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/ErrorBody")
    detail = spec["components"]["schemas"]["ErrorDetail"]["properties"]
    assert set(detail) == {"status", "code", "message"}


def test_sparql_declares_refusal_and_limits(client):
    spec = client.get("/openapi.json").json()
    statuses = set(spec["paths"]["/sparql"]["get"]["responses"])
    assert {"403", "406", "413", "415", "503"} <= statuses


def test_a_declared_error_really_has_that_shape(client):
    body = client.get("/api/search", params={"q": "x", "page": -1}).json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
