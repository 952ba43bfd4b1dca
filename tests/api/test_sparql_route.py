"""What /sparql now remembers between requests (gongyun.api.routers.sparql): the base URL per
Host and the negotiated media type per Accept; neither may leak from one request to another."""

from __future__ import annotations

from gongyun.api.routers import sparql

QUERY = "SELECT ?u WHERE { BIND(<relative> AS ?u) }"


def test_relative_iris_follow_each_requests_host(client):
    for host in ("a.example", "b.example:8080", "a.example"):
        r = client.get("/sparql", params={"query": QUERY}, headers={"Host": host})
        value = r.json()["results"]["bindings"][0]["u"]["value"]
        assert value == f"http://{host}/relative"


def test_each_accept_gets_its_own_format(client):
    for accept, media in [("text/csv", "text/csv"),
                          ("application/sparql-results+xml", "application/sparql-results+xml"),
                          ("text/csv", "text/csv"), (None, "application/sparql-results+json")]:
        headers = {"Accept": accept} if accept else {}
        r = client.get("/sparql", params={"query": QUERY}, headers=headers)
        assert r.headers["content-type"].startswith(media)


def test_not_acceptable_stays_406_after_a_success(client):
    ok = client.get("/sparql", params={"query": QUERY}, headers={"Accept": "text/csv"})
    assert ok.status_code == 200
    for _ in range(2):
        r = client.get("/sparql", params={"query": QUERY}, headers={"Accept": "image/png"})
        assert r.status_code == 406 and r.json()["error"]["code"] == "not_acceptable"


def test_fragment_in_a_raw_query_string_is_not_part_of_the_query(client):
    r = client.get("/sparql?query=ASK%20%7B%7D#ignored")
    assert r.status_code == 200 and r.json()["boolean"] is True


def test_every_route_sees_the_same_public_base(client):
    """/sparql (gongyun.api.deps' plain functions) and the routes that take PublicBaseDep
    (here /void) name the same base URL for each Host."""
    for host in ("a.example", "b.example:8080"):
        void = client.get("/void", headers={"Host": host, "Accept": "application/n-triples"})
        endpoint = f"<http://{host}/sparql>"
        assert f"<http://rdfs.org/ns/void#sparqlEndpoint> {endpoint}" in void.text
        description = client.get("/sparql", headers={"Host": host,
                                                      "Accept": "application/n-triples"})
        assert f"<http://www.w3.org/ns/sparql-service-description#endpoint> {endpoint}" in \
            description.text


def test_plain_queries_skip_the_router_and_the_rest_take_it(client, monkeypatch):
    """gongyun.api.routers.sparql.FastPath: with the /sparql routes taken out of the router, a
    plain query is still answered (gzip when asked, errors in the one shape), and every request
    the full stack must see (CORS, HEAD, a browser, the service description, a body without a
    length) reaches the router and finds no route."""
    router = client.app.router
    # the routes themselves, or (FastAPI >= 0.160) the included router that holds them
    monkeypatch.setattr(router, "routes", [
        r for r in router.routes if getattr(r, "path", None) != "/sparql"
        and getattr(r, "original_router", None) is not sparql.router])
    plain = {"Accept-Encoding": "identity"}
    sparql_query = {"Content-Type": "application/sparql-query", **plain}
    ask = {"query": "ASK {}"}
    assert client.get("/sparql", params=ask, headers=plain).json()["boolean"] is True
    assert client.post("/sparql", content="ASK {}", headers=sparql_query).status_code == 200
    assert client.post("/sparql", data=ask, headers=plain).json()["boolean"] is True
    big = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 50"},
                     headers={"Accept-Encoding": "gzip"})
    assert big.headers["content-encoding"] == "gzip" and len(big.json()["results"]["bindings"])
    bad = client.get("/sparql", params={"query": "SELECT WHERE"}, headers=plain)
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "query_syntax_error"
    update = client.post("/sparql", content="DROP ALL", headers=sparql_query)
    assert update.status_code == 403 and update.json()["error"]["code"] == "update_refused"
    full_stack = [
        client.get("/sparql", params=ask, headers={"Origin": "http://x.example", **plain}),
        client.head("/sparql", params=ask, headers=plain),
        client.get("/sparql", params=ask, headers={"Accept": "text/html", **plain}),
        client.get("/sparql", headers={"Accept": "text/turtle", **plain}),
        client.post("/sparql", content=iter([b"ASK {}"]), headers=sparql_query),
    ]
    assert [r.status_code for r in full_stack] == [404] * len(full_stack)


def test_the_fast_path_answers_as_the_full_stack(client):
    """The same query with and without an Origin (the full stack, for CORS): the same body and
    headers, CORS's own apart."""
    params = {"query": "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s ?o LIMIT 5"}
    for encoding in ("identity", "gzip"):
        fast = client.get("/sparql", params=params, headers={"Accept-Encoding": encoding})
        full = client.get("/sparql", params=params, headers={"Accept-Encoding": encoding,
                                                              "Origin": "http://x.example"})
        assert fast.status_code == full.status_code == 200
        assert fast.content == full.content
        cors = {"access-control-allow-origin", "access-control-expose-headers", "vary"}
        assert {k: v for k, v in full.headers.items() if k not in cors} == {
            k: v for k, v in fast.headers.items() if k != "vary"}
        assert full.headers["vary"] == fast.headers["vary"] + ", Origin"
        assert "access-control-allow-origin" not in fast.headers
