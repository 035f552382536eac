"""Cheap pricing: improve known panels by swapping one seat at a time.

An integer programme per column is the expensive part of column generation. Hill-climbing
from the best known panels, one quota-keeping swap at a time, finds most improving panels
at a fraction of the cost; the programme is only asked when the swaps find nothing.
"""

from __future__ import annotations

import numpy as np

from .instance import Instance

MAX_SWAPS = 25


class SwapSearch:
    """Hill-climbing over panels (type counts) under the quotas."""

    def __init__(self, inst: Instance):
        # Integer matrices: NumPy multiplies them itself, while float products go to a
        # multi-threaded BLAS that is slow for such small sizes on a busy machine.
        self.matrix = inst.quota_matrix.astype(np.int64)  # quotas x types
        categories = sorted({q.category for q in inst.quotas})
        rows = [[i for i, q in enumerate(inst.quotas) if q.category == c] for c in categories]
        # The quota row of each type's value, per category: types x categories.
        self.value_rows = np.array(
            [[r[int(np.argmax(self.matrix[r, t]))] for r in rows] for t in range(len(inst.sizes))]
        ).reshape(len(inst.sizes), -1)
        self.lower = np.array([q.min for q in inst.quotas])
        self.upper = np.array([q.max for q in inst.quotas])
        self.sizes = inst.sizes
        # Household members are left to the integer programme: a swap would have to check
        # their housemates too.
        self.addable = np.ones(len(inst.sizes), dtype=bool)
        for group in inst.households:
            self.addable[group] = False

    def climb(self, counts: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Apply the best improving swap until none is left."""
        counts = counts.copy()
        for _ in range(MAX_SWAPS):
            swap = self._best_swap(counts, weights)
            if swap is None:
                break
            counts[swap[0]] -= 1
            counts[swap[1]] += 1
        return counts

    def _best_swap(self, counts: np.ndarray, weights: np.ndarray) -> tuple[int, int] | None:
        """A swap changes only the categories where the two types differ, by one seat each:
        it fits when the leaving value may lose a seat and the joining value gain one."""
        seats = self.matrix @ counts
        may_lose = seats - 1 >= self.lower
        may_gain = seats + 1 <= self.upper
        leaving = np.flatnonzero(counts)
        fits = ((counts < self.sizes) & self.addable)[None, :].repeat(len(leaving), axis=0)
        for rows in self.value_rows.T:
            out, into = rows[leaving], rows
            fits &= (out[:, None] == into[None, :]) | (
                may_lose[out][:, None] & may_gain[into][None, :]
            )
        gain = np.where(fits, weights[None, :] - weights[leaving][:, None], -np.inf)
        best = np.unravel_index(np.argmax(gain), gain.shape)
        if gain[best] <= 1e-12:
            return None
        return int(leaving[best[0]]), int(best[1])
