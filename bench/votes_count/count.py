"""One measured count in its own process: ``count.py MODE ballots.csv SEATS SEED``.

MODE is ``stvpoll`` (stvpoll's Scottish STV with the round report), ``pref_voting`` (its
``stv_scottish`` on the same grouped ballots) or ``both`` (``count_ranking``, the platform's
call: stvpoll, the cross-check and the report). Prints one JSON line: seconds spent counting
and its CPU time (reading the file excluded), the elected, and the number of distinct rankings.
"""

import json
import sys
import time
from collections import Counter
from pathlib import Path

from votes.counting import count_ranking
from votes.counting.files import read_ballots_csv
from votes.counting.stv import _Count, pref_voting_elected


def main() -> None:
    mode, path, seats, seed = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    started = time.perf_counter()
    rankings = [row.selection() for row in read_ballots_csv(path.read_text())]
    candidates = sorted({c for r in rankings for c in r})
    read_seconds = time.perf_counter() - started
    grouped = Counter(tuple(r) for r in rankings if r)
    started, cpu = time.perf_counter(), time.process_time()
    if mode == "stvpoll":
        elected = _Count(seed).run(candidates, grouped, seats)
    elif mode == "pref_voting":
        elected = pref_voting_elected(candidates, grouped, seats, seed)
    else:
        elected = count_ranking("bench", rankings, candidates, seats, "stv", seed).elected
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(json.dumps({
        "mode": mode, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
        "read_seconds": round(read_seconds, 2),
        "elected": sorted(elected), "distinct_rankings": len(grouped),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
