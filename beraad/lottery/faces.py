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
integral vertex, a fractional one is rounded and repaired by a few seat moves or an
exchange, then a depth-first search picks the seats (`cover.py`), and only when that runs
out of nodes does an integer programme search the face. The walk gets stuck when x'
lies outside the hull of real panels; the caller then goes on by column generation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import highspy
import numpy as np

from . import solver
from .cover import SeatSearch
from .instance import Instance
from .solver import new_highs, node_limit_reached, panel_rows, pass_model

ON_BOUND = 1e-9  # a count or row this close to a bound is on it
DONE = 1e-10  # weight left below this is dropped: no probability moves by more
DRIFT = 1e-12  # tight rows that rounding moved by less are left as they are
REPAIR_MOVES = 60  # seat moves tried before the integer programme is asked
GROUP_DROPS = 64  # seat moves compare classes of types only with more seats to drop
EXCHANGE_DROPS = 40  # an exchange drops seats from at most this many of the lightest types
EXCHANGE_ADDS = 1500  # and adds seats to at most this many of the heaviest
CANDIDATES = 8  # the first LP of a step holds this many of the heaviest types per seat
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
        self.moves = _Moves(self.matrix)
        self.floats = self.moves.floats
        # The quota rows of each category (row 0 is the panel size).
        categories: dict[str, list[int]] = {}
        for row, quota in enumerate(inst.quotas, start=1):
            categories.setdefault(quota.category, []).append(row)
        self.categories = [np.array(rows) for rows in categories.values()]
        self.floor = np.floor(point + ON_BOUND)
        self.ceil = np.ceil(point - ON_BOUND)
        self.fixed = self.ceil <= self.floor
        self.at_lower = np.zeros(len(self.lower), dtype=bool)
        self.at_upper = np.zeros(len(self.upper), dtype=bool)
        self.point = self._settle(point)
        self.last = None  # the last panel found: a start for the repair
        self.panel_size = inst.panel_size
        # Thousands of panels over thousands of types: small integers keep them small.
        self.dtype = np.int16 if inst.panel_size < 2**15 else np.int64

    def run(self) -> Walk:
        walk = Walk()
        while walk.left > DONE:
            if self.fixed.all():  # the point is a panel itself
                walk.panels.append(np.rint(self.point).astype(self.dtype))
                walk.weights.append(walk.left)
                walk.left = 0.0
                break
            panel = self._panel_on_face()
            if panel is None:
                break  # stuck: no real panel on this face
            beta = self._step(panel)
            self.last = panel
            if beta > 0:
                walk.panels.append(panel.astype(self.dtype))
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
        free = np.flatnonzero(~self.fixed)
        stuck = None  # where the seat moves last got stuck: the start for an exchange
        guide = weights
        # The last panel is usually a seat move or two away from the new face.
        if self.last is not None:
            stuck, on_face = self.moves.repair(self.last, bounds, weights)
            if on_face:
                return stuck
        # An LP over the heaviest types first (the others stay at their floor), then over
        # every free type; when there are few free types, over all of them at once.
        heavy = free[np.lexsort((free, -weights[free]))[: CANDIDATES * self.panel_size]]
        first = np.sort(heavy) if len(free) > 2 * len(heavy) else free
        for columns in (first, free):
            vertex = self._search(bounds, weights, columns, integer=False)
            # The rounded vertex is often a panel already; if not, repair it.
            if vertex is not None:
                # The vertex's values first (in millionths: rounding noise is no order),
                # then the weights (below 1) among equals.
                guide = np.rint((vertex - self.floor) * 1e6) + weights
                stuck, on_face = self.moves.repair(np.rint(vertex), bounds, weights)
                if on_face:
                    return stuck
            if len(columns) == len(free):
                break
        # An exchange of up to two seats each way from the best start (exchanges from
        # the earlier ones seldom fit where it does not, and they cost as much).
        if stuck is not None:
            exchanged = self.moves.exchange(stuck, bounds, weights)
            if exchanged is not None:
                return exchanged
        # A depth-first search over which free types take their extra seat, in the order
        # of the last LP vertex; the integer programme only when it runs out of nodes.
        seats = SeatSearch(self.matrix[:, free], self.categories)
        panel = self._seats(seats, bounds, free, guide)
        if panel is not None or not seats.exhausted:
            return panel  # a panel, or searched through: none on this face
        found = self._search(bounds, weights, free, integer=True)
        return None if found is None else np.rint(found)

    def _seats(self, seats: SeatSearch, bounds, free, guide) -> np.ndarray | None:
        """The panel `seats` finds: the floor of the point plus one seat for the chosen free
        types."""
        base = np.rint(np.where(self.fixed, self.point, self.floor)).astype(np.int64)
        taken = self.matrix @ base
        row_lower, row_upper = _integral(bounds)[2:]
        extra = seats.find(row_lower - taken, row_upper - taken, guide[free])
        if extra is None:
            return None
        base[free] += extra
        return base.astype(float)

    def _search(self, bounds, weights, free, integer: bool) -> np.ndarray | None:
        """The best point of the face under `weights` (with `integer`, the first integral
        one found) that changes only the counts `free`, the others at their lower bound;
        None if there is none. The programme is small: late in the walk few types are
        free, and the best panels use only the heaviest types."""
        col_lower, col_upper, row_lower, row_upper = bounds
        rest = np.ones(len(weights), dtype=bool)
        rest[free] = False
        base = np.where(self.fixed, self.point, col_lower)
        taken = self.floats[:, rest] @ base[rest]  # integers: exact
        found = _solve(
            _face_model(self.floats[:, free], row_lower - taken, row_upper - taken, integer),
            (col_lower[free], col_upper[free]),
            weights[free],
        )
        if found is None:
            return None
        point = base.copy()
        point[free] = found
        return point

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
            rows, change = self.floats @ self.point, self.floats @ direction
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
            rows = self.floats @ point
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
            residual = target - self.floats[tight] @ point
            if np.abs(residual).max() <= DRIFT:
                return point  # the step kept the rows (up to rounding): nothing to undo
            # Least-norm step by the normal equations: small (rows x rows) and cheap, unlike
            # lstsq on the wide matrix. The rows are dependent (each category's rows add up
            # to the panel size), hence the pseudo-inverse.
            wide = self.floats[tight][:, free]
            inverse = np.linalg.pinv(wide @ wide.T, rcond=1e-10, hermitian=True)
            point[free] += wide.T @ (inverse @ residual)
        return point


