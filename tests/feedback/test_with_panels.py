"""Feedback on real panels (no fakes): who took part, the panel's page, carrying advice."""

import pytest
from django.core import mail
from django.utils import timezone

from beraad.models import MemberInput, PanelMember, PanelState, Recommendation
from ledendemocratie.feedback.models import Feedback
from ledendemocratie.feedback.services import (
    feedback_carry_into_statement,
    feedback_create_draft,
    feedback_publish,
)
from members.models import Member
from preferendum.models import Statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def advised_panel(panel_factory, invitation_factory, member_factory):
    """A panel with published advice: one seated member who also gave input, one input giver."""
    panel = panel_factory(state=PanelState.ADVICE_PUBLISHED, advice_published_at=timezone.now())
    seated = member_factory(email="panellid@example.org")
    outsider = member_factory(email="inbreng@example.org")
    invitation = invitation_factory(panel=panel, member=seated)
    PanelMember.objects.create(
        panel=panel, invitation=invitation, member=seated, status=PanelMember.Status.SELECTED
    )
    for member in (seated, outsider):
        MemberInput.objects.create(
            panel=panel, member=member, text="Idee", status=MemberInput.Status.APPROVED
        )
    Recommendation.objects.create(panel=panel, position=1, text="Meer avonden in de wijk.")
    return panel


def _draft(panel):
    feedback = feedback_create_draft(process_kind="panel", process_id=panel.pk)
    feedback.items.update(outcome="adopted", reason="Gedragen.")
    Feedback.objects.filter(pk=feedback.pk).update(summary="S", decision="D", reasoning="R")
    return feedback


def test_panel_members_and_input_givers_get_one_report_each(
    advised_panel, admin_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feedback_publish(feedback=_draft(advised_panel), by=admin_member)
    assert sorted(m.to[0] for m in mail.outbox) == ["inbreng@example.org", "panellid@example.org"]


def test_panel_records_its_published_feedback(
    advised_panel, admin_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = feedback_publish(feedback=_draft(advised_panel), by=admin_member)
    advised_panel.refresh_from_db()
    assert advised_panel.state == PanelState.FEEDBACK_PUBLISHED
    assert advised_panel.feedback_url.endswith(feedback.get_absolute_url())


def test_recommendation_becomes_a_statement_that_names_the_panel(advised_panel, admin_member):
    item = _draft(advised_panel).items.get()
    carry = feedback_carry_into_statement(item=item, text=item.item_text, by=admin_member)
    statement = Statement.objects.get(pk=carry.statement_id)
    assert (statement.origin_kind, statement.origin_id) == ("panel", advised_panel.pk)
    assert statement.origin_label == advised_panel.title


def test_home_shows_panel_feedback_to_who_took_part(
    client, advised_panel, member_factory, feedback_factory
):
    feedback_factory(
        process_kind="panel", process_id=advised_panel.pk, published=True, title="Over het beraad"
    )
    seen = []
    for email in ("panellid@example.org", "inbreng@example.org", None):
        reader = Member.objects.get(email=email) if email else member_factory()
        client.force_login(reader)
        seen.append("Over het beraad" in client.get("/").content.decode())
    assert seen == [True, True, False]
