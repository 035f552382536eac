from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from events.models import Attendance, EventState
from events.services.events import (
    attendance_mark,
    event_cancel,
    event_update,
    process_mark_feedback_published,
)
from events.services.registrations import registration_create
from members.models import MailKind, OutboxMessage
from members.services.outbox import message_id_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(member_factory, event):
    return member_factory(organises=event.branch)


def _form_data(branch, **fields) -> dict:
    start = timezone.localtime() + timedelta(days=10)
    return {
        "branch": branch.pk,
        "title": "Koffie met de wethouder",
        "event_type": "sociaal",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "format": "fysiek",
        "address": "Stadhuisplein 1",
        "capacity": 12,
        "audience": "open",
        "partners": "FNV",
        **fields,
    }


def test_organiser_creates_a_draft_event(client, member_factory, branch):
    client.force_login(member_factory(organises=branch))
    response = client.post(reverse("events:event-new"), _form_data(branch))
    assert response.status_code == 302
    event = branch.events.get()
    assert (event.title, event.state) == ("Koffie met de wethouder", EventState.DRAFT)


def test_online_event_needs_a_link(client, member_factory, branch):
    client.force_login(member_factory(organises=branch))
    response = client.post(
        reverse("events:event-new"), _form_data(branch, format="online", address="")
    )
    assert response.status_code == 200
    assert "meeting_link" in response.context["form"].errors


def test_organiser_publishes_a_draft(client, member_factory, event_factory):
    event = event_factory(draft=True)
    client.force_login(member_factory(organises=event.branch))
    client.post(reverse("events:event-publish", args=[event.pk]))
    event.refresh_from_db()
    assert event.state == EventState.PUBLISHED


def test_moving_a_published_event_tells_attendees_once_per_change(
    event, member, django_capture_on_commit_callbacks
):
    registration_create(event=event, member=member)
    with django_capture_on_commit_callbacks(execute=True):
        event_update(
            event=event,
            starts_at=event.starts_at + timedelta(hours=1),
            ends_at=event.ends_at + timedelta(hours=1),
        )
        event_update(event=event, title="Nieuwe titel")  # not a change of time or place
    changes = OutboxMessage.objects.filter(kind=MailKind.EVENT_CHANGE, to_email=member.email)
    assert [m.object_key for m in changes] == [f"event:{event.pk}:change:1"]


def test_each_new_change_is_a_new_mail(event, member, django_capture_on_commit_callbacks):
    registration_create(event=event, member=member)
    with django_capture_on_commit_callbacks(execute=True):
        event_update(event=event, address="Bibliotheek, zaal 2")
        event_update(event=event, address="Bibliotheek, zaal 3")
    assert OutboxMessage.objects.filter(kind=MailKind.EVENT_CHANGE).count() == 2


def test_change_mail_says_what_changed(event, member, django_capture_on_commit_callbacks):
    registration_create(event=event, member=member)
    with django_capture_on_commit_callbacks(execute=True):
        event_update(event=event, address="Bibliotheek, zaal 2")
    message = OutboxMessage.objects.get(kind=MailKind.EVENT_CHANGE)
    sent = next(
        m for m in mail.outbox if m.extra_headers["Message-ID"] == message_id_for(message.pk)
    )
    assert "Bibliotheek, zaal 2" in sent.body


def test_editing_a_draft_sends_nothing(event_factory, django_capture_on_commit_callbacks):
    event = event_factory(draft=True)
    with django_capture_on_commit_callbacks(execute=True):
        event_update(event=event, address="Elders")
    assert not OutboxMessage.objects.exists()


def test_cancelling_tells_everyone_registered_including_the_waiting_list(
    event_factory, member_factory, django_capture_on_commit_callbacks
):
    event = event_factory(capacity=1)
    people = [member_factory() for _ in range(2)]
    for person in people:
        registration_create(event=event, member=person)
    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event)
    cancelled = OutboxMessage.objects.filter(object_key=f"event:{event.pk}:cancelled")
    assert sorted(m.to_email for m in cancelled) == sorted(p.email for p in people)


def test_cancelling_needs_confirmation(client, organiser, event):
    client.force_login(organiser)
    client.post(reverse("events:event-cancel", args=[event.pk]), {})
    event.refresh_from_db()
    assert event.state == EventState.PUBLISHED