def _face_model(matrix, row_lower, row_upper, integer: bool) -> highspy.Highs:
    """The panel rows over the free counts as an LP or integer programme."""
    # Any panel on the face will do: the programme stops at the first one it finds (by its
    # root heuristics, near the LP optimum), several times faster than proving the best.
    first = {"mip_max_improving_sols": 1, "mip_max_nodes": solver.IP_NODE_LIMIT}
    # A face LP has a few dozen rows: presolving it costs more than it saves.
    highs = new_highs(**(first if integer else {"presolve": "off"}))
    n_cols = matrix.shape[1]
    pass_model(
        highs,
        np.zeros(n_cols),
        np.zeros(n_cols),
        np.ones(n_cols),
        matrix,
        row_lower,
        row_upper,
        [True] * n_cols if integer else None,
        highspy.ObjSense.kMaximize,
    )
    return highs


def _solve(highs: highspy.Highs, columns, weights: np.ndarray) -> np.ndarray | None:
    """The best point under `weights` within the column bounds, or None if there is none."""
    col_lower, col_upper = columns
    index = np.arange(len(col_lower), dtype=np.int32)
    highs.changeColsBounds(len(index), index, col_lower, col_upper)
    highs.changeColsCost(len(index), index, weights)
    highs.run()
    if highs.getInfo().primal_solution_status != FEASIBLE:
        if highs.getModelStatus() == highspy.HighsModelStatus.kSolutionLimit:
            raise node_limit_reached("searching a panel on a face")
        return None
    return np.array(highs.getSolution().col_value)


