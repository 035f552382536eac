"""Posting, replying and correcting contributions, within the room-for-the-quiet rules."""

from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.models import Contribution, Conversation
from members.models import Member, MemberStatus


def _start_of_today() -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))


def contributions_today(*, conversation: Conversation, author: Member) -> int:
    """What counts against the daily limit: replies under one's own contribution are free."""
    return (
        Contribution.objects.filter(
            conversation=conversation, author=author, created_at__gte=_start_of_today()
        )
        .exclude(Q(parent__isnull=False) & Q(parent__author=author))
        .count()
    )


def _check_parent(conversation: Conversation, parent: Contribution | None) -> None:
    if parent is None:
        return
    if parent.conversation_id != conversation.pk or parent.parent_id is not None:
        raise ValidationError(_("Je kunt alleen op een bijdrage reageren, niet op een reactie."))
    if parent.is_hidden:
        raise ValidationError(_("Op een verborgen bijdrage kun je niet reageren."))


def _counts_against_limit(author: Member, parent: Contribution | None) -> bool:
    return parent is None or parent.author_id != author.pk


@transaction.atomic
def contribution_post(
    *, conversation: Conversation, author: Member, text: str, parent: Contribution | None = None
) -> Contribution:
    """Post a contribution or a reply (one level) while the conversation is open."""
    if not conversation.is_open:
        raise ValidationError(_("Dit gesprek is niet open."))
    _check_parent(conversation, parent)
    limit = settings.FORUM_DAILY_CONTRIBUTIONS
    if _counts_against_limit(author, parent) and (
        contributions_today(conversation=conversation, author=author) >= limit
    ):
        raise ValidationError(
            _(
                "Je hebt vandaag al %(limit)s bijdragen geplaatst. Zo krijgen anderen ook "
                "ruimte; morgen kun je weer. Reageren op reacties onder je eigen bijdrage "
                "kan wel."
            )
            % {"limit": limit}
        )
    contribution = Contribution(
        conversation=conversation,
        parent=parent,
        author=author,
        by_expert=author.status == MemberStatus.EXPERT,
        text=text.strip(),
    )
    contribution.full_clean()
    contribution.save()
    return contribution


@transaction.atomic
def contribution_edit(*, contribution: Contribution, text: str) -> Contribution:
    """Change the text; after 15 minutes the change is shown as a correction."""
    contribution.text = text.strip()
    contribution.edited_at = timezone.now()
    contribution.full_clean()
    contribution.save(update_fields=["text", "edited_at"])
    return contribution
