"""Two chairs sign a panel letter, each committing to a secret word; the invitees accept
through their personal links; registration closes and the inputs are frozen; after the
public event the chairs reveal their words, the admin enters the public value and draws the
panel in a background job; a member downloads the report's files, runs the printed commands
and gets the same seed and the same panel."""

import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from PIL import Image
from playwright.sync_api import expect

from beraad.models import Invitation, PanelMember, PanelState
from beraad.services.letters import letter_save, required_signer_add
from tests.beraad import scenario
from tests.browser.conftest import login_code_for, sent_bodies

LINK = re.compile(r"https?://\S+/beraad/uitnodiging/\S+/")
PUBLIC_VALUE = "2026-03-01 draw 7 13 21"  # a space, as in the README's example


def _word(chair) -> str:
    return f"woord van {chair.first_name}!"


def _signature_png() -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "white").save(buffer, format="PNG")
    return {"name": "handtekening.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def _reauthenticate(journey, chair) -> None:
    """Signing asks for a fresh code: the chair requests one and types it in."""
    page = journey.page
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/code/"))
    page.locator("main form [type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/code/confirm/"))
    page.locator("input[name=code]").fill(login_code_for(chair.email))
    page.locator("main form:has(input[name=code]) [type=submit]").first.click()


def _sign(journey, chair) -> None:
    """The chair finds the letter on the panel list, confirms a fresh code, reads and signs."""
    EmailAddress.objects.get_or_create(
        user=chair, email=chair.email, defaults={"verified": True, "primary": True}
    )
    journey.sign_in_as(chair)
    journey.go("/beraad/")
    journey.page.get_by_role("link", name=re.compile("lezen en ondertekenen")).click()
    _reauthenticate(journey, chair)
    page = journey.page
    expect(page.locator(".letter-preview")).to_contain_text("Doe mee met het ledenberaad")
    page.get_by_label("Handtekening").set_input_files(_signature_png())
    page.get_by_label("Geheim woord voor het lotingsgetal").fill(_word(chair))
    page.get_by_label(re.compile("Ik heb dit gecontroleerd")).check()
    page.get_by_role("button", name="Onderteken de brief").click()
    expect(page.locator("main")).to_contain_text("Je hebt deze tekst ondertekend.")


def _personal_link(invitation) -> str:
    body = next(b for b in sent_bodies(invitation.member.email) if LINK.search(b))
    return urlsplit(LINK.search(body).group(0)).path


def _respond(journey, invitation, *, accept: bool) -> None:
    page = journey.page
    journey.go(_personal_link(invitation))
    if accept:
        page.get_by_label("Ja, ik meld me aan").check()
        page.get_by_label(re.compile("Ik geef toestemming")).check()
    else:
        page.get_by_label("Nee, ik doe niet mee").check()
    page.get_by_role("button", name="Verstuur mijn antwoord").click()
    expected = "Je bent aangemeld" if accept else "Je hebt je afgemeld"
    expect(page.locator("#response-status")).to_contain_text(expected)


def _reveal(journey, chair, panel) -> None:
    """After registration closed, the chair reveals the word from the panel's page."""
    journey.sign_in_as(chair)
    journey.go(f"/beraad/{panel.pk}/")
    journey.page.get_by_role("link", name="Geheim woord onthullen").click()
    journey.page.get_by_label("Je geheime woord").fill(_word(chair))
    journey.page.get_by_role("button", name="Onthul mijn woord").click()
    expect(journey.page.locator("main")).to_contain_text("Je geheime woord is onthuld.")


def _download(journey, name: str, folder: Path) -> None:
    with journey.page.expect_download() as download:
        journey.page.get_by_role("link", name=name).click()
    download.value.save_as(folder / name)


def _run(command: str, folder: Path) -> str:
    """Run a command exactly as printed, with this interpreter as `python`."""
    bin_dir = Path(sys.executable).parent  # the virtualenv's python, as an installer has it
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "PYTHONPATH": str(root)}
    result = subprocess.run(
        ["sh", "-c", command], cwd=folder, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _take_step(journey, panel, name: str, fields: dict | None = None, done: str = "") -> None:
    """On the admin's panel page: open the step, fill it in, confirm it."""
    journey.go(f"/beraad/{panel.pk}/beheer/")
    page = journey.page
    page.locator("section[aria-labelledby=next-heading]").get_by_role("link", name=name).click()
    for label, value in (fields or {}).items():
        page.get_by_label(label).fill(value)
    page.get_by_label(re.compile("Ik heb dit gecontroleerd")).check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text(done or f"Gedaan: {name}")


def test_chairs_sign_invitees_accept_and_the_admin_draws_the_panel_with_a_seed(
    journey_factory, member_factory, admin_member
):
    chairs = [member_factory(chair=True) for _ in range(2)]
    panel = scenario.drawn(member_factory, admin_member, invitation_count=6, reserve_size=1)
    letter_save(panel=panel, actor=admin_member, text=scenario.LETTER)
    for chair in chairs:
        required_signer_add(panel=panel, actor=admin_member, chair=chair)

    for chair in chairs:
        _sign(journey_factory(), chair)
    panel.refresh_from_db()
    assert panel.state == PanelState.LETTER_SIGNED

    admin = journey_factory()
    admin.sign_in_as(admin_member)
    _take_step(admin, panel, "Uitnodigingen versturen")

    invitee = journey_factory()  # no account needed: the personal link is the key
    *accepting, declining = panel.invitations.select_related("member").order_by("pk")
    for invitation in accepting:
        _respond(invitee, invitation, accept=True)
    _respond(invitee, declining, accept=False)
    statuses = panel.invitations.values_list("status", flat=True)
    assert sorted(statuses) == sorted([Invitation.Status.ACCEPTED] * 5 + ["declined"])

    _take_step(admin, panel, "Aanmelding sluiten")
    panel = scenario.event_passed(panel)  # the announced public lottery draw takes place
    for chair in chairs:
        _reveal(journey_factory(), chair, panel)
    _take_step(
        admin,
        panel,
        "Publiek lotingsgetal vastleggen",
        {"Uitkomst van de aangekondigde publieke trekking": PUBLIC_VALUE},
    )
    _take_step(admin, panel, "Panel loten", done="De loting is klaar")
    panel.refresh_from_db()
    assert panel.state == PanelState.PANEL_SELECTED
    assert panel.panel_members.filter(status=PanelMember.Status.SELECTED).count() == 4

    member = journey_factory(accept_downloads=True)
    member.sign_in_as(member_factory())
    member.go(f"/beraad/{panel.pk}/verslag/")
    report = member.page.locator("main")
    expect(report).to_contain_text(PUBLIC_VALUE)
    quota_cells = report.locator("#numbers-heading + .table-scroll tbody tr td:last-child")
    expect(quota_cells).to_have_count(panel.categories.get().quotas.count())
    folder = Path(tempfile.mkdtemp())
    for name in ("categories.csv", "respondents.csv"):
        _download(member, name, folder)
    hashes = _run("sha256sum respondents.csv categories.csv", folder)
    assert panel.frozen["respondents_sha256"] in hashes
    assert panel.frozen["categories_sha256"] in hashes
    seed = _run(member.page.locator("#seed-command").inner_text(), folder).split()[0]
    expect(report).to_contain_text(seed)
    _run(member.page.locator("#lottery-command").inner_text(), folder)
    result = json.loads((folder / "result.json").read_text())
    expect(report).to_contain_text(", ".join(result["panel"]), use_inner_text=False)
    member.screenshot("beraad-report")
