"""The LP relaxation's LEXIMIN vector: the upper bound the portfolio is measured against."""

from __future__ import annotations

import highspy
import numpy as np
import pytest
from lottery_helpers import small_pool, tight_quotas

from beraad.lottery.feasibility import relaxations_for
from beraad.lottery.instance import build_instance
from beraad.lottery.leximin import FIX_THRESHOLD, GAP
from beraad.lottery.relaxation import _run, relaxed_leximin
from beraad.lottery.solver import new_highs, panel_rows


def _relaxed_leximin_by_single_rises(inst) -> np.ndarray:
    """The relaxation's LEXIMIN type probabilities the slow way: after each maximin stage,
    every open type that cannot rise on its own (the others kept at the level) is fixed."""
    matrix, lower, upper = panel_rows(inst)
    sizes = inst.sizes
    level = np.full(len(sizes), np.nan)

    def best(objective_type=None, floor=None):
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        counts = [h.addVariable(0, float(n)) for n in sizes]
        z = h.addVariable(0, 1)
        for row, low, high in zip(matrix, lower, upper, strict=True):
            total = sum(counts[t] * float(row[t]) for t in np.flatnonzero(row))
            h.addConstr(total >= low)
            h.addConstr(total <= high)
        for t, n in enumerate(sizes):
            share = counts[t] * (1.0 / n)
            if not np.isnan(level[t]):
                h.addConstr(share >= level[t] - 1e-9)
            elif floor is None:
                h.addConstr(share >= z)
            elif t != objective_type:
                h.addConstr(share >= floor - 1e-9)
        h.maximize(
            z if objective_type is None else counts[objective_type] * (1.0 / sizes[objective_type])
        )
        return h.getInfo().objective_function_value

    while np.isnan(level).any():
        z = best()
        open_types = np.flatnonzero(np.isnan(level))
        stuck = [t for t in open_types if best(t, z) <= z + 1e-7]
        level[stuck] = z
    return level


def _instances():
    for seed in range(30):
        people = small_pool(seed, n=40, categories=3)
        inst = build_instance(people, tight_quotas(people, 8, seed), 8)
        if not relaxations_for(inst):  # some panel meets the quotas
            yield inst


@pytest.mark.parametrize("inst", list(_instances())[:12])
def test_the_stages_fix_the_levels_that_single_rises_find(inst):
    targets, bound = relaxed_leximin(inst, GAP, FIX_THRESHOLD)
    assert targets == pytest.approx(_relaxed_leximin_by_single_rises(inst), abs=1e-6)
    assert bound == pytest.approx(targets.min() + GAP, abs=1e-7)


def _one_column_model(row_lower: float) -> highspy.Highs:
    """max x with 0 <= x <= 1 and x >= row_lower."""
    highs = new_highs(solver="ipm", ipm_iteration_limit=0, presolve="off")
    highs.addVar(0.0, 1.0)
    highs.changeColCost(0, 1.0)
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    highs.addRow(row_lower, highspy.kHighsInf, 1, np.array([0]), np.array([1.0]))
    return highs


def test_a_failed_solve_is_retried_by_the_simplex():
    highs = _one_column_model(0.5)  # the interior point may not take a single step
    _run(highs)
    assert highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
    assert highs.getInfo().objective_function_value == pytest.approx(1.0)


def test_a_relaxation_that_cannot_be_solved_is_refused_not_used():
    highs = _one_column_model(2.0)  # x >= 2 but x <= 1
    with pytest.raises(RuntimeError, match="not solved"):
        _run(highs)
