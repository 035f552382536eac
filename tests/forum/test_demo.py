import io

import pytest

from forum import demo as forum_demo
from forum.models import Contribution, Conversation, ConversationState, StatementVote
from members import demo as members_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(monkeypatch):
    monkeypatch.setattr(members_demo, "MEMBER_COUNT", 200)
    members_demo.seed(stdout=io.StringIO())
    forum_demo.seed(stdout=io.StringIO())
    return Conversation.objects.get(title=forum_demo.OPEN_TITLE)


def test_demo_is_idempotent(seeded):
    count = Contribution.objects.count()
    forum_demo.seed(stdout=io.StringIO())
    assert Contribution.objects.count() == count


def test_the_open_conversation_has_two_experts_40_contributions_and_300_votes(seeded):
    assert seeded.experts.filter(confirmed_at__isnull=False).count() == 2
    assert seeded.contributions.count() == 40
    assert StatementVote.objects.filter(statement__conversation=seeded).count() == 300


def test_the_votes_form_visible_groups_with_a_consensus(seeded):
    result = seeded.opinion_map.result
    assert result["shown"] and len(result["groups"]) >= 2
    assert any(c["is_consensus"] for c in result["consensus"])


def test_the_closed_conversation_has_its_summary(seeded):
    closed = Conversation.objects.get(title=forum_demo.CLOSED_TITLE)
    assert closed.state == ConversationState.SUMMARISED and closed.summary
