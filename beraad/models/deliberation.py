"""The panel's work while it deliberates: documents, members' input and its recommendations."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beraad.models.panels import Panel
from shared.uploads import document_check, document_extension, document_stored_name


def _document_path(document, filename):
    return document_stored_name(f"beraad/documenten/{document.panel_id}", filename)


class Document(models.Model):
    panel = models.ForeignKey(Panel, models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(
        _("bestand"), upload_to=_document_path, blank=True, validators=[document_check]
    )
    url = models.URLField(_("link"), blank=True)
    panel_only = models.BooleanField(_("alleen voor panelleden"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documenten")

    def __str__(self):
        return self.title

    @property
    def extension(self) -> str:
        return document_extension(self.file.name)


class MemberInput(models.Model):
    """Input or a question from any member to the panel, shown after moderation."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op moderatie")
        APPROVED = "approved", _("goedgekeurd")
        REJECTED = "rejected", _("afgewezen")

    panel = models.ForeignKey(Panel, models.CASCADE, related_name="inputs")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    text = models.TextField(_("inbreng"), max_length=3000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("inbreng")
        verbose_name_plural = _("inbreng")
        indexes = [models.Index(fields=["panel", "status"])]

    def __str__(self):
        return f"{self.panel} – {self.member}"


class Recommendation(models.Model):
    panel = models.ForeignKey(Panel, models.CASCADE, related_name="recommendations")
    position = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("aanbeveling"))

    class Meta:
        ordering = ["position"]
        verbose_name = _("aanbeveling")
        verbose_name_plural = _("aanbevelingen")
        constraints = [
            models.UniqueConstraint(fields=["panel", "position"], name="unique_recommendation")
        ]

    def __str__(self):
        return f"{self.position}. {self.text[:60]}"
