"""The researcher pages, in-process, over the pages fixture (tests/browser/data): home, entity
page, source reader, editor, map and timeline pages, the language switch and the static files.
What the pages do in a browser is tested in tests/browser/."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from gongyun.api.app import create_app
from gongyun.api.pages import assets, examples, layout, texts
from gongyun.api.storedir import prepare
from gongyun.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "browser" / "data"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    root = tmp_path_factory.mktemp("pages")
    settings = Settings(store_dir=root / "store", build_dir=root / "build",
                        data=[str(DATA / "pages.trig")], corpus_dir=DATA / "corpus", workers=1)
    prepare(settings)
    with TestClient(create_app(settings)) as client:
        yield client


def html(client, path, lang="zh"):
    r = client.get(path, headers={"Accept": BROWSER, "Accept-Language": lang})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def test_home_counts_sources_and_examples(pages):
    text = html(pages, "/")
    assert 'lang="zh-Hans"' in text and "图谱内容" in text
    assert re.search(r"企业</a> <small><code>gy:Enterprise</code></small></td><td>1<", text)
    assert 'href="http://testserver/sources/001?lang=zh"' in text
    assert "http://testserver/sparql?lang=zh#query=" in text  # examples open in the editor
    assert "2026-11-24T00:00:00Z" in text  # last build
    assert "creativecommons.org/licenses/by/4.0" in text


def test_language_from_parameter_then_cookie(pages):
    first = pages.get("/?lang=en", headers={"Accept": BROWSER, "Accept-Language": "zh"})
    assert 'lang="en"' in first.text and first.cookies.get("lang") == "en"
    again = pages.get("/", headers={"Accept": BROWSER, "Accept-Language": "zh"})
    assert 'lang="en"' in again.text
    pages.cookies.clear()
    assert 'lang="zh-Hans"' in html(pages, "/", "zh-CN,zh;q=0.9")
    assert 'lang="en"' in html(pages, "/", "en-US")


def test_entity_page_quote_highlighted_in_its_paragraph(pages):
    text = html(pages, "/resource/ent/jixiang-machine-works")
    # 𠮷 lies outside the BMP: code-point offsets put the mark exactly on the quote.
    assert "1938年春，<mark class=\"hl\">𠮷祥机器厂由汉口迁往重庆</mark>，共运器材300吨" in text
    assert 'href="http://testserver/sources/001?lang=zh#ann-001-e0001"' in text
    assert "Jíxiáng Jīqìchǎng" in text and "Jixiang Machine Works" in text
    assert 'href="http://testserver/resource/ent/jixiang-machine-works.ttl"' in text
    assert "𠮷祥机器厂迁往重庆" in text  # the event it took part in


def test_entity_page_events_in_time_order(pages):
    text = html(pages, "/resource/place/chongqing")
    first, second = text.index("𠮷祥机器厂迁往重庆"), text.index("器材再迁四川")
    assert first < second
    assert "1938-03-01 – 1938-05-31" in text


def test_source_reader_marks_every_span(pages):
    """Each span is a link (Tab reaches it); without JavaScript it opens the page with that
    span's claims in the panel. No embedded JSON: the panel comes from the server."""
    text = html(pages, "/sources/001")
    assert '<span id="ann-001-e0002" class="anchor"></span><a class="ann d1" ' \
           'href="?lang=zh&amp;span=ann-001-e0002#ann-001-e0002" ' \
           'data-spans="ann-001-e0002">共运器材300吨</a>' in text
    assert text.count('<span id="ann-') == 5
    assert 'type="application/json"' not in text
    assert "<title>文献 001 ·" in text
    assert "<title>Source 001 ·" in html(pages, "/sources/001?lang=en")


def test_source_reader_panel_without_javascript(pages):
    text = html(pages, "/sources/001?lang=en&span=ann-001-e0001")
    panel = text[text.index('id="panel"'):]
    assert 'class="panel open"' in text and 'data-shown="ann-001-e0001"' in text
    assert '<mark lang="zh-Hans">𠮷祥机器厂由汉口迁往重庆</mark>' in panel
    assert "Hankou</a>" in panel and "001-c0002</a>" in panel
    assert "[7, 19)" not in panel and "NormalRank" not in panel  # internals stay in the RDF
    fragment = pages.get("/sources/001/panel?lang=zh&span=ann-001-e0002",
                         headers={"Accept": BROWSER})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "共运器材300吨" in fragment.text and "重量" in fragment.text
    assert pages.get("/sources/001/panel?span=nothing").status_code == 404


def test_source_reader_unknown_and_malformed(pages):
    assert pages.get("/sources/1", headers={"Accept": BROWSER}).status_code == 400
    assert pages.get("/sources/009", headers={"Accept": BROWSER}).status_code == 404


