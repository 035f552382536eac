"""The panel's lifecycle: creating, editing and the simple state steps."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beraad.models import Document, Panel, PanelState, Recommendation, Session
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
]


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


@transaction.atomic
def panel_update(*, panel: Panel, actor, **fields) -> Panel:
    """Edit the settings; the sizes only while nobody has been drawn yet."""
    sizes = {"panel_size", "invitation_count", "audience", "province"}
    stored = Panel.objects.get(pk=panel.pk)  # a ModelForm may already have changed `panel`
    changed = {k for k, v in fields.items() if getattr(stored, k) != v}
    if changed & sizes and stored.state != PanelState.CONCEPT:
        raise ValidationError(_("Omvang en doelgroep liggen vast zodra er is geloot."))
    for name, value in fields.items():
        setattr(panel, name, value)
    panel.full_clean()
    panel.save(update_fields=[name for name in EDITABLE_FIELDS if name in fields])
    audit_record(panel=panel, actor=actor, action="edited", details=_fields(panel))
    return panel


def _fields(panel: Panel) -> dict:
    return {name: getattr(panel, name) for name in EDITABLE_FIELDS}


@transaction.atomic
def panel_close_registration(*, panel: Panel, actor) -> Panel:
    panel_require_state(panel, PanelState.INVITATIONS_SENT)
    counts = {
        status: panel.invitations.filter(status=status).count()
        for status in ("invited", "accepted", "declined")
    }
    return panel_transition(
        panel=panel, actor=actor, to=PanelState.REGISTRATION_CLOSED, details=counts
    )


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
    if panel.reached(PanelState.ADVICE_PUBLISHED):
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
