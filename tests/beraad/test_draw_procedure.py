"""The announced procedure: nobody can steer the panel draw (issue 15)."""

import csv
import hashlib
import html
import io
import json
import shlex
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from beraad.demo import secret_word
from beraad.models import Invitation, LetterSignature, Panel, PanelState
from beraad.services.letters import panel_send_invitations
from beraad.services.procedure import (
    panel_close_registration,
    panel_fix_seed,
    seed_from,
    signature_reveal,
)
from beraad.services.quotas import quotas_update
from beraad.services.selection import panel_select
from beraad.views.report import lottery_command
from tests.beraad import scenario

pytestmark = pytest.mark.django_db


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_sending_announces_date_public_event_and_commitments_on_the_panel_page(
    client, member_factory, admin_member, chair
):
    panel = scenario.sent(member_factory, admin_member, chair)
    client.force_login(member_factory())
    page = client.get(reverse("beraad:panel-detail", args=[panel.pk])).content.decode()
    commitment = hashlib.sha256(secret_word(chair).encode()).hexdigest()
    assert panel.draw_announced_at is not None
    assert "Lotto-trekking" in page
    assert commitment in page
    assert secret_word(chair) not in page


def test_invitations_cannot_be_sent_without_an_announced_public_event(
    member_factory, admin_member, chair
):
    panel = scenario.signed(member_factory, admin_member, [chair])
    Panel.objects.filter(pk=panel.pk).update(public_source="", public_event_at=None)
    panel.refresh_from_db()
    with pytest.raises(ValidationError, match="publieke trekking"):
        panel_send_invitations(panel=panel, actor=admin_member)


def test_invitations_cannot_be_sent_when_a_chair_signed_without_a_secret_word(
    member_factory, admin_member, chair
):
    panel = scenario.signed(member_factory, admin_member, [chair])
    LetterSignature.objects.filter(letter__panel=panel).update(commitment="")
    with pytest.raises(ValidationError, match="zonder geheim woord"):
        panel_send_invitations(panel=panel, actor=admin_member)


def test_a_public_event_before_the_invitations_go_out_is_refused(
    member_factory, admin_member, chair
):
    panel = scenario.signed(member_factory, admin_member, [chair])
    Panel.objects.filter(pk=panel.pk).update(public_event_at=timezone.now() - timedelta(days=1))
    panel.refresh_from_db()
    with pytest.raises(ValidationError):
        panel_send_invitations(panel=panel, actor=admin_member)


def test_closing_publishes_the_sha256_of_the_files_members_download(
    client, member_factory, admin_member, chair
):
    panel = scenario.selected(member_factory, admin_member, chair)
    client.force_login(member_factory())
    entry = panel.audit_entries.get(action=PanelState.REGISTRATION_CLOSED)
    for name in ("respondents", "categories"):
        body = client.get(reverse(f"beraad:{name}-csv", args=[panel.pk])).content
        assert _sha256(body) == entry.details[f"{name}_sha256"]


def test_quotas_cannot_be_edited_once_registration_is_closed(member_factory, admin_member, chair):
    panel = scenario.closed(member_factory, admin_member, chair)
    quota = panel.categories.get().quotas.first()
    with pytest.raises(ValidationError):
        quotas_update(panel=panel, actor=admin_member, values={quota.pk: (0, 4, 1)})


def test_registration_cannot_close_after_the_public_event(member_factory, admin_member, chair):
    panel = scenario.sent(member_factory, admin_member, chair)
    Panel.objects.filter(pk=panel.pk).update(public_event_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError, match="al geweest"):
        panel_close_registration(panel=panel, actor=admin_member)


def test_public_value_entered_before_its_event_is_refused(member_factory, admin_member, chair):
    panel = scenario.closed(member_factory, admin_member, chair)
    signature_reveal(panel=panel, chair=chair, secret_word=secret_word(chair))
    with pytest.raises(ValidationError, match="nog niet geweest"):
        panel_fix_seed(panel=panel, actor=admin_member, public_value="1 2 3 4 5 6")


