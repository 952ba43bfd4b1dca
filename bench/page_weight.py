"""Page weights: what a browser downloads for each researcher page, uncompressed and as sent
to a browser that accepts gzip (the bytes on the wire), the page itself and the scripts and
style sheets it loads.

    python -m bench.page_weight http://127.0.0.1:8000

Prints a Markdown table (docs/web.md keeps the figures before and after compression). Only
urllib: it runs from any environment against any running `gongyun serve`.
"""

from __future__ import annotations

import argparse
import re
import sys
import urllib.request
from dataclasses import dataclass

PAGES = [
    ("home", "/?lang=zh"),
    ("query editor", "/sparql?lang=zh"),
    ("entity (org/shanxi-gtu)", "/resource/org/shanxi-gtu?lang=zh"),
    ("source reader 000", "/sources/000?lang=zh"),
    ("source reader 001", "/sources/001?lang=zh"),
    ("source reader 002", "/sources/002?lang=zh"),
    ("map", "/map?lang=zh"),
    ("timeline", "/timeline?lang=zh"),
]
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
_LOADED = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*rel="stylesheet"[^>]*\shref)="([^"]+)"')


@dataclass
class Weight:
    raw: int
    wire: int
    encoding: str


def fetch(url: str, gzip: bool) -> tuple[bytes, str]:
    """(the body as sent, its Content-Encoding): urllib never decompresses."""
    headers = {"Accept": BROWSER_ACCEPT, "Accept-Language": "zh-CN,zh;q=0.9",
               "Accept-Encoding": "gzip" if gzip else "identity"}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
        return r.read(), r.headers.get("Content-Encoding", "")


def weigh(url: str) -> Weight:
    raw, _ = fetch(url, gzip=False)
    wire, encoding = fetch(url, gzip=True)
    return Weight(len(raw), len(wire), encoding or "identity")


def assets_of(html: str, base: str) -> list[str]:
    return [u if u.startswith("http") else base + u for u in _LOADED.findall(html)]


def kb(n: int) -> str:
    return f"{n / 1024:,.1f}"


def measure(base: str) -> list[tuple[str, Weight, Weight, int]]:
    """Per page: (name, the HTML, the HTML with its scripts and styles, number of assets)."""
    out = []
    seen: dict[str, Weight] = {}
    for name, path in PAGES:
        page = weigh(base + path)
        html = fetch(base + path, gzip=False)[0].decode("utf-8")
        assets = assets_of(html, base)
        total = Weight(page.raw, page.wire, page.encoding)
        for url in assets:
            if url not in seen:
                seen[url] = weigh(url)
            total.raw += seen[url].raw
            total.wire += seen[url].wire
        out.append((name, page, total, len(assets)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the running service, e.g. http://127.0.0.1:8000")
    base = parser.parse_args(argv).base.rstrip("/")
    print("| page | HTML KB | HTML KB sent (gzip) | with scripts and styles KB |"
          " sent KB | files |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, page, total, files in measure(base):
        print(f"| {name} | {kb(page.raw)} | {kb(page.wire)} ({page.encoding}) |"
              f" {kb(total.raw)} | {kb(total.wire)} | {files} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
