"""Stage 2: the seed is fixed first, quotas hold, dropouts are replaced within the quotas."""

import json
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from beraad.models import PanelMember, PanelState
from beraad.services.procedure import panel_fix_seed
from beraad.services.selection import panel_member_drop, panel_select
from tests.beraad import scenario

pytestmark = pytest.mark.django_db


def _genders(panel):
    seats = panel.panel_members.filter(status__in=PanelMember.ACTIVE).select_related("invitation")
    return Counter(seat.invitation.category_values["gender"] for seat in seats)


def _bounds(panel):
    return {q.value: (q.min, q.max) for c in panel.categories.all() for q in c.quotas.all()}


def test_panel_cannot_be_drawn_before_the_seed_is_fixed(member_factory, admin_member, chair):
    panel = scenario.revealed(member_factory, admin_member, chair)
    with pytest.raises(ValidationError):
        panel_select(panel=panel, actor=admin_member)


def test_seed_cannot_be_changed_once_fixed(member_factory, admin_member, chair):
    panel = scenario.seeded(member_factory, admin_member, chair)
    with pytest.raises(ValidationError):
        panel_fix_seed(panel=panel, actor=admin_member, public_value="1 2 3")


def test_selected_panel_meets_every_quota(member_factory, admin_member, chair):
    panel = scenario.selected(member_factory, admin_member, chair)
    genders = _genders(panel)
    assert panel.state == PanelState.PANEL_SELECTED
    assert sum(genders.values()) == panel.panel_size
    for value, (low, high) in _bounds(panel).items():
        assert low <= genders[value] <= high


def test_reserves_are_ordered(member_factory, admin_member, chair):
    panel = scenario.selected(member_factory, admin_member, chair)
    reserves = panel.panel_members.filter(status=PanelMember.Status.RESERVE).order_by("order")
    assert list(reserves.values_list("order", flat=True)) == [1, 2]


def test_selection_is_logged_with_seed_and_result(member_factory, admin_member, chair):
    panel = scenario.selected(member_factory, admin_member, chair)
    entry = panel.audit_entries.get(action=PanelState.PANEL_SELECTED)
    assert entry.details["seed"] == panel.seed
    assert len(panel.seed) == 64
    assert entry.details["panel"] == panel.selection["result"]["panel"]


def test_replacement_keeps_every_quota(member_factory, admin_member, chair):
    panel = scenario.selected(member_factory, admin_member, chair)
    seat = panel.panel_members.filter(status=PanelMember.Status.SELECTED).first()
    replacement = panel_member_drop(panel_member=seat, actor=admin_member)
    genders = _genders(panel)
    assert replacement is not None
    assert sum(genders.values()) == panel.panel_size
    for value, (low, high) in _bounds(panel).items():
        assert low <= genders[value] <= high


def test_replacement_is_in_the_audit_log(member_factory, admin_member, chair):
    panel = scenario.selected(member_factory, admin_member, chair)
    seat = panel.panel_members.filter(status=PanelMember.Status.SELECTED).first()
    replacement = panel_member_drop(panel_member=seat, actor=admin_member)
    entry = panel.audit_entries.get(action="dropout_replaced")
    assert entry.details["dropout"] == seat.invitation.pseudonym
    assert entry.details["replacement"] == replacement.invitation.pseudonym


def test_report_shows_the_seed_and_the_verification_command(
    client, member_factory, admin_member, chair
):
    panel = scenario.selected(member_factory, admin_member, chair)
    client.force_login(member_factory())
    html = client.get(reverse("beraad:report", args=[panel.pk])).content.decode()
    assert panel.seed in html
    assert "python -m beraad.lottery --categories categories.csv" in html
    assert "Adviserend" in html  # the purpose is shown on every panel page


def test_respondents_csv_holds_pseudonyms_only(client, member_factory, admin_member, chair):
    panel = scenario.selected(member_factory, admin_member, chair)
    client.force_login(member_factory())
    body = client.get(reverse("beraad:respondents-csv", args=[panel.pk])).content.decode()
    lines = body.strip().splitlines()
    assert lines[0].strip() == "id,gender,household"
    assert len(lines) == panel.invitations.count() + 1
    assert all(m.email not in body for m in [i.member for i in panel.invitations.all()])


def test_categories_csv_has_the_engine_header(client, member_factory, admin_member, chair):
    panel = scenario.selected(member_factory, admin_member, chair)
    client.force_login(member_factory())
    body = client.get(reverse("beraad:categories-csv", args=[panel.pk])).content.decode()
    assert body.splitlines()[0].strip() == "category,feature,min,max"


def test_anyone_can_rerun_the_draw_from_the_report_files(
    tmp_path, client, member_factory, admin_member, chair
):
    cli = pytest.importorskip("beraad.lottery.cli", reason="needs the real lottery engine")
    panel = scenario.selected(member_factory, admin_member, chair)
    client.force_login(member_factory())
    for name in ("categories", "respondents"):
        body = client.get(reverse(f"beraad:{name}-csv", args=[panel.pk])).content
        (tmp_path / f"{name}.csv").write_bytes(body)
    argv = [
        *("--categories", str(tmp_path / "categories.csv")),
        *("--respondents", str(tmp_path / "respondents.csv")),
        *("--panel-size", str(panel.panel_size), "--reserves", str(panel.reserve_size)),
        *("--seed", panel.seed, "--out", str(tmp_path / "result.json")),
    ]
    assert cli.main(argv) == 0
    result = json.loads((tmp_path / "result.json").read_text())
    assert result["panel"] == panel.selection["result"]["panel"]
    assert result["reserves"] == panel.selection["result"]["reserves"]


def test_engine_refusal_is_reported_in_dutch(member_factory, admin_member, chair, monkeypatch):
    from beraad import lottery

    panel = scenario.seeded(member_factory, admin_member, chair)
    relaxation = lottery.Relaxation("gender", "man", "max", 1, 2)

    def refuse(*args, **kwargs):
        raise lottery.InfeasibleQuotas([relaxation])

    monkeypatch.setattr(lottery, "select_panel", refuse)
    with pytest.raises(ValidationError, match="Het maximum voor Gender = man is te laag"):
        panel_select(panel=panel, actor=admin_member)


def test_report_csvs_write_formulas_as_text():
    from beraad.services.procedure import categories_csv, respondents_csv

    quotas = [["gender", "=cmd|' /C calc'!A0", 1, 3]]
    people = [["a1b2c3", {"gender": "=cmd|' /C calc'!A0"}, ""]]
    for body in (categories_csv(quotas), respondents_csv(people, quotas)):
        assert "'=cmd" in body and ",=cmd" not in body
