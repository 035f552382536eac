import io

import pytest

from beraad import demo as beraad_demo
from beraad.models import Panel, PanelState
from members import demo as members_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_members(monkeypatch):
    monkeypatch.setattr(members_demo, "MEMBER_COUNT", 300)
    members_demo.seed(stdout=io.StringIO())


def test_demo_adds_a_panel_in_registration_signed_by_both_chairs(demo_members):
    beraad_demo.seed(stdout=io.StringIO())
    panel = Panel.objects.get(title=beraad_demo.REGISTRATION["title"])
    assert panel.state == PanelState.INVITATIONS_SENT
    assert panel.letter.signatures.count() == 2
    assert panel.invitations.filter(status="accepted").exists()


def test_demo_adds_a_selected_panel_with_published_advice(demo_members):
    beraad_demo.seed(stdout=io.StringIO())
    panel = Panel.objects.get(title=beraad_demo.SELECTED["title"])
    assert panel.state == PanelState.ADVICE_PUBLISHED
    assert panel.recommendations.count() == 3


def test_demo_is_idempotent(demo_members):
    beraad_demo.seed(stdout=io.StringIO())
    beraad_demo.seed(stdout=io.StringIO())
    assert Panel.objects.count() == 2


def test_demo_seed_follows_the_announced_procedure(demo_members):
    from beraad.services.procedure import reveals, seed_from, selection_problems

    beraad_demo.seed(stdout=io.StringIO())
    panel = Panel.objects.get(title=beraad_demo.SELECTED["title"])
    assert panel.draw_announced_at < panel.frozen_at < panel.public_event_at
    assert panel.public_event_at <= panel.public_value_at
    assert panel.seed == seed_from(panel.public_value, reveals(panel))
    assert len(reveals(panel)) == 2
    assert selection_problems(panel) == []
