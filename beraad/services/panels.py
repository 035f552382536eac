"""The panel's lifecycle: creating, editing and the simple state steps."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beraad.models import (
    Document,
    LetterSignature,
    Panel,
    PanelState,
    Recommendation,
    Session,
)
from beraad.models.panels import ADVISED_STATES, SIGNED_STATES
from beraad.services.audit import audit_record

EDITABLE_FIELDS = [
    "title",
    "question",
    "purpose",
    "panel_size",
    "invitation_count",
    "reserve_size",
    "audience",
    "province",
    "draw_date",
    "public_source",
    "public_event_at",
]
SIZE_FIELDS = {"panel_size", "invitation_count", "audience", "province"}
LETTER_FIELDS = {"title", "question", "purpose"}
ANNOUNCED_FIELDS = {"draw_date", "public_source", "public_event_at"}


def panel_require_state(panel: Panel, *states: str) -> None:
    if panel.state not in states:
        raise ValidationError(
            _("Dit kan niet in de fase ‘%(state)s’.") % {"state": panel.get_state_display()}
        )


def panel_transition(
    *, panel: Panel, actor, to: str, details: dict | None = None, inputs=None, fields=()
) -> Panel:
    """Move the panel to `to`, save `fields` with it, and log the step."""
    panel.state = to
    panel.full_clean()
    panel.save(update_fields=["state", *fields])
    audit_record(panel=panel, actor=actor, action=to, details=details or {}, inputs=inputs)
    return panel


@transaction.atomic
def panel_create(*, actor, **fields) -> Panel:
    panel = Panel(**fields)
    panel.full_clean()
    panel.save()
    audit_record(panel=panel, actor=actor, action="created", details=_fields(panel))
    return panel


def panel_locked_fields(panel: Panel) -> dict[str, str]:
    """Field → why it can no longer change: what the signed letter and the draws rely on."""
    locked = {}
    if panel.state != PanelState.CONCEPT:
        locked |= dict.fromkeys(
            SIZE_FIELDS, _("Omvang en doelgroep liggen vast zodra er is geloot.")
        )
    signed = LetterSignature.objects.filter(letter__panel=panel, voided_at__isnull=True).exists()
    if signed or panel.state in SIGNED_STATES:
        reason = _("Titel, vraag en uitkomst liggen vast: de voorzitters hebben de brief getekend.")
        locked |= dict.fromkeys(LETTER_FIELDS, reason)
    if panel.is_closed:
        reason = _("De loting is vastgelegd: reservelijst en aankondiging liggen vast.")
        locked |= dict.fromkeys({"reserve_size", *ANNOUNCED_FIELDS}, reason)
    return locked


def panel_check_update(panel: Panel, fields: dict) -> set[str]:
    """The fields that would change; refuses a change of a locked field (also for the admin)."""
    stored = Panel.objects.get(pk=panel.pk)  # a ModelForm may already have changed `panel`
    changed = {k for k, v in fields.items() if getattr(stored, k) != v}
    locked = panel_locked_fields(stored)
    if reasons := sorted({str(locked[name]) for name in changed if name in locked}):
        raise ValidationError(reasons)
    return changed


@transaction.atomic
def panel_update(*, panel: Panel, actor, **fields) -> Panel:
    """Edit the settings that nothing signed or drawn depends on yet (panel_locked_fields).

    A new public event after the invitations went out is announced again on the panel page.
    """
    changed = panel_check_update(panel, fields)
    for name, value in fields.items():
        setattr(panel, name, value)
    panel.full_clean()
    panel.save(update_fields=[name for name in EDITABLE_FIELDS if name in fields])
    audit_record(panel=panel, actor=actor, action="edited", details=_fields(panel))
    if changed & ANNOUNCED_FIELDS and panel.state == PanelState.INVITATIONS_SENT:
        from beraad.services.procedure import panel_announce_draw  # procedure imports this module

        panel_announce_draw(panel=panel, actor=actor, again=True)
    return panel


def _fields(panel: Panel) -> dict:
    values = {name: getattr(panel, name) for name in EDITABLE_FIELDS}
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in values.items()}


@transaction.atomic
def panel_start(*, panel: Panel, actor) -> Panel:
    panel_require_state(panel, PanelState.PANEL_SELECTED)
    return panel_transition(panel=panel, actor=actor, to=PanelState.RUNNING)


@transaction.atomic
def panel_publish_advice(*, panel: Panel, actor) -> Panel:
    panel_require_state(panel, PanelState.RUNNING)
    texts = list(panel.recommendations.values_list("position", "text"))
    if not texts:
        raise ValidationError(_("Voeg eerst de aanbevelingen van het advies toe."))
    panel.advice_published_at = timezone.now()
    return panel_transition(
        panel=panel,
        actor=actor,
        to=PanelState.ADVICE_PUBLISHED,
        details={"recommendations": len(texts)},
        inputs=texts,
        fields=["advice_published_at"],
    )


@transaction.atomic
def process_mark_feedback_published(*, process_id: int, url: str, summary: str) -> None:
    """Called by the feedback floor: the party answered. Never refuses, as the roof's own
    publication must not fail on it; only a published advice moves to the last state."""
    panel = Panel.objects.select_for_update().get(pk=process_id)
    panel.feedback_url = url
    panel.feedback_summary = summary
    panel.feedback_published_at = timezone.now()
    fields = ["feedback_url", "feedback_summary", "feedback_published_at"]
    details = {"url": url, "summary": summary}
    if panel.state in ADVISED_STATES:
        panel_transition(
            panel=panel,
            actor=None,
            to=PanelState.FEEDBACK_PUBLISHED,
            details=details,
            fields=fields,
        )
        return
    panel.full_clean()
    panel.save(update_fields=fields)
    audit_record(panel=panel, actor=None, action="feedback_linked", details=details)


@transaction.atomic
def session_add(*, panel: Panel, actor, **fields) -> Session:
    session = Session(panel=panel, **fields)
    session.full_clean()
    session.save()
    audit_record(panel=panel, actor=actor, action="session_added", details={"title": session.title})
    return session


@transaction.atomic
def document_add(*, panel: Panel, actor, **fields) -> Document:
    document = Document(panel=panel, **fields)
    if not document.file and not document.url:
        raise ValidationError(_("Voeg een bestand of een link toe."))
    document.full_clean()
    document.save()
    audit_record(
        panel=panel, actor=actor, action="document_added", details={"title": document.title}
    )
    return document


@transaction.atomic
def recommendation_add(*, panel: Panel, actor, text: str) -> Recommendation:
    """Add the next recommendation of the advice (only before the advice is published)."""
    panel_require_state(panel, PanelState.PANEL_SELECTED, PanelState.RUNNING)
    position = panel.recommendations.count() + 1
    recommendation = Recommendation(panel=panel, position=position, text=text)
    recommendation.full_clean()
    recommendation.save()
    return recommendation
