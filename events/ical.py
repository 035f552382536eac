"""iCalendar (RFC 5545) files for events: one event, a branch's feed and a member's feed."""

import zoneinfo
from collections.abc import Iterable
from datetime import date
from email.utils import parseaddr

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

from events.models import Event, EventState

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
PRODID = "-//Ledendemocratie//Activiteiten//NL"
STATUS = {
    EventState.PUBLISHED: "CONFIRMED",
    EventState.HELD: "CONFIRMED",
    EventState.CANCELLED: "CANCELLED",
}


def _location(event: Event) -> str:
    return event.address or str(event.get_format_display())


def _vevent(event: Event) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", f"event-{event.pk}@{settings.SITE_URL.split('//')[-1]}")
    vevent.add("dtstamp", event.created_at)
    vevent.add("dtstart", event.starts_at.astimezone(AMSTERDAM))
    vevent.add("dtend", event.ends_at.astimezone(AMSTERDAM))
    vevent.add("summary", event.title)
    vevent.add("description", event.description)
    vevent.add("location", _location(event))
    vevent.add("url", settings.SITE_URL + reverse("events:event-detail", args=[event.pk]))
    vevent.add("status", STATUS.get(event.state, "TENTATIVE"))
    vevent.add("organizer", f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    # Each change of time or place raises the sequence so calendars replace the old copy.
    vevent.add("sequence", event.change_count + (1 if event.is_cancelled else 0))
    return vevent


def calendar_bytes(events: Iterable[Event], *, name: str, method: str = "PUBLISH") -> bytes:
    """A calendar with the Europe/Amsterdam VTIMEZONE and one VEVENT per event."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    calendar.add_component(
        Timezone.from_tzinfo(AMSTERDAM, "Europe/Amsterdam", first_date=date(2020, 1, 1))
    )
    for event in events:
        calendar.add_component(_vevent(event))
    return calendar.to_ical()


def event_ics(event: Event, *, method: str = "PUBLISH") -> bytes:
    """One event; ``method="CANCEL"`` for the copy that tells calendars it is called off."""
    return calendar_bytes([event], name=event.title, method=method)
