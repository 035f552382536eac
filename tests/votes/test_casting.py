import re

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from votes import box, crypto
from votes.models import RollEntry, Vote, VoteState
from votes.services import ballot_cast, ballot_clean

pytestmark = pytest.mark.django_db


def test_casting_marks_the_roll_and_drops_one_sealed_ballot(vote_factory, opened, cast):
    vote, _shares = opened(vote_factory())
    member = vote.roll.first().member
    cast(vote, member)
    assert RollEntry.objects.get(vote=vote, member=member).has_voted
    assert box.box_count(vote.pk) == 1


def test_a_cast_vote_cannot_be_cast_again(vote_factory, opened, cast):
    vote, _shares = opened(vote_factory())
    member = vote.roll.first().member
    cast(vote, member)
    with pytest.raises(ValidationError):
        cast(vote, member, {item.key: ["tegen"] for item in vote.items.all()})
    assert box.box_count(vote.pk) == 1


def test_someone_off_the_roll_cannot_vote(vote_factory, member_factory, opened):
    vote, _shares = opened(vote_factory())
    outsider = member_factory(supporter=True)
    with pytest.raises(ValidationError):
        ballot_cast(vote=vote, member=outsider, content={"1": ["voor"]})
    assert box.box_count(vote.pk) == 0


def test_nobody_votes_before_the_vote_opens(vote_factory, member_factory, announce):
    vote, _shares = announce(vote_factory())
    with pytest.raises(ValidationError):
        ballot_cast(vote=vote, member=member_factory(), content={"1": ["voor"]})


def test_a_vote_closed_since_it_was_read_takes_no_ballot(vote_factory, opened):
    vote, _shares = opened(vote_factory())
    member = vote.roll.first().member
    Vote.objects.filter(pk=vote.pk).update(state=VoteState.CLOSED)  # vote is now stale
    with pytest.raises(ValidationError):
        ballot_cast(vote=vote, member=member, content={"1": ["voor"]})
    assert not RollEntry.objects.get(vote=vote, member=member).has_voted
    assert box.box_count(vote.pk) == 0


def test_a_ballot_that_cannot_be_stored_leaves_the_member_free_to_vote(vote_factory, opened):
    """Roll entry and ballot are written together or not at all."""
    vote, _shares = opened(vote_factory())
    member = vote.roll.first().member
    box.box_drop(vote.pk)  # the box fails under the cast
    with pytest.raises(DatabaseError), transaction.atomic():
        ballot_cast(vote=vote, member=member, content={"1": ["voor"]})
    assert not RollEntry.objects.get(vote=vote, member=member).has_voted


def test_trackers_use_an_alphabet_without_easily_misread_characters():
    trackers = {crypto.tracker_new() for _ in range(500)}
    assert len(trackers) == 500
    assert all(re.fullmatch(r"([A-HJ-NP-Z2-9]{4}-){3}[A-HJ-NP-Z2-9]{4}", t) for t in trackers)
    assert set("".join(trackers).replace("-", "")) == set("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")


def test_a_ranking_needs_numbers_without_gaps(vote_factory, ballot_item_factory):
    vote = vote_factory(items=[])
    item = ballot_item_factory(vote=vote, ranking=True)
    with pytest.raises(ValidationError):
        ballot_clean(vote=vote, answers={item.pk: {"Anna": 1, "Bram": 3}})


def test_a_ranking_is_kept_best_first(vote_factory, ballot_item_factory):
    vote = vote_factory(items=[])
    item = ballot_item_factory(vote=vote, ranking=True)
    content = ballot_clean(vote=vote, answers={item.pk: {"Anna": 2, "Cem": 1, "Bram": None}})
    assert content == {item.key: ["Cem", "Anna"]}
