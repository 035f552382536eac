#!/usr/bin/env bash
# Start `make run` on SQLite (fresh var/), wait for the home page, then stop it.
set -euo pipefail
port=8765
export VAR_DIR=$(mktemp -d)
log=$VAR_DIR/run.log
env -u DATABASE_URL -u CELERY_BROKER_URL setsid make run PORT=$port >"$log" 2>&1 &
pid=$!
trap 'kill -- -$pid 2>/dev/null || true; rm -rf "$VAR_DIR"' EXIT
for _ in $(seq 180); do
  if curl -fs -o /dev/null "http://127.0.0.1:$port/"; then
    echo "make run: home page 200 on SQLite"
    grep -q "lid@example.org" "$log" || { echo "demo accounts not printed"; exit 1; }
    exit 0
  fi
  kill -0 $pid 2>/dev/null || break
  sleep 1
done
cat "$log"
echo "make run did not serve the home page"
exit 1
