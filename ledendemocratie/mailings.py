"""The one place that knows which service runs each kind of recorded mailing.

``members`` records and claims mailings but cannot reach the feature apps; this table on
the top floor can. The sweep runs every mailing whose task after commit was lost.
"""

import logging

from ledendemocratie.feedback.models import Feedback
from ledendemocratie.feedback.services.mail import feedback_report_send
from ledendemocratie.public.models import Digest
from ledendemocratie.public.services import digest_send
from members.models import Mailing, MailKind
from members.services.mailings import mailing_close, mailings_waiting
from preferendum.models import Round
from preferendum.services.notifications import round_send_invitations, round_send_results
from votes.models import Vote
from votes.services import notifications as vote_mail

logger = logging.getLogger(__name__)

# kind → (the subject's model, the service that stores the mailing for one subject)
RUNNERS = {
    MailKind.ROUND_INVITATION: (Round, lambda r: round_send_invitations(round_=r)),
    MailKind.ROUND_RESULTS: (Round, lambda r: round_send_results(round_=r)),
    MailKind.FEEDBACK_REPORT: (Feedback, lambda f: feedback_report_send(feedback=f)),
    MailKind.MONTHLY_DIGEST: (Digest, lambda d: digest_send(digest=d)),
    MailKind.VOTE_ANNOUNCEMENT: (Vote, lambda v: vote_mail.vote_send_announcement(vote=v)),
    MailKind.VOTE_INVITATION: (Vote, lambda v: vote_mail.vote_send_invitations(vote=v)),
    MailKind.VOTE_RESULT: (Vote, lambda v: vote_mail.vote_send_result(vote=v)),
}


def mailing_catch_up(mailing: Mailing) -> int:
    """Run one recorded mailing; close it when its subject is gone or nobody runs it."""
    model, run = RUNNERS.get(mailing.kind, (None, None))
    subject = model.objects.filter(pk=mailing.object_id).first() if model else None
    if subject is None:
        mailing_close(mailing=mailing)
        return 0
    return run(subject)


def mailings_catch_up() -> int:
    """Run every mailing still waiting; one that fails is logged and retried next time."""
    stored = 0
    for mailing in mailings_waiting():
        try:
            stored += mailing_catch_up(mailing)
        except Exception:
            logger.exception("Mailing %s failed; the next sweep tries again", mailing.pk)
    return stored
