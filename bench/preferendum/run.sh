#!/usr/bin/env bash
# Preferendum benchmark on PostgreSQL (own database ld_bench_pref, dropped and recreated):
# (a) saving an answer under 32 concurrent clients against gunicorn with 2 workers, next to
#     a bare Django view that inserts one row; (b) the results page of a round with 150,000
#     members × 4 answered statements, next to the hand-written SQL aggregation.
# QUICK=1: 15,000 members and shorter load phases. Only talks to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
export BENCH_PREF_DATABASE_URL="${BENCH_PREF_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ld_bench_pref}"
.venv/bin/python bench/preferendum/bench.py
