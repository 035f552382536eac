"""The home page's panel block: current panels only, and honest about the draw."""

from datetime import timedelta

import pytest
from django.utils import timezone

from beraad.models import Invitation, PanelMember, PanelState

pytestmark = pytest.mark.django_db


def _home(client, member) -> str:
    """The panel block of the member's home page, as text."""
    client.force_login(member)
    return "".join(item.title + " " + item.note for item in client.get("/").context["panels"])


def _accepted(invitation_factory, member, **panel):
    return invitation_factory(member=member, status=Invitation.Status.ACCEPTED, **panel)


def test_a_respondent_who_was_not_selected_is_not_called_registered(
    client, member, invitation_factory
):
    _accepted(
        invitation_factory,
        member,
        panel__title="Beraad wonen",
        panel__state=PanelState.PANEL_SELECTED,
    )
    content = _home(client, member)
    assert "Beraad wonen" in content
    assert "niet geloot" in content and "aangemeld" not in content


def test_a_respondent_is_registered_until_the_draw(client, member, invitation_factory):
    _accepted(invitation_factory, member, panel__state=PanelState.REGISTRATION_CLOSED)
    assert "aangemeld" in _home(client, member)


def test_a_selected_member_is_a_panel_member(client, member, invitation_factory):
    invitation = _accepted(invitation_factory, member, panel__state=PanelState.RUNNING)
    PanelMember.objects.create(
        panel=invitation.panel,
        member=member,
        invitation=invitation,
        status=PanelMember.Status.SELECTED,
    )
    assert "panellid" in _home(client, member)


def test_a_panel_finished_over_six_weeks_ago_leaves_the_home_page(
    client, member, invitation_factory
):
    long_ago = timezone.now() - timedelta(weeks=6, days=1)
    _accepted(
        invitation_factory,
        member,
        panel__title="Beraad klimaat",
        panel__state=PanelState.FEEDBACK_PUBLISHED,
        panel__advice_published_at=long_ago - timedelta(weeks=4),
        panel__feedback_published_at=long_ago,
    )
    assert "Beraad klimaat" not in _home(client, member)


def test_a_panel_finished_recently_stays_on_the_home_page(client, member, invitation_factory):
    _accepted(
        invitation_factory,
        member,
        panel__title="Beraad klimaat",
        panel__state=PanelState.ADVICE_PUBLISHED,
        panel__advice_published_at=timezone.now() - timedelta(weeks=5),
    )
    assert "Beraad klimaat" in _home(client, member)


def test_a_panel_whose_feedback_came_recently_stays_after_old_advice(
    client, member, invitation_factory
):
    _accepted(
        invitation_factory,
        member,
        panel__title="Beraad klimaat",
        panel__state=PanelState.FEEDBACK_PUBLISHED,
        panel__advice_published_at=timezone.now() - timedelta(weeks=10),
        panel__feedback_published_at=timezone.now() - timedelta(weeks=1),
    )
    assert "Beraad klimaat" in _home(client, member)
