"""Outbox benchmark: a national round opens for N members, invitations to a local SMTP sink.

Measures the time from opening the round to the last invitation accepted by the sink,
with 1 and with 3 Celery workers (rendering, storing, claiming and sending all count),
next to a bare smtplib loop that sends the very same rendered messages (as the sink
received them in the 1-worker run) over one reused connection. Also checks duplicates
and samples the workers' memory. Writes bench/results/outbox.json and outbox.md.
"""

import json
import os
import signal
import smtplib
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench/outbox"))
from sink import Sink  # noqa: E402

MEMBERS = int(os.environ.get("OUTBOX_MEMBERS", "150000"))
DB_URL = os.environ["BENCH_OUTBOX_DATABASE_URL"]
BROKER = os.environ["BENCH_OUTBOX_BROKER"]
WORK = ROOT / "var/bench"
TIMEOUT = 3600


def django_env(smtp_port: int) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ledendemocratie.settings",
        "DATABASE_URL": DB_URL,
        "CELERY_BROKER_URL": BROKER,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "False",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        # Production settings: DEBUG would record every query in the workers' memory.
        "DEBUG": "False",
        "SECRET_KEY": "outbox-bench-secret-key-long-enough-0123456789abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
    }


def run(args: list[str], env: dict) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def fresh_database(env: dict) -> None:
    server, name = DB_URL.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start_workers(count: int, env: dict) -> list[subprocess.Popen]:
    celery = str(Path(sys.executable).with_name("celery"))
    log = open(WORK / "outbox-workers.log", "ab")  # noqa: SIM115
    return [
        subprocess.Popen(
            [celery, "-A", "ledendemocratie", "worker", "-P", "solo", "-l", "WARNING"]
            + ["-n", f"bench{n}@%h", "--without-mingle", "--without-gossip"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for n in range(count)
    ]


def platform_run(workers: int, sink: Sink) -> dict:
    env = django_env(sink.port)
    fresh_database(env)
    round_id = run([sys.executable, "bench/outbox/setup_round.py", str(MEMBERS)], env).split()[-1]
    run(
        [str(Path(sys.executable).with_name("celery")), "-A", "ledendemocratie", "purge", "-f"], env
    )
    processes = start_workers(workers, env)
    time.sleep(8)  # the workers connect to the broker
    sink.reset()
    samples = [[rss_mb(p.pid) for p in processes]]
    started = time.perf_counter()
    run([sys.executable, "bench/outbox/open_round.py", round_id], env)
    deadline = started + TIMEOUT
    while sink.count < MEMBERS and time.perf_counter() < deadline:
        time.sleep(1)
        samples.append([rss_mb(p.pid) for p in processes])
    time.sleep(3)  # late duplicates would arrive now
    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(60)
    seconds = (sink.last_at or time.perf_counter()) - started
    totals = [sum(s) for s in samples]
    return {
        "workers": workers,
        "accepted": sink.count,
        "distinct": len(sink.ids),
        "duplicates": sink.duplicates,
        "seconds": round(seconds, 1),
        "per_second": round(sink.count / seconds, 1),
        "rss_mb_start": round(totals[0], 1),
        "rss_mb_peak": round(max(totals), 1),
        "rss_mb_end": round(totals[-1], 1),
        "rss_mb_at_quarters": [round(totals[len(totals) * q // 4], 1) for q in range(4)],
    }


def bare_loop(spool: Path) -> dict:
    """The same rendered messages, one smtplib connection, no database, no queue."""
    sink = Sink(spool=os.devnull)
    messages = []
    with open(spool, "rb") as file:
        while header := file.readline():
            size, rcpt = header.split(b" ", 1)
            messages.append((rcpt.strip().strip(b"<>").decode(), file.read(int(size))))
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", sink.port) as smtp:
        for rcpt, body in messages:
            smtp.sendmail("noreply@example.org", [rcpt], body)
    seconds = time.perf_counter() - started
    return {
        "accepted": sink.count,
        "duplicates": sink.duplicates,
        "seconds": round(seconds, 1),
        "per_second": round(sink.count / seconds, 1),
    }


def markdown(result: dict) -> str:
    bare = result["bare_loop"]
    rows = "\n".join(
        f"| {r['workers']} worker{'s' if r['workers'] > 1 else ''}"
        f"{'' if r.get('pipelining', True) else ', relay without PIPELINING'} | {r['seconds']} | "
        f"{r['per_second']:,} | {r['per_second'] / bare['per_second']:.0%} | "
        f"{r['accepted']:,} | {r['duplicates']} | {r['rss_mb_start']} → {r['rss_mb_peak']} "
        f"→ {r['rss_mb_end']} |"
        for r in result["platform"]
    )
    bare_row = (
        f"| bare `smtplib` loop | {bare['seconds']} | {bare['per_second']:,} | 100% | "
        f"{bare['accepted']:,} | {bare['duplicates']} | – |"
    )
    return f"""## Outbox: a national round's invitations (`bench/outbox`)

A national round opens for **{result["members"]:,} members** (`BENCH=outbox make bench`;
`OUTBOX_MEMBERS` sets the size, QUICK=1 uses 20,000). Measured: from calling `round_open`
to the last invitation accepted by a local SMTP sink running inside the bench, so it
includes the invitation task rendering and storing every message, the claims, and the
hand-over over SMTP (one connection per sender). PostgreSQL and Redis on the same machine,
Celery workers with the solo pool and `DEBUG=False`. Next to it, in the same run, a bare
`smtplib` loop sends the very same rendered messages (as the sink received them) over one
reused connection.
Memory: the workers' summed RSS at the start, its peak and at the end.

| sender | time (s) | mails/s | of bare loop | accepted | duplicates | workers' RSS (MB) |
|---|---:|---:|---:|---:|---:|---|
{rows}
{bare_row}

Machine: {result["machine"]}; load average before / after: {result["load_before"]} /
{result["load_after"]} (a shared machine: other people's work ran at the same time).
Target: at least 50 % of the bare loop's rate with one worker, no duplicates, memory flat.
The sink offers PIPELINING (RFC 2920) as Postfix and the large providers do, so the
outbox's SMTP backend sends envelope and DATA in one write; the bare `smtplib` loop does
not pipeline. The row "relay without PIPELINING" is one worker against a sink that does
not offer it (four round trips per message, as the bare loop).
"""


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    spool = WORK / "outbox-spool.bin"
    load_before = [round(x, 2) for x in os.getloadavg()]
    runs = []
    # The sink offers PIPELINING as Postfix does; the last run shows a relay without it.
    for workers, pipelining in ((1, True), (3, True), (1, False)):
        sink = Sink(spool=spool if not runs else os.devnull, pipelining=pipelining)
        runs.append(platform_run(workers, sink) | {"pipelining": pipelining})
        sink.close_spool()
        print(json.dumps(runs[-1]), flush=True)
    bare = bare_loop(spool)
    print(json.dumps(bare), flush=True)
    result = {
        "members": MEMBERS,
        "platform": runs,
        "bare_loop": bare,
        "machine": f"{os.cpu_count()} cores",
        "load_before": load_before,
        "load_after": [round(x, 2) for x in os.getloadavg()],
    }
    results = ROOT / "bench/results"
    (results / "outbox.json").write_text(json.dumps(result, indent=2) + "\n")
    (results / "outbox.md").write_text(markdown(result))
    spool.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
