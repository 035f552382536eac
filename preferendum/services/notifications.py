"""Preferendum mail, all through the members outbox (idempotent per kind, address, key)."""

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from members.models import MailKind, Member
from members.services.mailings import mailing_run
from members.services.outbox import outbox_enqueue, outbox_enqueue_many
from preferendum import tokens
from preferendum.models import Answer, Round, RoundState, Suggestion
from preferendum.results import statement_totals
from preferendum.selectors import eligible_members, respondent_ids

REMINDER_BEFORE_CLOSE = timezone.timedelta(days=2)


def _round_url(round_: Round, name: str = "preferendum:round-detail") -> str:
    return settings.SITE_URL + reverse(name, args=[round_.pk])


def _mail_round(round_: Round, kind: str, recipients, context=None) -> int:
    """One mailing about this round, rendered once; template and key follow from the kind."""
    return outbox_enqueue_many(
        kind=kind,
        key=f"round:{round_.pk}",
        template=f"preferendum/email/{kind}",
        recipients=recipients,
        context=context or {"round": round_, "answer_url": tokens.answer_link(round_)},
    )


def round_send_invitations(*, round_: Round) -> int:
    """Invite the eligible members of an open round, each with a personal answer link.

    One recorded mailing (``members.services.mailings``): the task after opening and the
    mailings sweep never run it at once, a dead worker's claim expires, and the next run
    stores only what is missing (the outbox's key keeps it to one invitation per member).
    """

    def store() -> int:
        if not Round.objects.filter(pk=round_.pk, state=RoundState.OPEN).exists():
            return 0
        return _mail_round(round_, MailKind.ROUND_INVITATION, eligible_members(round_))

    return mailing_run(kind=MailKind.ROUND_INVITATION, object_id=round_.pk, store=store)


def _unfinished_members(round_: Round):
    total = round_.statements.count()
    finished = (
        Answer.objects.filter(round=round_, member__isnull=False)
        .values("member_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=total)
        .values("member_id")
        .order_by()
    )
    return eligible_members(round_).exclude(pk__in=finished)


@transaction.atomic
def round_send_reminder(*, round_: Round) -> int:
    """The one reminder, two days before closing, to those who have not answered everything.

    Claimed by setting reminded_at with a conditional UPDATE, so it goes out once.
    """
    claimed = Round.objects.filter(
        pk=round_.pk, state=RoundState.OPEN, reminded_at__isnull=True
    ).update(reminded_at=timezone.now())
    if not claimed:
        return 0
    return _mail_round(round_, MailKind.ROUND_REMINDER, _unfinished_members(round_))


def rounds_send_due_reminders(*, now=None) -> int:
    now = now or timezone.now()
    due = Round.objects.filter(
        state=RoundState.OPEN,
        reminded_at__isnull=True,
        closes_at__lte=now + REMINDER_BEFORE_CLOSE,
        closes_at__gt=now,
    )
    return sum(round_send_reminder(round_=r) for r in due)


def round_send_results(*, round_: Round) -> int:
    """After closing: the results report to everyone who answered at least one statement.

    A recorded mailing, run once by the task after closing or by the mailings sweep.
    """

    def store() -> int:
        context = {
            "round": round_,
            "totals": statement_totals(round_),
            "results_url": _round_url(round_, "preferendum:round-results"),
        }
        respondents = Member.objects.filter(pk__in=respondent_ids(round_))
        return _mail_round(round_, MailKind.ROUND_RESULTS, respondents, context)

    return mailing_run(kind=MailKind.ROUND_RESULTS, object_id=round_.pk, store=store)


def _round_list_url() -> str:
    return settings.SITE_URL + reverse("preferendum:round-list")


def suggestion_notify(*, suggestion: Suggestion) -> None:
    """Tell the member what became of their suggestion (once per status)."""
    if suggestion.member is None:
        return
    outbox_enqueue(
        kind=MailKind.SUGGESTION_UPDATE,
        key=f"suggestion:{suggestion.pk}:{suggestion.status}",
        template="preferendum/email/suggestion_update",
        context={"suggestion": suggestion, "list_url": _round_list_url()},
        recipient=suggestion.member,
    )
