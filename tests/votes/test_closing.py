"""Closing and counting: two shares open the box, the cast order goes, the result is published."""

import pytest
from django.core.exceptions import ValidationError

from tests.votes.conftest import close
from votes import box
from votes.models import CountedBallot, VoteState
from votes.services import vote_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted(vote_factory, opened, cast):
    """A vote where three of the roll voted voor, voor, tegen; closed, not yet counted."""
    vote, shares = opened(vote_factory())
    trackers = []
    for entry, answer in zip(vote.roll.all()[:3], ["voor", "voor", "tegen"], strict=True):
        trackers.append(cast(vote, entry.member, {"1": [answer]}))
    return close(vote), list(shares.values()), trackers


def test_two_shares_open_the_box_and_publish_the_result(voted):
    vote, shares, _trackers = voted
    vote = vote_count(vote=vote, shares=shares[:2])
    assert vote.state == VoteState.PUBLISHED
    assert vote.result["items"][0]["counts"] == {"voor": 2, "tegen": 1, "blanco": 0}


def test_one_share_does_not_open_the_box(voted):
    vote, shares, _trackers = voted
    with pytest.raises(ValidationError):
        vote_count(vote=vote, shares=[shares[0], shares[0]])
    assert box.box_exists(vote.pk)


def test_the_cast_order_table_is_gone_after_counting(voted):
    vote, shares, _trackers = voted
    vote_count(vote=vote, shares=shares[1:])
    assert not box.box_exists(vote.pk)
    assert CountedBallot.objects.filter(vote=vote).count() == 3


def test_every_tracker_is_listed_sorted_after_counting(voted):
    vote, shares, trackers = voted
    vote = vote_count(vote=vote, shares=shares[:2])
    assert vote.trackers.splitlines() == sorted(trackers)


def test_the_ballots_equal_the_roll_and_the_trackers(voted):
    vote, shares, _trackers = voted
    vote = vote_count(vote=vote, shares=shares[:2])
    voted_on_roll = vote.roll.filter(has_voted=True).count()
    assert vote.result["turnout"] == voted_on_roll == len(vote.trackers.splitlines())


def test_an_open_vote_cannot_be_counted(vote_factory, opened):
    vote, shares = opened(vote_factory())
    with pytest.raises(ValidationError):
        vote_count(vote=vote, shares=list(shares.values())[:2])


def test_a_vote_below_quorum_decides_nothing(vote_factory, opened, cast):
    vote, shares = opened(vote_factory(quorum_percent=100))
    cast(vote, vote.roll.first().member, {"1": ["voor"]})
    vote = vote_count(vote=close(vote), shares=list(shares.values())[:2])
    assert vote.result["quorum_met"] is False
    assert vote.result["decisions"]["1"]["outcome"] == "no_quorum"


def test_a_disagreeing_count_is_not_published(voted, monkeypatch):
    from votes import results
    from votes.counting import CountsDisagree

    def disagree(definition, selections):
        raise CountsDisagree(definition.item, {"stvpoll": ["A"], "pref_voting": ["B"]})

    monkeypatch.setattr(results, "count_item", disagree)
    vote, shares, _trackers = voted
    vote = vote_count(vote=vote, shares=shares[:2])
    assert vote.state == VoteState.CLOSED and vote.result is None
    assert "disagree" in vote.count_problem
