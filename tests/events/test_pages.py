from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Audience, EventFormat, EventType

pytestmark = pytest.mark.django_db
LIST = reverse("events:event-list")


def test_open_event_is_listed_for_anonymous_visitors(client, event_factory):
    event = event_factory(open=True)
    response = client.get(LIST)
    assert event.title in response.content.decode()


def test_members_only_event_is_not_listed_for_anonymous_visitors(client, event):
    response = client.get(LIST)
    assert event.title not in response.content.decode()


def test_draft_is_not_listed(client, member, event_factory):
    event = event_factory(draft=True)
    client.force_login(member)
    assert event.title not in client.get(LIST).content.decode()


def test_list_filters_by_type(client, event_factory):
    debate = event_factory(open=True, event_type=EventType.DEBATE)
    social = event_factory(open=True, event_type=EventType.SOCIAL)
    content = client.get(LIST, {"event_type": "debat"}).content.decode()
    assert debate.title in content and social.title not in content


def test_list_filters_online_events(client, event_factory):
    online = event_factory(
        open=True, format=EventFormat.ONLINE, meeting_link="https://meet.example/x"
    )
    offline = event_factory(open=True)
    content = client.get(LIST, {"online": "on"}).content.decode()
    assert online.title in content and offline.title not in content


def test_list_filters_by_province(client, event_factory, branch_factory):
    east = event_factory(open=True, branch=branch_factory(province="gelderland"))
    utrecht = event_factory(open=True)
    content = client.get(LIST, {"province": "gelderland"}).content.decode()
    assert east.title in content and utrecht.title not in content


def test_list_filters_my_branch(client, member, event_factory):
    mine = event_factory(branch=member.branch)
    other = event_factory()
    client.force_login(member)
    content = client.get(LIST, {"mine": "on"}).content.decode()
    assert mine.title in content and other.title not in content


def test_list_filters_by_period(client, event_factory):
    soon = event_factory(open=True, starts_at=timezone.now() + timedelta(days=2))
    later = event_factory(open=True, starts_at=timezone.now() + timedelta(days=60))
    content = client.get(LIST, {"period": "week"}).content.decode()
    assert soon.title in content and later.title not in content


def test_list_is_paginated(client, event_factory):
    event_factory.create_batch(21, open=True)
    response = client.get(LIST, {"pagina": 2})
    assert len(response.context["page"].object_list) == 1


def test_htmx_filter_returns_only_the_results(client, event_factory):
    event_factory(open=True)
    response = client.get(LIST, HTTP_HX_REQUEST="true")
    assert response.content.decode().lstrip().startswith('<section id="event-results"')


def test_anonymous_visitor_reads_an_open_event(client, event_factory):
    event = event_factory(open=True)
    response = client.get(reverse("events:event-detail", args=[event.pk]))
    assert response.status_code == 200


def test_anonymous_visitor_is_asked_to_log_in_for_a_members_event(client, event):
    response = client.get(reverse("events:event-detail", args=[event.pk]))
    assert response.status_code == 302 and "login" in response.url


def test_meeting_link_is_shown_only_to_registered_attendees(
    client, member_factory, registration_factory
):
    registration = registration_factory(
        event__format=EventFormat.ONLINE, event__meeting_link="https://meet.example/geheim"
    )
    url = reverse("events:event-detail", args=[registration.event.pk])
    client.force_login(member_factory())
    assert "meet.example/geheim" not in client.get(url).content.decode()
    client.force_login(registration.member)
    assert "meet.example/geheim" in client.get(url).content.decode()


def test_partners_are_shown_on_the_event_page(client, event_factory):
    event = event_factory(open=True, partners="FNV\nMilieudefensie")
    content = client.get(reverse("events:event-detail", args=[event.pk])).content.decode()
    assert "FNV" in content and "Milieudefensie" in content


def test_supporter_cannot_register_for_a_members_only_event(client, member_factory, event):
    client.force_login(member_factory(supporter=True))
    response = client.post(reverse("events:event-register", args=[event.pk]))
    assert response.status_code == 404


def test_supporter_can_register_when_supporters_are_welcome(client, member_factory, event_factory):
    event = event_factory(audience=Audience.SUPPORTERS)
    client.force_login(member_factory(supporter=True))
    client.post(reverse("events:event-register", args=[event.pk]))
    assert event.registrations.count() == 1


def test_list_shows_the_members_own_registrations(client, registration):
    client.force_login(registration.member)
    response = client.get(LIST)
    assert list(response.context["mine"]) == [registration]
