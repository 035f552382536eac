"""A conversation opens at its start: at once when the organiser opens it then, or by itself
when the organiser planned it beforehand; each time once, inviting the audience once."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from forum.models import ConversationState
from forum.services.conversations import (
    conversation_open,
    conversation_unschedule,
    conversations_open_due,
)
from forum.tasks import open_due_conversations
from members.models import MailKind, OutboxMessage
from tests.forum.factories import ConversationFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _planned(**kwargs):
    conversation = ConversationFactory(
        draft=True, opens_at=NOW + timedelta(days=2), closes_at=NOW + timedelta(days=16), **kwargs
    )
    conversation_open(conversation=conversation, now=NOW)
    return conversation


def _state(conversation):
    conversation.refresh_from_db()
    return conversation.state


def test_opening_before_the_start_plans_it_and_keeps_it_a_draft():
    conversation = _planned()
    assert _state(conversation) == ConversationState.DRAFT
    assert conversation.open_scheduled


def test_a_planned_conversation_does_not_open_before_its_start():
    conversation = _planned()
    assert conversations_open_due(now=NOW + timedelta(days=2) - timedelta(seconds=1)) == 0
    assert _state(conversation) == ConversationState.DRAFT


def test_a_planned_conversation_opens_by_itself_at_its_start():
    conversation = _planned()
    assert conversations_open_due(now=NOW + timedelta(days=2)) == 1
    assert _state(conversation) == ConversationState.OPEN
    assert not conversation.open_scheduled


def test_a_draft_that_was_not_planned_stays_a_draft():
    conversation = ConversationFactory(draft=True, opens_at=NOW - timedelta(hours=1))
    assert conversations_open_due(now=NOW) == 0
    assert _state(conversation) == ConversationState.DRAFT


def test_a_planned_conversation_whose_period_ended_does_not_open():
    conversation = _planned()
    assert conversations_open_due(now=NOW + timedelta(days=17)) == 0
    assert _state(conversation) == ConversationState.DRAFT


def test_a_second_sweep_opens_nothing_again():
    _planned()
    conversations_open_due(now=NOW + timedelta(days=3))
    assert conversations_open_due(now=NOW + timedelta(days=3)) == 0


def test_the_audience_is_invited_once_when_it_opens_by_itself(
    django_capture_on_commit_callbacks,
):
    members = MemberFactory.create_batch(2)
    _planned()
    with django_capture_on_commit_callbacks(execute=True):
        conversations_open_due(now=NOW + timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        conversations_open_due(now=NOW + timedelta(days=2, minutes=1))
    invited = OutboxMessage.objects.filter(kind=MailKind.FORUM_INVITATION)
    assert set(invited.values_list("recipient_id", flat=True)) >= {m.pk for m in members}
    assert invited.count() == invited.values("recipient_id").distinct().count()


def test_nobody_is_invited_while_it_is_only_planned(django_capture_on_commit_callbacks):
    MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _planned()
    assert not OutboxMessage.objects.filter(kind=MailKind.FORUM_INVITATION).exists()


def test_an_organiser_opening_and_the_sweep_at_once_open_it_once(
    django_capture_on_commit_callbacks,
):
    """The organiser's copy still says draft when the sweep has opened it already."""
    conversation = _planned()
    stale_copy = type(conversation).objects.get(pk=conversation.pk)
    conversations_open_due(now=NOW + timedelta(days=2))
    with pytest.raises(ValidationError):
        conversation_open(conversation=stale_copy, now=NOW + timedelta(days=2))


def test_calling_off_a_plan_keeps_it_closed_at_its_start():
    conversation = _planned()
    conversation_unschedule(conversation=conversation)
    assert conversations_open_due(now=NOW + timedelta(days=2)) == 0
    assert _state(conversation) == ConversationState.DRAFT


def test_only_a_planned_conversation_can_be_called_off():
    with pytest.raises(ValidationError):
        conversation_unschedule(conversation=ConversationFactory(draft=True))


def test_the_beat_task_opens_due_conversations():
    conversation = ConversationFactory(draft=True, opens_at=NOW + timedelta(days=2))
    conversation_open(conversation=conversation, now=NOW)
    type(conversation).objects.filter(pk=conversation.pk).update(
        opens_at=timezone.now() - timedelta(minutes=1)
    )
    open_due_conversations()
    assert _state(conversation) == ConversationState.OPEN


def test_the_organiser_plans_the_opening_from_the_page(client):
    conversation = ConversationFactory(draft=True, opens_at=timezone.now() + timedelta(days=2))
    client.force_login(MemberFactory(organises=conversation.branch))
    page = client.get(reverse("forum:conversation-detail", args=[conversation.pk]))
    assert "Inplannen: vanzelf openen op" in page.content.decode()
    client.post(reverse("forum:conversation-transition", args=[conversation.pk, "openen"]))
    page = client.get(reverse("forum:conversation-detail", args=[conversation.pk]))
    assert "Gepland: het gesprek gaat vanzelf open op" in page.content.decode()
    assert _state(conversation) == ConversationState.DRAFT


def test_the_organiser_calls_off_the_plan_from_the_page(client):
    conversation = _planned()
    client.force_login(MemberFactory(organises=conversation.branch))
    url = reverse("forum:conversation-transition", args=[conversation.pk, "niet-vanzelf-openen"])
    client.post(url)
    conversation.refresh_from_db()
    assert not conversation.open_scheduled


def test_the_admin_site_cannot_open_a_conversation_by_editing_its_state(client, admin_member):
    """Opening goes through the service (invitations); the admin site shows the state only."""
    conversation = ConversationFactory(draft=True)
    client.force_login(admin_member)
    page = client.get(reverse("admin:forum_conversation_change", args=[conversation.pk]))
    assert page.status_code == 200
    assert 'name="state"' not in page.content.decode()
