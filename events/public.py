"""An activity on its public page: what it is about and, once held, its report."""

from events.models import Event
from events.permissions import VISIBLE_STATES
from members.processes import PublicSummary


def public_summary(process_id: int) -> PublicSummary | None:
    event = Event.objects.filter(pk=process_id, state__in=VISIBLE_STATES).first()
    if event is None:
        return None
    return PublicSummary(
        purpose=event.description,
        stage=event.get_state_display(),
        outcome_template="events/_public_outcome.html" if event.report else "",
        outcome={"event": event},
    )
