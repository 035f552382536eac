"""Plain data types of the lottery engine: what goes in and what comes out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    """One respondent: an id, one value per category, and optionally a household."""

    id: str
    category_values: dict[str, str] = field(hash=False)
    household: str | None = None


@dataclass(frozen=True)
class Quota:
    """Seats on the panel for people with `value` in `category`: between `min` and `max`."""

    category: str
    value: str
    min: int
    max: int


@dataclass(frozen=True)
class Relaxation:
    """One quota bound that must move from `current` to `needed` for a panel to exist."""

    category: str
    value: str
    bound: str  # "min" or "max"
    current: int
    needed: int

    def describe(self) -> str:
        """The relaxation in plain words."""
        verb = "lower" if self.bound == "min" else "raise"
        return (
            f"{verb} the {self.bound}imum of {self.category}={self.value} "
            f"from {self.current} to {self.needed}"
        )


class InfeasibleQuotas(Exception):
    """No panel meets the quotas; `relaxations` is the smallest change that would fix that."""

    def __init__(self, relaxations: list[Relaxation]):
        self.relaxations = relaxations
        words = "; ".join(r.describe() for r in relaxations) or "no quota change helps"
        super().__init__(f"no panel satisfies the quotas: {words}")


class WorkLimitReached(RuntimeError):
    """A solver reached its deterministic work limit: going on would make the result depend
    on where the limit cut off, so the run stops instead (exit code 3 of the command line)."""


@dataclass(frozen=True)
class UniformLottery:
    """The portfolio rounded to `size` equally likely slots; slot `index` (1-based) was drawn.

    `slots[i]` is the portfolio position of slot i + 1; `loss` is the largest change of any
    person's selection probability caused by the rounding.
    """

    size: int
    loss: float
    index: int
    slots: list[int]


@dataclass
class Selection:
    """The outcome of `select_panel`: the drawn panel and everything needed to check it."""

    algorithm: str
    seed: str
    panel: list[str]
    probabilities: dict[str, float]
    min_probability: float
    portfolio: list[tuple[tuple[str, ...], float]]
    uniform_lottery: UniformLottery
    reserves: list[str]
    seconds: float  # not in result.json, which depends on the inputs and seed alone
    # LEXIMIN: the relaxation's LEXIMIN vector (which bounds every distribution of real
    # panels) is reached, so the probabilities are proven optimal; and that bound on the
    # smallest probability. The legacy method proves nothing: False and None.
    proven_optimal: bool = False
    upper_bound_min_probability: float | None = None

    def to_json(self) -> dict:
        """The result.json document of the command line: the same inputs and seed give the
        same bytes."""
        lottery = self.uniform_lottery
        return {
            "algorithm": self.algorithm,
            "seed": self.seed,
            "panel": list(self.panel),
            "probabilities": dict(self.probabilities),
            "min_probability": self.min_probability,
            "proven_optimal": self.proven_optimal,
            "upper_bound_min_probability": self.upper_bound_min_probability,
            "portfolio": [{"panel": list(ids), "probability": p} for ids, p in self.portfolio],
            "uniform_lottery": {
                "M": lottery.size,
                "loss": lottery.loss,
                "drawn_index": lottery.index,
                "slots": [position + 1 for position in lottery.slots],
            },
            "reserves": list(self.reserves),
        }
