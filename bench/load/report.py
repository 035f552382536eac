"""Turn locust's CSV statistics into bench/results/load.json and load.md."""

import csv
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cpu  # noqa: E402
import pace  # noqa: E402

RESULTS = Path(__file__).resolve().parent.parent / "results"


def _failures(stats_csv: str) -> list[dict]:
    path = Path(stats_csv.replace("_stats.csv", "_failures.csv"))
    return list(csv.DictReader(open(path))) if path.exists() else []  # noqa: SIM115


OURS = {"gunicorn", "postgres", "redis-server", "locust"}


def _others_in_top(top_log: str) -> dict[str, float]:
    """Mean %CPU per command that is not part of the benchmark, over the top snapshots."""
    totals: dict[str, float] = {}
    snapshots = 0
    for line in open(top_log):  # noqa: SIM115
        fields = line.split()
        if line.startswith("top -"):
            snapshots += 1
        elif len(fields) == 12 and fields[0].isdigit() and fields[11] not in OURS:
            totals[fields[11]] = totals.get(fields[11], 0.0) + float(fields[8])
    return {name: round(total / max(snapshots, 1)) for name, total in totals.items()}


def _machine(before: str, after: str, top_log: str) -> tuple[dict, str]:
    """What the machine did meanwhile: cores used per part, the rest, load average."""
    used = cpu.compare(json.load(open(before)), json.load(open(after)))  # noqa: SIM115
    others = sorted(_others_in_top(top_log).items(), key=lambda item: -item[1])
    used["others_in_top"] = dict(others[:3])
    groups = ", ".join(f"{name} {cores:.2f}" for name, cores in used["cores_by_group"].items())
    named = ", ".join(f"{name} {percent} %" for name, percent in others[:3] if percent >= 5)
    text = (
        f"Machine during the run (cores of 2, averaged, from /proc): {used['cores_busy']:.2f} "
        f"busy: {groups}; everything else {used['cores_other']:.2f} (other sessions on this "
        f"shared machine; top every 10 s, mean %CPU: {named or 'nothing above 5 %'}). "
        f"Load average before {' / '.join(map(str, used['load_before']))}, after "
        f"{' / '.join(map(str, used['load_after']))}. PostgreSQL counts every database's "
        "backends."
    )
    return used, text


def main(
    stats_csv: str,
    seconds: str,
    workers: str,
    threads: str = "1",
    cpu_before: str | None = None,
    cpu_after: str | None = None,
    top_log: str | None = None,
) -> None:
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
    machine, machine_text = _machine(cpu_before, cpu_after, top_log) if cpu_after else ({}, "")
    measured = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    result = {
        "measured": measured,
        "seconds": int(seconds),
        "gunicorn_workers": int(workers),
        "gunicorn_threads": int(threads),
        "pace": pace.describe(),
        "requests": figures,
        "failures": failures,
        "machine": machine,
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
        *([machine_text, ""] if machine_text else []),
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
