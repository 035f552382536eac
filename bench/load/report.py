"""Turn locust's CSV statistics into bench/results/load.json, and that into load.md.

load.md ends with bench/load/notes.md: what was learned, written by hand and dated, so a
new run does not drop it (its figures are those of the runs it names). After editing the
notes, `python bench/load/report.py` (no arguments) renders load.md again.
"""

import csv
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cpu  # noqa: E402
import pace  # noqa: E402

RESULTS = Path(__file__).resolve().parent.parent / "results"
NOTES = Path(__file__).resolve().parent / "notes.md"


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


def _machine(before: str, after: str, top_log: str) -> dict:
    """What the machine did meanwhile: cores used per part, the rest, load average."""
    used = cpu.compare(json.load(open(before)), json.load(open(after)))  # noqa: SIM115
    others = sorted(_others_in_top(top_log).items(), key=lambda item: -item[1])
    used["others_in_top"] = dict(others[:3])
    return used


def _machine_text(used: dict) -> str:
    groups = ", ".join(f"{name} {cores:.2f}" for name, cores in used["cores_by_group"].items())
    named = ", ".join(f"{name} {pct} %" for name, pct in used["others_in_top"].items() if pct >= 5)
    return (
        f"Machine during the run (cores of 2, averaged, from /proc): {used['cores_busy']:.2f} "
        f"busy: {groups}; everything else {used['cores_other']:.2f} (other sessions on this "
        f"shared machine; top every 10 s, mean %CPU: {named or 'nothing above 5 %'}). "
        f"Load average before {' / '.join(map(str, used['load_before']))}, after "
        f"{' / '.join(map(str, used['load_after']))}. PostgreSQL counts every database's "
        "backends."
    )


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
    result = {
        "measured": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "seconds": int(seconds),
        "gunicorn_workers": int(workers),
        "gunicorn_threads": int(threads),
        "pace": pace.describe(),
        "requests": figures,
        "failures": _failures(stats_csv),
        "machine": _machine(cpu_before, cpu_after, top_log) if cpu_after else {},
    }
    (RESULTS / "load.json").write_text(json.dumps(result, indent=2) + "\n")
    render()


def render() -> None:
    """load.md from load.json and notes.md (run alone after editing the notes)."""
    result = json.loads((RESULTS / "load.json").read_text())
    workers, threads = result["gunicorn_workers"], result["gunicorn_threads"]
    kind = f"{workers} sync workers"
    if threads != 1:
        kind = f"{workers} gthread workers × {threads} threads"
    machine = result.get("machine")
    lines = [
        "## Load: 500 members log in and answer a round while 20 browse",
        "",
        f"Measured {result['measured']}. locust headless, separate process on 127.0.0.1, "
        f"{result['seconds']} s; gunicorn with {kind}, PostgreSQL, Redis (cache and sessions). "
        "Members log in by e-mailed code; the browsers' sessions are made in advance "
        "(bench/load/setup.py). Target: no errors, p95 under 250 ms.",
        "",
        result["pace"],
        "",
        *([_machine_text(machine), ""] if machine else []),
        "| request | requests | errors | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, f in result["requests"].items():
        lines.append(
            f"| {name} | {f['requests']} | {f['failures']} | {f['rps']} | {f['p50_ms']:.0f} "
            f"| {f['p95_ms']:.0f} | {f['p99_ms']:.0f} |"
        )
    for failure in result["failures"]:
        lines.append(
            f"\nErrors: {failure.get('Occurrences')}× {failure.get('Method')} "
            f"{failure.get('Name')}: {failure.get('Error')}"
        )
    if NOTES.exists():
        lines += ["", NOTES.read_text().strip()]
    (RESULTS / "load.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main(*sys.argv[1:]) if len(sys.argv) > 1 else render()