class _Moves:
    """Seat moves that repair a rounded point into a real panel on the face.

    Each move is the (drop, add) pair of types, either of them None, that most reduces the
    total excess over the row bounds; among equals the one that gains most weight. Only the
    rows at or beyond a bound change the excess, and types that count in the same of those
    rows change it alike: the moves are compared between such classes (a few dozen to a
    thousand), each represented by its best type, instead of between all pairs of types
    (millions on a large pool). A small panel has few seats to drop, so there the pairs
    are few and the types are compared as they are.
    """

    def __init__(self, matrix: np.ndarray):
        self.matrix = matrix  # integers, rows x types
        self.floats = np.ascontiguousarray(matrix, dtype=float)
        # One row per type, in single precision: the moves compare sums of a few dozen
        # small integers, exact in it, and gather and multiply twice as fast.
        self.by_type = np.ascontiguousarray(matrix.T, dtype=np.float32)
        self.keys = None
        if matrix.shape[0] <= 62 and matrix.min(initial=0) >= 0 and matrix.max(initial=0) <= 1:
            # 0/1 columns of at most 62 rows: one integer per type, once; a class of types
            # over some rows is then the key masked to those rows.
            self.keys = (1 << np.arange(matrix.shape[0], dtype=np.int64)) @ matrix

    def repair(self, counts, bounds, weights) -> tuple[np.ndarray, bool]:
        """From a rounded point towards a real panel on the face, by single seat moves: the
        counts where the moves ended, and whether they are a panel on the face."""
        bounds = _integral(bounds)
        col_lower, col_upper, row_lower, row_upper = bounds
        counts = np.clip(counts, col_lower, col_upper).astype(np.int64)
        # The types that can move, by weight, best first, then by type: the first of a
        # class is its best.
        movable = np.flatnonzero(col_lower < col_upper)
        heaviest = movable[np.lexsort((movable, -weights[movable]))]
        lightest = movable[np.lexsort((movable, weights[movable]))]
        for _ in range(REPAIR_MOVES):
            rows = np.rint(self.floats @ counts).astype(np.int64)  # small integers: exact
            if _excess(rows, row_lower, row_upper).sum() == 0:
                return counts, True
            ups = heaviest[counts[heaviest] < col_upper[heaviest]]
            downs = lightest[counts[lightest] > col_lower[lightest]]
            move = self._best_move(rows, bounds, weights, ups, downs)
            if move is None:
                break
            drop, add = move
            if drop >= 0:
                counts[drop] -= 1
            if add >= 0:
                counts[add] += 1
        return counts, False

    def exchange(self, counts, bounds, weights) -> np.ndarray | None:
        """The panel on the face that `counts` becomes by dropping at most two seats and
        adding at most two, gaining the most weight; None if there is none.

        Where single moves get stuck (each breaks some tight row), such an exchange
        often fits. The tight rows must come out exactly at their bound. In base 3, a set
        of at most two types has one number over those rows (no digit exceeds 2, so no
        carries): the added pair must sum to the number the rows lack, a two-sum found by
        sorting.
        """
        col_lower, col_upper, row_lower, row_upper = _integral(bounds)
        counts = np.asarray(counts, dtype=np.int64)
        tight = row_lower == row_upper
        if self.keys is None or tight.sum() > 39:  # 3**39 still fits in 64 bits
            return None
        rows = self.matrix @ counts
        digits = 3 ** np.arange(tight.sum(), dtype=np.int64)
        drops = _first_by(np.flatnonzero(counts > col_lower), weights, EXCHANGE_DROPS)
        adds = _first_by(np.flatnonzero(counts < col_upper), -weights, EXCHANGE_ADDS)
        # Every drop of at most two, as pairs over the drops plus "none" (the last slot).
        first, second = np.triu_indices(len(drops) + 1)
        twice = (first == second) & (first < len(drops))
        room = counts[drops] - col_lower[drops] >= 2
        keep = ~twice | np.append(room, False)[first]
        first, second = first[keep], second[keep]
        dropped = np.hstack([self.matrix[:, drops], np.zeros((len(rows), 1), np.int64)])
        after = rows[:, None] - dropped[:, first] - dropped[:, second]
        lack = row_lower[tight, None] - after[tight]
        fits = np.flatnonzero(np.all((lack >= 0) & (lack <= 2), axis=0))
        if len(fits) == 0:
            return None
        wanted = digits @ lack[:, fits]
        # The adds, plus "none" (key 0), sorted by key and then heaviest first.
        added = np.hstack([self.matrix[:, adds], np.zeros((len(rows), 1), np.int64)])
        keys = digits @ added[tight]
        gain = np.append(weights[adds], 0.0)
        order = np.lexsort((np.arange(len(keys)), -gain, keys))
        sorted_keys = keys[order]
        # For each fitting drop and each add u, the heaviest add w with key(u) + key(w) =
        # wanted: the first of its run in the sorted keys.
        rest = wanted[:, None] - keys[None, :]
        at = np.minimum(np.searchsorted(sorted_keys, rest), len(keys) - 1)
        hit = sorted_keys[at] == rest
        drop_at, u = np.nonzero(hit)
        w = order[at[drop_at, u]]
        # The same type twice needs room for two more seats.
        room = np.append(col_upper[adds] - counts[adds] >= 2, True)
        ok = (u != w) | room[u]
        drop_at, u, w = drop_at[ok], u[ok], w[ok]
        if len(u) == 0:
            return None
        loose = ~tight
        d = fits[drop_at]
        new_rows = after[loose][:, d] + added[loose][:, u] + added[loose][:, w]
        low, high = row_lower[loose, None], row_upper[loose, None]
        valid = np.all((new_rows >= low) & (new_rows <= high), axis=0)
        if not valid.any():
            return None
        lost = np.append(weights[drops], 0.0)
        value = gain[u] + gain[w] - lost[first[d]] - lost[second[d]]
        best = np.flatnonzero(valid)[np.argmax(value[valid])]
        panel = counts.copy()
        for slot in (first[d[best]], second[d[best]]):
            if slot < len(drops):
                panel[drops[slot]] -= 1
        for slot in (u[best], w[best]):
            if slot < len(adds):
                panel[adds[slot]] += 1
        return panel

    def _best_move(self, rows, bounds, weights, ups, downs):
        _, _, row_lower, row_upper = bounds
        excess = _excess(rows, row_lower, row_upper)
        gain = _excess(rows + 1, row_lower, row_upper) - excess  # per row, one seat more
        loss = _excess(rows - 1, row_lower, row_upper) - excess  # per row, one seat less
        active = np.flatnonzero(gain | loss)
        gain, loss = gain[active], loss[active]
        # With few seats to drop the product is small, and finding the classes would
        # cost more than it saves (a small panel: each type its own class).
        grouped = len(downs) > GROUP_DROPS
        ins, best_up = self._classes(active, ups, grouped)
        outs, best_down = self._classes(active, downs, grouped)
        # change[d, a] = loss of d + gain of a - what the rows both count in give back (a
        # swap leaves them as they are), as one product of small integers: exact in
        # single precision whatever the order of the sums.
        gain, loss = gain.astype(np.float32), loss.astype(np.float32)
        no_drop = np.ones((len(best_down), 1), np.float32)
        dropping = np.hstack([outs.T * -(gain + loss), (loss @ outs)[:, None], no_drop])
        adding = np.vstack([ins, np.ones((1, len(best_up)), np.float32), (gain @ ins)[None, :]])
        change = dropping @ adding
        change[-1, -1] = 0  # moving nothing helps nothing
        lowest = change.min(axis=1)
        best = lowest.min()
        if best >= 0:
            return None
        # Among the best moves, the one that gains most weight (the first such pair).
        downs_at = np.flatnonzero(lowest == best)
        at, up = np.nonzero(change[downs_at] == best)
        down = downs_at[at]
        value = _weight(weights, best_up[up]) - _weight(weights, best_down[down])
        pick = int(np.argmax(value))
        return best_down[down[pick]], best_up[up[pick]]

    def _classes(self, active: np.ndarray, ordered: np.ndarray, grouped: bool):
        """The classes of the `ordered` types over the `active` rows, as columns (in the
        order of their columns), with a column of "no type" last; and the first type of
        each class in `ordered` (-1 for "no type"). Without `grouped`, each type is a
        class of its own, in the order given."""
        if len(ordered) == 0:
            return np.zeros((len(active), 1), dtype=np.float32), np.array([-1])
        if not grouped:
            first = np.arange(len(ordered))
        elif self.keys is not None:
            mask = np.int64(np.sum(np.left_shift(1, active, dtype=np.int64)))
            _, first = np.unique(self.keys[ordered] & mask, return_index=True)
        else:
            columns = self.matrix[np.ix_(active, ordered)]
            _, first = np.unique(columns, axis=1, return_index=True)
        best = ordered[first]
        columns = np.zeros((len(active), len(best) + 1), np.float32)
        columns[:, :-1] = self.by_type[best][:, active].T
        return columns, np.append(best, -1)


def _integral(bounds) -> list[np.ndarray]:
    """Column and row bounds as integers: the moves compare them exactly."""
    return [np.rint(b).astype(np.int64) for b in bounds]


def _first_by(types: np.ndarray, key: np.ndarray, limit: int) -> np.ndarray:
    """The `limit` types of lowest `key` (then lowest type), in type order."""
    if len(types) <= limit:
        return types
    return np.sort(types[np.lexsort((types, key[types]))[:limit]])


def _weight(weights, types) -> np.ndarray:
    """The weight of each type, 0 for "no type" (-1)."""
    return np.where(types >= 0, weights[types], 0.0)


def _excess(rows: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    return np.maximum(rows - upper, 0) + np.maximum(lower - rows, 0)
