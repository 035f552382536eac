"""Load client, run as its own process: N threads POST for a fixed time to 127.0.0.1.

Usage: load.py <plan.json> <bare|answer|token> <seconds> <concurrency>; prints one JSON line.
gunicorn's sync workers close every connection, so each request opens a new one.
"""

import http.client
import json
import random
import statistics
import sys
import threading
import time


def _request(plan: dict, kind: str, rng: random.Random) -> int:
    """One POST; an answer is saved for a random member of the plan's thousands, as real
    answering is mostly first answers (and some changes), not the same rows over and over."""
    connection = http.client.HTTPConnection("127.0.0.1", plan["port"], timeout=30)
    if kind == "bare":
        body, path, headers = f"value={rng.randint(0, 5)}", "/bench/bare/", {}
    else:
        statement = rng.choice(plan["statements"])
        body = f"s{statement}-value={rng.randint(0, 5)}"
        cookie = f"csrftoken={plan['csrf']}"
        if kind == "token":  # the invitation's personal link: no session at all
            token = rng.choice(plan["tokens"])
            path = f"/preferendum/{plan['round']}/link/{token}/stelling/{statement}/"
        else:
            path = f"/preferendum/{plan['round']}/stelling/{statement}/"
            cookie += f"; sessionid={rng.choice(plan['sessions'])}"
        headers = {"Cookie": cookie, "X-CSRFToken": plan["csrf"], "HX-Request": "true"}
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request("POST", path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def main() -> None:
    with open(sys.argv[1]) as file:
        plan = json.load(file)
    kind, seconds, concurrency = sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
    latencies, errors = [], []
    deadline = time.perf_counter() + seconds

    def worker(client: int) -> None:
        rng = random.Random(client)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                status = _request(plan, kind, rng)
            except OSError as error:
                status = str(error)
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors.append(status)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    print(
        json.dumps(
            {
                "kind": kind,
                "requests": len(latencies),
                "errors": len(errors),
                "error_sample": [str(e) for e in errors[:3]],
                "seconds": round(elapsed, 2),
                "throughput": round(len(latencies) / elapsed, 1),
                "p50_ms": round(cuts[49] * 1000, 1),
                "p95_ms": round(cuts[94] * 1000, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
