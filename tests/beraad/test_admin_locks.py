"""What the signed letter and the draws depend on is locked, in the pages and the admin."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from beraad.models import Invitation, Panel
from beraad.services.panels import panel_update
from tests.beraad import scenario

pytestmark = pytest.mark.django_db


def _admin_form_data(panel: Panel, **changes) -> dict:
    data = {
        "title": panel.title,
        "question": panel.question,
        "purpose": panel.purpose,
        "panel_size": panel.panel_size,
        "invitation_count": panel.invitation_count,
        "reserve_size": panel.reserve_size,
        "audience": panel.audience,
        "province": panel.province,
        "draw_date": panel.draw_date.isoformat(),
        "public_source": panel.public_source,
        "public_event_at_0": panel.public_event_at.strftime("%Y-%m-%d"),
        "public_event_at_1": panel.public_event_at.strftime("%H:%M:%S"),
    }
    return {**data, **changes}


def test_purpose_cannot_change_after_the_letter_is_signed(member_factory, admin_member, chair):
    panel = scenario.signed(member_factory, admin_member, [chair])
    with pytest.raises(ValidationError, match="brief getekend"):
        panel_update(panel=panel, actor=admin_member, purpose=Panel.Purpose.BINDING)


def test_django_admin_cannot_change_the_purpose_after_signing(
    client, member_factory, admin_member, chair
):
    panel = scenario.signed(member_factory, admin_member, [chair])
    client.force_login(admin_member)
    url = reverse("admin:beraad_panel_change", args=[panel.pk])
    response = client.post(url, _admin_form_data(panel, purpose=Panel.Purpose.BINDING))
    panel.refresh_from_db()
    assert response.status_code == 200  # the form comes back with the reason
    assert panel.purpose == Panel.Purpose.ADVISORY


def test_django_admin_cannot_change_the_size_after_the_draw(client, member_factory, admin_member):
    panel = scenario.drawn(member_factory, admin_member)
    client.force_login(admin_member)
    url = reverse("admin:beraad_panel_change", args=[panel.pk])
    client.post(url, _admin_form_data(panel, panel_size=panel.panel_size + 1))
    panel.refresh_from_db()
    assert panel.panel_size == 4


def test_an_edit_in_the_django_admin_is_in_the_audit_log(client, member_factory, admin_member):
    panel = scenario.drawn(member_factory, admin_member)
    client.force_login(admin_member)
    url = reverse("admin:beraad_panel_change", args=[panel.pk])
    response = client.post(url, _admin_form_data(panel, public_source="Eurojackpot"))
    assert response.status_code == 302
    entry = panel.audit_entries.filter(action="edited").last()
    assert entry.actor == admin_member
    assert entry.details["public_source"] == "Eurojackpot"


def test_django_admin_cannot_change_an_invitations_status_or_consent(
    client, member_factory, admin_member, chair
):
    panel = scenario.sent(member_factory, admin_member, chair)
    invitation = panel.invitations.first()
    client.force_login(admin_member)
    url = reverse("admin:beraad_invitation_change", args=[invitation.pk])
    client.post(url, {"panel": panel.pk, "member": invitation.member_id, "status": "accepted"})
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.INVITED


def test_django_admin_never_shows_a_pseudonym_next_to_a_name(
    client, member_factory, admin_member, chair
):
    panel = scenario.sent(member_factory, admin_member, chair)
    invitation = panel.invitations.first()
    client.force_login(admin_member)
    pages = [
        reverse("admin:beraad_invitation_changelist"),
        reverse("admin:beraad_invitation_change", args=[invitation.pk]),
    ]
    for url in pages:
        assert invitation.pseudonym not in client.get(url).content.decode()