def test_editor_map_timeline_pages(pages):
    editor = html(pages, "/sparql", "en")
    assert "/static/vendor/codemirror.min.js" in editor and 'id="example-list"' in editor
    assert '"gy": "https://w3id.org/gongyun/ontology#"' in editor  # our prefixes, bundled
    assert 'id="map"' in html(pages, "/map") and "/static/vendor/leaflet.js" in html(pages, "/map")
    assert 'id="timeline-svg"' in html(pages, "/timeline")


def test_no_page_loads_anything_from_elsewhere(pages):
    for path in ("/", "/sparql", "/map", "/timeline", "/sources/001",
                 "/resource/ent/jixiang-machine-works"):
        text = html(pages, path)
        loaded = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', text)
        assert loaded and all(u.startswith("http://testserver/") for u in loaded), loaded


def test_static_files_only_listed_ones(pages):
    assert pages.get("/static/pages/site.css").headers["content-type"].startswith("text/css")
    assert pages.get("/static/pages/nothing.js").status_code == 404
    assert pages.get("/static/vendor/..%2F..%2Fpackage.json").status_code == 404
    assert pages.get("/static/vendor/package.json").status_code == 404


@pytest.mark.skipif(bool(assets.missing_vendor()),
                    reason="front-end libraries not installed (scripts/install-browser-deps.sh)")
def test_vendor_files_served():
    for name in assets.VENDOR:
        assert assets.vendor_file(name) is not None, name


def test_script_json_cannot_close_the_script():
    text = layout.script_json({"q": "</script><script>alert(1)</script>&"})
    assert "<" not in text and ">" not in text and "&" not in text


def test_in_paragraph_counts_code_points():
    text = "前文。\n1938年春，𠮷祥机器厂由汉口迁往重庆。\n后文"
    start = text.index("汉口")
    ctx = texts.in_paragraph(text, start, start + 2, "汉口")
    assert ctx["before"] == "1938年春，𠮷祥机器厂由" and ctx["after"] == "迁往重庆。"
    assert ctx["paragraph"] == 2
    assert texts.in_paragraph(text, start, start + 2, "重庆") is None


def test_segments_keep_overlapping_spans():
    assert texts.segments(10, [(0, 5, "a"), (2, 8, "b"), (3, 4, "c")]) == [
        (0, 2, ["a"]), (2, 3, ["a", "b"]), (3, 4, ["a", "b", "c"]), (4, 5, ["a", "b"]),
        (5, 8, ["b"]), (8, 10, [])]


