"""Mailings to start: recorded with their cause, run after commit, caught up by a sweep.

A service that causes a mailing (a round opens or closes, feedback is published) calls
``mailing_record`` in its transaction and queues its task after commit; the task runs the
mailing through ``mailing_run``. When that task is lost (the broker was down) the mailings
sweep (``ledendemocratie.tasks.sweep_mailings``) finds the recorded mailing and runs it.
"""

import uuid
from collections.abc import Callable
from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone

from members.models import Mailing

# Longer than storing the largest mailing takes; a dead worker's claim expires after it.
MAILING_LEASE = timedelta(minutes=15)
# The task queued after commit gets this long before the sweep steps in.
MAILING_GRACE = timedelta(minutes=2)


def mailing_record(*, kind: str, object_id: int) -> Mailing:
    """Record, in the caller's transaction, that this mailing must be stored (once)."""
    mailing, _created = Mailing.objects.get_or_create(kind=kind, object_id=object_id)
    return mailing


def mailing_run(*, kind: str, object_id: int, store: Callable[[], int]) -> int:
    """Run ``store`` (which puts the mailing in the outbox) once, under a claim with a lease.

    Returns what ``store`` returned, or 0 when the mailing is done or another worker holds
    it. ``store`` must be idempotent (the outbox's keys make it so): after a crash the next
    run stores only what is missing. An exception releases the claim for the next run.
    """
    mailing_record(kind=kind, object_id=object_id)
    owner, now = uuid.uuid4().hex, timezone.now()
    mine = Mailing.objects.filter(kind=kind, object_id=object_id, done_at=None)
    claimed = mine.filter(Q(lease_until=None) | Q(lease_until__lt=now)).update(
        claimed_by=owner, lease_until=now + MAILING_LEASE, attempts=F("attempts") + 1
    )
    if not claimed:
        return 0
    mine = mine.filter(claimed_by=owner)
    try:
        stored = store()
    except Exception as error:
        mine.update(claimed_by="", lease_until=None, last_error=f"{type(error).__name__}: {error}")
        raise
    mine.update(done_at=timezone.now(), lease_until=None, last_error="")
    return stored


def mailing_close(*, mailing: Mailing) -> None:
    """Mark a mailing done without storing anything (its subject no longer exists)."""
    Mailing.objects.filter(pk=mailing.pk, done_at=None).update(done_at=timezone.now())


def mailings_waiting(*, now=None) -> list[Mailing]:
    """Recorded mailings not done, older than the grace period and not claimed by a live run."""
    now = now or timezone.now()
    return list(
        Mailing.objects.filter(done_at=None, created_at__lte=now - MAILING_GRACE)
        .filter(Q(lease_until=None) | Q(lease_until__lt=now))
        .order_by("created_at")
    )
