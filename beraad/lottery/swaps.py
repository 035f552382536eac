"""Cheap pricing: improve known panels by swapping one seat at a time.

An integer programme per column is the expensive part of column generation. Hill-climbing
from the best known panels, one quota-keeping swap at a time, finds most improving panels
at a fraction of the cost; the programme is only asked when the swaps find nothing.
"""

from __future__ import annotations

import numpy as np

from .instance import Instance

MAX_SWAPS = 400


class SwapSearch:
    """Hill-climbing over panels (type counts) under the quotas."""

    def __init__(self, inst: Instance):
        self.matrix = inst.quota_matrix  # quotas x types
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
        leaving = np.flatnonzero(counts)
        seats = self.matrix @ counts - self.matrix[:, leaving].T  # per leaving type
        need = (seats < self.lower).astype(float)  # the newcomer must have these values
        forbid = (seats + 1 > self.upper).astype(float)  # and must not have these
        fits = (need @ self.matrix == need.sum(axis=1)[:, None]) & (forbid @ self.matrix == 0)
        fits &= (counts < self.sizes) & self.addable
        gain = np.where(fits, weights[None, :] - weights[leaving][:, None], -np.inf)
        best = np.unravel_index(np.argmax(gain), gain.shape)
        if gain[best] <= 1e-12:
            return None
        return int(leaving[best[0]]), int(best[1])
