"""Personal links in events' mails and calendar feeds (shared.links): no extra tables.

A member's links are keyed by their link key (revoked from "Mijn gegevens"); the calendar
feed also by their feed key ("Agenda-link vernieuwen"). A guest has no account to revoke
from: their links are bound to the registration and its e-mail address, and expire.
"""

from django.core.exceptions import ValidationError

from events.models import Registration
from members.models import Member
from members.services.links import feed_link_key
from shared.links import BadLink, link_member_id, link_object, link_token, link_verify

GUEST_CONFIRM_SALT = "event-guest-confirm"  # the purposes of the two registration links
REGISTRATION_SALT = "event-registration"
FEED_SALT = "calendar-feed"
GUEST_CONFIRM_MAX_AGE = 7 * 24 * 3600
REGISTRATION_MAX_AGE = 90 * 24 * 3600


def guest_key(registration: Registration) -> str:
    """The key of a guest's links: bound to the registration's address (no account)."""
    return f"guest.{registration.guest_email}"


def _key(registration: Registration) -> str:
    if registration.member_id:
        return registration.member.link_key
    return guest_key(registration)


def registration_token(registration: Registration, *, salt: str = REGISTRATION_SALT) -> str:
    return link_token(
        purpose=salt,
        member_id=registration.member_id or 0,
        key=_key(registration),
        obj=registration.pk,
    )


def registration_from_token(
    token: str, *, salt: str = REGISTRATION_SALT, max_age: int = REGISTRATION_MAX_AGE
) -> Registration | None:
    registration = _registration(link_object(token))
    if registration is None:
        return None
    try:
        member_id = link_verify(
            token, purpose=salt, key=_key(registration), obj=registration.pk, max_age=max_age
        )
    except BadLink:
        return None
    return registration if member_id == (registration.member_id or 0) else None


def _registration(pk: str | None) -> Registration | None:
    try:
        registrations = Registration.objects.select_related("event__branch", "member")
        return registrations.filter(pk=pk).first() if pk else None
    except (ValueError, ValidationError):
        return None


def feed_token(member: Member) -> str:
    return link_token(purpose=FEED_SALT, member_id=member.pk, key=feed_link_key(member))


def member_from_feed_token(token: str) -> Member | None:
    member_id = link_member_id(token)
    member = Member.objects.filter(pk=member_id, anonymised_at__isnull=True).first()
    if member is None:
        return None
    try:
        link_verify(token, purpose=FEED_SALT, key=feed_link_key(member), obj="")
    except BadLink:
        return None
    return member
