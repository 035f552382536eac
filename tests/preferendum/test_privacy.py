from datetime import timedelta

import pytest
from django.contrib import admin
from django.utils import timezone

from preferendum import services
from preferendum.models import Answer, FollowUpOptIn, RoundState
from preferendum.results import round_results
from preferendum.selectors import personal_data

pytestmark = pytest.mark.django_db


def _figures(round_, live):
    figures = []
    for dimension in [None, "province", "branch_id", "age_band", "gender", "membership_band"]:
        results = round_results(round_, dimension=dimension, live=live)
        for result in results.statements:
            groups = [(g.key, g.n, g.distribution and g.distribution.counts) for g in result.groups]
            figures.append((dict(result.raw.counts), result.weighted, groups))
        figures.append(results.representativeness)
    return figures


def test_anonymisation_keeps_every_aggregate_identical(
    member_factory, answer_all, open_round, django_capture_on_commit_callbacks
):
    for value, member in enumerate(member_factory.create_batch(12), 1):
        answer_all(member, value=value % 6)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_close(round_=open_round)
    open_round.refresh_from_db()
    before = _figures(open_round, live=True)
    services.round_anonymise(round_=open_round)
    assert not Answer.objects.filter(member__isnull=False).exists()
    assert _figures(open_round, live=True) == before


def test_frozen_figures_equal_a_live_recount(
    member_factory, answer_all, open_round, django_capture_on_commit_callbacks
):
    for value, member in enumerate(member_factory.create_batch(12), 1):
        answer_all(member, value=value % 6)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_close(round_=open_round)
    open_round.refresh_from_db()
    assert _figures(open_round, live=False) == _figures(open_round, live=True)


def test_anonymisation_runs_after_the_configured_period(settings, round_factory, answer_factory):
    settings.ANSWER_ANONYMISE_AFTER_DAYS = 30
    old = round_factory(state=RoundState.CLOSED, statements=1)
    old.closed_at = timezone.now() - timedelta(days=31)
    old.save()
    recent = round_factory(state=RoundState.CLOSED, statements=1, closed_at=timezone.now())
    answer_factory(statement=old.statements.get())
    answer_factory(statement=recent.statements.get())
    assert services.rounds_anonymise_due() == 1
    assert Answer.objects.get(round=old).member_id is None
    assert Answer.objects.get(round=recent).member_id is not None


def test_anonymisation_removes_opt_ins_too(member, round_factory):
    round_ = round_factory(state=RoundState.CLOSED)
    FollowUpOptIn.objects.create(round=round_, member=member)
    services.round_anonymise(round_=round_)
    assert not FollowUpOptIn.objects.exists()


def test_answers_are_not_in_the_django_admin():
    assert Answer not in admin.site._registry


def test_a_member_exports_their_own_answers_only(member, member_factory, answer_all):
    answer_all(member, value=5)
    answer_all(member_factory(), value=1)
    data = personal_data(member)
    assert {a["answer"] for a in data["preferendum_answers"]} == {"helemaal eens"}
    assert len(data["preferendum_answers"]) == 4
