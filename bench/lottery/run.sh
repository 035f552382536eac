#!/usr/bin/env bash
# Benchmark the lottery engine against sortition-algorithms (comparison only, never a
# platform dependency). Usage: bench/lottery/run.sh [--quick] [--pools NAME ...]
# Needs the test pools in ../shared/sortition beside the repository.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$repo/bench/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet numpy highspy sortition-algorithms matplotlib
cd "$repo"
PYTHONPATH="$repo" exec "$venv/bin/python" bench/lottery/bench.py "$@"
