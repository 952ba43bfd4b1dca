"""Each researcher page in headless Chromium against the real server (see conftest.py): no
console error, nothing fetched from outside 127.0.0.1, Chinese rendered with real glyphs, the
editor's queries show rows, quotes highlighted at the right place (also after 𠮷, outside the
BMP), the map draws places and routes, the timeline draws events."""

from __future__ import annotations

from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    ("home-zh", "/?lang=zh"),
    ("home-en", "/?lang=en"),
    ("entity-zh", "/resource/ent/jixiang-machine-works?lang=zh"),
    ("entity-en", "/resource/org/shanxi-gtu?lang=en"),
    ("event-zh", "/resource/event/shanxi-gtu-founding?lang=zh"),
    ("event-en", "/resource/event/shanxi-gtu-founding?lang=en"),
    ("window-zh", "/resource/time/001-c0011?lang=zh"),
    ("search-zh", "/search?lang=zh&q=shanxi"),
    ("browse-en", "/browse?lang=en&class=gy:Place"),
    ("editor-zh", "/sparql?lang=zh"),
    ("editor-en", "/sparql?lang=en"),
    ("source-zh", "/sources/001?lang=zh"),
    ("source-en", "/sources/001?lang=en&span=ann-001-e0001"),
    ("map-zh", "/map?lang=zh"),
    ("map-en", "/map?lang=en"),
    ("timeline-zh", "/timeline?lang=zh"),
    ("timeline-en", "/timeline?lang=en"),
    ("error-en", "/resource/place/taiyuanx?lang=en"),
]
INSTANCES = ("PREFIX gy: <https://w3id.org/gongyun/ontology#>\n"
             "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
             "SELECT ?x ?type WHERE { ?x a ?type . VALUES ?type { gy:Enterprise gy:Organization } }"
             " ORDER BY ?x")


@pytest.mark.parametrize("name, path", PAGES, ids=[n for n, _ in PAGES])
def test_page_loads_cleanly(page, name, path):
    page.goto(path, name)
    if name.startswith("error"):
        assert page.page.locator("#error-message").count() == 1
        page.errors = [e for e in page.errors if "404" not in e]  # the page's own status
    if name.startswith("map"):
        page.page.wait_for_selector("#map[data-routes]")
    if name.startswith("timeline"):
        page.page.wait_for_selector("#timeline-svg[data-events]")
    assert page.page.locator("header.top nav a").count() == 6
    page.screenshot(name)


def test_chinese_glyphs_render(page):
    """Two different Chinese characters must draw different ink: missing glyphs draw the same
    empty box (tofu) for both, and a full-width glyph is about one em wide."""
    page.goto("/?lang=zh")
    result = page.page.evaluate("""() => {
        const draw = (ch) => { const c = document.createElement('canvas');
            c.width = 64; c.height = 64;
            const g = c.getContext('2d'); g.font = '48px "Noto Sans CJK SC", sans-serif';
            g.fillStyle = '#000'; g.fillText(ch, 8, 52);
            const px = g.getImageData(0, 0, 64, 64).data; let ink = 0;
            for (let i = 3; i < px.length; i += 4) if (px[i] > 128) ink++;
            return {url: c.toDataURL(), ink: ink, width: g.measureText(ch).width}; };
        const a = draw('工'), b = draw('运');
        const h1 = document.querySelector('h1');
        return {differ: a.url !== b.url, inkA: a.ink, inkB: b.ink, width: a.width,
                fontFamily: getComputedStyle(h1).fontFamily, h1: h1.textContent};
    }""")
    assert result["differ"], "both characters drew the same shape: CJK font missing"
    assert result["inkA"] > 50 and result["inkB"] > 50
    assert 44 <= result["width"] <= 52
    assert "工运知识图谱" in result["h1"]


def test_editor_example_query_shows_rows_by_label(page):
    page.goto(f"/sparql?lang=zh#query={quote(INSTANCES, safe='')}", "editor-with-query")
    page.page.wait_for_selector("#results-table")
    rows = page.page.locator("#results-table tr")
    assert rows.count() == 3  # header + 2
    links = page.page.locator("#results-table a.iri")
    texts = links.all_inner_texts()
    assert "𠮷祥机器厂" in texts and "山西省总工会" in texts  # IRIs shown by label
    assert links.first.get_attribute("href").startswith(page.base + "/resource/")
    csv = page.page.locator("#dl-csv").get_attribute("href")
    assert "format=csv" in csv and page.page.locator("#dl-tsv").is_visible()
    assert "#query=" in page.page.url  # the query stays in the URL


