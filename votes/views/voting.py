"""The vote's page and the ballot: fill in, check ("controleer je stem"), cast once."""

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render

from members.backends import preloaded_member, session_member_id
from shared.forms import form_add_errors
from shared.http import login_required_htmx
from votes import selectors, services
from votes.forms import BallotForm
from votes.permissions import (
    can_cast,
    can_count,
    can_list_votes,
    can_manage_votes,
    can_view_results,
    can_view_vote,
    get_ballot_vote_for_user,
    get_vote_for_user,
    is_committee_member,
)


@login_required_htmx
def vote_list(request):
    if not can_list_votes(request.user):
        raise PermissionDenied
    votes = [v for v in selectors.votes_for_member(request.user) if can_view_vote(request.user, v)]
    context = {"votes": votes, "can_manage": can_manage_votes(request.user)}
    return render(request, "votes/vote_list.html", context)


@login_required_htmx
def vote_detail(request, pk: int):
    vote = get_vote_for_user(request.user, pk)
    context = {
        "vote": vote,
        "items": vote.items.all(),
        "turnout": selectors.turnout(vote) if vote.roll_size is not None else None,
        "can_cast": can_cast(request.user, vote),
        "has_voted": selectors.has_voted(request.user, vote),
        "can_view_results": can_view_results(request.user, vote),
        "is_committee": is_committee_member(request.user, vote),
        "can_count": can_count(request.user, vote),
        "can_manage": can_manage_votes(request.user),
    }
    return render(request, "votes/vote_detail.html", context)


def _cast_reads_first(view):
    """A cast (the hot path while a vote is open) reads the vote together with the member
    the (not yet verified) session names, in one query; Django then verifies the session
    against that member row (members.backends.preloaded_member). A decorator above this
    one that touches ``request.user`` would undo it (test_casting_takes_two_queries)."""

    @wraps(view)
    def wrapper(request, pk: int):
        member_id = session_member_id(request) if request.POST.get("step") == "cast" else None
        if member_id is None:
            return view(request, pk, vote=None)
        vote, member = selectors.cast_target(member_id, pk)
        with preloaded_member(member):
            return view(request, pk, vote=vote)

    return wrapper


@_cast_reads_first
@login_required_htmx
def ballot(request, pk: int, *, vote):
    """GET: the ballot. POST step "check": show the choices back. POST step "cast": vote.

    The tracker is shown in the response to the cast, once; it is not kept anywhere.
    """
    step = request.POST.get("step", "edit")
    vote, castable = get_ballot_vote_for_user(request.user, pk, casting=step == "cast", vote=vote)
    if not castable:
        return render(request, "votes/ballot_closed.html", {"vote": vote}, status=403)
    items = selectors.ballot_items(vote)
    form = BallotForm(request.POST if request.method == "POST" else None, items=items)
    if request.method == "POST" and step != "edit" and form.is_valid():
        try:
            content = services.ballot_clean(vote=vote, answers=form.answers(), items=form.items)
            if step == "cast":
                tracker = services.ballot_cast(vote=vote, member=request.user, content=content)
                return render(request, "votes/cast_done.html", {"vote": vote, "tracker": tracker})
            return render(request, "votes/ballot_check.html", _check(vote, form, content))
        except ValidationError as error:
            if step == "cast" and not get_ballot_vote_for_user(request.user, pk)[1]:
                return render(request, "votes/ballot_closed.html", {"vote": vote}, status=403)
            form_add_errors(form, error)
    return render(request, "votes/ballot.html", {"vote": vote, "form": form})


def _check(vote, form, content) -> dict:
    hidden = [(k, v) for k in form.data for v in form.data.getlist(k) if k.startswith("item-")]
    rows = [(item, content[item.key]) for item in form.items]
    return {"vote": vote, "rows": rows, "hidden": hidden}
