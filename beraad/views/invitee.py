"""The personal link: the invitee answers without logging in."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from beraad.categories import panel_categories
from beraad.forms import ResponseForm
from beraad.models import PanelState
from beraad.services.responses import invitation_from_token, invitation_respond
from shared.forms import form_add_errors


def invitation_respond_view(request, token):
    invitation = invitation_from_token(token)
    if invitation is None:
        return render(request, "beraad/invitation_invalid.html", status=404)
    panel = invitation.panel
    is_open = panel.state == PanelState.INVITATIONS_SENT
    sessions = list(panel.sessions.all())
    form = ResponseForm(
        request.POST or None,
        invitation=invitation,
        categories=panel_categories(panel),
        sessions=sessions,
        initial={"availability": [str(pk) for pk in invitation.availability]},
    )
    if request.method == "POST" and is_open and form.is_valid():
        data = form.cleaned_data
        try:
            invitation_respond(
                invitation=invitation,
                accept=data["answer"] == "accept",
                category_values=form.category_values(),
                availability=[int(pk) for pk in data.get("availability", [])],
                availability_note=data["availability_note"],
                consent=data["consent"],
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            return redirect("beraad:invitation-respond", token=token)
    context = {"invitation": invitation, "panel": panel, "form": form, "is_open": is_open}
    return render(request, "beraad/invitation_respond.html", context)
