"""Statements, votes, the opinion map, its export, and carrying consensus onward."""

import io
import zipfile

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beraad import selectors as beraad_selectors
from forum import permissions, selectors
from forum.forms import CarryForm, StatementForm, VoteForm
from forum.models import Statement
from forum.services import carry
from forum.services import statements as services
from shared.forms import form_add_errors
from shared.http import login_required_htmx


def _map_context(request, conversation, form=None) -> dict:
    user = request.user
    return {
        "conversation": conversation,
        "statements": selectors.statements_for(conversation, user),
        "map": selectors.map_for(conversation, user),
        "can_take_part": permissions.can_take_part(user, conversation),
        "can_moderate": permissions.can_moderate(user, conversation),
        "can_organise": permissions.can_organise_conversation(user, conversation),
        "form": form or StatementForm(),
    }


@login_required_htmx
def opinion_map(request, pk):
    conversation = permissions.get_conversation_for_user(request.user, pk)
    context = _map_context(request, conversation)
    if request.htmx:
        return render(request, "forum/opinion_map.html#map", context)
    return render(request, "forum/opinion_map.html", context)


@require_POST
@login_required_htmx
def statement_add(request, pk):
    conversation = permissions.get_conversation_to_join(request.user, pk)
    form = StatementForm(request.POST)
    if form.is_valid():
        try:
            services.statement_add(
                conversation=conversation, author=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Je stelling staat erbij."))
            return redirect("forum:opinion-map", conversation.pk)
    context = _map_context(request, conversation, form=form)
    return render(request, "forum/opinion_map.html", context, status=400)


@require_POST
@login_required_htmx
def vote(request, pk, statement_pk):
    conversation = permissions.get_conversation_to_join(request.user, pk)
    statement = Statement.objects.filter(
        conversation=conversation, pk=statement_pk, hidden_at__isnull=True
    ).first()
    form = VoteForm(request.POST)
    if statement is None or not form.is_valid():
        raise Http404
    services.vote_cast(
        statement=statement, participant=request.user, value=form.cleaned_data["value"]
    )
    if request.htmx:
        statement.my_vote = form.cleaned_data["value"]
        context = {"conversation": conversation, "statement": statement, "can_take_part": True}
        return render(request, "forum/_statement.html", context)
    return redirect(
        reverse("forum:opinion-map", args=[conversation.pk]) + f"#stelling-{statement.pk}"
    )


@login_required_htmx
def polis_csv(request, pk):
    """Pol.is's comments.csv and participants-votes.csv in one zip, for moderators (no
    names, no e-mail: participants are numbered)."""
    conversation = permissions.get_conversation_to_moderate(request.user, pk)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in selectors.polis_export_files(conversation).items():
            archive.writestr(name, text)
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    name = f"gesprek-{conversation.pk}-polis.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required_htmx
def consensus_carry(request, pk):
    """Carry a consensus statement into a preferendum round, or to a running panel."""
    conversation = permissions.get_conversation_to_organise(request.user, pk)
    panels = beraad_selectors.panels_accepting_input()
    form = CarryForm(
        request.POST or None, panels=panels, initial={"text": request.GET.get("tekst", "")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["target"] == "panel":
                if not data["panel"]:
                    raise ValidationError({"panel": _("Kies een beraad.")})
                carry.statement_send_to_panel(
                    conversation=conversation,
                    text=data["text"],
                    panel_id=data["panel"],
                    actor=request.user,
                )
            else:
                carry.statement_carry_into_round(conversation=conversation, text=data["text"])
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("De stelling is doorgezet."))
            return redirect("forum:opinion-map", conversation.pk)
    return render(request, "forum/carry_form.html", {"conversation": conversation, "form": form})
