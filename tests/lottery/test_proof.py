"""Results say whether they are proven optimal and depend on the inputs and seed alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import highspy
import pytest
from lottery_helpers import brute_force_leximin, small_pool, tight_quotas

from beraad.lottery import WorkLimitReached, select_panel, solver
from beraad.lottery.cli import EXIT_WORK_LIMIT, main
from beraad.lottery.files import read_categories, read_respondents

REPO = Path(__file__).resolve().parents[2]
# The shared test pools: beside the repository, or where SORTITION_POOLS says (worktrees).
SHARED = Path(os.environ.get("SORTITION_POOLS", REPO / ".." / "shared" / "sortition"))
needs_shared = pytest.mark.skipif(
    not (SHARED / "verify_result.py").exists(),
    reason=f"test pools not found at {SHARED} (the shared/ folder beside the repository)",
)
S_OPTIMUM = 0.121212121  # the known maximin optimum of synthetic_S (k = 40)


def _pool(name: str):
    quotas = read_categories(SHARED / name / "categories.csv")
    people = read_respondents(SHARED / name / "respondents.csv", {q.category for q in quotas})
    return people, quotas


def _cli(pool: Path, k: int, out: Path, *extra: str) -> int:
    return main(
        [
            *("--categories", str(pool / "categories.csv")),
            *("--respondents", str(pool / "respondents.csv")),
            *("--panel-size", str(k), "--seed", "proof", "--out", str(out), *extra),
        ]
    )


@needs_shared
def test_a_result_reaching_the_relaxation_bound_is_proven_optimal():
    people, quotas = _pool("synthetic_S")
    selection = select_panel(people, quotas, 40, "proof")
    assert selection.proven_optimal is True
    assert selection.upper_bound_min_probability == pytest.approx(S_OPTIMUM, abs=1e-8)
    assert selection.min_probability >= selection.upper_bound_min_probability - 1e-8


@needs_shared
def test_result_json_carries_the_proof_and_the_bound(tmp_path):
    out = tmp_path / "result.json"
    assert _cli(SHARED / "synthetic_S", 40, out) == 0
    result = json.loads(out.read_text())
    assert result["proven_optimal"] is True
    assert result["upper_bound_min_probability"] == pytest.approx(S_OPTIMUM, abs=1e-8)
    checked = subprocess.run(
        [sys.executable, str(SHARED / "verify_result.py"), str(SHARED / "synthetic_S"), str(out)]
        + ["40", str(S_OPTIMUM)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_result_below_the_relaxation_vector_is_not_called_proven():
    # Seed 77: the relaxation's LEXIMIN vector is no mix of real panels (see test_leximin).
    people = small_pool(77, n=9, categories=3, households=77 % 3)
    quotas = tight_quotas(people, 4, 77)
    selection = select_panel(people, quotas, 4, "s")
    expected = brute_force_leximin(people, quotas, 4)
    assert selection.proven_optimal is False
    assert min(expected.values()) <= selection.upper_bound_min_probability + 1e-9


def test_the_legacy_method_claims_no_proof():
    people = small_pool(3, n=12, categories=2)
    quotas = tight_quotas(people, 4, 1)
    selection = select_panel(people, quotas, 4, "s", algorithm="legacy", lottery_size=50)
    document = selection.to_json()
    assert document["proven_optimal"] is False
    assert document["upper_bound_min_probability"] is None


@needs_shared
def test_the_same_inputs_give_a_byte_identical_result_json(tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert _cli(SHARED / "synthetic_S", 40, first) == 0
    assert _cli(SHARED / "synthetic_S", 40, second) == 0
    assert first.read_bytes() == second.read_bytes()


@needs_shared
def test_no_solver_run_has_a_wall_clock_limit_or_parallel_threads(monkeypatch):
    # A clock limit (or threads racing) gives a machine-dependent answer on a slow machine.
    seen = []
    run = highspy.Highs.run

    def spy(highs):
        seen.append(tuple(highs.getOptionValue(name)[1] for name in ("time_limit", "threads")))
        return run(highs)

    monkeypatch.setattr(highspy.Highs, "run", spy)
    people, quotas = _pool("synthetic_S")
    select_panel(people, quotas, 40, "proof")
    assert seen
    assert set(seen) == {(highspy.kHighsInf, 1)}


def test_a_run_that_reaches_the_work_limit_raises_a_clear_error(monkeypatch):
    monkeypatch.setattr(solver, "IP_NODE_LIMIT", 0)
    people = small_pool(2, n=12, categories=2)
    with pytest.raises(WorkLimitReached, match="work limit"):
        select_panel(people, tight_quotas(people, 4, 1), 4, "s")


@needs_shared
def test_the_command_line_exits_with_code_3_at_the_work_limit(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(solver, "IP_NODE_LIMIT", 0)
    out = tmp_path / "result.json"
    assert _cli(SHARED / "synthetic_S", 40, out) == EXIT_WORK_LIMIT == 3
    assert "work limit" in capsys.readouterr().err
    assert not out.exists()  # no machine-dependent half result
