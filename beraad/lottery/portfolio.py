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
    inst: Instance, panels: list[np.ndarray], weights: np.ndarray, slots: np.ndarray
) -> tuple[list[tuple[tuple[str, ...], float]], list[int]]:
    """Panels of person ids with probabilities (every member of a type gets the same share),
    and the portfolio position of each lottery slot.

    Type panel i with `slots[i]` slots is laid on the timelines as that many equal parts, so
    each slot is one stretch of the rotation: it takes the people at the middle of its part.
    """
    units, lengths, slotted = _units(panels, weights, slots)
    starts, totals = _group_timelines(units, lengths, len(inst.sizes))
    people = _People(inst)
    merged: dict[tuple[str, ...], float] = {}
    slot_keys = []
    for index, (counts, length) in enumerate(zip(units, lengths, strict=True)):
        pieces = _pieces(inst, people, counts, length, starts[index], totals)
        for key, piece in pieces:
            merged[key] = merged.get(key, 0.0) + piece
        if slotted[index]:
            slot_keys.append(_piece_at(pieces, length / 2))
    portfolio = sorted(merged.items())
    position = {key: i for i, key in enumerate(key for key, _ in portfolio)}
    return portfolio, [position[key] for key in slot_keys]


class _People:
    """Every type's members in one array (type t's from offset[t]), and each person's rank
    in the order of ids, so that a panel's ids come out sorted by sorting integers."""

    def __init__(self, inst: Instance):
        self.members = np.array([i for group in inst.type_members for i in group], dtype=np.int64)
        self.offset = np.concatenate([[0], np.cumsum(inst.sizes)[:-1]]).astype(np.int64)
        ids = [person.id for person in inst.people]
        order = sorted(range(len(ids)), key=ids.__getitem__)
        self.sorted_ids = np.array([ids[i] for i in order], dtype=object)
        self.rank = np.empty(len(ids), dtype=np.int64)
        self.rank[order] = np.arange(len(ids))


def _units(panels, weights, slots):
    """Type panel i as slots[i] equal parts, or as one part without a slot when it has none."""
    units, lengths, slotted = [], [], []
    for counts, weight, count in zip(panels, weights, slots, strict=True):
        parts = max(int(count), 1)
        units += [counts] * parts
        lengths += [weight / parts] * parts
        slotted += [count > 0] * parts
    return units, lengths, slotted


def _pieces(inst: Instance, people: _People, counts, length: float, start: dict, totals):
    """The panels of people that one part passes through, with their lengths."""
    cuts = np.array(_cuts(inst, counts, length, start, totals))
    ranks = _members_at(inst, people, counts, start, totals, (cuts[:-1] + cuts[1:]) / 2)
    ranks.sort(axis=0)
    keys = [tuple(people.sorted_ids[column]) for column in ranks.T.tolist()]
    return list(zip(keys, (cuts[1:] - cuts[:-1]).tolist(), strict=True))


def _piece_at(pieces, local: float) -> tuple[str, ...]:
    """The piece that covers local time `local` (the last one if rounding overshoots)."""
    for key, length in pieces:
        if local < length:
            return key
        local -= length
    return pieces[-1][0]


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


def _members_at(inst: Instance, people: _People, counts, start: dict, totals, local):
    """The ranks of the people on the part at each local time in `local`: one row per
    seat, one column per time. A type of n members with c seats gives its seats to members
    (m n + i g) // c, m = 0 .. c - 1, in interval i of its timeline (g = gcd(n, c))."""
    types = np.array(list(start), dtype=np.int64)
    n = inst.sizes[types].astype(np.int64)
    c = counts[types].astype(np.int64)
    g = np.gcd(n, c)
    begin = np.array(list(start.values()))
    total = np.array([totals[(int(t), int(k))] for t, k in zip(types, c, strict=True)])
    # One row per seat: its type's position in `types` and its number m among the c seats.
    row = np.repeat(np.arange(len(types)), c)
    m = np.arange(len(row)) - np.repeat(np.cumsum(c) - c, c)
    n, c, g = n[row, None], c[row, None], g[row, None]
    s = (begin[row, None] + local[None, :]) / total[row, None]
    interval = np.minimum((s * n / g).astype(np.int64), n // g - 1)
    index = (m[:, None] * n + interval * g) // c
    return people.rank[people.members[people.offset[types][row, None] + index]]
