"""Load client, run as its own process: N threads POST for a fixed time to 127.0.0.1.

Usage: load.py <plan.json> <bare|cast> <seconds> <concurrency> <block>; prints one JSON line.
A cast uses up its member: each run casts for the members of its own block of sessions,
each thread for its own slice of that block, so no member is asked to vote twice.
"""

import itertools
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from loadclient import drive, post, print_result  # noqa: E402


def _request(plan: dict, kind: str, session: str | None) -> int:
    if kind == "bare":
        return post(plan["port"], "/bench/bare/", "value=3", {})
    body = f"item-{plan['item']}=voor&step=cast"
    headers = {"Cookie": f"csrftoken={plan['csrf']}; sessionid={session}"}
    headers["X-CSRFToken"] = plan["csrf"]
    return post(plan["port"], f"/stemmingen/{plan['vote']}/stemmen/", body, headers)


def main() -> None:
    with open(sys.argv[1]) as file:
        plan = json.load(file)
    kind, seconds, concurrency = sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
    block = plan["blocks"][int(sys.argv[5])]

    def feed(client: int):
        return iter(block[client::concurrency]) if kind == "cast" else itertools.repeat(None)

    result = drive(
        lambda session: _request(plan, kind, session),
        feed,
        kind=kind,
        seconds=seconds,
        concurrency=concurrency,
    )
    print_result(result)


if __name__ == "__main__":
    main()
