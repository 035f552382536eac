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


def _open(pk: int) -> bool:
    """Draft → open, once: the conditional update is the lock, so two sweeps (or a sweep
    and an organiser) racing open it once; the audience is invited after commit."""
    from forum.tasks import send_conversation_invitations

    opened = Conversation.objects.filter(pk=pk, state=State.DRAFT).update(
        state=State.OPEN, open_scheduled=False
    )
    if opened:
        send_conversation_invitations.delay_on_commit(pk)
    return bool(opened)


@transaction.atomic
def conversation_open(*, conversation: Conversation, now=None) -> Conversation:
    """Open for contributions now; before its start date, plan it to open by itself then."""
    now = now or timezone.now()
    if conversation.state != State.DRAFT:
        raise ValidationError(_("Alleen een concept kan worden geopend."))
    if conversation.opens_at > now:
        Conversation.objects.filter(pk=conversation.pk).update(open_scheduled=True)
        conversation.open_scheduled = True
        return conversation
    if not _open(conversation.pk):
        raise ValidationError(_("Alleen een concept kan worden geopend."))
    conversation.state, conversation.open_scheduled = State.OPEN, False
    return conversation


@transaction.atomic
def conversation_unschedule(*, conversation: Conversation) -> Conversation:
    """A planned opening is called off: the conversation stays a draft."""
    if not Conversation.objects.filter(
        pk=conversation.pk, state=State.DRAFT, open_scheduled=True
    ).update(open_scheduled=False):
        raise ValidationError(_("Dit gesprek staat niet gepland."))
    conversation.open_scheduled = False
    return conversation


def conversations_open_due(*, now=None) -> int:
    """Open every planned conversation whose start has come (the sweep, every minute);
    one whose period already ended stays a draft."""
    now = now or timezone.now()
    due = Conversation.objects.filter(
        state=State.DRAFT, open_scheduled=True, opens_at__lte=now, closes_at__gt=now
    ).values_list("pk", flat=True)
    opened = 0
    for pk in due:
        with transaction.atomic():
            opened += _open(pk)
    return opened


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
