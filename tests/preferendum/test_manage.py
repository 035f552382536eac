from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import MailKind, OutboxMessage
from preferendum.models import RoundState, Suggestion
from preferendum.selectors import series_overview

pytestmark = pytest.mark.django_db


def test_admin_schedules_a_draft_round(client, admin_member, round_factory):
    round_ = round_factory(state=RoundState.DRAFT, opens_at=None, closes_at=None)
    client.force_login(admin_member)
    opens = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    closes = (timezone.localtime() + timedelta(days=8)).strftime("%Y-%m-%dT%H:%M")
    url = reverse("preferendum:manage-round", args=[round_.pk])
    response = client.post(url, {"opens_at": opens, "closes_at": closes})
    round_.refresh_from_db()
    assert response.status_code == 302 and round_.state == RoundState.SCHEDULED


def test_scheduling_errors_are_shown_in_dutch(client, admin_member, round_factory):
    round_ = round_factory(state=RoundState.DRAFT, statements=0)
    client.force_login(admin_member)
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    url = reverse("preferendum:manage-round", args=[round_.pk])
    response = client.post(url, {"opens_at": now, "closes_at": now})
    assert "Een ronde heeft 1 tot 6 stellingen." in response.content.decode()


def test_series_overview_says_when_the_queue_runs_dry(series_factory, round_factory):
    series = series_factory(rhythm_days=28, open_days=14)
    current = round_factory(series=series)
    round_factory.create_batch(2, series=series, state=RoundState.DRAFT)
    (overview,) = series_overview()
    expected = timezone.localdate(current.opens_at + timedelta(days=2 * 28 + 14))
    assert overview.dry_on == expected and len(overview.queue) == 2


def test_admin_turns_a_suggestion_into_a_statement(
    client, admin_member, suggestion_factory, django_capture_on_commit_callbacks
):
    suggestion = suggestion_factory(text="Meer fietspaden")
    client.force_login(admin_member)
    url = reverse("preferendum:manage-suggestion", args=[suggestion.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "accept", "text": "Er moeten meer fietspaden komen"})
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED
    assert suggestion.statement.text == "Er moeten meer fietspaden komen"
    assert OutboxMessage.objects.filter(kind=MailKind.SUGGESTION_UPDATE).count() == 1


def test_lineage_of_a_carried_over_statement_shows_on_the_round_page(
    client, admin_member, open_round
):
    open_round.statements.filter(position=1).update(origin_label="Aanbeveling ledenberaad Wonen")
    client.force_login(admin_member)
    html = client.get(reverse("preferendum:round-detail", args=[open_round.pk])).content.decode()
    assert "Herkomst: Aanbeveling ledenberaad Wonen" in html


def test_lineage_links_to_the_panel_the_statement_came_from(client, admin_member, open_round):
    open_round.statements.filter(position=1).update(
        origin_kind="panel", origin_id=7, origin_label="Aanbeveling ledenberaad Wonen"
    )
    client.force_login(admin_member)
    html = client.get(reverse("preferendum:round-detail", args=[open_round.pk])).content.decode()
    link = reverse("beraad:panel-detail", args=[7])
    assert f'Herkomst: <a href="{link}">Aanbeveling ledenberaad Wonen</a>' in html


def test_admin_cannot_edit_statements_of_an_open_round_in_the_django_admin(
    client, admin_member, open_round
):
    client.force_login(admin_member)
    html = client.get(
        reverse("admin:preferendum_round_change", args=[open_round.pk])
    ).content.decode()
    assert 'name="statements-0-text"' not in html
