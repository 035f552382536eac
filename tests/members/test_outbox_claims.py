"""A claimed message is handed to SMTP only while its sender's lease holds, and only once."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from members.models import MailKind, OutboxMessage
from members.services.outbox import (
    outbox_enqueue_many,
    outbox_release_stale,
    outbox_send_ready,
    sending,
)

pytestmark = pytest.mark.django_db


def _mailing(members):
    return outbox_enqueue_many(
        kind=MailKind.IMPORT_REPORT,
        key="claims",
        template="members/email/import_report",
        recipients=members,
        context_for=lambda m: {"report": {}},
    )


class Clock:
    def __init__(self):
        self.now = timezone.now()

    def __call__(self):
        return self.now


def test_sweep_during_a_slow_batch_makes_no_message_go_out_twice(
    member_factory, settings, monkeypatch
):
    """Each hand-over takes 60% of a lease; after each, a sweep and a second sender run."""
    settings.OUTBOX_LEASE_SECONDS = 600
    _mailing(member_factory.create_batch(5))
    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock)
    deliver, handed, nested, overtaken = EmailBackend.send_messages, Counter(), [], []

    def slow_deliver(connection, messages):
        deliver(connection, messages)
        message_id = messages[0].extra_headers["Message-ID"]
        handed[message_id] += 1
        overtaken.extend([message_id] if nested else [])
        clock.now += timedelta(seconds=360)
        if not nested:  # the minutely sweep overtakes the slow batch
            nested.append(True)
            outbox_release_stale()
            outbox_send_ready()
            nested.pop()

    monkeypatch.setattr(EmailBackend, "send_messages", slow_deliver)
    outbox_send_ready()
    assert set(handed.values()) == {1}
    assert overtaken == []
    assert len(mail.outbox) == 5
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == 5


def test_sender_whose_claim_was_taken_over_neither_sends_nor_marks_sent(member_factory):
    _mailing(member_factory.create_batch(2))
    dead = sending._Claim(owner="dead-worker", lease_until=timezone.now())
    batch = sending._claim_batch(10, dead)
    # The sender stalled for longer than its lease; the sweep and another sender move on.
    dead.lease_until = timezone.now() - timedelta(seconds=1)
    OutboxMessage.objects.update(lease_until=dead.lease_until)
    assert outbox_release_stale() == 2
    assert outbox_send_ready() == 2  # another worker takes them over
    templates = sending._Templates()
    templates.load(batch)
    sent = [sending._send_claimed(m, None, dead, templates, "") for m in batch]
    assert sent == [False, False]
    assert len(mail.outbox) == 2


def test_claim_whose_sender_renews_its_lease_is_not_released(member_factory):
    _mailing(member_factory.create_batch(1))
    live = sending._Claim(owner="live-worker", lease_until=timezone.now())
    [claimed] = sending._claim_batch(10, live)
    assert sending._claim_holds(claimed.pk, live)
    assert outbox_release_stale() == 0
    message = OutboxMessage.objects.get(pk=claimed.pk)
    assert message.status == OutboxMessage.Status.SENDING
    assert message.claimed_by == "live-worker"
