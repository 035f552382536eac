"""Rankings: Scottish STV (or IRV for one seat) by stvpoll, cross-checked by pref_voting.

stvpoll counts with exact decimals and gives every round; pref_voting's ``stv_scottish``
counts the same ballots independently (floats, its own surplus and exclusion code). Both break
ties first by earlier-round totals, then by the public lot (``lot.py``); both must elect the
same candidates, or ``CountsDisagree`` is raised and nothing is published.

Known difference: stvpoll rounds each ballot's transfer value to 5 decimals, pref_voting
truncates it (SSI 2007/42 rule 48(3)); they can only differ when two candidates end within
about 0.00001 votes per ballot of each other, and then the cross-check refuses.

The complete list order (``full_order``) is found by elect-then-remove: a one-seat count
(IRV) gives place 1; that candidate is struck from every ballot and the next one-seat count
gives place 2, and so on until one candidate is left. Every one of those counts is
cross-checked too.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pref_voting
from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.proportional_methods import stv_scottish
from pref_voting.rankings import Ranking
from stvpoll.quotas import droop_quota
from stvpoll.scottish_stv import ScottishSTV
from stvpoll.tiebreak_strategies import TiebreakHistory
from stvpoll.transfer_strategies import transfer_serial
from stvpoll.types import CandidateStatus, SelectionMethod

from .lot import LotRandom, lot_draw, lot_loser, lot_winner
from .results import CountsDisagree, ItemResult

STVPOLL = "stvpoll (Scottish STV, exact decimals)"
PREF_VOTING = f"pref_voting {pref_voting.__version__} (stv_scottish)"
CHECKED_BY = (STVPOLL, PREF_VOTING)
ONE_SEAT = " for one seat: instant runoff"
WHY = {
    (CandidateStatus.Elected, SelectionMethod.Direct): "quota",
    (CandidateStatus.Excluded, SelectionMethod.Direct): "fewest_votes",
    (CandidateStatus.Elected, SelectionMethod.NoCompetition): "no_competition",
}
TIE_WHY = {SelectionMethod.TiebreakHistory: "earlier_rounds", SelectionMethod.TiebreakRandom: "lot"}
Grouped = Counter[tuple[str, ...]]


def count_ranking(
    item: str,
    rankings: list[list[str]],
    candidates: list[str],
    seats: int,
    method: str = "stv",
    tie_seed: str = "",
    full_order: bool = False,
) -> ItemResult:
    """Count ranked ballots; an empty ranking is a blank ballot (not in the quota)."""
    _check(rankings, candidates, seats, method)
    grouped: Grouped = Counter(tuple(r) for r in rankings if r)
    count = _Count(tie_seed)
    elected = count.run(candidates, grouped, seats)
    _cross_check(item, candidates, grouped, seats, tie_seed, elected)
    first = Counter({c: 0 for c in candidates})
    for ranking, n in grouped.items():
        first[ranking[0]] += n
    order = _full_order(item, candidates, grouped, tie_seed, count.ties) if full_order else []
    return ItemResult(
        item=item,
        kind="ranking",
        counts={c: first[c] for c in candidates},
        elected=elected,
        order=order,
        rounds=count.rounds,
        ties=count.ties,
        checked_by=[name + (ONE_SEAT if method == "irv" else "") for name in CHECKED_BY],
        blank=len(rankings) - sum(grouped.values()),
    )


def _check(rankings, candidates, seats, method) -> None:
    if method not in ("stv", "irv"):
        raise ValueError(f"Unknown ranking method {method!r}")
    if method == "irv" and seats != 1:
        raise ValueError("Instant runoff fills one seat")
    if not 1 <= seats <= len(candidates) or len(set(candidates)) != len(candidates):
        raise ValueError("Seats must be between 1 and the number of (distinct) candidates")
    known = set(candidates)
    for ranking in rankings:
        if len(set(ranking)) != len(ranking) or not known.issuperset(ranking):
            raise ValueError(f"Invalid ranking {ranking!r}")


def _cross_check(item, candidates, grouped: Grouped, seats, seed, elected) -> None:
    other = pref_voting_elected(candidates, grouped, seats, seed)
    if sorted(other) != sorted(elected):
        raise CountsDisagree(item, {STVPOLL: list(elected), PREF_VOTING: list(other)})


def pref_voting_elected(candidates, grouped: Grouped, seats: int, seed: str) -> list[str]:
    """pref_voting's Scottish STV on the same ballots, with the same public lot."""
    profile = _RankingsOnly(grouped, candidates)
    return list(stv_scottish(profile, num_seats=seats, rng=LotRandom(seed)))


class _RankingsOnly(ProfileWithTies):
    """pref_voting's profile of rankings with counts, without its pairwise supports.

    ProfileWithTies' constructor counts every pair of candidates on every ranking (34 s of
    CPU for 74,000 distinct rankings over 30 candidates) for the Condorcet methods;
    stv_scottish reads only the rankings and their counts. So the profile is made empty
    (no pairs to count) and given the rankings after; the supports are removed, so that
    nothing can read them wrong.
    """

    def __init__(self, grouped: Grouped, candidates):
        super().__init__([], rcounts=[], candidates=candidates)
        self._rankings = [
            Ranking({c: place for place, c in enumerate(r, start=1)}, cmap=self.cmap)
            for r in grouped
        ]
        self.rcounts = list(grouped.values())
        self.num_voters = sum(self.rcounts)
        del self._supports


