"""LEXIMIN over types (Flanigan et al., Nature 2021), with HiGHS.

Usually the LEXIMIN vector of the LP relaxation is reached with real panels by the face
walk (`faces.py`), which proves it optimal. Otherwise column generation, stage by stage:
each stage maximises the smallest probability among the types not yet fixed, then fixes
every type whose probability cannot rise further, until all types are fixed.

When the panels found reach the bound of the LP relaxation (fractional type counts), the
relaxation's dual is optimal for the real problem too: any type with positive weight in it
is at the stage optimum in every optimal distribution. The relaxation is a compact LP, so
its interior-point dual is cheap, unlike the master's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .faces import walk_faces
from .instance import Instance
from .master import Master, MasterSolution
from .relaxation import StageRelaxation, relaxed_leximin
from .rounding import weighted_sum
from .solver import PanelSearch
from .swaps import SwapSearch

GAP = 1e-9  # a stage is solved when the upper bound is this close to the LP value
FIX_THRESHOLD = 1e-6  # a dual weight above this marks a type that cannot rise
CLIMB_STARTS = 32  # panels to hill-climb from before an integer programme is asked
SMOOTHING = 0.9  # share of the stability centre in the pricing point, at first
INTERIOR_GAP = 1e-7  # the interior-point dual is accurate to about this much


@dataclass
class TypeDistribution:
    panels: list[np.ndarray]  # type counts of each panel with positive probability
    weights: np.ndarray  # their probabilities
    probabilities: np.ndarray  # selection probability of one person of each type
    # The relaxation's optimum of the smallest probability: no distribution does better.
    upper_bound: float = 1.0
    # The relaxation's LEXIMIN vector is reached, which proves the distribution optimal.
    proven_optimal: bool = False


@dataclass
class _Tools:
    search: PanelSearch  # exact pricing
    swaps: SwapSearch  # cheap pricing
    relaxation: StageRelaxation  # upper bound and first stability centre


def leximin(inst: Instance) -> TypeDistribution:
    """The LEXIMIN distribution over panels of type counts."""
    targets, bound = relaxed_leximin(inst, GAP, FIX_THRESHOLD)
    distribution = _decompose(inst, targets)
    if distribution is None:
        distribution = _stagewise(inst)
    distribution.upper_bound = bound
    distribution.proven_optimal = bool(np.all(distribution.probabilities >= targets - GAP))
    return distribution


def _decompose(inst: Instance, targets: np.ndarray) -> TypeDistribution | None:
    """Reach the relaxation's LEXIMIN vector with real panels.

    It bounds the real LEXIMIN vector from above, so reaching it proves optimality. The face
    walk usually writes it as a mix of panels outright; if the walk gets stuck, column
    generation goes on from its panels. Returns None when the panels fall short (the
    relaxation is not tight).
    """
    scale, unreachable = _scaled(inst, targets)
    relaxation = StageRelaxation(inst, scale)
    if len(unreachable):
        relaxation.fix(unreachable, 0.0)
    relaxation.solve()
    walk = walk_faces(inst, relaxation.counts())
    if walk.panels:
        distribution = _mixture(walk.panels, np.array(walk.weights), inst.sizes)
        if np.all(distribution.probabilities >= targets - GAP):
            return distribution
    tools = _Tools(PanelSearch(inst), SwapSearch(inst), relaxation)
    return _generate_towards(inst, targets, tools, walk.panels)


def _scaled(inst: Instance, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Type sizes scaled to n_t * target_t, and the types that no panel can reach.

    With these sizes, "every scaled probability >= z" with z = 1 is exactly "every type
    reaches its target": one maximin stage instead of one per level.
    """
    reachable = targets > 0
    return np.where(reachable, inst.sizes * targets, 1.0), np.flatnonzero(~reachable)


def _generate_towards(inst: Instance, targets, tools: _Tools, panels) -> TypeDistribution | None:
    """Column generation towards the targets, from the given panels."""
    scale, unreachable = _scaled(inst, targets)
    master = Master(scale)
    if len(unreachable):
        master.fix(unreachable, 0.0)
    # The walk's panels usually cover every type already, which saves the seeding programmes.
    covered = np.isin(np.arange(len(scale)), unreachable)
    for counts in panels:
        covered |= counts > 0
    for counts in panels + _seed_panels(inst, tools.search, covered):
        master.add(counts)
    solution = _solve_stage(master, tools, master.solve())
    if solution.value < 1 - GAP:
        return None
    return _distribution(master, solution, inst.sizes)


