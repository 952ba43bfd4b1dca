"""The pages as people without a desktop and a mouse meet them (see conftest.py): every page at
390 px wide without sideways scrolling; the home page, the editor and the reader by keyboard
alone (every control reachable, no trap); the server-rendered pages with JavaScript off; axe-core
with no serious or critical violation of WCAG 2.1 A/AA; the marks that carry meaning at 3:1;
Chinese inside English pages marked lang="zh"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import AXE, PHONE_WIDTH
from tests.browser.test_pages_browser import PAGES

pytestmark = pytest.mark.browser

# every control a keyboard must reach (visible ones)
FOCUSABLE = """() => Array.from(document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]'))
  .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length
               && getComputedStyle(e).visibility !== 'hidden')
  .map(e => e.outerHTML.slice(0, 120))"""
ACTIVE = "() => document.activeElement === document.body ? 'BODY' :" \
         " document.activeElement.outerHTML.slice(0, 120)"


def ready(page, name: str) -> None:
    if name.startswith("map"):
        page.page.wait_for_selector("#map[data-routes]")
    if name.startswith("timeline"):
        page.page.wait_for_selector("#timeline-svg[data-events]")


@pytest.mark.parametrize("name, path", PAGES, ids=[n for n, _ in PAGES])
def test_phone_has_no_sideways_scrolling(phone, name, path):
    phone.goto(path, f"phone-{name}")
    ready(phone, name)
    if name.startswith("error"):
        phone.errors = [e for e in phone.errors if "404" not in e]
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{path} is {width} px wide at {PHONE_WIDTH} px"
    wide = phone.page.evaluate("""(w) => Array.from(document.querySelectorAll('body *'))
        .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.scroll, pre,'
                     + ' .leaflet-container, .CodeMirror, svg'))
        .map(e => e.tagName + '.' + e.className).slice(0, 5)""", PHONE_WIDTH)
    assert not wide, f"{path}: {wide} stick out"


def test_phone_reader_opens_the_claims_of_a_span_in_a_sheet(phone):
    phone.goto("/sources/001?lang=zh")
    assert not phone.page.locator("#panel").is_visible()  # the text keeps the whole width
    text_width = phone.page.locator("#reader").bounding_box()["width"]
    assert text_width > PHONE_WIDTH - 40
    phone.page.locator(".ann", has_text="共运器材300吨").tap()
    phone.page.wait_for_selector("#panel.open[data-shown]")
    box = phone.page.locator("#panel").bounding_box()
    assert box["width"] >= PHONE_WIDTH - 1 and box["y"] > 300  # a sheet at the bottom
    phone.page.locator("#panel button.close").tap()
    assert not phone.page.locator("#panel").is_visible()


def walk(page, limit: int, key: str = "Tab") -> list[str]:
    """Tab from the top of the page until focus comes back round; the elements reached."""
    page.page.evaluate("document.activeElement && document.activeElement.blur()")
    seen = []
    for _ in range(limit):
        page.page.keyboard.press(key)
        now = page.page.evaluate(ACTIVE)
        if seen and now == seen[0]:
            return seen
        seen.append(now)
    raise AssertionError(f"focus never came round in {limit} presses: {seen[-5:]}")


@pytest.mark.parametrize("path", ["/?lang=zh", "/sparql?lang=en", "/sources/001?lang=zh"])
def test_keyboard_reaches_every_control_and_leaves(page, path):
    page.goto(path)
    controls = page.page.evaluate(FOCUSABLE)
    reached = walk(page, len(controls) + 10)
    missing = [c for c in controls if c not in reached]
    assert not missing, f"not reachable by Tab: {missing[:5]}"
    back = walk(page, len(controls) + 10, "Shift+Tab")  # and round the other way
    assert set(back) == set(reached)


def test_keyboard_goes_from_the_map_to_its_lists_not_through_its_shapes(page):
    """A route or a place on the map is no tab stop without a name: Tab goes from the map to
    the list of routes, whose "show on the map" opens the route's popup."""
    page.goto("/map?lang=en")
    page.page.wait_for_selector("#map[data-routes]")
    page.page.locator("#map").focus()
    reached = []
    for _ in range(4):
        page.page.keyboard.press("Tab")
        reached.append(page.page.evaluate("document.activeElement.tagName"))
    assert "path" not in [r.lower() for r in reached], reached
    button = page.page.locator("#route-list tr", has_text="Machines moved on").locator("button")
    button.focus()
    page.page.keyboard.press("Enter")
    page.page.wait_for_selector(".leaflet-popup-content .route-popup")
    assert "no tonnage given" in page.page.locator(".leaflet-popup-content").inner_text()


