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

    def __init__(self, inst: Instance, scale: np.ndarray | None = None):
        """`scale` replaces the type sizes n_t in the type rows (see `leximin._decompose`)."""
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
        self.highs = self._new_model(solver="simplex")
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
        highs.run()
        row_dual = np.array(highs.getSolution().row_dual[self.first_type_row :])
        duals = np.abs(row_dual)
        return highs.getInfo().objective_function_value, duals

    def counts(self) -> np.ndarray:
        """The (fractional) type counts of the last simplex solution."""
        return np.array(self.highs.getSolution().col_value[: self.n_types])


def relaxed_leximin(inst: Instance, gap: float, threshold: float) -> tuple[np.ndarray, float]:
    """LEXIMIN type probabilities of the relaxation: stage by stage, each a compact LP, fixing
    the types with positive weight in the interior-point dual. Never below the real ones.
    Each level is fixed `gap` below its stage's value; also returns the first stage's value,
    an upper bound on the smallest probability of any distribution of real panels."""
    relaxation = StageRelaxation(inst)
    fixed = np.full(len(inst.sizes), np.nan)
    bound = None
    while np.isnan(fixed).any():
        value, _ = relaxation.solve()
        bound = value if bound is None else bound
        _, duals = relaxation.solve(interior=True)
        open_types = np.flatnonzero(np.isnan(fixed))
        tight = open_types[duals[open_types] > threshold]
        if len(tight) == 0:
            tight = open_types[[np.argmax(duals[open_types])]]
        fixed[tight] = max(value - gap, 0.0)
        relaxation.fix(tight, fixed[tight[0]])
    return fixed, float(bound)
