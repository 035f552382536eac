#!/usr/bin/env bash
# Load test: 500 members log in by e-mailed code, open a round and
# answer four statements (htmx) while 20 browse results and events. gunicorn + PostgreSQL
# (LOAD_DB, default ld_bench_load) + Redis (broker, cache and sessions) on this machine;
# locust runs headless in its own venv and process. The people's pace is in pace.py.
# gunicorn: the shape in gunicorn.conf.py, as in the container; LOAD_WORKERS processes and
# LOAD_THREADS threads each override it for comparisons (LOAD_THREADS=1: sync workers).
# Bounded: LOAD_SECONDS (default pace.RUN_SECONDS, the last arrival's journey; QUICK=1: 30).
# Writes bench/results/load.{json,md}.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
pace() { .venv/bin/python -c "import sys; sys.path.insert(0, 'bench/load'); import pace; print($1)"; }
seconds=${LOAD_SECONDS:-$([ -n "${QUICK:-}" ] && echo 30 || pace pace.RUN_SECONDS)}
pg=${LOAD_PG:-postgres://postgres@127.0.0.1:5432}
port=${LOAD_PORT:-8791}
db=${LOAD_DB:-ld_bench_load}
work=$(mktemp -d)
trap 'kill -- -$web 2>/dev/null || true; rm -rf "$work"' EXIT

bench/.venv-load/bin/python -c "import locust, psycopg" 2>/dev/null || {
  python3 -m venv bench/.venv-load
  bench/.venv-load/bin/pip install --quiet "locust>=2.32,<3" "psycopg[binary]>=3.2,<4"
}

export DATABASE_URL=$pg/$db CELERY_BROKER_URL=${LOAD_BROKER:-redis://127.0.0.1:6379/7}
export CACHE_URL=${LOAD_CACHE:-$CELERY_BROKER_URL}
export VAR_DIR=$work DEBUG=False SECRET_KEY=load-benchmark-secret-key-0123456789abcdefghijklmnop
export ALLOWED_HOSTS=127.0.0.1 SITE_URL=http://127.0.0.1:$port SECURE_SSL_REDIRECT=False
export TRUSTED_PROXY_COUNT=1  # the members' addresses come in X-Forwarded-For, as behind TLS
export LOAD_SESSIONS=$work/sessions.json LOG_LEVEL=WARNING
psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py collectstatic --noinput -v 0
.venv/bin/python manage.py shell < bench/load/setup.py

shape=$(.venv/bin/python -c "import runpy; c = runpy.run_path('gunicorn.conf.py')
print(c['workers'], c['threads'])")
workers=${LOAD_WORKERS:-${shape% *}} threads=${LOAD_THREADS:-${shape#* }}
kind=$([ "$threads" = 1 ] && echo sync || echo gthread)
setsid .venv/bin/gunicorn ledendemocratie.wsgi -b 127.0.0.1:$port -w "$workers" \
  --threads "$threads" -k "$kind" --access-logfile /dev/null >"$work/gunicorn.log" 2>&1 &
web=$!
for _ in $(seq 60); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done

users=$(pace "pace.MEMBERS + pace.BROWSERS, round(pace.MEMBERS / pace.ARRIVAL_SECONDS, 2)")
# What else ran on the machine meanwhile (the machine is shared): a top snapshot every 10 s.
top -b -d 10 -n $((seconds / 10 + 1)) -o %CPU | grep -A 12 "^top -" >"$work/top.log" 2>&1 &
.venv/bin/python bench/load/cpu.py snapshot "$work/cpu-before.json"
bench/.venv-load/bin/locust -f bench/load/locustfile.py --headless -u "${users% *}" -r "${users#* }" \
  -t "${seconds}s" --host "http://127.0.0.1:$port" --csv "$work/load" --only-summary \
  >"$work/locust.log" 2>&1 || true
.venv/bin/python bench/load/cpu.py snapshot "$work/cpu-after.json"
[ -z "${LOAD_KEEP:-}" ] || cp "$work"/{locust,gunicorn,top}.log "$LOAD_KEEP"/
.venv/bin/python bench/load/report.py "$work/load_stats.csv" "$seconds" "$workers" "$threads" \
  "$work/cpu-before.json" "$work/cpu-after.json" "$work/top.log"
