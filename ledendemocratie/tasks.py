from celery import shared_task

from ledendemocratie.mailings import mailings_catch_up


@shared_task(ignore_result=True)
def sweep_mailings() -> None:
    """Every minute: run recorded mailings whose task after commit never ran (broker down).

    Look-back: every mailing not done, recorded at least two minutes ago. Each is claimed
    with a lease, and the outbox's keys skip everyone already mailed, so overlapping runs
    and the original task together store each message once.
    """
    mailings_catch_up()
