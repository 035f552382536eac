import re
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.models import RegistrationStatus
from events.services.registrations import registration_cancel, registration_create
from events.services.reminders import event_send_reminders
from events.tasks import send_event_reminders
from members.models import MailKind, OutboxMessage
from members.services.outbox import outbox_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def tomorrow_event(event_factory):
    day = timezone.localdate() + timedelta(days=1)
    starts_at = timezone.make_aware(datetime.combine(day, time(19, 30)))
    return event_factory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=2), capacity=1)


def test_attendees_of_tomorrows_event_get_one_reminder(tomorrow_event, member):
    registration_create(event=tomorrow_event, member=member)
    event_send_reminders()
    event_send_reminders()
    reminders = OutboxMessage.objects.filter(kind=MailKind.EVENT_REMINDER)
    assert [m.to_email for m in reminders] == [member.email]


def test_people_on_the_waiting_list_get_no_reminder(tomorrow_event, member_factory):
    registration_create(event=tomorrow_event, member=member_factory())
    waiting = member_factory()
    registration_create(event=tomorrow_event, member=waiting)
    event_send_reminders()
    assert not OutboxMessage.objects.filter(kind=MailKind.EVENT_REMINDER, to_email=waiting.email)


def test_events_later_than_tomorrow_get_no_reminder_yet(registration):
    event_send_reminders()
    assert not OutboxMessage.objects.filter(kind=MailKind.EVENT_REMINDER).exists()


def test_reminder_task_runs_the_service(tomorrow_event, member, django_capture_on_commit_callbacks):
    registration_create(event=tomorrow_event, member=member)
    with django_capture_on_commit_callbacks(execute=True):
        send_event_reminders.delay()
    assert OutboxMessage.objects.filter(kind=MailKind.EVENT_REMINDER).count() == 1


def _manage_path(message) -> str:
    """The personal link in the reminder as delivered (the outbox stores no link)."""
    outbox_send(message_id=message.pk)
    sent = next(m for m in mail.outbox if m.to == [message.to_email])
    return re.search(r"http://[^/]+(/activiteiten/aanmelding/\S+/)", sent.body).group(1)


def test_reminder_link_confirms_presence(client, tomorrow_event, member):
    registration = registration_create(event=tomorrow_event, member=member)
    event_send_reminders()
    message = OutboxMessage.objects.get(kind=MailKind.EVENT_REMINDER)
    client.post(_manage_path(message), {"action": "confirm"})
    registration.refresh_from_db()
    assert registration.reminder_confirmed_at is not None


def test_cancelling_from_the_reminder_gives_the_place_to_the_waiting_list(
    client, tomorrow_event, member_factory
):
    registration = registration_create(event=tomorrow_event, member=member_factory())
    waiting = registration_create(event=tomorrow_event, member=member_factory())
    event_send_reminders()
    message = OutboxMessage.objects.get(kind=MailKind.EVENT_REMINDER)
    client.post(_manage_path(message), {"action": "cancel"})
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_promoted_attendee_still_gets_a_reminder_on_the_next_run(
    client, tomorrow_event, member_factory
):
    first = registration_create(event=tomorrow_event, member=member_factory())
    promoted = member_factory()
    registration_create(event=tomorrow_event, member=promoted)
    event_send_reminders()
    registration_cancel(registration=first)
    event_send_reminders()
    assert OutboxMessage.objects.filter(kind=MailKind.EVENT_REMINDER, to_email=promoted.email)
