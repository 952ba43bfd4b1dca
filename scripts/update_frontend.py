"""Update the front-end libraries the pages serve: install the versions pinned in
frontend/package-lock.json (npm ci) and copy into api/static/vendor/ the files listed in
gongyun.api.pages.assets.VENDOR, minifying CodeMirror with the pinned terser. Writes
api/static/vendor/SOURCES.json (package, version, checksums of the npm files and of the file
served), which tests/api/test_vendor.py checks against the lock file and node_modules.

Node and npm are needed here only: the copied files are committed and ship in the Python
package, so installing Gongyun (from a clone or a wheel) needs no Node.

    python scripts/update_frontend.py            # npm ci, then copy
    python scripts/update_frontend.py --no-install
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FRONTEND = ROOT / "frontend"
NODE_MODULES = FRONTEND / "node_modules"
sys.path.insert(0, str(ROOT))

from gongyun.api.pages.assets import SOURCES_FILE, VENDOR, VENDOR_DIR, Vendored  # noqa: E402


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def locked_versions() -> dict[str, str]:
    lock = json.loads((FRONTEND / "package-lock.json").read_text())
    return {path.removeprefix("node_modules/"): meta["version"]
            for path, meta in lock["packages"].items() if path.startswith("node_modules/")}


def build(name: str, spec: Vendored, version: str) -> bytes:
    sources = [NODE_MODULES / spec.package / f for f in spec.files]
    if not spec.minify:
        return b"\n".join(p.read_bytes() for p in sources)
    preamble = (f"/*! {name}: {spec.package} {version} ({', '.join(spec.files)}), minified by"
                f" terser; licence: {spec.package}-LICENSE.txt */")
    return subprocess.run(
        [str(NODE_MODULES / ".bin" / "terser"), *map(str, sources), "--compress", "--mangle",
         "--format", f"comments=false,preamble={json.dumps(preamble)}"],
        check=True, capture_output=True).stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-install", action="store_true", help="skip npm ci")
    args = parser.parse_args(argv)
    if not args.no_install:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts",
                        "--loglevel=error"], cwd=FRONTEND, check=True)
    versions = locked_versions()
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    record = {}
    for name, spec in VENDOR.items():
        version = versions[spec.package]
        body = build(name, spec, version)
        (VENDOR_DIR / name).write_bytes(body)
        record[name] = {
            "package": spec.package, "version": version,
            "files": [[f, sha256((NODE_MODULES / spec.package / f).read_bytes())]
                      for f in spec.files],
            "minified": spec.minify, "sha256": sha256(body), "bytes": len(body)}
        print(f"{name:<28} {spec.package}@{version} {len(body):>9,} bytes")
    for stale in set(p.name for p in VENDOR_DIR.iterdir()) - set(VENDOR) - {SOURCES_FILE.name}:
        (VENDOR_DIR / stale).unlink()
    SOURCES_FILE.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
