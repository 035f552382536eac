"""Dividing attendees over tables so that every table is a mix. Pure Python, no Django.

What is guaranteed, for ``T`` tables and ``N`` people, where a trait value held by ``n``
people has the *ideal share* ``n / T`` per table and is *balanced* when every table holds
``floor(n / T)`` or ``ceil(n / T)`` of them:

1. everyone sits at exactly one table, and table sizes differ by at most one;
2. every branch is balanced, always (dealing people round-robin, sorted by branch, does it);
3. every age band is balanced too, whenever some plan balances branch and age band at once;
4. every gender is balanced too, whenever some plan balances all three traits at once.

Balancing several traits at once is not always possible (a small group can make it so),
hence the order of priority: branch, age band, gender. Points 3 and 4 come from a small
integer programme (HiGHS) over the number of people of each (branch, age band, gender)
combination at each table. It minimises the deviation from the shares of age band, then
gender, so a trait that cannot be balanced is still spread as evenly as it can be. Should
the solver not finish within ``TIME_LIMIT`` seconds, the best plan found so far is used
(always meeting points 1 and 2) and :attr:`TablePlan.balanced` says which traits it
balances; it is computed from the plan itself, never taken from the solver.
"""

import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass

import highspy

TRAITS = ("branch", "age_band", "gender")
TIME_LIMIT = 3.0
RESTARTS = 8


@dataclass(frozen=True)
class Person:
    id: int
    branch: str
    age_band: str
    gender: str


@dataclass(frozen=True)
class TablePlan:
    tables: list[list[int]]
    balanced: tuple[str, ...]  # the traits every value of which is balanced, in TRAITS order


def split_into_tables(people: list[Person], table_count: int) -> list[list[int]]:
    """The ids of the people at each table, in table order (see the module docstring)."""
    return plan_tables(people, table_count).tables


def plan_tables(people: list[Person], table_count: int) -> TablePlan:
    """The plan and the traits it balances (see the module docstring for the guarantee)."""
    table_count = max(table_count, 1)
    by_combination: dict[tuple, list[Person]] = defaultdict(list)
    for person in sorted(people, key=lambda p: (_combination(p), p.id)):
        by_combination[_combination(person)].append(person)
    rng = random.Random(0)  # seeded: the same attendees give the same plan
    tables = None
    for _attempt in range(RESTARTS):
        candidate = _improve(people, _deal_by_branch(people, table_count, rng))
        if tables is None or _cost(people, candidate) < _cost(people, tables):
            tables = candidate
        if _cost(people, tables) == 0:
            break
    else:
        counts = _solve(by_combination, table_count)
        if counts is not None:
            solved = _seat(by_combination, counts, table_count)
            # Cut short by the time limit, the solver's plan may be the worse one.
            if _cost(people, solved) < _cost(people, tables):
                tables = solved
    return TablePlan(tables, balanced_traits(people, tables))


def _cost(people: list[Person], tables: list[list[int]]) -> int:
    """How far age bands, then genders, stray from their shares (0: all balanced)."""
    by_id, parts = {p.id: p for p in people}, len(tables)
    cost = 0
    for trait, weight in (("age_band", 2 * len(people) + 1), ("gender", 1)):
        totals = Counter(getattr(p, trait) for p in people)
        for table in tables:
            here = Counter(getattr(by_id[i], trait) for i in table)
            cost += weight * sum(_deviation(here[v], n, parts) for v, n in totals.items())
    return cost


def balanced_traits(people: list[Person], tables: list[list[int]]) -> tuple[str, ...]:
    """The traits for which every value is balanced over these tables."""
    by_id = {p.id: p for p in people}
    result = []
    for trait in TRAITS:
        totals = Counter(getattr(p, trait) for p in people)
        per_table = [Counter(getattr(by_id[i], trait) for i in table) for table in tables]
        if all(
            n // len(tables) <= counts[value] <= -(-n // len(tables))
            for value, n in totals.items()
            for counts in per_table
        ):
            result.append(trait)
    return tuple(result)


def _combination(person: Person) -> tuple[str, str, str]:
    return (person.branch, person.age_band, person.gender)


def _deal_by_branch(people: list[Person], table_count: int, rng) -> list[list[int]]:
    """Grouped by branch, person i goes to table i mod T: sizes and branches balanced.
    The order of the branches and within them is shuffled, to give each restart another
    starting point."""
    tables: list[list[int]] = [[] for _ in range(table_count)]
    branches = sorted({p.branch for p in people})
    rng.shuffle(branches)
    rank = {branch: index for index, branch in enumerate(branches)}
    shuffled = sorted(people, key=lambda p: p.id)
    rng.shuffle(shuffled)
    ordered = sorted(shuffled, key=lambda p: rank[p.branch])  # stable: shuffled per branch
    for index, person in enumerate(ordered):
        tables[index % table_count].append(person.id)
    return tables


