import io

import pytest

from members import demo as members_demo
from votes import demo as votes_demo
from votes.models import Vote, VoteState

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(monkeypatch):
    monkeypatch.setattr(members_demo, "MEMBER_COUNT", 300)
    members_demo.seed(stdout=io.StringIO())
    votes_demo.seed(stdout=io.StringIO())


def test_demo_has_an_open_a_published_and_a_scheduled_vote(seeded):
    states = sorted(Vote.objects.values_list("state", flat=True))
    assert states == sorted([VoteState.OPEN, VoteState.PUBLISHED, VoteState.SCHEDULED])


def test_the_demo_ranking_is_published_with_its_stv_rounds(seeded):
    published = Vote.objects.get(state=VoteState.PUBLISHED)
    (item,) = published.result["items"]
    assert item["kind"] == "ranking" and len(item["elected"]) == 3 and item["rounds"]


def test_demo_is_idempotent(seeded):
    votes_demo.seed(stdout=io.StringIO())
    assert Vote.objects.count() == 3
