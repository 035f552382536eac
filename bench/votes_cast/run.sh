#!/usr/bin/env bash
# Casting votes under load, on PostgreSQL (own database ld_bench_votes, dropped and
# recreated): 150,000 eligible members, 32 concurrent clients against gunicorn with 2
# workers, next to a bare Django view that inserts one row. QUICK=1: 15,000 members and
# shorter phases. Only talks to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
export BENCH_VOTES_DATABASE_URL="${BENCH_VOTES_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ld_bench_votes}"
.venv/bin/python bench/votes_cast/bench.py
