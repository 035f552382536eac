"""LEXIMIN over types by column generation (Flanigan et al., Nature 2021), with HiGHS.

Each stage maximises the smallest probability among the types not yet fixed, then fixes
every type whose probability cannot rise further, until all types are fixed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .instance import Instance
from .master import Master, MasterSolution
from .relaxation import StageRelaxation
from .solver import PanelSearch

GAP = 1e-9  # a stage is solved when the upper bound is this close to the LP value
FIX_THRESHOLD = 1e-6  # a dual weight above this marks a type that cannot rise
SMOOTHING = 0.9  # share of the stability centre in the pricing point, at first
INTERIOR_GAP = 1e-7  # the interior-point dual is accurate to about this much


@dataclass
class TypeDistribution:
    panels: list[np.ndarray]  # type counts of each panel with positive probability
    weights: np.ndarray  # their probabilities
    probabilities: np.ndarray  # selection probability of one person of each type


def leximin(inst: Instance) -> TypeDistribution:
    """The LEXIMIN distribution over panels of type counts."""
    search = PanelSearch(inst)
    master = Master(inst.sizes)
    relaxation = StageRelaxation(inst)
    for counts in _seed_panels(inst, search):
        master.add(counts)
    solution = master.solve()
    while master.open_types.any():
        solution = _solve_stage(master, search, relaxation, solution)
        solution = _fix_stage(master, search, relaxation, solution)
        if master.open_types.any():
            solution = master.solve()
    # The last stage's solution meets every fixed bound; with all types fixed the LP has
    # no objective left, so it is not solved again.
    return _distribution(master, solution, inst.sizes)


def _seed_panels(inst: Instance, search: PanelSearch) -> list[np.ndarray]:
    """Cheap panels that together cover every type that fits on some panel.

    Each panel favours types not yet covered, so a handful of programmes suffices and the
    first LP already has a positive value, instead of one programme per person.
    """
    covered = np.zeros(len(inst.sizes), dtype=bool)
    panels: list[np.ndarray] = []
    while not covered.all():
        weights = np.where(covered, 0.0, 1.0) + 1e-3 / inst.sizes
        found, _ = search.best(weights)
        if not found or not (found[0] > 0)[~covered].any():
            break  # the remaining types fit on no panel
        panels.append(found[0])
        covered |= found[0] > 0
    return panels


def _solve_stage(
    master: Master, search: PanelSearch, relaxation: StageRelaxation, solution: MasterSolution
) -> MasterSolution:
    """Column generation until the LP value provably equals the stage optimum.

    Pricing happens between the LP dual and a stability centre (in-out smoothing), starting
    from the dual of the LP relaxation, whose value is also the first upper bound.
    """
    best_bound, centre = relaxation.solve()
    smoothing = SMOOTHING
    while best_bound - solution.value > GAP:
        point = smoothing * centre + (1 - smoothing) * solution.duals
        panels, bound = search.best(point / master.sizes)
        bound -= float(point @ np.nan_to_num(master.fixed))
        if bound < best_bound:
            best_bound, centre = bound, point
        if _add_improving(master, panels, solution):
            solution = master.solve()
        elif smoothing == 0:
            break  # no panel improves the LP: it is optimal up to the solver's gap
        else:
            smoothing = smoothing / 2 if smoothing > 0.1 else 0.0  # mispricing: trust the LP
    return solution


def _add_improving(
    master: Master, panels: list[np.ndarray], solution: MasterSolution, tolerance: float = GAP
) -> int:
    added = 0
    for counts in panels:
        if master.price(solution.duals, counts) > solution.offset + tolerance:
            added += master.add(counts)
    return added


def _fix_stage(
    master: Master, search: PanelSearch, relaxation: StageRelaxation, solution: MasterSolution
) -> MasterSolution:
    """Fix the types with positive weight in a strictly complementary optimal dual;
    returns the stage's final (vertex) solution."""
    while True:
        interior = master.solve(interior=True)
        panels, _ = search.best(interior.duals / master.sizes)
        if not _add_improving(master, panels, interior, INTERIOR_GAP):
            break
        solution = _solve_stage(master, search, relaxation, master.solve())
    open_types = np.flatnonzero(master.open_types)
    tight = open_types[interior.duals[open_types] > FIX_THRESHOLD]
    if len(tight) == 0:
        tight = open_types[[np.argmax(interior.duals[open_types])]]
    value = max(solution.value - GAP, 0.0)
    master.fix(tight, value)
    relaxation.fix(tight, value)
    return solution


def _distribution(master: Master, solution: MasterSolution, sizes: np.ndarray) -> TypeDistribution:
    keep = solution.weights > 1e-12
    weights = solution.weights[keep] / solution.weights[keep].sum()
    panels = [p for p, k in zip(master.panels, keep) if k]
    probabilities = sum(w * p for w, p in zip(weights, panels)) / sizes
    return TypeDistribution(panels, weights, probabilities)
