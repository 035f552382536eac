"""Signed links in events' e-mails and calendar feeds: no extra tables, nothing to guess."""

from django.core import signing

from events.models import Registration
from members.models import Member

GUEST_CONFIRM_SALT = "events.guest-confirm"
REGISTRATION_SALT = "events.registration"
FEED_SALT = "events.feed"
GUEST_CONFIRM_MAX_AGE = 7 * 24 * 3600
REGISTRATION_MAX_AGE = 90 * 24 * 3600


def registration_token(registration: Registration, *, salt: str = REGISTRATION_SALT) -> str:
    return signing.dumps(registration.pk, salt=salt)


def registration_from_token(
    token: str, *, salt: str = REGISTRATION_SALT, max_age: int = REGISTRATION_MAX_AGE
) -> Registration | None:
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("event__branch", "member").filter(pk=pk).first()


def feed_token(member: Member) -> str:
    return signing.dumps(member.pk, salt=FEED_SALT)


def member_from_feed_token(token: str) -> Member | None:
    try:
        pk = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        return None
    return Member.objects.filter(pk=pk, anonymised_at__isnull=True).first()
