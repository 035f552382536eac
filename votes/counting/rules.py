"""The rules a vote states up front (quorum, majority, blank votes), applied to a count."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

MAJORITIES = ("simple", "two_thirds")


@dataclass(frozen=True)
class Rules:
    quorum: Fraction | str | float = 0  # minimum turnout, as a fraction of the eligible
    majority: str = "simple"  # "simple": more than half; "two_thirds": at least two thirds
    blank_counts: bool = False  # do blank votes count in the total the majority is taken of?

    def quorum_fraction(self) -> Fraction:
        quorum = self.quorum
        return Fraction(str(quorum)) if isinstance(quorum, float) else Fraction(quorum)


@dataclass(frozen=True)
class Decision:
    """What the rules make of a count; ``outcome`` is a code the page puts into words.

    Outcomes: "adopted" / "rejected" (motions), "valid" (choices and rankings), or
    "no_quorum" (any kind: turnout below the quorum, nothing is decided).
    """

    quorum_met: bool
    passed: bool | None  # motions only; None for choices and rankings
    outcome: str
    turnout: int
    eligible: int
    quorum_needed: int  # the smallest turnout that meets the quorum
    votes_for: int = 0
    votes_against: int = 0
    blank: int = 0
    total: int = 0  # the votes the majority is taken of
    needed: int = 0  # votes for needed to adopt a motion


def quorum_needed(eligible: int, rules: Rules) -> int:
    """The smallest turnout that meets the quorum."""
    return math.ceil(rules.quorum_fraction() * eligible)


def decide(
    *, kind: str, counts: dict[str, int], turnout: int, eligible: int, rules: Rules
) -> Decision:
    """Apply ``rules`` to one item's ``counts`` (a motion's voor / tegen / blanco)."""
    if rules.majority not in MAJORITIES:
        raise ValueError(f"Unknown majority {rules.majority!r}")
    needed_turnout = quorum_needed(eligible, rules)
    quorum_met = turnout >= needed_turnout
    base = {"turnout": turnout, "eligible": eligible, "quorum_needed": needed_turnout}
    if kind != "motion":
        return Decision(quorum_met, None, "valid" if quorum_met else "no_quorum", **base)
    votes_for, against, blank = counts["voor"], counts["tegen"], counts["blanco"]
    total = votes_for + against + (blank if rules.blank_counts else 0)
    needed = total // 2 + 1 if rules.majority == "simple" else math.ceil(Fraction(2 * total, 3))
    passed = quorum_met and total > 0 and votes_for >= needed
    outcome = "no_quorum" if not quorum_met else ("adopted" if passed else "rejected")
    return Decision(
        quorum_met, passed, outcome, **base, votes_for=votes_for, votes_against=against,
        blank=blank, total=total, needed=needed,
    )  # fmt: skip
