"""Dividing attendees over tables so that every table is a mix. Pure Python, no Django.

Greedy round-robin over sorted strata: people are taken stratum by stratum (branch, then
age band, then gender) and each goes to the smallest table where the fewest people share
their branch, age band and gender. Table sizes differ by at most one, and each stratum is
spread as evenly as the sizes allow.
"""

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    id: int
    branch: str
    age_band: str
    gender: str


def _traits(person: Person) -> tuple:
    return (("branch", person.branch), ("age", person.age_band), ("gender", person.gender))


def split_into_tables(people: list[Person], table_count: int) -> list[list[int]]:
    """The ids of the people at each table, in table order."""
    tables: list[list[int]] = [[] for _ in range(max(table_count, 1))]
    counts = [Counter() for _ in tables]
    ordered = sorted(people, key=lambda p: (p.branch, p.age_band, p.gender, p.id))
    for person in ordered:
        traits = _traits(person)
        best = min(
            range(len(tables)),
            key=lambda i: (len(tables[i]), sum(counts[i][t] for t in traits), i),
        )
        tables[best].append(person.id)
        counts[best].update(traits)
    return tables
