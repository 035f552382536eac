"""The benchmark's pool generator is deterministic and its pools give verifiable results."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench" / "lottery"))
from pools import make_pool  # noqa: E402

from beraad.lottery.cli import main  # noqa: E402

SHARED = Path(os.environ.get("SORTITION_POOLS", REPO / ".." / "shared" / "sortition"))


def test_the_same_arguments_give_the_same_pool_bytes(tmp_path):
    first, second = make_pool(tmp_path / "a", 400, 24), make_pool(tmp_path / "b", 400, 24)
    for name in ("respondents.csv", "categories.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_another_seed_gives_another_pool(tmp_path):
    first = make_pool(tmp_path / "a", 400, 24, seed=1)
    second = make_pool(tmp_path / "b", 400, 24, seed=2)
    assert (first / "respondents.csv").read_bytes() != (second / "respondents.csv").read_bytes()


@pytest.mark.skipif(not (SHARED / "verify_result.py").exists(), reason="shared pools not found")
def test_a_small_generated_pool_gives_a_proven_and_verified_result(tmp_path):
    pool = make_pool(tmp_path / "pool", 300, 24)
    out = tmp_path / "result.json"
    code = main(
        [
            *("--categories", str(pool / "categories.csv")),
            *("--respondents", str(pool / "respondents.csv")),
            *("--panel-size", "24", "--seed", "bench", "--out", str(out)),
        ]
    )
    assert code == 0
    checked = subprocess.run(
        [sys.executable, str(SHARED / "verify_result.py"), str(pool), str(out), "24"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
