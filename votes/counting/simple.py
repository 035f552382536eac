"""Motions and choices: simple counts, and Schulze by pref_voting.

A tie for the winner of a choice is broken by the public lot (``lot.py``) and recorded.
"""

from __future__ import annotations

from collections import Counter

import pref_voting
from pref_voting.margin_based_methods import beat_path
from pref_voting.profiles_with_ties import ProfileWithTies

from .lot import lot_draw, lot_winner
from .results import CountsDisagree, ItemResult

MOTION_CHOICES = ("voor", "tegen", "blanco")
CHOICE_METHODS = ("single", "approval", "schulze")
SIMPLE_COUNT = "simple count"
SCHULZE_CHECKS = ("floyd_warshall", "schwartz_sequential_dropping")


def count_motion(item: str, choices: list[str]) -> ItemResult:
    """Count voor / tegen / blanco; what they decide is ``decide``'s business."""
    unknown = set(choices).difference(MOTION_CHOICES)
    if unknown:
        raise ValueError(f"Unknown motion choices: {sorted(unknown)}")
    counted = Counter(choices)
    counts = {choice: counted[choice] for choice in MOTION_CHOICES}
    return ItemResult(
        item=item, kind="motion", counts=counts, blank=counts["blanco"], checked_by=[SIMPLE_COUNT]
    )


def count_choice(
    item: str,
    ballots: list[list[str]],
    options: list[str],
    method: str = "single",
    tie_seed: str = "",
) -> ItemResult:
    """One winner among ``options``: most votes (single, approval) or Schulze (rankings).

    Each ballot is a list: one option or none (single), the approved options (approval), or
    a ranking, best first (schulze). An empty list is a blank ballot.
    """
    _check(ballots, options, method)
    cast = [ballot for ballot in ballots if ballot]
    result = ItemResult(item=item, kind="choice", counts={}, blank=len(ballots) - len(cast))
    if method == "schulze":
        result.counts = {o: sum(1 for b in cast if b[0] == o) for o in options}
        best = _schulze(item, cast, options, result)
    else:
        counted = Counter(option for ballot in cast for option in ballot)
        result.counts = {o: counted[o] for o in options}
        result.checked_by = [SIMPLE_COUNT]
        top = max(result.counts.values(), default=0)
        best = [o for o in options if result.counts[o] == top]
    if cast:
        result.elected = [_break_tie(best, tie_seed, result)]
    return result


def _check(ballots, options, method) -> None:
    if method not in CHOICE_METHODS:
        raise ValueError(f"Unknown choice method {method!r}")
    known = set(options)
    for ballot in ballots:
        if len(set(ballot)) != len(ballot) or not known.issuperset(ballot):
            raise ValueError(f"Invalid ballot {ballot!r}")
        if method == "single" and len(ballot) > 1:
            raise ValueError("A single choice ballot holds at most one option")


def _schulze(item: str, cast, options, result: ItemResult) -> list[str]:
    """Schulze winners, by two of pref_voting's algorithms that must agree."""
    grouped = Counter(tuple(ballot) for ballot in cast)
    rankings = [{o: place for place, o in enumerate(r, start=1)} for r in grouped]
    profile = ProfileWithTies(rankings, rcounts=list(grouped.values()), candidates=options)
    profile.use_extended_strict_preference()  # a ranked option beats an unranked one
    found = {how: beat_path(profile, algorithm=how) for how in SCHULZE_CHECKS}
    if len({tuple(sorted(w)) for w in found.values()}) > 1:
        raise CountsDisagree(item, {f"beat_path {how}": w for how, w in found.items()})
    support = profile.support
    result.pairwise = {a: {b: int(support(a, b)) for b in options if b != a} for a in options}
    version = pref_voting.__version__
    result.checked_by = [f"pref_voting {version} beat_path ({how})" for how in found]
    return [o for o in options if o in found[SCHULZE_CHECKS[0]]]


def _break_tie(best: list[str], seed: str, result: ItemResult) -> str:
    if len(best) == 1:
        return best[0]
    chosen = lot_winner(seed, best)
    result.ties.append(
        {"between": sorted(best), "for": "winner", "broken_by": "lot",
         "chosen": chosen, "lot": lot_draw(seed, best)}
    )  # fmt: skip
    return chosen
