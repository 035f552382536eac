"""Quota suggestions from the membership's shares. Plain Python, no Django."""

import math


def suggest_quota(count: int, total: int, panel_size: int, tolerance: float) -> tuple[int, int]:
    """(min, max) seats for a value held by `count` of `total` eligible people.

    The expected number of seats, widened by `tolerance` (0.2 = 20 %) on each side; a value
    that occurs at all may get at least one seat.
    """
    if total == 0 or count == 0:
        return 0, 0
    expected = panel_size * count / total
    low = max(0, math.floor(expected * (1 - tolerance)))
    high = min(panel_size, max(1, math.ceil(expected * (1 + tolerance))))
    return low, high
