from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django_htmx.http import HttpResponseClientRedirect

from events.models import Event
from events.permissions import VISIBLE_STATES, get_event_for_user


def login_required_htmx(view):
    """Like login_required, but an htmx request without a session is sent to the login page
    as a whole, instead of getting the login page swapped into a fragment."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        login = redirect_to_login(request.get_full_path())
        return HttpResponseClientRedirect(login.url) if request.htmx else login

    return wrapper


def event_or_login(request, pk: int) -> tuple[Event | None, object]:
    """The event, or a redirect to log in when an anonymous visitor asks for a members' event."""
    try:
        return get_event_for_user(request.user, pk), None
    except Http404:
        exists = Event.objects.filter(pk=pk, state__in=VISIBLE_STATES).exists()
        if request.user.is_authenticated or not exists:
            raise
        return None, redirect_to_login(request.get_full_path())


def back_to_event(event: Event):
    return redirect("events:event-detail", pk=event.pk)
