"""Load client, run as its own process: N threads POST for a fixed time to 127.0.0.1.

Usage: load.py <plan.json> <bare|answer|token> <seconds> <concurrency>; prints one JSON line.
gunicorn's sync workers close every connection, so each request opens a new one.
"""

import itertools
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from loadclient import drive, post, print_result  # noqa: E402


def _request(plan: dict, kind: str, rng: random.Random) -> int:
    """One POST; an answer is saved for a random member of the plan's thousands, as real
    answering is mostly first answers (and some changes), not the same rows over and over."""
    if kind == "bare":
        return post(plan["port"], "/bench/bare/", f"value={rng.randint(0, 5)}", {})
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
    return post(plan["port"], path, body, headers)


def main() -> None:
    with open(sys.argv[1]) as file:
        plan = json.load(file)
    kind, seconds, concurrency = sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
    result = drive(
        lambda rng: _request(plan, kind, rng),
        lambda client: itertools.repeat(random.Random(client)),  # one generator per client
        kind=kind,
        seconds=seconds,
        concurrency=concurrency,
    )
    print_result(result)


if __name__ == "__main__":
    main()
