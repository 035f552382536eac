#!/usr/bin/env bash
# Counting benchmark: 100,000 ranked ballots over 30 candidates for 10 seats, counted by
# stvpoll, by pref_voting and by the platform's count_ranking (both, cross-checked), each in
# a fresh process; time, CPU and peak memory. No database. VOTES_BALLOTS sets the number of
# ballots; QUICK=1 uses 20,000. Writes bench/results/votes_count.{json,md}.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${QUICK:-}" ]; then export VOTES_BALLOTS="${VOTES_BALLOTS:-20000}"; fi
PYTHONPATH="$PWD:$PWD/bench/votes_count" .venv/bin/python bench/votes_count/bench.py
