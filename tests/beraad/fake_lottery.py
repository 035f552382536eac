"""A stand-in for beraad.lottery with the agreed API, used only while the engine is absent.

Greedy and quota-respecting, seeded: enough to test the beraad app's plumbing.
"""

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    id: str
    features: dict[str, str] = field(hash=False)
    household: str | None = None


@dataclass(frozen=True)
class Quota:
    category: str
    value: str
    min: int
    max: int


@dataclass(frozen=True)
class Relaxation:
    category: str
    value: str
    bound: str
    current: int
    needed: int


class InfeasibleQuotas(Exception):
    def __init__(self, relaxations):
        self.relaxations = relaxations
        super().__init__("infeasible")


@dataclass
class Selection:
    algorithm: str
    seed: str
    panel: list
    probabilities: dict
    min_probability: float
    portfolio: list
    uniform_lottery: dict
    reserves: list
    seconds: float

    def to_json(self):
        return {
            "algorithm": self.algorithm,
            "seed": self.seed,
            "panel": self.panel,
            "probabilities": self.probabilities,
            "min_probability": self.min_probability,
            "portfolio": [{"panel": self.panel, "probability": 1.0}],
            "uniform_lottery": self.uniform_lottery,
            "reserves": self.reserves,
            "seconds": self.seconds,
        }


def _count(people, quota):
    return sum(p.features.get(quota.category) == quota.value for p in people)


def check_feasibility(people, quotas, panel_size):
    relaxations = []
    for quota in quotas:
        available = _count(people, quota)
        if available < quota.min:
            relaxations.append(Relaxation(quota.category, quota.value, "min", quota.min, available))
    return relaxations


def _fits(chosen, quotas, final):
    for quota in quotas:
        n = _count(chosen, quota)
        if n > quota.max or (final and n < quota.min):
            return False
    return True


def select_panel(
    people, quotas, panel_size, seed, *, algorithm="leximin", lottery_size=1000, reserve_count=0
):
    if relaxations := check_feasibility(people, quotas, panel_size):
        raise InfeasibleQuotas(relaxations)
    order = sorted(people, key=lambda p: p.id)
    random.Random(str(seed)).shuffle(order)
    chosen = []
    for quota in quotas:
        for person in order:
            if _count(chosen, quota) >= quota.min:
                break
            matches = person.features.get(quota.category) == quota.value
            if matches and person not in chosen and _fits([*chosen, person], quotas, final=False):
                chosen.append(person)
    for person in order:
        if len(chosen) >= panel_size:
            break
        if person not in chosen and _fits([*chosen, person], quotas, final=False):
            chosen.append(person)
    ids = [p.id for p in chosen]
    reserves = [p.id for p in order if p.id not in ids][:reserve_count]
    probabilities = {p.id: panel_size / len(people) for p in people}
    return Selection(
        algorithm,
        str(seed),
        ids,
        probabilities,
        min(probabilities.values()),
        [],
        {"M": lottery_size, "loss": 0.0},
        reserves,
        0.0,
    )


def replacement_for(people, quotas, panel, dropout, reserves):
    by_id = {p.id: p for p in people}
    remaining = [by_id[i] for i in panel if i != dropout]
    for reserve in reserves:
        if _fits([*remaining, by_id[reserve]], quotas, final=True):
            return reserve
    return None
