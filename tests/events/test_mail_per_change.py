"""Every state change is mailed once; each mail goes only to who may read it."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from events.models import EventFormat
from events.services.events import event_cancel, event_update
from events.services.registrations import registration_cancel, registration_create
from members.models import MailKind, OutboxMessage

pytestmark = pytest.mark.django_db


def _mails(member, kind=MailKind.EVENT_REGISTRATION, template=""):
    return OutboxMessage.objects.filter(
        kind=kind, to_email=member.email, object_key__contains=template
    )


def _calendar(message) -> Calendar:
    [attachment] = message.content.attachments
    return Calendar.from_ical(attachment["content"])


def test_a_member_promoted_twice_is_mailed_twice(event_factory, member_factory):
    event = event_factory(capacity=1)
    holder, waiting, other = member_factory(), member_factory(), member_factory()
    first = registration_create(event=event, member=holder)
    promoted = registration_create(event=event, member=waiting)
    registration_cancel(registration=first)  # waiting moves up: first promotion
    registration_cancel(registration=promoted)  # gives up; other takes nothing yet
    registration_create(event=event, member=other)  # other has the place now
    registration_create(event=event, member=waiting)  # back on the waiting list
    registration_cancel(registration=event.registrations.get(member=other))
    assert _mails(waiting, template="promoted").count() == 2


def test_registering_again_after_cancelling_is_confirmed_again(event, member):
    registration = registration_create(event=event, member=member)
    registration_cancel(registration=registration)
    registration_create(event=event, member=member)
    assert _mails(member, template="registered").count() == 2


def test_repeating_the_same_registration_sends_no_second_mail(event, member):
    registration_create(event=event, member=member)
    registration_create(event=event, member=member)
    assert _mails(member).count() == 1


def test_the_waiting_list_never_gets_the_meeting_link(event_factory, member_factory):
    event = event_factory(
        capacity=1, format=EventFormat.HYBRID, meeting_link="https://meet.example.org/oud"
    )
    registration_create(event=event, member=member_factory())
    waiting = member_factory()
    registration_create(event=event, member=waiting)
    event_update(
        event=event,
        starts_at=event.starts_at + timedelta(hours=1),
        ends_at=event.ends_at + timedelta(hours=1),
        meeting_link="https://meet.example.org/geheim",
    )
    [message] = _mails(waiting, kind=MailKind.EVENT_CHANGE)
    assert "meet.example.org" not in message.content.text_body + message.content.html_body


def test_a_new_meeting_link_alone_is_not_mailed_to_the_waiting_list(event_factory, member_factory):
    event = event_factory(
        capacity=1, format=EventFormat.ONLINE, address="", meeting_link="https://meet.example.org/a"
    )
    attendee, waiting = member_factory(), member_factory()
    registration_create(event=event, member=attendee)
    registration_create(event=event, member=waiting)
    event_update(event=event, meeting_link="https://meet.example.org/b")
    assert not _mails(waiting, kind=MailKind.EVENT_CHANGE).exists()


def test_attendees_get_the_new_meeting_link(event_factory, member):
    event = event_factory(
        format=EventFormat.ONLINE, address="", meeting_link="https://meet.example.org/a"
    )
    registration_create(event=event, member=member)
    event_update(event=event, meeting_link="https://meet.example.org/b")
    [message] = _mails(member, kind=MailKind.EVENT_CHANGE)
    assert "https://meet.example.org/b" in message.content.text_body


def test_change_mail_carries_a_calendar_file_with_a_raised_sequence(event, member):
    registration_create(event=event, member=member)
    event_update(event=event, address="Bibliotheek, zaal 2")
    event_update(event=event, address="Bibliotheek, zaal 3")
    latest = _mails(member, kind=MailKind.EVENT_CHANGE).get(object_key__endswith="change:2")
    [vevent] = _calendar(latest).walk("VEVENT")
    assert (vevent["SEQUENCE"], str(vevent["LOCATION"])) == (2, "Bibliotheek, zaal 3")


def test_cancellation_mail_cancels_the_calendar_entry(event, member):
    registration_create(event=event, member=member)
    event_cancel(event=event)
    calendar = _calendar(_mails(member, kind=MailKind.EVENT_CHANGE).get())
    [vevent] = calendar.walk("VEVENT")
    assert (str(calendar["METHOD"]), str(vevent["STATUS"])) == ("CANCEL", "CANCELLED")


def test_cancellation_sequence_is_above_the_last_change(event, member):
    registration_create(event=event, member=member)
    event_update(event=event, address="Bibliotheek, zaal 2")
    event_cancel(event=event)
    message = _mails(member, kind=MailKind.EVENT_CHANGE).get(object_key__endswith="cancelled")
    [vevent] = _calendar(message).walk("VEVENT")
    assert vevent["SEQUENCE"] == 2


def test_the_waiting_list_gets_no_calendar_file_on_cancellation(event_factory, member_factory):
    event = event_factory(capacity=1)
    registration_create(event=event, member=member_factory())
    waiting = member_factory()
    registration_create(event=event, member=waiting)
    event_cancel(event=event)
    assert _mails(waiting, kind=MailKind.EVENT_CHANGE).get().content.attachments == []
