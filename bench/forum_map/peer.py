"""Run red-dwarf's Pol.is pipeline (comparison only, never a platform dependency).

peer.py VOTES.json OUT.json  -- VOTES: [[participant, statement, vote], ...] (+1 agree)
Writes the clustered participants' groups, each group's representative statements,
red-dwarf's consensus statements and its group-aware consensus per statement.
"""

from __future__ import annotations

import json
import sys
import time

from reddwarf.implementations.polis import run_pipeline


def main(source: str, target: str) -> None:
    with open(source) as file:
        votes = [
            {"participant_id": p, "statement_id": s, "vote": v, "modified": 0}
            for p, s, v in json.load(file)
        ]
    started = time.perf_counter()
    result = run_pipeline(votes=votes, random_state=0)
    seconds = time.perf_counter() - started
    frame = result.participants_df
    clustered = frame[frame["to_cluster"]]
    out = {
        "seconds": round(seconds, 3),
        "membership": {str(p): int(g) for p, g in clustered["cluster_id"].items()},
        "repness": {
            str(g): [[int(r["tid"]), r["repful-for"]] for r in rows]
            for g, rows in result.repness.items()
        },
        "consensus_agree": [int(r["tid"]) for r in result.consensus["agree"]],
        "gac": {str(s): float(v) for s, v in result.group_aware_consensus["agree"].items()},
    }
    with open(target, "w") as file:
        json.dump(out, file)


if __name__ == "__main__":
    main(*sys.argv[1:])
