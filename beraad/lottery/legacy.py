"""The legacy greedy method of the Sortition Foundation, for comparison only.

Seat by seat, it picks the category value whose unmet minimum is largest relative to the
people left with that value, and draws one of them at random. It meets the quotas but
leaves some people with almost no chance; the share of `legacy_runs` panels that
include a person estimates their chance.
"""

from __future__ import annotations

import numpy as np

from .instance import Instance

MAX_ATTEMPTS = 100


class LegacyFailed(RuntimeError):
    """The greedy method found no valid panel in `MAX_ATTEMPTS` tries."""


def legacy_panel(inst: Instance, rng: np.random.Generator) -> list[int]:
    """One panel (indices into `inst.people`), retrying when the greedy run dead-ends."""
    values, bounds, households = _arrays(inst)
    for _ in range(MAX_ATTEMPTS):
        panel = _attempt(inst.panel_size, values, bounds, households, rng)
        if panel is not None:
            return panel
    raise LegacyFailed(f"no panel after {MAX_ATTEMPTS} greedy attempts")


def legacy_runs(inst: Instance, runs: int, rng: np.random.Generator) -> list[list[int]]:
    """`runs` independent legacy panels; each person's share of them estimates their chance."""
    return [legacy_panel(inst, rng) for _ in range(runs)]


def _arrays(inst: Instance):
    """Per person: the quota rows they count towards; quota bounds; household codes."""
    type_of = inst.type_of
    values = inst.quota_matrix[:, type_of].T.astype(bool)  # people x quotas
    bounds = np.array([[q.min, q.max] for q in inst.quotas])
    names = [p.household for p in inst.people]
    codes = {h: i for i, h in enumerate(sorted({h for h in names if h is not None}))}
    households = np.array([codes[h] if h is not None else -1 - i for i, h in enumerate(names)])
    return values, bounds, households


def _attempt(size, values, bounds, households, rng) -> list[int] | None:
    alive = np.ones(len(values), dtype=bool)
    selected = np.zeros(len(bounds), dtype=int)
    panel: list[int] = []
    for _ in range(size):
        remaining = values[alive].sum(axis=0)
        usable = remaining > 0
        if not usable.any():
            return None
        ratio = np.where(usable, (bounds[:, 0] - selected) / np.maximum(remaining, 1), -np.inf)
        quota = int(np.argmax(ratio))
        person = int(rng.choice(np.flatnonzero(alive & values[:, quota])))
        panel.append(person)
        selected += values[person]
        alive &= households != households[person]
        full = selected >= bounds[:, 1]
        alive &= ~values[:, full].any(axis=1)
    ok = (selected >= bounds[:, 0]).all() and (selected <= bounds[:, 1]).all()
    return panel if ok else None
