"""Opinion map latency: from a statement vote to the map members see including it.

A conversation with 5,000 participants voting on 200 statements (374,789 votes, the matrix of
bench/forum_map) is seeded in a fresh PostgreSQL database and its map computed. Then a real
Celery worker and beat run (Redis broker and cache, as deployed) while this process casts
votes through the service at a steady rate (5 per second for 60 s, random participants and
statements), each committed as a member's vote would be. The stored map records up to which
vote change it was computed (``computed_at``); the bench polls it every 0.1 s and takes,
per vote, the time from its commit until the stored map includes it. Target: within 10 s.
Writes bench/results/forum_latency.json and forum_latency.md.
"""

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from benchlib import fresh_database  # noqa: E402

DB_URL = os.environ["BENCH_FORUM_LATENCY_DATABASE_URL"]
REDIS = os.environ["BENCH_FORUM_LATENCY_REDIS"]
SECONDS = 20 if os.environ.get("QUICK") else 60
RATE = 5  # votes per second
POLL = 0.1
WORK = ROOT / "var/bench"
ENV = {
    "DJANGO_SETTINGS_MODULE": "ledendemocratie.settings",
    "DATABASE_URL": DB_URL,
    "CELERY_BROKER_URL": REDIS,
    "CACHE_URL": REDIS,
    "DEBUG": "False",
    "SECRET_KEY": "forum-latency-bench-secret-key-long-enough-0123456789abcdefghijkl",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "False",
    "LOG_LEVEL": "WARNING",
    "PYTHONPATH": str(ROOT),
}


def seed():
    """Members, statements and the votes of the large constructed matrix; the first map."""
    from forum.models import Conversation, Statement, StatementVote
    from forum.services.statements import opinion_map_compute
    from members.models import Member
    from tests.forum.factories import ConversationFactory
    from tests.forum.opinion_votes import conversation

    sys.path.insert(0, str(ROOT / "bench/forum_map"))
    from bench import LARGE  # bench/forum_map/bench.py

    votes = conversation(**LARGE).votes
    people = sorted({p for p, _, _ in votes})
    members = Member.objects.bulk_create(
        Member(email=f"deelnemer{n}@bench.example.org", first_name=f"Deelnemer {n}") for n in people
    )
    member_of = dict(zip(people, (m.pk for m in members), strict=True))
    talk: Conversation = ConversationFactory(title="Latency")
    statements = Statement.objects.bulk_create(
        Statement(conversation=talk, author=members[0], text=f"Stelling {s}")
        for s in range(1, LARGE["statements"] + 1)
    )
    statement_of = {n: s.pk for n, s in enumerate(statements, start=1)}
    StatementVote.objects.bulk_create(
        (
            StatementVote(statement_id=statement_of[s], participant_id=member_of[p], value=value)
            for p, s, value in votes
        ),
        batch_size=10_000,
    )
    opinion_map_compute(conversation=talk)
    return talk, [m.pk for m in members], [s.pk for s in statements], len(votes)


def celery(*args: str) -> subprocess.Popen:
    log = open(WORK / "forum-latency-celery.log", "ab")  # noqa: SIM115
    command = [str(Path(sys.executable).with_name("celery")), "-A", "ledendemocratie", *args]
    return subprocess.Popen(command, cwd=ROOT, env={**os.environ, **ENV}, stdout=log, stderr=log)


def measure(talk, participants, statements) -> list[float]:
    """Vote at RATE per second for SECONDS, polling the stored map; latency per vote."""
    from forum.models import OpinionMapState, Statement
    from forum.services.statements import vote_cast
    from members.models import Member

    rng = random.Random(7)
    state = OpinionMapState.objects.filter(conversation=talk)
    pending: list[tuple[float, object]] = []  # (commit time, the vote's change stamp)
    latencies: list[float] = []
    started = next_vote = time.monotonic()
    deadline = started + SECONDS + 30
    while time.monotonic() < deadline:
        now = time.monotonic()
        if now >= next_vote and now < started + SECONDS:
            statement = Statement(pk=rng.choice(statements), conversation=talk)
            vote_cast(
                statement=statement,
                participant=Member(pk=rng.choice(participants)),
                value=rng.choice([-1, 0, 1]),
            )
            pending.append((time.monotonic(), state.values_list("votes_changed_at", flat=True)[0]))
            next_vote += 1 / RATE
        computed = state.values_list("computed_at", flat=True)[0]
        seen = time.monotonic()
        while pending and computed is not None and pending[0][1] <= computed:
            latencies.append(seen - pending.pop(0)[0])
        if not pending and now >= started + SECONDS:
            break
        time.sleep(POLL)
    if pending:
        raise SystemExit(f"{len(pending)} votes never showed on the map within 30 s")
    return latencies


def markdown(result: dict) -> str:
    return f"""## Forum: a new vote on the opinion map (`bench/forum_latency`)

{result["participants"]:,} participants × {result["statements"]} statements
({result["seed_votes"]:,} votes), PostgreSQL and Redis, one Celery worker (solo pool) and
beat as deployed. {result["votes"]} votes cast through the service at {RATE} per second
for {SECONDS} s; per vote, the time from its commit until the stored map the pages show
includes it (polled every {POLL} s). Target: within 10 s.

| votes | p50 (s) | p95 (s) | max (s) |
|---:|---:|---:|---:|
| {result["votes"]} | {result["p50"]} | {result["p95"]} | {result["max"]} |

Load average before / after: {result["load_before"]} / {result["load_after"]} (2 cores).
"""


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    os.environ.update(ENV)
    fresh_database(DB_URL, HERE)
    import django

    django.setup()
    talk, participants, statements, seed_votes = seed()
    load_before = [round(x, 2) for x in os.getloadavg()]
    processes = [
        celery("worker", "-P", "solo", "-l", "WARNING", "--without-mingle", "--without-gossip"),
        celery("beat", "-l", "WARNING", "-s", str(WORK / "forum-latency-beat")),
    ]
    try:
        time.sleep(5)  # the worker and beat start
        latencies = measure(talk, participants, statements)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
    result = {
        "participants": len(participants),
        "statements": len(statements),
        "seed_votes": seed_votes,
        "votes": len(latencies),
        "p50": round(float(np.percentile(latencies, 50)), 2),
        "p95": round(float(np.percentile(latencies, 95)), 2),
        "max": round(max(latencies), 2),
        "load_before": load_before,
        "load_after": [round(x, 2) for x in os.getloadavg()],
    }
    results = ROOT / "bench/results"
    (results / "forum_latency.json").write_text(json.dumps(result, indent=2) + "\n")
    (results / "forum_latency.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
