"""Inviting experts (organisers) and their confirmation (double opt-in)."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from forum import permissions
from forum.forms import ExpertForm
from forum.services import experts as services
from forum.tokens import expert_from_token
from forum.views.helpers import back_to
from shared.forms import form_add_errors
from shared.http import login_required_htmx

LOGIN_BACKEND = "members.backends.MemberBackend"


@login_required_htmx
def expert_invite(request, pk):
    conversation = permissions.get_conversation_to_organise(request.user, pk)
    form = ExpertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_invite(
                conversation=conversation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("De uitnodiging is verstuurd."))
            return back_to(conversation)
    invited = conversation.experts.all()
    context = {"conversation": conversation, "form": form, "invited": invited}
    return render(request, "forum/expert_invite.html", context)


def expert_confirm(request, token):
    """The link from the invitation: a GET shows the question, the POST confirms and signs
    the expert in (the link proved the address)."""
    expert = expert_from_token(token)
    if expert is None:
        return render(request, "forum/link_invalid.html", status=404)
    if request.method == "POST":
        services.expert_confirm(expert=expert)
        login(request, expert.account, backend=LOGIN_BACKEND)
        messages.success(request, _("Welkom! Je kunt nu meedoen aan de gesprekken."))
        return redirect("forum:conversation-list")
    conversations = expert.conversations.exclude(state="concept")
    return render(
        request, "forum/expert_confirm.html", {"expert": expert, "conversations": conversations}
    )
