"""Feedback on real preferendum rounds (no fakes): respondents, the round page, carrying."""

import pytest
from django.core import mail
from django.utils import timezone

from ledendemocratie.feedback.models import Carry, Feedback
from ledendemocratie.feedback.services import (
    feedback_carry_into_statement,
    feedback_create_draft,
    feedback_publish,
)
from preferendum.models import Round, RoundState, Statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_round(round_factory, answer_factory, member_factory):
    round_ = round_factory(state=RoundState.CLOSED, closed_at=timezone.now())
    respondent = member_factory(email="antwoorder@example.org")
    for statement in round_.statements.all():
        answer_factory(statement=statement, member=respondent)
    return round_


def _draft(round_):
    feedback = feedback_create_draft(process_kind="round", process_id=round_.pk)
    feedback.items.update(outcome="adopted", reason="Gedragen.")
    Feedback.objects.filter(pk=feedback.pk).update(summary="S", decision="D", reasoning="R")
    return feedback


def test_draft_has_one_outcome_per_statement(closed_round):
    feedback = _draft(closed_round)
    assert feedback.items.count() == closed_round.statements.count() == 4


def test_respondent_gets_one_report_for_many_answers(
    closed_round, admin_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feedback_publish(feedback=_draft(closed_round), by=admin_member)
    assert [m.to for m in mail.outbox] == [["antwoorder@example.org"]]


def test_round_records_its_published_feedback(
    closed_round, admin_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = feedback_publish(feedback=_draft(closed_round), by=admin_member)
    closed_round.refresh_from_db()
    assert closed_round.state == RoundState.FEEDBACK_PUBLISHED
    assert closed_round.feedback_url.endswith(feedback.get_absolute_url())


def test_round_result_is_carried_into_a_new_draft_statement(closed_round, admin_member):
    feedback = _draft(closed_round)
    item = feedback.items.first()
    carry = feedback_carry_into_statement(item=item, text="Vervolgvraag", by=admin_member)
    statement = Statement.objects.get(pk=carry.statement_id)
    assert (statement.text, statement.origin_kind, statement.origin_id) == (
        "Vervolgvraag",
        "round",
        closed_round.pk,
    )
    assert Round.objects.get(pk=statement.round_id).state == RoundState.DRAFT
    assert carry.statement_url.endswith(f"/{statement.round_id}/")


def test_feedback_on_the_next_round_links_back_to_the_origin(
    client, closed_round, admin_member, member, django_capture_on_commit_callbacks
):
    origin = _draft(closed_round)
    carry = feedback_carry_into_statement(
        item=origin.items.first(), text="Vervolg", by=admin_member
    )
    next_round = Round.objects.get(statements__pk=carry.statement_id)
    Round.objects.filter(pk=next_round.pk).update(state=RoundState.CLOSED, closed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        feedback_publish(feedback=origin, by=admin_member)
        follow_up = feedback_publish(feedback=_draft(next_round), by=admin_member)
    client.force_login(member)
    content = client.get(follow_up.get_absolute_url()).content.decode()
    assert origin.get_absolute_url() in content and Carry.objects.count() == 1
