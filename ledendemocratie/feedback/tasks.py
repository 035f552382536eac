from celery import shared_task

from ledendemocratie.feedback.models import Feedback
from ledendemocratie.feedback.services import (
    feedback_debt_summary_send,
    feedback_report_send,
    feedback_reviews_remind,
)


@shared_task(ignore_result=True, autoretry_for=(ConnectionError,), retry_backoff=True)
def send_feedback_report(feedback_id: int) -> None:
    """After publication: one report per participant; a rerun adds nobody (key feedback:<id>)."""
    feedback = Feedback.objects.filter(pk=feedback_id, state=Feedback.State.PUBLISHED).first()
    if feedback is not None:
        feedback_report_send(feedback=feedback)


@shared_task(ignore_result=True)
def remind_reviews() -> None:
    """Daily at 07:00: remind admins of outcomes whose review date has come (once per date)."""
    feedback_reviews_remind()


@shared_task(ignore_result=True)
def send_debt_summary() -> None:
    """Mondays at 08:00: the overdue feedback list to admins (once per ISO week, by its key)."""
    feedback_debt_summary_send()