def test_a_reveal_that_does_not_match_its_commitment_is_refused(
    member_factory, admin_member, chair
):
    panel = scenario.event_passed(scenario.closed(member_factory, admin_member, chair))
    with pytest.raises(ValidationError, match="past niet"):
        signature_reveal(panel=panel, chair=chair, secret_word="een-ander-woord")


def test_the_reveal_page_shows_a_wrong_secret_word_at_the_field(
    client, member_factory, admin_member, chair
):
    panel = scenario.event_passed(scenario.closed(member_factory, admin_member, chair))
    client.force_login(chair)
    url = reverse("beraad:reveal", args=[panel.pk])
    response = client.post(url, {"secret_word": "een-ander-woord"})
    assert "past niet" in " ".join(response.context["form"].errors["secret_word"])


def test_seed_cannot_be_fixed_before_every_chair_revealed(member_factory, admin_member, chair):
    panel = scenario.event_passed(scenario.closed(member_factory, admin_member, chair))
    with pytest.raises(ValidationError, match="nog niet onthuld"):
        panel_fix_seed(panel=panel, actor=admin_member, public_value="1 2 3 4 5 6")


def test_printed_seed_command_recomputes_the_seed_in_a_shell(
    client, member_factory, admin_member, chair
):
    panel = scenario.revealed(member_factory, admin_member, chair)
    panel = panel_fix_seed(panel=panel, actor=admin_member, public_value="7 13 '21' 34; echo x")
    panel = panel_select(panel=panel, actor=admin_member)
    client.force_login(member_factory())
    response = client.get(reverse("beraad:report", args=[panel.pk]))
    command = response.context["seed_command"]
    assert command in html.unescape(response.content.decode())
    output = subprocess.run(["sh", "-c", command], capture_output=True, text=True, check=True)
    assert output.stdout.split()[0] == panel.seed


def test_draw_refuses_a_seed_written_straight_into_the_database(
    member_factory, admin_member, chair
):
    panel = scenario.seeded(member_factory, admin_member, chair)
    Panel.objects.filter(pk=panel.pk).update(seed=seed_from("99 98 97", ["gekozen"]))
    panel.refresh_from_db()
    with pytest.raises(ValidationError, match="volgt niet"):
        panel_select(panel=panel, actor=admin_member)
    assert not panel.panel_members.exists()


def test_draw_refuses_a_reveal_changed_in_the_database(member_factory, admin_member, chair):
    panel = scenario.seeded(member_factory, admin_member, chair)
    LetterSignature.objects.filter(letter__panel=panel).update(reveal="iets-anders")
    Panel.objects.filter(pk=panel.pk).update(seed=seed_from(panel.public_value, ["iets-anders"]))
    panel.refresh_from_db()
    with pytest.raises(ValidationError, match="past niet bij de aangekondigde"):
        panel_select(panel=panel, actor=admin_member)


def test_draw_refuses_respondents_changed_after_freezing(member_factory, admin_member, chair):
    panel = scenario.seeded(member_factory, admin_member, chair)
    frozen = panel.frozen
    frozen["people"] = frozen["people"][1:]
    Panel.objects.filter(pk=panel.pk).update(frozen=frozen)
    panel.refresh_from_db()
    with pytest.raises(ValidationError, match="gepubliceerde SHA-256"):
        panel_select(panel=panel, actor=admin_member)


def test_draw_uses_the_frozen_respondents_not_later_changes(member_factory, admin_member, chair):
    panel = scenario.seeded(member_factory, admin_member, chair)
    late = Invitation.objects.filter(panel=panel).first()
    Invitation.objects.filter(pk=late.pk).update(category_values={"gender": "man"})
    panel = panel_select(panel=panel, actor=admin_member)
    assert panel.selection["inputs"]["people"] == panel.frozen["people"]


def test_printed_lottery_command_quotes_a_seed_with_a_space():
    panel = Panel(seed="2026-03-01 draw", panel_size=4, reserve_size=1)
    argv = shlex.split(lottery_command(panel))
    assert argv[argv.index("--seed") + 1] == "2026-03-01 draw"


