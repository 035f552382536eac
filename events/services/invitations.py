"""The bridge from a preferendum round: invite the members who want to talk further."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

import preferendum.selectors
from events.models import Event
from events.services.mail import TEMPLATES, absolute
from members.models import MailKind
from members.services.outbox import outbox_enqueue_many

SCOPE_BRANCH = "branch"
SCOPE_PROVINCE = "province"


@transaction.atomic
def event_invite_round_participants(*, event: Event, round_id: int, scope: str) -> int:
    """Invite everyone who opted in to talk further about a round, in the event's branch or
    province, with a personal e-mail. Idempotent: each member is invited once per event."""
    if not event.is_published or event.has_ended:
        raise ValidationError(_("Publiceer de activiteit eerst."))
    round_ref = preferendum.selectors.process_get(round_id)
    if round_ref is None:
        raise ValidationError(_("Deze preferendumronde bestaat niet."))
    if scope == SCOPE_PROVINCE:
        members = preferendum.selectors.opted_in_members(round_id, province=event.branch.province)
    else:
        members = preferendum.selectors.opted_in_members(round_id, branch_ids=[event.branch_id])
    event_url = absolute("events:event-detail", event.pk)
    return outbox_enqueue_many(
        kind=MailKind.EVENT_INVITATION,
        key=f"event:{event.pk}:invitation",
        template=TEMPLATES + "invitation",
        recipients=members,
        context={"event": event, "round": round_ref, "event_url": event_url},
    )
