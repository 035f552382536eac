"""Preferendum benchmark: answering under load, and the results page at 150,000 members.

Writes bench/results/preferendum.json and bench/results/preferendum.md.
"""

import json
import os
import signal
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

import psycopg

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT), str(HERE.parent)]
from benchlib import combine, fresh_database, gunicorn, sessions_for, wait_for_port  # noqa: E402

os.environ["DJANGO_SETTINGS_MODULE"] = "pref_bench_settings"
DB_URL = os.environ.get(
    "BENCH_PREF_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ld_bench_pref"
)
os.environ["DATABASE_URL"] = DB_URL
QUICK = bool(os.environ.get("QUICK"))
MEMBERS = 15_000 if QUICK else 150_000
LOAD_SECONDS = 5 if QUICK else 12
CONCURRENCY = 32
# Each request answers for a random one of these members: real answering is mostly first
# answers and some changes, so the rows written are spread like the members' are.
ANSWERING_MEMBERS = 10_000
PORT = int(os.environ.get("BENCH_PREF_PORT", "8765"))
RESULTS = ROOT / "bench/results"


fresh_database(DB_URL, HERE)

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402

cache.clear()  # the database is new: nothing cached for it may survive from another run

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

from members.demo import BRANCHES  # noqa: E402
from members.models import Branch, Member  # noqa: E402
from preferendum import services  # noqa: E402
from preferendum.figures import population_rows  # noqa: E402
from preferendum.models import Answer, Round, RoundState, Statement  # noqa: E402
from preferendum.tokens import answer_token  # noqa: E402


def make_branches() -> list[Branch]:
    Branch.objects.bulk_create(
        Branch(name=name, slug=f"b-{i}-{j}", province=province)
        for i, (province, names) in enumerate(BRANCHES.items())
        for j, name in enumerate(names)
    )
    return list(Branch.objects.order_by("pk"))


def make_members(count: int, branches: list[Branch], offset: int = 0, prefix: str = "lid") -> None:
    genders = ["vrouw", "man", "vrouw", "man", "non-binair"]
    batch = []
    for n in range(offset, offset + count):
        batch.append(
            Member(
                email=f"{prefix}{n}@bench.example.org",
                member_number=f"B{n:07d}",
                first_name="Lid",
                last_name=str(n),
                birth_date=date(1940, 1, 1) + timedelta(days=(n * 7919) % 24000),
                gender=genders[n % len(genders)] if n % 97 else "",
                branch=branches[(n * 31) % len(branches)],
                member_since=date(2000, 1, 1) + timedelta(days=(n * 104729) % 9000),
                password="!",
            )
        )
        if len(batch) == 5000:
            Member.objects.bulk_create(batch)
            batch = []
    Member.objects.bulk_create(batch)


def make_round(title: str, **fields) -> Round:
    now = timezone.now()
    round_ = Round.objects.create(
        title=title,
        state=RoundState.OPEN,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=13),
        **fields,
    )
    Statement.objects.bulk_create(
        Statement(round=round_, position=p, text=f"Stelling {p}") for p in range(1, 5)
    )
    return round_


# (a) Answering under load ------------------------------------------------------------


KINDS = ("bare", "token", "answer")


