"""The published result and its files, for those who could vote; nothing before that."""

import json

from django.http import HttpResponse
from django.shortcuts import render

from shared.http import login_required_htmx
from votes import results
from votes.permissions import get_results_vote_for_user


@login_required_htmx
def results_page(request, pk: int):
    vote = get_results_vote_for_user(request.user, pk)
    context = {"vote": vote, "report": results.report(vote)}
    return render(request, "votes/results.html", context)


def _download(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required_htmx
def ballots_csv(request, pk: int):
    vote = get_results_vote_for_user(request.user, pk)
    return _download(results.ballots_csv(vote), "text/csv", "ballots.csv")


@login_required_htmx
def trackers_txt(request, pk: int):
    vote = get_results_vote_for_user(request.user, pk)
    return _download(vote.trackers + "\n", "text/plain", "trackers.txt")


@login_required_htmx
def result_json(request, pk: int):
    vote = get_results_vote_for_user(request.user, pk)
    body = json.dumps(vote.result, indent=2, ensure_ascii=False)
    return _download(body, "application/json", "result.json")


@login_required_htmx
def rounds_csv(request, pk: int):
    vote = get_results_vote_for_user(request.user, pk)
    return _download(results.rounds_csv(vote), "text/csv", "rondes.csv")
