"""`select_panel`: from pool and quotas to a drawn panel with its full, checkable record."""

from __future__ import annotations

import hashlib
import random
import time
from collections import Counter

import numpy as np

from .feasibility import relaxations_for
from .instance import Instance, build_instance
from .legacy import legacy_runs
from .leximin import leximin
from .model import InfeasibleQuotas, Person, Quota, Selection, UniformLottery
from .portfolio import individual_portfolio
from .reserves import reserve_list
from .rounding import draw_index, round_type_panels, rounding_loss

ALGORITHMS = ("leximin", "legacy")


def select_panel(
    people: list[Person],
    quotas: list[Quota],
    panel_size: int,
    seed: str,
    *,
    algorithm: str = "leximin",
    lottery_size: int = 1000,
    reserve_count: int = 0,
) -> Selection:
    """Draw a panel of `panel_size` meeting `quotas`; same inputs and seed, same result.

    "leximin" maximises the smallest selection probability, then the next, and so on;
    "legacy" is the greedy method, estimated over `lottery_size` runs, for comparison.
    Raises InfeasibleQuotas (with the smallest relaxation) when no panel meets the quotas,
    WorkLimitReached when a solver reaches its deterministic work limit, and ValueError on
    malformed input.
    """
    if algorithm not in ALGORITHMS:
        raise ValueError(f"algorithm must be one of {', '.join(ALGORITHMS)}, not {algorithm!r}")
    if lottery_size < 1:
        raise ValueError("lottery size must be at least 1")
    started = time.perf_counter()
    inst = build_instance(people, quotas, panel_size)
    relaxations = relaxations_for(inst)
    if relaxations:
        raise InfeasibleQuotas(relaxations)
    proof = {}
    if algorithm == "leximin":
        portfolio, probabilities, lottery, proof = _leximin(inst, lottery_size, seed)
    else:
        portfolio, probabilities, lottery = _legacy(inst, lottery_size, seed)
    panel = list(portfolio[lottery.slots[lottery.index - 1]][0])
    rng = random.Random(_seed_int(seed, "reserves"))
    reserves = reserve_list(inst.people, inst.quotas, panel, reserve_count, rng)
    return Selection(
        algorithm=algorithm,
        seed=seed,
        panel=panel,
        probabilities=probabilities,
        min_probability=min(probabilities.values()),
        portfolio=portfolio,
        uniform_lottery=lottery,
        reserves=reserves,
        seconds=time.perf_counter() - started,
        **proof,
    )


def _leximin(inst: Instance, lottery_size: int, seed: str):
    distribution = leximin(inst)
    slots = round_type_panels(distribution.panels, distribution.weights, inst.sizes, lottery_size)
    portfolio, positions = individual_portfolio(
        inst, distribution.panels, distribution.weights, slots
    )
    probabilities = _shares(inst, portfolio)
    loss = rounding_loss(portfolio, probabilities, positions, lottery_size)
    lottery = UniformLottery(lottery_size, loss, draw_index(seed, lottery_size), positions)
    proof = {
        "proven_optimal": distribution.proven_optimal,
        "upper_bound_min_probability": distribution.upper_bound,
    }
    return portfolio, probabilities, lottery, proof


def _legacy(inst: Instance, runs: int, seed: str):
    """The empirical distribution of `runs` greedy panels; the draw picks one run."""
    rng = np.random.default_rng(_seed_int(seed, "legacy"))
    panels = legacy_runs(inst, runs, rng)
    keys = [tuple(sorted(inst.people[i].id for i in panel)) for panel in panels]
    distinct = sorted(set(keys))
    position = {key: i for i, key in enumerate(distinct)}
    frequency = Counter(keys)
    portfolio = [(key, frequency[key] / runs) for key in distinct]
    index = draw_index(seed, runs)
    lottery = UniformLottery(runs, 0.0, index, [position[key] for key in keys])
    return portfolio, _shares(inst, portfolio), lottery


def _shares(inst: Instance, portfolio) -> dict[str, float]:
    """Each person's probability: their share of the portfolio (zero if on no panel)."""
    shares = {p.id: 0.0 for p in inst.people}
    for ids, probability in portfolio:
        for person in ids:
            shares[person] += probability
    return shares


def _seed_int(seed: str, purpose: str) -> int:
    return int(hashlib.sha256(f"{seed}|{purpose}".encode()).hexdigest(), 16) % 2**63
