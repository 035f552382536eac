"""The public lot that breaks a tie nothing else breaks.

Each tied candidate draws SHA-256(seed | the tied names, sorted | own name); the lowest
digest wins a tie for election (or for the order of election) and the highest is excluded.
The seed is committed when the vote is announced, so anyone can redraw every lot from
result.json, and a recount gives the same result. The draw depends on the tied set only,
not on a round number, so two implementations that meet the same tie draw the same lot.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence


def lot_digest(seed: str, tied: Iterable[str], name: str) -> str:
    names = "|".join(sorted(tied))
    return hashlib.sha256(f"{seed}|{names}|{name}".encode()).hexdigest()


def lot_draw(seed: str, tied: Iterable[str]) -> dict[str, str]:
    """Every tied candidate's digest (what the report shows)."""
    tied = sorted(tied)
    return {name: lot_digest(seed, tied, name) for name in tied}


def lot_winner(seed: str, tied: Iterable[str]) -> str:
    draw = lot_draw(seed, tied)
    return min(draw, key=draw.get)


def lot_loser(seed: str, tied: Iterable[str]) -> str:
    draw = lot_draw(seed, tied)
    return max(draw, key=draw.get)


def lot_order(seed: str, tied: Iterable[str]) -> list[str]:
    """The tied candidates from lot winner to lot loser."""
    draw = lot_draw(seed, tied)
    return sorted(draw, key=draw.get)


class LotRandom:
    """Stands in for pref_voting's ``rng``: its ``choice`` draws the public lot.

    pref_voting asks ``choice`` for the candidate to exclude (and, rarely, for which of two
    equal surpluses to transfer first); both get the lot loser, as stvpoll's exclusion does.
    """

    def __init__(self, seed: str):
        self.seed = seed

    def choice(self, tied: Sequence[str]) -> str:
        return lot_loser(self.seed, tied)
