"""Write a point of the panel polytope as a mix of real panels, by walking down its faces.

The point is the relaxation's LEXIMIN vector as expected type counts x. Any mix of panels
with mean x uses only panels on the smallest face that holds x: every constraint tight at x
is tight on each of them. So the walk finds one real panel v on that face and moves x away
from it, x' = x + beta (x - v), as far as the face allows. Then x = lam v + (1 - lam) x'
with lam = beta / (1 + beta), and x' lies on a smaller face: one more type count or quota is
tight. Carathéodory's theorem, made constructive: at most one step per type and quota, and
the weight left shrinks geometrically: some hundreds of panels carry all but 1e-10 of it
(a small panel from a large pool needs more: every type must appear on some panel).

Type counts stay between the floor and the ceiling of x (panels are roundings of x), which
keeps each step's face small and each panel search easy: the LP over the face often has an
integral vertex, a fractional one is rounded and repaired by a few seat moves, and only
when that fails does an integer programme search the face. The walk gets stuck when x'
lies outside the hull of real panels; the caller then goes on by column generation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import highspy
import numpy as np

from . import solver
from .instance import Instance
from .solver import new_highs, node_limit_reached, panel_rows, pass_model

ON_BOUND = 1e-9  # a count or row this close to a bound is on it
DONE = 1e-10  # weight left below this is dropped: no probability moves by more
REPAIR_MOVES = 60  # seat moves tried before the integer programme is asked
FEASIBLE = highspy.SolutionStatus.kSolutionStatusFeasible


@dataclass
class Walk:
    panels: list[np.ndarray] = field(default_factory=list)  # type counts
    weights: list[float] = field(default_factory=list)
    left: float = 1.0  # weight of the point not yet written as panels


def walk_faces(inst: Instance, point: np.ndarray) -> Walk:
    """Panels and weights whose mix is `point`, up to the weight `left` (0 when done)."""
    return _Walker(inst, point).run()


class _Walker:
    def __init__(self, inst: Instance, point: np.ndarray):
        matrix, self.lower, self.upper = panel_rows(inst)
        # Integer: NumPy multiplies it itself, while float products go to a multi-threaded
        # BLAS that is slow for such sizes on a busy machine (see swaps.py).
        self.matrix = matrix.astype(np.int64)
        self.floor = np.floor(point + ON_BOUND)
        self.ceil = np.ceil(point - ON_BOUND)
        self.fixed = self.ceil <= self.floor
        self.at_lower = np.zeros(len(self.lower), dtype=bool)
        self.at_upper = np.zeros(len(self.upper), dtype=bool)
        self.point = self._settle(point)
        self.last = None  # the last panel found: a start for the repair
        self.lp = _face_model(inst, self.matrix, self.lower, self.upper, integer=False)
        self.ip = _face_model(inst, self.matrix, self.lower, self.upper, integer=True)

    def run(self) -> Walk:
        walk = Walk()
        while walk.left > DONE:
            if self.fixed.all():  # the point is a panel itself
                walk.panels.append(np.rint(self.point).astype(int))
                walk.weights.append(walk.left)
                walk.left = 0.0
                break
            panel = self._panel_on_face()
            if panel is None:
                break  # stuck: no real panel on this face
            beta = self._step(panel)
            self.last = panel
            if beta > 0:
                walk.panels.append(panel.astype(int))
                walk.weights.append(walk.left * beta / (1 + beta))
                walk.left /= 1 + beta
        return walk

    def _face_bounds(self):
        """Column and row bounds of the face: tight counts and rows become equalities."""
        col_lower = np.where(self.fixed, self.point, self.floor)
        col_upper = np.where(self.fixed, self.point, self.ceil)
        row_lower = np.where(self.at_upper, self.upper, self.lower)
        row_upper = np.where(self.at_lower, self.lower, self.upper)
        return col_lower, col_upper, row_lower, row_upper

    def _panel_on_face(self) -> np.ndarray | None:
        """A real panel on the face, favouring types that x nearly rounds up (long steps)."""
        bounds = self._face_bounds()
        weights = self.point - self.floor
        vertex = _solve(self.lp, bounds, weights)
        if vertex is None:
            return None  # not even a fractional panel: numerical trouble, stop here
        # The rounded vertex is often a panel already; if not, repair it or the last panel.
        for start in (np.rint(vertex), self.last):
            repaired = None if start is None else _repair(self.matrix, start, bounds, weights)
            if repaired is not None:
                return repaired
        self.ip.clearSolver()  # the last panel is off this face: no use as a start
        found = _solve(self.ip, bounds, weights)
        return None if found is None else np.rint(found)

    def _step(self, panel: np.ndarray) -> float:
        """Move the point away from `panel` until a count or row hits its bound; returns beta."""
        direction = self.point - panel
        free = ~self.fixed
        with np.errstate(divide="ignore", invalid="ignore"):
            limits = np.where(
                free & (direction > 0),
                (self.ceil - self.point) / direction,
                np.where(free & (direction < 0), (self.floor - self.point) / direction, np.inf),
            )
            rows, change = _times(self.matrix, self.point), _times(self.matrix, direction)
            open_rows = ~(self.at_lower | self.at_upper)
            row_limits = np.where(
                open_rows & (change > 0),
                (self.upper - rows) / change,
                np.where(open_rows & (change < 0), (self.lower - rows) / change, np.inf),
            )
        beta = max(min(limits.min(), row_limits.min()), 0.0)
        hit, row_hit = limits <= beta * (1 + ON_BOUND), row_limits <= beta * (1 + ON_BOUND)
        self.fixed |= hit
        self.at_upper |= row_hit & (change > 0)
        self.at_lower |= row_hit & (change < 0)
        self.point = self._settle(self.point + beta * direction)
        return beta

    def _settle(self, point: np.ndarray) -> np.ndarray:
        """The point put exactly on its face, with every count and row that lies within
        ON_BOUND of a bound made tight (projecting can put more of them there)."""
        while True:
            point = self._project(point)
            free = ~self.fixed
            near = free & ((point - self.floor < ON_BOUND) | (self.ceil - point < ON_BOUND))
            rows = _times(self.matrix, point)
            low = ~self.at_lower & (np.abs(rows - self.lower) < ON_BOUND)
            high = ~self.at_upper & (np.abs(rows - self.upper) < ON_BOUND)
            if not (near.any() or low.any() or high.any()):
                return point
            self.fixed |= near
            self.at_lower |= low
            self.at_upper |= high

    def _project(self, point: np.ndarray) -> np.ndarray:
        """Fixed counts integral and tight rows at their bound, by the smallest change of the
        other counts: rounding errors would otherwise grow with every step."""
        point = np.where(self.fixed, np.rint(point), point)
        tight = self.at_lower | self.at_upper
        free = ~self.fixed
        if tight.any() and free.any():
            target = np.where(self.at_upper, self.upper, self.lower)[tight]
            residual = target - _times(self.matrix[tight], point)
            # Least-norm step by the normal equations: small (rows x rows) and cheap, unlike
            # lstsq on the wide matrix. The rows are dependent (each category's rows add up
            # to the panel size), hence the pseudo-inverse.
            wide = self.matrix[tight][:, free]
            inverse = np.linalg.pinv((wide @ wide.T).astype(float), rcond=1e-10, hermitian=True)
            point[free] += _times(wide.T, inverse @ residual)
        return point


def _face_model(inst: Instance, matrix, lower, upper, integer: bool) -> highspy.Highs:
    """The panel rows as an LP or integer programme whose bounds each search sets anew."""
    # Any panel on the face will do: the programme stops at the first one it finds (by its
    # root heuristics, near the LP optimum), several times faster than proving the best.
    first = {"mip_max_improving_sols": 1, "mip_max_nodes": solver.IP_NODE_LIMIT}
    highs = new_highs(**(first if integer else {}))
    n_types = len(inst.sizes)
    pass_model(
        highs,
        np.zeros(n_types),
        np.zeros(n_types),
        inst.sizes.astype(float),
        matrix,
        lower,
        upper,
        [True] * n_types if integer else None,
        highspy.ObjSense.kMaximize,
    )
    return highs


def _solve(highs: highspy.Highs, bounds, weights: np.ndarray) -> np.ndarray | None:
    """The best point of the face under `weights`, or None if the model finds none."""
    col_lower, col_upper, row_lower, row_upper = bounds
    n_cols, n_rows = len(col_lower), len(row_lower)
    highs.changeColsBounds(n_cols, np.arange(n_cols, dtype=np.int32), col_lower, col_upper)
    highs.changeRowsBounds(n_rows, np.arange(n_rows, dtype=np.int32), row_lower, row_upper)
    highs.changeColsCost(n_cols, np.arange(n_cols, dtype=np.int32), weights)
    highs.run()
    if highs.getInfo().primal_solution_status != FEASIBLE:
        if highs.getModelStatus() == highspy.HighsModelStatus.kSolutionLimit:
            raise node_limit_reached("searching a panel on a face")
        return None
    return np.array(highs.getSolution().col_value)


def _repair(matrix, counts, bounds, weights) -> np.ndarray | None:
    """From a rounded point to a real panel on the face by seat moves, each the one that
    most reduces the total excess over the row bounds; None if no move helps."""
    bounds = [np.rint(b).astype(np.int64) for b in bounds]  # integers: no BLAS, exact
    col_lower, col_upper, row_lower, row_upper = bounds
    counts = np.clip(counts, col_lower, col_upper).astype(np.int64)
    for _ in range(REPAIR_MOVES):
        rows = matrix @ counts
        if _excess(rows, row_lower, row_upper).sum() == 0:
            return counts
        move = _best_move(matrix, counts, bounds, weights, rows)
        if move is None:
            return None
        drop, add = move
        if drop is not None:
            counts[drop] -= 1
        if add is not None:
            counts[add] += 1
    return None


def _best_move(matrix, counts, bounds, weights, rows):
    """The (drop, add) pair of types, either of them None, whose seat move most reduces the
    excess; among equals the one that gains most weight. None if no move reduces it.

    Only the rows at or beyond a bound change the excess, and types that count in the same
    of those rows change it alike: the moves are compared between such classes (a few
    dozen), each represented by its best type, instead of between all pairs of types
    (millions on a large pool).
    """
    col_lower, col_upper, row_lower, row_upper = bounds
    excess = _excess(rows, row_lower, row_upper)
    gain = _excess(rows + 1, row_lower, row_upper) - excess  # per row, one seat more
    loss = _excess(rows - 1, row_lower, row_upper) - excess  # per row, one seat less
    active = np.flatnonzero(gain | loss)
    part, gain, loss = matrix[active], gain[active], loss[active]
    up, down = np.flatnonzero(counts < col_upper), np.flatnonzero(counts > col_lower)
    ins, best_up = _classes(part[:, up], weights[up], up, -1)
    outs, best_down = _classes(part[:, down], weights[down], down, 1)
    # A swap leaves the rows that both types count in as they are. The classes can still
    # number a thousand: the product goes to BLAS in floats, three times faster than
    # NumPy's own integer loop and exact (small integers, whatever the order of the sums).
    shared = np.rint((outs.T * (gain + loss)).astype(float) @ ins.astype(float)).astype(np.int64)
    change = (loss @ outs)[:, None] + (gain @ ins)[None, :] - shared
    change[-1, -1] = 0  # moving nothing helps nothing
    best = change.min()
    if best >= 0:
        return None
    value = np.array([_weight(weights, t) for t in best_up])[None, :]
    value = value - np.array([_weight(weights, t) for t in best_down])[:, None]
    i, j = np.unravel_index(np.argmax(np.where(change == best, value, -np.inf)), change.shape)
    return best_down[i], best_up[j]


def _classes(columns, weights, types, sign):
    """The distinct columns (each a class of types), with a column of "no type" last, and
    the best type of each class: the heaviest (sign -1) or the lightest (sign 1), the first
    in type order among equals; None for "no type"."""
    nothing = np.zeros((columns.shape[0], 1), dtype=np.int64)
    if len(types) == 0:
        return nothing, [None]
    if columns.shape[0] <= 62 and columns.min(initial=0) >= 0 and columns.max(initial=0) <= 1:
        # 0/1 columns of at most 62 rows: one integer each, and a fast one-dimensional sort.
        key = (1 << np.arange(columns.shape[0], dtype=np.int64)) @ columns
        _, label = np.unique(key, return_inverse=True)
    else:
        _, label = np.unique(columns, axis=1, return_inverse=True)
    label = label.reshape(-1)
    # Sort by class, then by weight (best first), then by type: the first of each class wins.
    order = np.lexsort((types, sign * weights, label))
    firsts = order[np.flatnonzero(np.diff(label[order], prepend=-1))]
    return np.hstack([columns[:, firsts], nothing]), [*(int(t) for t in types[firsts]), None]


def _weight(weights, t) -> float:
    return 0.0 if t is None else float(weights[t])


def _times(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """matrix @ vector for an integer matrix and a float vector, without BLAS."""
    return (matrix * vector).sum(axis=1)


def _excess(rows: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    return np.maximum(rows - upper, 0) + np.maximum(lower - rows, 0)
