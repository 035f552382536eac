"""Input from any member to the running panel, moderated by admins."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beraad.models import MemberInput, Panel
from members.models import Member


@transaction.atomic
def member_input_submit(*, panel: Panel, member: Member, text: str) -> MemberInput:
    if not panel.accepts_input:
        raise ValidationError(_("Dit beraad neemt nu geen inbreng aan."))
    member_input = MemberInput(panel=panel, member=member, text=text.strip())
    member_input.full_clean()
    member_input.save()
    return member_input


@transaction.atomic
def member_input_moderate(*, member_input: MemberInput, moderator: Member, approve: bool):
    """Approve (panel members see it) or reject a member's input."""
    Status = MemberInput.Status
    member_input.status = Status.APPROVED if approve else Status.REJECTED
    member_input.moderated_by = moderator
    member_input.moderated_at = timezone.now()
    member_input.save(update_fields=["status", "moderated_by", "moderated_at"])
    return member_input