def load(plan_path: Path, kind: str, seconds: float = LOAD_SECONDS) -> dict:
    done = subprocess.run(
        [
            sys.executable,
            str(HERE / "load.py"),
            str(plan_path),
            kind,
            str(seconds),
            str(CONCURRENCY),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_answering(branches: list[Branch]) -> dict:
    make_members(ANSWERING_MEMBERS, branches, offset=10_000_000, prefix="load")
    round_ = make_round("Belasting")
    members = list(Member.objects.filter(email__startswith="load"))
    plan = {
        "port": PORT,
        "round": round_.pk,
        "statements": list(round_.statements.values_list("pk", flat=True)),
        "sessions": sessions_for(members),
        "tokens": [answer_token(round_, member) for member in members],
        "csrf": get_random_string(32),
    }
    plan_path = ROOT / "var/bench-pref-plan.json"
    plan_path.parent.mkdir(exist_ok=True)
    plan_path.write_text(json.dumps(plan))
    servers = [gunicorn(PORT, HERE, wait=False)]
    phases = [(kind, plan_path, kind, servers[0]) for kind in KINDS]
    # BENCH_PREF_COMPARE="before=/tmp/old-checkout": the same two views of another checkout
    # (same database), interleaved with these, so both see the same machine load.
    for i, pair in enumerate(filter(None, os.environ.get("BENCH_PREF_COMPARE", "").split(","))):
        name, root = pair.split("=", 1)
        other_plan = ROOT / f"var/bench-pref-plan-{name}.json"
        other_plan.write_text(json.dumps({**plan, "port": PORT + 1 + i}))
        other = Path(root)
        servers.append(
            gunicorn(PORT + 1 + i, other / HERE.relative_to(ROOT), root=other, wait=False)
        )
        phases += [
            (f"{kind}@{name}", other_plan, kind, servers[-1]) for kind in KINDS if kind != "bare"
        ]
    try:
        for server in servers:
            wait_for_port(server.port)
        for _label, path, kind, _server in phases:  # warm-up of every path, not counted
            load(path, kind, seconds=2)
        runs = {label: [] for label, *_rest in phases}
        for _ in range(3):  # interleaved, so all see the same machine load
            for label, path, kind, server in phases:
                runs[label].append(_load_with_cpu(path, kind, server))
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    return {label: combine(results) for label, results in runs.items()}


def _cpu_seconds(server: subprocess.Popen) -> float:
    """User + system CPU of the server's worker processes so far (from /proc)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    ticks = 0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def _load_with_cpu(path: Path, kind: str, server: subprocess.Popen) -> dict:
    """One load phase, with the server's CPU per request: it hardly depends on what else
    runs on a shared machine, where requests per second do."""
    before = _cpu_seconds(server)
    result = load(path, kind)
    result["cpu_ms"] = round(1000 * (_cpu_seconds(server) - before) / result["requests"], 3)
    return result


# (b) Results at scale ------------------------------------------------------------------

ANSWER_SQL = """
INSERT INTO preferendum_answer (statement_id, round_id, member_id, value, comment, province,
    branch_id, age_band, gender, membership_band, created_at, updated_at)
SELECT s.id, s.round_id, m.id,
    (ARRAY[1,2,2,3,3,3,4,4,4,4,5,5,0])[1 + ((m.id * 7 + s.position * 13) %% 13)], '',
    COALESCE(NULLIF(b.province, ''), 'onbekend'), m.branch_id,
    CASE WHEN m.birth_date <= %(a65)s THEN '65+' WHEN m.birth_date <= %(a45)s THEN '45-64'
         WHEN m.birth_date <= %(a30)s THEN '30-44' WHEN m.birth_date <= %(a16)s THEN '16-29'
         ELSE 'onbekend' END,
    COALESCE(NULLIF(m.gender, ''), 'onbekend'),
    CASE WHEN m.member_since <= %(m10)s THEN '10+' WHEN m.member_since <= %(m5)s THEN '5-9'
         WHEN m.member_since <= %(m2)s THEN '2-4' WHEN m.member_since <= %(m0)s THEN '0-1'
         ELSE 'onbekend' END,
    now(), now()
FROM members_member m JOIN members_branch b ON b.id = m.branch_id
CROSS JOIN preferendum_statement s
WHERE s.round_id = %(round)s AND m.email LIKE %(pattern)s
"""
HAND_SQL = """
SELECT statement_id, value, province, age_band, gender, count(*)
FROM preferendum_answer WHERE round_id = %s GROUP BY 1, 2, 3, 4, 5
"""


def answer_everything(round_: Round, pattern: str) -> None:
    today = timezone.localdate()

    def years(n):
        return today.replace(year=today.year - n)

    params = {
        "a65": years(65),
        "a45": years(45),
        "a30": years(30),
        "a16": years(16),
        "m10": years(10),
        "m5": years(5),
        "m2": years(2),
        "m0": today,
        "round": round_.pk,
        "pattern": pattern,
    }
    with connection.cursor() as cursor:
        cursor.execute(ANSWER_SQL, params)


def timed_pages(client: Client, url: str, runs: int = 12) -> dict:
    client.get(url)  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "queries": len(queries),
    }


def median_ms(run, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def hand_sql_ms(round_id: int, runs: int = 12) -> float:
    times = []
    with psycopg.connect(DB_URL) as raw:
        for _ in range(runs + 1):
            started = time.perf_counter()
            raw.execute(HAND_SQL, [round_id]).fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times[1:]), 1)


BREAKDOWNS = [
    ("no breakdown", ""),
    ("by province", "?uitsplitsing=province"),
    ("by branch", "?uitsplitsing=branch_id"),
]


def bench_results(branches: list[Branch]) -> dict:
    started = time.perf_counter()
    make_members(MEMBERS, branches)
    members_s = time.perf_counter() - started
    big, small = make_round("Groot"), make_round("Klein")
    started = time.perf_counter()
    answer_everything(big, "lid%@bench.example.org")
    answer_everything(small, "lid1_@bench.example.org")
    answers_s = time.perf_counter() - started
    with psycopg.connect(DB_URL, autocommit=True) as raw:
        raw.execute("VACUUM ANALYZE preferendum_answer")
        raw.execute("VACUUM ANALYZE members_member")
    admin = Member.objects.create(email="admin@bench.example.org", is_superuser=True)
    client = Client()
    client.force_login(admin)
    url = f"/preferendum/{big.pk}/uitslag/"
    live = {label: timed_pages(client, url + query, runs=5) for label, query in BREAKDOWNS}
    population_ms = median_ms(lambda: population_rows(big, on=timezone.localdate()))
    # The results mailing (150,000 messages through the outbox) is not what is measured.
    with mock.patch("preferendum.tasks.send_round_results.delay_on_commit"):
        started = time.perf_counter()
        services.round_close(round_=big)
        close_s = time.perf_counter() - started
        services.round_close(round_=small)
    frozen = {label: timed_pages(client, url + query) for label, query in BREAKDOWNS}
    small_page = timed_pages(client, f"/preferendum/{small.pk}/uitslag/?uitsplitsing=branch_id")
    return {
        "members": MEMBERS,
        "answers": Answer.objects.filter(round=big).count(),
        "small_round_answers": Answer.objects.filter(round=small).count(),
        "setup_seconds": {"members": round(members_s, 1), "answers": round(answers_s, 1)},
        "close_and_freeze_ms": round(close_s * 1000, 1),
        "pages": frozen,
        "live_pages": live,
        "small_round_page": small_page,
        "hand_sql_ms": hand_sql_ms(big.pk),
        "population_ms": population_ms,
    }


LABELS = {
    "bare": "bare view, one INSERT",
    "token": "save answer via personal link",
    "answer": "save answer, signed in",
}


def _load_row(kind: str, figures: dict, bare: float) -> str:
    share = f"{100 * figures['throughput'] / bare:.1f} %"
    keys = ("throughput", "p50_ms", "p95_ms", "requests", "errors", "cpu_ms")
    cells = [figures.get(k, "–") for k in keys]
    return f"| {LABELS.get(kind, kind)} | " + " | ".join(str(c) for c in [*cells, share]) + " |"


def markdown(result: dict) -> str:
    a, r = result["answering"], result["results"]
    bare = a["bare"]["throughput"]
    load_rows = "\n".join(_load_row(kind, a[kind], bare) for kind in KINDS)
    rows = "\n".join(
        f"| {label}, {kind} | {p['median_ms']} | {p['max_ms']} | {p['queries']} |"
        for kind, pages in [
            ("closed (frozen figures)", r["pages"]),
            ("open, live", r["live_pages"]),
        ]
        for label, p in pages.items()
    )
    small = r["small_round_page"]
    quick = " (QUICK)" if QUICK else ""
    return f"""## Preferendum (`bench/preferendum`)

Measured {result["measured_at"]}, load average at start {result["load_average"]}{quick}.

| saving an answer | req/s | p50 ms | p95 ms | requests | errors | CPU ms/req | vs bare |
|---|---:|---:|---:|---:|---:|---:|---:|
{load_rows}

Results page, {r["members"]:,} eligible members and {r["answers"]:,} answers; closing the
round and freezing its figures took {r["close_and_freeze_ms"]} ms; counting the eligible
membership (at most every ten minutes for a live view) {r["population_ms"]} ms.

| results page | median (ms) | max (ms) | queries |
|---|---:|---:|---:|
{rows}

A round of {r["small_round_answers"]:,} answers (by branch): {small["queries"]} queries
({small["median_ms"]} ms). The hand-written GROUP BY alone: {r["hand_sql_ms"]} ms.
"""


def main_answering_only() -> None:
    """BENCH_PREF_PART=answering: part (a) alone, for comparing two versions back to back.
    Prints the table and writes bench/results/preferendum-answering.json (not committed)."""
    load_average = os.getloadavg()[0]
    answering = bench_answering(make_branches())
    bare = answering["bare"]["throughput"]
    result = {"load_average": round(load_average, 2), "answering": answering}
    (RESULTS / "preferendum-answering.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"load average at start {load_average:.2f}")
    print("\n".join(_load_row(label, figures, bare) for label, figures in answering.items()))


def main() -> None:
    if os.environ.get("BENCH_PREF_PART") == "answering":
        return main_answering_only()
    load_average = os.getloadavg()[0]
    branches = make_branches()
    result = {
        "measured_at": timezone.now().strftime("%Y-%m-%d %H:%M UTC"),
        "load_average": round(load_average, 2),
        "quick": QUICK,
        "answering": bench_answering(branches),
        "results": bench_results(branches),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "preferendum.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "preferendum.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
