"""The load clients' common part, run inside each bench's own load process: N threads send
requests for a fixed time to 127.0.0.1 and one JSON line sums them up.

Only the standard library: a load process must start fast and stay small beside the server.
"""

import http.client
import json
import statistics
import threading
import time
from collections.abc import Callable, Iterator


def post(port: int, path: str, body: str, headers: dict) -> int:
    """One form POST on a new connection (the server closes it anyway); its status."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {**headers, "Content-Type": "application/x-www-form-urlencoded"}
    connection.request("POST", path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def drive(
    request: Callable[[object], int],
    feed: Callable[[int], Iterator],
    *,
    kind: str,
    seconds: float,
    concurrency: int,
) -> dict:
    """`concurrency` threads call `request(value)` until `seconds` have passed; client i takes
    its values from `feed(i)` and stops early when they run out (a value used up, such as a
    member who cast their vote). Counts every answer other than 200 as an error."""
    latencies, errors, used_up = [], [], []
    deadline = time.perf_counter() + seconds

    def worker(client: int) -> None:
        values = feed(client)
        while time.perf_counter() < deadline:
            value = next(values, StopIteration)
            if value is StopIteration:
                used_up.append(client)
                return
            started = time.perf_counter()
            try:
                status = request(value)
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
    return {
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


def print_result(result: dict) -> None:
    print(json.dumps(result))
