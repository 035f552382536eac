"""Admins: the list of votes, announcing and re-counting (editing is in the admin).

Opening and closing follow the announced times only (Celery beat), never a button."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from shared.http import login_required_htmx
from votes import services
from votes.models import Vote
from votes.permissions import can_manage_votes

TRANSITIONS = {
    "aankondigen": services.vote_announce,
    "publiceren": services.vote_publish,
}


@login_required_htmx
def manage_votes(request):
    if not can_manage_votes(request.user):
        raise PermissionDenied
    votes = Vote.objects.prefetch_related("committee").order_by("-pk")
    return render(request, "votes/manage.html", {"votes": votes})


@login_required_htmx
@require_POST
def manage_transition(request, pk: int, action: str):
    if not can_manage_votes(request.user):
        raise PermissionDenied
    if action not in TRANSITIONS:
        raise Http404
    vote = get_object_or_404(Vote, pk=pk)
    try:
        TRANSITIONS[action](vote=vote)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("votes:manage")
