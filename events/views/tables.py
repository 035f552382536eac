"""The table plan of a dialogue (organisers) and the notes of each table (its moderator)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from events import permissions
from events.forms import ModeratorForm, NotesForm, SeatForm, SplitForm
from events.models import ModeratorNotes, Registration, RegistrationStatus
from events.services.tables import (
    moderator_candidates,
    notes_save,
    seat_move,
    table_plan_publish,
    table_set_moderator,
    tables_split,
    tables_unbalanced_traits,
)
from events.views.helpers import back_to_event
from shared.http import login_required_htmx


def _plan_context(event) -> dict:
    tables = list(
        event.tables.select_related("moderator").prefetch_related(
            "seats__registration__member__branch"
        )
    )
    seated = {seat.registration_id for table in tables for seat in table.seats.all()}
    moderators = {table.moderator_id for table in tables}
    unseated = (
        event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .exclude(pk__in=seated)
        .exclude(member__in=[m for m in moderators if m])
        .select_related("member")
    )
    candidates = list(moderator_candidates(event))
    return {
        "event": event,
        "tables": [
            (
                table,
                ModeratorForm(
                    initial={"table": table.pk, "moderator": table.moderator_id},
                    candidates=candidates,
                ),
            )
            for table in tables
        ],
        "unseated": unseated,
        "seat_form": SeatForm(event=event),
        "split_form": SplitForm(),
        "missing": [t.number for t in tables if t.moderator_id is None],
    }


@login_required_htmx
def table_plan(request, pk):
    event = permissions.get_event_to_organise(request.user, pk)
    return render(request, "events/table_plan.html", _plan_context(event))


def _invalid(request, event, message):
    messages.error(request, message)
    return redirect("events:table-plan", pk=event.pk)


def _run(request, event, action, message):
    try:
        action()
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, message)
    return redirect("events:table-plan", pk=event.pk)


@login_required_htmx
@require_POST
def table_split(request, pk):
    event = permissions.get_event_to_organise(request.user, pk)
    form = SplitForm(request.POST)
    size = (
        form.cleaned_data["table_size"]
        if form.is_valid()
        else SplitForm.base_fields["table_size"].initial
    )
    response = _run(
        request,
        event,
        lambda: tables_split(event=event, table_size=size),
        _("De tafels zijn ingedeeld."),
    )
    unbalanced = tables_unbalanced_traits(event=event)
    if unbalanced:
        names = ", ".join(str(TRAIT_NAMES[trait]) for trait in unbalanced)
        messages.warning(
            request,
            _(
                "Niet elke groep kon gelijk over de tafels verdeeld worden (%(traits)s): "
                "met deze aanmeldingen lukte dat niet tegelijk. Verplaats zo nodig mensen."
            )
            % {"traits": names},
        )
    return response


TRAIT_NAMES = {
    "branch": gettext_lazy("afdeling"),
    "age_band": gettext_lazy("leeftijdsgroep"),
    "gender": gettext_lazy("gender"),
}


@login_required_htmx
@require_POST
def table_seat(request, pk):
    event = permissions.get_event_to_organise(request.user, pk)
    form = SeatForm(request.POST, event=event)
    if not form.is_valid():
        return _invalid(request, event, _("Kies een tafel."))
    registration = get_object_or_404(
        Registration, event=event, pk=form.cleaned_data["registration"]
    )
    table = form.cleaned_data["table"]
    return _run(
        request, event, lambda: seat_move(registration=registration, table=table), _("Verplaatst.")
    )


@login_required_htmx
@require_POST
def table_moderator(request, pk):
    event = permissions.get_event_to_organise(request.user, pk)
    candidates = list(moderator_candidates(event))
    form = ModeratorForm(request.POST, candidates=candidates)
    if not form.is_valid():
        return _invalid(request, event, _("Kies een gespreksleider."))
    table = get_object_or_404(event.tables, pk=form.cleaned_data["table"])
    member = next((m for m in candidates if m.pk == form.cleaned_data["moderator"]), None)
    return _run(
        request, event, lambda: table_set_moderator(table=table, member=member), _("Opgeslagen.")
    )


@login_required_htmx
@require_POST
def table_publish(request, pk):
    event = permissions.get_event_to_organise(request.user, pk)
    return _run(
        request,
        event,
        lambda: table_plan_publish(event=event),
        _("De tafelindeling is gepubliceerd; de gespreksleiders krijgen hun instructie."),
    )


@login_required_htmx
@require_http_methods(["GET", "POST"])
def table_notes(request, pk, table_pk):
    event = permissions.get_event_for_user(request.user, pk)
    table = permissions.get_table_for_moderator(request.user, event, table_pk)
    notes = ModeratorNotes.objects.filter(table=table).first()
    initial = {"heading": notes.heading, "text": notes.text} if notes else {}
    form = NotesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        notes_save(table=table, author=request.user, **form.cleaned_data)
        messages.success(request, _("Je notities zijn opgeslagen."))
        return back_to_event(event)
    return render(
        request, "events/table_notes.html", {"event": event, "table": table, "form": form}
    )
