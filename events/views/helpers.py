from django.http import Http404
from django.shortcuts import redirect

from events.models import Event
from events.permissions import VISIBLE_STATES, get_event_for_user
from shared.http import login_redirect


def event_or_login(request, pk: int) -> tuple[Event | None, object]:
    """The event, or a redirect to log in when an anonymous visitor asks for a members' event."""
    try:
        return get_event_for_user(request.user, pk), None
    except Http404:
        exists = Event.objects.filter(pk=pk, state__in=VISIBLE_STATES).exists()
        if request.user.is_authenticated or not exists:
            raise
        return None, login_redirect(request)


def back_to_event(event: Event):
    return redirect("events:event-detail", pk=event.pk)
