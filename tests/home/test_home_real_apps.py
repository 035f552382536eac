"""The home page on the real feature apps' data (no fakes)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _seed(count, member, event_factory, registration_factory):
    for _ in range(count):
        event_factory(branch=member.branch)
        registration_factory(event=event_factory(), member=member)
        registration_factory(event=event_factory(past=True), member=member)


def _queries(client, member):
    client.force_login(member)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_home_query_count_does_not_grow_with_events(
    client, member_factory, event_factory, registration_factory
):
    few, many = member_factory(), member_factory()
    _seed(1, few, event_factory, registration_factory)
    _seed(6, many, event_factory, registration_factory)
    assert _queries(client, many) == _queries(client, few)


def test_home_shows_the_members_branch_events(client, member, event_factory):
    event_factory(branch=member.branch, title="Afdelingsavond wonen")
    client.force_login(member)
    assert "Afdelingsavond wonen" in client.get("/").content.decode()
