"""Turn locust's CSV statistics into bench/results/load.json and load.md."""

import csv
import json
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent.parent / "results"


def main(stats_csv: str, seconds: str, workers: str) -> None:
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
    result = {"seconds": int(seconds), "gunicorn_workers": int(workers), "requests": figures}
    (RESULTS / "load.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        "## Load: 500 members answer a round while 20 browse",
        "",
        f"locust headless, separate process on 127.0.0.1, {seconds} s; gunicorn with "
        f"{workers} workers, PostgreSQL, Redis. Sessions made in advance (bench/load/setup.py).",
        "",
        "| request | requests | errors | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, f in figures.items():
        lines.append(
            f"| {name} | {f['requests']} | {f['failures']} | {f['rps']} | {f['p50_ms']:.0f} "
            f"| {f['p95_ms']:.0f} | {f['p99_ms']:.0f} |"
        )
    (RESULTS / "load.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main(*sys.argv[1:])
