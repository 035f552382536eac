"""Carrying a consensus statement onward: into a preferendum round or to a panel."""

from django.db import transaction
from django.utils.translation import gettext as _

from beraad import selectors as beraad_selectors
from beraad.services import inputs as beraad_inputs
from forum.models import Conversation
from members.models import Member
from preferendum import services as preferendum_services


@transaction.atomic
def statement_carry_into_round(*, conversation: Conversation, text: str):
    """A draft statement in the next draft round, its origin linked to this conversation."""
    return preferendum_services.statement_draft_from_origin(
        text=text,
        origin_kind="forum",
        origin_id=conversation.pk,
        origin_label=(_("Forumgesprek: %(title)s") % {"title": conversation.title})[:200],
        explanation=_("Overeenstemming over groepen heen in het forumgesprek."),
    )


@transaction.atomic
def statement_send_to_panel(*, conversation: Conversation, text: str, panel_id: int, actor: Member):
    """Input to a running panel, sent by the organiser and marked with its origin."""
    panel = beraad_selectors.panels_accepting_input().get(pk=panel_id)
    body = _("Uit het forumgesprek '%(title)s' (overeenstemming): %(text)s") % {
        "title": conversation.title,
        "text": text,
    }
    return beraad_inputs.member_input_submit(panel=panel, member=actor, text=body)
