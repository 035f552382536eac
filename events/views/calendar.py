"""iCalendar downloads and subscribable feeds. Feeds are read by calendar apps without a
session, so they show open events, or what a signed token in the URL allows."""

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import selectors
from events.ical import calendar_bytes, event_ics
from events.permissions import can_use_member_feed, get_event_for_user
from events.tokens import member_from_feed_token
from members.models import Branch
from members.services.links import member_feed_renew
from shared.http import login_required_htmx


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_calendar(request, pk):
    event = get_event_for_user(request.user, pk)
    return _ics_response(event_ics(event), f"activiteit-{event.pk}.ics")


def branch_feed(request, slug):
    branch = get_object_or_404(Branch, slug=slug)
    reader = member_from_feed_token(request.GET.get("token", "")) or AnonymousUser()
    events = selectors.feed_events_for_branch(branch.pk, reader)
    return _ics_response(calendar_bytes(events, name=branch.name), f"{branch.slug}.ics")


def member_feed(request, token):
    member = member_from_feed_token(token)
    if member is None:
        raise Http404
    events = selectors.feed_events_for_member(member)
    content = calendar_bytes(events, name=_("Mijn activiteiten"))
    return _ics_response(content, "mijn-activiteiten.ics")


@require_POST
@login_required_htmx
def feed_renew(request):
    """ "Agenda-link vernieuwen": a new feed link; the old one (a leaked one too) stops working."""
    if not can_use_member_feed(request.user):
        raise PermissionDenied
    member_feed_renew(member=request.user)
    messages.success(
        request, _("Je agenda-link is vernieuwd. Voeg de nieuwe link toe in je agenda-app.")
    )
    return redirect(reverse("events:event-list") + "#feeds")
