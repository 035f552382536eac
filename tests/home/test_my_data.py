import json

import pytest
from django.urls import reverse

from tests.feedback.fakes import participant

pytestmark = pytest.mark.django_db
PAGE = reverse("my-data")
EXPORT = reverse("my-data-export")


def test_page_holds_the_members_sections_and_participation(client, fake_apps, member):
    client.force_login(member)
    content = client.get(PAGE).content.decode()
    for section in ('id="own-data"', 'id="participation"', "Mijn deelname"):
        assert section in content


def test_participation_lists_each_process_with_its_feedback(
    client, fake_apps, member, feedback_factory
):
    fake_apps["round"].add_closed(1, title="Ronde wonen", participants=[participant(member)])
    fake_apps["event"].add(2, title="Avond zorg", participants=[participant(member)])
    feedback = feedback_factory(process_kind="round", process_id=1, published=True)
    client.force_login(member)
    content = client.get(PAGE).content.decode()
    assert "Ronde wonen" in content and "Avond zorg" in content
    assert feedback.get_absolute_url() in content


def test_participation_has_an_empty_state(client, fake_apps, member):
    client.force_login(member)
    assert "Je hebt nog nergens aan meegedaan" in client.get(PAGE).content.decode()


def test_export_merges_the_members_data_with_every_apps(client, fake_apps, member):
    fake_apps["panel"].add_closed(3, title="Beraad klimaat", participants=[participant(member)])
    client.force_login(member)
    data = json.loads(client.get(EXPORT).content)
    assert data["member"]["email"] == member.email
    assert data["participation"]["panel"] == {"processes": ["Beraad klimaat"]}
    assert set(data["participation"]) == {"round", "panel", "event", "vote", "forum"}


def test_visitor_is_sent_to_login(client):
    assert client.get(PAGE).status_code == 302
    assert client.get(EXPORT).status_code == 302
