"""The state machine and its audit log."""

import pytest
from django.core.exceptions import ValidationError

from beraad.lottery.invitations import Candidate, draw_invitations
from beraad.models import AuditEntry, PanelState
from beraad.models.panels import (
    CLOSED_STATES,
    DRAWN_STATES,
    PREPARATION_STATES,
    PUBLISHED_STATES,
)
from beraad.services.audit import inputs_sha256
from beraad.services.panels import (
    panel_publish_advice,
    panel_start,
    panel_update,
    process_mark_feedback_published,
    recommendation_add,
)
from beraad.services.procedure import panel_close_registration
from tests.beraad import scenario

pytestmark = pytest.mark.django_db


def test_drawing_invitations_moves_concept_to_invitations_drawn(member_factory, admin_member):
    panel = scenario.drawn(member_factory, admin_member)
    assert panel.state == PanelState.INVITATIONS_DRAWN
    assert panel.invitations.count() == panel.invitation_count


def test_draw_is_logged_with_who_and_a_hash_of_its_inputs(member_factory, admin_member):
    panel = scenario.drawn(member_factory, admin_member)
    entry = AuditEntry.objects.get(panel=panel, action=PanelState.INVITATIONS_DRAWN)
    inputs = {k: entry.details[k] for k in ("candidates", "count", "factors", "seed")}
    assert entry.actor == admin_member
    assert entry.inputs_sha256 == inputs_sha256(inputs)


def test_draw_can_be_repeated_exactly_from_the_audit_log(member_factory, admin_member):
    panel = scenario.drawn(member_factory, admin_member)
    details = AuditEntry.objects.get(panel=panel, action=PanelState.INVITATIONS_DRAWN).details
    candidates = [
        Candidate(id, values, household) for id, values, household in details["candidates"]
    ]
    factors = {(k, v): f for k, v, f in details["factors"]}
    again = draw_invitations(candidates, details["count"], details["seed"], factors)
    assert again.invited == details["invited"]
    assert sorted(again.invited) == sorted(str(i.member_id) for i in panel.invitations.all())


def test_a_step_out_of_order_is_refused(member_factory, admin_member):
    panel = scenario.drawn(member_factory, admin_member)
    with pytest.raises(ValidationError):
        panel_close_registration(panel=panel, actor=admin_member)


def test_sizes_are_fixed_after_the_draw(member_factory, admin_member):
    panel = scenario.drawn(member_factory, admin_member)
    with pytest.raises(ValidationError):
        panel_update(panel=panel, actor=admin_member, panel_size=6)


def test_whole_lifecycle_reaches_feedback_published(member_factory, admin_member, chair):
    panel = scenario.selected(member_factory, admin_member, chair)
    panel_start(panel=panel, actor=admin_member)
    recommendation_add(panel=panel, actor=admin_member, text="Vergader ook online.")
    panel_publish_advice(panel=panel, actor=admin_member)
    process_mark_feedback_published(process_id=panel.pk, url="https://x.nl/t", summary="Gedaan")
    panel.refresh_from_db()
    assert panel.state == PanelState.FEEDBACK_PUBLISHED
    assert panel.feedback_url == "https://x.nl/t"


def test_every_state_change_is_in_the_audit_log(member_factory, admin_member, chair):
    panel = scenario.selected(member_factory, admin_member, chair)
    actions = set(panel.audit_entries.values_list("action", flat=True))
    drawn = {
        PanelState.INVITATIONS_DRAWN,
        PanelState.LETTER_SIGNED,
        PanelState.INVITATIONS_SENT,
        PanelState.REGISTRATION_CLOSED,
        PanelState.PANEL_SELECTED,
    }
    assert drawn <= actions


def test_advice_cannot_be_published_without_recommendations(member_factory, admin_member, chair):
    panel = scenario.selected(member_factory, admin_member, chair)
    panel_start(panel=panel, actor=admin_member)
    with pytest.raises(ValidationError):
        panel_publish_advice(panel=panel, actor=admin_member)


def test_feedback_before_the_advice_is_linked_without_skipping_states(member_factory, admin_member):
    panel = scenario.drawn(member_factory, admin_member)
    process_mark_feedback_published(process_id=panel.pk, url="https://x.nl", summary="")
    panel.refresh_from_db()
    assert (panel.state, panel.feedback_url) == (PanelState.INVITATIONS_DRAWN, "https://x.nl")


def test_edit_page_refuses_a_new_size_after_the_draw(client, member_factory, admin_member):
    from django.urls import reverse

    panel = scenario.drawn(member_factory, admin_member)
    client.force_login(admin_member)
    data = {
        "title": panel.title,
        "question": panel.question,
        "purpose": panel.purpose,
        "panel_size": 6,
        "invitation_count": panel.invitation_count,
        "reserve_size": panel.reserve_size,
        "audience": panel.audience,
        "province": "",
    }
    client.post(reverse("beraad:panel-edit", args=[panel.pk]), data)
    panel.refresh_from_db()
    assert panel.panel_size == 4


def test_every_panel_state_is_either_in_preparation_or_published():
    assert set(PanelState) == PREPARATION_STATES | PUBLISHED_STATES
    assert not PREPARATION_STATES & PUBLISHED_STATES


def test_a_drawn_panel_has_closed_registration_and_is_published():
    assert DRAWN_STATES < CLOSED_STATES < PUBLISHED_STATES
