from django.shortcuts import render

from ledendemocratie import processes
from ledendemocratie.feedback import selectors
from members.permissions import is_signed_in

LATEST = 5


def home(request):
    """The members' home page: what is open for this member now; a welcome for visitors."""
    if not is_signed_in(request.user):
        return render(request, "ledendemocratie/welcome.html", _welcome_context(request.user))
    member = request.user
    context = {
        "votes": processes.open_votes_for_member(member),
        "rounds": processes.open_rounds_for_member(member),
        "panels": processes.panels_for_member(member),
        "events": processes.upcoming_events_for_member(member, limit=LATEST),
        "conversations": processes.open_conversations_for_member(member, limit=LATEST),
        "feedback_list": selectors.feedback_for_processes(
            member, processes.participation_ids_for_member(member), limit=LATEST
        ),
    }
    return render(request, "ledendemocratie/home.html", context)


def _welcome_context(user) -> dict:
    return {
        "events": processes.public_open_processes("event")[:LATEST],
        "feedback_list": list(selectors.feedback_overview(user)[:LATEST]),
    }
