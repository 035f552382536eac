"""Preferendum: series of rounds, statements, answers with trait snapshots, suggestions."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Branch, Province


class Purpose(models.TextChoices):
    ADVISORY = "advisory", _("advies")
    BINDING = "binding", _("bindend besluit")


class Audience(models.TextChoices):
    MEMBERS = "members", _("leden")
    MEMBERS_AND_SUPPORTERS = "members_supporters", _("leden en sympathisanten")


class Scope(models.TextChoices):
    NATIONAL = "national", _("landelijk")
    PROVINCE = "province", _("provincie")
    BRANCH = "branch", _("afdeling")


class RoundState(models.TextChoices):
    DRAFT = "draft", _("concept")
    SCHEDULED = "scheduled", _("gepland")
    OPEN = "open", _("open")
    CLOSED = "closed", _("gesloten")
    FEEDBACK_PUBLISHED = "feedback_published", _("terugkoppeling gepubliceerd")


class AnswerValue(models.IntegerChoices):
    """The five-point scale in order, plus "geen mening" (kept out of the scale)."""

    STRONGLY_DISAGREE = 1, _("helemaal oneens")
    DISAGREE = 2, _("oneens")
    NEUTRAL = 3, _("neutraal")
    AGREE = 4, _("eens")
    STRONGLY_AGREE = 5, _("helemaal eens")
    NO_OPINION = 0, _("geen mening")


class Series(models.Model):
    """A recurring series: every `rhythm_days` the next draft round in its queue opens."""

    name = models.CharField(_("naam"), max_length=120)
    rhythm_days = models.PositiveSmallIntegerField(_("ritme in dagen"), default=28)
    open_days = models.PositiveSmallIntegerField(_("dagen open per ronde"), default=14)
    is_default = models.BooleanField(
        _("standaardreeks"), default=False, help_text=_("Nieuwe stellingen komen in deze reeks.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("reeks")
        verbose_name_plural = _("reeksen")

    def __str__(self):
        return self.name


class Round(models.Model):
    series = models.ForeignKey(
        Series,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="rounds",
        verbose_name=_("reeks"),
    )
    queue_position = models.PositiveIntegerField(_("plaats in de wachtrij"), default=0)
    title = models.CharField(_("titel"), max_length=200)
    intro = models.TextField(_("inleiding"), blank=True)
    purpose = models.CharField(
        _("doel"), max_length=20, choices=Purpose.choices, default=Purpose.ADVISORY
    )
    audience = models.CharField(
        _("wie mag meedoen"), max_length=20, choices=Audience.choices, default=Audience.MEMBERS
    )
    scope = models.CharField(
        _("bereik"), max_length=20, choices=Scope.choices, default=Scope.NATIONAL
    )
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices, blank=True)
    branch = models.ForeignKey(
        Branch, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("afdeling")
    )
    opens_at = models.DateTimeField(_("opent op"), null=True, blank=True)
    closes_at = models.DateTimeField(_("sluit op"), null=True, blank=True)
    state = models.CharField(
        _("status"), max_length=20, choices=RoundState.choices, default=RoundState.DRAFT
    )
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    feedback_url = models.URLField(_("terugkoppeling"), blank=True)
    feedback_summary = models.TextField(_("samenvatting terugkoppeling"), blank=True)
    feedback_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("ronde")
        verbose_name_plural = _("rondes")
        indexes = [models.Index(fields=["state", "opens_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True)
                | Q(opens_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="round_closes_after_opening",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == RoundState.OPEN and (
            self.closes_at is None or timezone.now() < self.closes_at
        )

    @property
    def is_editable(self) -> bool:
        return self.state in (RoundState.DRAFT, RoundState.SCHEDULED)

    @property
    def is_closed(self) -> bool:
        return self.state in (RoundState.CLOSED, RoundState.FEEDBACK_PUBLISHED)


class RoundFigures(models.Model):
    """A closed round's counts, frozen at closing (answers cannot change after it).

    Rows of counts, bounded by the number of groups and never by the number of answers:
    population  [province, branch_id, age_band, gender, membership_band, n] (eligible members)
    by_person   [statement_id, value, province, age_band, gender, n]
    by_place    [statement_id, value, province, branch_id, membership_band, n]
    respondents [province, branch_id, age_band, gender, membership_band, n] (distinct people)
    Anonymisation leaves them untouched, like every count taken from the answers' snapshots.
    """

    round = models.OneToOneField(Round, models.CASCADE, primary_key=True, related_name="figures")
    population = models.JSONField(default=list)
    by_person = models.JSONField(default=list)
    by_place = models.JSONField(default=list)
    # [province, branch_id, age_band, gender, membership_band, n]: distinct respondents
    respondents = models.JSONField(default=list)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("uitslag (bevroren)")
        verbose_name_plural = _("uitslagen (bevroren)")

    def __str__(self):
        return str(self.round_id)


# Where a carried statement comes from: named pages, so preferendum imports no other app.
ORIGIN_PAGES = {
    "panel": "beraad:panel-detail",
    "round": "preferendum:round-results",
    "forum": "forum:conversation-detail",
}


class Statement(models.Model):
    round = models.ForeignKey(Round, models.CASCADE, related_name="statements")
    position = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    text = models.CharField(_("stelling"), max_length=300)
    explanation = models.TextField(_("toelichting"), blank=True)
    argument_for = models.TextField(_("argument voor"), blank=True)
    argument_against = models.TextField(_("argument tegen"), blank=True)
    background_url = models.URLField(_("achtergrond (link)"), blank=True)
    # Statements asked again in later rounds share a family: their results form a trend.
    family = models.UUIDField(_("familie"), default=uuid.uuid4, db_index=True)
    origin_kind = models.CharField(_("herkomst (soort)"), max_length=20, blank=True)
    origin_id = models.PositiveIntegerField(_("herkomst (id)"), null=True, blank=True)
    origin_label = models.CharField(_("herkomst"), max_length=200, blank=True)

    class Meta:
        ordering = ["round", "position", "pk"]
        verbose_name = _("stelling")
        verbose_name_plural = _("stellingen")

    def __str__(self):
        return self.text

    @property
    def origin_url(self) -> str:
        """The page of the panel or round this statement came from, for the lineage."""
        name = ORIGIN_PAGES.get(self.origin_kind)
        return reverse(name, args=[self.origin_id]) if name and self.origin_id else ""


class Answer(models.Model):
    """One member's answer to one statement, with their traits at answering time.

    `member` is cleared by anonymisation; the snapshot columns keep every aggregate.
    """

    # No index of their own: the unique (statement, member) and the (round, member) index
    # start with them, and every index is one more write on saving an answer. No database
    # constraint either: PostgreSQL checks one by locking the referenced row, so every
    # answer being saved would lock the same few statement and round rows. Answers are
    # only written for a statement just read, and Django cascades deletions itself.
    statement = models.ForeignKey(
        Statement, models.CASCADE, related_name="answers", db_index=False, db_constraint=False
    )
    round = models.ForeignKey(
        Round, models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    value = models.SmallIntegerField(_("antwoord"), choices=AnswerValue.choices)
    comment = models.CharField(_("toelichting"), max_length=500, blank=True)
    province = models.CharField(max_length=20, blank=True)
    branch_id = models.IntegerField(null=True, blank=True)
    age_band = models.CharField(max_length=10, blank=True)
    gender = models.CharField(max_length=20, blank=True)
    membership_band = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(fields=["statement", "member"], name="one_answer_per_member"),
        ]
        indexes = [
            models.Index(fields=["round", "member"], name="answer_round_member"),
        ]

    def __str__(self):
        return f"{self.statement_id}: {self.get_value_display()}"


class FollowUpOptIn(models.Model):
    """The member agreed to be invited to a conversation about this round's topic."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="opt_ins")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="one_opt_in_per_round"),
        ]

    def __str__(self):
        return f"{self.round_id}: {self.member_id}"


class Suggestion(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("nieuw")
        MERGED = "merged", _("samengevoegd")
        ACCEPTED = "accepted", _("wordt een stelling")
        DECLINED = "declined", _("niet overgenomen")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.CharField(_("stelling"), max_length=300)
    why = models.TextField(_("waarom"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    merged_into = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )
    statement = models.ForeignKey(
        Statement, models.SET_NULL, null=True, blank=True, related_name="suggestions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("voorgestelde stelling")
        verbose_name_plural = _("voorgestelde stellingen")

    def __str__(self):
        return self.text
