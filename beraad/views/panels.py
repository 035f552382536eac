"""Pages for members: the panels, each panel's page, workspace, input and documents."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beraad.forms import MemberInputForm
from beraad.models import Document, MemberInput, Panel, PanelMember, PanelState
from beraad.permissions import (
    can_list_panels,
    can_manage_panel,
    can_send_input,
    can_sign_letter,
    can_view_document,
    can_view_report,
    can_view_workspace,
    get_panel_for_user,
    get_workspace_panel_for_user,
)
from beraad.selectors import (
    letters_to_sign,
    panel_lineage,
    panels_for_member,
    published_panels,
    sessions_with_events,
)
from beraad.services.inputs import member_input_submit
from beraad.services.procedure import commitments
from shared.http import login_required_htmx


@login_required_htmx
def panel_list(request):
    if not can_list_panels(request.user):
        raise PermissionDenied
    panels = Panel.objects.all() if can_manage_panel(request.user) else published_panels()
    page = Paginator(panels, 20).get_page(request.GET.get("pagina"))
    context = {
        "page": page,
        "my_panels": panels_for_member(request.user),
        "letters_to_sign": letters_to_sign(request.user),
        "can_manage": can_manage_panel(request.user),
    }
    return render(request, "beraad/panel_list.html", context)


def _documents(user, panel):
    return [d for d in panel.documents.all() if can_view_document(user, d)]


@login_required_htmx
def panel_detail(request, pk):
    panel = get_panel_for_user(request.user, pk)
    approved = panel.inputs.filter(status=MemberInput.Status.APPROVED).count()
    context = {
        "panel": panel,
        "sessions": sessions_with_events(panel),
        "documents": _documents(request.user, panel),
        "recommendations": panel.recommendations.all() if panel.advice_published_at else [],
        "lineage": panel_lineage(panel),
        "input_count": approved,
        "input_form": MemberInputForm() if can_send_input(request.user, panel) else None,
        "can_view_report": can_view_report(request.user, panel),
        "can_view_workspace": can_view_workspace(request.user, panel),
        "can_manage": can_manage_panel(request.user, panel),
        "commitments": commitments(panel),
        "can_reveal": can_sign_letter(request.user, panel)
        and panel.state == PanelState.REGISTRATION_CLOSED,
    }
    return render(request, "beraad/panel_detail.html", context)


@login_required_htmx
def workspace(request, pk):
    panel = get_workspace_panel_for_user(request.user, pk)
    inputs = panel.inputs.filter(status=MemberInput.Status.APPROVED).select_related("member")
    members = panel.panel_members.filter(status__in=PanelMember.ACTIVE).select_related("member")
    context = {
        "panel": panel,
        "sessions": sessions_with_events(panel),
        "documents": _documents(request.user, panel),
        "inputs": Paginator(inputs, 25).get_page(request.GET.get("pagina")),
        "members": members,
    }
    return render(request, "beraad/workspace.html", context)


@login_required_htmx
@require_POST
def input_new(request, pk):
    panel = get_panel_for_user(request.user, pk)
    if not can_send_input(request.user, panel):
        raise PermissionDenied
    form = MemberInputForm(request.POST)
    if form.is_valid():
        try:
            member_input_submit(panel=panel, member=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Dank je! Je inbreng gaat na moderatie naar het panel."))
    else:
        messages.error(request, _("Schrijf je inbreng in het tekstvak (hoogstens 3000 tekens)."))
    return redirect("beraad:panel-detail", pk=panel.pk)


@login_required_htmx
def document_download(request, pk, document_pk):
    """Documents are served through this check: media files aren't public."""
    panel = get_panel_for_user(request.user, pk)
    document = get_object_or_404(Document, pk=document_pk, panel=panel)
    if not can_view_document(request.user, document):
        raise PermissionDenied
    if not document.file:
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.title}{document.extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
