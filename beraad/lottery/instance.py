"""Validated input, collapsed into types of interchangeable people."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from .model import Person, Quota


@dataclass
class Instance:
    """The pool grouped into types, with the quota rows of the integer programmes.

    People with equal values in every category are interchangeable and form one type, except
    members of a household with several people in the pool: each of them is a type of its own,
    because the household row couples them to specific other people.
    """

    people: list[Person]  # sorted by id
    quotas: list[Quota]  # sorted by (category, value)
    panel_size: int
    type_members: list[list[int]]  # indices into `people`
    sizes: np.ndarray  # people per type
    quota_matrix: np.ndarray  # quotas x types, 1 where the type has the quota's value
    households: list[list[int]]  # groups of types of which at most one may be chosen

    @property
    def type_of(self) -> np.ndarray:
        """The type index of every person."""
        result = np.empty(len(self.people), dtype=int)
        for t, members in enumerate(self.type_members):
            result[members] = t
        return result


def build_instance(people: list[Person], quotas: list[Quota], panel_size: int) -> Instance:
    """Check the input and group people into types; raises ValueError with a clear message."""
    quotas = sorted(quotas, key=lambda q: (q.category, q.value))
    _validate(people, quotas, panel_size)
    people = sorted(people, key=lambda p: p.id)
    categories = sorted({q.category for q in quotas})
    shared = _shared_households(people)
    groups: dict[tuple, list[int]] = defaultdict(list)
    for index, person in enumerate(people):
        values = tuple(person.category_values[c] for c in categories)
        own = person.id if person.household in shared else ""
        groups[(values, own)].append(index)
    keys = sorted(groups)
    type_members = [groups[key] for key in keys]
    matrix = np.zeros((len(quotas), len(keys)))
    for row, quota in enumerate(quotas):
        column = categories.index(quota.category)
        for t, (values, _) in enumerate(keys):
            matrix[row, t] = values[column] == quota.value
    households = _household_types(people, type_members, shared)
    sizes = np.array([len(m) for m in type_members], dtype=int)
    return Instance(people, quotas, panel_size, type_members, sizes, matrix, households)


def _shared_households(people: list[Person]) -> set[str]:
    count: dict[str, int] = defaultdict(int)
    for person in people:
        if person.household is not None:
            count[person.household] += 1
    return {household for household, n in count.items() if n > 1}


def _household_types(people, type_members, shared) -> list[list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for t, members in enumerate(type_members):
        household = people[members[0]].household
        if household in shared:
            groups[household].append(t)
    return [groups[h] for h in sorted(groups)]


def _validate(people: list[Person], quotas: list[Quota], panel_size: int) -> None:
    if panel_size < 1:
        raise ValueError(f"panel size must be at least 1, not {panel_size}")
    if len(people) < panel_size:
        raise ValueError(f"the pool has {len(people)} people, fewer than the panel size")
    seen_ids: set[str] = set()
    for person in people:
        if person.id in seen_ids:
            raise ValueError(f"person id {person.id!r} occurs twice")
        seen_ids.add(person.id)
    allowed: dict[str, set[str]] = defaultdict(set)
    for quota in quotas:
        if quota.value in allowed[quota.category]:
            raise ValueError(f"quota {quota.category}={quota.value} is given twice")
        if not 0 <= quota.min <= quota.max:
            raise ValueError(
                f"quota {quota.category}={quota.value}: need 0 <= min <= max, "
                f"got min {quota.min} and max {quota.max}"
            )
        allowed[quota.category].add(quota.value)
    for person in people:
        for category, values in allowed.items():
            value = person.category_values.get(category)
            if value is None:
                raise ValueError(f"person {person.id!r} has no value for {category!r}")
            if value not in values:
                raise ValueError(
                    f"person {person.id!r} has {category}={value!r}, which has no quota "
                    f"(known: {', '.join(sorted(values))})"
                )
