"""Load client, run as its own process: N threads POST for a fixed time to 127.0.0.1.

Usage: load.py <plan.json> <bare|cast> <seconds> <concurrency> <block>; prints one JSON line.
A cast uses up its member: each run casts for the members of its own block of sessions,
each thread for its own slice of that block, so no member is asked to vote twice.
"""

import http.client
import json
import statistics
import sys
import threading
import time


def _request(plan: dict, kind: str, session: str | None) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", plan["port"], timeout=30)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if kind == "bare":
        body, path = "value=3", "/bench/bare/"
    else:
        body, path = f"item-{plan['item']}=voor&step=cast", f"/stemmingen/{plan['vote']}/stemmen/"
        headers |= {
            "Cookie": f"csrftoken={plan['csrf']}; sessionid={session}",
            "X-CSRFToken": plan["csrf"],
        }
    connection.request("POST", path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def main() -> None:
    with open(sys.argv[1]) as file:
        plan = json.load(file)
    kind, seconds, concurrency = sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
    block = plan["blocks"][int(sys.argv[5])]
    latencies, errors, used_up = [], [], []
    deadline = time.perf_counter() + seconds

    def worker(client: int) -> None:
        sessions = iter(block[client::concurrency])
        while time.perf_counter() < deadline:
            session = next(sessions, None) if kind == "cast" else None
            if kind == "cast" and session is None:
                used_up.append(client)
                return
            started = time.perf_counter()
            try:
                status = _request(plan, kind, session)
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
    result = {
        "kind": kind,
        "requests": len(latencies),
        "errors": len(errors),
        "error_sample": [str(e) for e in errors[:3]],
        "clients_out_of_members": len(used_up),
        "seconds": round(elapsed, 2),
        "throughput": round(len(latencies) / elapsed, 1),
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
