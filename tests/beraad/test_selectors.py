"""The process contract for the top floor, and panels_for_member."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beraad import selectors
from beraad.models import Invitation, PanelMember
from beraad.services.inputs import member_input_moderate, member_input_submit
from beraad.services.panels import panel_publish_advice, panel_start, recommendation_add
from tests.beraad import scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def advised(member_factory, admin_member, chair):
    panel = scenario.selected(member_factory, admin_member, chair)
    panel_start(panel=panel, actor=admin_member)
    recommendation_add(panel=panel, actor=admin_member, text="Eén")
    return panel


def test_process_list_shows_published_panels_only(member_factory, admin_member, advised):
    scenario.concept(member_factory, admin_member)
    assert [ref.id for ref in selectors.process_list()] == [advised.pk]


def test_process_items_are_the_recommendations_once_published(advised, admin_member):
    assert selectors.process_items(advised.pk) == []
    panel_publish_advice(panel=advised, actor=admin_member)
    assert [item.text for item in selectors.process_items(advised.pk)] == ["Eén"]


def test_closed_process_is_the_one_with_published_advice(advised, admin_member):
    assert selectors.process_list(closed=True) == []
    panel_publish_advice(panel=advised, actor=admin_member)
    assert [ref.id for ref in selectors.process_list(closed=True)] == [advised.pk]


def test_participants_are_panel_members_and_approved_input_authors(advised, member, admin_member):
    item = member_input_submit(panel=advised, member=member, text="idee")
    member_input_moderate(member_input=item, moderator=admin_member, approve=True)
    ids = {p.member_id for p in selectors.process_participants(advised.pk)}
    seated = set(
        advised.panel_members.filter(status__in=PanelMember.ACTIVE).values_list(
            "member_id", flat=True
        )
    )
    assert ids == seated | {member.pk}


def test_panels_for_member_gives_the_role(advised):
    seat = advised.panel_members.filter(status="selected").first()
    reserve = advised.panel_members.filter(status="reserve").first()
    assert [r.role_label for r in selectors.panels_for_member(seat.member)] == ["panellid"]
    assert [r.role_label for r in selectors.panels_for_member(reserve.member)] == ["reserve"]


def test_panels_for_member_says_registered_and_invited(member_factory, admin_member, chair):
    panel = scenario.sent(member_factory, admin_member, chair)
    accepted, invited = panel.invitations.all()[:2]
    Invitation.objects.filter(pk=accepted.pk).update(status="accepted")
    assert selectors.panels_for_member(accepted.member)[0].role_label == "aangemeld"
    assert selectors.panels_for_member(invited.member)[0].role_label == "uitgenodigd"


def test_panels_for_member_uses_a_constant_number_of_queries(member_factory, admin_member, chair):
    panel = scenario.sent(member_factory, admin_member, chair)
    member = panel.invitations.first().member
    with CaptureQueriesContext(connection) as queries:
        selectors.panels_for_member(member)
    assert len(queries) == 2


def test_personal_data_lists_the_invitations(advised):
    member = advised.invitations.first().member
    data = selectors.personal_data(member)
    assert data["invitations"][0]["panel"] == advised.title


def test_the_roof_reads_panels_through_the_contract(advised, admin_member):
    from ledendemocratie import processes

    panel_publish_advice(panel=advised, actor=admin_member)
    seat = advised.panel_members.filter(status="selected").first()
    assert processes.process_get("panel", advised.pk).title == advised.title
    assert processes.panels_for_member(seat.member)[0].note == "panellid"
    processes.mark_feedback_published("panel", advised.pk, url="https://x.nl/t", summary="ok")
    advised.refresh_from_db()
    assert advised.state == "feedback_published"


def test_session_that_is_an_event_links_to_it(advised, admin_member):
    from django.utils import timezone

    from beraad.services.panels import session_add

    session_add(
        panel=advised, actor=admin_member, title="Dag 1", starts_at=timezone.now(), event_id=7
    )
    session_add(panel=advised, actor=admin_member, title="Dag 2", starts_at=timezone.now())
    rows = selectors.sessions_with_events(advised)
    assert [row.event_url for row in rows] == ["/activiteiten/7/", ""]
