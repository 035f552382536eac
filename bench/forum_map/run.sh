#!/usr/bin/env bash
# Benchmark the forum opinion map (timing on 5,000 x 200) and compare it with red-dwarf, a
# Python implementation of Pol.is (comparison only: its own venv, never a platform
# dependency). Usage: bench/forum_map/run.sh [--quick]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$repo/bench/forum_map/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet -r "$repo/bench/forum_map/requirements.txt"
cd "$repo"
PYTHONPATH="$repo" exec .venv/bin/python bench/forum_map/bench.py --peer "$venv/bin/python" "$@"
