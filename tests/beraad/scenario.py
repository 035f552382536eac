"""Build a panel up to a given lifecycle state through the real services."""

from django.utils import timezone

from beraad.demo import sign_letter
from beraad.models import CategoryKind, Invitation, Panel
from beraad.services.draw import panel_draw_invitations
from beraad.services.letters import (
    panel_send_invitations,
)
from beraad.services.panels import panel_close_registration
from beraad.services.quotas import category_add
from beraad.services.selection import panel_fix_seed, panel_select
from tests.beraad.factories import PanelFactory

LETTER = "Beste {{ naam }},\n\nDoe mee met het ledenberaad! Reageer via {{ link }}.\n"


def concept(member_factory, admin, *, women=10, men=10, **panel_fields) -> Panel:
    for _ in range(women):
        member_factory(gender="vrouw")
    for _ in range(men):
        member_factory(gender="man")
    panel = PanelFactory(**panel_fields)
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


def selected(member_factory, admin, chair) -> Panel:
    panel = closed(member_factory, admin, chair)
    panel_fix_seed(panel=panel, actor=admin, seed="48213")
    return panel_select(panel=panel, actor=admin)
