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
    return next((r for r in reserves if r not in swap.panel and swap.fits(dropout, r)), None)


def reserve_list(
    people: list[Person], quotas: list[Quota], panel: list[str], count: int, rng: random.Random
) -> list[str]:
    """An ordered list of `count` people off the panel, greedily covering every possible
    dropout first (ties broken by the seeded `rng`), so that a fitting reserve exists
    for as many dropouts as the pool allows."""
    if count <= 0:
        return []
    swap = _Swap(people, quotas, panel)
    outside = sorted(p.id for p in people if p.id not in swap.panel)
    rng.shuffle(outside)
    fits = {r: {d for d in swap.panel if swap.fits(d, r)} for r in outside}
    uncovered, chosen = set(swap.panel), []
    while len(chosen) < count and fits:
        best = max(fits, key=lambda r: (len(fits[r] & uncovered), len(fits[r])))
        chosen.append(best)
        uncovered -= fits.pop(best)
    return chosen


class _Swap:
    """Checks whether swapping one panel member for an outsider keeps the panel valid."""

    def __init__(self, people: list[Person], quotas: list[Quota], panel: list[str]):
        self.by_id = {p.id: p for p in people}
        self.panel = set(panel)
        self.bounds = {(q.category, q.value): (q.min, q.max) for q in quotas}
        self.categories = sorted({q.category for q in quotas})
        self.counts = Counter(
            (c, self.by_id[x].category_values[c]) for x in self.panel for c in self.categories
        )
        self.households = Counter(
            self.by_id[x].household for x in self.panel if self.by_id[x].household is not None
        )
        self._cache: dict[tuple, bool] = {}

    def fits(self, dropout: str, reserve: str) -> bool:
        leaving, joining = self.by_id[dropout], self.by_id[reserve]
        household = joining.household
        if household is not None:
            others = self.households[household] - (leaving.household == household)
            if others > 0:
                return False
        key = tuple(
            (leaving.category_values[c], joining.category_values[c]) for c in self.categories
        )
        if key not in self._cache:
            self._cache[key] = self._quotas_hold(leaving, joining)
        return self._cache[key]

    def _quotas_hold(self, leaving: Person, joining: Person) -> bool:
        for c in self.categories:
            old, new = leaving.category_values[c], joining.category_values[c]
            if old == new:
                continue
            if self.counts[(c, old)] - 1 < self.bounds[(c, old)][0]:
                return False
            if self.counts[(c, new)] + 1 > self.bounds[(c, new)][1]:
                return False
        return True
