"""The selection report, and the files anyone needs to re-run the draw."""

import shlex

from django.http import HttpResponse
from django.shortcuts import render

from beraad.permissions import get_reportable_panel_for_user
from beraad.selectors import report_rows
from beraad.services.procedure import (
    categories_csv as categories_text,
)
from beraad.services.procedure import (
    commitments,
    reveals,
    seed_command,
)
from beraad.services.procedure import (
    respondents_csv as respondents_text,
)
from shared.http import login_required_htmx


def lottery_command(panel) -> str:
    """The command that re-runs the draw, quoted so that it runs as printed in a shell."""
    inputs = panel.selection.get("inputs", {})
    size = inputs.get("panel_size", panel.panel_size)
    reserves = inputs.get("reserve_count", panel.reserve_size)
    return (
        "python -m beraad.lottery --categories categories.csv --respondents respondents.csv "
        f"--panel-size {size} --reserves {reserves} --seed {shlex.quote(panel.seed)} "
        "--out result.json"
    )


@login_required_htmx
def report(request, pk):
    panel = get_reportable_panel_for_user(request.user, pk)
    result = panel.selection.get("result", {})
    probabilities = list(result.get("probabilities", {}).values())
    context = {
        "panel": panel,
        "rows": report_rows(panel),
        "result": result,
        # Added by the engine when it can prove (or not) that this is the LEXIMIN optimum.
        "proven_optimal": result.get("proven_optimal"),
        "upper_bound": result.get("upper_bound_min_probability"),
        "min_probability": min(probabilities, default=None),
        "max_probability": max(probabilities, default=None),
        "respondent_count": len(panel.selection.get("inputs", {}).get("people", [])),
        "commitments": commitments(panel),
        "seed_command": seed_command(panel.public_value, reveals(panel))
        if panel.public_value
        else "",
        "lottery_command": lottery_command(panel),
    }
    return render(request, "beraad/report.html", context)


def _csv_response(filename: str, text: str) -> HttpResponse:
    response = HttpResponse(text.encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _frozen_or_selected(panel, name: str) -> str:
    """The exact file whose SHA-256 was published when registration closed."""
    if name in panel.frozen:
        return panel.frozen[name]
    inputs = panel.selection["inputs"]  # panels drawn before inputs were frozen
    if name == "categories_csv":
        return categories_text(inputs["quotas"])
    return respondents_text(inputs["people"], inputs["quotas"])


@login_required_htmx
def categories_csv(request, pk):
    panel = get_reportable_panel_for_user(request.user, pk)
    return _csv_response("categories.csv", _frozen_or_selected(panel, "categories_csv"))


@login_required_htmx
def respondents_csv(request, pk):
    """Random pseudonyms, the quota categories and shared households: nothing more."""
    panel = get_reportable_panel_for_user(request.user, pk)
    return _csv_response("respondents.csv", _frozen_or_selected(panel, "respondents_csv"))
