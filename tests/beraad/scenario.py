"""Build a panel up to a given lifecycle state through the real services."""

from datetime import timedelta

from django.utils import timezone

from beraad.demo import secret_word, sign_letter
from beraad.models import CategoryKind, Invitation, Panel
from beraad.services.draw import panel_draw_invitations
from beraad.services.letters import (
    panel_send_invitations,
)
from beraad.services.procedure import panel_close_registration, panel_fix_seed, signature_reveal
from beraad.services.quotas import category_add
from beraad.services.selection import panel_select
from tests.beraad.factories import PanelFactory

PUBLIC_VALUE = "4 8 15 16 23 42"
LETTER = "Beste {{ naam }},\n\nDoe mee met het ledenberaad! Reageer via {{ link }}.\n"


def concept(member_factory, admin, *, women=10, men=10, **panel_fields) -> Panel:
    for _ in range(women):
        member_factory(gender="vrouw")
    for _ in range(men):
        member_factory(gender="man")
    event_at = timezone.now() + timedelta(days=30)
    announcement = {
        "draw_date": timezone.localdate(event_at),
        "public_source": "Lotto-trekking",
        "public_event_at": event_at,
    }
    panel = PanelFactory(**{**announcement, **panel_fields})
    category_add(panel=panel, actor=admin, kind=CategoryKind.GENDER)
    return panel


def drawn(member_factory, admin, **kwargs) -> Panel:
    panel = concept(member_factory, admin, **kwargs)
    return panel_draw_invitations(panel=panel, actor=admin, seed="2026")


def signed(member_factory, admin, chairs) -> Panel:
    panel = drawn(member_factory, admin)
    sign_letter(panel, admin, chairs, LETTER)
    panel.refresh_from_db()
    return panel


def sent(member_factory, admin, chair) -> Panel:
    panel = signed(member_factory, admin, [chair])
    return panel_send_invitations(panel=panel, actor=admin)


def closed(member_factory, admin, chair) -> Panel:
    panel = sent(member_factory, admin, chair)
    panel.invitations.update(status=Invitation.Status.ACCEPTED, consent_at=timezone.now())
    return panel_close_registration(panel=panel, actor=admin)


def event_passed(panel: Panel) -> Panel:
    """Time passes: the announced public event is now an hour ago, the freeze before it."""
    now = timezone.now()
    Panel.objects.filter(pk=panel.pk).update(
        frozen_at=now - timedelta(hours=2), public_event_at=now - timedelta(hours=1)
    )
    panel.refresh_from_db()
    return panel


def revealed(member_factory, admin, chair) -> Panel:
    """Registration closed, the public event has taken place and the chair revealed."""
    panel = event_passed(closed(member_factory, admin, chair))
    signature_reveal(panel=panel, chair=chair, secret_word=secret_word(chair))
    return panel


def seeded(member_factory, admin, chair) -> Panel:
    panel = revealed(member_factory, admin, chair)
    return panel_fix_seed(panel=panel, actor=admin, public_value=PUBLIC_VALUE)


def selected(member_factory, admin, chair) -> Panel:
    panel = seeded(member_factory, admin, chair)
    return panel_select(panel=panel, actor=admin)
