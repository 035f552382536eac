from datetime import timedelta

import pytest

from votes.models import Scope
from votes.selectors import eligible_members

pytestmark = pytest.mark.django_db


def test_a_member_since_before_the_reference_date_may_vote(vote_factory, member_factory):
    vote = vote_factory()
    member = member_factory(member_since=vote.reference_date - timedelta(days=1))
    assert member in eligible_members(vote)


def test_a_member_who_joined_after_the_reference_date_may_not_vote(vote_factory, member_factory):
    vote = vote_factory()
    member = member_factory(member_since=vote.reference_date + timedelta(days=1))
    assert member not in eligible_members(vote)


def test_a_supporter_never_votes(vote_factory, member_factory):
    vote = vote_factory()
    supporter = member_factory(supporter=True, member_since=vote.reference_date)
    assert supporter not in eligible_members(vote)


def test_a_former_member_does_not_vote(vote_factory, member_factory):
    vote = vote_factory()
    former = member_factory(status="former", member_since=vote.reference_date)
    assert former not in eligible_members(vote)


def test_a_branch_vote_is_for_that_branch_only(vote_factory, member_factory, branch_factory):
    here, there = branch_factory(), branch_factory()
    vote = vote_factory(scope=Scope.BRANCH, branch=here)
    inside, outside = member_factory(branch=here), member_factory(branch=there)
    assert list(eligible_members(vote).filter(pk__in=[inside.pk, outside.pk])) == [inside]


def test_a_province_vote_is_for_that_province_only(vote_factory, member_factory, branch_factory):
    north, south = branch_factory(province="groningen"), branch_factory(province="limburg")
    vote = vote_factory(scope=Scope.PROVINCE, province="groningen")
    inside, outside = member_factory(branch=north), member_factory(branch=south)
    assert list(eligible_members(vote).filter(pk__in=[inside.pk, outside.pk])) == [inside]


def test_the_roll_is_frozen_when_the_vote_opens(vote_factory, member_factory, opened):
    vote, _shares = opened(vote_factory())
    latecomer = member_factory(member_since=vote.reference_date)
    assert not vote.roll.filter(member=latecomer).exists()
    assert vote.roll.count() == vote.roll_size and len(vote.roll_sha256) == 64
