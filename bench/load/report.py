"""Turn locust's CSV statistics into bench/results/load.json and load.md."""

import csv
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pace  # noqa: E402

RESULTS = Path(__file__).resolve().parent.parent / "results"


def _failures(stats_csv: str) -> list[dict]:
    path = Path(stats_csv.replace("_stats.csv", "_failures.csv"))
    return list(csv.DictReader(open(path))) if path.exists() else []  # noqa: SIM115


def main(stats_csv: str, seconds: str, workers: str, threads: str = "1") -> None:
    rows = list(csv.DictReader(open(stats_csv)))  # noqa: SIM115
    figures = {
        row["Name"]: {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 1),
            "p50_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "p99_ms": float(row["99%"]),
        }
        for row in rows
    }
    failures = _failures(stats_csv)
    measured = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    result = {
        "measured": measured,
        "seconds": int(seconds),
        "gunicorn_workers": int(workers),
        "gunicorn_threads": int(threads),
        "pace": pace.describe(),
        "requests": figures,
        "failures": failures,
    }
    (RESULTS / "load.json").write_text(json.dumps(result, indent=2) + "\n")
    kind = f"{workers} workers" + (f" × {threads} threads (gthread)" if threads != "1" else "")
    lines = [
        "## Load: 500 members answer a round while 20 browse",
        "",
        f"Measured {measured}. locust headless, separate process on 127.0.0.1, {seconds} s; "
        f"gunicorn with {kind}, PostgreSQL, Redis (cache and sessions). Sessions made in "
        "advance (bench/load/setup.py). Target: no errors, p95 under 250 ms.",
        "",
        pace.describe(),
        "",
        "| request | requests | errors | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, f in figures.items():
        lines.append(
            f"| {name} | {f['requests']} | {f['failures']} | {f['rps']} | {f['p50_ms']:.0f} "
            f"| {f['p95_ms']:.0f} | {f['p99_ms']:.0f} |"
        )
    for failure in failures:
        lines.append(
            f"\nErrors: {failure.get('Occurrences')}× {failure.get('Method')} "
            f"{failure.get('Name')}: {failure.get('Error')}"
        )
    (RESULTS / "load.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main(*sys.argv[1:])
