"""Counting a vote's ballots: pure Python (no Django), well-kept libraries for every method.

Motions and single or approval choices are simple counts; Schulze comes from pref_voting;
rankings are counted by stvpoll (Scottish STV, or IRV for one seat) and cross-checked by
pref_voting's Scottish STV. Ties: earlier rounds first, then the public lot (``lot.py``).
"""

from .definitions import ItemDefinition, count_item
from .results import CountsDisagree, ItemResult
from .rules import Decision, Rules, decide, quorum_needed
from .simple import count_choice, count_motion
from .stv import count_ranking

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
