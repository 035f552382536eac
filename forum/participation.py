"""Participation figures of one conversation: who takes up the room. Pure Python.

Input: per person, (number of contributions, characters written). Output: how many took
part, the share of all text written by the most active tenth (at least one person), and the
Gini coefficient of the number of contributions per person (0: everyone wrote as much;
towards 1: one person wrote nearly everything).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from math import ceil


@dataclass(frozen=True)
class Participation:
    people: int
    contributions: int
    top_tenth_text_share: float  # 0..1
    gini: float  # 0..1


def gini(values: Sequence[int]) -> float:
    """Gini coefficient: sum over sorted values of (2i - n - 1) * x_i / (n * sum)."""
    ordered = sorted(values)
    n, total = len(ordered), sum(ordered)
    if n == 0 or total == 0:
        return 0.0
    weighted = sum((2 * i - n - 1) * x for i, x in enumerate(ordered, start=1))
    return weighted / (n * total)


def top_tenth_share(texts: Sequence[int]) -> float:
    """The share of all characters written by the ceil(10 %) most writing people."""
    total = sum(texts)
    if total == 0:
        return 0.0
    top = sorted(texts, reverse=True)[: max(1, ceil(len(texts) / 10))]
    return sum(top) / total


def participation(by_person: Mapping[object, tuple[int, int]]) -> Participation:
    counts = [n for n, _chars in by_person.values() if n]
    texts = [chars for n, chars in by_person.values() if n]
    return Participation(
        people=len(counts),
        contributions=sum(counts),
        top_tenth_text_share=top_tenth_share(texts),
        gini=gini(counts),
    )


def share_of(by_person: Mapping[object, tuple[int, int]], person) -> float:
    """The share of all text written by one person (0 when nothing was written)."""
    total = sum(chars for _n, chars in by_person.values())
    return by_person.get(person, (0, 0))[1] / total if total else 0.0
