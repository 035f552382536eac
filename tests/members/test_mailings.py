"""Mailings started after commit are recorded, claimed once, and caught up by the sweep."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ledendemocratie.mailings import mailings_catch_up
from members.models import Mailing, MailKind, OutboxMessage
from members.services.mailings import MAILING_GRACE, mailing_record, mailing_run
from preferendum.models import RoundState
from preferendum.services import answer_save, round_close, round_open
from tests.preferendum.factories import RoundFactory

pytestmark = pytest.mark.django_db


def _after_grace() -> None:
    Mailing.objects.update(created_at=timezone.now() - MAILING_GRACE - timedelta(seconds=1))


def _stored(kind) -> int:
    return OutboxMessage.objects.filter(kind=kind).count()


def test_results_mailing_lost_with_the_broker_is_stored_by_the_sweep(
    member_factory, django_capture_on_commit_callbacks
):
    round_ = RoundFactory()
    for member in member_factory.create_batch(3):
        answer_save(member=member, statement=round_.statements.first(), value=4)
    with django_capture_on_commit_callbacks(execute=False):  # the task is never queued
        round_close(round_=round_)
    assert _stored(MailKind.ROUND_RESULTS) == 0
    _after_grace()
    mailings_catch_up()
    assert _stored(MailKind.ROUND_RESULTS) == 3


def test_invitations_lost_with_the_broker_are_stored_by_the_sweep(
    member_factory, django_capture_on_commit_callbacks
):
    member_factory.create_batch(2)
    round_ = RoundFactory(state=RoundState.SCHEDULED)
    with django_capture_on_commit_callbacks(execute=False):
        round_open(round_=round_)
    _after_grace()
    mailings_catch_up()
    assert _stored(MailKind.ROUND_INVITATION) == 2


def test_sweep_leaves_a_mailing_alone_while_its_task_still_has_time(
    member_factory, django_capture_on_commit_callbacks
):
    member_factory.create_batch(2)
    with django_capture_on_commit_callbacks(execute=False):
        round_open(round_=RoundFactory(state=RoundState.SCHEDULED))
    mailings_catch_up()
    assert _stored(MailKind.ROUND_INVITATION) == 0


def test_mailing_runs_once_however_often_it_is_run():
    calls = []
    for _ in range(3):
        mailing_run(kind=MailKind.ROUND_RESULTS, object_id=1, store=lambda: calls.append(1) or 1)
    assert calls == [1]


def test_mailing_held_by_a_live_run_is_not_run_by_another():
    calls = []

    def store():
        calls.append("outer")
        mailing_run(kind=MailKind.ROUND_RESULTS, object_id=1, store=lambda: calls.append("inner"))
        return 0

    mailing_run(kind=MailKind.ROUND_RESULTS, object_id=1, store=store)
    assert calls == ["outer"]


def test_mailing_that_failed_is_run_again_by_the_next_sweep():
    def broken():
        raise ConnectionError("database gone")

    with pytest.raises(ConnectionError):
        mailing_run(kind=MailKind.ROUND_RESULTS, object_id=1, store=broken)
    assert mailing_run(kind=MailKind.ROUND_RESULTS, object_id=1, store=lambda: 5) == 5


def test_mailing_whose_subject_is_gone_is_closed_by_the_sweep():
    mailing_record(kind=MailKind.ROUND_RESULTS, object_id=999_999)
    _after_grace()
    mailings_catch_up()
    assert Mailing.objects.get().done_at is not None
