"""python -m beraad.lottery: select a panel from CSV files and write result.json."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .engine import ALGORITHMS, select_panel
from .files import read_categories, read_respondents
from .model import InfeasibleQuotas, WorkLimitReached

EXIT_INVALID = 1
EXIT_INFEASIBLE = 2
EXIT_WORK_LIMIT = 3


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 bad input, 2 infeasible quotas,
    3 a solver reached its deterministic work limit)."""
    parser = argparse.ArgumentParser(prog="python -m beraad.lottery", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Select a panel as `args` (from `add_arguments`) say; returns the exit code."""
    try:
        quotas = read_categories(args.categories)
        people = read_respondents(args.respondents, {q.category for q in quotas})
        selection = select_panel(
            people,
            quotas,
            args.panel_size,
            args.seed,
            algorithm=args.algorithm,
            lottery_size=args.lottery_size,
            reserve_count=args.reserves,
        )
    except InfeasibleQuotas as error:
        _write(args.out, {"feasible": False, "relaxations": [vars(r) for r in error.relaxations]})
        print(f"Infeasible quotas: no panel of {args.panel_size} meets them.", file=sys.stderr)
        for relaxation in error.relaxations:
            print(f"- {relaxation.describe()}", file=sys.stderr)
        return EXIT_INFEASIBLE
    except WorkLimitReached as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_WORK_LIMIT
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INVALID
    _write(args.out, selection.to_json())
    lottery = selection.uniform_lottery
    print(
        f"panel of {len(selection.panel)} drawn ({selection.algorithm}): slot {lottery.index} of "
        f"{lottery.size}, smallest probability {selection.min_probability:.6f}, "
        f"{_proof(selection)}, rounding loss {lottery.loss:.6f}, {selection.seconds:.1f} s",
        file=sys.stderr,
    )
    return 0


def _proof(selection) -> str:
    if selection.upper_bound_min_probability is None:
        return "optimality not proven"
    verdict = "proven optimal" if selection.proven_optimal else "not proven optimal"
    return f"{verdict} (upper bound {selection.upper_bound_min_probability:.6f})"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the command line (shared with the `lottery` management command)."""
    parser.add_argument("--categories", type=Path, required=True, help="category,feature,min,max")
    parser.add_argument("--respondents", type=Path, required=True, help="one row per person")
    parser.add_argument("--panel-size", type=int, required=True)
    parser.add_argument("--seed", required=True, help="any text; publish it before the draw")
    parser.add_argument("--out", type=Path, required=True, help="where result.json goes")
    parser.add_argument("--algorithm", choices=ALGORITHMS, default="leximin")
    parser.add_argument("--lottery-size", type=int, default=1000, help="M, the slots drawn from")
    parser.add_argument("--reserves", type=int, default=0, help="length of the reserve list")


def _write(path: Path, document: dict) -> None:
    path.write_text(json_lines(document), encoding="utf-8")


def json_lines(document: dict) -> str:
    """`document` as JSON with each top-level entry, and each item of a top-level list or
    object, on a line of its own, written compactly by json's C encoder (the indenting
    encoder is pure Python: over a second for the portfolio of a national panel)."""
    compact = json.JSONEncoder(separators=(", ", ": ")).encode
    entries = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            text = "[\n  " + ",\n  ".join(map(compact, value)) + "\n ]"
        elif isinstance(value, dict) and value:
            items = (f"{compact(k)}: {compact(v)}" for k, v in value.items())
            text = "{\n  " + ",\n  ".join(items) + "\n }"
        else:
            text = compact(value)
        entries.append(f" {compact(key)}: {text}")
    return "{\n" + ",\n".join(entries) + "\n}\n"
