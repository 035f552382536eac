"""Benchmark of the LEXIMIN engine against sortition-algorithms (see run.sh).

For each pool: our LEXIMIN through the command line (time, smallest probability, rounding
loss, verify_result.py), sortition-algorithms' maximin (capped) and its legacy method's
estimated probabilities. Writes bench/results/lottery.{json,md} and a PNG of the sorted
selection probabilities.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from pools import make_pool

REPO = Path(__file__).resolve().parents[2]
# The shared test pools: beside the repository, or where SORTITION_POOLS says (worktrees).
SHARED = Path(os.environ.get("SORTITION_POOLS", REPO / ".." / "shared" / "sortition"))
RESULTS = REPO / "bench" / "results"
PEER = Path(__file__).with_name("peer.py")
PEER_CAP = 300  # seconds for one sortition-algorithms maximin run
OUR_CAP = 150  # seconds for one run of ours (above every target)
OWN_POOL = "own_2000_200"
# Generated like the shared synthetic pools (pools.py): name -> (n, k, categories)
MEASURE = (
    "import json, resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(json.dumps({'max_rss_mb': round(u.ru_maxrss / 1024, 1), "
    "'cpu_seconds': round(u.ru_utime + u.ru_stime, 2)}))"
)
GENERATED = {"gen_10000_200": (10_000, 200, 7), "gen_3000_24": (3_000, 24, 7)}
# name, panel size, known maximin optimum (None: unknown), target seconds
POOLS = [
    ("example_small_20", 20, 0.1, None),
    ("synthetic_S", 40, 0.121212121, None),
    ("synthetic_M", 100, 0.071611253, 10),
    (OWN_POOL, 200, None, 60),
    ("example_large_200", 200, 0.1, 60),
    ("synthetic_L", 150, None, 120),
    ("gen_10000_200", 200, None, 15),
    ("gen_3000_24", 24, None, 5),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the slow peer comparisons")
    parser.add_argument("--pools", nargs="*", help="only these pools")
    parser.add_argument("--cap", type=float, default=OUR_CAP, help="seconds per run of ours")
    parser.add_argument("--results", default="lottery", help="bench/results/NAME.{json,md,png}")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        pools = {name: SHARED / name for name, *_ in POOLS}
        pools[OWN_POOL] = make_own_pool(Path(scratch) / OWN_POOL)
        for name, (n, k, categories) in GENERATED.items():
            pools[name] = make_pool(Path(scratch) / name, n, k, categories)
        for name, k, optimum, target in POOLS:
            if args.pools and name not in args.pools:
                continue
            print(f"== {name}", flush=True)
            rows.append(bench_pool(name, pools[name], k, (optimum, target), args, scratch))
            write_outputs(rows, args.results)


def bench_pool(name, pool, k, expected, args, scratch) -> dict:
    optimum, target = expected
    quick = args.quick
    row = {"pool": name, "n": count_rows(pool), "k": k, "target_seconds": target}
    row.update(run_ours(pool, k, optimum, Path(scratch) / f"{name}.json", args.cap))
    print(f"   leximin: { {k: v for k, v in row.items() if not k.startswith('_')} }", flush=True)
    skip_maximin = quick and row["n"] > 300
    row["peer_maximin"] = (
        None if skip_maximin else run_peer(["maximin", str(pool), str(k)], PEER_CAP, scratch)
    )
    print(f"   sortition-algorithms maximin: {row['peer_maximin']}", flush=True)
    runs, seconds = (1000, 45) if quick else (1000, 60)
    legacy = run_peer(
        ["legacy", str(pool), str(k), str(runs), str(seconds)], 2 * seconds + 60, scratch
    )
    row["peer_legacy"] = {k: v for k, v in (legacy or {}).items() if k != "probabilities"}
    row["_legacy_probabilities"] = (legacy or {}).get("probabilities")
    print(f"   sortition-algorithms legacy: {row['peer_legacy']}", flush=True)
    return row


def run_ours(pool: Path, k: int, optimum, out: Path, cap: float) -> dict:
    command = [
        sys.executable, "-m", "beraad.lottery", "--categories", str(pool / "categories.csv"),
        "--respondents", str(pool / "respondents.csv"), "--panel-size", str(k),
        "--seed", "benchmark", "--out", str(out),
    ]  # fmt: skip
    load = os.getloadavg()
    started = time.perf_counter()
    # A fresh wrapper process: its children's rusage is this one run's peak memory. Its own
    # session, so that a timeout ends the engine under it too.
    wrapper = subprocess.Popen(
        [sys.executable, "-c", MEASURE, *command],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        stdout, _ = wrapper.communicate(timeout=cap)
    except subprocess.TimeoutExpired:
        os.killpg(wrapper.pid, signal.SIGKILL)
        wrapper.communicate()
        return {"seconds": None, "timeout_seconds": cap, "verify": "no result", "load": load}
    wall = time.perf_counter() - started
    usage = json.loads(stdout.strip().splitlines()[-1])
    verify = [sys.executable, str(SHARED / "verify_result.py"), str(pool), str(out), str(k)]
    verify += [str(optimum)] if optimum is not None else []
    checked = subprocess.run(verify, capture_output=True, text=True, check=False)
    result = json.loads(out.read_text())
    return {
        "seconds": round(wall, 2),
        "cpu_seconds": usage["cpu_seconds"],
        "max_rss_mb": usage["max_rss_mb"],
        "load_before": [round(x, 2) for x in load],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "proven_optimal": result["proven_optimal"],
        "min_probability": result["min_probability"],
        "known_optimum": optimum,
        "portfolio_panels": len(result["portfolio"]),
        "lottery_loss": result["uniform_lottery"]["loss"],
        "verify": checked.stdout.strip(),
        "_probabilities": result["probabilities"],
    }


def run_peer(arguments: list[str], cap: float, scratch: str) -> dict | None:
    out = Path(scratch) / "peer.json"
    out.unlink(missing_ok=True)
    command = [sys.executable, str(PEER), *arguments, str(out)]
    started = time.perf_counter()
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return {"timeout_seconds": cap}
    except subprocess.CalledProcessError as error:
        return {"error": error.stderr.decode()[-300:]}
    figures = json.loads(out.read_text())
    figures["wall_seconds"] = time.perf_counter() - started
    return figures


def make_own_pool(folder: Path) -> Path:
    """2,000 respondents, 5 categories with skewed shares; quotas from population shares."""
    rng = np.random.default_rng(2026)
    shares = {
        "gender": {"man": 0.48, "vrouw": 0.50, "anders": 0.02},
        "age": {"16-34": 0.25, "35-54": 0.33, "55+": 0.42},
        "region": {"noord": 0.1, "oost": 0.2, "west": 0.5, "zuid": 0.2},
        "education": {"laag": 0.3, "middel": 0.4, "hoog": 0.3},
        "activity": {"actief": 0.2, "soms": 0.3, "passief": 0.5},
    }
    # Self-selection: the pool over-represents some values, as real respondent pools do.
    bias = {"hoog": 2.0, "55+": 1.5, "actief": 2.5, "west": 1.2}
    folder.mkdir(parents=True)
    lines = ["id," + ",".join(shares)]
    for i in range(2000):
        values = []
        for dist in shares.values():
            names = list(dist)
            weights = np.array([dist[v] * bias.get(v, 1.0) for v in names])
            values.append(names[rng.choice(len(names), p=weights / weights.sum())])
        lines.append(f"r{i:04}," + ",".join(values))
    (folder / "respondents.csv").write_text("\n".join(lines) + "\n")
    quota_lines = ["category,feature,min,max"]
    for category, dist in shares.items():
        for value, share in dist.items():
            low, high = int(200 * share * 0.85), int(np.ceil(200 * share * 1.15))
            quota_lines.append(f"{category},{value},{low},{high}")
    (folder / "categories.csv").write_text("\n".join(quota_lines) + "\n")
    return folder


def count_rows(pool: Path) -> int:
    with open(pool / "respondents.csv") as file:
        return sum(1 for line in file if line.strip()) - 1


def write_outputs(rows: list[dict], name: str) -> None:
    public = [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]
    (RESULTS / f"{name}.json").write_text(json.dumps(public, indent=1) + "\n")
    (RESULTS / f"{name}.md").write_text(markdown(public))
    plot(rows, name)


def markdown(rows: list[dict]) -> str:
    lines = [
        "## Fair lottery engine (LEXIMIN) vs sortition-algorithms",
        "",
        "Measured by `bench/lottery/run.sh` on the 2-core machine, shared with other work.",
        "",
        (
            "| pool | n | k | LEXIMIN wall time, peak memory, load average | LEXIMIN min p | "
            "known optimum | verify | rounding loss (M=1000) | s-a maximin (time, min p) | "
            "s-a legacy min p (runs) |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        peer = r["peer_maximin"]
        if peer is None:
            maximin = "skipped (--quick)"
        elif "timeout_seconds" in peer:
            maximin = f"no result in {peer['timeout_seconds']} s"
        elif "error" in peer:
            maximin = "error"
        else:
            maximin = f"{peer['seconds']:.1f} s, {peer['min_probability']:.4%}"
        legacy = r["peer_legacy"] or {}
        legacy_text = (
            f"{legacy['min_probability']:.2%} ({legacy['runs']})"
            if "min_probability" in legacy
            else "n/a"
        )
        target = f" (target {r['target_seconds']} s)" if r["target_seconds"] else ""
        if r["seconds"] is None:
            lines.append(
                f"| {r['pool']} | {r['n']} | {r['k']} | no result in "
                f"{r['timeout_seconds']} s{target} | – | – | – | – | {maximin} | {legacy_text} |"
            )
            continue
        optimum = f"{r['known_optimum']:.4%}" if r["known_optimum"] else "–"
        verdict = "OK" if r["verify"].startswith("OK") else "FAIL"
        lines.append(
            f"| {r['pool']} | {r['n']} | {r['k']} | {r['seconds']:.1f} s{target}, "
            f"{r['max_rss_mb']:.0f} MB, load {r['load_before'][0]:.1f} | "
            f"{r['min_probability']:.4%} | {optimum} | {verdict} | {r['lottery_loss']:.4f} | "
            f"{maximin} | {legacy_text} |"
        )
    return "\n".join(lines) + "\n"


def plot(rows: list[dict], name: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(rows), figsize=(4 * len(rows), 3.4), squeeze=False)
    for axis, row in zip(axes[0], rows, strict=True):
        if row.get("_probabilities"):
            ours = np.sort(list(row["_probabilities"].values()))
            axis.plot(np.linspace(0, 1, len(ours)), ours, label="LEXIMIN")
        if row.get("_legacy_probabilities"):
            legacy = np.sort(list(row["_legacy_probabilities"].values()))
            axis.plot(np.linspace(0, 1, len(legacy)), legacy, label="legacy (estimated)")
        axis.set_title(f"{row['pool']} (n={row['n']}, k={row['k']})", fontsize=9)
        axis.set_xlabel("people, sorted by probability")
        axis.set_ylabel("selection probability")
        axis.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(RESULTS / f"{name}_probabilities.png", dpi=110)
    plt.close(fig)


if __name__ == "__main__":
    main()
