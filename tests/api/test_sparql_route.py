"""What /sparql now remembers between requests (gongyun.api.routers.sparql): the base URL per
Host and the negotiated media type per Accept; neither may leak from one request to another."""

from __future__ import annotations

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
