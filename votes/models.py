"""Votes: a vote, its ballot items, its committee, the voter roll and the counted ballots.

The roll (who voted) and the ballots (what was voted) share no key, no sequence and no
time: roll entries and ballots have random UUIDs, a ballot has no timestamp, and during
the vote ballots live sealed in a per-vote table (``votes.box``) that is dropped at counting.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import Branch, Province
from shared.spreadsheet import FORMULA_STARTS


class VoteState(models.TextChoices):
    DRAFT = "draft", _("concept")
    SCHEDULED = "scheduled", _("aangekondigd")
    OPEN = "open", _("open")
    CLOSED = "closed", _("gesloten, wacht op telling")
    PUBLISHED = "published", _("uitslag gepubliceerd")


class Scope(models.TextChoices):
    ALL = "all", _("alle leden")
    PROVINCE = "province", _("provincie")
    BRANCH = "branch", _("afdeling")


class Majority(models.TextChoices):
    SIMPLE = "simple", _("gewone meerderheid (meer dan de helft)")
    TWO_THIRDS = "two_thirds", _("twee derde meerderheid")


class BlankRule(models.TextChoices):
    TURNOUT_ONLY = "turnout", _("telt mee voor de opkomst, niet voor de meerderheid")
    AGAINST = "against", _("telt als niet-voor bij het bepalen van de meerderheid")


class ItemKind(models.TextChoices):
    MOTION = "motion", _("motie (voor / tegen / blanco)")
    CHOICE = "choice", _("keuze uit opties")
    RANKING = "ranking", _("rangschikking van kandidaten")


class Method(models.TextChoices):
    SINGLE = "single", _("één keuze")
    APPROVAL = "approval", _("goedkeuring (meerdere keuzes)")
    SCHULZE = "schulze", _("Condorcet (Schulze)")
    STV = "stv", _("enkelvoudig overdraagbare stem (STV)")
    IRV = "irv", _("instant runoff (één zetel)")


ANNOUNCED = (VoteState.SCHEDULED, VoteState.OPEN, VoteState.CLOSED, VoteState.PUBLISHED)


class Vote(models.Model):
    title = models.CharField(_("titel"), max_length=200)
    explanation = models.TextField(_("toelichting"), blank=True)
    documents = models.TextField(
        _("stukken"), blank=True, help_text=_("Eén link per regel, eventueel 'titel | link'.")
    )
    scope = models.CharField(_("wie mag stemmen"), max_length=10, choices=Scope, default=Scope.ALL)
    province = models.CharField(_("provincie"), max_length=20, choices=Province, blank=True)
    branch = models.ForeignKey(
        Branch, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("afdeling")
    )
    reference_date = models.DateField(
        _("peildatum"), help_text=_("Alleen wie op deze datum lid was, mag stemmen.")
    )
    opens_at = models.DateTimeField(_("opent op"))
    closes_at = models.DateTimeField(_("sluit op"))
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (minimale opkomst in %)"), default=0
    )
    majority = models.CharField(
        _("vereiste meerderheid"), max_length=12, choices=Majority, default=Majority.SIMPLE
    )
    blank_rule = models.CharField(
        _("blanco stemmen"), max_length=10, choices=BlankRule, default=BlankRule.TURNOUT_ONLY
    )
    publish_rankings = models.BooleanField(
        _("rangschikkingen publiceren"),
        default=True,
        help_text=_(
            "Zet de volledige rangschikkingen in ballots.csv (alleen voor stemgerechtigden)."
        ),
    )
    state = models.CharField(_("status"), max_length=12, choices=VoteState, default=VoteState.DRAFT)
    # Fixed at announcement: the public key ballots are sealed with, and the tie-break seed.
    public_key = models.CharField(max_length=64, blank=True, editable=False)
    tie_seed = models.CharField(_("lotingsgetal"), max_length=64, blank=True, editable=False)
    announced_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Fixed at opening: the frozen roll's size and hash.
    roll_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    roll_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The published result: result.json as counted, the sorted trackers, a failed count's reason.
    result = models.JSONField(null=True, blank=True, editable=False)
    trackers = models.TextField(blank=True, editable=False)
    count_problem = models.TextField(blank=True, editable=False)
    feedback_url = models.URLField(_("terugkoppeling"), blank=True)
    feedback_summary = models.TextField(_("samenvatting terugkoppeling"), blank=True)
    feedback_published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("stemming")
        verbose_name_plural = _("stemmingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="vote_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(quorum_percent__lte=100), name="vote_quorum_is_a_percentage"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_announced(self) -> bool:
        return self.state in ANNOUNCED

    @property
    def is_open(self) -> bool:
        return self.state == VoteState.OPEN

    @property
    def is_published(self) -> bool:
        return self.state == VoteState.PUBLISHED

    def document_links(self) -> list[tuple[str, str]]:
        links = []
        for line in self.documents.splitlines():
            title, _sep, url = line.rpartition("|")
            if url.strip():
                links.append(((title or url).strip(), url.strip()))
        return links


class BallotItem(models.Model):
    vote = models.ForeignKey(Vote, models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    kind = models.CharField(_("soort"), max_length=10, choices=ItemKind, default=ItemKind.MOTION)
    method = models.CharField(_("telmethode"), max_length=10, choices=Method, blank=True)
    title = models.CharField(_("vraag of motie"), max_length=300)
    explanation = models.TextField(_("toelichting"), blank=True)
    options = models.TextField(
        _("opties of kandidaten"), blank=True, help_text=_("Eén per regel (niet bij een motie).")
    )
    seats = models.PositiveSmallIntegerField(_("zetels"), default=1)
    full_order = models.BooleanField(
        _("volledige lijstvolgorde"),
        default=False,
        help_text=_("Bepaal de volgorde van alle kandidaten, niet alleen wie gekozen is."),
    )

    class Meta:
        ordering = ["vote", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "position"], name="unique_item_position")
        ]
        verbose_name = _("onderdeel van het stembiljet")
        verbose_name_plural = _("onderdelen van het stembiljet")

    def __str__(self):
        return self.title

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def clean(self):
        """Options go into ballots.csv: joined by | and >, and opened in spreadsheets."""
        bad = [o for o in self.option_list if o.startswith(FORMULA_STARTS) or {"|", ">"} & set(o)]
        if bad:
            message = _("Een optie mag niet met =, +, - of @ beginnen en geen | of > bevatten: %s")
            raise ValidationError({"options": message % ", ".join(bad)})

    @property
    def key(self) -> str:
        """The item's name in ballots.csv and result.json."""
        return f"{self.position}"


