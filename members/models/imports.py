from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models.members import Member


class MemberImport(models.Model):
    """One upload of the member administration's export, imported by a Celery task.

    The file is deleted once the import has run; the report (figures and every bad row)
    stays, so admins can see what happened.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("bezig")
        CONFIRM = "confirm", _("wacht op bevestiging")
        DONE = "done", _("klaar")
        REFUSED = "refused", _("geweigerd: foute regels")
        FAILED = "failed", _("mislukt")

    created_by = models.ForeignKey(
        Member, models.SET_NULL, null=True, related_name="+", verbose_name=_("door")
    )
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    file = models.FileField(upload_to="imports/", blank=True)
    filename = models.CharField(_("bestand"), max_length=200)
    full = models.BooleanField(_("volledige export"), default=False)
    dry_run = models.BooleanField(_("proefdraai"), default=False)
    confirm_retire = models.BooleanField(_("veel oud-leden bevestigd"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # A running import writes a heartbeat; one that stops beating is taken over by the sweep,
    # and only the attempt whose number still stands may finish (see jobs.member_import_run).
    heartbeat_at = models.DateTimeField(_("laatste teken van leven"), null=True, blank=True)
    attempt = models.PositiveIntegerField(_("poging"), default=0)
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ledenimport")
        verbose_name_plural = _("ledenimports")

    def __str__(self):
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.status not in {self.Status.QUEUED, self.Status.RUNNING}
