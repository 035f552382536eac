"""From shuffled ballots to the published result, and from the result to pages and files.

The counting is ``votes.counting`` (well-kept libraries, cross-checked); this module feeds
it the vote's items and ballots and reads back what it returns.
"""

from dataclasses import asdict
from fractions import Fraction

from shared import spreadsheet
from votes.counting import (
    CountsDisagree,
    ItemDefinition,
    Rules,
    count_item,
    decide,
    files,
    quorum_needed,
)
from votes.counting.files import result_document
from votes.models import BlankRule, CountedBallot, Vote

DEFAULT_RECOUNT = "python -m votes.recount ballots.csv"


def definitions(vote: Vote) -> list[ItemDefinition]:
    return [
        ItemDefinition(
            item=item.key,
            kind=item.kind,
            method=item.method,
            options=item.option_list,
            seats=item.seats,
            tie_seed=vote.tie_seed,
            full_order=item.full_order,
        )
        for item in vote.items.all()
    ]


def rules(vote: Vote) -> Rules:
    return Rules(
        quorum=Fraction(vote.quorum_percent, 100),
        majority=vote.majority,
        blank_counts=vote.blank_rule == BlankRule.AGAINST,
    )


def _rules_json(vote: Vote) -> dict:
    return {
        "quorum": f"{vote.quorum_percent}/100",
        "majority": vote.majority,
        "blank_counts": vote.blank_rule == BlankRule.AGAINST,
    }


def result_compute(vote: Vote, ballots: list[dict]) -> tuple[dict | None, str]:
    """(result.json, "") when every item is counted alike by both implementations,
    else (None, the reason). ``ballots`` are {item key: [choices]} in published order."""
    turnout, eligible = len(ballots), vote.roll_size or 0
    counted, decisions = [], {}
    for definition in definitions(vote):
        selections = [ballot.get(definition.item, []) for ballot in ballots]
        try:
            item_result = count_item(definition, selections)
        except CountsDisagree as error:
            return None, str(error)
        decision = decide(
            kind=definition.kind,
            counts=item_result.counts,
            turnout=turnout,
            eligible=eligible,
            rules=Rules(**_rules_json(vote)),
        )
        counted.append((definition, item_result))
        decisions[definition.item] = asdict(decision)
    quorum_met = turnout >= quorum_needed(eligible, Rules(**_rules_json(vote)))
    return result_document(
        items=counted,
        turnout=turnout,
        eligible=eligible,
        quorum_met=quorum_met,
        vote=vote.title,
        titles={item.key: item.title for item in vote.items.all()},
        rules=_rules_json(vote),
        decisions=decisions,
        tie_seed=vote.tie_seed,
        roll_sha256=vote.roll_sha256,
        rankings_published=vote.publish_rankings,
    ), ""


def _published(vote: Vote, definition: ItemDefinition) -> bool:
    ranked = definition.kind == "ranking" or definition.method == "schulze"
    return vote.publish_rankings or not ranked


def ballots_csv(vote: Vote) -> str:
    """One row per ballot and item, in the random order of counting; rankings only when the
    vote publishes them."""
    shown = [d for d in definitions(vote) if _published(vote, d)]
    ballots = CountedBallot.objects.filter(vote=vote).order_by("position")
    return files.ballots_csv(
        files.ballot_row(d, ballot.content.get(d.item, []))
        for ballot in ballots.iterator(chunk_size=5000)
        for d in shown
    )


# The results page: bars (server-rendered SVG) beside a text table, STV rounds as a table.
BAR_WIDTH = 300
BAR_HEIGHT = 22


def _bars(counts: dict[str, int | float | str]) -> dict:
    values = {name: float(value) for name, value in counts.items()}
    top = max(values.values(), default=0) or 1
    bars = [
        {
            "label": name,
            "value": counts[name],
            "y": n * BAR_HEIGHT,
            "width": round(BAR_WIDTH * value / top, 2),
        }
        for n, (name, value) in enumerate(values.items())
    ]
    return {"bars": bars, "height": len(bars) * BAR_HEIGHT, "width": BAR_WIDTH}


def _rounds_table(entry: dict) -> dict:
    candidates = list(entry["counts"])
    rows = [
        {
            "round": r["round"],
            "quota": r["quota"],
            "votes": [r["votes"].get(c, "") for c in candidates],
            "elected": r.get("elected", []),
            "excluded": r.get("excluded", []),
            "why": r.get("why", ""),
            "transfers": r.get("transfers", []),
            "transfer_values": r.get("transfer_values", {}),
            "exhausted": r.get("exhausted", ""),
        }
        for r in entry["rounds"]
    ]
    return {"candidates": candidates, "rows": rows}


def report(vote: Vote) -> dict:
    """What the results page shows: the published result.json, with bars and round tables."""
    result = vote.result or {"items": []}
    items = []
    for entry in result["items"]:
        entry = entry | {
            "title": result["titles"][entry["item"]],
            "decision": result["decisions"][entry["item"]],
        }
        chart = entry["counts"]
        if entry["kind"] == "ranking" and entry["rounds"]:
            chart = entry["rounds"][-1]["votes"]
        items.append(entry | {"chart": _bars(chart), "table": _rounds_table(entry)})
    return {"result": result, "items": items, "recount": DEFAULT_RECOUNT}


def rounds_csv(vote: Vote) -> str:
    """Every STV round of every ranking: one row per candidate per round."""
    items = (vote.result or {"items": []})["items"]
    rankings = [(entry["item"], entry["rounds"]) for entry in items if entry.get("rounds")]
    return files.rounds_csv(rankings, writer=spreadsheet.writer)
