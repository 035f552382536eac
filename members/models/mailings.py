from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models.outbox import MailKind


class Mailing(models.Model):
    """A mailing to start: recorded in the transaction that causes it, run after commit.

    The task queued after commit runs it; when that task is lost (broker down) the
    mailings sweep does. A run claims the row under its own ``claimed_by`` with a lease,
    so the task and the sweep never store it at once, and a dead worker's claim expires.
    ``done_at`` marks every message of the mailing stored in the outbox.
    """

    kind = models.CharField(_("soort"), max_length=40, choices=MailKind.choices)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="unique_mailing")]
        indexes = [
            models.Index(fields=["created_at"], condition=Q(done_at=None), name="mailing_open")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.object_id}"
