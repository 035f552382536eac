from celery import shared_task

from members.services.importing.jobs import member_import_run, member_imports_waiting
from members.services.outbox import (
    outbox_prune,
    outbox_release_stale,
    outbox_send,
    outbox_send_ready,
)


@shared_task(ignore_result=True)
def send_outbox_message(message_id: int) -> None:
    """Send one outbox message; a second run finds it claimed and does nothing."""
    outbox_send(message_id=message_id)


@shared_task(ignore_result=True)
def send_ready_messages() -> None:
    """Send every ready message; workers running this at once split the work."""
    outbox_send_ready()


@shared_task(ignore_result=True)
def sweep_outbox() -> None:
    """Every minute: release messages whose sender let its lease lapse, then send what is ready.

    This is what delivers mail enqueued while the broker was down, and retries failures
    once their back-off has passed. Claims make it safe to overlap with other senders.
    """
    outbox_release_stale()
    outbox_send_ready()


@shared_task(ignore_result=True)
def run_member_import(import_id: int) -> None:
    """Run an uploaded member import; a second run finds it claimed and does nothing."""
    member_import_run(import_id=import_id)


@shared_task(ignore_result=True)
def sweep_member_imports() -> None:
    """Every 5 minutes: run uploads still queued after 2 minutes (the broker was down) and
    take over running imports whose heartbeat stopped 10 minutes ago (the worker died).

    Each import is claimed by a conditional update on its attempt number, and only the
    attempt holding the claim may record its outcome, so it finishes exactly once.
    """
    for import_id in member_imports_waiting():
        member_import_run(import_id=import_id)


@shared_task(ignore_result=True)
def prune_outbox() -> None:
    """Daily at 04:15: empty sent and failed mail older than OUTBOX_RETENTION_DAYS.

    Look-back: every row older than the retention period. Dedup still holds afterwards:
    the keyed hash of (kind, address, key) stays, so no rerun mails anyone twice.
    """
    outbox_prune()
