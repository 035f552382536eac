"""The reminder the day before, which asks attendees to confirm or give up their place."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from events.models import Event, EventState, RegistrationStatus
from events.services.mail import mail_registered
from members.models import MailKind


def event_send_reminders(*, now=None) -> int:
    """E-mail everyone with a place at an event that starts tomorrow (Amsterdam date).

    Run hourly. The outbox key is per event, so each attendee gets one reminder however
    often this runs, and someone promoted from the waiting list later still gets theirs.
    """
    tomorrow = timezone.localdate(now or timezone.now()) + timedelta(days=1)
    sent = 0
    for event in Event.objects.filter(state=EventState.PUBLISHED, starts_at__date=tomorrow):
        with transaction.atomic():
            sent += mail_registered(
                event,
                kind=MailKind.EVENT_REMINDER,
                template="reminder",
                key="reminder",
                statuses=(RegistrationStatus.CONFIRMED,),
            )
    return sent
