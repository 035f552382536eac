#!/usr/bin/env bash
# Outbox benchmark on PostgreSQL + Redis: a national round opens for N members; time from
# opening to the last invitation accepted by a local SMTP sink, with 1 and 3 Celery
# workers, next to a bare smtplib loop over one connection sending the same messages.
# Own database (dropped and recreated) and Redis db. OUTBOX_MEMBERS=150000 by default;
# QUICK=1 uses 20,000. Only talks to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
export BENCH_OUTBOX_DATABASE_URL="${BENCH_OUTBOX_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ld_outbox}"
export BENCH_OUTBOX_BROKER="${BENCH_OUTBOX_BROKER:-redis://127.0.0.1:6379/1}"
if [ -n "${QUICK:-}" ]; then export OUTBOX_MEMBERS="${OUTBOX_MEMBERS:-20000}"; fi
.venv/bin/python bench/outbox/bench.py