def test_keyboard_leaves_the_editor_and_runs_the_query(page):
    page.goto("/sparql?lang=en")
    page.page.locator(".CodeMirror textarea").focus()
    before = page.page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")
    page.page.keyboard.press("Tab")
    assert page.page.evaluate("document.activeElement.id") == "run"  # no tab typed, no trap
    assert page.page.evaluate(
        "document.querySelector('.CodeMirror').CodeMirror.getValue()") == before
    page.page.keyboard.press("Enter")
    page.page.wait_for_selector("#results-table")
    page.page.keyboard.press("Tab")  # on to the downloads
    assert page.page.evaluate("document.activeElement.id") == "dl-csv"
    assert page.page.locator("#dl-labelled").get_attribute("download") == \
        "gongyun-query-labelled.csv"
    with page.page.expect_download() as download:
        page.page.locator("#dl-labelled").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "org,org_label,label"
    row = "https://w3id.org/gongyun/resource/org/shanxi-gtu,Shanxi Provincial General Trade Union"
    assert row + ",山西省总工会" in text
    # an example, by keyboard: its file names follow it
    page.page.locator("a.example").first.focus()
    page.page.keyboard.press("Enter")
    page.page.wait_for_function("document.querySelector('#status').textContent.includes('rows')")
    assert page.page.locator("#dl-csv").get_attribute("download").startswith("gongyun-cq-")


def test_keyboard_opens_a_span_and_comes_back(page):
    page.goto("/sources/001?lang=en")
    span = page.page.locator("a.ann", has_text="共运器材300吨")
    span.focus()
    page.page.keyboard.press("Enter")
    page.page.wait_for_selector("#panel[data-shown='ann-001-e0002']")
    assert page.page.evaluate("document.activeElement.id") == "panel"
    assert "300吨" in page.page.locator("#panel").inner_text()
    page.page.keyboard.press("Tab")
    page.page.keyboard.press("Tab")
    page.page.keyboard.press("Tab")  # subject, object, claim … then "back to the text"
    for _ in range(6):
        if page.page.evaluate("document.activeElement.classList.contains('back')"):
            break
        page.page.keyboard.press("Tab")
    page.page.keyboard.press("Enter")
    assert page.page.evaluate("document.activeElement.textContent") == "共运器材300吨"


