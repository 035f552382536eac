"""Account safety: which passwords stay usable, and what a former member keeps.

A password only counts when the person who chose it also proved the address. An account
made by signing up with someone else's address (still unverified) must not become theirs
once the real owner logs in by code or is imported as a member.
"""

import hashlib
import hmac
import logging
from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from members.models import AccountEvent, ErasedMemberNumber, Member

logger = logging.getLogger(__name__)
SIGNUP_SESSION_KEY = "members:signed-up-member"


def member_number_digest(number: str) -> str:
    """A keyed hash of a member number (HMAC-SHA256 with ERASED_MEMBER_NUMBER_KEY)."""
    key = settings.ERASED_MEMBER_NUMBER_KEY.encode()
    return hmac.new(key, number.strip().encode(), hashlib.sha256).hexdigest()


def member_number_record_erased(*, number: str | None) -> None:
    """Remember (as a keyed hash) that this member number was erased on request."""
    if number:
        ErasedMemberNumber.objects.get_or_create(digest=member_number_digest(number))


def erased_number_digests() -> frozenset[str]:
    """The keyed hashes of every member number erased on request (a small table)."""
    return frozenset(ErasedMemberNumber.objects.values_list("digest", flat=True))


def is_erased_number(number: str, digests: frozenset[str]) -> bool:
    return bool(digests) and member_number_digest(number) in digests


@transaction.atomic
def account_clear_password(*, member: Member, reason: str, actor: Member | None = None) -> None:
    """Make the password unusable; changing it also ends every session of the account
    (Django checks a hash of the password on each request)."""
    if not member.has_usable_password():
        return
    member.set_unusable_password()
    member.save(update_fields=["password"])
    AccountEvent.objects.create(
        member=member,
        actor=actor,
        action=AccountEvent.Action.PASSWORD_CLEARED,
        details={"reason": reason},
    )


@transaction.atomic
def account_secure_adopted(*, member_id: int, email: str, actor: Member | None = None) -> bool:
    """An import took over this self-made account; returns whether its owner is proven.

    Only an address its holder verified proves that the account is the member's. Without
    one, the account's password and unverified addresses go, and so do its sessions.
    """
    member = Member.objects.get(pk=member_id)
    verified = EmailAddress.objects.filter(user=member, email__iexact=email, verified=True)
    proven = verified.exists()
    AccountEvent.objects.create(
        member=member,
        actor=actor,
        action=AccountEvent.Action.ADOPTED,
        details={"email": email, "verified": proven},
    )
    if not proven:
        EmailAddress.objects.filter(user=member, verified=False).delete()
        account_clear_password(member=member, reason="adopted_unverified", actor=actor)
    return proven


def account_address_verified(*, request, email_address: EmailAddress) -> None:
    """An address was just verified (login code or confirmation link).

    A password set before the account had any verified address was chosen by someone who
    had not proven the address; it stays usable only when the verification happens in the
    same browser session that signed up (the person who chose it proves the address now).
    """
    member = Member.objects.filter(pk=email_address.user_id).first()
    if member is None or not member.has_usable_password():
        return
    others = EmailAddress.objects.filter(user=member, verified=True).exclude(pk=email_address.pk)
    if others.exists():
        return
    session = getattr(request, "session", None)
    if session is not None and session.get(SIGNUP_SESSION_KEY) == member.pk:
        return
    account_clear_password(member=member, reason="verified_elsewhere")


@transaction.atomic
def member_retire_rights(*, member_ids: Iterable[int], actor: Member | None = None) -> int:
    """Former members keep no role and no admin access; each revocation is audited."""
    holders = (
        Member.objects.filter(pk__in=list(member_ids))
        .filter(Q(roles__isnull=False) | Q(is_staff=True) | Q(is_superuser=True))
        .distinct()
    )
    count = 0
    for member in holders:
        roles = list(member.roles.values_list("role", "branch_id"))
        member.roles.all().delete()
        member.is_staff = member.is_superuser = False
        member.save(update_fields=["is_staff", "is_superuser"])
        AccountEvent.objects.create(
            member=member,
            actor=actor,
            action=AccountEvent.Action.RIGHTS_REVOKED,
            details={"roles": [list(pair) for pair in roles]},
        )
        logger.info("Rights of former member %s revoked", member.pk)
        count += 1
    return count
