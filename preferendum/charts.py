"""How results are drawn: colours, the diverging bar, table rows and the trend line.

Numbers in, what the templates draw out; which numbers are published is
preferendum/results.py.
"""

from collections.abc import Mapping

from preferendum.models import AnswerValue

# The answer values in the order every table and bar shows them: the scale, then no opinion.
VALUES = [1, 2, 3, 4, 5, 0]
# Diverging palette that stays readable for colour-blind people (ColorBrewer RdBu).
COLOURS = {1: "#b2182b", 2: "#ef8a62", 3: "#bababa", 4: "#67a9cf", 5: "#2166ac", 0: "#f0f0f0"}


def label(value: int) -> str:
    return AnswerValue(value).label


def value_rows(counts: Mapping[int, int], percent: Mapping[int, float]) -> list[dict]:
    """One table row per answer value: label, count, percentage and its colour."""
    return [
        {
            "value": v,
            "label": label(v),
            "count": counts[v],
            "percent": percent[v],
            "colour": COLOURS[v],
        }
        for v in VALUES
    ]


def diverging_bar(percent: Mapping[int, float]) -> list[dict]:
    """Segments on a 0–200 axis, centred at 100: disagree left, agree right, neutral split."""
    half = percent[3] / 2
    left = 100 - half - percent[2] - percent[1]
    spans = [(1, left, percent[1]), (2, left + percent[1], percent[2]), (3, 100 - half, percent[3])]
    spans += [(4, 100 + half, percent[4]), (5, 100 + half + percent[4], percent[5])]
    return [
        {"x": round(x, 2), "width": round(w, 2), "colour": COLOURS[v], "label": label(v)}
        for v, x, w in spans
        if w > 0
    ]


def trend_points(agree: list[float]) -> str:
    """The SVG polyline of agreement over the rounds, left to right on a 300 × 100 area."""
    step = 300 / max(len(agree) - 1, 1)
    return " ".join(f"{10 + i * step:.1f},{110 - p:.1f}" for i, p in enumerate(agree))
