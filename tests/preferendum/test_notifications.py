from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ledendemocratie.mailings import mailings_catch_up
from ledendemocratie.tasks import sweep_mailings
from members.models import Mailing, MailKind, OutboxMessage
from members.services.outbox import mail_opt_out
from preferendum import services
from preferendum.models import RoundState

pytestmark = pytest.mark.django_db


def test_opening_invites_every_eligible_member_once_with_a_personal_link(
    member_factory, round_factory, django_capture_on_commit_callbacks
):
    members = member_factory.create_batch(3)
    member_factory(supporter=True)
    round_ = round_factory(state=RoundState.SCHEDULED)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_open(round_=round_)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_send_invitations(round_=round_)
    messages = OutboxMessage.objects.filter(kind=MailKind.ROUND_INVITATION)
    assert sorted(m.to_email for m in messages) == sorted(m.email for m in members)
    assert len(mail.outbox) == 3
    assert all(f"/preferendum/{round_.pk}/link/" in m.body for m in mail.outbox)


def test_invitations_lost_at_opening_are_stored_by_the_sweep_exactly_once(
    member_factory, round_factory, django_capture_on_commit_callbacks
):
    members = member_factory.create_batch(3)
    round_ = round_factory(state=RoundState.SCHEDULED)
    with django_capture_on_commit_callbacks(execute=False):  # the broker was down
        services.round_open(round_=round_)
    assert not OutboxMessage.objects.exists()
    Mailing.objects.update(created_at=timezone.now() - timedelta(minutes=3))
    with django_capture_on_commit_callbacks(execute=True):
        sweep_mailings()
        sweep_mailings()
    invitations = OutboxMessage.objects.filter(kind=MailKind.ROUND_INVITATION)
    assert sorted(m.to_email for m in invitations) == sorted(m.email for m in members)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members)


def test_sweep_resumes_a_dead_workers_mailing_once_its_claim_expired(
    member_factory, open_round, django_capture_on_commit_callbacks
):
    first, second = member_factory.create_batch(2)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_send_invitations(round_=open_round)
    OutboxMessage.objects.filter(to_email=second.email).delete()
    stale = timezone.now() - timedelta(minutes=16)
    Mailing.objects.update(done_at=None, lease_until=stale, created_at=stale)
    with django_capture_on_commit_callbacks(execute=True):
        assert mailings_catch_up() == 1
    invitations = OutboxMessage.objects.filter(kind=MailKind.ROUND_INVITATION)
    assert sorted(m.to_email for m in invitations) == sorted([first.email, second.email])


def test_sweep_leaves_a_mailing_that_is_still_running_alone(member, open_round):
    long_ago = timezone.now() - timedelta(minutes=5)
    Mailing.objects.create(
        kind=MailKind.ROUND_INVITATION,
        object_id=open_round.pk,
        created_at=long_ago,
        lease_until=timezone.now() + timedelta(minutes=10),
    )
    assert mailings_catch_up() == 0
    assert not OutboxMessage.objects.exists()


def test_members_who_switched_invitations_off_get_none(
    member, round_factory, django_capture_on_commit_callbacks
):
    mail_opt_out(member=member, kind=MailKind.ROUND_INVITATION)
    round_ = round_factory(state=RoundState.SCHEDULED)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_open(round_=round_)
    assert not OutboxMessage.objects.exists()


def test_one_reminder_goes_to_those_who_have_not_answered_everything(
    member_factory, answer_all, open_round, django_capture_on_commit_callbacks
):
    done, halfway = member_factory(), member_factory()
    answer_all(done)
    services.answer_save(statement=open_round.statements.first(), member=halfway, value=3)
    open_round.closes_at = timezone.now() + timedelta(days=1)
    open_round.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.rounds_send_due_reminders() == 1
        assert services.rounds_send_due_reminders() == 0
    reminders = OutboxMessage.objects.filter(kind=MailKind.ROUND_REMINDER)
    assert [m.to_email for m in reminders] == [halfway.email]


def test_respondents_get_the_results_after_closing(
    member_factory, answer_all, open_round, django_capture_on_commit_callbacks
):
    respondents = member_factory.create_batch(10)
    member_factory()
    for respondent in respondents:
        answer_all(respondent, value=5)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_close(round_=open_round)
    results = OutboxMessage.objects.filter(kind=MailKind.ROUND_RESULTS).order_by("to_email")
    assert [m.to_email for m in results] == sorted(r.email for r in respondents)
    assert "100% (helemaal) eens" in mail.outbox[0].body


def test_accepted_suggestion_becomes_a_draft_statement_and_the_member_is_told(
    suggestion_factory, django_capture_on_commit_callbacks
):
    suggestion = suggestion_factory(text="Meer groen in de stad")
    duplicate = suggestion_factory()
    with django_capture_on_commit_callbacks(execute=True):
        services.suggestion_merge(suggestion=duplicate, into=suggestion)
        services.suggestion_accept(suggestion=suggestion)
    suggestion.refresh_from_db()
    assert suggestion.statement.text == "Meer groen in de stad"
    assert suggestion.statement.round.state == RoundState.DRAFT
    updates = OutboxMessage.objects.filter(kind=MailKind.SUGGESTION_UPDATE)
    assert {m.to_email for m in updates} == {suggestion.member.email, duplicate.member.email}
