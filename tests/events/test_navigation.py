import pytest
from django.contrib.auth.models import AnonymousUser

from events.navigation import nav_items

pytestmark = pytest.mark.django_db


def test_everyone_sees_activities():
    assert nav_items(AnonymousUser()) == [("Activiteiten", "events:event-list")]


def test_member_does_not_see_organise(member):
    assert [url for _label, url in nav_items(member)] == ["events:event-list"]


def test_organiser_sees_organise(member_factory, branch):
    organiser = member_factory(organises=branch)
    assert ("Organiseren", "events:dashboard") in nav_items(organiser)
