"""HiGHS models shared by the engine: the panel integer programme and LP helpers."""

from __future__ import annotations

import highspy
import numpy as np

from .instance import Instance
from .model import WorkLimitReached

INF = highspy.kHighsInf
# Work limit of every integer programme, in branch-and-bound nodes: a count, not a clock,
# so a run gives the same result on any machine. A programme that reaches it raises
# WorkLimitReached (read here at each model's creation, so tests can lower it).
IP_NODE_LIMIT = 20_000


def new_highs(**options) -> highspy.Highs:
    """A silent HiGHS instance with deterministic settings: one thread, fixed random seed,
    and no wall-clock limit (HiGHS's default time limit is infinite; set it explicitly)."""
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("random_seed", 0)
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("time_limit", INF)
    for name, value in options.items():
        highs.setOptionValue(name, value)
    return highs


def node_limit_reached(what: str) -> WorkLimitReached:
    """The error for an integer programme that stopped at its node limit."""
    return WorkLimitReached(
        f"{what}: the integer programme reached its work limit of {IP_NODE_LIMIT:,} "
        "branch-and-bound nodes; the result would not be proven, so no panel is drawn"
    )


def panel_rows(inst: Instance) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Constraint matrix and bounds over type counts: panel size, quotas, households."""
    n_types = len(inst.sizes)
    rows = [np.ones(n_types)]
    lower = [inst.panel_size]
    upper = [inst.panel_size]
    for quota, row in zip(inst.quotas, inst.quota_matrix, strict=True):
        rows.append(row)
        lower.append(quota.min)
        upper.append(quota.max)
    for group in inst.households:
        row = np.zeros(n_types)
        row[group] = 1
        rows.append(row)
        lower.append(0)
        upper.append(1)
    return np.array(rows), np.array(lower, float), np.array(upper, float)


def pass_model(highs, cost, col_lower, col_upper, matrix, row_lower, row_upper, integer, sense):
    """Load a model into `highs` in one call; `matrix` is dense or `Sparse`."""
    if not isinstance(matrix, Sparse):
        rows, cols = np.nonzero(matrix)
        matrix = Sparse(rows, cols, matrix[rows, cols], matrix.shape)
    lp = highspy.HighsLp()
    lp.num_row_, lp.num_col_ = matrix.shape
    lp.col_cost_ = np.asarray(cost, float)
    lp.col_lower_ = np.asarray(col_lower, float)
    lp.col_upper_ = np.asarray(col_upper, float)
    lp.row_lower_ = np.asarray(row_lower, float)
    lp.row_upper_ = np.asarray(row_upper, float)
    lp.sense_ = sense
    starts, indices, values = matrix.columnwise()
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = starts
    lp.a_matrix_.index_ = indices
    lp.a_matrix_.value_ = values
    if integer is not None:
        lp.integrality_ = [
            highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous
            for flag in integer
        ]
    highs.passModel(lp)


class Sparse:
    """A matrix as (row, column, value) triplets: models with a diagonal block of one row
    per type would take hundreds of megabytes dense on large pools."""

    def __init__(self, rows, cols, values, shape: tuple[int, int]):
        self.rows = np.asarray(rows, np.int64)
        self.cols = np.asarray(cols, np.int64)
        self.values = np.asarray(values, float)
        self.shape = shape

    def columnwise(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Column starts, row indices and values, column by column (HiGHS's format)."""
        order = np.lexsort((self.rows, self.cols))
        counts = np.bincount(self.cols, minlength=self.shape[1])
        starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
        return starts, self.rows[order].astype(np.int32), self.values[order]


class PanelSearch:
    """Finds the panel (as type counts) with the largest total weight that meets the quotas.

    The model is built once; each search only changes the objective.
    """

    def __init__(self, inst: Instance):
        self.n_types = len(inst.sizes)
        self.highs = new_highs(
            mip_max_nodes=IP_NODE_LIMIT,
            mip_rel_gap=1e-9,
            mip_abs_gap=1e-10,
            mip_improving_solution_save=True,
        )
        matrix, lower, upper = panel_rows(inst)
        pass_model(
            self.highs,
            np.zeros(self.n_types),
            np.zeros(self.n_types),
            inst.sizes,
            matrix,
            lower,
            upper,
            [True] * self.n_types,
            highspy.ObjSense.kMaximize,
        )

    def best(self, weights: np.ndarray) -> tuple[list[np.ndarray], float]:
        """Panels found (best first) and an upper bound on the best weight; [] if none exists."""
        self.highs.changeColsCost(
            self.n_types, np.arange(self.n_types, dtype=np.int32), np.asarray(weights, float)
        )
        self.highs.clearSolver()
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return [], -INF
        if status != highspy.HighsModelStatus.kOptimal:
            raise node_limit_reached("pricing a new panel")
        saved = self.highs.getSavedMipSolutions()
        panels = [np.rint(s.col_value).astype(int) for s in reversed(saved)]
        if not panels and self.highs.getInfo().primal_solution_status:
            panels = [np.rint(self.highs.getSolution().col_value).astype(int)]
        bound = self.highs.getInfo().mip_dual_bound
        return _unique(panels), bound


def _unique(panels: list[np.ndarray]) -> list[np.ndarray]:
    seen, result = set(), []
    for panel in panels:
        key = panel.tobytes()
        if key not in seen:
            seen.add(key)
            result.append(panel)
    return result
