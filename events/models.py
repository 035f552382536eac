from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Branch, Member


class EventType(models.TextChoices):
    DIALOGUE = "dialoog", _("dialoog")
    DEBATE = "debat", _("debat")
    SOCIAL = "sociaal", _("sociaal")
    PRACTICAL = "praktisch", _("praktisch")
    CAMPAIGN = "campagne", _("campagne")
    TRAINING = "training", _("training")


# Events that gather members' input and so owe them feedback; the others (a borrel, a
# training, campaigning) only when their organiser says so.
INPUT_EVENT_TYPES = (EventType.DIALOGUE, EventType.DEBATE)


class EventFormat(models.TextChoices):
    IN_PERSON = "fysiek", _("fysiek")
    ONLINE = "online", _("online")
    HYBRID = "hybride", _("hybride")


class Audience(models.TextChoices):
    MEMBERS = "leden", _("alleen leden")
    SUPPORTERS = "leden_sympathisanten", _("leden en sympathisanten")
    OPEN = "open", _("open voor gasten")


class EventState(models.TextChoices):
    DRAFT = "concept", _("concept")
    PUBLISHED = "gepubliceerd", _("gepubliceerd")
    CANCELLED = "afgelast", _("afgelast")
    HELD = "gehouden", _("gehouden")


class TopicKind(models.TextChoices):
    NONE = "", _("geen")
    ROUND = "round", _("preferendumronde")
    PANEL = "panel", _("ledenberaad")


class Event(models.Model):
    """An activity of a branch; its time and place are what attendees are told about."""

    branch = models.ForeignKey(
        Branch, models.PROTECT, related_name="events", verbose_name=_("afdeling")
    )
    title = models.CharField(_("titel"), max_length=200)
    event_type = models.CharField(_("soort"), max_length=20, choices=EventType.choices)
    description = models.TextField(_("beschrijving"), blank=True)
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    format = models.CharField(
        _("vorm"), max_length=10, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    address = models.CharField(_("adres"), max_length=250, blank=True)
    meeting_link = models.URLField(_("link naar de online bijeenkomst"), blank=True)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), validators=[MinValueValidator(1)])
    audience = models.CharField(
        _("voor wie"), max_length=25, choices=Audience.choices, default=Audience.MEMBERS
    )
    # Refers to a round or panel by id: feature apps have no foreign keys to each other.
    topic_kind = models.CharField(
        _("onderwerp"), max_length=10, choices=TopicKind.choices, blank=True
    )
    topic_id = models.PositiveIntegerField(_("onderwerp-id"), null=True, blank=True)
    partners = models.TextField(_("partnerorganisaties (één per regel)"), blank=True)
    feedback_promised = models.BooleanField(
        _("deelnemers krijgen terugkoppeling"),
        default=False,
        help_text=_(
            "Een dialoog of debat krijgt altijd terugkoppeling. Zet dit aan als je bij een "
            "andere activiteit (een borrel, een training) ook inbreng ophaalt."
        ),
    )
    state = models.CharField(
        _("status"), max_length=15, choices=EventState.choices, default=EventState.DRAFT
    )
    change_count = models.PositiveIntegerField(default=0, editable=False)
    table_plan_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    report = models.TextField(_("verslag"), blank=True)
    report_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    feedback_url = models.CharField(max_length=500, blank=True, editable=False)
    feedback_summary = models.TextField(blank=True, editable=False)
    feedback_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        Member, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        indexes = [models.Index(fields=["state", "starts_at"])]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Het einde moet na het begin liggen.")})
        if self.format != EventFormat.ONLINE and not self.address:
            raise ValidationError({"address": _("Geef een adres op.")})
        if self.format != EventFormat.IN_PERSON and not self.meeting_link:
            raise ValidationError({"meeting_link": _("Geef een link op.")})
        if bool(self.topic_kind) != (self.topic_id is not None):
            raise ValidationError({"topic_id": _("Kies een onderwerp en het nummer ervan.")})

    @property
    def is_published(self) -> bool:
        return self.state == EventState.PUBLISHED

    @property
    def owes_feedback(self) -> bool:
        return self.event_type in INPUT_EVENT_TYPES or self.feedback_promised

    @property
    def is_cancelled(self) -> bool:
        return self.state == EventState.CANCELLED

    @property
    def is_open_to_guests(self) -> bool:
        return self.audience == Audience.OPEN

    @property
    def is_online(self) -> bool:
        return self.format != EventFormat.IN_PERSON

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "aangemeld", pgettext_lazy("activiteit", "aangemeld")
    WAITING = "wachtlijst", _("op de wachtlijst")
    CANCELLED = "afgemeld", pgettext_lazy("activiteit", "afgemeld")
    PENDING = "onbevestigd", _("wacht op bevestiging per e-mail")


