"""Server time and query count per page of the load test, in-process (no HTTP, no locust).

Run after setup.py, with the same environment: `manage.py shell < bench/load/profile_pages.py`.
Each page is requested RUNS times by one signed-in member; the median CPU and wall times
are printed. The figures in bench/results/load.md come from one sync gunicorn worker's
CPU time instead, which also counts the WSGI server.
"""

import json
import os
import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

RUNS = int(os.environ.get("PROFILE_RUNS", 20))
data = json.load(open(os.environ["LOAD_SESSIONS"]))  # noqa: SIM115
round_id, closed_id, statements = data["round"], data["closed_round"], data["statements"]


def client_for(session_key: str) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = session_key
    return client


def measure(name: str, call) -> None:
    call()  # warm-up
    cpu, wall = [], []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start, started = time.process_time(), time.perf_counter()
            response = call()
            cpu.append((time.process_time() - start) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
    assert response.status_code == 200, (name, response.status_code)
    # CPU is this process's only (not PostgreSQL's); wall time grows when others use the CPU.
    print(
        f"{name:16} CPU {statistics.median(cpu):5.1f} ms  wall {statistics.median(wall):5.1f} ms"
        f"  {len(queries):3d} queries"
    )


member = client_for(data["members"][0])
browser = client_for(data["browsers"][0])
htmx = {"HTTP_HX_REQUEST": "true"}
answer_url = f"/preferendum/{round_id}/stelling/{statements[0]}/"
measure("home", lambda: member.get("/"))
measure("round", lambda: member.get(f"/preferendum/{round_id}/"))
measure("answer (htmx)", lambda: member.post(answer_url, {f"s{statements[0]}-value": 4}, **htmx))
measure("results", lambda: browser.get(f"/preferendum/{closed_id}/uitslag/"))
measure("events", lambda: browser.get("/activiteiten/"))
