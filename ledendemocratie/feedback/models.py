from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("overgenomen")
    PARTLY = "partly", _("deels overgenomen")
    REJECTED = "rejected", _("niet overgenomen")
    PENDING = "pending", _("nog in behandeling")


class ProcessKind(models.TextChoices):
    ROUND = "round", _("Preferendumronde")
    PANEL = "panel", _("Ledenberaad")
    EVENT = "event", _("Activiteit")
    VOTE = "vote", _("Stemming")
    FORUM = "forum", _("Forumgesprek")


class Feedback(models.Model):
    """What was done with the input of one round, panel or event, and why.

    The process is referred to by (kind, id), never by a foreign key: feature apps are read
    through ``ledendemocratie.processes``. Title, link and topic are cached so the
    overview costs no call into the apps per row. Once published, the text is never edited:
    changes are added as a ``Correction`` with its date.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("concept")
        PUBLISHED = "published", _("gepubliceerd")

    process_kind = models.CharField(_("soort proces"), max_length=10, choices=ProcessKind.choices)
    process_id = models.PositiveBigIntegerField()
    title = models.CharField(_("titel"), max_length=250)
    process_url = models.CharField(max_length=500, blank=True)
    topic = models.CharField(_("thema"), max_length=100, blank=True)
    process_closed_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(_("wat we hoorden"), blank=True)
    decision = models.TextField(_("wat is besloten en door wie"), blank=True)
    reasoning = models.TextField(_("waarom"), blank=True)
    is_public = models.BooleanField(
        _("openbaar"), default=False, help_text=_("Ook leesbaar voor wie niet is ingelogd.")
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("terugkoppeling")
        verbose_name_plural = _("terugkoppelingen")
        constraints = [
            models.UniqueConstraint(
                fields=["process_kind", "process_id"], name="one_feedback_per_process"
            )
        ]
        indexes = [models.Index(fields=["state", "-published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("feedback:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED


class FeedbackItem(models.Model):
    """The outcome for one statement or recommendation of the process, with its reason."""

    feedback = models.ForeignKey(Feedback, models.CASCADE, related_name="items")
    item_id = models.PositiveBigIntegerField()
    item_text = models.TextField(_("stelling of aanbeveling"))
    position = models.PositiveIntegerField(default=0)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    review_date = models.DateField(_("opnieuw bekijken op"), null=True, blank=True)
    is_public = models.BooleanField(_("openbaar"), default=True)

    class Meta:
        ordering = ["feedback", "position", "pk"]
        verbose_name = _("uitkomst")
        verbose_name_plural = _("uitkomsten")
        constraints = [
            models.UniqueConstraint(fields=["feedback", "item_id"], name="one_outcome_per_item")
        ]

    def __str__(self):
        return self.item_text[:80]

    def clean(self):
        if self.outcome == Outcome.PENDING and self.review_date is None:
            raise ValidationError({"review_date": _("Geef aan wanneer dit opnieuw bekeken wordt.")})
        if self.outcome != Outcome.PENDING:
            self.review_date = None


class Correction(models.Model):
    """A dated change to published feedback, shown as such (nothing is silently rewritten)."""

    feedback = models.ForeignKey(Feedback, models.CASCADE, related_name="corrections")
    item = models.ForeignKey(
        FeedbackItem, models.CASCADE, null=True, blank=True, related_name="corrections"
    )
    text = models.TextField(_("correctie"))
    previous_outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    new_outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("correctie")
        verbose_name_plural = _("correcties")

    def __str__(self):
        return self.text[:80]


class Carry(models.Model):
    """A panel recommendation or round result carried into a new preferendum statement.

    Kept here so the lineage (panel → round → feedback) can be shown without the apps
    knowing about each other: the statement id is the item id the round later reports.
    """

    origin_kind = models.CharField(max_length=10)
    origin_id = models.PositiveBigIntegerField()
    origin_item = models.ForeignKey(
        FeedbackItem, models.SET_NULL, null=True, blank=True, related_name="carries"
    )
    statement_id = models.PositiveBigIntegerField(null=True, blank=True)
    statement_url = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["statement_id"])]

    def __str__(self):
        return self.text[:80]
