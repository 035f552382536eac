"""Stage 1: the stratified invitation lottery. Plain Python, no Django.

Every candidate belongs to a stratum (one value per category). Invitations are shared out
over the strata in proportion to their size times an oversampling factor (largest
remainders), every stratum gets at least one when there are enough invitations, and
within a stratum the lottery picks at random. At most one person per household is invited.
The same candidates, count, factors and seed always give the same invitees.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Candidate:
    id: str
    category_values: dict[str, str] = field(hash=False)
    household: str | None = None

    @property
    def stratum(self) -> str:
        return stratum_of(self.category_values)


@dataclass(frozen=True)
class Draw:
    invited: list[str]
    allocation: dict[str, int]


def stratum_of(values: dict[str, str]) -> str:
    return "|".join(f"{key}={values[key]}" for key in sorted(values))


def stratum_factor(values: dict[str, str], factors: dict[tuple[str, str], float]) -> float:
    """The product of the oversampling factors of a stratum's values (1 when none is set)."""
    return math.prod(factors.get((key, value), 1.0) for key, value in values.items())


def draw_invitations(
    candidates: list[Candidate],
    count: int,
    seed: str,
    factors: dict[tuple[str, str], float] | None = None,
) -> Draw:
    """Draw `count` invitees (fewer only when the households run out)."""
    rng = random.Random(seed)
    strata: dict[str, list[Candidate]] = {}
    for candidate in sorted(candidates, key=lambda c: c.id):
        strata.setdefault(candidate.stratum, []).append(candidate)
    for members in strata.values():
        rng.shuffle(members)
    allocation = allocate(strata, count, factors or {}, rng)
    households: set[str] = set()
    invited: list[str] = []
    for name in sorted(strata):
        invited += _take(strata[name], allocation[name], households)
    taken = set(invited)
    leftovers = [c for name in sorted(strata) for c in strata[name] if c.id not in taken]
    rng.shuffle(leftovers)
    invited += _take(leftovers, count - len(invited), households)
    return Draw(invited=invited, allocation=allocation)


def allocate(
    strata: dict[str, list[Candidate]],
    count: int,
    factors: dict[tuple[str, str], float],
    rng: random.Random,
) -> dict[str, int]:
    """Invitations per stratum: proportional to size × factor, largest remainders first."""
    names = sorted(strata)
    count = min(count, sum(len(strata[n]) for n in names))
    weights = {
        n: len(strata[n]) * stratum_factor(strata[n][0].category_values, factors) for n in names
    }
    total = sum(weights.values()) or 1
    exact = {n: count * weights[n] / total for n in names}
    floor_one = count >= len(names)
    shares = {n: min(len(strata[n]), max(math.floor(exact[n]), int(floor_one))) for n in names}
    tiebreak = {n: rng.random() for n in names}
    while sum(shares.values()) > count:
        largest = max(names, key=lambda n: (shares[n] - exact[n], tiebreak[n]))
        shares[largest] -= 1
    while sum(shares.values()) < count:
        open_ = [n for n in names if shares[n] < len(strata[n])]
        best = max(open_, key=lambda n: (exact[n] - shares[n], tiebreak[n]))
        shares[best] += 1
    return shares


def _take(pool: list[Candidate], wanted: int, households: set[str]) -> list[str]:
    chosen = []
    for candidate in pool:
        if len(chosen) >= wanted:
            break
        if candidate.household and candidate.household in households:
            continue
        if candidate.household:
            households.add(candidate.household)
        chosen.append(candidate.id)
    return chosen
