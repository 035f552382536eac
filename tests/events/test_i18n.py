"""Events speak English to visitors and members who chose English, on the page and by e-mail."""

import pytest
from django.core import mail
from django.urls import reverse

from events.services.registrations import registration_create
from members.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_event_list_follows_accept_language(client, event_factory):
    event_factory(open=True, capacity=20)
    page = client.get(reverse("events:event-list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Events</h1>" in page
    assert "0 of 20 places taken" in page
    assert "Activiteiten" not in page


def test_event_page_is_english_after_switching_language(client, member, event):
    client.force_login(member)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("events:event-detail", args=[event.pk])).content.decode()
    assert "Register" in page
    assert "Aanmelden" not in page


def test_registration_mail_is_written_in_the_members_language(
    event, member_factory, django_capture_on_commit_callbacks
):
    member = member_factory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(event=event, member=member)
    message = OutboxMessage.objects.get(recipient=member)
    assert message.subject == f"You are registered: {event.title}"
    assert "Hello" in next(m for m in mail.outbox if m.to == [member.email]).body
