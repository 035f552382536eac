"""Vote jobs: thin, take ids, idempotent (transitions are conditional, mailings claimed)."""

from celery import shared_task

from votes.models import Vote
from votes.services import lifecycle, notifications

RETRY = {"autoretry_for": (Exception,), "retry_backoff": True, "max_retries": 5}


@shared_task(ignore_result=True)
def advance_votes() -> None:
    """Every minute: open due votes, close finished ones (the committee is asked to count),
    send the one reminder. Conditional UPDATEs make an overlapping run do nothing twice;
    mailings whose task was lost are run by the mailings sweep (``ledendemocratie.tasks``)."""
    lifecycle.votes_advance()
    notifications.votes_send_due_reminders()


def _run(vote_id: int, send) -> None:
    vote = Vote.objects.filter(pk=vote_id).first()
    if vote:
        send(vote=vote)


@shared_task(ignore_result=True, **RETRY)
def send_vote_announcement(vote_id: int) -> None:
    _run(vote_id, notifications.vote_send_announcement)


@shared_task(ignore_result=True, **RETRY)
def send_vote_invitations(vote_id: int) -> None:
    _run(vote_id, notifications.vote_send_invitations)


@shared_task(ignore_result=True, **RETRY)
def send_vote_result(vote_id: int) -> None:
    _run(vote_id, notifications.vote_send_result)
