"""The forum's e-mail, all through the members outbox (idempotent per kind and key)."""

from datetime import timedelta

from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from forum import selectors
from forum.models import Contribution, Conversation
from members.models import MailKind
from members.services.outbox import outbox_enqueue_many


def conversation_invite_audience(*, conversation: Conversation) -> int:
    """Invite the audience (members only: experts had their own invitation) once."""
    return outbox_enqueue_many(
        kind=MailKind.FORUM_INVITATION,
        key=f"forum-invitation:{conversation.pk}",
        template="forum/email/invitation",
        recipients=selectors.audience_members(conversation).iterator(),
        context_for=lambda member: {
            "conversation": conversation,
            "path": reverse("forum:conversation-detail", args=[conversation.pk]),
        },
    )


def conversation_send_summary(*, conversation: Conversation) -> int:
    """Tell everyone who took part, experts included, that the summary is out (once)."""
    return outbox_enqueue_many(
        kind=MailKind.FORUM_SUMMARY,
        key=f"forum-summary:{conversation.pk}",
        template="forum/email/summary",
        recipients=selectors.participants(conversation),
        context_for=lambda member: {
            "conversation": conversation,
            "path": reverse("forum:conversation-detail", args=[conversation.pk]),
        },
    )


def reply_digests_send(*, now=None) -> int:
    """One digest per author per day of the replies by others to their contributions in
    the 24 hours before ``now``. Experts get none (only their invitation and the summary).
    """
    now = now or timezone.now()
    replies = (
        Contribution.objects.filter(
            parent__isnull=False,
            created_at__gt=now - timedelta(days=1),
            created_at__lte=now,
            hidden_at__isnull=True,
            parent__author__isnull=False,
            parent__by_expert=False,
        )
        .exclude(author_id=F("parent__author_id"))
        .select_related("parent__author", "conversation")
    )
    by_author: dict = {}
    for reply in replies:
        by_author.setdefault(reply.parent.author, []).append(reply)
    sent = 0
    for author, found in by_author.items():
        sent += outbox_enqueue_many(
            kind=MailKind.FORUM_REPLIES,
            key=f"forum-digest:{now.date().isoformat()}",
            template="forum/email/digest",
            recipients=[author],
            context_for=lambda member, found=found: {"replies": found},
        )
    return sent