def test_examples_declare_the_prefixes_they_use():
    query = examples.with_prefixes("SELECT ?x WHERE { ?x a gy:Event ; rdfs:label ?l }")
    assert query.startswith("PREFIX gy: <https://w3id.org/gongyun/ontology#>\n"
                            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
    assert examples.with_prefixes("PREFIX gy: <x>\nASK { ?x a gy:E }").count("PREFIX") == 1
    assert all(q["zh"] and q["en"] and re.search(r"\b(SELECT|ASK|CONSTRUCT)\b", q["query"])
               for q in examples.examples())


def test_entity_page_competing_claims_side_by_side(client):
    """The mini fixture (tests/data/mini): the founding dated to the day in 001, to the month
    in 002, linked by a gy:Disagreement of type gy:DifferentGranularity."""
    text = client.get("/resource/event/shanxi-gtu-founding?lang=en",
                      headers={"Accept": BROWSER}).text
    block = text[text.index("Competing claims"):text.index("Evidence")]
    assert "gy:DifferentGranularity" in block and "across sources" in block
    assert block.count('<div class="card">') == 2
    day = "1937年9月18日，山西省总工会成立，康永和等11人当选为常务委员"
    assert f'<mark class="hl">{day}</mark>' in block
    assert '<mark class="hl">1937年9月，山西省总工会在太原成立</mark>' in block
    assert "source 001" in block and "source 002" in block


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_openapi_pages_load_only_local_files(pages, path):
    """Swagger UI and ReDoc come from the package (/static/vendor), not from a CDN."""
    text = pages.get(path).text
    loaded = re.findall(r'(?:src|href)="([^"]+)"', text)
    assert loaded and all(u.startswith("/static/vendor/") for u in loaded), loaded
    assert "fonts.googleapis" not in text and "cdn." not in text
    assert "'/openapi.json'" in text or '"/openapi.json"' in text
    for url in loaded:
        assert pages.get(url).status_code == 200, url


def test_text_answers_are_gzipped_for_browsers(pages):
    """Pages, scripts and query results go gzipped to a client that asks; a client that does
    not ask (SPARQL clients, curl) gets them as they are."""

    def fetch(method, path, encoding, **kw):
        headers = {"Accept": BROWSER, "Accept-Encoding": encoding}
        with pages.stream(method, path, headers=headers, **kw) as r:
            return r, b"".join(r.iter_raw())

    query = {"data": {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 50"}}
    for method, path, kw in [("GET", "/sources/001", {}),
                             ("GET", "/static/vendor/codemirror.min.js", {}),
                             ("GET", "/static/pages/site.css", {}),
                             ("POST", "/sparql?format=json", query)]:
        plain, plain_bytes = fetch(method, path, "identity", **kw)
        sent, sent_bytes = fetch(method, path, "gzip, br", **kw)
        assert "content-encoding" not in plain.headers, path
        assert sent.headers["content-encoding"] == "gzip", path
        assert "Accept-Encoding" in sent.headers["vary"]
        assert len(sent_bytes) < len(plain_bytes) / 2, path
        assert gzip.decompress(sent_bytes) == plain_bytes


def test_map_draws_a_tonnage_only_from_a_claim_about_that_route(pages):
    """The second move relocated a set whose weight (九百余吨) is given for the set: not a
    figure of that route. The first move's 300吨 is a claim about the route itself."""
    from gongyun.api.pages import map_view

    store = pages.app.state.store
    data = map_view.map_data(store, "http://testserver", "zh")
    routes = {r["iri"].rsplit("/", 1)[-1]: r for r in data["routes"]}
    assert set(routes) == {"jixiang-relocation", "jixiang-second-move"}
    first, second = routes["jixiang-relocation"], routes["jixiang-second-move"]
    assert first["tonnes"] == 300 and second["tonnes"] is None and second["tonnage"] == []
    (figure,) = first["tonnage"]
    assert (figure["written"], figure["qualifier_label"], figure["source_label"]) == \
        ("300吨", "确数", "文献 001")
    for route in data["routes"]:
        for t in route["tonnage"]:
            ask = (f"ASK {{ <{t['claim']}> <https://w3id.org/gongyun/ontology#subject>"
                   f" <{route['iri']}> ; <https://w3id.org/gongyun/ontology#predicate>"
                   " <https://w3id.org/gongyun/ontology#weight> }")
            assert pages.post("/sparql", data={"query": ask}).json()["boolean"], t
    page = html(pages, "/map")
    assert "九百余吨" not in page and "300吨" in page
    assert 'data-claim="https://w3id.org/gongyun/resource/claim/001-c0005"' in page
    assert "未载吨位" in page  # the second move, in the list of routes


def test_timeline_follows_every_relation_and_places_undated_events(pages):
    """Filtered on the union, its own founding (gy:founds) is there; on Taiyuan, the fall of
    Taiyuan (its target, not its place) is there; an undated event ordered after a dated one
    is drawn after it; a deprecated date never widens a window."""
    from gongyun.api.pages import timeline_view

    store = pages.app.state.store
    gyr = "https://w3id.org/gongyun/resource/"

    def drawn(**params):
        t = timeline_view.timeline(store, "http://testserver", "en", params)
        return {e["iri"].rsplit("/", 1)[-1]: e for e in t["drawn"]}, t

    by_org, _ = drawn(org=gyr + "org/shanxi-gtu")
    assert set(by_org) == {"shanxi-gtu-founding"}
    assert by_org["shanxi-gtu-founding"]["end"] == "1937-09-18"  # not the deprecated October
    by_place, _ = drawn(place=gyr + "place/taiyuan", **{"from": "1937", "to": "1937"})
    assert set(by_place) == {"shanxi-gtu-founding", "fall-of-taiyuan"}
    everything, t = drawn()
    resumes = everything["jixiang-resumes"]
    assert resumes["placed_by"]["event"] == "Machines moved on to Sichuan"
    assert resumes["start"] == everything["jixiang-second-move"]["start"] and resumes["open"]
    assert t["undated"] == [] and t["total"] == 5 and t["placed"] == 1
    page = html(pages, "/timeline?lang=en&place=" + gyr + "place/taiyuan")
    assert "Fall of Taiyuan" in page and '<option value="https://w3id.org/gongyun/resource/' \
        'place/taiyuan" selected>' in page


def test_chinese_entity_page_reads_as_chinese(pages):
    """Dates as written and as dates, linked; the curators' rationale in Chinese; ranks in
    words; no code-point offsets, rank IRIs or language tags (those are for the RDF views)."""
    import html as htmlmod

    text = html(pages, "/resource/event/shanxi-gtu-founding?lang=zh")
    block = text[text.index("相互竞争的陈述"):]
    assert "原文所记日期可信，月份系后来误读。" in block
    assert "The day fits the text" not in block
    day = '<span lang="zh-Hans">1937年9月18日</span> · <span class="date">1937-09-18</span>'
    assert day in text
    assert '<span lang="zh-Hans">1937年10月</span> · <span class="date">1937-10</span>' in text
    assert '>不采信</span>' in text and "粒度不同" in block and "同一文献内" in block
    visible = htmlmod.unescape(re.sub(r"<[^>]+>", " ", text))
    for internal in ("NormalRank", "DeprecatedRank", "@zh", "[42, 64)", "/resource/time/",
                     "across sources"):
        assert internal not in visible, internal
    english = html(pages, "/resource/event/shanxi-gtu-founding?lang=en")
    assert "The day fits the text; the month is a later misreading." in english
    assert '<p class="rationale" lang="en">' in english
    window = html(pages, "/resource/time/001-c0011?lang=zh")
    assert "<title>1937年9月18日 · 1937-09-18 ·" in window


def test_mistyped_resource_gives_a_browser_an_error_page(pages):
    r = pages.get("/resource/org/shanxi-gtux?lang=en", headers={"Accept": BROWSER})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert '<p id="error-message" class="error">nothing is known about' in r.text
    assert 'value="shanxi gtux"' in r.text  # the address's words, ready to search
    bad = pages.get("/resource/org/shanxi gtu", headers={"Accept": BROWSER})
    assert bad.status_code == 400 and "<html" in bad.text
    for accept in ("text/turtle", "application/ld+json"):  # RDF clients keep their answers
        rdf = pages.get("/resource/org/shanxi-gtux", headers={"Accept": accept})
        assert rdf.status_code == 404 and rdf.json()["error"]["code"] == "not_found"


def test_editor_form_returns_a_results_table_without_javascript(pages):
    """The form posts the query; a browser gets the page back with the results drawn by the
    server, IRIs by label; a SPARQL client posting the same gets SPARQL results."""
    query = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
             "SELECT ?x WHERE { ?x rdfs:label \"山西省总工会\"@zh }")
    r = pages.post("/sparql?lang=en", data={"query": query}, headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    table = r.text[r.text.index('<table id="results-table">'):]
    assert ('<a class="iri" href="http://testserver/resource/org/shanxi-gtu?lang=en" '
            'title="https://w3id.org/gongyun/resource/org/shanxi-gtu">Shanxi Provincial General'
            ' Trade Union</a>') in table
    assert "&amp;format=csv" in r.text and 'download="gongyun-query.csv"' in r.text
    assert "SELECT ?x WHERE" in r.text  # the query stays in the editor
    client = pages.post("/sparql", data={"query": query},
                        headers={"Accept": "application/sparql-results+json"})
    assert client.json()["results"]["bindings"][0]["x"]["value"].endswith("org/shanxi-gtu")
    star = pages.post("/sparql", data={"query": query}, headers={"Accept": "*/*"})
    assert not star.headers["content-type"].startswith("text/html")
    wrong = pages.post("/sparql?lang=en", data={"query": "SELECT ?x WHERE { ?x"},
                       headers={"Accept": BROWSER})
    assert wrong.status_code == 400 and 'role="alert">' in wrong.text
    assert "SELECT ?x WHERE { ?x" in wrong.text
    example = html(pages, "/sparql?lang=en&example=" + examples.examples()[0]["id"])
    first_line = str(escape(examples.examples()[0]["query"].split("\n")[0]))
    assert 'data-run="1"' in example and first_line in example


def test_a_client_that_names_no_format_keeps_the_json_error(pages):
    """HTML is only the default for a resource that exists: with no Accept (curl, scripts,
    the fuzzers) a bad or unknown address answers the service's JSON error, as before."""
    for path, status in (("/resource/org/shanxi-gtux", 404), ("/resource/..%2f..%2fetc", 400)):
        r = pages.get(path, headers={"Accept": ""})
        assert r.status_code == status and r.json()["error"]["status"] == status


def test_a_window_is_written_as_dates():
    from gongyun.api.pages.windows import iso_span

    assert iso_span("1937-10-08", "1937-10-08") == "1937-10-08"
    assert iso_span("1937-10-01", "1937-10-31") == "1937-10"
    assert iso_span("1938-01-01", "1938-12-31") == "1938"
    assert iso_span("1938-03-01", "1938-05-31") == "1938-03-01 – 1938-05-31"
    assert iso_span("1938-06-01", "9999-12-31") == iso_span("1938-06-01", None) == "1938-06-01 –"
