import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from ledendemocratie.feedback.models import Feedback, Outcome
from ledendemocratie.feedback.services import (
    feedback_create_draft,
    feedback_publish,
    feedback_update_draft,
)
from members.models import MailKind, OutboxMessage
from members.services.outbox import mail_opt_out
from tests.feedback.fakes import guest, participant

pytestmark = pytest.mark.django_db


def _complete_draft(kind="round", process_id=1) -> Feedback:
    feedback = feedback_create_draft(process_kind=kind, process_id=process_id)
    items = {
        item.pk: {"outcome": Outcome.ADOPTED, "reason": "Gedragen."}
        for item in feedback.items.all()
    }
    fields = {
        "summary": "Gehoord.",
        "decision": "Besloten door het bestuur.",
        "reasoning": "Daarom.",
    }
    return feedback_update_draft(feedback=feedback, fields=fields, items=items)


def _publish(feedback, by, callbacks):
    with callbacks(execute=True):
        return feedback_publish(feedback=feedback, by=by)


def test_draft_copies_the_process_and_its_items(fake_apps):
    fake_apps["panel"].add_closed(
        4, title="Beraad klimaat", topic="klimaat", items=[(7, "Aanbeveling")]
    )
    feedback = feedback_create_draft(process_kind="panel", process_id=4)
    assert (feedback.title, feedback.topic, feedback.state) == (
        "Beraad klimaat",
        "klimaat",
        "draft",
    )
    assert [(i.item_id, i.item_text) for i in feedback.items.all()] == [(7, "Aanbeveling")]


def test_draft_on_an_open_process_is_refused(fake_apps):
    fake_apps["round"].add(1)
    with pytest.raises(ValidationError):
        feedback_create_draft(process_kind="round", process_id=1)


def test_second_draft_on_the_same_process_is_refused(fake_apps):
    fake_apps["round"].add_closed(1)
    feedback_create_draft(process_kind="round", process_id=1)
    with pytest.raises(ValidationError):
        feedback_create_draft(process_kind="round", process_id=1)


def test_each_participant_gets_one_report_however_they_took_part(
    fake_apps, member_factory, admin_member, django_capture_on_commit_callbacks
):
    alice, bob = member_factory(), member_factory()
    people = [participant(alice), participant(bob), participant(alice), guest(alice.email.upper())]
    fake_apps["panel"].add_closed(1, participants=people)
    _publish(_complete_draft("panel"), admin_member, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([alice.email, bob.email])


def test_guests_get_the_report_by_address(
    fake_apps, admin_member, django_capture_on_commit_callbacks
):
    fake_apps["event"].add_closed(
        1, participants=[guest("gast@example.net"), guest("gast@example.net")]
    )
    _publish(_complete_draft("event"), admin_member, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["gast@example.net"]]


def test_member_who_switched_reports_off_gets_none(
    fake_apps, member_factory, admin_member, django_capture_on_commit_callbacks
):
    quiet, keen = member_factory(), member_factory()
    mail_opt_out(member=quiet, kind=MailKind.FEEDBACK_REPORT)
    fake_apps["round"].add_closed(1, participants=[participant(quiet), participant(keen)])
    _publish(_complete_draft(), admin_member, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[keen.email]]


def test_report_is_keyed_by_the_feedback(
    fake_apps, member, admin_member, django_capture_on_commit_callbacks
):
    fake_apps["round"].add_closed(1, participants=[participant(member)])
    feedback = _publish(_complete_draft(), admin_member, django_capture_on_commit_callbacks)
    message = OutboxMessage.objects.get()
    assert (message.kind, message.object_key) == (
        MailKind.FEEDBACK_REPORT,
        f"feedback:{feedback.pk}",
    )


def test_publishing_twice_is_refused(fake_apps, admin_member, django_capture_on_commit_callbacks):
    fake_apps["round"].add_closed(1)
    feedback = _publish(_complete_draft(), admin_member, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):
        feedback_publish(feedback=feedback, by=admin_member)


def test_publishing_tells_the_process_where_its_feedback_is(
    fake_apps, admin_member, django_capture_on_commit_callbacks
):
    fake_apps["round"].add_closed(3)
    feedback = _publish(
        _complete_draft(process_id=3), admin_member, django_capture_on_commit_callbacks
    )
    [marked] = fake_apps["round"].marked
    assert (marked["process_id"], marked["summary"]) == (3, "Gehoord.")
    assert marked["url"].endswith(feedback.get_absolute_url())


def test_publishing_records_who_and_when(
    fake_apps, admin_member, django_capture_on_commit_callbacks
):
    fake_apps["round"].add_closed(1)
    feedback = _publish(_complete_draft(), admin_member, django_capture_on_commit_callbacks)
    feedback.refresh_from_db()
    assert feedback.is_published and feedback.published_by == admin_member
    assert feedback.published_at is not None


def test_guest_report_of_members_only_feedback_leaves_out_its_text(
    fake_apps, admin_member, django_capture_on_commit_callbacks
):
    fake_apps["event"].add_closed(1, is_public=False, participants=[guest("gast@example.net")])
    _publish(_complete_draft("event"), admin_member, django_capture_on_commit_callbacks)
    assert "Gehoord." not in mail.outbox[0].body


def test_report_task_run_twice_mails_nobody_twice(
    fake_apps, member, admin_member, django_capture_on_commit_callbacks
):
    from ledendemocratie.feedback.tasks import send_feedback_report

    fake_apps["round"].add_closed(1, participants=[participant(member)])
    feedback = _publish(_complete_draft(), admin_member, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        send_feedback_report.delay(feedback.pk)
    assert len(mail.outbox) == 1


def test_report_lost_with_the_broker_is_stored_by_the_mailings_sweep(
    fake_apps, admin_member, member, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from ledendemocratie.mailings import mailings_catch_up
    from members.models import Mailing

    fake_apps["round"].add_closed(1, participants=[participant(member)])
    with django_capture_on_commit_callbacks(execute=False):  # the task is never queued
        feedback_publish(feedback=_complete_draft(), by=admin_member)
    Mailing.objects.update(created_at=timezone.now() - timedelta(minutes=3))
    mailings_catch_up()
    assert OutboxMessage.objects.filter(kind=MailKind.FEEDBACK_REPORT).count() == 1
