from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ledendemocratie import processes
from ledendemocratie.feedback.models import Carry, Correction, Feedback, FeedbackItem, Outcome

ITEM_FIELDS = ["outcome", "reason", "review_date", "is_public"]
TEXT_FIELDS = ["summary", "decision", "reasoning", "is_public"]
CARRY_KINDS = {"panel", "round"}


@transaction.atomic
def feedback_create_draft(*, process_kind: str, process_id: int) -> Feedback:
    """Start feedback on a closed process, with one outcome row per statement/recommendation."""
    ref = processes.process_get(process_kind, process_id)
    if ref is None or ref.closed_at is None:
        raise ValidationError(_("Terugkoppeling kan alleen op een afgesloten proces."))
    if Feedback.objects.filter(process_kind=process_kind, process_id=process_id).exists():
        raise ValidationError(_("Op dit proces bestaat al terugkoppeling."))
    feedback = Feedback(
        process_kind=process_kind,
        process_id=process_id,
        title=ref.title[:250],
        process_url=ref.url,
        topic=ref.topic[:100],
        process_closed_at=ref.closed_at,
        is_public=ref.is_public,
    )
    feedback.full_clean()
    feedback.save()
    FeedbackItem.objects.bulk_create(
        FeedbackItem(feedback=feedback, item_id=item.id, item_text=item.text, position=n)
        for n, item in enumerate(processes.process_items(process_kind, process_id))
    )
    return feedback


@transaction.atomic
def feedback_update_draft(*, feedback: Feedback, fields: dict, items: dict[int, dict]) -> Feedback:
    """Change a draft's texts and outcomes; ``items`` maps FeedbackItem pk to new values."""
    if feedback.is_published:
        raise ValidationError(_("Gepubliceerde terugkoppeling verander je met een correctie."))
    for name in TEXT_FIELDS:
        setattr(feedback, name, fields.get(name, getattr(feedback, name)))
    feedback.full_clean()
    feedback.save(update_fields=TEXT_FIELDS)
    changed = []
    for item in feedback.items.filter(pk__in=items):
        for name in ITEM_FIELDS:
            setattr(item, name, items[item.pk].get(name, getattr(item, name)))
        item.full_clean()
        changed.append(item)
    FeedbackItem.objects.bulk_update(changed, ITEM_FIELDS)
    return feedback


@transaction.atomic
def feedback_correct(
    *,
    feedback: Feedback,
    text: str,
    by,
    item: FeedbackItem | None = None,
    outcome: str = "",
    review_date: date | None = None,
) -> Correction:
    """Add a dated correction to published feedback; it may change one item's outcome.

    The old outcome is kept on the correction, so readers see what changed and when.
    """
    if not feedback.is_published:
        raise ValidationError(
            _("Een concept pas je aan; correcties horen bij gepubliceerde tekst.")
        )
    correction = Correction(feedback=feedback, item=item, text=text, created_by=by)
    if item is not None and outcome:
        correction.previous_outcome, correction.new_outcome = item.outcome, outcome
        item.outcome, item.review_date = outcome, review_date
        item.full_clean()
        item.save(update_fields=["outcome", "review_date"])
    correction.full_clean()
    correction.save()
    return correction


@transaction.atomic
def feedback_carry_into_statement(
    *, item: FeedbackItem, text: str, explanation: str = "", by
) -> Carry:
    """Turn a panel recommendation or a round's result into a new draft statement."""
    feedback = item.feedback
    if feedback.process_kind not in CARRY_KINDS:
        raise ValidationError(_("Alleen aanbevelingen en uitslagen gaan door naar een stelling."))
    statement_id, statement_url = processes.statement_draft_from_origin(
        text=text,
        origin_kind=feedback.process_kind,
        origin_id=feedback.process_id,
        origin_label=feedback.title,
        explanation=explanation,
    )
    carry = Carry(
        origin_kind=feedback.process_kind,
        origin_id=feedback.process_id,
        origin_item=item,
        statement_id=statement_id,
        statement_url=statement_url,
        text=text,
        created_by=by,
    )
    carry.full_clean()
    carry.save()
    return carry


def outcome_is_complete(item: FeedbackItem) -> bool:
    return bool(item.outcome and item.reason.strip()) and (
        item.outcome != Outcome.PENDING or item.review_date is not None
    )
