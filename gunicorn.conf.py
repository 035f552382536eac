"""gunicorn settings: read from the working directory by the container (Dockerfile,
docker-compose.yml) and by the load bench (bench/load/run.sh), so both run the same shape.

Threaded workers (gthread): nothing buffers requests in front of gunicorn, and a sync
worker would be held by one slow client for the whole upload or download; threads also
overlap the waits on PostgreSQL and Redis. On the 2-core reference machine the load bench
measured this shape against 3 and 5 sync workers (bench/results/load.md).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2))  # one per core
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
timeout = 60
# Idle keep-alive connections wait in the worker's poller, not in a thread, so keeping them
# costs little. gunicorn's default (2 s) closes a connection just as a client that paused
# sends its next request on it: the load bench saw "connection reset by peer" on 2 of 4,000
# requests. Longer than a proxy's usual idle timeout (60 s), so the proxy closes first.
keepalive = 75
