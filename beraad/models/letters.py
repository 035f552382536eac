import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beraad.models.panels import Panel


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class Letter(models.Model):
    """The invitation letter; merge fields {{ naam }} and {{ link }}."""

    panel = models.OneToOneField(Panel, models.CASCADE, related_name="letter")
    text = models.TextField(_("tekst"))
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("uitnodigingsbrief")
        verbose_name_plural = _("uitnodigingsbrieven")

    def __str__(self):
        return str(self.panel)

    @property
    def text_hash(self) -> str:
        return text_sha256(self.text)


class RequiredSigner(models.Model):
    """A chair who must sign the panel's letter before it can be sent."""

    panel = models.ForeignKey(Panel, models.CASCADE, related_name="required_signers")
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel", "chair"], name="unique_required_signer")
        ]

    def __str__(self):
        return f"{self.panel} – {self.chair}"


def _signature_path(signature, filename):
    """A random name; the extension follows the checked image type, not the upload's name."""
    extension = ".jpg" if signature.image_type == "image/jpeg" else ".png"
    return (
        f"beraad/handtekeningen/{signature.letter.panel_id}/{secrets.token_urlsafe(12)}{extension}"
    )


class LetterSignature(models.Model):
    """A chair signed this exact text; an edit of the text voids the signature."""

    letter = models.ForeignKey(Letter, models.CASCADE, related_name="signatures")
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    name = models.CharField(_("naam"), max_length=150)
    title = models.CharField(_("functie"), max_length=150)
    image = models.ImageField(_("handtekening"), upload_to=_signature_path)
    image_type = models.CharField(max_length=20, default="image/png")
    signed_at = models.DateTimeField(default=timezone.now)
    text_hash = models.CharField(max_length=64)
    # The chair's commitment to the draw's seed: SHA-256 of a secret word, revealed at the draw.
    commitment = models.CharField(_("SHA-256 van het geheime woord"), max_length=64, blank=True)
    reveal = models.CharField(_("onthuld geheim woord"), max_length=200, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["signed_at"]
        verbose_name = _("handtekening")
        verbose_name_plural = _("handtekeningen")

    def __str__(self):
        return f"{self.letter} – {self.name}"
