import pytest
from django.core import mail
from django.urls import reverse

from events.models import RegistrationStatus
from events.services.registrations import registration_cancel, registration_create
from members.models import MailKind, OutboxMessage

pytestmark = pytest.mark.django_db
Status = RegistrationStatus


def test_member_gets_a_place_while_places_are_free(event, member):
    registration = registration_create(event=event, member=member)
    assert registration.status == Status.CONFIRMED


def test_member_joins_the_waiting_list_when_the_event_is_full(event_factory, member_factory):
    event = event_factory(capacity=1)
    registration_create(event=event, member=member_factory())
    registration = registration_create(event=event, member=member_factory())
    assert (registration.status, registration.position) == (Status.WAITING, 1)


def test_registering_twice_keeps_one_registration(event, member):
    registration_create(event=event, member=member)
    registration_create(event=event, member=member)
    assert event.registrations.count() == 1


def test_cancelling_a_place_promotes_the_first_on_the_waiting_list(
    event_factory, member_factory, django_capture_on_commit_callbacks
):
    event = event_factory(capacity=1)
    first = registration_create(event=event, member=member_factory())
    waiting = [registration_create(event=event, member=member_factory()) for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=first)
    waiting[0].refresh_from_db()
    waiting[1].refresh_from_db()
    assert waiting[0].status == Status.CONFIRMED
    assert waiting[1].status == Status.WAITING


def test_promoted_member_is_emailed(
    event_factory, member_factory, django_capture_on_commit_callbacks
):
    event = event_factory(capacity=1)
    first = registration_create(event=event, member=member_factory())
    promoted = member_factory()
    registration_create(event=event, member=promoted)
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=first)
    message = OutboxMessage.objects.get(
        to_email=promoted.email, object_key__startswith=f"event:{event.pk}:promoted:"
    )
    assert message.kind == MailKind.EVENT_REGISTRATION
    assert any(promoted.email in m.to for m in mail.outbox)


def test_registration_mail_carries_an_ics_attachment(
    event, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(event=event, member=member)
    [sent] = mail.outbox
    assert sent.attachments[0][0].endswith(".ics")
    assert sent.attachments[0][2].startswith("text/calendar")


def test_one_click_registration_with_htmx_returns_the_box(client, event, member):
    client.force_login(member)
    response = client.post(
        reverse("events:event-register", args=[event.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert b'id="registration-box"' in response.content
    assert b'hx-swap-oob="true"' in response.content  # the status message outside the box
    assert event.registrations.get().member == member


def test_registration_without_javascript_redirects_to_the_event(client, event, member):
    client.force_login(member)
    response = client.post(reverse("events:event-register", args=[event.pk]))
    assert response.status_code == 302
    assert event.registrations.filter(member=member, status=Status.CONFIRMED).exists()


def test_one_click_cancellation(client, registration):
    client.force_login(registration.member)
    client.post(reverse("events:event-unregister", args=[registration.event.pk]))
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_anonymous_htmx_registration_is_sent_to_login(client, event):
    response = client.post(
        reverse("events:event-register", args=[event.pk]), HTTP_HX_REQUEST="true"
    )
    assert "HX-Redirect" in response
