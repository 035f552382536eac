"""Run sortition-algorithms (comparison only) on one pool; write figures as JSON.

peer.py maximin POOL_DIR K OUT.json
peer.py legacy POOL_DIR K RUNS MAX_SECONDS OUT.json
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

from sortition_algorithms.committee_generation.legacy import find_random_sample_legacy
from sortition_algorithms.committee_generation.maximin import find_distribution_maximin
from sortition_algorithms.features import read_in_features
from sortition_algorithms.people import read_in_people
from sortition_algorithms.settings import Settings


def load(pool: Path, k: int):
    with open(pool / "categories.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    if "category" in rows[0]:  # the replication format; sortition-algorithms wants feature,value
        rows = [
            {"feature": r["category"], "value": r["feature"], "min": r["min"], "max": r["max"]}
            for r in rows
        ]
    features, _, _ = read_in_features(["feature", "value", "min", "max"], rows, k)
    with open(pool / "respondents.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    for number, row in enumerate(rows):
        row.setdefault("id", str(number))
        row["id"] = row["id"] or str(number)
    head = list(rows[0].keys())
    settings = Settings(id_column="id", columns_to_keep=[])
    people, _ = read_in_people(head, rows, features, settings)
    return features, people, [row["id"] for row in rows]


def maximin(pool: Path, k: int) -> dict:
    features, people, ids = load(pool, k)
    started = time.perf_counter()
    committees, probabilities, _ = find_distribution_maximin(features, people, k, [])
    share = Counter()
    for committee, p in zip(committees, probabilities, strict=True):
        for person in committee:
            share[person] += p
    return {"seconds": time.perf_counter() - started, "min_probability": min(share[x] for x in ids)}


def legacy(pool: Path, k: int, runs: int, max_seconds: float) -> dict:
    features, people, ids = load(pool, k)
    started = time.perf_counter()
    counts, done = Counter(), 0
    while done < runs and time.perf_counter() - started < max_seconds:
        committees, _ = find_random_sample_legacy(people, features, k, [], max_attempts=100)
        counts.update(committees[0])
        done += 1
    probabilities = {x: counts[x] / done for x in ids}
    return {
        "runs": done,
        "seconds_per_panel": (time.perf_counter() - started) / done,
        "min_probability": min(probabilities.values()),
        "zero_people": sum(1 for p in probabilities.values() if p == 0),
        "probabilities": probabilities,
    }


if __name__ == "__main__":
    method, pool, k = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    if method == "maximin":
        figures = maximin(pool, k)
    else:
        figures = legacy(pool, k, int(sys.argv[4]), float(sys.argv[5]))
    Path(sys.argv[-1]).write_text(json.dumps(figures))
