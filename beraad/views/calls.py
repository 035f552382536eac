"""The call list: volunteers phone invitees who have not answered."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beraad.forms import CallForm
from beraad.models import Call, Invitation, PanelState
from beraad.permissions import can_view_call_list
from beraad.services.responses import call_record


def _open_invitations():
    calls = Call.objects.select_related("caller")
    return (
        Invitation.objects.filter(
            status=Invitation.Status.INVITED, panel__state=PanelState.INVITATIONS_SENT
        )
        .select_related("member", "panel")
        .prefetch_related(Prefetch("calls", calls))
        .order_by("panel", "member__last_name", "pk")
    )


@login_required
def call_list(request):
    if not can_view_call_list(request.user):
        raise PermissionDenied
    page = Paginator(_open_invitations(), 50).get_page(request.GET.get("pagina"))
    context = {"page": page, "form": CallForm()}
    return render(request, "beraad/call_list.html", context)


@login_required
@require_POST
def call_new(request, invitation_pk):
    """Record a call; with htmx the row comes back in place, otherwise the list reloads."""
    if not can_view_call_list(request.user):
        raise PermissionDenied
    invitation = get_object_or_404(_open_invitations(), pk=invitation_pk)
    form = CallForm(request.POST)
    error = _("Kies een uitkomst van het gesprek.")
    if form.is_valid():
        try:
            call_record(invitation=invitation, caller=request.user, **form.cleaned_data)
            error = ""
        except ValidationError as problem:
            error = " ".join(problem.messages)
    if request.htmx:
        invitation = get_object_or_404(_open_invitations(), pk=invitation_pk)
        context = {"invitation": invitation, "form": CallForm(), "error": error}
        return render(request, "beraad/_call_row.html", context)
    if error:
        messages.error(request, error)
    else:
        name = invitation.member.full_name
        messages.success(request, _("Het gesprek met %(name)s is vastgelegd.") % {"name": name})
    return redirect("beraad:call-list")
