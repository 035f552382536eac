"""Recount a published vote from its files: ``python -m votes.recount ballots.csv [result.json]``.

Needs nothing but the two files, this package and the two counting libraries (stvpoll,
pref-voting): no Django, no database. Every item is counted again from ballots.csv with the
definition result.json gives (kind, method, options, seats, tie seed, full order); the
recomputed counts, rounds, ties and elected candidates must equal the published ones. Exit
status 0 when they do, 1 with the differences otherwise.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from votes.counting import CountsDisagree, ItemDefinition, Rules, count_item, quorum_needed
from votes.counting.files import BallotRow, read_ballots_csv, read_result_json
from votes.counting.results import RECOUNTED


def recount(rows: list[BallotRow], document: dict) -> tuple[list[dict], list[str]]:
    """Count every item again; returns the recomputed items and the differences found."""
    selections: dict[str, list[list[str]]] = defaultdict(list)
    for row in rows:
        selections[row.item].append(row.selection())
    published = {entry["item"]: entry for entry in document["items"]}
    unknown = sorted(selections.keys() - published.keys())
    problems = [f"ballots.csv has an item result.json lacks: {item!r}" for item in unknown]
    problems += _quorum_problems(document)
    recounted = []
    for item, entry in published.items():
        found, turnout = len(selections[item]), document["turnout"]
        if found != turnout:
            problems.append(f"{item}: {found} ballots in ballots.csv, turnout {turnout}")
        try:
            again = count_item(ItemDefinition.from_json(entry), selections[item]).to_json()
        except (CountsDisagree, ValueError) as error:
            problems.append(f"{item}: {error}")
            continue
        recounted.append(again)
        problems += [
            f"{item}: {key} differ (published {entry.get(key)!r}, recounted {again[key]!r})"
            for key in RECOUNTED
            if entry.get(key) != again[key]
        ]
    return recounted, problems


def _quorum_problems(document: dict) -> list[str]:
    if "rules" not in document:
        return []
    needed = quorum_needed(document["eligible"], Rules(**document["rules"]))
    met = document["turnout"] >= needed
    if met == document["quorum_met"]:
        return []
    return [f"quorum_met is {document['quorum_met']}, the rules give {met}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m votes.recount", description=__doc__)
    parser.add_argument("ballots", type=Path, help="ballots.csv")
    parser.add_argument("result", type=Path, nargs="?", help="result.json (default: beside it)")
    args = parser.parse_args(argv)
    result_path = args.result or args.ballots.with_name("result.json")
    rows = read_ballots_csv(args.ballots.read_text(encoding="utf-8"))
    document = read_result_json(result_path.read_text(encoding="utf-8"))
    recounted, problems = recount(rows, document)
    for item in recounted:
        print(f"{item['item']} ({item['kind']}): counts {item['counts']}, blank {item['blank']}")
        if item["elected"]:
            print(f"  elected: {', '.join(item['elected'])}")
        if item["order"]:
            print(f"  order: {', '.join(item['order'])}")
    if problems:
        print(f"The recount DIFFERS from {result_path.name}:", *problems, sep="\n  ")
        return 1
    print(f"The recount of {len(rows)} ballot rows equals {result_path.name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
