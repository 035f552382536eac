"""Fair lottery engine: quota-respecting panel selection that is maximally fair (LEXIMIN).

Plain Python on NumPy and HiGHS; no Django. See README.md in this folder.
"""

import os

# One BLAS thread: the engine's NumPy products are small, and a second thread only fights
# HiGHS (and other processes) for the cores. Takes effect when NumPy is not loaded yet, as
# in `python -m beraad.lottery` (whose package is imported before __main__ runs).
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

from .engine import select_panel  # noqa: E402
from .feasibility import check_feasibility  # noqa: E402
from .model import (  # noqa: E402
    InfeasibleQuotas,
    Person,
    Quota,
    Relaxation,
    Selection,
    UniformLottery,
    WorkLimitReached,
)
from .reserves import replacement_for  # noqa: E402

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
