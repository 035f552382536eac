"""Someone with a copy of the database reads the ballot tables during and after a vote.

Issue 17: during an open vote no ballot is readable, and nothing in a ballot table tells
in which order or when ballots were cast; after counting, the table that kept the cast
order is gone and the counted ballots are in random order.
"""

import pytest
from django.db import connection

from tests.members.factories import MemberFactory
from tests.votes.factories import BallotItemFactory, VoteFactory
from votes import box
from votes import services as vote_services
from votes.models import CountedBallot

pytestmark = pytest.mark.django_db

CHOICE = "Turkoois"  # an option no other text of the test contains
TIME_TYPES = ("date", "time", "timestamp")


@pytest.fixture
def open_vote():
    committee = MemberFactory.create_batch(3)
    vote = VoteFactory(committee=committee, items=[])
    BallotItemFactory(vote=vote, choice=True, options=f"Rood\n{CHOICE}\nBlauw")
    vote = vote_services.vote_announce(vote=vote)
    vote.shares = [vote_services.share_pick_up(vote=vote, member=m) for m in committee]
    vote_services.vote_open(vote=vote)
    vote.refresh_from_db()
    return vote


def _cast_all(vote) -> list[str]:
    voters = [entry.member for entry in vote.roll.select_related("member")][:3]
    return [vote_services.ballot_cast(vote=vote, member=m, content={"1": [CHOICE]}) for m in voters]


def _rows(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")
        return cursor.fetchall()


def _columns(table: str) -> list:
    with connection.cursor() as cursor:
        return connection.introspection.get_table_description(cursor, table)


def test_no_raw_column_of_the_ballot_box_holds_a_choice_or_tracker(open_vote):
    trackers = _cast_all(open_vote)
    raw = repr(_rows(box.box_table(open_vote.pk)))
    assert len(_rows(box.box_table(open_vote.pk))) == len(trackers) >= 2
    assert CHOICE not in raw
    assert not [t for t in trackers if t in raw]


def test_the_ballot_box_has_no_column_that_counts_or_times_ballots(open_vote):
    _cast_all(open_vote)
    table = box.box_table(open_vote.pk)
    for column in _columns(table):
        kind = connection.introspection.get_field_type(column.type_code, column)
        assert "Auto" not in kind and "Integer" not in kind, f"{column.name} is {kind}"
        assert not any(t in kind.lower() for t in TIME_TYPES), f"{column.name} is {kind}"
        assert not column.name.endswith(("_at", "_on", "time")), column.name


@pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite has a hidden rowid")
def test_the_ballot_box_has_no_hidden_insertion_counter(open_vote):
    """SQLite numbers every row of an ordinary table in insertion order (rowid)."""
    _cast_all(open_vote)
    with connection.cursor() as cursor, pytest.raises(Exception, match="rowid"):
        cursor.execute(f"SELECT rowid FROM {box.box_table(open_vote.pk)}")


def test_counted_ballots_have_no_column_that_counts_or_times_ballots():
    for field in CountedBallot._meta.fields:
        internal = field.get_internal_type()
        assert "Auto" not in internal, f"{field.name} is {internal}"
        assert not any(t in internal.lower() for t in TIME_TYPES), f"{field.name} is {internal}"


def test_after_counting_the_table_that_kept_the_cast_order_is_gone(open_vote):
    _cast_all(open_vote)
    vote_services.vote_close(vote=open_vote)
    vote_services.vote_count(vote=open_vote, shares=open_vote.shares[:2])
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert box.box_table(open_vote.pk) not in tables
    assert CountedBallot.objects.filter(vote=open_vote).count() == 3
