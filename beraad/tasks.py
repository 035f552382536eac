from celery import shared_task

from beraad.services.jobs import draw_job_run, draw_jobs_give_up, draw_jobs_waiting
from beraad.services.letters import panel_send_reminder
from beraad.services.reminders import panels_due_for_reminder


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def send_panel_reminders() -> int:
    """Daily: remind non-responders of panels whose invitations went out a week ago or more.

    Dedup: the outbox key ``panel:<id>:reminder`` gives each invitee one reminder per panel,
    however often this runs.
    """
    return sum(panel_send_reminder(panel=panel) for panel in panels_due_for_reminder())


@shared_task(ignore_result=True)
def run_draw_job(job_id: int) -> None:
    """Run a queued draw; a second run finds it claimed and does nothing."""
    draw_job_run(job_id=job_id)


@shared_task(ignore_result=True)
def sweep_draw_jobs() -> None:
    """Every minute: rerun draws whose task was lost (queued 2 minutes, or running without a
    heartbeat for 2 minutes: the worker died). The claim is a conditional update, so a job
    runs once however many sweeps overlap; the draw is one transaction, so a rerun is safe.
    """
    draw_jobs_give_up()
    for job_id in draw_jobs_waiting():
        draw_job_run(job_id=job_id)
