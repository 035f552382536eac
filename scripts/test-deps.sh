#!/usr/bin/env bash
# What the test suite needs beyond Python packages: compiled translations and, for the
# browser tests, Debian's chromium and axe-core from the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python manage.py compilemessages --ignore=.venv -v 0 2>/dev/null || true
