"""The HTTP layer as clients we did not write meet it, through the real `gongyun serve` on
127.0.0.1: Java's HttpClient and Apache Jena (h2c upgrade offers with every POST), curl with the
same headers and with raw UTF-8 in the URL, hand-written requests split into packets the way a
network splits them, and HEAD on every route."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from tests.api.conftest import MINI_TRIG
from tests.clients.java import JAVA, jena_classpath, missing_jena_jars, run_java
from tests.serving import start_serve

SHANXI = "https://w3id.org/gongyun/resource/place/shanxi"
RDFS = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
ZH_LABEL = RDFS + f'SELECT ?l WHERE {{ <{SHANXI}> rdfs:label ?l FILTER(lang(?l) = "zh") }}'
BY_LABEL = RDFS + 'SELECT ?s WHERE { ?s rdfs:label "山西"@zh }'
# What Java's HttpClient adds to every request it sends over http://.
H2C_OFFER = {"Connection": "Upgrade, HTTP2-Settings", "Upgrade": "h2c",
             "HTTP2-Settings": "AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA"}
CURL = shutil.which("curl")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    dumps = tmp_path_factory.mktemp("dumps")
    (dumps / "gongyun.nq").write_text("<http://a> <http://b> <http://c> <http://g> .\n")
    log = Path(tempfile.mkdtemp(prefix="gongyun-serve-")) / "serve.log"
    served = start_serve(["--store", str(tmp_path_factory.mktemp("store")), "--data",
                          str(MINI_TRIG), "--workers", "1", "--log-level", "info"], log,
                         env={"GONGYUN_DUMPS_DIR": str(dumps)}, wait=60)
    yield served
    served.stop()


def zh_label_of_shanxi(body: str) -> list[str]:
    return [b["l"]["value"] for b in json.loads(body)["results"]["bindings"]]


def exchange(port: int, *packets: bytes, pause: float = 0.2) -> bytes:
    """Send `packets` on one connection, each after a pause so the server reads them apart,
    and read until the server closes (the last request says Connection: close)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for i, packet in enumerate(packets):
            if i:
                time.sleep(pause)
            sock.sendall(packet)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def request(method: str, target: bytes, headers: dict[str, str], body: bytes = b"",
            close: bool = True) -> bytes:
    lines = [method.encode() + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1"]
    lines += [f"{k}: {v}".encode() for k, v in headers.items()]
    if body and "Transfer-Encoding" not in headers:
        lines.append(b"Content-Length: %d" % len(body))
    if close:
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def statuses(answer: bytes) -> list[bytes]:
    """The status codes of the answers in `answer` (one body runs into the next status line)."""
    return re.findall(rb"HTTP/1\.1 (\d{3}) [A-Z]", answer)


# 1. Upgrade offers (Java's HttpClient, Jena, curl with the same headers)


@pytest.mark.skipif(CURL is None, reason="curl is not installed")
@pytest.mark.parametrize("body_option", ["--data-binary", "--data-urlencode"])
def test_curl_post_with_h2c_offer_gets_its_body_read(server, body_option):
    headers = [arg for k, v in H2C_OFFER.items() for arg in ("-H", f"{k}: {v}")]
    if body_option == "--data-binary":
        headers += ["-H", "Content-Type: application/sparql-query"]
        data = ZH_LABEL
    else:
        data = f"query={ZH_LABEL}"
    done = subprocess.run([CURL, "-s", "-w", "\n%{http_code}", *headers, body_option, data,
                           server.url + "/sparql"], capture_output=True, text=True, timeout=30)
    body, _, status = done.stdout.rpartition("\n")
    assert status == "200", body
    assert zh_label_of_shanxi(body) == ["山西"]


def test_h2c_offer_with_the_body_in_a_later_packet(server):
    head = request("POST", b"/sparql", {**H2C_OFFER, "Content-Type": "application/sparql-query"},
                   BY_LABEL.encode())
    head, _, body = head.partition(b"\r\n\r\n")
    answer = exchange(server.port, head + b"\r\n\r\n", body[:10], body[10:])
    assert statuses(answer) == [b"200"]
    assert SHANXI.encode() in answer


def test_h2c_offer_with_a_chunked_body(server):
    body = BY_LABEL.encode()
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    answer = exchange(server.port, request("POST", b"/sparql", {
        **H2C_OFFER, "Content-Type": "application/sparql-query", "Transfer-Encoding": "chunked"},
        chunked))
    assert statuses(answer) == [b"200"] and SHANXI.encode() in answer


def test_connection_keeps_serving_after_a_declined_upgrade(server):
    first = request("POST", b"/sparql", {**H2C_OFFER, "Content-Type":
                                         "application/sparql-query"}, BY_LABEL.encode(),
                    close=False)
    second = request("GET", b"/health", {})
    # apart (keep-alive) and in one packet (pipelined behind the upgraded request)
    assert statuses(exchange(server.port, first, second)) == [b"200", b"200"]
    assert statuses(exchange(server.port, first + second)) == [b"200", b"200"]


def test_java_httpclient_post_form_and_get(server):
    if JAVA is None:
        pytest.skip("java is not installed (Java 17: apt-get install openjdk-17-jdk-headless)")
    done = run_java("JavaHttpClient.java", [server.url + "/sparql", ZH_LABEL])
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(" ", 3)[:3] for line in lines] == [
        ["POST", "HTTP_1_1", "200"], ["POST", "HTTP_1_1", "200"], ["GET", "HTTP_1_1", "200"]]
    for line in lines:
        assert "\\u5c71\\u897f" in line  # 山西, as the client prints it


