"""The roll (who voted) and the ballot box (what was voted) cannot be joined."""

import base64

import pytest
from django.db import connection
from nacl.exceptions import CryptoError

from votes import box, crypto
from votes.models import CountedBallot, RollEntry

pytestmark = pytest.mark.django_db

# Every column a ballot table may have, and why it cannot lead to a member or roll entry.
ALLOWED = {
    "id": "a random UUID, drawn per ballot",
    "sealed": "the sealed ballot itself",
    "vote_id": "the vote: every ballot of a vote shares it",
    "position": "the random order the ballots were shuffled into at counting",
    "content": "the decrypted ballot: choices only, no tracker",
}


def _columns(table: str) -> list:
    with connection.cursor() as cursor:
        return connection.introspection.get_table_description(cursor, table)


def _foreign_keys(table: str) -> dict:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {c["columns"][0]: c["foreign_key"] for c in constraints.values() if c["foreign_key"]}


def _ballot_tables(vote) -> list[str]:
    return [box.box_table(vote.pk), CountedBallot._meta.db_table]


def test_no_column_of_a_ballot_table_could_join_a_ballot_to_a_member(vote_factory, opened):
    vote, _shares = opened(vote_factory())
    for table in _ballot_tables(vote):
        names = {column.name for column in _columns(table)}
        assert names <= set(ALLOWED), f"{table}: unexplained columns {names - set(ALLOWED)}"
        targets = {target[0] for target in _foreign_keys(table).values()}
        assert targets <= {"votes_vote"}, f"{table} references {targets}"


def test_ballot_and_roll_ids_are_random_not_a_sequence(vote_factory, member_factory, opened, cast):
    vote, _shares = opened(vote_factory())
    cast(vote, vote.roll.first().member)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {box.box_table(vote.pk)}")
        (ballot_id,) = cursor.fetchone()
    assert len(ballot_id) == 32 and int(ballot_id, 16) > 2**64
    assert RollEntry._meta.pk.get_internal_type() == "UUIDField"
    assert not any(f.get_internal_type() == "AutoField" for f in CountedBallot._meta.fields)


def test_a_ballot_cannot_be_read_from_the_database_during_the_vote(vote_factory, opened, cast):
    vote, _shares = opened(vote_factory())
    tracker = cast(vote, vote.roll.first().member, {"1": ["voor"]} | _all(vote, ["voor"]))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT sealed FROM {box.box_table(vote.pk)}")
        (raw,) = cursor.fetchone()
    sealed = base64.b64decode(raw)
    assert b"voor" not in sealed and tracker.encode() not in sealed
    with pytest.raises(CryptoError):
        crypto.ballot_open(sealed, crypto.key_new())


def test_sealed_ballots_all_have_the_same_size_whatever_was_voted(vote_factory, opened, cast):
    vote, _shares = opened(vote_factory())
    members = [entry.member for entry in vote.roll.all()[:2]]
    cast(vote, members[0], _all(vote, ["voor"]))
    cast(vote, members[1], _all(vote, ["blanco"]))
    assert len({len(s) for s in box.box_read(vote.pk)}) == 1


def _all(vote, answer):
    return {item.key: answer for item in vote.items.all()}


def test_the_key_is_rebuilt_from_any_two_of_three_shares():
    key = crypto.key_new()
    shares = crypto.key_split(key, 3)
    public = crypto.public_hex(key)
    for pair in [(0, 1), (0, 2), (1, 2)]:
        rebuilt = crypto.key_combine([shares[i] for i in pair], public)
        assert rebuilt.encode() == key.encode()


def test_one_share_does_not_rebuild_the_key():
    key = crypto.key_new()
    shares = crypto.key_split(key, 3)
    with pytest.raises(crypto.BadShares):
        crypto.key_combine([shares[0]], crypto.public_hex(key))


def test_the_same_share_twice_does_not_rebuild_the_key():
    key = crypto.key_new()
    shares = crypto.key_split(key, 3)
    with pytest.raises(crypto.BadShares):
        crypto.key_combine([shares[0], shares[0]], crypto.public_hex(key))


def test_the_private_key_is_stored_nowhere(vote_factory, announce):
    vote, shares = announce(vote_factory())
    values = [str(v) for v in vote.__dict__.values()]
    for share in shares.values():
        assert all(share.split("-")[1][:16] not in value for value in values)
    assert vote.public_key and len(vote.public_key) == 64


def test_a_share_is_handed_out_once(vote_factory, announce):
    from votes.services import share_pick_up

    vote, _shares = announce(vote_factory())
    holder = vote.committee.first().member
    assert share_pick_up(vote=vote, member=holder) is None
