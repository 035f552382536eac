"""Turn a distribution over type panels into one over panels of people, with exact shares.

Within a type, every member must get the same probability. For each type and each seat
count c, the panels that take c members of the type are laid end to end on a unit timeline;
at time s the type's seats go to members floor((m + s) * n / c) for m = 0 .. c - 1
(McNaughton's wrap-around rule), which gives each member exactly c / n of that time.
A panel is split where any of its types changes members, so the portfolio stays small:
about one extra panel per person and seat count.
"""

from __future__ import annotations

from itertools import pairwise
from math import floor, gcd

import numpy as np

from .instance import Instance

MIN_PIECE = 1e-13  # pieces shorter than this are rounding noise


def individual_portfolio(
    inst: Instance, panels: list[np.ndarray], weights: np.ndarray
) -> list[tuple[tuple[str, ...], float]]:
    """Panels of person ids with probabilities; every member of a type gets the same share."""
    starts, totals = _group_timelines(panels, weights, len(inst.sizes))
    merged: dict[tuple[str, ...], float] = {}
    for index, (counts, weight) in enumerate(zip(panels, weights, strict=True)):
        cuts = _cuts(inst, counts, weight, starts[index], totals)
        for left, right in pairwise(cuts):
            middle = (left + right) / 2
            people = _members_at(inst, counts, starts[index], totals, middle)
            key = tuple(sorted(inst.people[i].id for i in people))
            merged[key] = merged.get(key, 0.0) + (right - left)
    return sorted(merged.items())


def _group_timelines(panels, weights, n_types):
    """Where each panel starts on its type's timeline for its count, and each timeline's length."""
    totals: dict[tuple[int, int], float] = {}
    starts = []
    for counts, weight in zip(panels, weights, strict=True):
        start = {}
        for t in np.flatnonzero(counts):
            key = (int(t), int(counts[t]))
            start[int(t)] = totals.get(key, 0.0)
            totals[key] = start[int(t)] + weight
        starts.append(start)
    return starts, totals


def _cuts(inst: Instance, counts, weight: float, start: dict, totals) -> list[float]:
    """Local times in [0, weight] at which some type of this panel changes members."""
    points = {0.0, weight}
    for t, begin in start.items():
        n, c = int(inst.sizes[t]), int(counts[t])
        if c == n:
            continue
        total = totals[(t, c)]
        step = gcd(n, c) / n
        first = floor(begin / total / step) + 1
        last = (begin + weight) / total
        i = first
        while i * step < last:
            points.add((i * step * total) - begin)
            i += 1
    ordered = sorted(points)
    return [ordered[0]] + [b for a, b in pairwise(ordered) if b - a > MIN_PIECE]


def _members_at(inst: Instance, counts, start: dict, totals, local: float) -> list[int]:
    chosen: list[int] = []
    for t, begin in start.items():
        members = inst.type_members[t]
        n, c = len(members), int(counts[t])
        if c == n:
            chosen.extend(members)
            continue
        g = gcd(n, c)
        s = (begin + local) / totals[(t, c)]
        interval = min(int(s * n / g), n // g - 1)
        chosen.extend(members[(m * n + interval * g) // c] for m in range(c))
    return chosen
