"""Places, waiting lists and guests.

Every change of who holds a place locks the event row first (select_for_update), so
concurrent registrations and cancellations never put more people in than there are places.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, ModeratorNotes, Registration, RegistrationStatus, TableSeat
from events.services.mail import mail_registration
from events.services.tables import tables_moderator_withdrawn
from events.tokens import GUEST_CONFIRM_SALT, guest_key
from members.models import MailKind, Member
from members.services.outbox import PersonalLink

Status = RegistrationStatus


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().select_related("branch").get(pk=event.pk)


def _check_open(event: Event) -> None:
    if not event.is_published or event.has_ended:
        raise ValidationError(_("Voor deze activiteit kun je je niet (meer) aanmelden."))


def _save(registration: Registration, fields: list[str]) -> None:
    registration.updated_at = timezone.now()
    registration.full_clean()
    if registration.pk:
        registration.save(update_fields=[*fields, "updated_at"])
    else:
        registration.save()


def _state_key(template: str, registration: Registration) -> str:
    """The outbox key of a mail about one change of a registration's state. It carries the
    moment of that change (``updated_at``, set by every state change), so a member who is
    promoted, cancels and is promoted again hears of each; a retried task or a second run
    of the same change finds the same key and sends nothing twice."""
    return f"{template}:{registration.pk}:{registration.updated_at.timestamp():.6f}"


def _place(event: Event, registration: Registration) -> None:
    """Give a place when one is free, else the end of the waiting list. Needs the lock."""
    confirmed = event.registrations.filter(status=Status.CONFIRMED).count()
    if confirmed < event.capacity:
        registration.status, registration.position = Status.CONFIRMED, None
    else:
        last = event.registrations.filter(status=Status.WAITING).aggregate(m=Max("position"))["m"]
        registration.status, registration.position = Status.WAITING, (last or 0) + 1
    _save(registration, ["status", "position", "agreed_to_moderate"])
    template = "registered" if registration.is_confirmed else "waiting"
    mail_registration(
        registration,
        kind=MailKind.EVENT_REGISTRATION,
        template=template,
        key=_state_key(template, registration),
        attach_ics=registration.is_confirmed,
    )


@transaction.atomic
def registration_create(
    *, event: Event, member: Member, agreed_to_moderate: bool = False
) -> Registration:
    """Register a member; registering again while registered changes nothing."""
    event = _lock(event)
    _check_open(event)
    registration = Registration.objects.filter(event=event, member=member).first()
    if registration and registration.is_active:
        return registration
    registration = registration or Registration(event=event, member=member)
    registration.event = event
    registration.agreed_to_moderate = agreed_to_moderate
    _place(event, registration)
    return registration


@transaction.atomic
def registration_create_guest(*, event: Event, name: str, email: str) -> Registration:
    """Note a guest's wish to come and e-mail them a link to confirm it (double opt-in).

    Sending the form again while unconfirmed sends no second link, so the form cannot be
    used to flood someone's mailbox; after a cancellation a new wish gets a new link.
    """
    event = _lock(event)
    _check_open(event)
    if not event.is_open_to_guests:
        raise ValidationError(_("Deze activiteit is alleen voor leden."))
    email = email.strip().lower()
    registration = Registration.objects.filter(event=event, guest_email=email).first()
    if registration and registration.status != Status.CANCELLED:
        return registration
    registration = registration or Registration(event=event, guest_email=email)
    registration.guest_name, registration.status = name.strip(), Status.PENDING
    _save(registration, ["guest_name", "status"])
    confirm = PersonalLink(
        "events:guest-confirm",
        purpose=GUEST_CONFIRM_SALT,
        obj=registration.pk,
        guest_key=guest_key(registration),
    )
    mail_registration(
        registration,
        kind=MailKind.EVENT_REGISTRATION,
        template="guest_confirm",
        key=f"guest-confirm:{registration.updated_at.timestamp():.6f}",
        extra={"confirm_url": confirm},
    )
    return registration


@transaction.atomic
def registration_confirm_guest(*, registration: Registration) -> Registration:
    """The guest clicked the e-mailed link: now they get a place or join the waiting list."""
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.PENDING:
        return registration
    _check_open(event)
    registration.event = event
    _place(event, registration)
    return registration


def _promote(event: Event) -> list[Registration]:
    """Move people up from the waiting list while places are free. Needs the lock."""
    free = event.capacity - event.registrations.filter(status=Status.CONFIRMED).count()
    promoted = list(
        event.registrations.filter(status=Status.WAITING)
        .select_related("member")
        .order_by("position", "pk")[: max(free, 0)]
    )
    for registration in promoted:
        registration.event = event
        registration.status, registration.position = Status.CONFIRMED, None
        _save(registration, ["status", "position"])
        mail_registration(
            registration,
            kind=MailKind.EVENT_REGISTRATION,
            template="promoted",
            key=_state_key("promoted", registration),
            attach_ics=True,
        )
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration:
    """Give up a place (or a waiting-list spot); the first on the waiting list moves up."""
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        return registration
    registration.status, registration.position = Status.CANCELLED, None
    _save(registration, ["status", "position"])
    TableSeat.objects.filter(registration=registration).delete()
    if registration.member_id:
        tables_moderator_withdrawn(event=event, member=registration.member)
    if event.is_published and not event.has_ended:
        _promote(event)
    return registration


@transaction.atomic
def registration_confirm_presence(*, registration: Registration) -> Registration:
    """The attendee answered the reminder: they are still coming."""
    if registration.is_confirmed and registration.reminder_confirmed_at is None:
        registration.reminder_confirmed_at = timezone.now()
        _save(registration, ["reminder_confirmed_at"])
    return registration


@transaction.atomic
def event_fill_free_places(*, event: Event) -> list[Registration]:
    """After the capacity grew: promote from the waiting list."""
    return _promote(_lock(event))


@transaction.atomic
def personal_data_erase(*, member: Member) -> int:
    """For an anonymised member: places at events still to come are given up (the waiting
    list moves up); past registrations stay for the attendance figures, and their notes
    lose their author. Returns the registrations cancelled."""
    ModeratorNotes.objects.filter(author=member).update(author=None)
    upcoming = [
        r
        for r in Registration.objects.filter(member=member).select_related("event")
        if not r.event.has_ended and r.status != Status.CANCELLED
    ]
    for registration in upcoming:
        registration_cancel(registration=registration)
    return len(upcoming)
