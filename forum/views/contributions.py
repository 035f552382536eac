"""Posting, correcting, reporting, hiding and appealing contributions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum import permissions, selectors
from forum.forms import AppealDecisionForm, AppealForm, ContributionForm, EditForm, ReasonForm
from forum.services import contributions as services
from forum.services import moderation
from forum.views.conversations import detail_context
from forum.views.helpers import back_to
from shared.forms import form_add_errors
from shared.http import login_required_htmx


@require_POST
@login_required_htmx
def contribution_post(request, pk):
    """Post; a person who already wrote 40 % of the text is asked once to let others speak."""
    conversation = permissions.get_conversation_to_join(request.user, pk)
    form = ContributionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        parent = None
        if data["parent"]:
            parent = permissions.get_contribution_for_user(
                request.user, conversation, data["parent"]
            )
        warn = parent is None and not data["despite_warning"]
        if warn and selectors.dominates(conversation, request.user):
            form = ContributionForm(initial={**data, "despite_warning": True})
            context = detail_context(request, conversation, form=form, warning=True)
            return render(request, "forum/conversation_detail.html", context)
        try:
            posted = services.contribution_post(
                conversation=conversation, author=request.user, text=data["text"], parent=parent
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Je bijdrage is geplaatst."))
            return back_to(conversation, f"bijdrage-{posted.pk}")
    context = detail_context(request, conversation, form=form)
    return render(request, "forum/conversation_detail.html", context, status=400)


def _action_page(request, conversation, contribution, form, action, run, done: str):
    """The form of one step on a contribution: ``run(data)`` calls the service; a
    ValidationError goes back on the form, success goes back to the contribution."""
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            if done:
                messages.success(request, done)
            return back_to(conversation, f"bijdrage-{contribution.pk}")
    context = {
        "conversation": conversation,
        "contribution": contribution,
        "form": form,
        "action": action,
    }
    template = (
        "forum/contribution_edit.html" if action == "edit" else "forum/contribution_action.html"
    )
    return render(request, template, context)


@login_required_htmx
def contribution_edit(request, pk, contribution_pk):
    conversation, contribution = permissions.get_contribution_in(request.user, pk, contribution_pk)
    if not permissions.can_edit_contribution(request.user, contribution):
        raise PermissionDenied
    form = EditForm(request.POST or None, initial={"text": contribution.text})

    def run(data):
        services.contribution_edit(contribution=contribution, text=data["text"])

    return _action_page(request, conversation, contribution, form, "edit", run, "")


@login_required_htmx
def contribution_report(request, pk, contribution_pk):
    conversation, contribution = permissions.get_contribution_in(request.user, pk, contribution_pk)
    form = ReasonForm(request.POST or None)

    def run(data):
        moderation.contribution_report(
            contribution=contribution, reporter=request.user, reason=data["reason"]
        )

    done = _("Dank je. Een gespreksleider kijkt ernaar.")
    return _action_page(request, conversation, contribution, form, "report", run, done)


@login_required_htmx
def contribution_hide(request, pk, contribution_pk):
    conversation, contribution = permissions.get_contribution_in(
        request.user, pk, contribution_pk, moderate=True
    )
    form = ReasonForm(request.POST or None)

    def run(data):
        moderation.contribution_hide(
            contribution=contribution, moderator=request.user, reason=data["reason"]
        )

    done = _("De bijdrage is verborgen; de schrijver is ingelicht.")
    return _action_page(request, conversation, contribution, form, "hide", run, done)


@require_POST
@login_required_htmx
def report_dismiss(request, pk, contribution_pk):
    conversation, contribution = permissions.get_contribution_in(
        request.user, pk, contribution_pk, moderate=True
    )
    moderation.report_dismiss(contribution=contribution, moderator=request.user)
    messages.success(request, _("De melding is afgehandeld."))
    return back_to(conversation, f"bijdrage-{contribution.pk}")


@login_required_htmx
def contribution_appeal(request, pk, contribution_pk):
    conversation, contribution = permissions.get_contribution_in(request.user, pk, contribution_pk)
    if not permissions.can_appeal(request.user, contribution):
        raise PermissionDenied
    form = AppealForm(request.POST or None)

    def run(data):
        moderation.contribution_appeal(
            contribution=contribution, author=request.user, text=data["text"]
        )

    done = _("Je bezwaar is ingediend.")
    return _action_page(request, conversation, contribution, form, "appeal", run, done)


@login_required_htmx
def appeal_decide(request, pk, contribution_pk):
    conversation, contribution = permissions.get_contribution_in(
        request.user, pk, contribution_pk, moderate=True
    )
    form = AppealDecisionForm(request.POST or None)

    def run(data):
        moderation.appeal_decide(contribution=contribution, moderator=request.user, **data)

    done = _("Het bezwaar is afgehandeld.")
    return _action_page(request, conversation, contribution, form, "decide", run, done)
