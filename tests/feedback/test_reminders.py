import datetime

import pytest

from ledendemocratie.feedback.models import Outcome
from ledendemocratie.feedback.services import feedback_correct, feedback_reviews_remind
from ledendemocratie.feedback.tasks import remind_reviews
from members.models import MailKind, OutboxMessage

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 27)


def _pending(factory, review_date, **kwargs):
    return factory(outcome=Outcome.PENDING, review_date=review_date, **kwargs)


def test_admins_are_reminded_when_a_review_date_passes(admin_member, feedback_item_factory):
    _pending(feedback_item_factory, TODAY, feedback__published=True)
    feedback_reviews_remind(today=TODAY)
    message = OutboxMessage.objects.get()
    assert (message.kind, message.to_email) == (MailKind.ADMIN_SUMMARY, admin_member.email)


def test_reminder_is_sent_once(admin_member, feedback_item_factory):
    _pending(feedback_item_factory, TODAY, feedback__published=True)
    feedback_reviews_remind(today=TODAY)
    feedback_reviews_remind(today=TODAY + datetime.timedelta(days=1))
    assert OutboxMessage.objects.count() == 1


def test_no_reminder_before_the_review_date(admin_member, feedback_item_factory):
    _pending(feedback_item_factory, TODAY + datetime.timedelta(days=1), feedback__published=True)
    assert feedback_reviews_remind(today=TODAY) == 0


def test_no_reminder_for_drafts(admin_member, feedback_item_factory):
    _pending(feedback_item_factory, TODAY)
    assert feedback_reviews_remind(today=TODAY) == 0


def test_decided_item_is_no_longer_reminded(admin_member, feedback_item_factory):
    item = _pending(feedback_item_factory, TODAY, feedback__published=True)
    feedback_correct(
        feedback=item.feedback,
        text="Besloten.",
        by=admin_member,
        item=item,
        outcome=Outcome.ADOPTED,
    )
    assert feedback_reviews_remind(today=TODAY) == 0


def test_reminder_task_runs_the_service(admin_member, feedback_item_factory):
    _pending(feedback_item_factory, datetime.date(2020, 1, 1), feedback__published=True)
    remind_reviews.delay()
    assert OutboxMessage.objects.filter(kind=MailKind.ADMIN_SUMMARY).count() == 1
