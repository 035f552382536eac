"""What a count returns: one ItemResult per ballot item, in the shape result.json publishes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["motion", "choice", "ranking"]

# The parts of an item's result that a recount must reproduce exactly (checked_by names the
# library versions that counted, which may differ on the recounter's machine).
RECOUNTED = ("counts", "blank", "elected", "order", "rounds", "ties", "pairwise")


class CountsDisagree(Exception):
    """Two independent implementations counted the same ballots to different results.

    The platform then refuses to publish: the message names both outcomes.
    """

    def __init__(self, item: str, outcomes: dict[str, list[str]]):
        self.item = item
        self.outcomes = outcomes
        described = "; ".join(f"{name}: {', '.join(got)}" for name, got in outcomes.items())
        super().__init__(f"Counts of {item!r} disagree: {described}")


@dataclass
class ItemResult:
    item: str
    kind: Kind
    counts: dict[str, int]
    elected: list[str] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    rounds: list[dict] = field(default_factory=list)
    ties: list[dict] = field(default_factory=list)
    checked_by: list[str] = field(default_factory=list)
    blank: int = 0  # blank ballots (no choice, empty ranking); a motion counts "blanco"
    pairwise: dict[str, dict[str, int]] = field(default_factory=dict)  # Schulze only

    def to_json(self) -> dict:
        return {
            "item": self.item,
            "kind": self.kind,
            "counts": dict(self.counts),
            "blank": self.blank,
            "elected": list(self.elected),
            "order": list(self.order),
            "rounds": self.rounds,
            "ties": self.ties,
            "pairwise": self.pairwise,
            "checked_by": list(self.checked_by),
        }
