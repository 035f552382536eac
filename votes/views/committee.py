"""The committee's page: turnout, the share picked up once, and counting with two shares."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from shared.forms import form_add_errors
from shared.http import login_required_htmx
from votes import selectors, services
from votes.forms import ShareForm
from votes.permissions import can_count, get_committee_vote_for_user


@login_required_htmx
def committee(request, pk: int):
    vote = get_committee_vote_for_user(request.user, pk)
    form = ShareForm(request.POST or None)
    if request.method == "POST":
        if not can_count(request.user, vote):
            raise PermissionDenied
        if form.is_valid():
            shares = [form.cleaned_data["first"], form.cleaned_data["second"]]
            try:
                services.vote_count(vote=vote, shares=shares)
                return redirect("votes:vote-detail", vote.pk)
            except ValidationError as error:
                form_add_errors(form, error)
    holder = vote.committee.filter(member_id=request.user.pk).first()
    context = {
        "vote": vote,
        "holder": holder,
        "turnout": selectors.turnout(vote) if vote.roll_size is not None else None,
        "form": form,
        "can_count": can_count(request.user, vote),
    }
    return render(request, "votes/committee.html", context)


@login_required_htmx
@require_POST
def share_pick_up(request, pk: int):
    """Show the member's share once; the server forgets it as it is shown."""
    vote = get_committee_vote_for_user(request.user, pk)
    share = services.share_pick_up(vote=vote, member=request.user)
    response = render(request, "votes/share.html", {"vote": vote, "share": share})
    response["Cache-Control"] = "no-store"
    return response
