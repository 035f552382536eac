"""Announcing fixes the ballot; beat opens and closes votes on time."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from votes.models import BallotItem, CountedBallot, RollEntry, Vote, VoteState
from votes.services import drafts, vote_announce
from votes.tasks import advance_votes

pytestmark = pytest.mark.django_db


def test_a_vote_needs_a_committee_of_three(vote_factory, member_factory):
    vote = vote_factory(committee=member_factory.create_batch(2))
    with pytest.raises(ValidationError):
        vote_announce(vote=vote)


def test_an_announced_item_cannot_change(vote_factory, announce):
    vote, _shares = announce(vote_factory())
    item = vote.items.first()
    item.title = "Iets anders"
    with pytest.raises(ValidationError):
        drafts.vote_part_save(obj=item)


def test_an_announced_vote_cannot_change(vote_factory, announce):
    vote, _shares = announce(vote_factory())
    vote.quorum_percent = 50
    with pytest.raises(ValidationError):
        drafts.vote_save(vote=vote)


def test_the_admin_shows_an_announced_vote_read_only(client, admin_member, vote_factory, announce):
    vote, _shares = announce(vote_factory())
    client.force_login(admin_member)
    url = reverse("admin:votes_vote_change", args=[vote.pk])
    client.post(url, {"title": "Veranderd"})
    vote.refresh_from_db()
    assert vote.title != "Veranderd"


def test_the_admin_never_shows_ballots_or_the_roll():
    registered = set(admin.site._registry)
    assert RollEntry not in registered and CountedBallot not in registered
    assert Vote in registered and BallotItem not in registered


def test_beat_opens_a_vote_when_its_time_has_come(vote_factory, announce):
    vote, _shares = announce(vote_factory())
    Vote.objects.filter(pk=vote.pk).update(opens_at=timezone.now() - timedelta(minutes=1))
    advance_votes()
    vote.refresh_from_db()
    assert vote.state == VoteState.OPEN and vote.roll_size == 3


def test_beat_leaves_a_vote_closed_until_it_is_time(vote_factory, announce):
    vote, _shares = announce(vote_factory())
    advance_votes()
    advance_votes()
    vote.refresh_from_db()
    assert vote.state == VoteState.SCHEDULED


def test_beat_closes_a_vote_when_its_time_is_up(vote_factory, opened):
    vote, _shares = opened(vote_factory())
    Vote.objects.filter(pk=vote.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    advance_votes()
    vote.refresh_from_db()
    assert vote.state == VoteState.CLOSED and vote.closed_at is not None
