"""Round a portfolio to a uniform lottery over M slots, and draw one slot from the seed.

Following Flanigan et al., "Fair sortition made transparent" (NeurIPS 2021): each panel
gets floor(M p) or ceil(M p) slots, so the public draw is one number from 1 to M. The extra
slots go, one at a time, to the panel whose members are furthest below their probability
(a greedy step on the sum of squared deviations), which keeps every person's change small.
"""

from __future__ import annotations

import hashlib

import numpy as np

from .model import UniformLottery


def uniform_lottery(
    portfolio: list[tuple[tuple[str, ...], float]],
    probabilities: dict[str, float],
    size: int,
    seed: str,
) -> UniformLottery:
    """The rounded lottery with its fairness loss and the slot drawn from `seed`."""
    slots_per_panel = round_portfolio(portfolio, probabilities, size)
    index = draw_index(seed, size)
    slots = [i for i, count in enumerate(slots_per_panel) for _ in range(count)]
    loss = rounding_loss(portfolio, probabilities, slots_per_panel, size)
    return UniformLottery(size=size, loss=loss, index=index, slots=slots)


def round_portfolio(portfolio, probabilities, size: int) -> np.ndarray:
    """Slots per panel, summing to `size`."""
    members, deficit = _members_and_deficit(portfolio, probabilities)
    weights = np.array([p for _, p in portfolio])
    slots = np.floor(weights * size + 1e-9).astype(int)
    ceiling = np.maximum(np.ceil(weights * size - 1e-9).astype(int), slots)
    deficit -= _coverage(members, slots, len(deficit)) / size
    for _ in range(size - int(slots.sum())):
        open_panels = np.flatnonzero(slots < ceiling)
        if len(open_panels) == 0:
            open_panels = np.arange(len(slots))
        scores = deficit[members[open_panels]].sum(axis=1)
        best = open_panels[int(np.argmax(scores))]
        slots[best] += 1
        deficit[members[best]] -= 1.0 / size
    return slots


def rounding_loss(portfolio, probabilities, slots: np.ndarray, size: int) -> float:
    """The largest absolute change of any person's probability caused by the rounding."""
    members, deficit = _members_and_deficit(portfolio, probabilities)
    deficit -= _coverage(members, slots, len(deficit)) / size
    return float(np.abs(deficit).max())


def draw_index(seed: str, size: int) -> int:
    """The drawn slot, 1 .. size, from a hash of the seed: anyone can recompute it."""
    digest = hashlib.sha256(f"{seed}|draw".encode()).hexdigest()
    return int(digest, 16) % size + 1


def _members_and_deficit(portfolio, probabilities):
    index = {person: i for i, person in enumerate(sorted(probabilities))}
    members = np.array([[index[x] for x in ids] for ids, _ in portfolio], dtype=int)
    deficit = np.array([probabilities[x] for x in sorted(probabilities)], dtype=float)
    return members, deficit


def _coverage(members: np.ndarray, slots: np.ndarray, n_people: int) -> np.ndarray:
    coverage = np.zeros(n_people)
    np.add.at(coverage, members, np.repeat(slots[:, None], members.shape[1], axis=1))
    return coverage
