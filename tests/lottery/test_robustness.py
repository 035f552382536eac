"""Generated pools never crash the engine; the CLI output passes the independent checker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lottery_helpers import meets_quotas

from beraad.lottery import InfeasibleQuotas, Person, Quota, select_panel

REPO = Path(__file__).resolve().parents[2]
# The shared test pools: beside the repository, or where SORTITION_POOLS says (worktrees).
SHARED = Path(os.environ.get("SORTITION_POOLS", REPO / ".." / "shared" / "sortition"))
needs_shared = pytest.mark.skipif(
    not (SHARED / "verify_result.py").exists(),
    reason=f"test pools not found at {SHARED} (the shared/ folder beside the repository)",
)


@st.composite
def instances(draw):
    n = draw(st.integers(3, 10))
    values = st.sampled_from(["a", "b", "c"])
    people = [
        Person(
            f"p{i}",
            {"x": draw(values), "y": draw(values)},
            draw(st.sampled_from([None, None, "h1", "h2"])),
        )
        for i in range(n)
    ]
    size = draw(st.integers(1, n))
    quotas = []
    for category in ("x", "y"):
        for value in sorted({p.category_values[category] for p in people}):
            low = draw(st.integers(0, size))
            quotas.append(Quota(category, value, low, draw(st.integers(low, size))))
    return people, quotas, size


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_generated_pools_give_a_valid_selection_or_a_relaxation(instance):
    people, quotas, size = instance
    try:
        selection = select_panel(people, quotas, size, "h", lottery_size=20, reserve_count=2)
    except InfeasibleQuotas as error:
        assert error.relaxations or "households" in str(error)
        return
    except ValueError as error:
        assert "households" in str(error)  # no panel of this size without sharing a home
        return
    assert all(meets_quotas(people, quotas, ids) for ids, _ in selection.portfolio)
    assert sum(selection.probabilities.values()) == pytest.approx(size, abs=1e-6)


def _cli(categories: Path, respondents: Path, size: int, out: Path, *extra: str):
    command = [
        sys.executable, "-m", "beraad.lottery", "--categories", str(categories),
        "--respondents", str(respondents), "--panel-size", str(size),
        "--seed", "test", "--out", str(out), *extra,
    ]  # fmt: skip
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


@needs_shared
def test_cli_result_on_example_small_passes_verify_result(tmp_path):
    pool = SHARED / "example_small_20"
    out = tmp_path / "result.json"
    run = _cli(pool / "categories.csv", pool / "respondents.csv", 20, out, "--reserves", "3")
    assert run.returncode == 0, run.stderr
    verify = [sys.executable, str(SHARED / "verify_result.py"), str(pool), str(out), "20", "0.1"]
    checked = subprocess.run(verify, capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout
    assert json.loads(out.read_text())["uniform_lottery"]["M"] == 1000


def test_cli_reports_infeasible_quotas_with_exit_code_2(tmp_path):
    (tmp_path / "c.csv").write_text("feature,value,min,max\ng,a,3,3\ng,b,0,3\n")
    (tmp_path / "r.csv").write_text("id,g,household\n1,a,\n2,a,\n3,b,\n4,b,\n")
    out = tmp_path / "result.json"
    run = _cli(tmp_path / "c.csv", tmp_path / "r.csv", 3, out)
    assert run.returncode == 2
    assert "lower the minimum of g=a from 3 to 2" in run.stderr
    assert json.loads(out.read_text())["relaxations"][0]["needed"] == 2


def test_cli_rejects_unknown_category_values(tmp_path):
    (tmp_path / "c.csv").write_text("category,feature,min,max\ng,a,0,2\n")
    (tmp_path / "r.csv").write_text("g\na\nz\n")
    run = _cli(tmp_path / "c.csv", tmp_path / "r.csv", 1, tmp_path / "out.json")
    assert run.returncode == 1
    assert "g='z', which has no quota" in run.stderr


@needs_shared
def test_synthetic_s_reaches_the_known_maximin_optimum_checked_by_verify_result(tmp_path):
    pool = SHARED / "synthetic_S"
    out = tmp_path / "result.json"
    run = _cli(pool / "categories.csv", pool / "respondents.csv", 40, out)
    assert run.returncode == 0, run.stderr
    verify = [sys.executable, str(SHARED / "verify_result.py"), str(pool), str(out), "40"]
    checked = subprocess.run([*verify, "0.121212121"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout
    result = json.loads(out.read_text())
    assert result["min_probability"] == pytest.approx(0.121212121, abs=1e-6)
    # Rounding type panels first keeps the uniform lottery close to the exact distribution.
    assert result["uniform_lottery"]["loss"] < 0.01
