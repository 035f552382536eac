import pytest
from django.core.exceptions import ValidationError

from votes import box
from votes.models import RollEntry
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
