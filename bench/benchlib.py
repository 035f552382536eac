"""What the load benchmarks share: a fresh PostgreSQL database, logged-in sessions, a
gunicorn server as deployed, and the mean of interleaved runs. Only talks to 127.0.0.1."""

import os
import socket
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from importlib import import_module
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]


def fresh_database(db_url: str, here: Path) -> None:
    """Drop and recreate the benchmark's own database, migrate it, add the bare table."""
    server, name = db_url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "PYTHONPATH": f"{here}:{ROOT}"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    with psycopg.connect(db_url, autocommit=True) as connection:
        connection.execute(
            "CREATE TABLE bench_bare (id bigserial PRIMARY KEY, value int, created_at timestamptz)"
        )


def sessions_for(members) -> list[str]:
    """Sessions as a login leaves them with the configured engine (cached_db: a row in the
    database and the same data in the cache), written in bulk."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    expires = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    keys, rows, cached = [], [], {}
    for member in members:
        key = get_random_string(32, alphabet)
        data = {
            SESSION_KEY: str(member.pk),
            BACKEND_SESSION_KEY: "members.backends.MemberBackend",
            HASH_SESSION_KEY: member.get_session_auth_hash(),
        }
        # Only encode and the cache key are used: nothing that would load the session.
        store = session_store(session_key=key)
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        cached[store.cache_key] = data
        keys.append(key)
    Session.objects.bulk_create(rows, batch_size=2000)
    store._cache.set_many(cached, settings.SESSION_COOKIE_AGE)
    return keys


def gunicorn(port: int, here: Path, *, root: Path = ROOT, wait: bool = True) -> subprocess.Popen:
    """gunicorn as deployed (gunicorn.conf.py: gthread workers), 2 workers, serving the
    checkout at `root` (another checkout to compare with) with the settings in `here`;
    waits for it unless told not to. The server knows its `port`."""
    env = {**os.environ, "PYTHONPATH": f"{here}:{root}"}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--config", "gunicorn.conf.py", "-w", "2",
         "-b", f"127.0.0.1:{port}", "--backlog", "256", "ledendemocratie.wsgi:application"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    server.port = port
    if wait:
        wait_for_port(port)
    return server


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def combine(results: list[dict]) -> dict:
    """The mean of interleaved runs of one view (and the median server CPU per request,
    where the runs measured it)."""
    combined = {
        "throughput": round(statistics.mean(r["throughput"] for r in results), 1),
        "p50_ms": round(statistics.mean(r["p50_ms"] for r in results), 1),
        "p95_ms": round(statistics.mean(r["p95_ms"] for r in results), 1),
        "requests": sum(r["requests"] for r in results),
        "errors": sum(r["errors"] for r in results),
    }
    if all("cpu_ms" in r for r in results):
        combined["cpu_ms"] = round(statistics.median(r["cpu_ms"] for r in results), 3)
    return combined | {"runs": results}
