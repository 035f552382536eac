#!/usr/bin/env bash
# Forum page benchmark on PostgreSQL: a conversation with 1,000 contributions (and a reply to
# every fifth), its paginated page rendered in-process for each ordering; server time and
# queries per request. Own database (dropped and recreated): ld_forum_page by default.
set -euo pipefail
cd "$(dirname "$0")/../.."
export BENCH_FORUM_DATABASE_URL="${BENCH_FORUM_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ld_forum_page}"
.venv/bin/python bench/forum_page/bench.py
