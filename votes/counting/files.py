"""The published files: ballots.csv and result.json, written and read as text.

ballots.csv has one row per ballot and item, columns ``item``, ``choice`` and ``ranking``:
a motion's or single choice's option in ``choice`` (empty: blank), approved options joined
by ``|``, a ranking (and a Schulze ballot) best first joined by ``>``. Shuffling the rows is
the caller's job. result.json carries, per item, its definition (what a recount needs) next
to its result.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass

from .definitions import ItemDefinition
from .results import ItemResult

FIELDS = ("item", "choice", "ranking")
CHOICE_SEPARATOR = "|"
RANKING_SEPARATOR = ">"


@dataclass(frozen=True)
class BallotRow:
    item: str
    choice: tuple[str, ...] = ()
    ranking: tuple[str, ...] = ()

    def selection(self) -> list[str]:
        return list(self.ranking or self.choice)


def ballot_row(definition: ItemDefinition, selection: list[str]) -> BallotRow:
    """One ballot's answer to one item as a row (a ranking in ``ranking``)."""
    for name in selection:
        if CHOICE_SEPARATOR in name or RANKING_SEPARATOR in name:
            raise ValueError(f"{name!r} holds a separator ('|' or '>')")
    if definition.kind == "ranking" or definition.method == "schulze":
        return BallotRow(definition.item, ranking=tuple(selection))
    return BallotRow(definition.item, choice=tuple(selection))


def ballots_csv(rows: Iterable[BallotRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for row in rows:
        writer.writerow(
            [row.item, CHOICE_SEPARATOR.join(row.choice), RANKING_SEPARATOR.join(row.ranking)]
        )
    return out.getvalue()


def read_ballots_csv(text: str) -> list[BallotRow]:
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != FIELDS:
        raise ValueError(f"ballots.csv must have the columns {', '.join(FIELDS)}")
    return [
        BallotRow(
            line["item"],
            tuple(_split(line["choice"], CHOICE_SEPARATOR)),
            tuple(_split(line["ranking"], RANKING_SEPARATOR)),
        )
        for line in reader
    ]


def _split(value: str, separator: str) -> list[str]:
    return value.split(separator) if value else []


ROUND_FIELDS = (
    "item", "round", "quota", "candidate", "votes", "outcome", "why", "transfer_value",
    "exhausted",
)  # fmt: skip


def rounds_csv(rankings: Iterable[tuple[str, list[dict]]], *, writer=csv.writer) -> str:
    """The rounds of rankings (item name, its result's rounds) as CSV: one row per round and
    continuing candidate. ``writer``: a ``csv.writer`` alike (the site passes the
    spreadsheet-safe one; the recount, which imports nothing of the site, the plain one)."""
    out = io.StringIO()
    rows = writer(out, lineterminator="\n")
    rows.writerow(ROUND_FIELDS)
    for item, rounds in rankings:
        for entry in rounds:
            for candidate, votes in entry["votes"].items():
                outcome = next(
                    (key for key in ("elected", "excluded") if candidate in entry.get(key, [])), ""
                )
                rows.writerow([
                    item, entry["round"], entry["quota"], candidate, votes, outcome,
                    entry.get("why", "") if outcome else "",
                    entry.get("transfer_values", {}).get(candidate, ""), entry.get("exhausted", ""),
                ])  # fmt: skip
    return out.getvalue()


def result_document(
    *,
    items: list[tuple[ItemDefinition, ItemResult]],
    turnout: int,
    eligible: int,
    quorum_met: bool,
    **extra,
) -> dict:
    """result.json's content; ``extra`` (rules, decisions, the roll's hash...) is kept as is."""
    return {
        "turnout": turnout,
        "eligible": eligible,
        "quorum_met": quorum_met,
        "items": [{**d.to_json(), **result.to_json()} for d, result in items],
        **extra,
    }


def result_json(document: dict) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def read_result_json(text: str) -> dict:
    return json.loads(text)