def test_editor_competency_example_runs(page):
    page.goto("/sparql?lang=en")
    page.page.locator("a.example").first.click()
    page.page.wait_for_function(
        "document.querySelector('#status').textContent.includes('rows')"
        " || document.querySelector('#error').textContent.length > 0")
    assert page.page.locator("#error").inner_text() == ""
    assert page.page.locator("#results-table tr").count() >= 1  # header (the fixture is tiny)
    assert "#query=" in page.page.url


def test_editor_completes_our_prefixes(page):
    page.goto("/sparql?lang=en")
    page.page.evaluate("document.querySelector('.CodeMirror').CodeMirror.setValue('')")
    page.page.locator(".CodeMirror textarea").focus()
    page.page.keyboard.type("SELECT * WHERE { ?s a gysh")
    page.page.wait_for_selector(".CodeMirror-hints")
    assert "gysh:" in page.page.locator(".CodeMirror-hints").inner_text()
    page.page.keyboard.press("Escape")
    page.page.keyboard.type(":")
    value = page.page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert value.startswith("PREFIX gysh: <https://w3id.org/gongyun/shapes#>\n")


def test_entity_quote_highlighted_after_non_bmp_character(page):
    page.goto("/resource/ent/jixiang-machine-works?lang=zh")
    mark = page.page.locator("div.evidence mark.hl").first
    assert mark.inner_text() == "𠮷祥机器厂由汉口迁往重庆"
    para = mark.locator("xpath=..").inner_text()
    assert para.startswith("1938年春，𠮷祥机器厂由汉口迁往重庆，共运器材300吨")
    box = mark.bounding_box()
    assert box and box["width"] > 100  # drawn, with a glyph for 𠮷
    page.screenshot("entity-quote")


def test_source_reader_span_click_shows_claims(page):
    page.goto("/sources/001?lang=zh#ann-001-e0002", "source-with-anchor")
    active = page.page.locator(".ann.active")
    assert "".join(active.all_inner_texts()) == "共运器材300吨"  # after 𠮷: code points count
    page.page.locator(".ann", has_text="其后一部分器材再迁四川").click()
    page.page.wait_for_selector("#panel[data-shown='ann-001-e0003']")
    panel = page.page.locator("#panel")
    assert "器材再迁四川" in panel.inner_text() and "四川" in panel.inner_text()
    href = panel.get_by_role("link", name="四川", exact=True).get_attribute("href")
    assert href.startswith(page.base + "/resource/place/sichuan")
    page.screenshot("source-clicked")


def test_map_draws_places_and_routes(page):
    page.goto("/map?lang=en")
    page.page.wait_for_selector("#map[data-routes]")
    assert page.page.locator("#map").get_attribute("data-places") == "5"
    assert page.page.locator("#map").get_attribute("data-routes") == "2"
    assert page.page.locator("path.place").count() == 5
    assert page.page.locator("path.place-ConfirmedCoordinates").count() == 2
    assert page.page.locator("path.place-ProvinceLevelCoordinates").count() == 1
    routes = page.page.locator("path.route")
    widths = sorted(float(routes.nth(i).get_attribute("stroke-width")) for i in range(2))
    assert widths[0] < widths[1]  # the route with a tonnage is drawn wider
    # the route that ends at a province (四川) outlines that province
    outlined = "path[stroke='#1f4fa0'][fill='#dfe8f7']"
    assert page.page.locator(outlined).count() == 1
    routes.nth(0).click(force=True)
    assert page.page.locator(".leaflet-popup-content .route-popup > a").count() == 1
    assert "present-day boundaries" in page.page.inner_text("body")


