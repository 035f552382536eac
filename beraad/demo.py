"""Demo: one panel in registration (signed letters, respondents), one selected with advice."""

import io
import time
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from beraad.models import CategoryKind, Panel
from beraad.services.draw import panel_draw_invitations
from beraad.services.letters import (
    letter_save,
    letter_sign,
    panel_send_invitations,
    required_signer_add,
)
from beraad.services.panels import (
    panel_create,
    panel_publish_advice,
    panel_start,
    panel_update,
    recommendation_add,
    session_add,
)
from beraad.services.procedure import panel_close_registration, panel_fix_seed, signature_reveal
from beraad.services.quotas import category_add
from beraad.services.responses import invitation_respond
from beraad.services.selection import panel_select
from members.models import Member

CHAIRS = ["voorzitter@example.org", "voorzitter2@example.org"]
PUBLIC_SOURCE = "de winnende getallen van de Lotto-trekking van de Nederlandse Loterij"
# A demo cannot wait for a real lottery: the selected panel's public "draw" is this many
# seconds after registration closes, and its value is made up.
DEMO_EVENT_SECONDS = 2
DEMO_PUBLIC_VALUE = "3 12 19 27 33 41"
LETTER = """Beste {{ naam }},

Je bent uitgeloot om mee te doen aan een ledenberaad. Samen met andere leden, gekozen zodat
de groep lijkt op alle leden, praat je over één vraag en geef je de partij advies.

Je hoeft niets te weten of voor te bereiden: juist jouw ervaring telt. Reiskosten vergoeden we.

Meld je aan (of laat weten dat je niet meedoet) via je persoonlijke link:
{{ link }}

Met vriendelijke groet,"""
REGISTRATION = {
    "title": "Hoe wordt de partij een thuis voor iedereen?",
    "question": "Wat moet de partij doen zodat leden van alle leeftijden en overal in het land "
    "zich welkom voelen en meedoen?",
    "panel_size": 24,
    "invitation_count": 120,
    "reserve_size": 6,
}
SELECTED = {
    "title": "Wonen: wat vragen leden van de partij?",
    "question": "Welke drie keuzes moet de partij maken in het woonbeleid?",
    "panel_size": 12,
    "invitation_count": 60,
    "reserve_size": 4,
}
ADVICE = [
    "Bouw meer betaalbare huurwoningen en leg per gemeente een minimum vast.",
    "Geef jongeren en ouderen voorrang bij woningdelen en kleiner wonen.",
    "Laat leden per regio meepraten over waar gebouwd wordt.",
]


def seed(*, stdout) -> None:
    admin = Member.objects.filter(email="admin@example.org").first()
    chairs = list(Member.objects.filter(email__in=CHAIRS).order_by("email"))
    if admin is None or len(chairs) < 2:
        stdout.write("Beraad: demo accounts missing, skipped")
        return
    _registration_panel(admin, chairs)
    stdout.write(_selected_panel(admin, chairs))


def _signature_image(name: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (300, 90), "white")
    draw = ImageDraw.Draw(image)
    draw.line([(10, 60), (60, 20), (110, 70), (170, 25), (230, 65), (290, 30)], "navy", 4)
    draw.text((10, 72), name, fill="navy")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("handtekening.png", buffer.getvalue(), content_type="image/png")


def secret_word(chair) -> str:
    """The demo chairs' secret words (a real chair keeps theirs to themselves)."""
    return f"demo-woord-{chair.pk}"


def _prepared_panel(admin, chairs, fields: dict, seed: str, event_at) -> Panel:
    """A panel drawn, signed by both chairs and sent (the steps an admin clicks through).

    Sending announces the draw: its date and the public event after registration closes."""
    announcement = {
        "draw_date": timezone.localdate(event_at),
        "public_source": PUBLIC_SOURCE,
        "public_event_at": event_at,
    }
    panel = panel_create(actor=admin, **fields, **announcement)
    for kind in (CategoryKind.GENDER, CategoryKind.AGE_BAND):
        category_add(panel=panel, actor=admin, kind=kind, tolerance=0.5)
    start = timezone.now() + timedelta(days=30)
    for week in range(3):
        session_add(
            panel=panel,
            actor=admin,
            title=f"Bijeenkomst {week + 1}",
            starts_at=start + timedelta(weeks=week),
            location="Utrecht",
        )
    panel = panel_draw_invitations(panel=panel, actor=admin, seed=seed)
    sign_letter(panel, admin, chairs, LETTER)
    return panel_send_invitations(panel=Panel.objects.get(pk=panel.pk), actor=admin)


def sign_letter(panel: Panel, admin, chairs, text: str) -> None:
    """The admin writes the letter and asks every chair; each chair signs it."""
    letter = letter_save(panel=panel, actor=admin, text=text)
    for chair in chairs:
        required_signer_add(panel=panel, actor=admin, chair=chair)
    for chair in chairs:
        letter_sign(
            panel=panel,
            chair=chair,
            image=_signature_image(chair.full_name),
            text_sha256=letter.text_hash,
            secret_word=secret_word(chair),
        )


def _respond(panel: Panel, every: int) -> None:
    """Every `every`-th invitee accepts, the one after declines, the rest keep silent."""
    for n, invitation in enumerate(panel.invitations.order_by("pk")):
        if n % every == 0:
            invitation_respond(invitation=invitation, accept=True, consent=True)
        elif n % every == 1:
            invitation_respond(invitation=invitation, accept=False)


def _registration_panel(admin, chairs) -> None:
    if Panel.objects.filter(title=REGISTRATION["title"]).exists():
        return
    event_at = timezone.now() + timedelta(days=45)
    panel = _prepared_panel(admin, chairs, REGISTRATION, seed="20260101", event_at=event_at)
    _respond(panel, every=3)


def _selected_panel(admin, chairs) -> str:
    if Panel.objects.filter(title=SELECTED["title"]).exists():
        return "Beraad: demo panels present"
    event_at = timezone.now() + timedelta(days=1)
    panel = _prepared_panel(admin, chairs, SELECTED, seed="20251201", event_at=event_at)
    # Everyone answers here, so that every group can be seated.
    for invitation in panel.invitations.order_by("pk"):
        invitation_respond(invitation=invitation, accept=True, consent=True)
    # Announced again with an event just after closing, so that the demo need not wait a day.
    event_at = timezone.now() + timedelta(seconds=DEMO_EVENT_SECONDS)
    panel_update(
        panel=panel, actor=admin, public_event_at=event_at, draw_date=timezone.localdate(event_at)
    )
    panel = panel_close_registration(panel=panel, actor=admin)
    for chair in chairs:
        signature_reveal(panel=panel, chair=chair, secret_word=secret_word(chair))
    time.sleep(max(0, (event_at - timezone.now()).total_seconds()) + 0.1)
    panel_fix_seed(panel=panel, actor=admin, public_value=DEMO_PUBLIC_VALUE)
    panel = panel_select(panel=panel, actor=admin)
    panel = panel_start(panel=panel, actor=admin)
    for text in ADVICE:
        recommendation_add(panel=panel, actor=admin, text=text)
    panel_publish_advice(panel=panel, actor=admin)
    return "Beraad: one panel in registration, one selected with published advice"
