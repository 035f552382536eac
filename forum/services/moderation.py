"""Reports, hiding with a visible reason, one appeal, and the audit log of every step."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.models import Contribution, ModerationAction, Report
from members.models import MailKind, Member
from members.services.outbox import outbox_enqueue

Kind = ModerationAction.Kind


def _log(contribution: Contribution, actor: Member | None, kind: str, reason: str = ""):
    return ModerationAction.objects.create(
        conversation_id=contribution.conversation_id,
        contribution=contribution,
        actor=actor,
        kind=kind,
        reason=reason,
    )


def _tell_author(contribution: Contribution, step: str) -> None:
    author = contribution.author
    if author is None:
        return
    outbox_enqueue(
        kind=MailKind.FORUM_MODERATION,
        key=f"forum-moderation:{contribution.pk}:{step}",
        template="forum/email/moderation",
        recipient=author,
        context={
            "contribution": contribution,
            "step": step,
            "conversation": contribution.conversation,
            "path": reverse("forum:conversation-detail", args=[contribution.conversation_id]),
        },
    )


@transaction.atomic
def contribution_report(*, contribution: Contribution, reporter: Member, reason: str) -> Report:
    report = Report(contribution=contribution, reporter=reporter, reason=reason.strip())
    report.full_clean()
    report.save()
    _log(contribution, reporter, Kind.REPORT, report.reason)
    return report


@transaction.atomic
def contribution_hide(
    *, contribution: Contribution, moderator: Member, reason: str
) -> Contribution:
    """Hide it with a reason everyone sees; the author is told and may appeal once."""
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden; die blijft zichtbaar.")})
    if contribution.is_hidden:
        raise ValidationError(_("Deze bijdrage is al verborgen."))
    contribution.hidden_at, contribution.hidden_reason = timezone.now(), reason.strip()
    contribution.save(update_fields=["hidden_at", "hidden_reason"])
    contribution.reports.filter(handled_at__isnull=True).update(handled_at=timezone.now())
    _log(contribution, moderator, Kind.HIDE, contribution.hidden_reason)
    _tell_author(contribution, "hidden")
    return contribution


@transaction.atomic
def report_dismiss(*, contribution: Contribution, moderator: Member, reason: str = "") -> int:
    handled = contribution.reports.filter(handled_at__isnull=True).update(handled_at=timezone.now())
    _log(contribution, moderator, Kind.DISMISS, reason)
    return handled


@transaction.atomic
def contribution_appeal(*, contribution: Contribution, author: Member, text: str) -> Contribution:
    """The author's one appeal against hiding."""
    if not contribution.is_hidden or contribution.appealed_at is not None:
        raise ValidationError(_("Tegen deze beslissing kun je geen bezwaar (meer) maken."))
    if not text.strip():
        raise ValidationError({"text": _("Schrijf waarom de bijdrage terug moet.")})
    contribution.appeal, contribution.appealed_at = text.strip(), timezone.now()
    contribution.save(update_fields=["appeal", "appealed_at"])
    _log(contribution, author, Kind.APPEAL, contribution.appeal)
    return contribution


@transaction.atomic
def appeal_decide(
    *, contribution: Contribution, moderator: Member, uphold: bool, reason: str
) -> Contribution:
    """Decide the appeal: upheld puts the contribution back. Final either way."""
    if contribution.appealed_at is None or contribution.appeal_decided_at is not None:
        raise ValidationError(_("Er ligt geen open bezwaar."))
    contribution.appeal_decided_at = timezone.now()
    fields = ["appeal_decided_at"]
    if uphold:
        contribution.hidden_at, contribution.hidden_reason = None, ""
        fields += ["hidden_at", "hidden_reason"]
    contribution.save(update_fields=fields)
    _log(contribution, moderator, Kind.APPEAL_UPHELD if uphold else Kind.APPEAL_REJECTED, reason)
    _tell_author(contribution, "upheld" if uphold else "rejected")
    return contribution
