"""Benchmark: counting a national candidate-list vote (see run.sh).

VOTES_BALLOTS (default 100,000) ranked ballots over 30 candidates for 10 seats, generated
from a seed (ballots.py) and written as the published ballots.csv. Each count runs in a
fresh process (count.py) that reads that file: stvpoll alone, pref_voting alone, and the
platform's ``count_ranking`` (both, the cross-check and the round report). Measured: the
counting time inside the process (reading the file excluded), its CPU time, and its peak
memory (max RSS of the whole process, imports and ballots included). Writes
bench/results/votes_count.{json,md}.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from ballots import generate

from votes.counting import ItemDefinition
from votes.counting.files import ballot_row, ballots_csv

REPO = Path(__file__).resolve().parents[2]
RESULTS = REPO / "bench" / "results"
COUNT = Path(__file__).with_name("count.py")
CANDIDATES, SEATS, SEED = 30, 10, "bench-seed"
TARGET_SECONDS, TARGET_MB = 60, 500
MODES = {
    "stvpoll": "stvpoll alone (Scottish STV, exact decimals, round report)",
    "pref_voting": "pref_voting alone (stv_scottish)",
    "both": "count_ranking: stvpoll + pref_voting cross-check + report",
}


def main() -> None:
    ballots = int(os.environ.get("VOTES_BALLOTS", "100000"))
    RESULTS.mkdir(parents=True, exist_ok=True)
    names, rankings = generate(ballots, CANDIDATES)
    definition = ItemDefinition("list", "ranking", "stv", names, SEATS, SEED)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "ballots.csv"
        path.write_text(ballots_csv(ballot_row(definition, r) for r in rankings))
        rows = [run(mode, path) for mode in MODES]
    agreed = len({tuple(row["elected"]) for row in rows}) == 1
    summary = {
        "measured": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "ballots": ballots, "candidates": CANDIDATES, "seats": SEATS,
        "mean_ranking_length": round(sum(map(len, rankings)) / ballots, 2),
        "all_elected_the_same": agreed, "runs": rows,
    }  # fmt: skip
    (RESULTS / "votes_count.json").write_text(json.dumps(summary, indent=1) + "\n")
    (RESULTS / "votes_count.md").write_text(markdown(summary))
    print(markdown(summary))


def run(mode: str, path: Path) -> dict:
    load = os.getloadavg()[0]
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(COUNT), mode, str(path), str(SEATS), SEED],
        cwd=REPO, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"count.py {mode} failed ({child.returncode})")
    figures = json.loads(output.strip().splitlines()[-1])
    row = {
        "mode": mode,
        "count_seconds": figures["seconds"],
        "count_cpu_seconds": figures["cpu_seconds"],
        "process_seconds": round(time.perf_counter() - started, 2),
        "process_cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "max_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "load_before": round(load, 2),
        "distinct_rankings": figures["distinct_rankings"],
        "elected": figures["elected"],
    }
    print(json.dumps(row), flush=True)
    return row


def markdown(summary: dict) -> str:
    lines = [
        "## Counting a candidate list vote (`bench/votes_count`)",
        "",
        f"Measured {summary['measured']} by `BENCH=votes_count make bench` on the shared 2-core "
        f"machine. {summary['ballots']:,} ranked ballots over {summary['candidates']} candidates "
        f"for {summary['seats']} seats (generated, Plackett-Luce with unequal support, each "
        f"ballot a prefix of {summary['mean_ranking_length']} candidates on average; "
        f"{summary['runs'][0]['distinct_rankings']:,} distinct rankings), read from the "
        "published `ballots.csv`. Each count runs in a fresh process: count time excludes "
        "reading the file; count CPU is the CPU time of that step, process CPU the whole "
        "process's user + system time (imports and reading included); memory its peak "
        "RSS (imports and ballots included; the imports alone take about 230 MB, mostly "
        "pref_voting and its dependencies).",
        "",
        "| count | count time (s) | count CPU (s) | process CPU (s) | peak memory (MB) "
        "| load average before |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in summary["runs"]:
        lines.append(
            f"| {MODES[row['mode']]} | {row['count_seconds']} | {row['count_cpu_seconds']} | "
            f"{row['process_cpu_seconds']} | {row['max_rss_mb']} | {row['load_before']} |"
        )
    both = summary["runs"][-1]
    wall = both["count_seconds"] < TARGET_SECONDS and both["max_rss_mb"] < TARGET_MB
    cpu = both["count_cpu_seconds"] < TARGET_SECONDS and both["max_rss_mb"] < TARGET_MB
    lines += [
        "",
        f"Targets: both implementations together under {TARGET_SECONDS} s and under "
        f"{TARGET_MB} MB: **{'met' if wall else 'not met'}** in wall time "
        f"({both['count_seconds']} s, {both['max_rss_mb']} MB), "
        f"**{'met' if cpu else 'not met'}** in CPU time ({both['count_cpu_seconds']} s): "
        f"the machine is shared, so the wall time depends on the load. "
        f"All three elected the same candidates: "
        f"{'yes' if summary['all_elected_the_same'] else 'NO'}.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
