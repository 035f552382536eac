"""Admin pages: rounds with confirmed state transitions, series queues, suggestions.

Plain editing of rounds and statements happens in the Django admin; every state change
goes through a confirmation here and a service.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from preferendum import selectors, services
from preferendum.forms import AcceptForm, ConfirmForm, MergeForm, ScheduleForm
from preferendum.models import Round, Suggestion
from preferendum.permissions import get_managed_round_for_user, require_round_manager
from shared.forms import form_add_errors
from shared.http import login_required_htmx

TRANSITIONS = {
    "openen": (services.round_open, gettext_lazy("Ronde nu openen en uitnodigingen versturen")),
    "sluiten": (services.round_close, gettext_lazy("Ronde nu sluiten en de uitslag versturen")),
    "terug-naar-concept": (services.round_unschedule, gettext_lazy("Planning intrekken")),
}


@login_required_htmx
def manage_rounds(request):
    require_round_manager(request.user)
    rounds = Round.objects.select_related("series").order_by("-pk")
    context = {
        "page": Paginator(rounds, 30).get_page(request.GET.get("page")),
        "series": selectors.series_overview(),
        "new_suggestions": Suggestion.objects.filter(status=Suggestion.Status.NEW).count(),
    }
    return render(request, "preferendum/manage/rounds.html", context)


@login_required_htmx
def manage_round(request, pk: int):
    round_ = get_managed_round_for_user(request.user, pk)
    form = ScheduleForm(
        request.POST or None, initial={"opens_at": round_.opens_at, "closes_at": round_.closes_at}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.round_schedule(round_=round_, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("De ronde is gepland."))
            return redirect("preferendum:manage-round", pk=round_.pk)
    context = {
        "round": round_,
        "statements": round_.statements.order_by("position"),
        "form": form,
        "transitions": TRANSITIONS,
    }
    return render(request, "preferendum/manage/round.html", context)


@login_required_htmx
def manage_transition(request, pk: int, action: str):
    """Confirm, then run one state transition through its service."""
    round_ = get_managed_round_for_user(request.user, pk)
    if action not in TRANSITIONS:
        raise Http404
    service, label = TRANSITIONS[action]
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            done = service(round_=round_)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            if done is False:
                messages.error(request, _("Dat kan niet in de huidige status van de ronde."))
            else:
                messages.success(request, _("Gelukt."))
            return redirect("preferendum:manage-round", pk=round_.pk)
    context = {"round": round_, "form": form, "label": label}
    return render(request, "preferendum/manage/confirm.html", context)


@login_required_htmx
def manage_suggestions(request):
    require_round_manager(request.user)
    suggestions = Suggestion.objects.filter(status=Suggestion.Status.NEW).order_by("created_at")
    page = Paginator(suggestions, 30).get_page(request.GET.get("page"))
    return render(request, "preferendum/manage/suggestions.html", {"page": page})


@login_required_htmx
def manage_suggestion(request, pk: int):
    """Merge a duplicate, turn it into a statement, or decline it; the member is told."""
    require_round_manager(request.user)
    suggestion = get_object_or_404(Suggestion, pk=pk, status=Suggestion.Status.NEW)
    action = request.POST.get("action")
    merge = MergeForm(request.POST if action == "merge" else None, suggestion=suggestion)
    accept = AcceptForm(
        request.POST if action == "accept" else None, initial={"text": suggestion.text}
    )
    done = None
    if action == "merge" and merge.is_valid():
        done = services.suggestion_merge(suggestion=suggestion, into=merge.cleaned_data["into"])
    elif action == "accept" and accept.is_valid():
        done = services.suggestion_accept(suggestion=suggestion, text=accept.cleaned_data["text"])
    elif action == "decline":
        done = services.suggestion_decline(suggestion=suggestion)
    if done:
        messages.success(request, _("De suggestie is afgehandeld; de indiener krijgt bericht."))
        return redirect("preferendum:manage-suggestions")
    context = {"suggestion": suggestion, "merge": merge, "accept": accept}
    return render(request, "preferendum/manage/suggestion.html", context)
