"""Deterministic synthetic pools shaped like `../shared/sortition/synthetic_*`.

Dutch-like membership with self-selection bias: each person's value in a category is drawn
from the shares of the shared pool synthetic_L (its `pool_count`, which over-represents the
old, the highly educated and long-standing members), and the quotas come from the population
shares (its `population_share`) within +-15 %: min = floor(k s 0.85), max = ceil(k s 1.15),
and min 0 for a value with fewer than two expected seats.

    python bench/lottery/pools.py FOLDER N K [CATEGORIES] [SEED]

writes FOLDER/respondents.csv and FOLDER/categories.csv; the same arguments give the same
bytes on any machine (NumPy's PCG64 stream from SEED).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np

# value: (population share, share in the self-selected pool), from synthetic_L/meta.json
CATEGORIES: dict[str, dict[str, tuple[float, float]]] = {
    "gender": {"anders": (0.0102, 0.0110), "man": (0.4896, 0.5183), "vrouw": (0.5002, 0.4707)},
    "age": {
        "16-24": (0.1196, 0.0387),
        "25-34": (0.1498, 0.0883),
        "35-44": (0.1496, 0.1160),
        "45-54": (0.1707, 0.1460),
        "55-64": (0.1697, 0.2223),
        "65+": (0.2406, 0.3887),
    },
    "province": {
        "Drenthe": (0.0280, 0.0213),
        "Flevoland": (0.0252, 0.0227),
        "Friesland": (0.0371, 0.0357),
        "Gelderland": (0.1198, 0.1163),
        "Groningen": (0.0343, 0.0433),
        "Limburg": (0.0643, 0.0500),
        "Noord-Brabant": (0.1453, 0.1310),
        "Noord-Holland": (0.1660, 0.1983),
        "Overijssel": (0.0669, 0.0680),
        "Utrecht": (0.0791, 0.1007),
        "Zeeland": (0.0221, 0.0247),
        "Zuid-Holland": (0.2119, 0.1880),
    },
    "education": {"hoog": (0.3200, 0.5083), "laag": (0.3197, 0.1710), "middel": (0.3603, 0.3207)},
    "membership": {
        "1-3 jaar": (0.2400, 0.1683),
        "10+ jaar": (0.3283, 0.5010),
        "3-10 jaar": (0.2736, 0.2560),
        "<1 jaar": (0.1582, 0.0747),
    },
    "migration": {
        "geen": (0.7239, 0.8047),
        "niet-westers": (0.1681, 0.0847),
        "westers": (0.1080, 0.1107),
    },  # fmt: skip
    "urbanisation": {
        "matig": (0.1612, 0.1663),
        "niet": (0.1428, 0.1553),
        "sterk": (0.2373, 0.2163),
        "weinig": (0.1705, 0.1913),
        "zeer sterk": (0.2883, 0.2707),
    },
}
TOLERANCE = 0.15


def make_pool(folder: Path, n: int, k: int, categories: int = 7, seed: int = 2026) -> Path:
    """Write a pool of `n` respondents with quotas for a panel of `k` over the first
    `categories` categories (gender, age, province, education, membership, migration,
    urbanisation) into `folder`; returns `folder`."""
    names = list(CATEGORIES)[:categories]
    rng = np.random.default_rng(seed)
    columns = []
    for name in names:
        values = list(CATEGORIES[name])
        pool_share = np.array([CATEGORIES[name][v][1] for v in values])
        columns.append(
            [values[i] for i in rng.choice(len(values), n, p=pool_share / pool_share.sum())]
        )
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["id," + ",".join(names)]
    lines += [f"p{i:05}," + ",".join(column[i] for column in columns) for i in range(n)]
    (folder / "respondents.csv").write_text("\n".join(lines) + "\n")
    quota_lines = ["category,feature,min,max"]
    for name in names:
        for value, (share, _) in CATEGORIES[name].items():
            seats = k * share
            low = 0 if seats < 2 else math.floor(seats * (1 - TOLERANCE))
            high = math.ceil(seats * (1 + TOLERANCE))
            quota_lines.append(f"{name},{value},{low},{high}")
    (folder / "categories.csv").write_text("\n".join(quota_lines) + "\n")
    return folder


if __name__ == "__main__":
    folder, n, k, *rest = sys.argv[1:]
    make_pool(Path(folder), int(n), int(k), *(int(x) for x in rest))
