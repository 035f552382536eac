"""Constructed vote matrices with known opinion groups (for the tests and bench/forum_map)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Conversation:
    votes: list[tuple[int, int, int]]
    truth: dict[int, int]  # participant -> true group
    agreed: list[int]  # statements every group's pattern agrees with


def conversation(
    sizes=(60, 60, 60),
    statements: int = 30,
    shared: int = 4,
    noise: float = 0.1,
    votes_per_person: tuple[int, int] | None = None,
    pass_rate: float = 0.05,
    seed: int = 1,
) -> Conversation:
    """Each group agrees or disagrees with every divisive statement by its own pattern; all
    agree with the first ``shared`` statements. A vote is flipped with chance ``noise`` and
    is a pass with chance ``pass_rate``; each person votes on a random number of statements
    in ``votes_per_person`` (all of them when None)."""
    rng = np.random.default_rng(seed)
    patterns = rng.choice([-1, 1], size=(len(sizes), statements))
    patterns[:, :shared] = 1
    votes, truth, pid = [], {}, 0
    for group, size in enumerate(sizes):
        for _ in range(size):
            pid += 1
            truth[pid] = group
            low, high = votes_per_person or (statements, statements)
            seen = rng.choice(statements, size=rng.integers(low, high + 1), replace=False)
            for s in sorted(seen):
                vote = int(patterns[group, s]) * (-1 if rng.random() < noise else 1)
                votes.append((pid, int(s) + 1, 0 if rng.random() < pass_rate else vote))
    agreed = [int(s) + 1 for s in np.flatnonzero((patterns == 1).all(axis=0))]
    return Conversation(votes, truth, agreed)


def with_new_votes(votes, share: float, seed: int):
    """The votes plus ``share`` as many new ones (random values on statements not yet voted)."""
    rng = np.random.default_rng(seed)
    taken = {(p, s) for p, s, _ in votes}
    people = sorted({p for p, _, _ in votes})
    statements = sorted({s for _, s, _ in votes})
    new = set()
    while len(new) < int(share * len(votes)):
        pair = (int(rng.choice(people)), int(rng.choice(statements)))
        if pair not in taken:
            new.add(pair)
    return votes + [(p, s, int(rng.choice([-1, 0, 1]))) for p, s in sorted(new)]
