"""What the public side keeps: admins' choices of public pages, congresses, digests.

Processes are referred to by (kind, id), like feedback does: the feature apps are read
through ``ledendemocratie.processes`` only.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicPageChoice(models.Model):
    """An admin's choice whether a process has a public page. Without one the default holds:
    a closed process has a public page, one still open has none."""

    process_kind = models.CharField(_("soort proces"), max_length=20)
    process_id = models.PositiveBigIntegerField(_("proces"))
    enabled = models.BooleanField(_("openbare pagina"))
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("keuze openbare pagina")
        verbose_name_plural = _("keuzes openbare pagina's")
        constraints = [
            models.UniqueConstraint(
                fields=["process_kind", "process_id"], name="one_public_choice_per_process"
            )
        ]

    def __str__(self):
        return f"{self.process_kind} {self.process_id}: {self.enabled}"


class Congress(models.Model):
    """A congress the processes fed into: its public page lists them per theme."""

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("adres"), max_length=80, unique=True)
    date = models.DateField(_("datum"))
    place = models.CharField(_("plaats"), max_length=120)
    intro = models.TextField(_("inleiding"), blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("congres")
        verbose_name_plural = _("congressen")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:congress", args=[self.slug])


class CongressProcess(models.Model):
    """One round, panel, event, vote or conversation that fed into a congress, by theme."""

    congress = models.ForeignKey(Congress, models.CASCADE, related_name="processes")
    theme = models.CharField(_("thema"), max_length=120)
    process_kind = models.CharField(_("soort proces"), max_length=20)
    process_id = models.PositiveBigIntegerField(_("proces"))
    position = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["theme", "position", "pk"]
        verbose_name = _("proces van een congres")
        verbose_name_plural = _("processen van een congres")
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "process_kind", "process_id"], name="process_once_per_congress"
            )
        ]

    def __str__(self):
        return f"{self.theme}: {self.process_kind} {self.process_id}"


class Digest(models.Model):
    """One monthly digest: the subject of its recorded mailing (``members.Mailing``)."""

    month = models.DateField(_("maand"), unique=True)  # the first day of the month it covers
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("maandoverzicht")
        verbose_name_plural = _("maandoverzichten")

    def __str__(self):
        return self.month.strftime("%Y-%m")
