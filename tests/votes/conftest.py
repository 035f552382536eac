from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_factoryboy import register

from tests.votes.factories import BallotItemFactory, VoteFactory
from votes import services
from votes.models import Vote

register(VoteFactory)
register(BallotItemFactory)


@pytest.fixture
def announce():
    """announce(vote) → (vote, {member pk: share}): announced, each share picked up."""

    def run(vote: Vote):
        vote = services.vote_announce(vote=vote)
        holders = [h.member for h in vote.committee.select_related("member")]
        return vote, {m.pk: services.share_pick_up(vote=vote, member=m) for m in holders}

    return run


@pytest.fixture
def opened(announce):
    """opened(vote) → (vote, shares): announced and opened now, its roll frozen."""

    def run(vote: Vote):
        vote, shares = announce(vote)
        Vote.objects.filter(pk=vote.pk).update(opens_at=timezone.now() - timedelta(minutes=1))
        vote.refresh_from_db()
        services.vote_open(vote=vote)
        vote.refresh_from_db()
        return vote, shares

    return run


@pytest.fixture
def cast():
    """cast(vote, member, **answers by item position) → tracker."""

    def run(vote: Vote, member, answers: dict[str, list[str]] | None = None):
        content = answers or {item.key: ["voor"] for item in vote.items.all()}
        return services.ballot_cast(vote=vote, member=member, content=content)

    return run


def close(vote: Vote) -> Vote:
    services.vote_close(vote=vote)
    vote.refresh_from_db()
    return vote
