from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ledendemocratie import processes
from ledendemocratie.feedback import selectors
from ledendemocratie.feedback.models import Feedback
from ledendemocratie.feedback.services.drafts import outcome_is_complete
from members.models import MailKind, Member
from members.processes import Participant
from members.services.mailings import mailing_record, mailing_run
from members.services.outbox import outbox_enqueue, outbox_enqueue_many

REPORT_TEMPLATE = "feedback/email/feedback_report"


def _check_complete(feedback: Feedback) -> None:
    if not (feedback.summary.strip() and feedback.decision.strip() and feedback.reasoning.strip()):
        raise ValidationError(_("Vul in wat we hoorden, wat is besloten en waarom."))
    if not all(outcome_is_complete(item) for item in feedback.items.all()):
        raise ValidationError(_("Geef elke stelling of aanbeveling een uitkomst met een reden."))


@transaction.atomic
def feedback_publish(*, feedback: Feedback, by) -> Feedback:
    """Publish a complete draft: the process links to it and everyone who took part hears.

    Runs once: a second call on published feedback raises, so nobody is mailed twice (and
    the outbox key ``feedback:<id>`` would stop a repeat anyway). The report is rendered by
    a task after commit, so publishing on a round with thousands of respondents is quick.
    """
    from ledendemocratie.feedback.tasks import send_feedback_report

    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if feedback.is_published:
        raise ValidationError(_("Deze terugkoppeling is al gepubliceerd."))
    _check_complete(feedback)
    feedback.state = Feedback.State.PUBLISHED
    feedback.published_at = timezone.now()
    feedback.published_by = by
    feedback.full_clean()
    feedback.save(update_fields=["state", "published_at", "published_by"])
    processes.mark_feedback_published(
        feedback.process_kind,
        feedback.process_id,
        url=settings.SITE_URL + feedback.get_absolute_url(),
        summary=feedback.summary,
    )
    mailing_record(kind=MailKind.FEEDBACK_REPORT, object_id=feedback.pk)
    send_feedback_report.delay_on_commit(feedback.pk)
    return feedback


def _recipients(participants: list[Participant]) -> tuple[list[Member], list[str]]:
    """Members (by account) and guest addresses, each person once however they took part."""
    members = list(Member.objects.filter(pk__in={p.member_id for p in participants if p.member_id}))
    member_emails = {m.email.lower() for m in members if m.email}
    member_ids = {m.pk for m in members}
    guests = {
        p.email.lower()
        for p in participants
        if p.email and p.member_id not in member_ids and p.email.lower() not in member_emails
    }
    return members, sorted(guests)


def feedback_report_send(*, feedback: Feedback) -> int:
    """Mail the feedback report to everyone who took part; key ``feedback:<id>``.

    A recorded mailing, run once by the task after publication or by the mailings sweep.
    Members' preferences are honoured by the outbox; guests get only the public parts.
    """
    return mailing_run(
        kind=MailKind.FEEDBACK_REPORT,
        object_id=feedback.pk,
        store=lambda: _store_feedback_report(feedback),
    )


def _store_feedback_report(feedback: Feedback) -> int:
    members, guests = _recipients(
        processes.process_participants(feedback.process_kind, feedback.process_id)
    )
    key = f"feedback:{feedback.pk}"
    items = list(feedback.items.all())
    context = {
        "feedback": feedback,
        "items": items,
        "url": settings.SITE_URL + feedback.get_absolute_url(),
        "kind_label": processes.kind_label(feedback.process_kind),
    }
    sent = outbox_enqueue_many(
        kind=MailKind.FEEDBACK_REPORT,
        key=key,
        template=REPORT_TEMPLATE,
        recipients=members,
        context=context,
    )
    guest_context = {**context, "items": [i for i in items if i.is_public], "guest": True}
    for email in guests:
        sent += bool(
            outbox_enqueue(
                kind=MailKind.FEEDBACK_REPORT,
                key=key,
                template=REPORT_TEMPLATE,
                context=guest_context,
                to_email=email,
            )
        )
    return sent


def feedback_reviews_remind(*, today: date | None = None) -> int:
    """Tell admins about each outcome "nog in behandeling" whose review date has come.

    One mail per item and review date (key ``feedback-review:<item>:<date>``): running it
    daily reminds once; moving the review date by a correction reminds again later.
    """
    today = today or timezone.localdate()
    admins = list(selectors.admin_members())
    sent = 0
    for item in selectors.items_due_for_review(today=today):
        sent += outbox_enqueue_many(
            kind=MailKind.ADMIN_SUMMARY,
            key=f"feedback-review:{item.pk}:{item.review_date.isoformat()}",
            template="feedback/email/review_due",
            recipients=admins,
            context={
                "item": item,
                "url": settings.SITE_URL + reverse("feedback:correct", args=[item.feedback_id]),
            },
        )
    return sent


def feedback_debt_summary_send(*, today: date | None = None) -> int:
    """Mail admins the processes whose feedback is overdue; once per ISO week.

    Key ``feedback-debt:<year>-W<week>``: a second run in the same week sends nothing.
    """
    today = today or timezone.localdate()
    flagged = [row for row in selectors.feedback_debt() if row.flagged]
    if not flagged:
        return 0
    year, week, _weekday = today.isocalendar()
    return outbox_enqueue_many(
        kind=MailKind.ADMIN_SUMMARY,
        key=f"feedback-debt:{year}-W{week:02d}",
        template="feedback/email/debt_summary",
        recipients=selectors.admin_members(),
        context={
            "rows": flagged,
            "weeks": settings.FEEDBACK_DEBT_WEEKS,
            "url": settings.SITE_URL + reverse("feedback:debt"),
        },
    )
