"""Headless Chromium (Debian's, driven by Playwright for Python) against the real server on
127.0.0.1 serving the pages fixture (tests/browser/data), in three browsers' guises: a desktop
(1300 px), a phone (390 px wide, touch) and a desktop with JavaScript off. Every request that
would leave 127.0.0.1 is blocked and fails the test; console errors fail it too. Screenshots go
to build/screenshots/ and the page load times measured in the browser are printed at the end.

Install the browser, the CJK fonts and axe-core (npm, for the accessibility run) with
scripts/install-browser-deps.sh; without them these tests are skipped, saying why."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from gongyun.api.pages import assets
from tests.serving import start_serve

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOAD_TIMES: list[tuple[str, dict]] = []
PHONE_WIDTH = 390
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"


def _missing() -> str | None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed"
    if assets.missing_vendor():
        return f"front-end libraries missing from the package: {assets.missing_vendor()}"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing()
    for item in items:
        if "browser" in item.keywords and reason:
            item.add_marker(pytest.mark.skip(
                reason=f"{reason}: run scripts/install-browser-deps.sh"))


# Module scope: Playwright's sync API runs an asyncio loop in this thread while it is open, and
# tests after these (asyncio.run) must not find it running.
@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`gongyun serve` on a free port with a temporary store over the pages fixture."""
    root = tmp_path_factory.mktemp("browser-server")
    served = start_serve(
        ["--store", str(root / "store"), "--build-dir", str(root / "build"),
         "--data", str(DATA / "pages.trig"), "--workers", "2"],
        root / "serve.log", env={"GONGYUN_CORPUS_DIR": str(DATA / "corpus")}, wait=60)
    try:
        yield served.url
    finally:
        served.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def browser_context(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, locale="en-US")
    yield context
    context.close()


@pytest.fixture(scope="module")
def phone_context(browser):
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 844},
                                  device_scale_factor=2, is_mobile=True, has_touch=True,
                                  locale="zh-CN")
    yield context
    context.close()


@pytest.fixture(scope="module")
def no_script_context(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, locale="en-US",
                                  java_script_enabled=False)
    yield context
    context.close()


class Watched:
    """A page whose outside requests and console errors are recorded (and fail the test)."""

    def __init__(self, page, base: str):
        self.page = page
        self.base = base
        self.outside: list[str] = []
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.route("**/*", self._route)

    def _route(self, route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def goto(self, path: str, name: str | None = None):
        self.page.goto(self.base + path, wait_until="networkidle")
        timing = self.page.evaluate("""() => { const t = performance.timing;
            return {dom: t.domContentLoadedEventEnd - t.navigationStart,
                    load: t.loadEventEnd - t.navigationStart}; }""")
        if name:
            LOAD_TIMES.append((name, timing))
        return timing

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _watched(context, server):
    tab = context.new_page()
    watched = Watched(tab, server)
    yield watched
    tab.close()
    assert not watched.outside, f"requests left 127.0.0.1: {watched.outside}"
    assert not watched.errors, f"console errors: {watched.errors}"


@pytest.fixture
def page(browser_context, server):
    yield from _watched(browser_context, server)


@pytest.fixture
def phone(phone_context, server):
    yield from _watched(phone_context, server)


@pytest.fixture
def no_script(no_script_context, server):
    yield from _watched(no_script_context, server)


def pytest_terminal_summary(terminalreporter):
    if not LOAD_TIMES:
        return
    terminalreporter.section("page load times in the browser (performance.timing, ms)")
    for name, t in LOAD_TIMES:
        terminalreporter.write_line(
            f"{name:<28} DOMContentLoaded {t['dom']:>5}   load {t['load']:>5}")
    terminalreporter.write_line(f"screenshots: {SCREENSHOTS}")
