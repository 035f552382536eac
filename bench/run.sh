#!/usr/bin/env bash
# Run every benchmark (bench/<name>/run.sh), then gather their tables into docs/performance.md.
# Each benchmark writes bench/results/<name>.json and bench/results/<name>.md.
# BENCH=name runs one; QUICK=1 asks benchmarks for their short mode.
set -euo pipefail
cd "$(dirname "$0")/.."
for script in bench/*/run.sh; do
  name=$(basename "$(dirname "$script")")
  [ -n "${BENCH:-}" ] && [ "$BENCH" != "$name" ] && continue
  echo "==> bench/$name"
  bash "$script"
done
.venv/bin/python bench/report.py
