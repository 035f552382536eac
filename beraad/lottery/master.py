"""The restricted master LP of the LEXIMIN column generation, grown panel by panel.

HiGHS solves the dual of the distribution LP (as the Nature 2021 code does): a new panel is
a new row there, which keeps the dual simplex basis feasible, so each re-solve takes a few
pivots instead of hundreds of degenerate primal ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np

from .solver import INF, new_highs, pass_model

TOLERANCE = 1e-9


@dataclass
class MasterSolution:
    value: float  # the smallest probability among types not yet fixed
    duals: np.ndarray  # type weights y >= 0, summing to 1 over types not yet fixed
    offset: float  # no panel may have a dual-weighted probability sum above this
    weights: np.ndarray  # probability of every panel


class Master:
    """min mu - sum_fixed y_t v_t  s.t.  sum_open y_t = 1,  y . P/n <= mu for every panel P.

    Its optimum is the largest z with P(type t) >= z for open types and >= v_t for fixed
    ones; the duals of the panel rows are the panel probabilities.
    """

    def __init__(self, sizes: np.ndarray):
        self.sizes = sizes
        self.n_types = len(sizes)
        self.fixed = np.full(self.n_types, np.nan)
        self.panels: list[np.ndarray] = []
        self._known: set[bytes] = set()
        self.highs = new_highs(
            primal_feasibility_tolerance=TOLERANCE,
            dual_feasibility_tolerance=TOLERANCE,
            presolve="off",
            simplex_strategy=1,
        )
        n = self.n_types
        pass_model(
            self.highs,
            np.append(np.zeros(n), 1.0),
            np.append(np.zeros(n), -INF),
            np.full(n + 1, INF),
            np.append(np.ones(n), 0.0)[None, :],
            [1.0],
            [1.0],
            None,
            highspy.ObjSense.kMinimize,
        )

    @property
    def open_types(self) -> np.ndarray:
        return np.isnan(self.fixed)

    def add(self, counts: np.ndarray) -> bool:
        """Add one panel (type counts); False if it is already there."""
        key = counts.tobytes()
        if key in self._known:
            return False
        self._known.add(key)
        (types,) = np.nonzero(counts)
        columns = np.append(types, self.n_types).astype(np.int32)
        values = np.append(counts[types] / self.sizes[types], -1.0)
        self.highs.addRow(-INF, 0.0, len(columns), columns, values)
        self.panels.append(counts)
        return True

    def prune(self, solution: MasterSolution) -> None:
        """Drop panels that the current solution neither uses nor is held back by, so the LP
        stays small in later stages; they can be found again if needed."""
        rows = np.array(self.panels) / self.sizes
        slack = solution.offset - rows @ solution.duals
        drop = np.flatnonzero((solution.weights <= 1e-12) & (slack > 1e-7))
        if len(drop) == 0:
            return
        self.highs.deleteRows(len(drop), (drop + 1).astype(np.int32))
        keep = np.setdiff1d(np.arange(len(self.panels)), drop)
        for i in drop:
            self._known.discard(self.panels[i].tobytes())
        self.panels = [self.panels[i] for i in keep]

    def fix(self, types: np.ndarray, value: float) -> None:
        """Keep these types at or above `value` from now on; z no longer bounds them."""
        for t in types:
            self.highs.changeCoeff(0, int(t), 0.0)
            self.highs.changeColCost(int(t), -value)
        self.fixed[types] = value

    def solve(self, interior: bool = False) -> MasterSolution:
        """Dual simplex for speed, or interior point without crossover for a strictly
        complementary solution (whose positive weights mark every type that cannot rise)."""
        self.highs.setOptionValue("solver", "ipm" if interior else "simplex")
        self.highs.setOptionValue("run_crossover", "off" if interior else "on")
        self.highs.run()
        solution = self.highs.getSolution()
        values = np.array(solution.col_value)
        duals = np.maximum(values[: self.n_types], 0.0)
        weights = np.abs(np.array(solution.row_dual[1:]))
        value = self.highs.getInfo().objective_function_value
        return MasterSolution(value, duals, values[self.n_types], weights)

    def price(self, duals: np.ndarray, counts: np.ndarray) -> float:
        """The dual value of a panel: the dual-weighted sum of its type probabilities."""
        return float(duals @ (counts / self.sizes))
