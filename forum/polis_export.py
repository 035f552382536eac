"""A conversation's statements and votes in Pol.is's export format (plain Python, no Django).

Pol.is's data export has, among others, ``comments.csv`` (timestamp, datetime, comment-id,
author-id, agrees, disagrees, moderated, comment-body) and ``participants-votes.csv``
(participant, group-id, n-comments, n-votes, n-agree, n-disagree, then one column per
comment id with 1 eens, -1 oneens, 0 overslaan, empty for no vote). Participants are
numbered 0, 1, 2, ... in the order of their ids, as Pol.is numbers them per conversation,
so the files carry no member ids; the same number is used for authors and voters.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

COMMENTS_HEADER = [
    "timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated",
    "comment-body",
]  # fmt: skip
PARTICIPANTS_HEADER = ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"]


@dataclass(frozen=True)
class ExportStatement:
    statement_id: int
    author_id: int
    created: datetime
    text: str
    moderated: int = 1  # Pol.is: 1 accepted, 0 not yet moderated, -1 moderated out


def polis_export(
    statements: Iterable[ExportStatement],
    votes: Iterable[tuple[int, int, int]],
    membership: Mapping[int, int] | None = None,
) -> dict[str, str]:
    """{"comments.csv": ..., "participants-votes.csv": ...}; membership: participant -> group."""
    statements = sorted(statements, key=lambda s: s.statement_id)
    votes = {(p, s): v for p, s, v in votes}
    people = sorted({p for p, _ in votes} | {s.author_id for s in statements})
    number = {person: n for n, person in enumerate(people)}
    return {
        "comments.csv": _comments(statements, votes, number),
        "participants-votes.csv": _participants(statements, votes, number, membership or {}),
    }


def _comments(statements, votes, number) -> str:
    tally = Counter((s, v) for (_, s), v in votes.items())
    rows = [
        [
            int(item.created.timestamp()),
            item.created.astimezone(UTC).strftime(
                "%a %b %d %Y %H:%M:%S GMT+0000 (Coordinated Universal Time)"
            ),
            item.statement_id,
            number[item.author_id],
            tally[item.statement_id, 1],
            tally[item.statement_id, -1],
            item.moderated,
            item.text,
        ]
        for item in statements
    ]
    return _csv(COMMENTS_HEADER, rows)


def _participants(statements, votes, number, membership) -> str:
    ids = sorted({s.statement_id for s in statements} | {s for _, s in votes})
    authored = Counter(s.author_id for s in statements)
    rows = []
    for person, n in number.items():
        own = {s: votes[person, s] for s in ids if (person, s) in votes}
        values = list(own.values())
        rows.append(
            [n, membership.get(person, ""), authored[person], len(own), values.count(1)]
            + [values.count(-1)]
            + [own.get(s, "") for s in ids]
        )
    return _csv(PARTICIPANTS_HEADER + [str(s) for s in ids], rows)


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
