import io

import pytest
from django.urls import reverse

from events import demo as events_demo
from events.models import Event, EventState, RegistrationStatus
from members import demo as members_demo
from members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(monkeypatch):
    monkeypatch.setattr(members_demo, "MEMBER_COUNT", 400)
    members_demo.seed(stdout=io.StringIO())
    events_demo.seed(stdout=io.StringIO())


def test_demo_is_idempotent(seeded):
    count = Event.objects.count()
    events_demo.seed(stdout=io.StringIO())
    assert Event.objects.count() == count


def test_demo_has_a_full_event_with_a_waiting_list(seeded):
    assert Event.objects.filter(registrations__status=RegistrationStatus.WAITING).exists()


def test_demo_has_a_dialogue_with_moderated_tables(seeded):
    event = Event.objects.get(title="Dialoog: wonen in de wijk")
    assert event.tables.exists()
    assert not event.tables.filter(moderator__isnull=True).exists()


def test_demo_has_a_held_event_with_attendance_and_report(seeded):
    held = Event.objects.filter(state=EventState.HELD).exclude(report="")
    assert held.filter(registrations__attendance="aanwezig").exists()


def test_demo_organiser_sees_utrecht_events_on_the_dashboard(client, seeded):
    client.force_login(Member.objects.get(email="organisator@example.org"))
    response = client.get(reverse("events:dashboard"))
    assert {e.branch.slug for e in response.context["events"]} == {"utrecht"}
