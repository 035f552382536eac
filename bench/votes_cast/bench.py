"""Votes benchmark: casting under load with 150,000 eligible members, next to a bare view.

Also times what surrounds it: opening (freezing the roll) and counting the cast ballots.
Writes bench/results/votes_cast.json and bench/results/votes_cast.md.
"""

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# The preferendum bench's settings and URLs (DEBUG off, Redis, the bare view), with this
# bench's own Redis database.
SETTINGS_DIR = HERE.parent / "preferendum"
sys.path[:0] = [str(HERE), str(ROOT), str(HERE.parent), str(SETTINGS_DIR)]
from benchlib import combine, fresh_database, gunicorn, sessions_for  # noqa: E402

os.environ["DJANGO_SETTINGS_MODULE"] = "pref_bench_settings"
os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/5")
DB_URL = os.environ.get(
    "BENCH_VOTES_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ld_bench_votes"
)
os.environ["DATABASE_URL"] = DB_URL
QUICK = bool(os.environ.get("QUICK"))
MEMBERS = 15_000 if QUICK else 150_000
LOAD_SECONDS = 5 if QUICK else 12
BLOCK = 3_700 if QUICK else 30_000  # members per load run (a cast uses its member up)
RUNS = 3
CONCURRENCY = 32
PORT = int(os.environ.get("BENCH_VOTES_PORT", "8767"))
RESULTS = ROOT / "bench/results"


fresh_database(DB_URL, SETTINGS_DIR)

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

from members.models import Branch, Member  # noqa: E402
from votes import services  # noqa: E402
from votes.models import BallotItem, CommitteeMember, Vote  # noqa: E402

cache.clear()  # the database is new: nothing cached for it may survive from another run


def make_members(count: int) -> None:
    branch = Branch.objects.create(name="Bench", slug="bench", province="utrecht")
    batch = []
    for n in range(count):
        batch.append(
            Member(
                email=f"lid{n}@bench.example.org",
                member_number=f"B{n:07d}",
                first_name="Lid",
                last_name=str(n),
                branch=branch,
                member_since=date(2000, 1, 1) + timedelta(days=n % 9000),
                password="!",
            )
        )
        if len(batch) == 5000:
            Member.objects.bulk_create(batch)
            batch = []
    Member.objects.bulk_create(batch)


def make_vote() -> tuple[Vote, list[str], dict]:
    """An announced and opened vote of all members with one motion; returns the shares."""
    now = timezone.now()
    vote = Vote.objects.create(
        title="Bench",
        reference_date=timezone.localdate() - timedelta(days=1),
        opens_at=now + timedelta(minutes=1),
        closes_at=now + timedelta(days=7),
    )
    BallotItem.objects.create(vote=vote, title="Motie")
    committee = list(Member.objects.order_by("pk")[:3])
    for member in committee:
        CommitteeMember.objects.create(vote=vote, member=member)
    timings = {}
    with mock.patch("votes.tasks.send_vote_announcement.delay_on_commit"):
        vote = services.vote_announce(vote=vote)
    shares = [services.share_pick_up(vote=vote, member=m) for m in committee]
    started = time.perf_counter()
    with mock.patch("votes.tasks.send_vote_invitations.delay_on_commit"):
        services.vote_open(vote=vote)
    timings["open_ms"] = round((time.perf_counter() - started) * 1000, 1)
    vote.refresh_from_db()
    return vote, shares, timings


def load(plan_path: Path, kind: str, block: int, seconds: float = LOAD_SECONDS) -> dict:
    command = [sys.executable, str(HERE / "load.py"), str(plan_path), kind, str(seconds)]
    done = subprocess.run(
        [*command, str(CONCURRENCY), str(block)], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_casting(vote: Vote) -> dict:
    voters = list(Member.objects.order_by("pk")[3 : 3 + BLOCK * (RUNS + 1)])
    sessions = sessions_for(voters)
    plan = {
        "port": PORT,
        "vote": vote.pk,
        "item": vote.items.get().pk,
        "blocks": [sessions[i * BLOCK : (i + 1) * BLOCK] for i in range(RUNS + 1)],
        "csrf": get_random_string(32),
    }
    plan_path = ROOT / "var/bench-votes-plan.json"
    plan_path.parent.mkdir(exist_ok=True)
    plan_path.write_text(json.dumps(plan))
    server = gunicorn(PORT, SETTINGS_DIR)
    try:
        load(plan_path, "bare", 0, seconds=2)  # warm-up of both paths, not counted
        load(plan_path, "cast", 0, seconds=2)
        runs = {"bare": [], "cast": []}
        for run in range(1, RUNS + 1):  # interleaved, so both see the same machine load
            runs["bare"].append(load(plan_path, "bare", run))
            runs["cast"].append(load(plan_path, "cast", run))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return {kind: _combined(results) for kind, results in runs.items()}


def _combined(results: list[dict]) -> dict:
    return combine(results) | {"out_of_members": sum(r["clients_out_of_members"] for r in results)}


def count(vote: Vote, shares: list[str]) -> dict:
    services.vote_close(vote=vote)
    started = time.perf_counter()
    with mock.patch("votes.tasks.send_vote_result.delay_on_commit"):
        vote = services.vote_count(vote=vote, shares=shares[:2])
    return {
        "count_ms": round((time.perf_counter() - started) * 1000, 1),
        "ballots": vote.result["turnout"],
        "published": vote.is_published,
    }


def markdown(result: dict) -> str:
    casting, bare = result["casting"]["cast"], result["casting"]["bare"]
    share = round(100 * casting["throughput"] / bare["throughput"])
    rows = [
        ("bare view, one INSERT", bare, 100),
        ("cast a ballot (roll + sealed ballot), signed in", casting, share),
    ]
    lines = [
        "## Votes: casting under load (`bench/votes_cast`)",
        "",
        f"Measured {result['measured_at']} (load average at start {result['load_average']}), "
        f"PostgreSQL, {result['members']:,} eligible members"
        f"{' (QUICK)' if result['quick'] else ''}, {CONCURRENCY} concurrent clients, "
        f"gunicorn 2 workers as deployed, {RUNS} interleaved runs of {LOAD_SECONDS} s.",
        "",
        "| view | requests/s | p50 (ms) | p95 (ms) | requests | errors | vs bare |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, figures, percent in rows:
        lines.append(
            f"| {name} | {figures['throughput']} | {figures['p50_ms']} | {figures['p95_ms']} "
            f"| {figures['requests']} | {figures['errors']} | {percent} % |"
        )
    lines += [
        "",
        f"Opening the vote (freezing a roll of {result['members']:,}, its SHA-256, the box "
        f"table): {result['setup']['open_ms']} ms. Counting {result['count']['ballots']:,} "
        f"cast ballots (rebuild the key, decrypt, shuffle, copy, drop the box, count twice, "
        f"publish): {result['count']['count_ms']} ms.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    load_average = os.getloadavg()[0]
    make_members(MEMBERS)
    vote, shares, setup = make_vote()
    result = {
        "measured_at": timezone.now().strftime("%Y-%m-%d %H:%M UTC"),
        "load_average": round(load_average, 2),
        "quick": QUICK,
        "members": MEMBERS,
        "setup": setup,
        "casting": bench_casting(vote),
    }
    result["count"] = count(vote, shares)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "votes_cast.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "votes_cast.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
