"""The LP relaxation of a LEXIMIN stage: type counts may be fractional.

Its optimum bounds the stage from above, and its dual is a good first stability centre
for pricing: near it, the panel programme returns the panels the optimum needs.
"""

from __future__ import annotations

import highspy
import numpy as np

from .instance import Instance
from .solver import INF, Sparse, new_highs, panel_rows, pass_model


class StageRelaxation:
    """max z  s.t.  c meets the quotas (fractionally), c_t / n_t >= z or >= fixed v_t."""

    def __init__(self, inst: Instance, scale: np.ndarray | None = None, crossover: bool = False):
        """`scale` replaces the type sizes n_t in the type rows (see `leximin._decompose`).
        With `crossover`, the first solve is by interior point and crossover (five times
        faster than the simplex from scratch on 10,000 respondents), which leaves a basis
        for the simplex stages after it; its vertex differs, so the face walk does not
        start from it."""
        scale = inst.sizes if scale is None else scale
        self.n_types = n = len(inst.sizes)
        matrix, lower, upper = panel_rows(inst)
        self.first_type_row = len(lower)
        # Columns: counts c_t, then z; rows: panel rows, then c_t / n_t - z >= 0.
        rows, cols = np.nonzero(matrix)
        types = np.arange(n)
        full = Sparse(
            np.concatenate([rows, len(lower) + types, len(lower) + types]),
            np.concatenate([cols, types, np.full(n, n)]),
            np.concatenate([matrix[rows, cols], 1.0 / scale, -np.ones(n)]),
            (len(lower) + n, n + 1),
        )
        self.model = (
            np.append(np.zeros(n), 1.0),
            np.zeros(n + 1),
            np.append(inst.sizes.astype(float), 1.0),
            full,
            np.concatenate([lower, np.zeros(n)]),
            np.concatenate([upper, np.full(n, INF)]),
            None,
            highspy.ObjSense.kMaximize,
        )
        self.fixed: list[tuple[np.ndarray, float]] = []
        # Simplex and interior point each in a model of its own: an interior-point solve
        # leaves no basis, and the simplex re-solves each stage warm from its last one.
        self.highs = self._new_model(solver="ipm" if crossover else "simplex")
        self.interior = None

    def _new_model(self, **options) -> highspy.Highs:
        # Tight tolerances: the face walk needs a point that meets every fixed level exactly.
        highs = new_highs(
            presolve="off",
            primal_feasibility_tolerance=1e-9,
            dual_feasibility_tolerance=1e-9,
            **options,
        )
        pass_model(highs, *self.model)
        for types, value in self.fixed:
            self._fix_in(highs, types, value)
        return highs

    def fix(self, types: np.ndarray, value: float) -> None:
        self.fixed.append((types, value))
        for highs in (self.highs, self.interior):
            if highs is not None:
                self._fix_in(highs, types, value)

    def _fix_in(self, highs: highspy.Highs, types: np.ndarray, value: float) -> None:
        for t in types:
            row = self.first_type_row + int(t)
            highs.changeCoeff(row, self.n_types, 0.0)
            highs.changeRowBounds(row, value, INF)

    def solve(self, interior: bool = False) -> tuple[float, np.ndarray]:
        """The stage's upper bound and the type weights of its dual: with `interior`, a
        strictly complementary one (interior point, no crossover)."""
        if interior and self.interior is None:
            self.interior = self._new_model(solver="ipm", run_crossover="off")
        highs = self.interior if interior else self.highs
        _run(highs)
        if not interior:
            highs.setOptionValue("solver", "simplex")  # warm from here on
        row_dual = np.array(highs.getSolution().row_dual[self.first_type_row :])
        duals = np.abs(row_dual)
        return highs.getInfo().objective_function_value, duals

    def counts(self) -> np.ndarray:
        """The (fractional) type counts of the last simplex solution."""
        return np.array(self.highs.getSolution().col_value[: self.n_types])


def _run(highs: highspy.Highs) -> None:
    """Solve, and refuse anything but an optimum: a stage fixed from a failed solve would
    fix types at a wrong level, and the proof of optimality would rest on it."""
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        highs.clearSolver()  # once more from scratch, by the dual simplex
        highs.setOptionValue("solver", "simplex")
        highs.run()
    status = highs.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        reason = highs.modelStatusToString(status)
        raise RuntimeError(f"the LP relaxation was not solved ({reason})")


def relaxed_leximin(inst: Instance, gap: float, threshold: float) -> tuple[np.ndarray, float]:
    """LEXIMIN type probabilities of the relaxation: stage by stage, each a compact LP. Never
    below the real ones. Each level is fixed `gap` below its stage's value; also returns the
    first stage's value, an upper bound on the smallest probability of any distribution of
    real panels.

    A stage fixes the types with positive weight in an optimal dual: they cannot rise
    (complementary slackness). The simplex's dual is a vertex and may name only some of
    them; the next stage then stays at the same value, and only there an interior-point
    dual (strictly complementary, ten times dearer) names all of them.
    """
    relaxation = StageRelaxation(inst, crossover=True)
    fixed = np.full(len(inst.sizes), np.nan)
    bound, previous = None, -np.inf
    while np.isnan(fixed).any():
        value, duals = relaxation.solve()
        bound = value if bound is None else bound
        if value <= previous + gap:
            _, duals = relaxation.solve(interior=True)
        previous = value
        open_types = np.flatnonzero(np.isnan(fixed))
        tight = open_types[duals[open_types] > threshold]
        if len(tight) == 0:
            tight = open_types[[np.argmax(duals[open_types])]]
        fixed[tight] = max(value - gap, 0.0)
        relaxation.fix(tight, fixed[tight[0]])
    return fixed, float(bound)
