from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.TextChoices):
    GRONINGEN = "groningen", _("Groningen")
    FRIESLAND = "friesland", _("Friesland")
    DRENTHE = "drenthe", _("Drenthe")
    OVERIJSSEL = "overijssel", _("Overijssel")
    FLEVOLAND = "flevoland", _("Flevoland")
    GELDERLAND = "gelderland", _("Gelderland")
    UTRECHT = "utrecht", _("Utrecht")
    NOORD_HOLLAND = "noord-holland", _("Noord-Holland")
    ZUID_HOLLAND = "zuid-holland", _("Zuid-Holland")
    ZEELAND = "zeeland", _("Zeeland")
    NOORD_BRABANT = "noord-brabant", _("Noord-Brabant")
    LIMBURG = "limburg", _("Limburg")


class Branch(models.Model):
    """An afdeling: a local branch, usually one municipality."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices, blank=True)
    region = models.CharField(_("regio"), max_length=120, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelingen")

    def __str__(self):
        return self.name
