"""Feedback on real events (no fakes): the events app's side of the contract."""

import pytest
from django.core import mail

from events.models import Event
from ledendemocratie.feedback.models import Feedback
from ledendemocratie.feedback.selectors import feedback_debt
from ledendemocratie.feedback.services import feedback_create_draft, feedback_publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_event(event_factory, registration_factory, member):
    event = event_factory(past=True)
    registration_factory(event=event, member=member)
    registration_factory(
        event=event, member=None, guest_name="Gast", guest_email="gast@example.net"
    )
    return event


def _publish(event, admin, callbacks):
    feedback = feedback_create_draft(process_kind="event", process_id=event.pk)
    feedback.items.update(outcome="adopted", reason="Zo gaan we het doen.")
    Feedback.objects.filter(pk=feedback.pk).update(summary="S", decision="D", reasoning="R")
    with callbacks(execute=True):
        return feedback_publish(feedback=feedback, by=admin)


def test_held_event_is_in_the_debt_list(held_event):
    assert [(row.process.kind, row.process.id) for row in feedback_debt()] == [
        ("event", held_event.pk)
    ]


def test_registered_members_and_guests_get_the_report(
    held_event, member, admin_member, django_capture_on_commit_callbacks
):
    _publish(held_event, admin_member, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, "gast@example.net"])


def test_event_page_learns_where_its_feedback_is(
    held_event, admin_member, django_capture_on_commit_callbacks
):
    feedback = _publish(held_event, admin_member, django_capture_on_commit_callbacks)
    event = Event.objects.get(pk=held_event.pk)
    assert event.feedback_url.endswith(feedback.get_absolute_url())
