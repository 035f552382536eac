from celery import shared_task

from events.services.reminders import event_send_reminders


@shared_task(ignore_result=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def send_event_reminders() -> None:
    """Hourly: remind attendees of tomorrow's events. Outbox keys make reruns send nothing twice."""
    event_send_reminders()
