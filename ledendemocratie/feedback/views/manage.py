from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ledendemocratie import processes
from ledendemocratie.feedback import forms, permissions, selectors, services
from ledendemocratie.feedback.models import Feedback
from ledendemocratie.feedback.views.public import _detail_context
from shared.forms import form_add_errors
from shared.http import login_required_htmx


@login_required_htmx
def manage(request):
    permissions.require_feedback_manager(request.user)
    feedback = Feedback.objects.order_by("state", "-published_at", "-created_at")
    return render(request, "feedback/manage.html", {"feedback_list": feedback})


@login_required_htmx
def debt(request):
    permissions.require_feedback_manager(request.user)
    context = {
        "rows": selectors.feedback_debt(),
        "share": selectors.feedback_on_time_share(),
        "weeks": settings.FEEDBACK_DEBT_WEEKS,
    }
    return render(request, "feedback/debt.html", context)


def _process_choices() -> list[tuple[str, str]]:
    taken = set(Feedback.objects.values_list("process_kind", "process_id"))
    return [
        (f"{ref.kind}:{ref.id}", f"{processes.kind_label(ref.kind)}: {ref.title}")
        for ref in selectors.closed_processes()
        if (ref.kind, ref.id) not in taken
    ]


@login_required_htmx
@require_http_methods(["GET", "POST"])
def create(request):
    permissions.require_feedback_manager(request.user)
    form = forms.ProcessChoiceForm(
        request.POST or None, choices=_process_choices(), initial=request.GET
    )
    if form.is_valid():
        kind, process_id = form.process_key()
        try:
            feedback = services.feedback_create_draft(process_kind=kind, process_id=process_id)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            return redirect("feedback:edit", feedback.pk)
    return render(request, "feedback/create.html", {"form": form})


@login_required_htmx
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    feedback = permissions.get_feedback_for_admin(request.user, pk)
    if not permissions.can_edit_feedback(request.user, feedback):
        return redirect("feedback:correct", feedback.pk)
    form = forms.FeedbackForm(request.POST or None, instance=feedback)
    formset = forms.FeedbackItemFormSet(request.POST or None, queryset=feedback.items.all())
    if form.is_valid() and formset.is_valid():
        items = {f.instance.pk: f.cleaned_data for f in formset.forms}
        services.feedback_update_draft(feedback=feedback, fields=form.cleaned_data, items=items)
        messages.success(request, _("Concept opgeslagen."))
        return redirect("feedback:preview", feedback.pk)
    return render(
        request, "feedback/edit.html", {"feedback": feedback, "form": form, "formset": formset}
    )


@login_required_htmx
@require_http_methods(["GET", "POST"])
def preview(request, pk):
    """The draft as readers will see it, with the confirmed publish step."""
    feedback = permissions.get_feedback_for_admin(request.user, pk)
    if feedback.is_published:
        return redirect(feedback)
    form = forms.PublishForm(request.POST or None)
    if form.is_valid():
        try:
            services.feedback_publish(feedback=feedback, by=request.user)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Gepubliceerd; iedereen die meedeed krijgt bericht."))
            return redirect(feedback)
    context = _detail_context(request.user, feedback) | {"form": form, "preview": True}
    return render(request, "feedback/preview.html", context)


@login_required_htmx
@require_http_methods(["GET", "POST"])
def correct(request, pk):
    feedback = permissions.get_feedback_for_admin(request.user, pk)
    if not permissions.can_correct_feedback(request.user, feedback):
        return redirect("feedback:edit", feedback.pk)
    form = forms.CorrectionForm(request.POST or None, feedback=feedback)
    if form.is_valid():
        try:
            services.feedback_correct(feedback=feedback, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Correctie toegevoegd."))
            return redirect(feedback)
    return render(request, "feedback/correct.html", {"feedback": feedback, "form": form})


@login_required_htmx
@require_http_methods(["GET", "POST"])
def carry(request, pk, item_pk):
    """Carry a recommendation or result into a new draft statement (confirmed)."""
    feedback = permissions.get_feedback_for_admin(request.user, pk)
    if not permissions.can_carry_into_statement(request.user, feedback):
        raise PermissionDenied
    item = get_object_or_404(feedback.items, pk=item_pk)
    form = forms.CarryForm(request.POST or None, initial={"text": item.item_text})
    if form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("text", "explanation")}
        try:
            carry = services.feedback_carry_into_statement(item=item, by=request.user, **data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Nieuwe conceptstelling aangemaakt."))
            return redirect(carry.statement_url or feedback.get_absolute_url())
    return render(
        request, "feedback/carry.html", {"feedback": feedback, "item": item, "form": form}
    )
