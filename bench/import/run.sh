#!/usr/bin/env bash
# Member import benchmark on PostgreSQL: a generated 150,000-row export, imported twice,
# compared with COPY. Uses its own database (dropped and recreated each run).
# QUICK=1 imports 15,000 rows.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DATABASE_URL="${BENCH_IMPORT_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ld_bench_import}"
if [ -n "${QUICK:-}" ]; then export IMPORT_ROWS="${IMPORT_ROWS:-15000}"; fi
.venv/bin/python bench/import/bench.py