def test_printed_lottery_command_gives_the_same_panel(
    tmp_path, client, member_factory, admin_member, chair
):
    pytest.importorskip("beraad.lottery.cli", reason="needs the real lottery engine")
    panel = scenario.selected(member_factory, admin_member, chair)
    client.force_login(member_factory())
    for name in ("categories", "respondents"):
        body = client.get(reverse(f"beraad:{name}-csv", args=[panel.pk])).content
        (tmp_path / f"{name}.csv").write_bytes(body)
    command = client.get(reverse("beraad:report", args=[panel.pk])).context["lottery_command"]
    argv = shlex.split(command.replace("python", sys.executable, 1))
    subprocess.run(argv, cwd=tmp_path, check=True, capture_output=True)
    result = json.loads((tmp_path / "result.json").read_text())
    assert result["panel"] == panel.selection["result"]["panel"]


def _respondent_rows(client, panel) -> list[dict]:
    body = client.get(reverse("beraad:respondents-csv", args=[panel.pk])).content.decode()
    return list(csv.DictReader(io.StringIO(body)))


def test_respondents_get_new_random_pseudonyms_when_registration_closes(
    client, member_factory, admin_member, chair
):
    panel = scenario.sent(member_factory, admin_member, chair)
    before = set(panel.invitations.values_list("pseudonym", flat=True))
    panel.invitations.update(status=Invitation.Status.ACCEPTED, consent_at=timezone.now())
    panel = panel_close_registration(panel=panel, actor=admin_member)
    after = {row[0] for row in panel.frozen["people"]}
    numbers = set(panel.invitations.values_list("member__member_number", flat=True))
    assert after and not after & before
    assert not after & numbers


def test_respondents_csv_shows_a_household_only_when_two_respondents_share_it(
    client, member_factory, admin_member, chair
):
    panel = scenario.sent(member_factory, admin_member, chair)
    panel.invitations.update(status=Invitation.Status.ACCEPTED, consent_at=timezone.now())
    first, second, third = panel.invitations.order_by("pk")[:3]
    Invitation.objects.filter(pk__in=[first.pk, second.pk]).update(household="samen")
    Invitation.objects.filter(pk=third.pk).update(household="alleen")
    panel = panel_close_registration(panel=panel, actor=admin_member)
    households = [row[2] for row in panel.frozen["people"] if row[2]]
    assert len(households) == 2 and len(set(households)) == 1
    assert "samen" not in panel.frozen["respondents_csv"]
    assert "alleen" not in panel.frozen["respondents_csv"]


def test_report_says_in_words_whether_the_draw_is_proven_optimal(
    client, member_factory, admin_member, chair
):
    panel = scenario.selected(member_factory, admin_member, chair)
    panel.selection["result"].update(proven_optimal=True, upper_bound_min_probability=0.5)
    panel.save(update_fields=["selection"])
    client.force_login(member_factory())
    page = client.get(reverse("beraad:report", args=[panel.pk])).content.decode()
    assert "bewezen dat geen andere loting" in page
    assert "0,500" in page


def test_report_without_the_optimality_keys_says_it_was_not_recorded(
    client, member_factory, admin_member, chair
):
    panel = scenario.selected(member_factory, admin_member, chair)
    panel.selection["result"].pop("proven_optimal", None)
    panel.save(update_fields=["selection"])
    client.force_login(member_factory())
    page = client.get(reverse("beraad:report", args=[panel.pk])).content.decode()
    assert "niet vastgelegd" in page


def test_a_new_public_event_while_registration_is_open_is_announced_again(
    member_factory, admin_member, chair
):
    from beraad.services.panels import panel_update

    panel = scenario.sent(member_factory, admin_member, chair)
    later = timezone.now() + timedelta(days=60)
    panel_update(
        panel=panel, actor=admin_member, public_event_at=later, draw_date=timezone.localdate(later)
    )
    entries = panel.audit_entries.filter(action="draw_announced")
    assert entries.count() == 2
    assert entries.last().details["public_event_at"] == later.isoformat()


def test_a_new_public_event_in_the_past_is_refused(member_factory, admin_member, chair):
    from beraad.services.panels import panel_update

    panel = scenario.sent(member_factory, admin_member, chair)
    with pytest.raises(ValidationError):
        panel_update(
            panel=panel, actor=admin_member, public_event_at=timezone.now() - timedelta(hours=1)
        )
