"""Fair lottery engine: quota-respecting panel selection that is maximally fair (LEXIMIN).

Plain Python on NumPy and HiGHS; no Django. See README.md in this folder.
"""

from .engine import select_panel
from .feasibility import check_feasibility
from .model import (
    InfeasibleQuotas,
    Person,
    Quota,
    Relaxation,
    Selection,
    UniformLottery,
    WorkLimitReached,
)
from .reserves import replacement_for

__all__ = [
    "InfeasibleQuotas",
    "Person",
    "Quota",
    "Relaxation",
    "Selection",
    "UniformLottery",
    "WorkLimitReached",
    "check_feasibility",
    "replacement_for",
    "select_panel",
]
