"""The forum: conversations with members and invited experts, contributions, moderation,
statements and their votes, and the last opinion map computed from those votes."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Branch, Province
from shared.uploads import document_check, document_extension, document_stored_name

EDIT_WINDOW = timedelta(minutes=15)
CONTRIBUTION_MAX = 2000
STATEMENT_MAX = 140


class ConversationState(models.TextChoices):
    DRAFT = "concept", _("concept")
    OPEN = "open", _("open")
    CLOSED = "gesloten", _("gesloten")
    SUMMARISED = "samenvatting", _("samenvatting gepubliceerd")


class Audience(models.TextChoices):
    ALL = "leden", _("alle leden")
    PROVINCE = "provincie", _("een provincie")
    BRANCH = "afdeling", _("een afdeling")
    INVITED = "uitgenodigd", _("alleen genodigden")


class Expert(models.Model):
    """An invited outside expert. The account is a ``Member`` row with status EXPERT, which
    every member permission refuses; it can only sign in once the expert confirmed."""

    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="forum_expert"
    )
    name = models.CharField(_("naam"), max_length=150)
    organisation = models.CharField(_("organisatie"), max_length=150)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("deskundige")
        verbose_name_plural = _("deskundigen")

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Conversation(models.Model):
    """A gesprek: one question, discussed during a period by an audience."""

    title = models.CharField(_("vraag"), max_length=200)
    introduction = models.TextField(_("inleiding"))
    background = models.TextField(
        _("achtergronddocumenten"), blank=True, help_text=_("Eén link per regel.")
    )
    opens_at = models.DateTimeField(_("open vanaf"))
    closes_at = models.DateTimeField(_("open tot"))
    audience = models.CharField(
        _("voor wie"), max_length=12, choices=Audience.choices, default=Audience.ALL
    )
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices, blank=True)
    branch = models.ForeignKey(
        Branch, models.PROTECT, null=True, blank=True, verbose_name=_("afdeling")
    )
    state = models.CharField(
        max_length=12, choices=ConversationState.choices, default=ConversationState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="moderated_conversations"
    )
    invited_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="forum_invitations"
    )
    experts = models.ManyToManyField(Expert, blank=True, related_name="conversations")
    experts_in_map = models.BooleanField(_("deskundigen tellen mee in de kaart"), default=False)
    # Opened by an organiser before the start: the conversation opens by itself then.
    open_scheduled = models.BooleanField(_("opent vanzelf op de begindatum"), default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(_("wat er naar voren kwam"), blank=True)
    disagreements = models.TextField(_("waar we het (nog) niet over eens zijn"), blank=True)
    summary_statements = models.JSONField(default=list, blank=True)
    summary_published_at = models.DateTimeField(null=True, blank=True)
    feedback_url = models.CharField(max_length=500, blank=True)
    feedback_summary = models.TextField(blank=True)
    feedback_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        indexes = [models.Index(fields=["state", "opens_at"])]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == ConversationState.OPEN

    @property
    def is_visible(self) -> bool:
        return self.state != ConversationState.DRAFT

    @property
    def background_links(self) -> list[str]:
        return [line.strip() for line in self.background.splitlines() if line.strip()]


def _document_path(document, filename):
    return document_stored_name(f"forum/documenten/{document.conversation_id}", filename)


class BackgroundDocument(models.Model):
    """A file organisers add to a conversation's background; served only to who may read
    the conversation (media files are never public)."""

    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("bestand"), upload_to=_document_path, validators=[document_check])
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("achtergronddocument")
        verbose_name_plural = _("achtergronddocumenten")

    def __str__(self):
        return self.title

    @property
    def extension(self) -> str:
        return document_extension(self.file.name)


class Contribution(models.Model):
    """A bijdrage, or a reply to one (one level: a reply has no replies)."""

    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="contributions")
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    by_expert = models.BooleanField(default=False)
    text = models.TextField(
        _("bijdrage"),
        max_length=CONTRIBUTION_MAX,
        validators=[MaxLengthValidator(CONTRIBUTION_MAX)],
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("reden"), max_length=300, blank=True)
    appeal = models.TextField(_("bezwaar"), max_length=CONTRIBUTION_MAX, blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bijdrage")
        verbose_name_plural = _("bijdragen")
        indexes = [
            models.Index(fields=["conversation", "parent", "created_at"]),
            models.Index(fields=["author", "created_at"]),
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_correction(self) -> bool:
        """Edited after the first quarter of an hour: shown as a correction."""
        return self.edited_at is not None and self.edited_at - self.created_at > EDIT_WINDOW

    @property
    def may_still_edit(self) -> bool:
        return timezone.now() - self.created_at <= EDIT_WINDOW


class Report(models.Model):
    """A melding: someone thinks a contribution breaks the house rules."""

    contribution = models.ForeignKey(Contribution, models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(_("reden"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self):
        return self.reason[:60]


class ModerationAction(models.Model):
    """The audit log: every moderation step, never changed afterwards."""

    class Kind(models.TextChoices):
        REPORT = "report", _("gemeld")
        HIDE = "hide", _("verborgen")
        RESTORE = "restore", _("teruggezet")
        APPEAL = "appeal", _("bezwaar gemaakt")
        APPEAL_UPHELD = "appeal_upheld", _("bezwaar toegekend")
        APPEAL_REJECTED = "appeal_rejected", _("bezwaar afgewezen")
        DISMISS = "dismiss", _("melding afgehandeld")

    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="+")
    contribution = models.ForeignKey(
        Contribution, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("moderatiestap")
        verbose_name_plural = _("moderatielog")

    def __str__(self):
        return f"{self.get_kind_display()} #{self.contribution_id}"


class Statement(models.Model):
    """A short stelling for the opinion map."""

    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="statements")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    text = models.CharField(_("stelling"), max_length=STATEMENT_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("stelling")
        verbose_name_plural = _("stellingen")

    def __str__(self):
        return self.text


class StatementVote(models.Model):
    """Eens (+1), oneens (-1) or overslaan (0). Never shown per person, not in the admin."""

    class Value(models.IntegerChoices):
        AGREE = 1, _("eens")
        DISAGREE = -1, _("oneens")
        PASS = 0, _("overslaan")

    statement = models.ForeignKey(Statement, models.CASCADE, related_name="votes")
    participant = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    value = models.SmallIntegerField(choices=Value.choices)
    voted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "participant"], name="forum_one_vote_per_statement"
            )
        ]

    def __str__(self):
        # Shown where Django lists related objects (an admin's delete page): never the value.
        return str(_("stem op een stelling"))


class OpinionMapState(models.Model):
    """The last opinion map of a conversation (JSON) and the labels it handed out, so the
    next computation keeps them. ``votes_changed_at`` > ``computed_at`` means stale."""

    conversation = models.OneToOneField(Conversation, models.CASCADE, related_name="opinion_map")
    votes_changed_at = models.DateTimeField(default=timezone.now)
    computed_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    labels = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["votes_changed_at"])]
        verbose_name = _("meningskaart")
        verbose_name_plural = _("meningskaarten")

    def __str__(self):
        return f"{self.conversation_id}"

    @property
    def is_stale(self) -> bool:
        return self.computed_at is None or self.votes_changed_at > self.computed_at


STALE_MAPS = Q(computed_at__isnull=True) | Q(votes_changed_at__gt=models.F("computed_at"))
