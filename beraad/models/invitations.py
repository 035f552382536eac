from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beraad.models.panels import Panel


class Invitation(models.Model):
    """A member drawn in stage 1; answers through a personal link without logging in."""

    class Status(models.TextChoices):
        INVITED = "invited", _("uitgenodigd")
        ACCEPTED = "accepted", _("aangemeld")
        DECLINED = "declined", _("afgemeld")

    panel = models.ForeignKey(Panel, models.CASCADE, related_name="invitations")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="panel_invitations"
    )
    token = models.CharField(max_length=64, unique=True)
    pseudonym = models.CharField(_("pseudoniem"), max_length=16)
    stratum = models.CharField(_("groep"), max_length=500)
    household = models.CharField(_("huishouden (versleuteld)"), max_length=64, blank=True)
    category_values = models.JSONField(_("kenmerken"), default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    availability = models.JSONField(_("beschikbaar voor bijeenkomsten"), default=list, blank=True)
    availability_note = models.CharField(
        _("opmerking over beschikbaarheid"), max_length=500, blank=True
    )
    consent_at = models.DateTimeField(_("toestemming gegeven"), null=True, blank=True)
    categories_confirmed_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    caller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beller"),
        help_text=_("De vrijwilliger die deze genodigde belt."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pseudonym"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        constraints = [
            models.UniqueConstraint(fields=["panel", "member"], name="unique_panel_invitation"),
            models.UniqueConstraint(fields=["panel", "pseudonym"], name="unique_panel_pseudonym"),
        ]
        indexes = [models.Index(fields=["panel", "status"])]

    def __str__(self):
        return f"{self.panel} – {self.member}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.INVITED

    @property
    def is_registered(self) -> bool:
        return self.status == self.Status.ACCEPTED and self.consent_at is not None


class Call(models.Model):
    """A volunteer phoned an invitee who had not answered."""

    class Outcome(models.TextChoices):
        NO_ANSWER = "no_answer", _("niet opgenomen")
        VOICEMAIL = "voicemail", _("voicemail ingesproken")
        WILL_REGISTER = "will_register", _("meldt zich aan")
        NOT_INTERESTED = "not_interested", _("wil niet meedoen")
        CALL_BACK = "call_back", _("later terugbellen")
        WRONG_NUMBER = "wrong_number", _("verkeerd nummer")

    # After one of these nobody calls again: the person answered, or can't be reached.
    FINAL = (Outcome.WILL_REGISTER, Outcome.NOT_INTERESTED, Outcome.WRONG_NUMBER)

    invitation = models.ForeignKey(Invitation, models.CASCADE, related_name="calls")
    caller = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices)
    note = models.CharField(_("notitie"), max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("belpoging")
        verbose_name_plural = _("belpogingen")

    def __str__(self):
        return f"{self.invitation} – {self.get_outcome_display()}"
