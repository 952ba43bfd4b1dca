#!/usr/bin/env bash
# What the researcher pages and their browser tests need beyond the Python package:
#   - Debian's headless Chromium, its driver and the Noto CJK fonts (apt; skipped when present;
#     also Node.js and npm when the machine has no npm),
#   - Playwright for Python in .venv (drives that Chromium; `playwright install` is never run:
#     no browser is downloaded),
#   - the npm packages pinned in frontend/package-lock.json (npm ci): axe-core, which the
#     accessibility test injects into the pages, and the sources of the front-end libraries, which
#     tests/api/test_vendor.py compares with the copies the Python package ships in
#     api/static/vendor/ (the service itself needs no Node: scripts/update_frontend.py updates
#     those copies).
set -euo pipefail
cd "$(dirname "$0")/.."

PLAYWRIGHT_VERSION=1.65.2
APT_PACKAGES=(chromium chromium-driver fonts-noto-cjk)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! .venv/bin/python -c "import playwright" 2>/dev/null; then
    .venv/bin/pip install --quiet "playwright==${PLAYWRIGHT_VERSION}"
fi

# npm ci again only when the lock file changed since the last install (stamp in node_modules).
if ! cmp -s frontend/package-lock.json frontend/node_modules/.installed-lock.json 2>/dev/null; then
    (cd frontend && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
    cp frontend/package-lock.json frontend/node_modules/.installed-lock.json
fi
