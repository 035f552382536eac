"""The Pol.is CSV export: the same columns as Pol.is, no member ids."""

import csv
from datetime import UTC, datetime

from forum.polis_export import ExportStatement, polis_export

MARCH_1 = datetime(2026, 3, 1, tzinfo=UTC)
STATEMENTS = [
    ExportStatement(20, 901, MARCH_1.replace(hour=12), 'Meer groen, ook "echt"'),
    ExportStatement(10, 555, MARCH_1.replace(hour=9, minute=30), "Gratis OV", moderated=-1),
]
VOTES = [(555, 20, 1), (777, 20, -1), (777, 10, 0), (901, 10, 1)]


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(text.splitlines()))


def test_comments_have_polis_columns_and_vote_tallies():
    rows = _rows(polis_export(STATEMENTS, VOTES)["comments.csv"])
    assert rows[0] == [
        "timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated",
        "comment-body",
    ]  # fmt: skip
    assert rows[1] == [
        "1772357400", "Sun Mar 01 2026 09:30:00 GMT+0000 (Coordinated Universal Time)",
        "10", "0", "1", "0", "-1", "Gratis OV",
    ]  # fmt: skip
    assert rows[2][2:] == ["20", "2", "1", "1", "1", 'Meer groen, ook "echt"']


def test_participants_votes_have_polis_columns_and_one_column_per_comment():
    rows = _rows(
        polis_export(STATEMENTS, VOTES, membership={777: 1, 901: 0})["participants-votes.csv"]
    )
    assert rows[0] == [
        "participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree", "10", "20",
    ]  # fmt: skip
    assert rows[1:] == [
        ["0", "", "1", "1", "1", "0", "", "1"],
        ["1", "1", "0", "2", "0", "1", "0", "-1"],
        ["2", "0", "1", "1", "1", "0", "1", ""],
    ]


def test_the_export_numbers_participants_instead_of_naming_members():
    files = polis_export(STATEMENTS, VOTES)
    assert not any(str(member) in text for text in files.values() for member in (555, 777, 901))
