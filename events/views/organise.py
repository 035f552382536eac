"""The organiser's side: dashboard, event form, state changes, attendance, report, invitations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

import preferendum.selectors
from events import permissions, selectors
from events.forms import AttendanceForm, ConfirmForm, EventForm, InviteForm, ReportForm
from events.models import RegistrationStatus
from events.services.events import (
    attendance_mark,
    event_cancel,
    event_create,
    event_mark_held,
    event_publish,
    event_update,
    event_write_report,
)
from events.services.invitations import event_invite_round_participants
from events.views.helpers import back_to_event
from shared.forms import form_add_errors
from shared.http import login_required_htmx


def _chart(rows: list[dict], *, height: int = 120, bar: int = 28) -> dict:
    """Bars for an SVG of attendees per month, all branches together."""
    totals: dict = {}
    for row in rows:
        totals[row["month"]] = totals.get(row["month"], 0) + row["attended"]
    top = max(totals.values(), default=0) or 1
    bars = [
        {
            "x": i * (bar + 8),
            "height": round(value / top * height),
            "y": height - round(value / top * height),
            "month": month,
            "value": value,
        }
        for i, (month, value) in enumerate(sorted(totals.items()))
    ]
    return {"bars": bars, "width": max(len(bars), 1) * (bar + 8)}


@login_required_htmx
def dashboard(request):
    if not permissions.can_view_dashboard(request.user):
        raise PermissionDenied
    branch_ids = permissions.organised_branch_ids(request.user)
    rows = selectors.attendance_by_month(branch_ids)
    context = {
        "events": selectors.dashboard_events(branch_ids),
        "attendance": rows,
        "chart": _chart(rows),
    }
    return render(request, "events/dashboard.html", context)


@login_required_htmx
@require_http_methods(["GET", "POST"])
def event_new(request):
    if not permissions.can_create_event(request.user):
        raise PermissionDenied
    branches = permissions.organisable_branches(request.user)
    form = EventForm(request.POST or None, branches=branches)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_create(created_by=request.user, **form.service_fields())
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("De activiteit is opgeslagen als concept."))
            return back_to_event(event)
    return render(request, "events/event_form.html", {"form": form})


@login_required_htmx
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = permissions.get_event_to_organise(request.user, pk)
    branches = permissions.organisable_branches(request.user)
    form = EventForm(request.POST or None, instance=event, branches=branches)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_update(event=event, **form.service_fields())
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return back_to_event(event)
    return render(request, "events/event_form.html", {"form": form, "event": event})


def _state_change(request, pk, service, message):
    event = permissions.get_event_to_organise(request.user, pk)
    try:
        service(event=event)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, message)
    return back_to_event(event)


@login_required_htmx
@require_POST
def event_publish_view(request, pk):
    return _state_change(request, pk, event_publish, _("De activiteit is gepubliceerd."))


@login_required_htmx
@require_POST
def event_held_view(request, pk):
    return _state_change(request, pk, event_mark_held, _("De activiteit is gehouden."))


@login_required_htmx
@require_http_methods(["GET", "POST"])
def event_cancel_view(request, pk):
    """Cancelling tells everyone registered, so it asks for confirmation first."""
    event = permissions.get_event_to_organise(request.user, pk)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _state_change(request, pk, event_cancel, _("De activiteit is afgelast."))
    counts = selectors.place_counts(event)
    return render(request, "events/event_cancel.html", {"event": event, "form": form, **counts})


@login_required_htmx
@require_http_methods(["GET", "POST"])
def event_registrations(request, pk):
    """Who registered and who waits; after the start, who came."""
    event = permissions.get_event_to_organise(request.user, pk)
    registrations = list(event.registrations.select_related("member__branch"))
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    form = AttendanceForm(request.POST or None, registrations=confirmed)
    if request.method == "POST" and form.is_valid():
        attendance_mark(event=event, attendance=form.by_registration())
        messages.success(request, _("De aanwezigheid is opgeslagen."))
        return redirect("events:event-registrations", pk=event.pk)
    context = {
        "event": event,
        "form": form,
        "rows": [(r, form[f"r{r.pk}"]) for r in confirmed],
        "waiting": sorted((r for r in registrations if r.is_waiting), key=lambda r: r.position),
        "others": [r for r in registrations if not r.is_active],
        "can_mark": event.has_started,
    }
    return render(request, "events/registrations.html", context)


@login_required_htmx
@require_http_methods(["GET", "POST"])
def event_report(request, pk):
    event = permissions.get_event_to_organise(request.user, pk)
    form = ReportForm(request.POST or None, initial={"report": event.report})
    if request.method == "POST" and form.is_valid():
        event_write_report(event=event, report=form.cleaned_data["report"])
        messages.success(request, _("Het verslag is opgeslagen."))
        return back_to_event(event)
    return render(request, "events/report_form.html", {"event": event, "form": form})


@login_required_htmx
@require_http_methods(["GET", "POST"])
def event_invite(request, pk):
    """One action: invite the members who opted in after a preferendum round."""
    event = permissions.get_event_to_organise(request.user, pk)
    rounds = preferendum.selectors.process_list()
    initial = {"round_id": event.topic_id} if event.topic_kind == "round" else {}
    form = InviteForm(request.POST or None, rounds=rounds, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            count = event_invite_round_participants(event=event, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s uitnodiging verstuurd.", "%(count)s uitnodigingen verstuurd.", count
                )
                % {"count": count},
            )
            return back_to_event(event)
    return render(request, "events/invite_form.html", {"event": event, "form": form})
