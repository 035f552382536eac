#!/usr/bin/env bash
# How soon a new statement vote shows on the opinion map, on PostgreSQL + Redis with a real
# Celery worker and beat: 5,000 participants x 200 statements, then votes at a steady rate.
# Own database (dropped and recreated) and Redis db. QUICK=1 votes for 20 s instead of 60 s.
# Only talks to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
export BENCH_FORUM_LATENCY_DATABASE_URL="${BENCH_FORUM_LATENCY_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ld_forum_latency}"
export BENCH_FORUM_LATENCY_REDIS="${BENCH_FORUM_LATENCY_REDIS:-redis://127.0.0.1:6379/10}"
.venv/bin/python bench/forum_latency/bench.py
