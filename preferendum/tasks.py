"""Preferendum jobs: thin, take ids, idempotent (transitions and mail are claimed)."""

from celery import shared_task

from preferendum import services
from preferendum.models import Round


@shared_task(ignore_result=True)
def advance_rounds() -> None:
    """Every minute: open due scheduled rounds, close finished ones, send due reminders.

    Transitions are conditional UPDATEs and mailings are claimed per round, so an
    overlapping run does nothing twice. Invitations and results whose task was lost (the
    broker was down) are run by the mailings sweep (``ledendemocratie.tasks``).
    """
    services.rounds_advance()
    services.rounds_send_due_reminders()


@shared_task(ignore_result=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_round_invitations(round_id: int) -> None:
    """After opening: the recorded mailing, claimed per round; the outbox skips the invited."""
    round_ = Round.objects.filter(pk=round_id).first()
    if round_:
        services.round_send_invitations(round_=round_)


@shared_task(ignore_result=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_round_results(round_id: int) -> None:
    """After closing. The outbox skips respondents who already got this round's report."""
    round_ = Round.objects.filter(pk=round_id).first()
    if round_:
        services.round_send_results(round_=round_)


@shared_task(ignore_result=True)
def anonymise_answers() -> None:
    """Daily: unlink answers of rounds closed ANSWER_ANONYMISE_AFTER_DAYS ago (once per round)."""
    services.rounds_anonymise_due()
