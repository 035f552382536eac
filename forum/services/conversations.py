"""Starting, opening, closing and summarising conversations."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.models import Audience, Conversation, ConversationState
from members.models import Member
from members.permissions import is_admin

State = ConversationState


def _check_scope(conversation: Conversation, actor: Member) -> None:
    if conversation.audience == Audience.PROVINCE and not conversation.province:
        raise ValidationError({"province": _("Kies een provincie.")})
    if conversation.audience == Audience.BRANCH and not conversation.branch_id:
        raise ValidationError({"branch": _("Kies een afdeling.")})
    if conversation.closes_at <= conversation.opens_at:
        raise ValidationError({"closes_at": _("Het einde ligt na het begin.")})
    if not is_admin(actor) and conversation.branch_id not in actor.organised_branch_ids:
        raise ValidationError({"branch": _("Kies een afdeling die je organiseert.")})


@transaction.atomic
def conversation_save(*, conversation: Conversation, actor: Member) -> Conversation:
    """Create or change a conversation; organisers only for their own branch."""
    _check_scope(conversation, actor)
    if conversation.created_by_id is None:
        conversation.created_by = actor
    conversation.full_clean()
    conversation.save()
    return conversation


@transaction.atomic
def conversation_set_moderators(*, conversation: Conversation, emails: list[str]) -> int:
    """The gespreksleiders, by e-mail address: current members only."""
    found = [
        m
        for m in Member.objects.filter(email__in=emails, anonymised_at__isnull=True)
        if m.is_current
    ]
    if len(found) != len(set(emails)):
        raise ValidationError({"moderator_emails": _("Niet elk adres hoort bij een lid.")})
    conversation.moderators.set(found)
    return len(found)


@transaction.atomic
def conversation_open(*, conversation: Conversation) -> Conversation:
    """Open for contributions; the audience is invited (once) after commit."""
    from forum.tasks import send_conversation_invitations

    if conversation.state != State.DRAFT:
        raise ValidationError(_("Alleen een concept kan worden geopend."))
    conversation.state = State.OPEN
    conversation.save(update_fields=["state"])
    send_conversation_invitations.delay_on_commit(conversation.pk)
    return conversation


@transaction.atomic
def conversation_close(*, conversation: Conversation) -> Conversation:
    if conversation.state != State.OPEN:
        raise ValidationError(_("Alleen een open gesprek kan worden gesloten."))
    conversation.state = State.CLOSED
    conversation.closed_at = timezone.now()
    conversation.save(update_fields=["state", "closed_at"])
    return conversation


@transaction.atomic
def conversation_summarise(
    *,
    conversation: Conversation,
    summary: str,
    disagreements: str,
    consensus: list[str],
) -> Conversation:
    """Publish the summary: what came up, the consensus statements, open disagreements.

    Everyone who took part (experts included) is told once, after commit.
    """
    from forum.tasks import send_conversation_summary

    if conversation.state not in (State.CLOSED, State.SUMMARISED):
        raise ValidationError(_("Schrijf de samenvatting als het gesprek gesloten is."))
    conversation.summary, conversation.disagreements = summary.strip(), disagreements.strip()
    conversation.summary_statements = consensus
    conversation.state = State.SUMMARISED
    conversation.summary_published_at = conversation.summary_published_at or timezone.now()
    conversation.full_clean()
    conversation.save(
        update_fields=[
            "summary",
            "disagreements",
            "summary_statements",
            "state",
            "summary_published_at",
        ]
    )
    send_conversation_summary.delay_on_commit(conversation.pk)
    return conversation


def conversations_close_ended(*, now=None) -> int:
    """Close every open conversation whose period has passed (the hourly sweep)."""
    now = now or timezone.now()
    ended = Conversation.objects.filter(state=State.OPEN, closes_at__lte=now)
    return sum(1 for c in ended if conversation_close(conversation=c))


def process_mark_feedback_published(*, process_id: int, url: str, summary: str) -> None:
    """Called by the feedback (top floor) once the feedback on this conversation is out."""
    conversation = Conversation.objects.filter(pk=process_id).first()
    if conversation is None:
        return
    conversation.feedback_url, conversation.feedback_summary = url, summary
    conversation.feedback_published_at = timezone.now()
    conversation.save(update_fields=["feedback_url", "feedback_summary", "feedback_published_at"])
