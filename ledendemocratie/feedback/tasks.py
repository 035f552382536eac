from celery import shared_task

from ledendemocratie.feedback.services import feedback_debt_summary_send, feedback_reviews_remind


@shared_task(ignore_result=True)
def remind_reviews() -> None:
    """Daily at 07:00: remind admins of outcomes whose review date has come (once per date)."""
    feedback_reviews_remind()


@shared_task(ignore_result=True)
def send_debt_summary() -> None:
    """Mondays at 08:00: the overdue feedback list to admins (once per ISO week, by its key)."""
    feedback_debt_summary_send()
