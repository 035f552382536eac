"""Demo feedback: published on the newest closed round and held event; older ones stay overdue.

Uses whatever the feature apps' demos created, read through the process registry; an app
without demo data (or not there yet) is skipped.
"""

from datetime import timedelta

from django.utils import timezone

from ledendemocratie import processes
from ledendemocratie.feedback import selectors
from ledendemocratie.feedback.models import Feedback, Outcome
from ledendemocratie.feedback.services import (
    feedback_create_draft,
    feedback_publish,
    feedback_update_draft,
)
from members.models import Member

OUTCOMES = [
    (Outcome.ADOPTED, "Een ruime meerderheid was het eens; het bestuur neemt dit over."),
    (Outcome.PARTLY, "Over de richting waren leden het eens, over het tempo niet."),
    (Outcome.REJECTED, "De meningen waren sterk verdeeld; daarom verandert er nu niets."),
    (Outcome.PENDING, "Dit komt terug op het volgende congres."),
]
TEXTS = {
    "summary": "Veel leden deden mee. We lazen alle toelichtingen en bespraken de uitkomst "
    "met de werkgroepen.",
    "decision": "Het partijbestuur besloot op zijn vergadering wat het met elk punt doet.",
    "reasoning": "We nemen over wat breed gedragen is. Waar leden verdeeld waren, praten we "
    "eerst verder voordat er iets verandert.",
}


def seed(*, stdout) -> None:
    admin = Member.objects.filter(email="admin@example.org").first()
    for kind in ("round", "event"):
        closed = sorted(processes.process_list_of(kind, closed=True), key=lambda ref: ref.closed_at)
        if not closed:
            stdout.write(f"Feedback: no closed {kind} to give feedback on (skipped)")
            continue
        _publish_on(closed[-1], admin, stdout)
    overdue = [row for row in selectors.feedback_debt() if row.flagged]
    stdout.write(f"Feedback: {len(overdue)} process(es) overdue for feedback")


def _publish_on(ref, admin, stdout) -> None:
    if Feedback.objects.filter(process_kind=ref.kind, process_id=ref.id).exists():
        stdout.write(f"Feedback: already there for {ref.title}")
        return
    feedback = feedback_create_draft(process_kind=ref.kind, process_id=ref.id)
    review = timezone.localdate() + timedelta(days=60)
    items = {}
    for n, item in enumerate(feedback.items.all()):
        outcome, reason = OUTCOMES[n % len(OUTCOMES)]
        items[item.pk] = {
            "outcome": outcome,
            "reason": reason,
            "review_date": review if outcome == Outcome.PENDING else None,
        }
    feedback_update_draft(feedback=feedback, fields={**TEXTS, "is_public": True}, items=items)
    feedback_publish(feedback=feedback, by=admin)
    stdout.write(f"Feedback: published on {ref.title}")
