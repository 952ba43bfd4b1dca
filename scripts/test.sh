#!/usr/bin/env bash
# Install Gongyun with its test dependencies into .venv and run every test and lint.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e '.[test]'
# Chromium, CJK fonts and the pinned front-end libraries for the browser tests.
bash scripts/install-browser-deps.sh
# Virtuoso (tests/virtuoso), Java 17 and Jena (the Java clients), curl.
bash scripts/install-test-deps.sh
.venv/bin/ruff check .
.venv/bin/python -m pytest -q "$@"