def _deviation(count: int, n: int, parts: int) -> int:
    return max(0, count - -(-n // parts)) + max(0, n // parts - count)


def _improve(people: list[Person], tables: list[list[int]]) -> list[list[int]]:
    """Swap people of the same branch between tables (sizes and branches stay balanced)
    while that brings age bands, then genders, closer to their shares. Quick, and mostly
    enough; the integer programme settles what it leaves."""
    by_id = {p.id: p for p in people}
    parts, weight = len(tables), {"age_band": 2 * len(people) + 1, "gender": 1}
    totals = {trait: Counter(getattr(p, trait) for p in people) for trait in weight}
    counts = [
        {trait: Counter(getattr(by_id[i], trait) for i in table) for trait in weight}
        for table in tables
    ]
    seat = {i: t for t, table in enumerate(tables) for i in table}

    def gain(a: Person, b: Person) -> int:
        ta, tb, result = seat[a.id], seat[b.id], 0
        for trait, w in weight.items():
            va, vb = getattr(a, trait), getattr(b, trait)
            if va == vb:
                continue
            ca, cb, n = counts[ta][trait], counts[tb][trait], totals[trait]
            before = sum(_deviation(c[v], n[v], parts) for c in (ca, cb) for v in (va, vb))
            after = (
                _deviation(ca[va] - 1, n[va], parts)
                + _deviation(ca[vb] + 1, n[vb], parts)
                + _deviation(cb[va] + 1, n[va], parts)
                + _deviation(cb[vb] - 1, n[vb], parts)
            )
            result += w * (before - after)
        return result

    by_branch = defaultdict(list)
    for person in sorted(people, key=lambda p: p.id):
        by_branch[person.branch].append(person)
    improved = True
    while improved:
        improved = False
        for group in by_branch.values():
            for index, a in enumerate(group):
                for b in group[index + 1 :]:
                    if seat[a.id] != seat[b.id] and gain(a, b) > 0:
                        _swap(a, b, seat, counts, weight)
                        improved = True
    result: list[list[int]] = [[] for _ in tables]
    for person in sorted(people, key=lambda p: p.id):
        result[seat[person.id]].append(person.id)
    return result


def _swap(a: Person, b: Person, seat: dict, counts: list, traits) -> None:
    ta, tb = seat[a.id], seat[b.id]
    for trait in traits:
        va, vb = getattr(a, trait), getattr(b, trait)
        counts[ta][trait][va] -= 1
        counts[ta][trait][vb] += 1
        counts[tb][trait][vb] -= 1
        counts[tb][trait][va] += 1
    seat[a.id], seat[b.id] = tb, ta


def _seat(by_combination, counts: dict, table_count: int) -> list[list[int]]:
    tables: list[list[int]] = [[] for _ in range(table_count)]
    for combination, members in by_combination.items():
        queue = iter(members)
        for t in range(table_count):
            tables[t].extend(next(queue).id for _ in range(counts[combination, t]))
    return tables


def _solve(by_combination: dict, table_count: int) -> dict | None:
    """People of each combination per table; None when the solver found no plan in time.

    Columns: y[c, t] (integer) for each combination and table, then one slack column per
    (age band or gender value, table) that measures how far that count strays from its
    share. Branch shares and table sizes are hard rows; a unit of age slack weighs more
    than all gender slack together (at most 2N), so age band comes first.
    """
    combos = list(by_combination)
    total = sum(len(m) for m in by_combination.values())
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("time_limit", TIME_LIMIT)
    highs.setOptionValue("random_seed", 0)
    # One thread, as the lottery's solver (beraad/lottery/solver.py): HiGHS keeps one thread
    # pool per process, and a solver that asks for another size after it started fails.
    highs.setOptionValue("threads", 1)
    column = {}
    for c in combos:
        for t in range(table_count):
            column[c, t] = len(column)
            highs.addCol(0.0, 0.0, len(by_combination[c]), 0, [], [])
    for c in combos:
        _row(highs, [column[c, t] for t in range(table_count)], len(by_combination[c]))
    sizes = [len(by_combination[c]) for c in combos]
    for t in range(table_count):
        # Tables are interchangeable, so the larger ones may as well come first; fixing
        # each size spares the solver the mirror images of one plan.
        size = total // table_count + (t < total % table_count)
        _row(highs, [column[c, t] for c in combos], size)
    weights = {0: 0.0, 1: 2.0 * total + 1, 2: 1.0}
    for position in range(3):
        for value in {c[position] for c in combos}:
            holders = [i for i, c in enumerate(combos) if c[position] == value]
            n = sum(sizes[i] for i in holders)
            for t in range(table_count):
                cols = [column[combos[i], t] for i in holders]
                _row(highs, cols, n, table_count, slack_cost=weights[position])
    highs.changeColsIntegrality(
        len(column), list(range(len(column))), [highspy.HighsVarType.kInteger] * len(column)
    )
    highs.run()
    if highs.getInfo().primal_solution_status != 2:  # 2: a feasible solution exists
        return None
    values = highs.getSolution().col_value
    return {key: round(values[index]) for key, index in column.items()}


def _row(highs, cols: list[int], n: int, parts: int = 1, slack_cost: float = 0.0) -> None:
    """floor(n / parts) <= sum(cols) <= ceil(n / parts); with a slack column of this cost
    when slack_cost > 0 (the row then only asks to stay close)."""
    lower, upper = n // parts, math.ceil(n / parts)
    if slack_cost > 0:
        slack = highs.getNumCol()
        highs.addCol(slack_cost, 0.0, float(n), 0, [], [])
        # sum + s >= lower and sum - s <= upper: s is the deviation outside the band.
        highs.addRow(
            lower, highspy.kHighsInf, len(cols) + 1, [*cols, slack], [1.0] * (len(cols) + 1)
        )
        highs.addRow(
            -highspy.kHighsInf, upper, len(cols) + 1, [*cols, slack], [1.0] * len(cols) + [-1.0]
        )
        return
    highs.addRow(lower, upper, len(cols), cols, [1.0] * len(cols))
