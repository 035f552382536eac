"""The outbox against a real Redis broker and a real Celery worker (CI runs this)."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import connection, transaction

from ledendemocratie.celery import app
from members.models import MailKind, OutboxMessage
from members.services.outbox import outbox_enqueue

BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not BROKER_URL.startswith("redis"), reason="needs CELERY_BROKER_URL=redis"),
]


@pytest.fixture
def redis_worker(settings):
    app.conf.update(task_always_eager=False, broker_url=BROKER_URL)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield
    app.conf.task_always_eager = True


def _wait_for_status(message_id: int, status: str, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        current = OutboxMessage.objects.get(pk=message_id).status
        if current == status:
            return current
        time.sleep(0.1)
    return current


@pytest.mark.django_db(transaction=True)
def test_worker_sends_committed_mail_through_redis(member_factory, redis_worker):
    if connection.vendor == "sqlite":
        pytest.skip("a worker thread and SQLite's in-memory test database do not mix")
    member = member_factory()
    with transaction.atomic():
        message = outbox_enqueue(
            kind=MailKind.IMPORT_REPORT,
            key="redis-check",
            recipient=member,
            template="members/email/import_report",
            context={"report": {"created": 1, "updated": 0, "retired": 0}},
        )
    assert _wait_for_status(message.pk, OutboxMessage.Status.SENT) == OutboxMessage.Status.SENT
    assert [m.to for m in mail.outbox] == [[member.email]]
