from celery import shared_task

from beraad.services.letters import panel_send_reminder
from beraad.services.reminders import panels_due_for_reminder


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def send_panel_reminders() -> int:
    """Daily: remind non-responders of panels whose invitations went out a week ago or more.

    Dedup: the outbox key ``panel:<id>:reminder`` gives each invitee one reminder per panel,
    however often this runs.
    """
    return sum(panel_send_reminder(panel=panel) for panel in panels_due_for_reminder())
