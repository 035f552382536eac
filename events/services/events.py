"""Creating, changing and closing events; attendees hear about every change that matters."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Attendance, Event, EventFormat, EventState, RegistrationStatus
from events.services.mail import mail_registered
from events.services.registrations import event_fill_free_places
from members.models import Branch, MailKind, Member

# What attendees are told about when it changes after publication.
CHANGE_FIELDS = ("starts_at", "ends_at", "format", "address", "meeting_link")


@transaction.atomic
def event_create(*, branch: Branch, created_by: Member | None, **fields) -> Event:
    """A new event, as a draft until the organiser publishes it."""
    event = Event(branch=branch, created_by=created_by, state=EventState.DRAFT, **fields)
    event.full_clean()
    event.save()
    return event


def _shown(name: str, value):
    return EventFormat(value).label if name == "format" else value


def _changes(event: Event, before: dict) -> list[dict]:
    return [
        {
            "name": name,
            "label": Event._meta.get_field(name).verbose_name,
            "old": _shown(name, before[name]),
            "new": _shown(name, value),
        }
        for name in CHANGE_FIELDS
        if (value := getattr(event, name)) != before[name]
    ]


@transaction.atomic
def event_update(*, event: Event, **fields) -> Event:
    """Change an event. A new time or place of a published event is e-mailed to attendees,
    once per change (the key carries the change counter)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    before = {name: getattr(event, name) for name in CHANGE_FIELDS}
    old_capacity = event.capacity
    for name, value in fields.items():
        setattr(event, name, value)
    _require_room_for_confirmed(event)
    changes = _changes(event, before) if event.is_published else []
    event.change_count += bool(changes)
    event.full_clean()
    event.save(update_fields=[*fields, "change_count"])
    if changes:
        _mail_change(event, changes)
    if event.is_published and event.capacity > old_capacity:
        event_fill_free_places(event=event)
    return event


# Only people with a place may see the link to the online meeting.
ATTENDEES_ONLY = ("meeting_link",)


def _mail_change(event: Event, changes: list[dict]) -> None:
    """Attendees get every change and an updated .ics; the waiting list hears of the changes
    they may see, and nothing when only the meeting link changed."""
    public = [c for c in changes if c["name"] not in ATTENDEES_ONLY]
    mail_registered(
        event,
        kind=MailKind.EVENT_CHANGE,
        template="changed",
        key=f"change:{event.change_count}",
        extra={"changes": changes},
        waiting_extra={"changes": public} if public else False,
        attach_ics=True,
    )


def _require_room_for_confirmed(event: Event) -> None:
    """Lowering the capacity never pushes confirmed people out: they were promised a place."""
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    if event.capacity < confirmed:
        raise ValidationError(
            {
                "capacity": _(
                    "Er zijn al %(count)s bevestigde aanmeldingen: de capaciteit kan niet lager. "
                    "Meld eerst mensen af als er minder plaatsen zijn."
                )
                % {"count": confirmed}
            }
        )


def _set_state(event: Event, state: str, allowed_from: tuple) -> Event:
    if event.state not in allowed_from:
        raise ValidationError(_("Dat kan niet in de huidige status van de activiteit."))
    event.state = state
    event.full_clean()
    event.save(update_fields=["state"])
    return event


@transaction.atomic
def event_publish(*, event: Event) -> Event:
    if event.has_ended:
        raise ValidationError(_("Een activiteit in het verleden kun je niet publiceren."))
    return _set_state(event, EventState.PUBLISHED, (EventState.DRAFT,))


@transaction.atomic
def event_cancel(*, event: Event) -> Event:
    """Call off the event and tell everyone who registered or waits for a place."""
    _set_state(event, EventState.CANCELLED, (EventState.DRAFT, EventState.PUBLISHED))
    mail_registered(
        event, kind=MailKind.EVENT_CHANGE, template="cancelled", key="cancelled", attach_ics=True
    )
    return event


@transaction.atomic
def event_mark_held(*, event: Event) -> Event:
    if event.starts_at > timezone.now():
        raise ValidationError(_("De activiteit is nog niet begonnen."))
    return _set_state(event, EventState.HELD, (EventState.PUBLISHED,))


@transaction.atomic
def event_write_report(*, event: Event, report: str) -> Event:
    """The organiser's short report of what came up; feedback on the topic can link to it."""
    event.report = report.strip()
    event.report_published_at = timezone.now() if event.report else None
    event.full_clean()
    event.save(update_fields=["report", "report_published_at"])
    return event


@transaction.atomic
def attendance_mark(*, event: Event, attendance: dict[int, str]) -> int:
    """Record who came, by registration id. Only confirmed registrations count."""
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED)
    updated = 0
    for value in (Attendance.ATTENDED, Attendance.NO_SHOW, Attendance.UNKNOWN):
        ids = [pk for pk, given in attendance.items() if given == value]
        updated += confirmed.filter(pk__in=ids).update(attendance=value)
    return updated


@transaction.atomic
def process_mark_feedback_published(*, process_id: int, url: str, summary: str) -> None:
    """Called by the feedback (top floor) once the feedback on this event is published."""
    event = Event.objects.filter(pk=process_id).first()
    if event is None:
        return
    event.feedback_url, event.feedback_summary = url, summary
    event.feedback_published_at = timezone.now()
    event.full_clean()
    event.save(update_fields=["feedback_url", "feedback_summary", "feedback_published_at"])
