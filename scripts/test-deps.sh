#!/usr/bin/env bash
# What the test suite needs beyond Python packages: compiled translations and, for the
# browser tests, Debian's chromium and axe-core from the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python manage.py compilemessages --ignore=.venv -v 0 2>/dev/null || true

# Browser tests: Debian's chromium (Playwright cannot download its own browsers here).
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# axe-core for the accessibility checks, pinned by package-lock.json.
if [ ! -d node_modules/axe-core ] && command -v npm >/dev/null; then
  npm ci --no-audit --no-fund --silent
fi
