"""Generated ranked ballots, reproducible from a seed (Plackett-Luce, truncated).

Candidates have unequal support (weights falling as 1/(i+1)^0.7); each member ranks a
prefix of a Plackett-Luce order drawn from those weights, of a length between 1 and all
candidates (geometric, mean about 8), as members do on a long candidate list.
"""

import math
import random


def generate(ballots: int, candidates: int, seed: int = 2026) -> tuple[list[str], list[list[str]]]:
    rng = random.Random(seed)
    names = [f"Kandidaat {i + 1:02}" for i in range(candidates)]
    weights = [1 / (i + 1) ** 0.7 for i in range(candidates)]
    rankings = []
    for _ in range(ballots):
        # Plackett-Luce by exponential races: sort by Exp(1) / weight.
        race = sorted(range(candidates), key=lambda i: -math.log(1 - rng.random()) / weights[i])
        length = min(candidates, 1 + int(math.log(1 - rng.random()) / math.log(1 - 0.12)))
        rankings.append([names[i] for i in race[:length]])
    return names, rankings
