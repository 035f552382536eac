"""Forum page benchmark: a conversation with 1,000 contributions, rendered paginated.

Seeds a fresh PostgreSQL database (1,000 contributions by 300 members, a reply under every
fifth, two experts), then requests the conversation page through Django's test client in
this process (so the time is server time: middleware, queries, templates) for each
ordering and for the first, a middle and the last page, 30 times each after a warm-up.
Counts queries per request. Target: p95 under 100 ms, the same number of queries on every
page. Writes bench/results/forum_page.json and forum_page.md.
"""

import json
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DB_URL = os.environ["BENCH_FORUM_DATABASE_URL"]
CONTRIBUTIONS = 1000
REPEAT = 30


def fresh_database() -> None:
    server, name = DB_URL.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def setup_django() -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="ledendemocratie.settings",
        DATABASE_URL=DB_URL,
        DEBUG="False",
        SECRET_KEY="forum-bench-secret-key-long-enough-0123456789abcdefghijklmnop",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="False",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Static files are served by the proxy in production; no collectstatic manifest here.
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }

    call_command("migrate", verbosity=0)


def seed():
    from django.utils import timezone

    from forum.models import Contribution, Conversation, Expert
    from members.models import Branch, Member, MemberStatus

    branch = Branch.objects.create(name="Utrecht", slug="utrecht", province="utrecht")
    members = Member.objects.bulk_create(
        Member(email=f"lid{n}@bench.example", first_name=f"Lid{n}", last_name="Bank", branch=branch)
        for n in range(300)
    )
    experts = [
        Expert.objects.create(
            account=Member.objects.create(email=f"d{n}@bench.example", status=MemberStatus.EXPERT),
            name=f"Deskundige {n}",
            organisation="Bank",
            confirmed_at=timezone.now(),
        )
        for n in range(2)
    ]
    start = timezone.now() - timedelta(days=10)
    conversation = Conversation.objects.create(
        title="Benchmark", introduction="x", opens_at=start, closes_at=start + timedelta(days=30),
        branch=branch, state="open",
    )  # fmt: skip
    conversation.experts.add(*experts)
    top = Contribution.objects.bulk_create(
        Contribution(
            conversation=conversation,
            author=members[n % 300] if n % 50 else experts[n % 2].account,
            by_expert=not n % 50,
            text=f"Bijdrage {n}: " + "meer groen in de wijk, zie https://example.org/groen " * 4,
            created_at=start + timedelta(minutes=n),
        )
        for n in range(CONTRIBUTIONS)
    )
    Contribution.objects.bulk_create(
        Contribution(
            conversation=conversation, parent=parent, author=members[(n + 7) % 300],
            text="Eens!", created_at=parent.created_at + timedelta(minutes=1),
        )
        for n, parent in enumerate(top[::5])
    )  # fmt: skip
    return conversation, members[0]


def measure(client, url: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times, cpu, queries = [], [], set()
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as captured:
            began, began_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
        assert response.status_code == 200, url
        queries.add(len(captured))
    times.sort()
    cpu.sort()
    return {
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "cpu_p95_ms": round(cpu[int(0.95 * len(cpu)) - 1], 1),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * len(times)) - 1], 1),
        "queries": sorted(queries),
    }


def main() -> None:
    fresh_database()
    setup_django()
    from django.test import Client

    conversation, member = seed()
    client = Client()
    client.force_login(member)
    base = f"/forum/{conversation.pk}/"
    rows = {}
    for ordering in ("nieuw", "nieuwe-stemmen", "meeste-reacties"):
        for page in (1, 25, 50):
            rows[f"{ordering}, page {page}"] = measure(
                client, f"{base}?volgorde={ordering}&pagina={page}"
            )
    load = os.getloadavg()
    results = {"contributions": CONTRIBUTIONS, "repeat": REPEAT, "rows": rows, "load": load}
    out = ROOT / "bench/results"
    out.mkdir(exist_ok=True)
    (out / "forum_page.json").write_text(json.dumps(results, indent=2) + "\n")
    (out / "forum_page.md").write_text(markdown(results))
    print(markdown(results))


def markdown(results: dict) -> str:
    lines = [
        "## Forum: a conversation page with 1,000 contributions (`bench/forum_page`)",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. PostgreSQL, "
        f"DEBUG off; {results['contributions']:,} contributions (a reply under every fifth), "
        "20 per page; each page requested through Django's test client in-process, so the "
        f"time is server time (middleware, queries, templates); {results['repeat']} requests "
        "after a warm-up. Target: p95 under 100 ms, the same number of queries on every page.",
        "",
        "| ordering, page | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms | queries |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in results["rows"].items():
        queries = ", ".join(str(q) for q in row["queries"])
        lines.append(
            f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row['cpu_p50_ms']} "
            f"| {row['cpu_p95_ms']} | {queries} |"
        )
    load = ", ".join(f"{v:.2f}" for v in results["load"])
    lines += [
        "",
        f"Load average after the run: {load} on 2 cores (the machine is shared by several "
        "sessions), so wall-clock times are inflated by waiting for a core; the CPU columns "
        "are the process time the request used (this process only; PostgreSQL's share of "
        "the constant 10 queries is not in them).",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
