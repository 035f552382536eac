"""The forum's mail: each once, through the outbox; experts only invitation and summary."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forum.services.conversations import (
    conversation_close,
    conversation_open,
    conversation_summarise,
)
from forum.services.mail import reply_digests_send
from members.models import MailKind, MailOptOut, OutboxMessage
from tests.forum.factories import (
    ContributionFactory,
    ConversationFactory,
    ExpertFactory,
    StatementVoteFactory,
)
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _kind(kind):
    return OutboxMessage.objects.filter(kind=kind)


def test_opening_invites_the_audience_once(django_capture_on_commit_callbacks):
    members = MemberFactory.create_batch(3)
    conversation = ConversationFactory(draft=True)
    with django_capture_on_commit_callbacks(execute=True):
        conversation_open(conversation=conversation)
    with django_capture_on_commit_callbacks(execute=True):
        from forum.tasks import send_conversation_invitations

        send_conversation_invitations.delay(conversation.pk)
    invited = set(_kind(MailKind.FORUM_INVITATION).values_list("recipient_id", flat=True))
    assert {m.pk for m in members} <= invited
    assert _kind(MailKind.FORUM_INVITATION).count() == len(invited)


def test_experts_get_no_audience_invitation(django_capture_on_commit_callbacks):
    expert = ExpertFactory()
    conversation = ConversationFactory(draft=True)
    conversation.experts.add(expert)
    with django_capture_on_commit_callbacks(execute=True):
        conversation_open(conversation=conversation)
    assert not _kind(MailKind.FORUM_INVITATION).filter(recipient=expert.account).exists()


def test_the_summary_goes_once_to_everyone_who_took_part(django_capture_on_commit_callbacks):
    conversation = ConversationFactory()
    writer = ContributionFactory(conversation=conversation).author
    vote = StatementVoteFactory(statement__conversation=conversation)
    expert = ExpertFactory()
    conversation.experts.add(expert)
    bystander = MemberFactory()
    conversation_close(conversation=conversation)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            conversation_summarise(
                conversation=conversation, summary="Veel groen", disagreements="", consensus=[]
            )
    told = list(_kind(MailKind.FORUM_SUMMARY).values_list("recipient_id", flat=True))
    took_part = [writer.pk, vote.participant_id, vote.statement.author_id, expert.account.pk]
    assert sorted(told) == sorted(took_part)
    assert bystander.pk not in told


def test_the_daily_digest_lists_replies_by_others():
    parent = ContributionFactory()
    ContributionFactory(conversation=parent.conversation, parent=parent)
    reply_digests_send()
    reply_digests_send()
    digest = _kind(MailKind.FORUM_REPLIES).get()
    assert digest.recipient == parent.author


def test_no_digest_for_ones_own_replies():
    parent = ContributionFactory()
    ContributionFactory(conversation=parent.conversation, parent=parent, author=parent.author)
    reply_digests_send()
    assert not _kind(MailKind.FORUM_REPLIES).exists()


def test_the_digest_can_be_switched_off():
    parent = ContributionFactory()
    MailOptOut.objects.create(member=parent.author, kind=MailKind.FORUM_REPLIES)
    ContributionFactory(conversation=parent.conversation, parent=parent)
    reply_digests_send()
    assert not _kind(MailKind.FORUM_REPLIES).exists()


def test_experts_get_no_digest():
    expert = ExpertFactory()
    parent = ContributionFactory(author=expert.account, by_expert=True)
    ContributionFactory(conversation=parent.conversation, parent=parent)
    reply_digests_send()
    assert not _kind(MailKind.FORUM_REPLIES).exists()


def test_old_replies_are_not_in_the_digest():
    parent = ContributionFactory()
    ContributionFactory(
        conversation=parent.conversation,
        parent=parent,
        created_at=timezone.now() - timedelta(days=2),
    )
    reply_digests_send()
    assert not _kind(MailKind.FORUM_REPLIES).exists()
