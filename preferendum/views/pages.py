"""Round list, results, suggestions and follow-up: pages for members, organisers, admins."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from members.permissions import is_admin
from preferendum import results, selectors, services
from preferendum.forms import BreakdownForm, CommentFilterForm, SuggestionForm
from preferendum.models import Answer, AnswerValue, RoundState
from preferendum.permissions import (
    can_list_rounds,
    can_manage_rounds,
    can_read_comments,
    can_suggest_statement,
    can_view_opt_in_of,
    can_view_opt_ins,
    get_opt_in_round_for_user,
    get_results_round_for_user,
    get_round_for_user,
)
from preferendum.stats import MIN_CELL
from shared import spreadsheet
from shared.http import login_required_htmx

CLOSED = (RoundState.CLOSED, RoundState.FEEDBACK_PUBLISHED)


@login_required_htmx
def round_list(request):
    if not can_list_rounds(request.user):
        raise PermissionDenied
    closed = selectors.rounds_for_member(request.user).filter(state__in=CLOSED)
    page = Paginator(closed.order_by("-closes_at"), 20).get_page(request.GET.get("page"))
    context = {
        "open_rounds": selectors.open_rounds_for_member(request.user),
        "closed_page": page,
        "can_manage": can_manage_rounds(request.user),
    }
    return render(request, "preferendum/round_list.html", context)


@login_required_htmx
def round_results(request, pk: int):
    round_ = get_results_round_for_user(request.user, pk)
    form = BreakdownForm(request.GET)
    dimension = form.cleaned_data["uitsplitsing"] if form.is_valid() else None
    context = {
        "results": results.round_results(round_, dimension=dimension),
        "form": form,
        "own_answers": selectors.answers_of(request.user, round_),
        "can_manage": can_manage_rounds(request.user),
        "can_view_opt_ins": can_view_opt_ins(request.user),
        "min_cell": MIN_CELL,
        "cache_seconds": results.CACHE_SECONDS,
    }
    return render(request, "preferendum/round_results.html", context)


@login_required_htmx
def results_csv(request, pk: int):
    """Aggregates only, with the same suppression as the page: never a single answer.

    Statements are texts anyone could suggest, so cells pass the spreadsheet guard."""
    round_ = get_results_round_for_user(request.user, pk)
    if not can_manage_rounds(request.user):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ronde-{round_.pk}-uitslag.csv"'
    writer = spreadsheet.writer(response)
    writer.writerow(["stelling", "tekst", "uitsplitsing", "groep", "antwoord", "aantal", "procent"])
    for dimension in [None, *results.DIMENSIONS]:
        for row in _csv_rows(results.round_results(round_, dimension=dimension), dimension):
            writer.writerow(row)
    return response


def _pct(row: dict) -> str:
    return f"{row['percent']:.1f}"


def _csv_rows(round_results: results.RoundResults, dimension: str | None):
    for result in round_results.statements:
        s = result.statement
        if result.too_few:
            if dimension is None:
                yield [s.position, s.text, "", "", "", "", "te weinig reacties"]
            continue
        if dimension is None:
            for row in result.raw.rows:
                yield [s.position, s.text, "", "", row["label"], row["count"], _pct(row)]
            for row in result.weighted_rows if result.weighted else []:
                yield [s.position, s.text, "gewogen", "", row["label"], "", f"{row['percent']:.1f}"]
        for group in result.groups:
            if group.distribution is None:
                yield [s.position, s.text, dimension, group.label, "", "", "te weinig reacties"]
                continue
            for row in group.distribution.rows:
                yield [
                    s.position,
                    s.text,
                    dimension,
                    group.label,
                    row["label"],
                    row["count"],
                    f"{row['percent']:.1f}",
                ]


@login_required_htmx
def comments(request, pk: int):
    """Comments without any name, filterable by statement and answer value."""
    round_ = get_round_for_user(request.user, pk)
    if not can_read_comments(request.user, round_):
        raise PermissionDenied
    statements = list(round_.statements.order_by("position"))
    form = CommentFilterForm(request.GET, statements=statements)
    answers = Answer.objects.filter(round=round_).exclude(comment="")
    if form.is_valid():
        if form.cleaned_data["statement"]:
            answers = answers.filter(statement_id=form.cleaned_data["statement"])
        if form.cleaned_data["value"] is not None:
            answers = answers.filter(value=form.cleaned_data["value"])
    rows = answers.order_by("statement__position", "value", "pk").values_list(
        "statement__position", "value", "comment"
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    page.object_list = [(pos, AnswerValue(v).label, c) for pos, v, c in page.object_list]
    context = {"round": round_, "form": form, "page": page, "query": _without_page(request)}
    return render(request, "preferendum/comments.html", context)


def _without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required_htmx
def follow_up_list(request, pk: int):
    """Members who opted in (name, branch, e-mail): admins all, organisers their branches."""
    round_ = get_opt_in_round_for_user(request.user, pk)
    branch_ids = None if is_admin(request.user) else request.user.organised_branch_ids
    members = [
        m
        for m in selectors.opted_in_members(round_.pk, branch_ids=branch_ids).order_by(
            "last_name", "first_name"
        )
        if can_view_opt_in_of(request.user, m)
    ]
    page = Paginator(members, 50).get_page(request.GET.get("page"))
    return render(request, "preferendum/follow_up_list.html", {"round": round_, "page": page})


@login_required_htmx
def suggestion_create(request):
    if not can_suggest_statement(request.user):
        raise PermissionDenied
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.suggestion_create(member=request.user, **form.cleaned_data)
        messages.success(request, _("Dank je! We laten je weten wat er met je stelling gebeurt."))
        return redirect("preferendum:round-list")
    return render(request, "preferendum/suggestion_form.html", {"form": form})
