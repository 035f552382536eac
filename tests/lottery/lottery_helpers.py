"""Test helpers: small pools and an independent brute-force LEXIMIN over all panels."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import highspy
import numpy as np

from beraad.lottery import Person, Quota

EPS = 1e-9  # slack on constraints
RISE = 1e-6  # a person who cannot rise by this much is fixed


def small_pool(seed: int, n: int = 9, categories: int = 2, households: int = 0) -> list[Person]:
    """`n` people with two values per category; the first `households` pairs share a home."""
    rng = random.Random(seed)
    people = []
    for i in range(n):
        values = {f"c{c}": rng.choice("aab" if c % 2 else "abc") for c in range(categories)}
        household = f"h{i // 2}" if i < 2 * households else None
        people.append(Person(f"p{i}", values, household))
    return people


def loose_quotas(people: list[Person], panel_size: int) -> list[Quota]:
    """At least one seat and at most all but one for every value present in the pool."""
    quotas = []
    for category in sorted(people[0].category_values):
        for value in sorted({p.category_values[category] for p in people}):
            quotas.append(Quota(category, value, 1, panel_size - 1))
    return quotas


def meets_quotas(people: list[Person], quotas: list[Quota], panel) -> bool:
    """Quotas and the household rule hold for `panel` (ids)."""
    by_id = {p.id: p for p in people}
    counts = Counter((c, value) for x in panel for c, value in by_id[x].category_values.items())
    homes = [by_id[x].household for x in panel if by_id[x].household is not None]
    quota_ok = all(q.min <= counts[(q.category, q.value)] <= q.max for q in quotas)
    return quota_ok and len(homes) == len(set(homes))


def brute_force_leximin(people, quotas, panel_size) -> dict[str, float]:
    """LEXIMIN by enumerating every valid panel and successive LPs, without duals: a person
    is fixed when no distribution keeping the stage optimum lifts them above it."""
    ids = [p.id for p in people]
    panels = [s for s in itertools.combinations(ids, panel_size) if meets_quotas(people, quotas, s)]
    if not panels:
        return {}
    matrix = np.array([[x in s for s in panels] for x in ids], dtype=float)
    # Someone on no valid panel has probability 0 in every distribution.
    fixed: dict[int, float] = {i: 0.0 for i in range(len(ids)) if not matrix[i].any()}
    while len(fixed) < len(ids):
        open_people = [i for i in range(len(ids)) if i not in fixed]
        z = _maximise(matrix, fixed, open_people, None)
        highest = {i: _maximise(matrix, fixed, open_people, (i, z)) for i in open_people}
        lowest = min(highest.values())
        for i in open_people:
            if highest[i] <= max(z, lowest) + RISE:
                fixed[i] = z
    return {ids[i]: v for i, v in fixed.items()}


def _maximise(matrix, fixed, open_people, target) -> float:
    """max z (or, with target (i, z0), max p_i with all open people >= z0) over distributions."""
    n_people, n_panels = matrix.shape
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    lam = [h.addVariable(0, 1) for _ in range(n_panels)]
    z = h.addVariable(0, 1)
    h.addConstr(sum(lam) == 1)
    prob = [sum(lam[j] for j in np.flatnonzero(matrix[i])) for i in range(n_people)]
    for i, v in fixed.items():
        if matrix[i].any():
            h.addConstr(prob[i] >= v - EPS)
    for i in open_people:
        bound = z if target is None else target[1] - EPS
        h.addConstr(prob[i] >= bound)
    h.maximize(z if target is None else prob[target[0]])
    return h.getInfo().objective_function_value


def tight_quotas(people: list[Person], panel_size: int, seed: int) -> list[Quota]:
    """Random, often binding quotas: non-uniform LEXIMIN optima, sometimes infeasible."""
    rng = random.Random(seed)
    quotas = []
    for category in sorted(people[0].category_values):
        for value in sorted({p.category_values[category] for p in people}):
            low = rng.choice([0, 1, 1, 2])
            quotas.append(Quota(category, value, low, rng.randint(low, panel_size)))
    return quotas
