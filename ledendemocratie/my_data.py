""" "Mijn gegevens" on the roof: the members' own-data partials plus what the member took part in.

The page and its export (URL names ``my-data`` and ``my-data-export``) read every app, so
they live here; the members app keeps the actions on its partials (preferences, traits,
deletion) and sends the member back to this page.
"""

from datetime import UTC, datetime

from django.http import JsonResponse
from django.shortcuts import render

from ledendemocratie import processes
from ledendemocratie.feedback.models import Feedback
from members import selectors as member_selectors
from members.views.profile import own_data_view


@own_data_view
def my_data(request):
    member = request.user
    context = {
        **member_selectors.profile_context(member),
        "participation": _participation(member),
    }
    return render(request, "ledendemocratie/my_data.html", context)


@own_data_view
def my_data_export(request):
    """Everything the platform keeps about the member: members' data and each app's."""
    data = member_selectors.personal_data(request.user)
    data["participation"] = {str(k): v for k, v in processes.personal_data(request.user).items()}
    response = JsonResponse(data, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


def _participation(member) -> list[dict]:
    """Each process the member took part in, newest first, with its feedback once published."""
    refs = processes.participation_for_member(member)
    published = {
        (f.process_kind, f.process_id): f
        for f in Feedback.objects.filter(
            state=Feedback.State.PUBLISHED, process_id__in={ref.id for ref in refs}
        )
    }
    rows = [
        {
            "process": ref,
            "kind_label": processes.kind_label(ref.kind),
            "feedback": published.get((ref.kind, ref.id)),
        }
        for ref in refs
    ]
    return sorted(rows, key=_newest_first, reverse=True)


def _newest_first(row: dict) -> tuple[bool, datetime]:
    closed_at = row["process"].closed_at
    return closed_at is None, closed_at or datetime.min.replace(tzinfo=UTC)
