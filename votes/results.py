"""From shuffled ballots to the published result, and from the result to pages and files.

The counting is ``votes.counting`` (well-kept libraries, cross-checked); this module feeds
it the vote's items and ballots and reads back what it returns.
"""

from dataclasses import asdict
from fractions import Fraction

from votes.counting import CountsDisagree, ItemDefinition, Rules, count_item, decide
from votes.models import BlankRule, Vote

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


def result_compute(vote: Vote, ballots: list[dict]) -> tuple[dict | None, str]:
    """(result.json, "") when every item is counted alike by both implementations,
    else (None, the reason). ``ballots`` are {item key: [choices]} in published order."""
    turnout, eligible = len(ballots), vote.roll_size or 0
    titles = {item.key: item.title for item in vote.items.all()}
    items = []
    for definition in definitions(vote):
        selections = [ballot.get(definition.item, []) for ballot in ballots]
        try:
            counted = count_item(definition, selections)
        except CountsDisagree as error:
            return None, str(error)
        decision = decide(
            kind=definition.kind,
            counts=counted.counts,
            turnout=turnout,
            eligible=eligible,
            rules=rules(vote),
        )
        entry = counted.to_json()
        entry |= {"title": titles[definition.item], "decision": asdict(decision)}
        items.append(entry)
    return {
        "vote": vote.title,
        "turnout": turnout,
        "eligible": eligible,
        "quorum_met": all(i["decision"]["quorum_met"] for i in items),
        "quorum_percent": vote.quorum_percent,
        "majority": vote.majority,
        "blank_counts": vote.blank_rule == BlankRule.AGAINST,
        "tie_seed": vote.tie_seed,
        "roll_sha256": vote.roll_sha256,
        "definitions": [d.to_json() for d in definitions(vote)],
        "items": items,
    }, ""
