from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from members.models import MemberKind, Province, TraitCategory


class PanelState(models.TextChoices):
    """The lifecycle of a panel, in order; every step is a confirmed, audited action."""

    CONCEPT = "concept", _("concept")
    INVITATIONS_DRAWN = "invitations_drawn", _("uitnodigingen geloot")
    LETTER_SIGNED = "letter_signed", _("brief ondertekend")
    INVITATIONS_SENT = "invitations_sent", _("uitnodigingen verstuurd")
    REGISTRATION_CLOSED = "registration_closed", _("aanmelding gesloten")
    PANEL_SELECTED = "panel_selected", _("panel geloot")
    RUNNING = "running", _("beraad loopt")
    ADVICE_PUBLISHED = "advice_published", _("advies gepubliceerd")
    FEEDBACK_PUBLISHED = "feedback_published", _("terugkoppeling gepubliceerd")


# Explicit sets, never slices of the declaration order: a new state must be placed on purpose.
DRAWN_STATES = frozenset(
    {
        PanelState.PANEL_SELECTED,
        PanelState.RUNNING,
        PanelState.ADVICE_PUBLISHED,
        PanelState.FEEDBACK_PUBLISHED,
    }
)
# Respondents and quotas are frozen from here on.
CLOSED_STATES = DRAWN_STATES | {PanelState.REGISTRATION_CLOSED}
# Members see a panel once its invitations are out.
PUBLISHED_STATES = CLOSED_STATES | {PanelState.INVITATIONS_SENT}
SIGNED_STATES = PUBLISHED_STATES | {PanelState.LETTER_SIGNED}
INVITED_STATES = SIGNED_STATES | {PanelState.INVITATIONS_DRAWN}
# Before the invitations go out: what a chair may still be asked to sign.
PREPARATION_STATES = frozenset(
    {PanelState.CONCEPT, PanelState.INVITATIONS_DRAWN, PanelState.LETTER_SIGNED}
)
ADVISED_STATES = frozenset({PanelState.ADVICE_PUBLISHED, PanelState.FEEDBACK_PUBLISHED})


