"""The invitee's answer through the personal link, and the calls to those who did not answer."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beraad.models import Call, Invitation, PanelState
from beraad.services.letters import INVITATION_SALT
from beraad.services.panels import panel_require_state
from members.models import Member, Role
from shared.links import BadLink, link_object, link_verify


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation behind a personal link, or None for a forged, unknown or revoked link.
    The link lives as long as the invitation can be answered (the panel's state)."""
    invitations = Invitation.objects.select_related("panel", "member", "member__branch")
    pk = link_object(token)
    invitation = invitations.filter(pk=pk).first() if pk and pk.isdigit() else None
    if invitation is None:
        return None
    try:
        member_id = link_verify(
            token, purpose=INVITATION_SALT, key=invitation.member.link_key, obj=invitation.pk
        )
    except BadLink:
        return None
    return invitation if member_id == invitation.member_id else None


@transaction.atomic
def invitation_respond(
    *,
    invitation: Invitation,
    accept: bool,
    category_values: dict[str, str] | None = None,
    availability: list[int] | None = None,
    availability_note: str = "",
    consent: bool = False,
) -> Invitation:
    """Accept (with confirmed traits, availability and consent) or decline."""
    panel_require_state(invitation.panel, PanelState.INVITATIONS_SENT)
    now = timezone.now()
    invitation.responded_at = now
    if not accept:
        invitation.status = Invitation.Status.DECLINED
        invitation.consent_at = None
    else:
        if not consent:
            raise ValidationError(_("Geef toestemming om je gegevens voor de loting te gebruiken."))
        _check_category_values(invitation, category_values or {})
        invitation.status = Invitation.Status.ACCEPTED
        invitation.category_values = {**invitation.category_values, **(category_values or {})}
        invitation.categories_confirmed_at = invitation.consent_at = now
        invitation.availability = sorted(availability or [])
        invitation.availability_note = availability_note
    invitation.full_clean()
    invitation.save()
    return invitation


def _check_category_values(invitation: Invitation, values: dict[str, str]) -> None:
    unknown = set(values) - set(invitation.category_values)
    if unknown:
        raise ValidationError(
            _("Onbekend kenmerk: %(keys)s") % {"keys": ", ".join(sorted(unknown))}
        )


@transaction.atomic
def call_record(*, invitation: Invitation, caller: Member, outcome: str, note: str = "") -> Call:
    """A volunteer's call to an invitee who had not answered (while registration is open)."""
    panel_require_state(invitation.panel, PanelState.INVITATIONS_SENT)
    call = Call(invitation=invitation, caller=caller, outcome=outcome, note=note)
    call.full_clean()
    call.save()
    return call


@transaction.atomic
def calls_assign(*, invitations, caller: Member | None) -> int:
    """Give these invitees to one caller (None: take them back). Returns how many changed."""
    if caller is not None and not caller.roles.filter(role=Role.CALLER).exists():
        raise ValidationError(_("%(name)s is geen beller.") % {"name": caller.full_name})
    ids = [invitation.pk for invitation in invitations]
    return Invitation.objects.filter(pk__in=ids).update(caller=caller)


@transaction.atomic
def personal_data_erase(*, member: Member) -> int:
    """For an anonymised member: their answers' free text and the callers' notes go, and an
    invitation still open is declined so the person is not drawn. The traits stay, so the
    selection report and the published draw inputs are unchanged. Returns invitations."""
    Invitation.objects.filter(caller=member).update(caller=None)  # their share goes back
    invitations = Invitation.objects.filter(member=member)
    Call.objects.filter(invitation__in=invitations).update(note="")
    invitations.filter(panel__state=PanelState.INVITATIONS_SENT).exclude(
        status=Invitation.Status.DECLINED
    ).update(status=Invitation.Status.DECLINED, consent_at=None, responded_at=timezone.now())
    return invitations.update(availability=[], availability_note="")