def _stagewise(inst: Instance) -> TypeDistribution:
    """LEXIMIN stage by stage over real panels (when the relaxation is not tight)."""
    tools = _Tools(PanelSearch(inst), SwapSearch(inst), StageRelaxation(inst))
    master = Master(inst.sizes)
    for counts in _seed_panels(inst, tools.search):
        master.add(counts)
    solution = master.solve()
    while master.open_types.any():
        solution = _solve_stage(master, tools, solution)
        solution = _fix_stage(master, tools, solution)
        if master.open_types.any():
            master.prune(master.solve())
            solution = master.solve()
    # The last stage's solution meets every fixed bound; with all types fixed the LP has
    # no objective left, so it is not solved again.
    return _distribution(master, solution, inst.sizes)


def _seed_panels(
    inst: Instance, search: PanelSearch, covered: np.ndarray | None = None
) -> list[np.ndarray]:
    """Cheap panels that together cover every type that fits on some panel (and is not
    `covered` already).

    Each panel favours types not yet covered, so a handful of programmes suffices and the
    first LP already has a positive value, instead of one programme per person.
    """
    covered = np.zeros(len(inst.sizes), dtype=bool) if covered is None else covered.copy()
    panels: list[np.ndarray] = []
    while not covered.all():
        weights = np.where(covered, 0.0, 1.0) + 1e-3 / inst.sizes
        found, _ = search.best(weights)
        if not found or not (found[0] > 0)[~covered].any():
            break  # the remaining types fit on no panel
        panels.append(found[0])
        covered |= found[0] > 0
    return panels


def _solve_stage(master: Master, tools: _Tools, solution: MasterSolution) -> MasterSolution:
    """Column generation until the LP value provably equals the stage optimum.

    Pricing happens between the LP dual and a stability centre (in-out smoothing), starting
    from the dual of the LP relaxation, whose value is also the first upper bound.
    """
    best_bound, centre = tools.relaxation.solve()
    smoothing = SMOOTHING
    while best_bound - solution.value > GAP:
        if _add_improving(master, _climbed(master, tools.swaps, solution), solution):
            solution = master.solve()
            continue
        point = smoothing * centre + (1 - smoothing) * solution.duals
        panels, bound = tools.search.best(point / master.sizes)
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


def _climbed(master: Master, swaps: SwapSearch, solution: MasterSolution) -> list[np.ndarray]:
    """Hill-climb from the panels the LP uses, under the LP's dual weights."""
    weights = solution.duals / master.sizes
    used = np.argsort(-solution.weights)[:CLIMB_STARTS]
    return [swaps.climb(master.panels[i], weights) for i in used if solution.weights[i] > 0]


def _add_improving(
    master: Master, panels: list[np.ndarray], solution: MasterSolution, tolerance: float = GAP
) -> int:
    added = 0
    for counts in panels:
        if master.price(solution.duals, counts) > solution.offset + tolerance:
            added += master.add(counts)
    return added


def _fix_stage(master: Master, tools: _Tools, solution: MasterSolution) -> MasterSolution:
    """Fix the types with positive weight in a strictly complementary optimal dual;
    returns the stage's final (vertex) solution."""
    bound, duals = tools.relaxation.solve(interior=True)
    if bound - solution.value > GAP:
        # The relaxation is not tight here, so its dual says nothing about the panels.
        solution, duals = _master_interior_duals(master, tools, solution)
    open_types = np.flatnonzero(master.open_types)
    tight = open_types[duals[open_types] > FIX_THRESHOLD]
    if len(tight) == 0:
        tight = open_types[[np.argmax(duals[open_types])]]
    value = max(solution.value - GAP, 0.0)
    master.fix(tight, value)
    tools.relaxation.fix(tight, value)
    return solution


def _master_interior_duals(master: Master, tools: _Tools, solution: MasterSolution):
    """An interior optimal dual of the master that no panel violates."""
    while True:
        interior = master.solve(interior=True)
        panels, _ = tools.search.best(interior.duals / master.sizes)
        if not _add_improving(master, panels, interior, INTERIOR_GAP):
            return solution, interior.duals
        solution = _solve_stage(master, tools, master.solve())


def _distribution(master: Master, solution: MasterSolution, sizes: np.ndarray) -> TypeDistribution:
    keep = solution.weights > 1e-12
    panels = [p for p, k in zip(master.panels, keep, strict=True) if k]
    return _mixture(panels, solution.weights[keep], sizes)


def _mixture(panels: list[np.ndarray], weights: np.ndarray, sizes: np.ndarray) -> TypeDistribution:
    weights = weights / weights.sum()
    probabilities = weighted_sum(weights, panels) / sizes
    return TypeDistribution(panels, weights, probabilities)