def test_without_javascript_the_server_rendered_pages_work(no_script):
    page = no_script.page
    no_script.goto("/?lang=en")
    assert page.locator("#examples a").count() >= 1
    page.fill("#site-q", "shanxi")
    page.press("#site-q", "Enter")
    page.wait_for_selector("#search-results")
    assert "Shanxi Provincial General Trade Union" in page.inner_text("#search-results")
    no_script.goto("/sources/001?lang=en")
    page.locator("a.ann", has_text="共运器材300吨").click()
    page.wait_for_selector("#panel.open")
    assert "300吨" in page.inner_text("#panel") and "span=ann-001-e0002" in page.url
    no_script.goto("/sparql?lang=en")
    assert page.locator("noscript").count() == 1
    page.fill("#query", "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                        "SELECT ?x ?l WHERE { ?x rdfs:label ?l FILTER(LANG(?l) = 'en') }")
    page.click("#run")
    page.wait_for_selector("#results-table")
    assert page.locator("#results-table a.iri").count() >= 5
    no_script.goto("/map?lang=en")
    body = page.inner_text("body")
    assert "The map needs JavaScript" in body and "loading" not in body
    assert page.locator("#route-list tr[data-route]").count() == 2
    no_script.goto("/timeline?lang=en")
    assert "The chart needs JavaScript" in page.inner_text("body")
    page.select_option("#f-place", label="Taiyuan (2)")
    page.click("#f-apply")
    page.wait_for_url("**place=*")
    assert page.locator("#event-list tbody tr").count() == 2
    no_script.goto("/resource/event/shanxi-gtu-founding?lang=zh")
    assert page.locator("div.para mark").count() >= 1


REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
AXE_PAGES = [p for p in PAGES if not p[0].startswith("error")] + [
    ("docs", "/docs"), ("redoc", "/redoc")]


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed: npm ci in frontend/")
@pytest.mark.parametrize("name, path", AXE_PAGES, ids=[n for n, _ in AXE_PAGES])
def test_axe_finds_no_serious_violation(page, name, path):
    """axe-core (pinned in frontend/package.json), injected from disk, WCAG 2.1 A and AA."""
    page.goto(path)
    ready(page, name)
    if name in ("docs", "redoc"):
        page.page.wait_for_selector(".swagger-ui .info, .api-info, [role=search]",
                                    timeout=30000)
    page.page.add_script_tag(path=str(AXE))
    result = page.page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    if name in ("docs", "redoc"):
        # Swagger UI nests a button in its operation headers; ReDoc's sidebar credit loads
        # Redocly's logo from their CDN and hides it when that fails (as offline it does)
        bad = [b for b in bad if b[0] != "nested-interactive"]
        page.outside = [u for u in page.outside if u != REDOC_LOGO]
        page.errors = [e for e in page.errors if "ERR_FAILED" not in e]
    assert not bad, bad


def contrast(page, fg: str, bg: str) -> float:
    return page.page.evaluate("""([fg, bg]) => {
        const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const lum = (c) => { const [r, g, b] = rgb(c).map(v => { v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
        return (a + 0.05) / (b + 0.05); }""", [fg, bg])


def test_highlights_and_underlines_stand_out(page):
    """WCAG 1.4.11: the underline that marks a quote or an annotated span is 3:1 against the
    page and against the span's own tint; the text on the tint is 4.5:1."""
    page.goto("/resource/ent/jixiang-machine-works?lang=zh")
    mark = page.page.evaluate("""() => { const s = getComputedStyle(
        document.querySelector('div.evidence mark.hl'));
        return [s.borderBottomColor, s.backgroundColor, s.color,
                getComputedStyle(document.querySelector('.para')).backgroundColor]; }""")
    assert contrast(page, mark[0], mark[3]) >= 3 and contrast(page, mark[0], mark[1]) >= 3
    assert contrast(page, mark[2], mark[1]) >= 4.5
    page.goto("/sources/001?lang=zh")
    ann = page.page.evaluate("""() => { const s = getComputedStyle(document.querySelector(
        '.reader .ann.d3, .reader .ann.d2, .reader .ann'));
        return [s.borderBottomColor, 'rgb(255, 255, 255)']; }""")
    assert contrast(page, *ann) >= 3


@pytest.mark.parametrize("path", ["/?lang=en", "/resource/event/shanxi-gtu-founding?lang=en",
                                  "/sources/001?lang=en&span=ann-001-e0001", "/map?lang=en",
                                  "/timeline?lang=en", "/search?lang=en&q=shanxi",
                                  "/sparql?lang=en&example=cq-000-01"])
def test_chinese_in_english_pages_is_marked_zh(page, path):
    page.goto(path)
    ready(page, path[1:4])
    unmarked = page.page.evaluate("""() => {
        const out = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode, el = node.parentElement;
            if (!/[\\u3400-\\u9fff]/.test(node.data) || el.closest('script, noscript')) continue;
            if (!el.getClientRects().length && !el.closest('select')) continue;
            const tagged = el.closest('[lang]');
            if (!tagged || !tagged.lang.startsWith('zh')) out.push(node.data.trim().slice(0, 30));
        }
        return out; }""")
    assert not unmarked, unmarked[:8]
