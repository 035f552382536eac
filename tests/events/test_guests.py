import re
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from events.forms import guest_form_started
from events.models import RegistrationStatus
from events.services.registrations import (
    registration_cancel,
    registration_create,
    registration_create_guest,
)
from members.models import OutboxMessage

pytestmark = pytest.mark.django_db
Status = RegistrationStatus


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def open_event(event_factory):
    return event_factory(open=True)


def _guest_post(client, event, **fields):
    data = {
        "name": "Gerrit Gast",
        "email": "gerrit@example.net",
        "website": "",
        "started": guest_form_started(time.time() - 10),
        **fields,
    }
    return client.post(reverse("events:guest-register", args=[event.pk]), data)


def _confirm_link(message) -> str:
    return re.search(r"http://\S+/gast/bevestigen/\S+/", message.body).group(0)


def test_guest_registration_waits_for_the_emailed_link(
    client, open_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _guest_post(client, open_event)
    registration = open_event.registrations.get()
    assert registration.status == Status.PENDING
    assert mail.outbox[0].to == ["gerrit@example.net"]


def test_guest_confirms_by_the_emailed_link(client, open_event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _guest_post(client, open_event)
    link = _confirm_link(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link.replace("http://127.0.0.1:8000", ""))
    registration = open_event.registrations.get()
    assert registration.status == Status.CONFIRMED


def test_opening_the_confirmation_link_alone_does_not_register(
    client, open_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _guest_post(client, open_event)
    client.get(_confirm_link(mail.outbox[0]).replace("http://127.0.0.1:8000", ""))
    assert open_event.registrations.get().status == Status.PENDING


def test_pending_guest_does_not_take_a_place(open_event, member_factory):
    open_event.capacity = 1
    open_event.save()
    registration_create_guest(event=open_event, name="Gast", email="gast@example.net")
    assert registration_create(event=open_event, member=member_factory()).is_confirmed


def test_tampered_confirmation_link_is_refused(client):
    response = client.get(reverse("events:guest-confirm", args=["niet-geldig"]))
    assert response.status_code == 400


def test_guest_cannot_register_for_a_members_only_event(client, event):
    response = _guest_post(client, event)
    assert response.status_code == 404
    assert not event.registrations.exists()


def test_filled_honeypot_is_refused(client, open_event):
    response = _guest_post(client, open_event, website="http://spam.example")
    assert response.status_code == 200
    assert not open_event.registrations.exists()


def test_submitting_faster_than_a_person_can_type_is_refused(client, open_event):
    _guest_post(client, open_event, started=guest_form_started())
    assert not open_event.registrations.exists()


def test_forged_start_time_is_refused(client, open_event):
    _guest_post(client, open_event, started="12345")
    assert not open_event.registrations.exists()


def test_one_address_gets_a_limited_number_of_guest_registrations(client, open_event):
    for n in range(6):
        _guest_post(client, open_event, email=f"gast{n}@example.net")
    assert open_event.registrations.count() == 5


def test_the_confirmation_mail_is_sent_once_however_often_the_form_is_sent(
    client, open_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _guest_post(client, open_event)
        _guest_post(client, open_event)
    assert len(mail.outbox) == 1


def test_guest_cancels_through_the_link_in_the_mail(
    client, open_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _guest_post(client, open_event)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_confirm_link(mail.outbox[0]).replace("http://127.0.0.1:8000", ""))
    manage = re.search(r"http://\S+/aanmelding/\S+/", mail.outbox[1].body).group(0)
    client.post(manage.replace("http://127.0.0.1:8000", ""), {"action": "cancel"})
    assert open_event.registrations.get().status == Status.CANCELLED


def test_guest_who_cancelled_gets_a_new_link_when_registering_again(open_event):
    registration = registration_create_guest(event=open_event, name="G", email="g@example.net")
    registration_cancel(registration=registration)
    registration_create_guest(event=open_event, name="G", email="g@example.net")
    links = OutboxMessage.objects.filter(to_email="g@example.net", object_key__contains="guest")
    assert links.count() == 2