def test_every_figure_on_the_map_comes_from_a_claim_about_that_route(page):
    """Each route's popup, opened from the list under the map: every figure in it is the
    words as written of a gy:weight claim whose subject is that very route (asked of /sparql);
    the second move, which relocated a set weighing 九百余吨, shows no figure at all."""
    page.goto("/map?lang=zh")
    page.page.wait_for_selector("#map[data-routes]")
    rows = page.page.locator("#route-list tr[data-route]")
    seen = {}
    for i in range(rows.count()):
        route = rows.nth(i).get_attribute("data-route")
        rows.nth(i).locator("button").click()
        popup = page.page.locator(f".leaflet-popup-content .route-popup[data-route='{route}']")
        popup.wait_for()
        figures = popup.locator(".figure")
        seen[route.rsplit("/", 1)[-1]] = figures.all_inner_texts()
        for j in range(figures.count()):
            claim = figures.nth(j).get_attribute("data-claim")
            written = figures.nth(j).locator("strong").inner_text()
            answer = page.page.evaluate("""([claim, route]) => fetch('/sparql', {method: 'POST',
                headers: {'Content-Type': 'application/x-www-form-urlencoded',
                          'Accept': 'application/sparql-results+json'},
                body: 'query=' + encodeURIComponent(`PREFIX gy: <https://w3id.org/gongyun/ontology#>
                  SELECT ?w WHERE { <${claim}> gy:subject <${route}> ; gy:predicate gy:weight ;
                                    gy:object ?q . ?q gy:asWritten ?w }`)}).then(r => r.json())""",
                [claim, route])
            values = [b["w"]["value"] for b in answer["results"]["bindings"]]
            assert values == [written], (route, claim, written)
        # every figure the list shows for the route is in its popup, and no other
        listed = rows.nth(i).locator(".figure").evaluate_all(
            "els => els.map(e => e.dataset.claim)")
        assert listed == figures.evaluate_all("els => els.map(e => e.dataset.claim)")
    assert seen["jixiang-second-move"] == []
    assert len(seen["jixiang-relocation"]) == 1 and "300吨" in seen["jixiang-relocation"][0]
    assert "九百余吨" not in page.page.inner_text("body")


def test_timeline_draws_event_windows(page):
    page.goto("/timeline?lang=zh")
    page.page.wait_for_selector("#timeline-svg[data-events]")
    svg = page.page.locator("#timeline-svg")
    assert svg.get_attribute("data-events") == "5"  # the undated one placed after the move
    bars = {b.get_attribute("data-iri").rsplit("/", 1)[-1]: b.bounding_box()
            for b in svg.locator("rect.bar").all()}
    assert bars["shanxi-gtu-founding"]["x"] < bars["jixiang-relocation"]["x"]
    # a season is wider than a day, a year and a half wider still
    assert bars["shanxi-gtu-founding"]["width"] < bars["jixiang-relocation"]["width"] \
        < bars["jixiang-second-move"]["width"]
    assert "placed" in svg.locator("rect[data-iri$='jixiang-resumes']").get_attribute("class")
    with page.page.expect_navigation():
        page.page.select_option("#f-kind", label="成立 (1)")
    page.page.wait_for_function("document.querySelector('#timeline-svg').dataset.events === '1'")
    assert "kind=" in page.page.url
    with page.page.expect_navigation():
        page.page.select_option("#f-kind", value="")
    with page.page.expect_navigation():
        page.page.fill("#f-from", "1938")
        page.page.dispatch_event("#f-from", "change")
    page.page.wait_for_function("document.querySelector('#timeline-svg').dataset.events === '3'")
    assert "from=1938" in page.page.url and "kind=" not in page.page.url


def test_requests_leaving_127_0_0_1_are_caught(page):
    """The guard itself: a request to another address (127.0.0.2, still loopback, so nothing
    leaves the machine even if the guard failed) is aborted and recorded."""
    page.goto("/?lang=en")
    page.page.evaluate("() => fetch('http://127.0.0.2:9/probe').catch(() => null)")
    page.page.wait_for_timeout(200)
    assert page.outside == ["http://127.0.0.2:9/probe"]
    page.outside.clear()  # expected here: the fixture fails any other test that has one
    page.errors.clear()


def test_entity_links_open_map_and_timeline_on_it(page):
    page.goto("/resource/place/taiyuan?lang=en")
    page.page.get_by_role("link", name="on the map").click()
    page.page.wait_for_selector(".leaflet-popup-content a")
    assert page.page.locator(".leaflet-popup-content a").inner_text() == "Taiyuan"
    page.goto("/resource/place/taiyuan?lang=en")
    page.page.get_by_role("link", name="its events on the timeline").click()
    page.page.wait_for_selector("#timeline-svg[data-events]")
    # its founding (took place there) and its fall (Taiyuan was the target)
    assert page.page.locator("#timeline-svg").get_attribute("data-events") == "2"
    assert page.page.locator("#f-place").input_value().endswith("/place/taiyuan")
