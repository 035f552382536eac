"""Extra traits: categories an admin defines (education level, …) that members answer
themselves, with consent. The derived traits and every trait's labels: members/traits.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models.members import Member


class TraitCategory(models.Model):
    """An admin-defined extra category (e.g. education level) that members fill in themselves."""

    name = models.CharField(_("naam"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    question = models.CharField(_("vraag"), max_length=200)
    explanation = models.TextField(_("waarom we dit vragen"), blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("extra kenmerk")
        verbose_name_plural = _("extra kenmerken")

    def __str__(self):
        return self.name


class TraitOption(models.Model):
    category = models.ForeignKey(TraitCategory, models.CASCADE, related_name="options")
    label = models.CharField(_("antwoord"), max_length=80)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["category", "position", "label"]
        constraints = [
            models.UniqueConstraint(fields=["category", "label"], name="unique_trait_option")
        ]

    def __str__(self):
        return self.label


class MemberTrait(models.Model):
    """A member's own answer for an extra category, kept only with explicit consent."""

    member = models.ForeignKey(Member, models.CASCADE, related_name="extra_traits")
    category = models.ForeignKey(TraitCategory, models.CASCADE, related_name="answers")
    option = models.ForeignKey(TraitOption, models.CASCADE)
    consented_at = models.DateTimeField(_("toestemming gegeven"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "category"], name="unique_member_trait")
        ]

    def __str__(self):
        return f"{self.member} – {self.category}: {self.option}"
