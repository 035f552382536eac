"""The home page on the real feature apps' data (no fakes)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _seed(count, member, factories):
    event_factory, registration_factory, round_factory, answer_factory, invitation_factory = (
        factories
    )
    for _ in range(count):
        invitation_factory(member=member, panel__state="invitations_sent")
        answer_factory(statement=round_factory().statements.first(), member=member)
        event_factory(branch=member.branch)
        registration_factory(event=event_factory(), member=member)
        registration_factory(event=event_factory(past=True), member=member)


def _queries(client, member):
    client.force_login(member)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_home_query_count_does_not_grow_with_rounds_panels_and_events(
    client,
    member_factory,
    event_factory,
    registration_factory,
    round_factory,
    answer_factory,
    invitation_factory,
):
    few, many = member_factory(), member_factory()
    factories = (
        event_factory,
        registration_factory,
        round_factory,
        answer_factory,
        invitation_factory,
    )
    _seed(1, few, factories)
    _seed(6, many, factories)
    assert _queries(client, many) == _queries(client, few)


def test_home_shows_the_members_branch_events(client, member, event_factory):
    event_factory(branch=member.branch, title="Afdelingsavond wonen")
    client.force_login(member)
    assert "Afdelingsavond wonen" in client.get("/").content.decode()


def test_export_holds_the_real_apps_data(
    client, member, round_factory, answer_factory, registration_factory
):
    import json

    answer_factory(statement=round_factory().statements.first(), member=member)
    registration_factory(member=member)
    client.force_login(member)
    data = json.loads(client.get("/mijn-gegevens/export.json").content)
    assert len(data["participation"]["round"]["preferendum_answers"]) == 1
    assert len(data["participation"]["event"]["registrations"]) == 1


def test_my_data_page_lists_real_participation(client, member, round_factory, answer_factory):
    answer_factory(
        statement=round_factory(title="Ronde zeggenschap").statements.first(), member=member
    )
    client.force_login(member)
    assert "Ronde zeggenschap" in client.get("/mijn-gegevens/").content.decode()


def test_home_shows_the_panels_the_member_is_invited_to(
    client, member, panel_factory, invitation_factory
):
    from beraad.models import PanelState

    panel = panel_factory(title="Beraad toegankelijkheid", state=PanelState.INVITATIONS_SENT)
    invitation_factory(panel=panel, member=member)
    client.force_login(member)
    content = client.get("/").content.decode()
    assert "Beraad toegankelijkheid" in content and "uitgenodigd" in content


def test_home_shows_feedback_on_the_rounds_and_events_the_member_took_part_in(
    client,
    member,
    round_factory,
    answer_factory,
    event_factory,
    registration_factory,
    feedback_factory,
):
    answered, other = round_factory(), round_factory()
    answer_factory(statement=answered.statements.first(), member=member)
    attended = registration_factory(member=member, event=event_factory(past=True)).event
    missed = registration_factory(
        member=member, event=event_factory(past=True), attendance="afwezig"
    )
    for kind, process_id, title in [
        ("round", answered.pk, "Over mijn ronde"),
        ("event", attended.pk, "Over mijn avond"),
        ("event", missed.event_id, "Over een gemiste avond"),
        ("round", other.pk, "Over een andere ronde"),
    ]:
        feedback_factory(process_kind=kind, process_id=process_id, published=True, title=title)
    client.force_login(member)
    content = client.get("/").content.decode()
    assert "Over mijn ronde" in content and "Over mijn avond" in content
    assert "Over een gemiste avond" not in content and "Over een andere ronde" not in content


def test_home_takes_nine_queries_for_a_busy_member(
    client,
    member,
    event_factory,
    registration_factory,
    round_factory,
    answer_factory,
    invitation_factory,
    feedback_factory,
):
    _seed(
        3,
        member,
        (event_factory, registration_factory, round_factory, answer_factory, invitation_factory),
    )
    feedback_factory(process_kind="round", process_id=round_factory().pk, published=True)
    # The member (and whether they hold a role: this one holds none); open rounds with
    # progress; invitations and seats; branch events (cached afterwards) and registrations;
    # open forum conversations; feedback on what they took part in; open votes on their roll.
    assert _queries(client, member) == 9


def test_home_caches_branch_events_per_branch_and_audience(
    client, branch_factory, member_factory, event_factory
):
    branch = branch_factory()
    event_factory(branch=branch, title="Ledenavond wonen")  # for members only
    seen = [
        "Ledenavond wonen" in _home_of(client, reader)
        for reader in (
            member_factory(branch=branch),  # fills the cache
            member_factory(branch=branch, supporter=True),
            member_factory(),  # another branch
        )
    ]
    assert seen == [True, False, False]


def _home_of(client, member):
    client.force_login(member)
    return client.get("/").content.decode()
