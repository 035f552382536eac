from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from preferendum import services
from preferendum.models import Round, RoundState

pytestmark = pytest.mark.django_db


def _later(days):
    return timezone.now() + timedelta(days=days)


def test_draft_round_with_statements_can_be_scheduled(round_factory):
    round_ = round_factory(state=RoundState.DRAFT, opens_at=None, closes_at=None)
    services.round_schedule(round_=round_, opens_at=_later(1), closes_at=_later(8))
    assert Round.objects.get(pk=round_.pk).state == RoundState.SCHEDULED


def test_round_without_statements_cannot_be_scheduled(round_factory):
    round_ = round_factory(state=RoundState.DRAFT, statements=0)
    with pytest.raises(ValidationError):
        services.round_schedule(round_=round_, opens_at=_later(1), closes_at=_later(8))


def test_round_must_close_after_it_opens(round_factory):
    round_ = round_factory(state=RoundState.DRAFT)
    with pytest.raises(ValidationError):
        services.round_schedule(round_=round_, opens_at=_later(8), closes_at=_later(1))


def test_open_round_cannot_be_rescheduled(open_round):
    with pytest.raises(ValidationError):
        services.round_schedule(round_=open_round, opens_at=_later(1), closes_at=_later(8))


def test_statements_of_an_open_round_cannot_be_edited(open_round):
    with pytest.raises(ValidationError):
        services.statement_update(statement=open_round.statements.first(), text="Anders")


def test_no_more_than_six_statements(round_factory):
    round_ = round_factory(state=RoundState.DRAFT, statements=6)
    with pytest.raises(ValidationError):
        services.statement_add(round_=round_, text="Zevende")


def test_due_scheduled_round_opens_by_itself(round_factory, django_capture_on_commit_callbacks):
    round_ = round_factory(state=RoundState.SCHEDULED, opens_at=_later(-0.01))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.rounds_advance() == (1, 0)
    assert Round.objects.get(pk=round_.pk).state == RoundState.OPEN


def test_finished_open_round_closes_by_itself_and_freezes_the_membership(
    round_factory, member, django_capture_on_commit_callbacks
):
    round_ = round_factory(opens_at=_later(-14), closes_at=_later(-0.01))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.rounds_advance() == (0, 1)
    round_.refresh_from_db()
    assert round_.state == RoundState.CLOSED and round_.closed_at
    assert sum(row[-1] for row in round_.figures.population) == 1


def test_opening_twice_opens_once(round_factory, django_capture_on_commit_callbacks):
    round_ = round_factory(state=RoundState.SCHEDULED)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.round_open(round_=round_)
        second = services.round_open(round_=round_)
    assert (first, second) == (True, False)


def test_closing_a_series_round_schedules_the_next_in_its_queue(
    series_factory, round_factory, django_capture_on_commit_callbacks
):
    series = series_factory(rhythm_days=28, open_days=14)
    current = round_factory(series=series)
    queued = round_factory(series=series, state=RoundState.DRAFT, queue_position=1)
    round_factory(series=series, state=RoundState.DRAFT, queue_position=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_close(round_=current)
    queued.refresh_from_db()
    assert queued.state == RoundState.SCHEDULED
    assert queued.opens_at == current.opens_at + timedelta(days=28)
    assert queued.closes_at == queued.opens_at + timedelta(days=14)


def test_feedback_published_marks_a_closed_round(round_factory):
    round_ = round_factory(state=RoundState.CLOSED)
    services.process_mark_feedback_published(
        process_id=round_.pk, url="https://example.org/t/1", summary="Overgenomen"
    )
    round_.refresh_from_db()
    assert round_.state == RoundState.FEEDBACK_PUBLISHED
    assert round_.feedback_url == "https://example.org/t/1" and round_.feedback_published_at


def test_feedback_cannot_be_published_for_an_open_round(open_round):
    with pytest.raises(ValidationError):
        services.process_mark_feedback_published(process_id=open_round.pk, url="", summary="")