class Panel(models.Model):
    """A ledenberaad: members chosen by a two-stage lottery who deliberate and advise."""

    class Purpose(models.TextChoices):
        ADVISORY = "advisory", _("adviserend")
        BINDING = "binding", _("bindend besluit")

    class Audience(models.TextChoices):
        MEMBERS = "members", _("alle leden")
        EVERYONE = "everyone", _("leden en sympathisanten")

    title = models.CharField(_("titel"), max_length=200)
    question = models.TextField(_("vraag"))
    purpose = models.CharField(
        _("uitkomst"), max_length=10, choices=Purpose.choices, default=Purpose.ADVISORY
    )
    panel_size = models.PositiveIntegerField(_("aantal panelleden"))
    invitation_count = models.PositiveIntegerField(_("aantal uitnodigingen"))
    reserve_size = models.PositiveIntegerField(_("lengte reservelijst"), default=0)
    audience = models.CharField(
        _("wie kan worden uitgenodigd"),
        max_length=10,
        choices=Audience.choices,
        default=Audience.MEMBERS,
    )
    province = models.CharField(
        _("alleen provincie"), max_length=20, choices=Province.choices, blank=True
    )
    state = models.CharField(
        _("fase"), max_length=20, choices=PanelState.choices, default=PanelState.CONCEPT
    )
    # The announced procedure (see beraad.services.procedure): fixed when the invitations go out.
    draw_date = models.DateField(_("datum van de loting"), null=True, blank=True)
    public_source = models.CharField(
        _("publieke trekking voor het lotingsgetal"),
        max_length=300,
        blank=True,
        help_text=_(
            "Bijvoorbeeld: de winnende getallen van de Lotto-trekking (Nederlandse Loterij)."
        ),
    )
    public_event_at = models.DateTimeField(
        _("datum en tijd van die trekking"),
        null=True,
        blank=True,
        help_text=_("Na het sluiten van de aanmelding en vóór de loting."),
    )
    draw_announced_at = models.DateTimeField(_("loting aangekondigd"), null=True, blank=True)
    # Frozen when registration closes: the respondents and quotas the draw will use.
    frozen_at = models.DateTimeField(_("invoer vastgelegd"), null=True, blank=True)
    frozen = models.JSONField(_("vastgelegde invoer van de loting"), default=dict, blank=True)
    public_value = models.CharField(_("publieke waarde"), max_length=200, blank=True)
    public_value_at = models.DateTimeField(_("publieke waarde ingevuld"), null=True, blank=True)
    seed = models.CharField(_("publiek lotingsgetal"), max_length=100, blank=True)
    seed_fixed_at = models.DateTimeField(_("lotingsgetal vastgelegd"), null=True, blank=True)
    selection = models.JSONField(_("uitkomst van de loting"), default=dict, blank=True)
    advice_published_at = models.DateTimeField(null=True, blank=True)
    feedback_url = models.URLField(_("terugkoppeling"), blank=True)
    feedback_summary = models.TextField(_("samenvatting terugkoppeling"), blank=True)
    feedback_published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ledenberaad")
        verbose_name_plural = _("ledenberaden")
        constraints = [
            models.CheckConstraint(
                condition=Q(invitation_count__gte=models.F("panel_size")),
                name="panel_invites_at_least_panel_size",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("beraad:panel-detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        """Members see a panel once its invitations are out."""
        return self.state in PUBLISHED_STATES

    @property
    def is_drawn(self) -> bool:
        return self.state in DRAWN_STATES

    @property
    def is_closed(self) -> bool:
        """Registration is closed: respondents and quotas are frozen."""
        return self.state in CLOSED_STATES

    @property
    def is_binding(self) -> bool:
        return self.purpose == self.Purpose.BINDING

    @property
    def accepts_input(self) -> bool:
        return self.state == PanelState.RUNNING

    @property
    def eligible_kinds(self) -> list[str]:
        if self.audience == self.Audience.EVERYONE:
            return [MemberKind.MEMBER, MemberKind.SUPPORTER]
        return [MemberKind.MEMBER]


class CategoryKind(models.TextChoices):
    PROVINCE = "province", _("provincie")
    AGE_BAND = "age_band", _("leeftijd")
    GENDER = "gender", _("gender")
    MEMBERSHIP = "membership", _("lidmaatschapsduur")
    TRAIT = "trait", _("extra kenmerk")


class PanelCategory(models.Model):
    """A member trait the panel must mirror; its values get quotas."""

    panel = models.ForeignKey(Panel, models.CASCADE, related_name="categories")
    kind = models.CharField(_("kenmerk"), max_length=20, choices=CategoryKind.choices)
    trait = models.ForeignKey(
        TraitCategory, models.PROTECT, null=True, blank=True, verbose_name=_("extra kenmerk")
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "kind", "trait"], name="unique_panel_category"
            ),
            models.CheckConstraint(
                condition=Q(kind="trait", trait__isnull=False)
                | (~Q(kind="trait") & Q(trait__isnull=True)),
                name="panel_category_trait_only_for_trait",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def key(self) -> str:
        """The category's name in the lottery's data and in categories.csv."""
        return f"trait-{self.trait.slug}" if self.trait_id else self.kind

    @property
    def label(self) -> str:
        return self.trait.name if self.trait_id else capfirst(self.get_kind_display())


class PanelQuota(models.Model):
    """Seats for one value of a category: between min and max; oversampled by a factor."""

    category = models.ForeignKey(PanelCategory, models.CASCADE, related_name="quotas")
    value = models.CharField(_("waarde"), max_length=100)
    min = models.PositiveIntegerField(_("minimum"))
    max = models.PositiveIntegerField(_("maximum"))
    share = models.FloatField(_("aandeel in de ledenlijst"), default=0)
    oversampling = models.DecimalField(
        _("overbemonstering"), max_digits=4, decimal_places=2, default=1
    )

    class Meta:
        ordering = ["category", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["category", "value"], name="unique_quota_value"),
            models.CheckConstraint(condition=Q(min__lte=models.F("max")), name="quota_min_le_max"),
            models.CheckConstraint(condition=Q(oversampling__gt=0), name="quota_positive_factor"),
        ]

    def __str__(self):
        return f"{self.category}: {self.value} ({self.min}–{self.max})"


class Session(models.Model):
    """A meeting of the panel; may be an event of the events app (by id, not by key)."""

    panel = models.ForeignKey(Panel, models.CASCADE, related_name="sessions")
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"), null=True, blank=True)
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    event_id = models.PositiveIntegerField(_("activiteit (nummer)"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def __str__(self):
        return self.title


# The audit log's action codes that are not a PanelState, as the log shows them.
AUDIT_ACTIONS = {
    "created": _("beraad aangemaakt"),
    "edited": _("instellingen gewijzigd"),
    "letter_saved": _("brief opgeslagen"),
    "signatures_voided": _("handtekeningen vervallen"),
    "signer_added": _("handtekening gevraagd"),
    "letter_signature": _("brief ondertekend door een voorzitter"),
    "reminder_sent": _("herinnering verstuurd"),
    "feedback_linked": _("terugkoppeling gekoppeld"),
    "session_added": _("bijeenkomst toegevoegd"),
    "document_added": _("document toegevoegd"),
    "category_added": _("kenmerk toegevoegd"),
    "category_removed": _("kenmerk verwijderd"),
    "quotas_edited": _("quota aangepast"),
    "seed_fixed": _("lotingsgetal vastgelegd"),
    "draw_announced": _("loting aangekondigd"),
    "inputs_frozen": _("aanmeldingen en quota vastgelegd"),
    "secret_revealed": _("geheim woord onthuld"),
    "dropout_replaced": _("uitvaller vervangen"),
}


class AuditEntry(models.Model):
    """One lifecycle step: who, when, what, and a SHA-256 of the inputs it acted on."""

    panel = models.ForeignKey(Panel, models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(_("handeling"), max_length=40)
    details = models.JSONField(default=dict, blank=True)
    inputs_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("logregel")
        verbose_name_plural = _("logboek")

    def __str__(self):
        return f"{self.panel} – {self.action}"

    @property
    def action_label(self) -> str:
        """The action in the reader's language; a code nobody labelled shows as it is."""
        label = AUDIT_ACTIONS.get(self.action)
        if label is None and self.action in PanelState.values:
            label = PanelState(self.action).label
        return str(label or self.action)
