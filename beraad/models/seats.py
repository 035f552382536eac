"""The seats (and reserve places) of a drawn panel."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beraad.models.invitations import Invitation
from beraad.models.panels import Panel


class PanelMember(models.Model):
    """A seat (or reserve place) on the panel after the stage-2 lottery."""

    class Status(models.TextChoices):
        SELECTED = "selected", _("panellid")
        RESERVE = "reserve", _("reserve")
        DROPPED = "dropped", _("uitgevallen")
        REPLACEMENT = "replacement", _("vervanger")

    ACTIVE = (Status.SELECTED, Status.REPLACEMENT)

    panel = models.ForeignKey(Panel, models.CASCADE, related_name="panel_members")
    invitation = models.OneToOneField(Invitation, models.CASCADE, related_name="panel_member")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices)
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    replaces = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["status", "order"]
        verbose_name = _("panellid")
        verbose_name_plural = _("panelleden")

    def __str__(self):
        return f"{self.panel} – {self.member} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE
