"""How wide and tall each page lays out on a phone: document.documentElement.scrollWidth and
scrollHeight in Debian's Chromium at 390 px wide (anything over 390 scrolls sideways), against a
running `gongyun serve` (needs Playwright, installed by scripts/install-browser-deps.sh).

    .venv/bin/python scripts/page_widths.py http://127.0.0.1:8000
"""

from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright

WIDTH = 390
PAGES = ["/?lang=zh", "/sparql?lang=zh", "/resource/org/shanxi-gtu?lang=zh",
         "/resource/event/fengfeng-battle-1945?lang=en",
         "/resource/disagreement/shanxi-gtu-founding-date?lang=zh", "/sources/000?lang=zh",
         "/sources/001?lang=en", "/sources/002?lang=zh", "/map?lang=zh", "/timeline?lang=zh",
         "/timeline?lang=en"]


def main(base: str) -> None:
    print(f"| page | width at {WIDTH} px | height |\n| --- | ---: | ---: |")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": WIDTH, "height": 844})
        for path in PAGES:
            page.goto(base.rstrip("/") + path, wait_until="networkidle")
            width, height = page.evaluate("[document.documentElement.scrollWidth,"
                                          " document.documentElement.scrollHeight]")
            print(f"| `{path}` | {width} | {height:,} |")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1])
