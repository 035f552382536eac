import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.timezone import localtime

from ledendemocratie.feedback.models import Outcome
from ledendemocratie.feedback.services import (
    feedback_correct,
    feedback_publish,
    feedback_update_draft,
)

pytestmark = pytest.mark.django_db
NEXT_MONTH = datetime.date.today() + datetime.timedelta(days=30)


def test_pending_outcome_needs_a_review_date(feedback_item):
    feedback_item.outcome = Outcome.PENDING
    with pytest.raises(ValidationError) as error:
        feedback_item.full_clean()
    assert "review_date" in error.value.message_dict


def test_pending_outcome_with_review_date_is_valid(feedback_item):
    feedback_item.outcome, feedback_item.review_date = Outcome.PENDING, NEXT_MONTH
    feedback_item.full_clean()


def test_review_date_is_dropped_once_decided(feedback_item):
    feedback_item.review_date = NEXT_MONTH
    feedback_item.full_clean()
    assert feedback_item.review_date is None


def test_draft_without_outcome_cannot_be_published(feedback_item_factory, admin_member):
    item = feedback_item_factory(outcome="")
    with pytest.raises(ValidationError):
        feedback_publish(feedback=item.feedback, by=admin_member)


def test_outcome_without_reason_cannot_be_published(feedback_item_factory, admin_member):
    item = feedback_item_factory(reason=" ")
    with pytest.raises(ValidationError):
        feedback_publish(feedback=item.feedback, by=admin_member)


def test_draft_without_decision_cannot_be_published(feedback_factory, admin_member):
    feedback = feedback_factory(decision="")
    with pytest.raises(ValidationError):
        feedback_publish(feedback=feedback, by=admin_member)


def test_published_feedback_cannot_be_edited_as_a_draft(feedback_factory):
    feedback = feedback_factory(published=True)
    with pytest.raises(ValidationError):
        feedback_update_draft(feedback=feedback, fields={"summary": "Anders"}, items={})


def test_draft_cannot_get_a_correction(feedback_factory, admin_member):
    with pytest.raises(ValidationError):
        feedback_correct(feedback=feedback_factory(), text="Oeps", by=admin_member)


def test_correction_keeps_the_published_text(feedback_factory, admin_member):
    feedback = feedback_factory(published=True, summary="Oorspronkelijk")
    correction = feedback_correct(feedback=feedback, text="Het waren 300 leden.", by=admin_member)
    feedback.refresh_from_db()
    assert feedback.summary == "Oorspronkelijk"
    assert correction.created_at is not None and correction.created_by == admin_member


def test_correction_of_an_outcome_records_the_old_one(feedback_item_factory, admin_member):
    item = feedback_item_factory(
        feedback__published=True, outcome=Outcome.PENDING, review_date=NEXT_MONTH
    )
    correction = feedback_correct(
        feedback=item.feedback,
        text="Het congres nam het over.",
        by=admin_member,
        item=item,
        outcome=Outcome.ADOPTED,
    )
    item.refresh_from_db()
    assert (correction.previous_outcome, correction.new_outcome) == (
        Outcome.PENDING,
        Outcome.ADOPTED,
    )
    assert (item.outcome, item.review_date) == (Outcome.ADOPTED, None)


def test_correction_to_pending_needs_a_review_date(feedback_item_factory, admin_member):
    item = feedback_item_factory(feedback__published=True)
    with pytest.raises(ValidationError):
        feedback_correct(
            feedback=item.feedback,
            text="Toch niet.",
            by=admin_member,
            item=item,
            outcome=Outcome.PENDING,
        )


def test_correction_is_shown_with_its_date(client, feedback_factory, admin_member, member):
    feedback = feedback_factory(published=True)
    correction = feedback_correct(feedback=feedback, text="Het waren 300 leden.", by=admin_member)
    client.force_login(member)
    response = client.get(feedback.get_absolute_url())
    assert "Het waren 300 leden." in response.content.decode()
    shown = date_format(localtime(correction.created_at), "j F Y")
    assert f"Correctie van {shown}" in response.content.decode()
