"""Which events owe feedback, and where the event page points to it (real events, no fakes)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import EventType
from events.services.events import process_mark_feedback_published
from ledendemocratie.feedback.selectors import feedback_debt, feedback_on_time_share

pytestmark = pytest.mark.django_db


def _debt_ids():
    return [row.process.id for row in feedback_debt()]


@pytest.mark.parametrize("event_type", [EventType.SOCIAL, EventType.TRAINING])
def test_a_held_borrel_or_training_is_no_feedback_debt(event_factory, event_type):
    event_factory(past=True, event_type=event_type)
    assert _debt_ids() == []


def test_a_borrel_whose_organiser_promised_feedback_is_debt(event_factory):
    event = event_factory(past=True, event_type=EventType.SOCIAL, feedback_promised=True)
    assert _debt_ids() == [event.pk]


def test_a_held_dialogue_is_feedback_debt(event_factory):
    event = event_factory(past=True, event_type=EventType.DIALOGUE)
    assert _debt_ids() == [event.pk]


def test_a_borrel_does_not_lower_the_on_time_share(event_factory, settings):
    event_factory(
        past=True,
        event_type=EventType.SOCIAL,
        starts_at=timezone.now() - timedelta(weeks=settings.FEEDBACK_DEBT_WEEKS + 2),
    )
    assert feedback_on_time_share().counted == 0


def test_event_page_links_the_feedback_without_an_organisers_report(client, member, event_factory):
    event = event_factory(past=True)
    process_mark_feedback_published(process_id=event.pk, url="/terugkoppeling/7/", summary="S")
    client.force_login(member)
    response = client.get(reverse("events:event-detail", args=[event.pk]))
    assert b'href="/terugkoppeling/7/"' in response.content


def test_event_page_shows_no_feedback_link_before_feedback_exists(client, member, event_factory):
    event = event_factory(past=True, report="Het was druk.")
    client.force_login(member)
    response = client.get(reverse("events:event-detail", args=[event.pk]))
    assert "Lees wat er met de inbreng is gedaan" not in response.content.decode()