class CommitteeMember(models.Model):
    """A member of the vote's committee (stembureau): holds one share of the vote's key."""

    vote = models.ForeignKey(Vote, models.CASCADE, related_name="committee")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("lid")
    )
    share_index = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    share_picked_up_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("lid van het stembureau")
        verbose_name_plural = _("stembureau")
        constraints = [
            models.UniqueConstraint(fields=["vote", "member"], name="unique_committee_member")
        ]

    def __str__(self):
        return str(self.member)


class RollEntry(models.Model):
    """One member on a vote's frozen roll, and whether they voted. Never linked to a ballot."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, models.CASCADE, related_name="roll")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    has_voted = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("kiezersregister")
        verbose_name_plural = _("kiezersregister")
        constraints = [models.UniqueConstraint(fields=["vote", "member"], name="unique_roll_entry")]

    def __str__(self):
        # Shown where Django lists related objects (an admin's delete page): not the id.
        return str(self.vote)


class CountedBallot(models.Model):
    """A decrypted ballot, copied in random order out of the sealed box at counting.

    ``position`` is that random order; nothing here says who cast it or when.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, models.CASCADE, related_name="counted_ballots")
    position = models.PositiveIntegerField()
    content = models.JSONField()

    class Meta:
        ordering = ["vote", "position"]

    def __str__(self):
        return str(self.id)
