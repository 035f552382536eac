from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models.members import Member


class MailKind(models.TextChoices):
    """Every kind of e-mail the platform sends. Preferences are kept per kind."""

    ACCOUNT = "account", _("Inlogcodes en accountberichten")
    IMPORT_REPORT = "import_report", _("Verslag van een ledenimport")
    ROUND_INVITATION = "round_invitation", _("Uitnodiging voor een preferendumronde")
    ROUND_REMINDER = "round_reminder", _("Herinnering aan een preferendumronde")
    ROUND_RESULTS = "round_results", _("Uitslag van een preferendumronde")
    SUGGESTION_UPDATE = "suggestion_update", _("Nieuws over een ingediende stelling")
    PANEL_INVITATION = "panel_invitation", _("Uitnodiging voor een ledenberaad")
    PANEL_REMINDER = "panel_reminder", _("Herinnering aan een uitnodiging voor een ledenberaad")
    PANEL_NEWS = "panel_news", _("Berichten voor leden van een beraad")
    EVENT_REGISTRATION = "event_registration", _("Bevestiging van een aanmelding")
    EVENT_REMINDER = "event_reminder", _("Herinnering aan een activiteit")
    EVENT_CHANGE = "event_change", _("Wijziging of afgelasting van een activiteit")
    EVENT_INVITATION = "event_invitation", _("Uitnodiging voor een gesprek")
    MODERATOR_BRIEF = "moderator_brief", _("Instructie voor gespreksleiders")
    FEEDBACK_REPORT = "feedback_report", _("Terugkoppeling: wat er met je inbreng is gedaan")
    ADMIN_SUMMARY = "admin_summary", _("Overzichten voor beheerders")
    MONTHLY_DIGEST = "monthly_digest", _("Maandoverzicht: wat er gebeurde en wat er besloten is")
    VOTE_ANNOUNCEMENT = "vote_announcement", _("Aankondiging van een bindende stemming")
    VOTE_INVITATION = "vote_invitation", _("Oproep om te stemmen")
    VOTE_REMINDER = "vote_reminder", _("Herinnering aan een stemming")
    VOTE_RESULT = "vote_result", _("Uitslag van een stemming")
    VOTE_COUNT_REQUEST = "vote_count_request", _("Verzoek aan het stembureau om te tellen")
    FORUM_INVITATION = "forum_invitation", _("Uitnodiging voor een gesprek op het forum")
    FORUM_EXPERT = "forum_expert", _("Uitnodiging als deskundige op het forum")
    FORUM_REPLIES = "forum_replies", _("Dagelijks overzicht van reacties op je bijdragen")
    FORUM_MODERATION = "forum_moderation", _("Moderatie van je bijdrage op het forum")
    FORUM_SUMMARY = "forum_summary", _("Samenvatting van een forumgesprek")


# Mail a member cannot switch off: it answers something the member just did or needs.
ESSENTIAL_MAIL_KINDS = frozenset(
    {
        MailKind.ACCOUNT,
        MailKind.IMPORT_REPORT,
        MailKind.EVENT_REGISTRATION,
        MailKind.EVENT_CHANGE,
        MailKind.MODERATOR_BRIEF,
        # Statutory: members must be told of a binding vote, whatever they switched off.
        MailKind.VOTE_ANNOUNCEMENT,
        MailKind.VOTE_COUNT_REQUEST,
        MailKind.FORUM_EXPERT,
        MailKind.FORUM_MODERATION,
    }
)


class OutboxContent(models.Model):
    """What a message says, shared by every message of one mailing in one language.

    Stored with merge fields and personal links as placeholders (``[[ld:…]]``):
    the sender fills in each recipient's name and mints their links while sending, so no
    personal link is ever stored. A body that carries a secret it cannot leave out (allauth's
    login codes) is stored ``sealed``: encrypted with a key derived from SECRET_KEY.
    """

    language = models.CharField(max_length=2, default="nl")
    text_body = models.TextField(blank=True)
    html_body = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    attachments = models.JSONField(default=list, blank=True)
    # placeholder → personal link it stands for: [url name, url args, purpose, object, guest key]
    links = models.JSONField(default=dict, blank=True)
    # placeholder → recipient field it stands for ("first_name", "full_name")
    merge_fields = models.JSONField(default=dict, blank=True)
    sealed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("e-mailinhoud")
        verbose_name_plural = _("e-mailinhoud")

    def __str__(self):
        return f"#{self.pk}"


class OutboxMessage(models.Model):
    """One e-mail, stored in the transaction that caused it and sent by a Celery task.

    ``dedup_key`` (a keyed hash of kind, address and object key) makes enqueueing
    idempotent, also after retention has emptied the row. The status moves READY →
    SENDING → SENT (or FAILED) by conditional updates: a sender claims rows under its own
    ``claimed_by`` with a lease (``lease_until``) that it extends while it sends, so a
    task that runs twice, or a sweep that releases an expired claim, never sends twice.
    What it says is in ``content``, shared by the messages of one mailing.
    """

    class Status(models.TextChoices):
        READY = "ready", _("in de wachtrij")
        SENDING = "sending", _("wordt verstuurd")
        SENT = "sent", _("verstuurd")
        FAILED = "failed", _("mislukt")

    kind = models.CharField(_("soort"), max_length=40, choices=MailKind.choices)
    object_key = models.CharField(_("onderwerp-sleutel"), max_length=200)
    recipient = models.ForeignKey(
        Member, models.SET_NULL, null=True, blank=True, related_name="outbox_messages"
    )
    to_email = models.EmailField(_("aan"))
    language = models.CharField(max_length=2, default="nl")
    subject = models.CharField(_("onderwerp"), max_length=250)
    content = models.ForeignKey(
        OutboxContent, models.SET_NULL, null=True, blank=True, related_name="messages"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.READY)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    dedup_key = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("uitgaande e-mail")
        indexes = [
            models.Index(
                fields=["next_attempt_at"], condition=Q(status="ready"), name="outbox_ready"
            ),
            models.Index(
                fields=["lease_until"], condition=Q(status="sending"), name="outbox_sending"
            ),
            models.Index(fields=["kind", "object_key"]),
            models.Index(fields=["status", "created_at"], name="outbox_by_status_age"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"


class MailOptOut(models.Model):
    """A member switched off one kind of non-essential e-mail."""

    member = models.ForeignKey(Member, models.CASCADE, related_name="mail_opt_outs")
    kind = models.CharField(max_length=40, choices=MailKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"], name="unique_mail_opt_out")
        ]

    def __str__(self):
        return f"{self.member} – {self.get_kind_display()}"
