"""Admin pages of a panel: settings, categories and quotas, sessions, documents, advice."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beraad.categories import panel_categories, value_label
from beraad.forms import (
    CategoryForm,
    ConfirmForm,
    DocumentForm,
    LetterForm,
    MemberInputForm,
    PanelForm,
    QuotaForm,
    RecommendationForm,
    SessionForm,
    SignerForm,
)
from beraad.models import MemberInput, PanelCategory, PanelMember, PanelState
from beraad.permissions import can_manage_panel, get_managed_panel_for_user
from beraad.services import inputs as input_services
from beraad.services import panels as panel_services
from beraad.services.draw import stage1_pool, stage1_problems
from beraad.services.letters import letters_printable, missing_signers, valid_signatures
from beraad.services.procedure import commitments
from beraad.services.quotas import category_add, category_remove, quotas_update
from beraad.services.selection import panel_member_drop, stage2_problems
from beraad.views.steps import STEPS
from shared.forms import form_add_errors
from shared.http import login_required_htmx


@login_required_htmx
def panel_create(request):
    if not can_manage_panel(request.user):
        raise PermissionDenied
    form = PanelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            panel = panel_services.panel_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            return redirect("beraad:panel-manage", pk=panel.pk)
    return render(request, "beraad/panel_form.html", {"form": form})


@login_required_htmx
def panel_edit(request, pk):
    panel = get_managed_panel_for_user(request.user, pk)
    locked = panel_services.panel_locked_fields(panel)
    form = PanelForm(request.POST or None, instance=panel, locked=locked)
    if request.method == "POST" and form.is_valid():
        try:
            panel_services.panel_update(panel=panel, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            return redirect("beraad:panel-manage", pk=panel.pk)
    context = {"form": form, "panel": panel, "locked": sorted(set(map(str, locked.values())))}
    return render(request, "beraad/panel_form.html", context)


@login_required_htmx
def panel_manage(request, pk):
    panel = get_managed_panel_for_user(request.user, pk)
    letter = getattr(panel, "letter", None)
    seats = panel.panel_members.select_related("member").order_by("status", "order")
    context = {
        "panel": panel,
        "categories": panel_categories(panel),
        "steps": [(slug, step) for slug, step in STEPS.items() if panel.state in step.states],
        "letter": letter,
        "signatures": valid_signatures(letter),
        "missing_signers": missing_signers(panel),
        "printable": letters_printable(panel),
        "signer_form": SignerForm(),
        "letter_form": LetterForm(initial={"text": letter.text if letter else ""}),
        "category_form": CategoryForm(),
        "session_form": SessionForm(),
        "document_form": DocumentForm(),
        "recommendation_form": RecommendationForm(),
        "input_form": MemberInputForm(),
        "status_counts": _status_counts(panel),
        "seats": seats,
        "pending_inputs": panel.inputs.filter(status=MemberInput.Status.PENDING).select_related(
            "member"
        ),
        "commitments": commitments(panel),
        "draw_job": panel.draw_jobs.first(),
        "audit_entries": panel.audit_entries.select_related("actor").order_by("-at")[:50],
    }
    return render(request, "beraad/panel_manage.html", context)


def _status_counts(panel) -> dict[str, int]:
    counts = {"invited": 0, "accepted": 0, "declined": 0}
    for row in panel.invitations.values("status").order_by().annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


@login_required_htmx
def category_new(request, pk):
    panel = get_managed_panel_for_user(request.user, pk)
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            category_add(
                panel=panel,
                actor=request.user,
                kind=data["kind"],
                trait=data["trait"],
                tolerance=data["tolerance"] / 100,
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            return redirect("beraad:quotas", pk=panel.pk)
    return render(request, "beraad/category_form.html", {"panel": panel, "form": form})


@login_required_htmx
@require_POST
def category_delete(request, pk, category_pk):
    panel = get_managed_panel_for_user(request.user, pk)
    category = get_object_or_404(PanelCategory, pk=category_pk, panel=panel)
    try:
        category_remove(category=category, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("beraad:quotas", pk=panel.pk)


@login_required_htmx
def quotas(request, pk):
    """All quotas on one page; the suggested values are the initial ones."""
    panel = get_managed_panel_for_user(request.user, pk)
    categories = panel_categories(panel)
    rows = [
        (category, quota, value_label(category, quota.value), _quota_form(request, quota))
        for category in categories
        for quota in category.quotas.all()
    ]
    if request.method == "POST" and all(form.is_valid() for *_, form in rows):
        values = {
            quota.pk: (f.cleaned_data["min"], f.cleaned_data["max"], f.cleaned_data["oversampling"])
            for _c, quota, _l, f in rows
        }
        try:
            quotas_update(panel=panel, actor=request.user, values=values)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De quota zijn opgeslagen."))
            return redirect("beraad:quotas", pk=panel.pk)
    problems = _quota_problems(panel) if rows else []
    context = {"panel": panel, "categories": categories, "rows": rows, "problems": problems}
    return render(request, "beraad/quotas.html", context)


def _quota_problems(panel) -> list[str]:
    """Checked against the members before stage 1, against the respondents during stage 2."""
    if panel.state == PanelState.CONCEPT:
        return stage1_problems(panel, stage1_pool(panel)[0])
    if panel.state in (PanelState.INVITATIONS_SENT, PanelState.REGISTRATION_CLOSED):
        return stage2_problems(panel)
    return []


def _quota_form(request, quota):
    initial = {"min": quota.min, "max": quota.max, "oversampling": quota.oversampling}
    return QuotaForm(request.POST or None, initial=initial, prefix=f"q{quota.pk}")


def _add_view(form_class, service, *, files=False):
    """A POST-only view that adds one thing to a panel through `service`."""

    @login_required_htmx
    @require_POST
    def view(request, pk):
        panel = get_managed_panel_for_user(request.user, pk)
        form = form_class(request.POST, request.FILES if files else None)
        if form.is_valid():
            try:
                service(panel=panel, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Opgeslagen."))
        else:
            messages.error(
                request,
                _("Controleer het formulier: %(errors)s")
                % {"errors": " ".join(m for errors in form.errors.values() for m in errors)},
            )
        return redirect("beraad:panel-manage", pk=panel.pk)

    return view


session_new = _add_view(SessionForm, panel_services.session_add)
document_new = _add_view(DocumentForm, panel_services.document_add, files=True)
recommendation_new = _add_view(RecommendationForm, panel_services.recommendation_add)


@login_required_htmx
@require_POST
def input_moderate(request, pk, input_pk):
    panel = get_managed_panel_for_user(request.user, pk)
    member_input = get_object_or_404(MemberInput, pk=input_pk, panel=panel)
    input_services.member_input_moderate(
        member_input=member_input, moderator=request.user, approve="approve" in request.POST
    )
    if request.htmx:
        return render(request, "beraad/_moderated.html", {"item": member_input})
    return redirect("beraad:panel-manage", pk=panel.pk)


@login_required_htmx
def panel_member_dropout(request, pk, seat_pk):
    """Confirm that a panel member drops out; a reserve that keeps the quotas replaces them."""
    panel = get_managed_panel_for_user(request.user, pk)
    seat = get_object_or_404(PanelMember.objects.select_related("member"), pk=seat_pk, panel=panel)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            replacement = panel_member_drop(panel_member=seat, actor=request.user)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            if replacement:
                messages.success(
                    request, _("Vervangen door %(name)s.") % {"name": replacement.member}
                )
            else:
                messages.warning(request, _("Er is geen reserve die alle quota houdt."))
            return redirect("beraad:panel-manage", pk=panel.pk)
    return render(request, "beraad/dropout.html", {"panel": panel, "seat": seat, "form": form})
