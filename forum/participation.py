"""Participation figures of one conversation: who takes up the room. Pure Python.

Input: per person, the lengths (characters) of their contributions. Output: how many took
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


def participation(lengths_by_person: Mapping[object, Sequence[int]]) -> Participation:
    counts = [len(lengths) for lengths in lengths_by_person.values() if lengths]
    texts = [sum(lengths) for lengths in lengths_by_person.values() if lengths]
    return Participation(
        people=len(counts),
        contributions=sum(counts),
        top_tenth_text_share=top_tenth_share(texts),
        gini=gini(counts),
    )


def share_of(lengths_by_person: Mapping[object, Sequence[int]], person) -> float:
    """The share of all text written by one person (0 when nothing was written)."""
    total = sum(sum(lengths) for lengths in lengths_by_person.values())
    return sum(lengths_by_person.get(person, ())) / total if total else 0.0
