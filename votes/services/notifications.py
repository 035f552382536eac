"""Vote mail, all through the members outbox (idempotent per kind, address and key)."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from members.models import MailKind, Member
from members.services.mailings import mailing_run
from members.services.outbox import outbox_enqueue_many
from votes.models import RollEntry, Vote, VoteState
from votes.selectors import eligible_members

REMINDER_BEFORE_CLOSE = timezone.timedelta(days=2)


def _url(vote: Vote, name: str = "votes:vote-detail") -> str:
    return settings.SITE_URL + reverse(name, args=[vote.pk])


def _mail(vote: Vote, kind: str, recipients) -> int:
    context = {"vote": vote, "vote_url": _url(vote), "results_url": _url(vote, "votes:results")}
    return outbox_enqueue_many(
        kind=kind,
        key=f"vote:{vote.pk}",
        template=f"votes/email/{kind}",
        recipients=recipients.iterator(chunk_size=2000),
        context_for=lambda member: context,
    )


def _roll_members(vote: Vote, **filters):
    entries = RollEntry.objects.filter(vote=vote, **filters).values("member_id")
    return Member.objects.filter(pk__in=entries)


def vote_send_announcement(*, vote: Vote) -> int:
    """To everyone who may vote, as it stands now (statutory: opt-outs do not apply)."""

    def store() -> int:
        if vote.state != VoteState.SCHEDULED:
            return 0
        return _mail(vote, MailKind.VOTE_ANNOUNCEMENT, eligible_members(vote))

    return mailing_run(kind=MailKind.VOTE_ANNOUNCEMENT, object_id=vote.pk, store=store)


def vote_send_invitations(*, vote: Vote) -> int:
    """To everyone on the frozen roll: a link to the vote, no credentials."""

    def store() -> int:
        if vote.state != VoteState.OPEN:
            return 0
        return _mail(vote, MailKind.VOTE_INVITATION, _roll_members(vote))

    return mailing_run(kind=MailKind.VOTE_INVITATION, object_id=vote.pk, store=store)


@transaction.atomic
def vote_send_reminder(*, vote: Vote) -> int:
    """The one reminder, to those on the roll who have not voted (only the roll knows).

    Claimed by setting reminded_at with a conditional UPDATE, so it goes out once."""
    claimed = Vote.objects.filter(
        pk=vote.pk, state=VoteState.OPEN, reminded_at__isnull=True
    ).update(reminded_at=timezone.now())
    if not claimed:
        return 0
    return _mail(vote, MailKind.VOTE_REMINDER, _roll_members(vote, has_voted=False))


def votes_send_due_reminders(*, now=None) -> int:
    now = now or timezone.now()
    due = Vote.objects.filter(
        state=VoteState.OPEN,
        reminded_at__isnull=True,
        closes_at__lte=now + REMINDER_BEFORE_CLOSE,
        closes_at__gt=now,
    )
    return sum(vote_send_reminder(vote=v) for v in due)


def vote_send_result(*, vote: Vote) -> int:
    """To everyone on the roll, once the result is published."""

    def store() -> int:
        if vote.state != VoteState.PUBLISHED:
            return 0
        return _mail(vote, MailKind.VOTE_RESULT, _roll_members(vote))

    return mailing_run(kind=MailKind.VOTE_RESULT, object_id=vote.pk, store=store)


def vote_ask_committee_to_count(*, vote: Vote) -> int:
    """Voting has ended: the committee is asked to come and enter their shares."""
    members = Member.objects.filter(pk__in=vote.committee.values("member_id"))
    return _mail(vote, MailKind.VOTE_COUNT_REQUEST, members)
