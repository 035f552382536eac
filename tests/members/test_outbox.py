from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import resolve

from members.models import MailKind, MailOptOut, OutboxMessage
from members.services.outbox import (
    member_from_unsubscribe_token,
    message_id_for,
    outbox_enqueue,
    outbox_enqueue_many,
    outbox_release_stale,
    outbox_send,
    outbox_send_ready,
)
from members.tasks import send_outbox_message, send_ready_messages

pytestmark = pytest.mark.django_db

TEMPLATE = "members/email/import_report"


def _enqueue(member, kind=MailKind.ROUND_INVITATION, key="round:1"):
    return outbox_enqueue(
        kind=kind,
        key=key,
        recipient=member,
        template=TEMPLATE,
        context={"report": {"created": 1, "updated": 0, "retired": 0}},
    )


def test_enqueued_mail_is_sent_after_commit(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = _enqueue(member)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_same_message_enqueued_twice_is_sent_once(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _enqueue(member)
        _enqueue(member)
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1


def test_send_task_run_twice_sends_once(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        message = _enqueue(member)
    send_outbox_message.delay(message.pk)
    send_outbox_message.delay(message.pk)
    send_ready_messages.delay()
    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_the_transaction_rolls_back(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _enqueue(member)
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_opted_out_member_gets_no_optional_mail(member):
    MailOptOut.objects.create(member=member, kind=MailKind.ROUND_INVITATION)
    assert _enqueue(member) is None
    assert not OutboxMessage.objects.exists()


def test_essential_mail_ignores_opt_out(member):
    MailOptOut.objects.create(member=member, kind=MailKind.IMPORT_REPORT)
    assert _enqueue(member, kind=MailKind.IMPORT_REPORT) is not None


def test_optional_mail_carries_one_click_unsubscribe_headers(member):
    _enqueue(member)
    outbox_send_ready()
    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = headers["List-Unsubscribe"].strip("<>")
    token = resolve(urlsplit(url).path).kwargs["token"]
    assert member_from_unsubscribe_token(token) == (member, MailKind.ROUND_INVITATION)


def test_message_is_html_and_text_in_the_members_language(member_factory):
    member = member_factory(language="en")
    message = _enqueue(member)
    assert message.language == "en"
    assert message.content.text_body and "<html" in message.content.html_body


def test_failed_delivery_is_recorded_and_retried_later(member, monkeypatch):
    message = _enqueue(member)
    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        lambda *a: (_ for _ in ()).throw(ConnectionError("smtp down")),
    )
    assert outbox_send(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.READY
    assert "smtp down" in message.last_error
    assert message.next_attempt_at > message.created_at


def test_message_is_failed_after_the_last_attempt(member, monkeypatch):
    message = _enqueue(member)
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=4)
    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        lambda *a: (_ for _ in ()).throw(OSError("bounce")),
    )
    outbox_send(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED


def test_mailing_skips_opted_out_and_already_mailed(member_factory):
    members = member_factory.create_batch(3)
    MailOptOut.objects.create(member=members[0], kind=MailKind.ROUND_INVITATION)
    _enqueue(members[1])
    stored = outbox_enqueue_many(
        kind=MailKind.ROUND_INVITATION,
        key="round:1",
        template=TEMPLATE,
        recipients=members,
        context_for=lambda m: {"report": {"created": 0, "updated": 0, "retired": 0}},
    )
    assert stored == 1
    assert OutboxMessage.objects.count() == 2


def test_worker_death_while_sending_is_recovered_by_the_sweep(member):
    message = _enqueue(member)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENDING, lease_until=message.created_at.replace(year=2000)
    )
    assert outbox_release_stale() == 1
    assert outbox_send_ready() == 1


def test_each_message_carries_its_own_stable_message_id(member_factory):
    first, second = _enqueue(member_factory()), _enqueue(member_factory())
    outbox_send_ready()
    ids = {m.extra_headers["Message-ID"] for m in mail.outbox}
    assert ids == {message_id_for(first.pk), message_id_for(second.pk)}
    assert message_id_for(first.pk) != message_id_for(second.pk)


def test_message_handed_over_again_after_a_crash_is_one_mail_in_the_file_box(
    member, settings, tmp_path
):
    settings.EMAIL_BACKEND = "members.mail_backends.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    message = _enqueue(member)
    outbox_send_ready()
    # The worker handed the mail over, then died before recording it as sent.
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxMessage.Status.READY)
    outbox_send_ready()
    files = list(tmp_path.glob("*.eml"))
    assert len(files) == 1
    assert message_id_for(message.pk) in files[0].read_text()
