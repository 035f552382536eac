"""Counting a vote's ballots: pure Python (no Django), well-kept libraries for every method.

Motions and single or approval choices are simple counts; Schulze comes from pref_voting;
rankings are counted by stvpoll (Scottish STV, or IRV for one seat) and cross-checked by
pref_voting's Scottish STV. Ties: earlier rounds first, then the public lot (``lot.py``).

The counting functions load those libraries (pref_voting brings numba, SciPy and
matplotlib: ~300 MB) only when first asked for: importing this package stays light, so the
web and Celery processes that import the votes app do not carry them.
"""

from .definitions import ItemDefinition, count_item
from .results import CountsDisagree, ItemResult
from .rules import Decision, Rules, decide, quorum_needed


def __getattr__(name: str):
    """The counting functions, imported on first use (see above)."""
    if name in ("count_choice", "count_motion"):
        from . import simple

        return getattr(simple, name)
    if name == "count_ranking":
        from .stv import count_ranking

        return count_ranking
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CountsDisagree",
    "Decision",
    "ItemDefinition",
    "ItemResult",
    "Rules",
    "count_choice",
    "count_item",
    "count_motion",
    "count_ranking",
    "decide",
    "quorum_needed",
]
