from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beraad.models.panels import Panel


class DrawJob(models.Model):
    """A draw (of the invitations or of the panel) run by a Celery worker, never in a request.

    The worker writes a heartbeat while it runs; a job whose task was lost (queued too long,
    or running without a heartbeat) is picked up again by the sweep. The draw itself is one
    transaction, so running it again after a killed worker is safe.
    """

    class Kind(models.TextChoices):
        INVITATIONS = "invitations", _("uitnodigingen loten")
        PANEL = "panel", _("panel loten")

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("niet gelukt")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    panel = models.ForeignKey(Panel, models.CASCADE, related_name="draw_jobs")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    phase = models.CharField(_("stap"), max_length=40, blank=True)
    params = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("loting op de achtergrond")
        verbose_name_plural = _("lotingen op de achtergrond")
        constraints = [
            models.UniqueConstraint(
                fields=["panel"],
                condition=Q(status__in=["queued", "running"]),
                name="one_active_draw_job_per_panel",
            )
        ]

    def __str__(self):
        return f"{self.panel} – {self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status not in self.ACTIVE
