"""An item's definition: everything a recount needs besides the ballots."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .results import ItemResult


@dataclass(frozen=True)
class ItemDefinition:
    item: str
    kind: str  # "motion" | "choice" | "ranking"
    method: str = ""  # "" for a motion; "single" | "approval" | "schulze"; "stv" | "irv"
    options: list[str] = field(default_factory=list)  # options, or a ranking's candidates
    seats: int = 1
    tie_seed: str = ""
    full_order: bool = False

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ItemDefinition:
        names = cls.__dataclass_fields__
        return cls(**{key: value for key, value in data.items() if key in names})


def count_item(definition: ItemDefinition, selections: list[list[str]]) -> ItemResult:
    """Count one item; each selection is one ballot's choices (a ranking: best first).

    The counting modules are imported here: they load pref_voting (numba, SciPy,
    matplotlib: ~300 MB) and stvpoll, which only the counting process needs, not every
    web or Celery process that imports the votes app."""
    from .simple import count_choice, count_motion
    from .stv import count_ranking

    d = definition
    if d.kind == "motion":
        return count_motion(d.item, [s[0] if s else "blanco" for s in selections])
    if d.kind == "choice":
        return count_choice(d.item, selections, d.options, d.method, d.tie_seed)
    if d.kind == "ranking":
        return count_ranking(
            d.item, selections, d.options, d.seats, d.method, d.tie_seed, d.full_order
        )
    raise ValueError(f"Unknown item kind {d.kind!r}")