def test_confirmed_cancellation_cancels(client, organiser, event):
    client.force_login(organiser)
    client.post(reverse("events:event-cancel", args=[event.pk]), {"confirm": "on"})
    event.refresh_from_db()
    assert event.state == EventState.CANCELLED


def test_raising_capacity_promotes_from_the_waiting_list(event_factory, member_factory):
    event = event_factory(capacity=1)
    registration_create(event=event, member=member_factory())
    waiting = registration_create(event=event, member=member_factory())
    event_update(event=event, capacity=2)
    waiting.refresh_from_db()
    assert waiting.is_confirmed


def test_capacity_cannot_drop_below_the_confirmed_registrations(event_factory, member_factory):
    event = event_factory(capacity=3)
    for _ in range(2):
        registration_create(event=event, member=member_factory())
    with pytest.raises(ValidationError) as refused:
        event_update(event=event, capacity=1)
    assert "2 bevestigde aanmeldingen" in str(refused.value.message_dict["capacity"])
    event.refresh_from_db()
    assert event.capacity == 3


def test_organiser_marks_attendance(client, organiser, registration_factory, event_factory):
    event = event_factory(past=True, branch=organiser.branch)
    organiser.roles.create(role="organiser", branch=event.branch)
    came, stayed_away = registration_factory.create_batch(2, event=event)
    client.force_login(organiser)
    client.post(
        reverse("events:event-registrations", args=[event.pk]),
        {f"r{came.pk}": "aanwezig", f"r{stayed_away.pk}": "afwezig"},
    )
    came.refresh_from_db()
    stayed_away.refresh_from_db()
    assert (came.attendance, stayed_away.attendance) == (Attendance.ATTENDED, Attendance.NO_SHOW)


def test_attendance_is_only_marked_for_confirmed_registrations(registration_factory, event):
    waiting = registration_factory(event=event, status="wachtlijst", position=1)
    attendance_mark(event=event, attendance={waiting.pk: Attendance.ATTENDED})
    waiting.refresh_from_db()
    assert waiting.attendance == Attendance.UNKNOWN


def test_organiser_writes_a_report(client, organiser, event_factory):
    event = event_factory(past=True, branch=organiser.branch)
    organiser.roles.create(role="organiser", branch=event.branch)
    client.force_login(organiser)
    client.post(
        reverse("events:event-report", args=[event.pk]), {"report": "Veel zorgen over huur."}
    )
    event.refresh_from_db()
    assert event.report == "Veel zorgen over huur." and event.report_published_at


def test_feedback_link_is_stored_for_the_event_page(event):
    process_mark_feedback_published(process_id=event.pk, url="/terugkoppeling/3/", summary="Gedaan")
    event.refresh_from_db()
    assert event.feedback_url == "/terugkoppeling/3/" and event.feedback_published_at


def test_dashboard_shows_waiting_list_counts(client, organiser, event_factory, member_factory):
    full = event_factory(capacity=1, branch=organiser.branch)
    organiser.roles.create(role="organiser", branch=full.branch)
    registration_create(event=full, member=member_factory())
    registration_create(event=full, member=member_factory())
    client.force_login(organiser)
    response = client.get(reverse("events:dashboard"))
    row = next(e for e in response.context["events"] if e.pk == full.pk)
    assert (row.confirmed_count, row.waiting_count) == (1, 1)


def test_dashboard_shows_attendance_per_branch(
    client, organiser, event_factory, registration_factory
):
    held = event_factory(past=True, branch=organiser.branch)
    organiser.roles.create(role="organiser", branch=held.branch)
    registration_factory.create_batch(3, event=held, attendance=Attendance.ATTENDED)
    client.force_login(organiser)
    response = client.get(reverse("events:dashboard"))
    assert [r["attended"] for r in response.context["attendance"]] == [3]


def test_confirmed_guests_are_told_about_a_change_too(event_factory):
    event = event_factory(open=True)
    event.registrations.create(
        guest_name="Gast", guest_email="gast@example.net", status="aangemeld"
    )
    event_update(event=event, address="Bibliotheek, zaal 2")
    assert OutboxMessage.objects.filter(
        kind=MailKind.EVENT_CHANGE, to_email="gast@example.net"
    ).exists()


def test_organiser_promises_feedback_on_a_borrel(client, member_factory, branch):
    client.force_login(member_factory(organises=branch))
    client.post(reverse("events:event-new"), _form_data(branch, feedback_promised="on"))
    assert branch.events.get().owes_feedback
