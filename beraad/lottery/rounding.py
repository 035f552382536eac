"""Round the LEXIMIN distribution to a uniform lottery over M slots; draw one slot from the seed.

Following Flanigan et al., "Fair sortition made transparent" (NeurIPS 2021), the public draw
is one number from 1 to M. The rounding happens over type panels, which are far fewer than
panels of people: each type panel gets floor(M p) or ceil(M p) slots, and the extra slots go,
one at a time, to the panel that most reduces the squared deviation of the types'
probabilities. People are then assigned to the seats of the slots by the same rotation that
splits the exact distribution (`portfolio`), so each person's share moves by little more
than their type's.
"""

from __future__ import annotations

import hashlib

import numpy as np


def round_type_panels(
    panels: list[np.ndarray], weights: np.ndarray, sizes: np.ndarray, size: int
) -> np.ndarray:
    """Slots per type panel (floor or ceil of size * weight), summing to `size`.

    A slot of panel i gives type t the share counts[i, t] / sizes[t] / size. The panels stay
    small integers: thousands of panels over thousands of types would take hundreds of
    megabytes as floats."""
    by_type = np.stack(panels, axis=1)  # a type's counts on every panel, in one row
    scale = 1.0 / (sizes * size)  # one slot's share per seat, per type
    slots = np.floor(weights * size + 1e-9).astype(int)
    ceiling = np.maximum(np.ceil(weights * size - 1e-9).astype(int), slots)
    deficit = weighted_sum(weights * size - slots, panels) * scale
    gains = 2 * weighted_sum(deficit * scale, by_type) - weighted_sum(scale**2, by_type, power=2)
    for _ in range(size - int(slots.sum())):
        open_panels = slots < ceiling if (slots < ceiling).any() else np.ones(len(slots), bool)
        best = int(np.argmax(np.where(open_panels, gains, -np.inf)))
        slots[best] += 1
        (types,) = np.nonzero(by_type[:, best])
        share = by_type[types, best] * scale[types]
        gains -= 2 * weighted_sum(share * scale[types], by_type[types])
    return slots


CHUNK = 256  # panels converted to floats at a time


def weighted_sum(weights: np.ndarray, panels, power: int = 1) -> np.ndarray:
    """sum_i weights[i] * panels[i] ** power, a few rows at a time (integer panels in floats
    would take hundreds of megabytes on a large pool)."""
    total = np.zeros(len(panels[0]))
    for i in range(0, len(panels), CHUNK):
        total += weights[i : i + CHUNK] @ np.asarray(panels[i : i + CHUNK], dtype=float) ** power
    return total


def rounding_loss(portfolio, probabilities: dict[str, float], slots: list[int], size: int) -> float:
    """The largest absolute change of any person's probability caused by the rounding."""
    drawn = dict.fromkeys(probabilities, 0.0)
    for position in slots:
        for person in portfolio[position][0]:
            drawn[person] += 1.0 / size
    return max(abs(drawn[x] - p) for x, p in probabilities.items())


def draw_index(seed: str, size: int) -> int:
    """The drawn slot, 1 .. size, from a hash of the seed: anyone can recompute it."""
    digest = hashlib.sha256(f"{seed}|draw".encode()).hexdigest()
    return int(digest, 16) % size + 1
