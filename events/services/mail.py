"""Every e-mail about an event goes through the outbox, once per (kind, address, key)."""

from django.conf import settings
from django.urls import reverse

from events.ical import event_ics
from events.models import Event, Registration, RegistrationStatus
from events.tokens import REGISTRATION_SALT, guest_key
from members.services.outbox import (
    Attachment,
    PersonalLink,
    outbox_enqueue,
    outbox_enqueue_many,
)

TEMPLATES = "events/email/"


def absolute(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def ics_attachment(event: Event) -> Attachment:
    """The event as a calendar file. A cancelled event is sent as METHOD:CANCEL with
    STATUS:CANCELLED, so calendars that stored the earlier copy (same UID) drop it; a
    changed one carries a raised SEQUENCE, so they replace it."""
    method = "CANCEL" if event.is_cancelled else "PUBLISH"
    return Attachment(
        filename=f"activiteit-{event.pk}.ics",
        content=event_ics(event, method=method).decode(),
        mimetype="text/calendar",
    )


def _context(registration: Registration, extra: dict) -> dict:
    event = registration.event
    return {
        "event": event,
        "registration": registration,
        "event_url": absolute("events:event-detail", event.pk),
        "manage_url": manage_link(registration),
        **extra,
    }


def manage_link(registration: Registration) -> PersonalLink:
    """The registration's personal link (events.tokens), minted when the mail is sent."""
    return PersonalLink(
        "events:registration-manage",
        purpose=REGISTRATION_SALT,
        obj=registration.pk,
        guest_key="" if registration.member_id else guest_key(registration),
    )


def mail_registration(
    registration: Registration,
    *,
    kind: str,
    template: str,
    key: str,
    attach_ics: bool = False,
    extra: dict | None = None,
    to_email: str | None = None,
) -> None:
    """One mail to the person behind a registration (member or guest)."""
    event = registration.event
    outbox_enqueue(
        kind=kind,
        key=f"event:{event.pk}:{key}",
        template=TEMPLATES + template,
        context=_context(registration, extra or {}),
        recipient=registration.member,
        to_email=to_email or (None if registration.member_id else registration.guest_email),
        attachments=[ics_attachment(event)] if attach_ics else (),
    )


def mail_registered(
    event: Event,
    *,
    kind: str,
    template: str,
    key: str,
    extra: dict | None = None,
    waiting_extra: dict | None = None,
    statuses=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING),
    attach_ics: bool = False,
) -> int:
    """A mailing to everyone registered.

    Without a calendar file members go in one batch and guests one by one. With one
    (``attach_ics``), everyone with a place gets the updated ``.ics``; the waiting list
    never gets one, since they have no place to put in a calendar. People on the waiting
    list get ``waiting_extra`` instead of ``extra`` when it is given (a mail to them must
    not carry what only attendees may see, such as the meeting link); ``waiting_extra=False``
    leaves them out.
    """
    registrations = list(
        event.registrations.filter(status__in=statuses).select_related("member", "event")
    )
    if not attach_ics and waiting_extra is None:
        return _mail_batch(event, registrations, kind=kind, template=template, key=key, extra=extra)
    sent = 0
    for registration in registrations:
        context = extra
        if registration.is_waiting and waiting_extra is not None:
            if waiting_extra is False:
                continue
            context = waiting_extra
        mail_registration(
            registration,
            kind=kind,
            template=template,
            key=key,
            extra=context,
            attach_ics=attach_ics and registration.is_confirmed,
        )
        sent += 1
    return sent


def _mail_batch(event, registrations, *, kind, template, key, extra) -> int:
    by_member = {r.member_id: r for r in registrations if r.member_id}
    sent = outbox_enqueue_many(
        kind=kind,
        key=f"event:{event.pk}:{key}",
        template=TEMPLATES + template,
        recipients=[r.member for r in by_member.values()],
        context_for=lambda member: _context(by_member[member.pk], extra or {}),
    )
    for registration in registrations:
        if not registration.member_id:
            mail_registration(registration, kind=kind, template=template, key=key, extra=extra)
            sent += 1
    return sent
