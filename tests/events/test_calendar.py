import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from events.ical import calendar_bytes, event_ics
from events.models import EventState
from events.services.events import event_cancel
from events.services.registrations import registration_create
from events.tokens import feed_token

pytestmark = pytest.mark.django_db
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def _events(content: bytes) -> list:
    return Calendar.from_ical(content).walk("VEVENT")


def test_event_ics_parses_back_with_the_same_times(event):
    [vevent] = _events(event_ics(event))
    assert vevent.decoded("dtstart") == event.starts_at
    assert vevent.decoded("dtend") == event.ends_at
    assert str(vevent["summary"]) == event.title


def test_times_are_in_europe_amsterdam_with_a_vtimezone(event):
    calendar = Calendar.from_ical(event_ics(event))
    [timezone] = calendar.walk("VTIMEZONE")
    [vevent] = calendar.walk("VEVENT")
    assert str(timezone["tzid"]) == "Europe/Amsterdam"
    assert vevent["dtstart"].params["TZID"] == "Europe/Amsterdam"


def test_calendar_has_the_properties_rfc_5545_requires(event):
    calendar = Calendar.from_ical(event_ics(event))
    [vevent] = calendar.walk("VEVENT")
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]
    assert vevent["uid"] and vevent["dtstamp"]


def test_cancelled_event_stays_in_the_feed_as_cancelled(event, member):
    registration_create(event=event, member=member)
    event_cancel(event=event)
    response = _client_get_member_feed(member)
    [vevent] = _events(response.content)
    assert str(vevent["status"]) == "CANCELLED"


def _client_get_member_feed(member):
    from django.test import Client

    return Client().get(reverse("events:member-feed", args=[feed_token(member)]))


def test_member_feed_lists_the_members_events_only(event_factory, member):
    mine = event_factory()
    event_factory()
    registration_create(event=mine, member=member)
    response = _client_get_member_feed(member)
    assert response["Content-Type"].startswith("text/calendar")
    assert [str(v["summary"]) for v in _events(response.content)] == [mine.title]


def test_member_feed_with_a_forged_token_is_not_found(client):
    assert client.get(reverse("events:member-feed", args=["vals"])).status_code == 404


def test_branch_feed_shows_open_events_to_anyone(client, event_factory, branch):
    open_event = event_factory(open=True, branch=branch)
    event_factory(branch=branch)  # members only
    response = client.get(reverse("events:branch-feed", args=[branch.slug]))
    assert [str(v["summary"]) for v in _events(response.content)] == [open_event.title]


def test_branch_feed_with_a_members_token_shows_members_events(client, event_factory, member):
    members_event = event_factory(branch=member.branch)
    url = reverse("events:branch-feed", args=[member.branch.slug])
    response = client.get(url, {"token": feed_token(member)})
    assert [str(v["summary"]) for v in _events(response.content)] == [members_event.title]


def test_branch_feed_leaves_out_drafts(client, event_factory, branch):
    event_factory(open=True, branch=branch, state=EventState.DRAFT)
    response = client.get(reverse("events:branch-feed", args=[branch.slug]))
    assert _events(response.content) == []


def test_event_ics_download(client, event_factory):
    event = event_factory(open=True)
    response = client.get(reverse("events:event-ics", args=[event.pk]))
    assert len(_events(response.content)) == 1


def test_registration_mail_attachment_is_a_valid_calendar(
    event, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(event=event, member=member)
    _name, content, _mimetype = mail.outbox[0].attachments[0]
    [vevent] = _events(content.encode() if isinstance(content, str) else content)
    assert vevent.decoded("dtstart") == event.starts_at


def test_feed_with_several_events_parses(event_factory):
    events = event_factory.create_batch(3)
    assert len(_events(calendar_bytes(events, name="Test"))) == 3
