"""Small-cell suppression and post-stratification weighting, in plain Python.

No Django here: counts in, numbers out, so the rules can be tested by hand.

Suppression rule (one breakdown dimension at a time, per statement):
1. a group with fewer than MIN_CELL respondents is not shown;
2. if the hidden groups together number fewer than MIN_CELL respondents, the total minus
   the shown groups would reveal them, so the smallest shown group is hidden too, until the
   hidden groups add up to at least MIN_CELL (or everything is hidden);
3. nested dimensions (branches within a province) apply rule 2 inside every parent as
   well, and hide every child of a parent that is hidden in the parent's own table, so
   "province minus its shown branches" never reveals a small group either.
Only one dimension is shown at a time, so groups can never be intersected by filters.
Known limit: comparing live figures at two moments could isolate one new answer, which
is why only admins see an open round's figures; everyone else sees them once, frozen.
"""

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping

MIN_CELL = 10


def suppress(sizes: Mapping[Hashable, int], min_n: int = MIN_CELL) -> set:
    """Groups to hide so that no shown figure, nor the total minus them, is below min_n."""
    hidden = {key for key, n in sizes.items() if 0 < n < min_n}
    shown = sorted((n, str(key), key) for key, n in sizes.items() if key not in hidden and n)
    while hidden and sum(sizes[k] for k in hidden) < min_n and shown:
        hidden.add(shown.pop(0)[2])
    return hidden


def suppress_nested(
    sizes: Mapping[Hashable, int],
    parent_of: Mapping[Hashable, Hashable],
    hidden_parents: set,
    min_n: int = MIN_CELL,
) -> set:
    """Rule 3: suppress children within each parent, and all children of hidden parents."""
    by_parent = defaultdict(dict)
    for key, n in sizes.items():
        by_parent[parent_of.get(key)][key] = n
    hidden = set()
    for parent, children in by_parent.items():
        if parent in hidden_parents:
            hidden |= set(children)
        else:
            hidden |= suppress(children, min_n)
    shown = sorted((n, str(key), key) for key, n in sizes.items() if key not in hidden and n)
    if shown and 0 < sum(sizes[k] for k in hidden) < min_n:
        hidden.add(shown[0][2])  # a shown group has min_n or more on its own
    return hidden


Cell = tuple  # (province, age_band, gender)


def collapse_cells(
    population: Mapping[Cell, int], sample_sizes: Mapping[Cell, int], min_n: int = MIN_CELL
) -> dict[Cell, tuple]:
    """Map every cell to the (coarser) group it is weighted in.

    A sparse cell (fewer than min_n respondents) merges with its siblings: first the
    genders within a province × age band, then the age bands within a province; sparse
    provinces are pooled, and a pool still too small joins the smallest adequate group.
    """
    cells = set(population) | set(sample_sizes)
    group_of = {cell: cell for cell in cells}
    for depth in (2, 1):
        sizes = Counter()
        for cell, group in group_of.items():
            sizes[group] += sample_sizes.get(cell, 0)
        sparse_parents = {g[:depth] for g in set(group_of.values()) if sizes[g] < min_n}
        for cell, group in group_of.items():
            if group[:depth] in sparse_parents:
                group_of[cell] = group[:depth]
    return _pool_sparse(group_of, sample_sizes, min_n)


def _pool_sparse(group_of: dict, sample_sizes: Mapping, min_n: int) -> dict:
    sizes = Counter()
    for cell, group in group_of.items():
        sizes[group] += sample_sizes.get(cell, 0)
    sparse = {g for g in sizes if sizes[g] < min_n}
    if not sparse:
        return group_of
    adequate = sorted((n, str(g), g) for g, n in sizes.items() if g not in sparse)
    pooled_size = sum(sizes[g] for g in sparse)
    target = ("pool",) if pooled_size >= min_n or not adequate else adequate[0][2]
    return {cell: (target if group in sparse else group) for cell, group in group_of.items()}


def poststratify(
    population: Mapping[Cell, int], sample: Mapping[Cell, Mapping[int, int]], min_n: int = MIN_CELL
) -> dict[int, float] | None:
    """Percentages per answer value, weighted to the population's cell shares.

    Each (collapsed) group counts with its share of the population; within it every
    respondent weighs the same. Returns None without respondents.
    """
    sample_sizes = {cell: sum(values.values()) for cell, values in sample.items()}
    group_of = collapse_cells(population, sample_sizes, min_n)
    pop, n, counts = Counter(), Counter(), defaultdict(Counter)
    for cell, group in group_of.items():
        pop[group] += population.get(cell, 0)
        n[group] += sample_sizes.get(cell, 0)
        counts[group].update(sample.get(cell, {}))
    covered = sum(pop[g] for g in pop if n[g])
    if not covered:
        return None
    weighted = Counter()
    for group, values in counts.items():
        if n[group]:
            for value, count in values.items():
                weighted[value] += 100 * pop[group] / covered * count / n[group]
    return dict(weighted)
