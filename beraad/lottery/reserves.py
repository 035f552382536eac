"""Reserves: who steps in when a panel member drops out, without breaking a quota."""

from __future__ import annotations

import random
from collections import Counter

from .model import Person, Quota


def replacement_for(
    people: list[Person], quotas: list[Quota], panel: list[str], dropout: str, reserves: list[str]
) -> str | None:
    """The first reserve who keeps every quota (and household rule) in place of `dropout`."""
    swap = _Swap(people, quotas, panel)
    return next((r for r in reserves if r not in swap.bit and swap.fits(dropout, r)), None)


def reserve_list(
    people: list[Person], quotas: list[Quota], panel: list[str], count: int, rng: random.Random
) -> list[str]:
    """An ordered list of `count` people off the panel, greedily covering every possible
    dropout first (ties broken by the seeded `rng`), so that a fitting reserve exists
    for as many dropouts as the pool allows."""
    if count <= 0:
        return []
    swap = _Swap(people, quotas, panel)
    outside = sorted(p.id for p in people if p.id not in swap.bit)
    rng.shuffle(outside)
    # Each reserve's dropouts as bits of one integer: 10,000 people and 200 seats take
    # a few megabytes, where sets of panel ids took hundreds.
    fits = {r: swap.replaceable(r) for r in outside}
    uncovered, chosen = (1 << len(swap.bit)) - 1, []
    while len(chosen) < count and fits:
        best = max(fits, key=lambda r: ((fits[r] & uncovered).bit_count(), fits[r].bit_count()))
        chosen.append(best)
        uncovered &= ~fits.pop(best)
    return chosen


class _Swap:
    """Which panel members an outsider can replace while every quota and the household rule
    still hold, as a bit mask over the panel (one bit per member)."""

    def __init__(self, people: list[Person], quotas: list[Quota], panel: list[str]):
        self.by_id = {p.id: p for p in people}
        self.bit = {x: 1 << i for i, x in enumerate(panel)}
        bounds = {(q.category, q.value): (q.min, q.max) for q in quotas}
        self.categories = sorted({q.category for q in quotas})
        counts = Counter(
            (c, self.by_id[x].category_values[c]) for x in panel for c in self.categories
        )
        # Per category: the members holding each value, those who may leave (their value
        # stays at or above its minimum) and the values that may take one more seat.
        self.holding: dict[str, dict[str, int]] = {c: {} for c in self.categories}
        self.may_leave = dict.fromkeys(self.categories, 0)
        self.households: dict[str, int] = {}
        for x, bit in self.bit.items():
            person = self.by_id[x]
            for c in self.categories:
                value = person.category_values[c]
                self.holding[c][value] = self.holding[c].get(value, 0) | bit
                if counts[(c, value)] - 1 >= bounds[(c, value)][0]:
                    self.may_leave[c] |= bit
            if person.household is not None:
                self.households[person.household] = self.households.get(person.household, 0) | bit
        self.may_join = {key for key, (_, top) in bounds.items() if counts[key] + 1 <= top}

    def replaceable(self, reserve: str) -> int:
        """The panel members `reserve` can replace, as bits."""
        joining = self.by_id[reserve]
        mask = (1 << len(self.bit)) - 1
        if joining.household is not None:
            # Only the household's one member on the panel, if it has one, may make room.
            same = self.households.get(joining.household, 0)
            if same:
                mask = same if same.bit_count() == 1 else 0
        for c in self.categories:
            value = joining.category_values[c]
            allowed = self.holding[c].get(value, 0)
            if (c, value) in self.may_join:
                allowed |= self.may_leave[c]
            mask &= allowed
        return mask

    def fits(self, dropout: str, reserve: str) -> bool:
        return bool(self.replaceable(reserve) & self.bit[dropout])
