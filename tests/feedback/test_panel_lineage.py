"""The panel page shows where its advice went: panel → round → feedback (real apps)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from beraad.models import PanelState
from preferendum.models import RoundState

pytestmark = pytest.mark.django_db


@pytest.fixture
def advised_panel(panel_factory):
    return panel_factory(state=PanelState.ADVICE_PUBLISHED, advice_published_at=timezone.now())


def _lineage(client, member, panel) -> str:
    client.force_login(member)
    response = client.get(reverse("beraad:panel-detail", args=[panel.pk]))
    content = response.content.decode()
    start = content.find('id="panel-lineage"')
    return content[start : content.find("</section>", start)] if start >= 0 else ""


def test_panel_page_links_the_round_its_advice_went_to(
    client, member, advised_panel, statement_factory
):
    statement = statement_factory(
        text="Meer sociale huur", origin_kind="panel", origin_id=advised_panel.pk
    )
    lineage = _lineage(client, member, advised_panel)
    assert "Meer sociale huur" in lineage
    assert reverse("preferendum:round-detail", args=[statement.round_id]) in lineage


def test_panel_page_links_the_rounds_feedback_once_published(
    client, member, advised_panel, statement_factory, round_factory
):
    round_ = round_factory(
        statements=0,
        state=RoundState.FEEDBACK_PUBLISHED,
        feedback_url="https://example.org/terugkoppeling/9/",
        feedback_published_at=timezone.now(),
    )
    statement_factory(round=round_, origin_kind="panel", origin_id=advised_panel.pk)
    assert 'href="https://example.org/terugkoppeling/9/"' in _lineage(client, member, advised_panel)


def test_panel_page_hides_statements_in_a_draft_round(
    client, member, advised_panel, statement_factory, round_factory
):
    draft = round_factory(statements=0, state=RoundState.DRAFT)
    statement_factory(
        round=draft, text="Nog geheim", origin_kind="panel", origin_id=advised_panel.pk
    )
    assert "Nog geheim" not in _lineage(client, member, advised_panel)


def test_statements_from_another_panel_are_not_this_panels_lineage(
    client, member, advised_panel, panel_factory, statement_factory
):
    other = panel_factory(state=PanelState.ADVICE_PUBLISHED, advice_published_at=timezone.now())
    statement_factory(text="Van elders", origin_kind="panel", origin_id=other.pk)
    assert "Van elders" not in _lineage(client, member, advised_panel)
