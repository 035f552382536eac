from celery import shared_task

from ledendemocratie.public.models import Digest
from ledendemocratie.public.services import digest_due, digest_send


@shared_task(ignore_result=True)
def send_monthly_digest() -> None:
    """On the first of the month: the digest of the month before. Recorded first, so the
    mailings sweep runs it when this task or its worker dies halfway."""
    digest = digest_due()
    run_digest.delay_on_commit(digest.pk)


@shared_task(ignore_result=True)
def run_digest(digest_id: int) -> None:
    digest = Digest.objects.filter(pk=digest_id).first()
    if digest:
        digest_send(digest=digest)
