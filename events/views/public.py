"""Finding events and joining them, as a member or as a guest."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from events import permissions, selectors
from events.forms import EventFilterForm, GuestForm, RegisterForm, guest_form_started
from events.models import EventType, RegistrationStatus
from events.services.registrations import (
    registration_cancel,
    registration_confirm_guest,
    registration_confirm_presence,
    registration_create,
    registration_create_guest,
)
from events.tokens import (
    GUEST_CONFIRM_MAX_AGE,
    GUEST_CONFIRM_SALT,
    feed_token,
    registration_from_token,
)
from events.topics import topic_ref
from events.views.helpers import back_to_event
from shared.http import client_ip, login_required_htmx

PAGE_SIZE = 20
GUEST_LIMIT_PER_HOUR = 5
MODERATED_TYPES = (EventType.DIALOGUE, EventType.DEBATE)


def event_list(request):
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.events_for_list(request.user, filters)
    query = request.GET.copy()
    query.pop("pagina", None)
    signed_in = request.user.is_authenticated
    context = {
        "form": form,
        "page": Paginator(events, PAGE_SIZE).get_page(request.GET.get("pagina")),
        "query": query.urlencode(),
        "feed_token": feed_token(request.user) if signed_in else None,
        "mine": selectors.upcoming_registrations(request.user, limit=10) if signed_in else (),
    }
    template = "events/event_list.html#results" if request.htmx else "events/event_list.html"
    return render(request, template, context)


def _box_context(request, event, registration) -> dict:
    user = request.user
    return {
        "event": event,
        "registration": registration,
        "counts": selectors.place_counts(event),
        "can_register": permissions.can_register(user, event),
        "can_register_as_guest": permissions.can_register_as_guest(user, event),
        "offer_moderation": event.event_type in MODERATED_TYPES,
        "can_see_link": permissions.can_see_meeting_link(user, event, registration),
    }


def event_detail(request, pk):
    event, login = permissions.event_or_login(request, pk)
    if login:
        return login
    registration = selectors.registration_of(request.user, event)
    can_organise = permissions.can_organise_event(request.user, event)
    show_tables = permissions.can_see_table_plan(request.user, event, registration)
    context = {
        **_box_context(request, event, registration),
        "can_organise": can_organise,
        "topic": topic_ref(event.topic_kind, event.topic_id),
        "tables": selectors.published_tables(event) if show_tables else (),
        "my_table": selectors.table_of(registration) if show_tables else None,
    }
    return render(request, "events/event_detail.html", context)


def _registration_response(request, event, registration, message: str):
    if request.htmx:
        context = _box_context(request, event, registration)
        return render(request, "events/_registration.html", {**context, "saved": message})
    messages.success(request, message)
    return back_to_event(event)


@require_POST
@login_required_htmx
def event_register(request, pk):
    event = permissions.get_event_for_user(request.user, pk)
    if not permissions.can_register(request.user, event):
        raise PermissionDenied
    form = RegisterForm(request.POST)
    form.is_valid()
    registration = registration_create(
        event=event,
        member=request.user,
        agreed_to_moderate=form.cleaned_data.get("agreed_to_moderate", False),
    )
    if registration.is_confirmed:
        message = _("Je bent aangemeld. Je krijgt een bevestiging per e-mail.")
    else:
        message = _("De activiteit is vol: je staat op de wachtlijst.")
    return _registration_response(request, event, registration, message)


@require_POST
@login_required_htmx
def event_unregister(request, pk):
    event = permissions.get_event_for_user(request.user, pk)
    registration = selectors.registration_of(request.user, event)
    if registration is None:
        raise Http404
    registration = registration_cancel(registration=registration)
    return _registration_response(request, event, registration, _("Je bent afgemeld."))


def _over_guest_limit(request) -> bool:
    """At most GUEST_LIMIT_PER_HOUR guest registrations per IP address per hour."""
    key = f"events:guest-registrations:{client_ip(request)}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) > GUEST_LIMIT_PER_HOUR


@require_http_methods(["GET", "POST"])
def guest_register(request, pk):
    event = permissions.get_event_for_user(request.user, pk)
    if not permissions.can_register_as_guest(request.user, event):
        return back_to_event(event)
    form = GuestForm(request.POST or None, initial={"started": guest_form_started()})
    if request.method == "POST" and form.is_valid():
        if _over_guest_limit(request):
            form.add_error(None, _("Te veel aanmeldingen vanaf dit adres. Probeer het later."))
        else:
            data = form.cleaned_data
            registration_create_guest(event=event, name=data["name"], email=data["email"])
            return render(request, "events/guest_sent.html", {"event": event})
    return render(request, "events/guest_form.html", {"event": event, "form": form})


@require_http_methods(["GET", "POST"])
def guest_confirm(request, token):
    """The double opt-in link. GET only shows a button: mail scanners follow links."""
    registration = registration_from_token(
        token, salt=GUEST_CONFIRM_SALT, max_age=GUEST_CONFIRM_MAX_AGE
    )
    if registration is None:
        return render(request, "events/link_invalid.html", status=400)
    error = None
    if request.method == "POST":
        try:
            registration = registration_confirm_guest(registration=registration)
        except ValidationError as exc:
            error = exc.messages[0]
    context = {"registration": registration, "event": registration.event, "error": error}
    return render(request, "events/guest_confirm.html", context)


@require_http_methods(["GET", "POST"])
def registration_manage(request, token):
    """The signed link in every mail: confirm you are coming, or give up your place."""
    registration = registration_from_token(token)
    if registration is None:
        return render(request, "events/link_invalid.html", status=400)
    action = request.POST.get("action")
    if action == "confirm":
        registration = registration_confirm_presence(registration=registration)
    elif action == "cancel":
        registration = registration_cancel(registration=registration)
    context = {
        "registration": registration,
        "event": registration.event,
        "done": action,
        "token": token,
        "can_cancel": registration.status != RegistrationStatus.CANCELLED,
        "manage_url": reverse("events:registration-manage", args=[token]),
    }
    return render(request, "events/registration_manage.html", context)