def _full_order(item, candidates, grouped: Grouped, seed, ties: list[dict]) -> list[str]:
    order: list[str] = []
    remaining = list(candidates)
    while len(remaining) > 1:
        struck: Grouped = Counter()
        for ranking, n in grouped.items():
            if rest := tuple(c for c in ranking if c not in order):
                struck[rest] += n
        count = _Count(seed, position=len(order) + 1)
        winner = count.run(remaining, struck, 1)
        _cross_check(item, remaining, struck, 1, seed, winner)
        ties.extend(count.ties)
        order += winner
        remaining.remove(winner[0])
    return order + remaining


class _Count:
    """One stvpoll count that keeps its transfers and ties for the report."""

    def __init__(self, seed: str, position: int | None = None):
        self.seed = seed
        self.position = position  # the list place this count decides (full order only)
        self.transfers: list[dict] = []
        self.ties: list[dict] = []
        self.rounds: list[dict] = []

    def run(self, candidates, grouped: Grouped, seats: int) -> list[str]:
        poll = _ScottishSTV(self, candidates, seats)
        for ranking, n in grouped.items():
            poll.add_ballot(ranking, n)
        result = poll.calculate()
        self.rounds = [self._round(n, r, result.quota) for n, r in enumerate(result.rounds)]
        return list(result)

    def _transfer(self, *, ballots, vote_count, transfers, standing, quota, decrease_value):
        moved, exhausted, votes = transfer_serial(
            ballots=ballots, vote_count=vote_count, transfers=transfers,
            standing=standing, quota=quota, decrease_value=decrease_value,
        )  # fmt: skip
        values = {}
        for donor in transfers:  # serial: a later donor may first receive from an earlier one
            total = vote_count[donor] + sum(moved[(d, donor)] for d in transfers)
            values[donor] = (total - quota) / total if decrease_value and total else Decimal(1)
        self.transfers.append({"moved": moved, "exhausted": exhausted, "values": values})
        return moved, exhausted, votes

    def _round(self, index: int, selection, quota) -> dict:
        method = selection.selection_method
        elected = selection.status == CandidateStatus.Elected
        entry = {
            "round": index + 1,
            "quota": str(quota),
            "votes": {c: _five(v) for c, v in selection.votes.items()},
            "elected": list(selection.selected) if elected else [],
            "excluded": [] if elected else list(selection.selected),
            "why": WHY.get((selection.status, method)) or TIE_WHY[method],
            "transfers": [],
            "transfer_values": {},
            "exhausted": _five(0),
        }
        if self.position is not None:
            entry["position"] = self.position
        if index < len(self.transfers):
            done = self.transfers[index]
            moved = sorted(done["moved"].items())
            entry["transfers"] = [{"from": a, "to": b, "votes": _five(v)} for (a, b), v in moved]
            entry["transfer_values"] = {c: _five(v) for c, v in done["values"].items()}
            entry["exhausted"] = _five(done["exhausted"])
        return entry

    def record_tie(self, tied, history, lowest: bool, chosen: str, broken_by: str, **extra):
        tie = {
            "round": len(history) + 1,
            "between": sorted(tied),
            "for": "exclusion" if lowest else "order_of_election",
            "broken_by": broken_by,
            "chosen": chosen,
            **extra,
        }
        if self.position is not None:
            tie["position"] = self.position
        self.ties.append(tie)


class _ScottishSTV(ScottishSTV):
    """stvpoll's Scottish STV (its poll class, which updates the totals by transfers rather
    than recounting every ballot each round), with nothing left to chance: stvpoll shuffles
    the candidates and breaks the last ties at random; here the candidates keep their order
    and ties go to the earlier rounds, then the public lot."""

    def __init__(self, count: _Count, candidates, seats: int):
        # pedantic order: candidates elected together are ordered by the tie rules too
        super().__init__(seats, candidates, droop_quota, False, pedantic_order=True)
        self.candidates = tuple(candidates)
        self.result.candidates = self.candidates
        self.tiebreakers = [_History(count), _Lot(count)]
        self.transfer_strategy = count._transfer


class _History:
    """stvpoll's earlier-rounds rule (most recent earlier round first), recorded."""

    method = SelectionMethod.TiebreakHistory
    name = "history"

    def __init__(self, count: _Count):
        self.count = count
        self.rule = TiebreakHistory()

    def resolve(self, candidates, history, lowest=False):
        resolved = self.rule.resolve(candidates, history, lowest=lowest)
        if not isinstance(resolved, tuple):
            self.count.record_tie(candidates, history, lowest, resolved, "earlier_rounds")
        return resolved

    def get_result_dict(self) -> dict:
        return {}


class _Lot:
    """The public lot from the vote's seed, for ties the earlier rounds leave."""

    method = SelectionMethod.TiebreakRandom
    name = "lot"

    def __init__(self, count: _Count):
        self.count = count

    def resolve(self, candidates, history, lowest=False):
        seed = self.count.seed
        chosen = lot_loser(seed, candidates) if lowest else lot_winner(seed, candidates)
        draw = lot_draw(seed, candidates)
        self.count.record_tie(candidates, history, lowest, chosen, "lot", lot=draw)
        return chosen

    def get_result_dict(self) -> dict:
        return {}


def _five(value) -> str:
    return f"{Decimal(value):.5f}"
