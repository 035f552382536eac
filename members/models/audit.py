from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models.members import Member


class AccountEvent(models.Model):
    """An audit entry for a change to someone's account that nobody asked for on a page:
    rights revoked when a member retires, an account adopted or secured by an import."""

    class Action(models.TextChoices):
        RIGHTS_REVOKED = "rights_revoked", _("rollen en beheerrechten ingetrokken (oud-lid)")
        ADOPTED = "adopted", _("account overgenomen door de ledenimport")
        PASSWORD_CLEARED = "password_cleared", _("wachtwoord ongeldig gemaakt")

    member = models.ForeignKey(
        Member, models.CASCADE, related_name="account_events", verbose_name=_("lid")
    )
    actor = models.ForeignKey(
        Member, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("door")
    )
    action = models.CharField(_("actie"), max_length=30, choices=Action.choices)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("accountgebeurtenis")
        verbose_name_plural = _("accountgebeurtenissen")

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class ErasedMemberNumber(models.Model):
    """A keyed hash (HMAC) of the member number of someone erased on request.

    The import skips rows with these numbers, so an erased member is not re-created from
    the next export. Only the hash is kept: without the key the numbers cannot be found
    by trying them all.
    """

    digest = models.CharField(max_length=64, unique=True)
    erased_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("verwijderd lidnummer")
        verbose_name_plural = _("verwijderde lidnummers")

    def __str__(self):
        return self.digest[:12]
