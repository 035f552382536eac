"""Who may see, join and organise events. Every view asks these predicates."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from events.models import Audience, Event, EventState, Registration, Table
from members.models import Branch, MemberKind
from members.permissions import (
    can_organise_branch,
    is_admin,
    is_current_member,
    is_organiser,
    is_signed_in,
)
from shared.http import login_redirect

VISIBLE_STATES = (EventState.PUBLISHED, EventState.CANCELLED, EventState.HELD)


def _is_current(user) -> bool:
    return is_current_member(user)


def can_use_member_feed(user) -> bool:
    """A personal calendar feed is for current members (a former member keeps none)."""
    return is_current_member(user)


def audience_admits(user, audience: str) -> bool:
    """Whether this audience includes the user (anonymous visitors count as guests)."""
    if audience == Audience.OPEN:
        return True
    if audience == Audience.SUPPORTERS:
        return _is_current(user)
    return _is_current(user) and user.kind == MemberKind.MEMBER


def can_create_event(user) -> bool:
    return is_organiser(user)


def can_organise_event(user, event: Event) -> bool:
    return can_organise_branch(user, event.branch_id)


def can_view_event(user, event: Event) -> bool:
    if can_organise_event(user, event):
        return True
    return event.state in VISIBLE_STATES and audience_admits(user, event.audience)


def can_register(user, event: Event) -> bool:
    return (
        _is_current(user)
        and event.is_published
        and not event.has_ended
        and audience_admits(user, event.audience)
    )


def can_register_as_guest(user, event: Event) -> bool:
    return (
        not is_signed_in(user)
        and event.is_published
        and event.is_open_to_guests
        and not event.has_ended
    )


def can_see_meeting_link(user, event: Event, registration: Registration | None) -> bool:
    if can_organise_event(user, event):
        return True
    return registration is not None and registration.is_confirmed


def can_see_table_plan(user, event: Event, registration: Registration | None) -> bool:
    """Names of moderators are for the people at the tables, not for the whole internet."""
    if event.table_plan_published_at is None:
        return False
    return can_organise_event(user, event) or (
        registration is not None and registration.is_confirmed
    )


def can_write_notes(user, table: Table) -> bool:
    return is_current_member(user) and table.moderator_id == user.pk and table.event.has_ended


def can_view_dashboard(user) -> bool:
    return is_organiser(user)


def organised_branch_ids(user) -> frozenset[int] | None:
    """The branches this user organises; None means all of them (administrators)."""
    return None if is_admin(user) else user.organised_branch_ids


def organisable_branches(user):
    branch_ids = organised_branch_ids(user)
    branches = Branch.objects.all()
    return branches if branch_ids is None else branches.filter(pk__in=branch_ids)


def get_event_for_user(user, pk: int) -> Event:
    """The event if this user may see it; 404 otherwise (drafts stay unseen)."""
    event = Event.objects.select_related("branch").filter(pk=pk).first()
    if event is None or not can_view_event(user, event):
        raise Http404
    return event


def get_event_to_organise(user, pk: int) -> Event:
    """The event if this user organises its branch; PermissionDenied if only visible."""
    event = get_event_for_user(user, pk)
    if not can_organise_event(user, event):
        raise PermissionDenied
    return event


def get_table_for_moderator(user, event: Event, table_pk: int) -> Table:
    table = Table.objects.select_related("event").filter(event=event, pk=table_pk).first()
    if table is None:
        raise Http404
    if not can_write_notes(user, table):
        raise PermissionDenied
    return table


def event_or_login(request, pk: int) -> tuple[Event | None, object]:
    """The event, or a redirect to log in when an anonymous visitor asks for a members' event."""
    try:
        return get_event_for_user(request.user, pk), None
    except Http404:
        exists = Event.objects.filter(pk=pk, state__in=VISIBLE_STATES).exists()
        if request.user.is_authenticated or not exists:
            raise
        return None, login_redirect(request)