def test_jena_long_query_goes_by_post_and_is_answered(server, tmp_path):
    if JAVA is None:
        pytest.skip("java is not installed (Java 17: apt-get install openjdk-17-jdk-headless)")
    if missing_jena_jars():
        pytest.skip(f"Apache Jena is not installed (apt-get install libapache-jena-java):"
                    f" missing {', '.join(missing_jena_jars())}")
    query = RDFS + ("SELECT (COUNT(?l) AS ?n) WHERE { ?s rdfs:label ?l"
                    " FILTER(STR(?l) NOT IN (%PAD%)) }")
    expected = httpx.get(server.url + "/sparql", params={"query": query.replace(
        "%PAD%", '"never-a-value"')}).json()["results"]["bindings"][0]["n"]["value"]
    classpath = jena_classpath(tmp_path)
    posts_before = server.log.read_text().count('"POST /sparql HTTP/1.1" 200')
    for pad in ("0", "300"):  # by GET, then past Jena's 2 KB limit: by POST
        done = run_java("JenaClient.java", [server.url + "/sparql", pad, query], classpath)
        assert done.returncode == 0, done.stderr[-3000:]
        assert done.stdout.split() == [expected]
    assert server.log.read_text().count('"POST /sparql HTTP/1.1" 200') == posts_before + 1


# 2. Raw UTF-8 in the request line


@pytest.mark.skipif(CURL is None, reason="curl is not installed")
def test_curl_with_chinese_typed_in_the_url(server):
    done = subprocess.run([CURL, "-s", "-w", "\n%{http_code}", server.url + "/api/search?q=山西"],
                          capture_output=True, text=True, timeout=30)
    body, _, status = done.stdout.rpartition("\n")
    assert status == "200", body
    hits = json.loads(body)
    assert hits["q"] == "山西" and hits["items"][0]["iri"] == SHANXI


def test_raw_utf8_target_split_across_packets(server):
    # ASCII percent-encoded as clients do, the Chinese as typed
    target = "/sparql?query=" + "".join(c if ord(c) > 127 else quote(c, safe="") for c in BY_LABEL)
    raw = request("GET", target.encode(), {"Accept": "application/sparql-results+json"})
    cut = raw.index("西".encode()) + 1  # in the middle of a character
    answer = exchange(server.port, raw[:cut], raw[cut:])
    assert statuses(answer) == [b"200"] and SHANXI.encode() in answer


def test_raw_utf8_in_the_body_is_left_as_it_is(server):
    # the request line and a body with raw UTF-8 in one packet: only the line is encoded
    answer = exchange(server.port, request(
        "POST", b"/sparql", {"Content-Type": "application/sparql-query"}, BY_LABEL.encode()))
    assert statuses(answer) == [b"200"] and SHANXI.encode() in answer


def test_malformed_request_gets_the_services_json_error(server):
    answer = exchange(server.port, b"GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert statuses(answer) == [b"400"] and b"content-type: application/json" in head
    error = json.loads(body)["error"]
    assert error["code"] == "bad_request" and "not valid HTTP/1.1" in error["message"]


# 3. HEAD on every route


@pytest.mark.parametrize("path", [
    "/", "/health", "/void", "/sparql", "/sparql?query=ASK%20%7B%7D", "/resource/place/shanxi",
    "/resource/place/shanxi.ttl", "/api/search?q=shanxi", "/api/entities/place/shanxi",
    "/api/classes", "/dumps/gongyun.nq", "/static/pages/site.css", "/openapi.json", "/docs",
    "/map", "/resource/place/nowhere",
])
def test_head_answers_as_get_without_a_body(server, path):
    get = httpx.get(server.url + path, headers={"Accept": "text/turtle"} if "resource" in path
                    else {})
    head = httpx.head(server.url + path, headers={"Accept": "text/turtle"} if "resource" in path
                      else {})
    assert head.status_code == get.status_code != 405
    assert head.content == b""
    assert head.headers.get("content-type") == get.headers.get("content-type")
    if "content-length" in get.headers:
        assert head.headers["content-length"] == get.headers["content-length"]


def test_head_on_a_post_only_answer_is_still_not_a_query(server):
    # HEAD /sparql?update=… is the GET: refused like it, never run
    r = httpx.head(server.url + "/sparql", params={"update": "DROP ALL"})
    assert r.status_code == 403 and r.content == b""
