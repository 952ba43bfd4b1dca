"""The front-end libraries ship in the package (api/static/vendor/): every served file is
there, unchanged since scripts/update_frontend.py wrote it, made from the versions
frontend/package-lock.json pins, and (when npm has installed them) from those very files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from gongyun.api.pages import assets

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "frontend" / "node_modules"
SOURCES = json.loads(assets.SOURCES_FILE.read_text())


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_vendor_file_is_in_the_package_as_recorded():
    assert assets.missing_vendor() == []
    assert set(SOURCES) == set(assets.VENDOR)
    for name, spec in assets.VENDOR.items():
        record = SOURCES[name]
        assert (record["package"], tuple(f for f, _ in record["files"]), record["minified"]) == \
            (spec.package, spec.files, spec.minify), name
        assert sha256(assets.vendor_file(name)) == record["sha256"], f"{name} edited by hand"
    extra = {p.name for p in assets.VENDOR_DIR.iterdir()} - set(assets.VENDOR) - {"SOURCES.json"}
    assert not extra, f"files nobody serves: {extra}"


def test_vendor_files_come_from_the_pinned_versions():
    lock = json.loads((ROOT / "frontend" / "package-lock.json").read_text())["packages"]
    pinned = json.loads((ROOT / "frontend" / "package.json").read_text())["dependencies"]
    for name, record in SOURCES.items():
        package = record["package"]
        assert lock[f"node_modules/{package}"]["version"] == record["version"], name
        assert pinned[package] == record["version"], f"{package} is not pinned exactly"


@pytest.mark.skipif(not NODE_MODULES.is_dir(), reason="npm has not installed frontend/")
def test_vendor_files_match_node_modules():
    """What npm installed from the lock file is what the committed files were made from."""
    for name, record in SOURCES.items():
        folder = NODE_MODULES / record["package"]
        installed = json.loads((folder / "package.json").read_text())["version"]
        assert installed == record["version"], f"run npm ci in frontend/ ({name})"
        for file, digest in record["files"]:
            assert sha256(folder / file) == digest, f"{name}: {file} differs from node_modules"
        if not record["minified"]:
            joined = b"\n".join((folder / f).read_bytes() for f, _ in record["files"])
            assert hashlib.sha256(joined).hexdigest() == record["sha256"], name


def test_codemirror_is_served_minified():
    record = SOURCES["codemirror.min.js"]
    assert record["minified"] and record["bytes"] < 250_000  # 402 KB for lib/codemirror.js
    assert assets.vendor_file("codemirror.min.js").read_text().startswith(
        f"/*! codemirror.min.js: codemirror {record['version']}")
