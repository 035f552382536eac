"""The call list: a coordinator shares out the invitees who have not answered; each caller
phones their own share and records how each call went."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beraad.forms import CallAssignForm, CallFilterForm, CallForm
from beraad.permissions import (
    can_coordinate_calls,
    can_view_call_list,
    get_invitation_to_call_for_user,
)
from beraad.selectors import callable_invitations
from beraad.services.responses import call_record, calls_assign
from shared.http import login_required_htmx

FILTERS = ("branch", "province", "caller", "unassigned")


def _call_list_for(user, filters: CallFilterForm):
    """The coordinator's selection, or the caller's own share of it."""
    if can_coordinate_calls(user):
        return callable_invitations(**filters.selection())
    return callable_invitations(**filters.selection(), caller=user)


@login_required_htmx
def call_list(request):
    if not can_view_call_list(request.user):
        raise PermissionDenied
    coordinator = can_coordinate_calls(request.user)
    filters = CallFilterForm(request.GET or None, coordinator=coordinator)
    page = Paginator(_call_list_for(request.user, filters), 50).get_page(request.GET.get("pagina"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k in FILTERS and v])
    context = {
        "page": page,
        "form": CallForm(),
        "filters": filters,
        "query": query,
        "coordinator": coordinator,
        "assign_form": CallAssignForm() if coordinator else None,
    }
    return render(request, "beraad/call_list.html", context)


@login_required_htmx
@require_POST
def call_assign(request):
    """The coordinator gives the ticked invitees to one caller (or takes them back)."""
    if not can_coordinate_calls(request.user):
        raise PermissionDenied
    form = CallAssignForm(request.POST, invitations=callable_invitations())
    if form.is_valid():
        try:
            count = calls_assign(
                invitations=form.cleaned_data["invitations"], caller=form.cleaned_data["caller"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(count)s genodigden verdeeld.") % {"count": count})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(reverse("beraad:call-list") + _filter_query(request.POST.get("filters", "")))


def _filter_query(raw: str) -> str:
    """Back to the list as it was filtered; only the known filters survive the round trip."""
    kept = [(k, v) for k, v in QueryDict(raw).items() if k in FILTERS and v]
    return f"?{urlencode(kept)}" if kept else ""


@login_required_htmx
@require_POST
def call_new(request, invitation_pk):
    """Record a call; with htmx the row comes back in place, otherwise the list reloads.

    A caller records calls only for their own share (anyone else's is a 404)."""
    invitation = get_invitation_to_call_for_user(request.user, invitation_pk)
    form = CallForm(request.POST)
    error = _("Kies een uitkomst van het gesprek.")
    if form.is_valid():
        try:
            call_record(invitation=invitation, caller=request.user, **form.cleaned_data)
            error = ""
        except ValidationError as problem:
            error = " ".join(problem.messages)
    if request.htmx:
        invitation = get_invitation_to_call_for_user(request.user, invitation_pk)
        coordinator = can_coordinate_calls(request.user)
        context = {"invitation": invitation, "form": CallForm(), "error": error}
        context["coordinator"] = coordinator
        return render(request, "beraad/_call_row.html", context)
    if error:
        messages.error(request, error)
    else:
        name = invitation.member.full_name
        messages.success(request, _("Het gesprek met %(name)s is vastgelegd.") % {"name": name})
    return redirect("beraad:call-list")
