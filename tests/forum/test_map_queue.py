"""However fast votes come, at most one map recomputation waits per conversation, and every
vote is in a map soon: the one waiting, or the next one queued after it started."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from forum import tasks
from forum.models import OpinionMapState
from forum.services.statements import QUEUED_KEY, vote_cast
from tests.forum.factories import ConversationFactory, StatementFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch):
    """The conversation ids of recomputations handed to the broker (none runs)."""
    sent = []
    monkeypatch.setattr(tasks.recompute_opinion_map, "delay_on_commit", sent.append)
    return sent


def _vote(statement):
    vote_cast(statement=statement, participant=MemberFactory(), value=1)


def test_votes_while_a_recomputation_waits_queue_no_other(queued):
    statement = StatementFactory(conversation=ConversationFactory())
    for _ in range(5):
        _vote(statement)
    assert queued == [statement.conversation_id]


def test_a_vote_after_the_waiting_one_started_queues_the_next(queued):
    statement = StatementFactory(conversation=ConversationFactory())
    _vote(statement)
    tasks.recompute_opinion_map(statement.conversation_id)
    _vote(statement)
    assert queued == [statement.conversation_id] * 2


def test_each_conversation_has_its_own_queue(queued):
    first = StatementFactory(conversation=ConversationFactory())
    second = StatementFactory(conversation=ConversationFactory())
    _vote(first)
    _vote(second)
    assert sorted(queued) == sorted([first.conversation_id, second.conversation_id])


def test_the_sweep_queues_a_stale_map_whose_task_was_lost(queued):
    statement = StatementFactory(conversation=ConversationFactory())
    _vote(statement)
    cache.delete(QUEUED_KEY.format(statement.conversation_id))  # the key timed out
    OpinionMapState.objects.update(votes_changed_at=timezone.now() - timedelta(seconds=30))
    tasks.sweep_opinion_maps()
    assert queued == [statement.conversation_id] * 2


def test_the_sweep_adds_nothing_while_a_recomputation_waits(queued):
    statement = StatementFactory(conversation=ConversationFactory())
    _vote(statement)
    OpinionMapState.objects.update(votes_changed_at=timezone.now() - timedelta(seconds=30))
    tasks.sweep_opinion_maps()
    assert queued == [statement.conversation_id]


def test_the_recomputation_puts_the_vote_on_the_map():
    statement = StatementFactory(conversation=ConversationFactory())
    _vote(statement)
    tasks.recompute_opinion_map(statement.conversation_id)
    state = statement.conversation.opinion_map
    state.refresh_from_db()
    assert not state.is_stale
