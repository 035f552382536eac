"""The selection report, and the files anyone needs to re-run the draw."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from beraad.permissions import can_view_report, get_panel_for_user
from beraad.selectors import report_rows
from shared import spreadsheet


def _reportable_panel(user, pk):
    panel = get_panel_for_user(user, pk)
    if not can_view_report(user, panel):
        raise PermissionDenied
    return panel


@login_required
def report(request, pk):
    panel = _reportable_panel(request.user, pk)
    result = panel.selection.get("result", {})
    probabilities = list(result.get("probabilities", {}).values())
    context = {
        "panel": panel,
        "rows": report_rows(panel),
        "result": result,
        "min_probability": min(probabilities, default=None),
        "max_probability": max(probabilities, default=None),
        "respondent_count": len(panel.selection.get("inputs", {}).get("people", [])),
    }
    return render(request, "beraad/report.html", context)


def _csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = spreadsheet.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


@login_required
def categories_csv(request, pk):
    panel = _reportable_panel(request.user, pk)
    rows = panel.selection["inputs"]["quotas"]
    return _csv_response("categories.csv", ["category", "feature", "min", "max"], rows)


@login_required
def respondents_csv(request, pk):
    """Pseudonymous ids, the categories and a hashed household key: nothing more."""
    panel = _reportable_panel(request.user, pk)
    inputs = panel.selection["inputs"]
    keys = list(dict.fromkeys(row[0] for row in inputs["quotas"]))
    rows = [
        [pid, *(features.get(key, "") for key in keys), household]
        for pid, features, household in inputs["people"]
    ]
    return _csv_response("respondents.csv", ["id", *keys, "household"], rows)
