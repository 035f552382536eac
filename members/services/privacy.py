"""Deletion requests and anonymisation ("Mijn gegevens" → verwijderen).

Anonymising keeps the member row, so every count and breakdown stays the same: it keeps
the branch, kind, status and the coarse traits (gender category, birth year and the year
the membership started, both stored as 1 July of that year). Everything that identifies
the person goes: names, e-mail, phone, the address (street, house number and addition,
postcode, town), member number, the free gender description, the extra traits, mail
preferences, roles, login addresses, and the addresses and bodies of the mail sent to
them. Login is switched off. A keyed hash of the member number is kept, so the next import
does not bring the member back.
"""

import logging
from datetime import date

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone

from members.addresses import ADDRESS_FIELDS
from members.models import MailKind, Member, OutboxMessage, Role
from members.services.accounts import member_number_record_erased
from members.services.outbox import outbox_delete_unused_contents, outbox_enqueue_many
from members.services.roles import role_sync_staff
from shared.links import link_key_new

ANONYMOUS_NUMBER = "anoniem-{pk}"
logger = logging.getLogger(__name__)


@transaction.atomic
def member_request_deletion(*, member: Member) -> Member:
    """Record the member's request and tell the admins, who carry it out."""
    if member.deletion_requested_at is None:
        member.deletion_requested_at = timezone.now()
        member.save(update_fields=["deletion_requested_at"])
        outbox_enqueue_many(
            kind=MailKind.ADMIN_SUMMARY,
            key=f"deletion-request:{member.pk}",
            template="members/email/deletion_request",
            recipients=Member.objects.filter(roles__role=Role.ADMIN).distinct(),
            context={"url": settings.SITE_URL + reverse("admin:index")},
        )
    return member


@transaction.atomic
def member_cancel_deletion(*, member: Member) -> Member:
    member.deletion_requested_at = None
    member.save(update_fields=["deletion_requested_at"])
    return member


@transaction.atomic
def member_anonymise(*, member: Member, by: Member) -> Member:
    """Remove everything that identifies ``member``; see the module docstring for what stays."""
    if member.anonymised_at is not None:
        return member
    member_number_record_erased(number=member.member_number)
    _clear_personal_fields(member)
    member.save()
    EmailAddress.objects.filter(user=member).delete()
    member.mail_opt_outs.all().delete()
    member.extra_traits.all().delete()
    member.roles.all().delete()
    role_sync_staff(member=member)
    _scrub_mail(member)
    logger.info("Member %s anonymised by member %s", member.pk, by.pk)
    return member


def _clear_personal_fields(member: Member) -> None:
    member.member_number = ANONYMOUS_NUMBER.format(pk=member.pk)
    member.email = None
    for name in ("first_name", "infix", "last_name", "phone", *ADDRESS_FIELDS):
        setattr(member, name, "")
    member.gender_description = ""
    member.birth_date = _year_only(member.birth_date)
    member.member_since = _year_only(member.member_since)
    member.is_active = False
    member.set_unusable_password()
    member.anonymised_at = timezone.now()
    member.link_key, member.feed_key = link_key_new(), link_key_new()  # old links die


def _year_only(day: date | None) -> date | None:
    return day.replace(month=7, day=1) if day else None


def _scrub_mail(member: Member) -> None:
    messages = OutboxMessage.objects.filter(recipient=member)
    messages.filter(status=OutboxMessage.Status.READY).delete()
    messages.update(
        to_email=Concat(Value("anoniem-"), Cast("pk", CharField()), Value("@invalid")),
        content=None,
    )
    outbox_delete_unused_contents()
