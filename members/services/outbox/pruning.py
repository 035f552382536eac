"""Forgetting mail: after the retention period, and when its subject is anonymised."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from members.models import MailKind, OutboxContent, OutboxMessage

Status = OutboxMessage.Status


def outbox_prune(*, now=None) -> int:
    """Daily: empty sent and failed mail older than OUTBOX_RETENTION_DAYS.

    What stays of such a row is its kind, status, times and the keyed ``dedup_key``, so a
    rerun of the job that made it still sends nothing twice, while no row says any more
    who got which mail or what it said. Login mail (never deduplicated: each key is
    random) goes entirely. Contents no message points to any more are deleted. Returns
    how many messages were emptied or deleted.
    """
    now = now or timezone.now()
    old = OutboxMessage.objects.filter(
        status__in=[Status.SENT, Status.FAILED],
        created_at__lt=now - timedelta(days=settings.OUTBOX_RETENTION_DAYS),
    )
    deleted, _by_model = old.filter(kind=MailKind.ACCOUNT).delete()
    emptied = old.exclude(to_email="").update(
        to_email="", recipient=None, object_key="", subject="", last_error="", content=None
    )
    outbox_delete_unused_contents()
    return deleted + emptied


def outbox_delete_unused_contents() -> int:
    """Delete the contents no message points to any more."""
    deleted, _by_model = OutboxContent.objects.filter(messages__isnull=True).delete()
    return deleted


def outbox_forget(*, key: str) -> int:
    """Delete every message about one object (``key`` and keys under ``key:``).

    Called when that object is anonymised (a closed round), so no mail record keeps saying
    who was invited to it, answered it or heard its results. Returns how many went.
    """
    about = Q(object_key=key) | Q(object_key__startswith=f"{key}:")
    deleted, _by_model = OutboxMessage.objects.filter(about).delete()
    outbox_delete_unused_contents()
    return deleted