class Attendance(models.TextChoices):
    UNKNOWN = "", _("onbekend")
    ATTENDED = "aanwezig", _("aanwezig")
    NO_SHOW = "afwezig", _("niet gekomen")


class Registration(models.Model):
    """A member's or a guest's place at an event, or their place in the waiting list."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="registrations")
    member = models.ForeignKey(
        Member, models.CASCADE, null=True, blank=True, related_name="event_registrations"
    )
    guest_name = models.CharField(_("naam"), max_length=150, blank=True)
    guest_email = models.EmailField(_("e-mailadres"), blank=True)
    status = models.CharField(_("status"), max_length=15, choices=RegistrationStatus.choices)
    position = models.PositiveIntegerField(_("plaats op de wachtlijst"), null=True, blank=True)
    agreed_to_moderate = models.BooleanField(_("wil gespreksleider zijn"), default=False)
    attendance = models.CharField(
        _("aanwezigheid"), max_length=10, choices=Attendance.choices, blank=True
    )
    reminder_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "member"],
                condition=Q(member__isnull=False),
                name="unique_member_registration",
            ),
            models.UniqueConstraint(
                fields=["event", "guest_email"],
                condition=Q(member__isnull=True),
                name="unique_guest_registration",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(guest_email=""),
                name="registration_has_member_or_guest",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.name} – {self.event}"

    @property
    def name(self) -> str:
        return self.member.full_name if self.member_id else self.guest_name

    @property
    def email(self) -> str:
        return (self.member.email or "") if self.member_id else self.guest_email

    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waiting(self) -> bool:
        return self.status == RegistrationStatus.WAITING

    @property
    def is_active(self) -> bool:
        return self.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


class Table(models.Model):
    """A small group at a dialogue; it cannot meet without its moderator."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="tables")
    number = models.PositiveSmallIntegerField(_("tafel"))
    moderator = models.ForeignKey(
        Member,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderated_tables",
        verbose_name=_("gespreksleider"),
    )

    class Meta:
        ordering = ["event", "number"]
        verbose_name = _("tafel")
        verbose_name_plural = _("tafels")
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="unique_table_number")
        ]

    def __str__(self):
        return f"{self.event} – {_('tafel')} {self.number}"


class TableSeat(models.Model):
    table = models.ForeignKey(Table, models.CASCADE, related_name="seats")
    registration = models.OneToOneField(Registration, models.CASCADE, related_name="seat")

    class Meta:
        verbose_name = _("plaats aan tafel")
        verbose_name_plural = _("plaatsen aan tafel")

    def __str__(self):
        return f"{self.table}: {self.registration_id}"


class ModeratorNotes(models.Model):
    """What came up at one table, written by its moderator after the event."""

    table = models.OneToOneField(Table, models.CASCADE, related_name="notes")
    author = models.ForeignKey(Member, models.SET_NULL, null=True, related_name="+")
    heading = models.CharField(_("kop"), max_length=200)
    text = models.TextField(_("notities"))
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notities van een gespreksleider")
        verbose_name_plural = _("notities van gespreksleiders")

    def __str__(self):
        return self.heading
