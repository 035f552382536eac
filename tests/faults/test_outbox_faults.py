"""The outbox under a slow relay and a lost broker: nothing sent twice, nothing lost."""

import signal
import time

import pytest

from tests.faults.services import SmtpSink, wait_for

MESSAGES = 2000

ENQUEUE = """
from members.models import Branch, MailKind, Member
from members.services.outbox import outbox_enqueue_many
branch = Branch.objects.create(name="Traag", slug="traag")
Member.objects.bulk_create(
    Member(email=f"s{n}@faults.example.org", member_number=f"S{n}", branch=branch)
    for n in range(%d)
)
outbox_enqueue_many(kind=MailKind.IMPORT_REPORT, key="slow", template="members/email/import_report",
    recipients=Member.objects.all(), context_for=lambda m: {"report": {}})
"""

# The minutely sweep, every two seconds: release lapsed claims, then send what is ready.
SWEEP = """
import time
from members.services.outbox import outbox_release_stale, outbox_send_ready
while True:
    outbox_release_stale()
    outbox_send_ready()
    time.sleep(2)
"""


@pytest.fixture
def slow_sink():
    sink = SmtpSink(delay=0.02)
    sink.start()
    yield sink
    sink.stop()


def test_slow_relay_overtaken_by_the_sweep_gets_every_message_exactly_once(platform, slow_sink):
    """Batches of 200 at 20 ms a message take 4 s, twice the 2 s lease the sweep enforces."""
    platform.env |= {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(slow_sink.port),
        "EMAIL_USE_TLS": "False",
        "OUTBOX_LEASE_SECONDS": "2",
        "OUTBOX_BATCH_SIZE": "200",
    }
    platform.python(ENQUEUE % MESSAGES)
    platform.start_worker()
    platform.start_worker()
    sweeper = platform._spawn([*platform.manage_command(), "shell", "-c", SWEEP])
    done = wait_for(lambda: sum(slow_sink.accepted.values()) >= MESSAGES, 100, every=1)
    time.sleep(3)  # a late duplicate would arrive now
    platform.kill(sweeper, signal.SIGTERM)
    duplicates = {mid: n for mid, n in slow_sink.accepted.items() if n > 1}
    assert done, f"only {sum(slow_sink.accepted.values())} of {MESSAGES} arrived"
    assert not duplicates, f"{len(duplicates)} messages arrived twice"
    assert len(slow_sink.accepted) == MESSAGES
    sent = platform.python(
        "from members.models import OutboxMessage as M; "
        "print(M.objects.filter(status='sent').count())"
    )
    assert sent.split()[-1] == str(MESSAGES)


SETUP_CLOSED = """
from datetime import timedelta
from django.utils import timezone
from members.models import Branch, Member
from preferendum.models import Round, RoundState, Statement
from preferendum.services import answer_save, round_close
branch = Branch.objects.create(name="Uitslag", slug="uitslag", province="utrecht")
Member.objects.bulk_create(
    Member(email=f"r{n}@faults.example.org", member_number=f"R{n}", branch=branch)
    for n in range(12)
)
now = timezone.now()
round_ = Round.objects.create(title="Storing", state=RoundState.OPEN,
    opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=7))
statement = Statement.objects.create(round=round_, position=1, text="Stelling")
for member in Member.objects.all():
    answer_save(statement=statement, member=member, value=4)
round_close(round_=round_)
"""

PUBLISH_FEEDBACK = """
from ledendemocratie.feedback.services import (
    feedback_create_draft, feedback_publish, feedback_update_draft)
from ledendemocratie.feedback.models import Outcome
from members.models import Member
from preferendum.models import Round
round_ = Round.objects.get()
feedback = feedback_create_draft(process_kind="round", process_id=round_.pk)
items = {i.pk: {"outcome": Outcome.ADOPTED, "reason": "Gedragen."} for i in feedback.items.all()}
fields = {"summary": "Gehoord.", "decision": "Besloten.", "reasoning": "Daarom."}
feedback = feedback_update_draft(feedback=feedback, fields=fields, items=items)
feedback_publish(feedback=feedback, by=Member.objects.first())
"""

CATCH_UP = """
from datetime import timedelta
from django.utils import timezone
from members.models import Mailing
Mailing.objects.update(created_at=timezone.now() - timedelta(minutes=3))
from ledendemocratie.tasks import sweep_mailings
sweep_mailings.delay()
"""


@pytest.mark.parametrize("kind", ["round_results", "feedback_report"])
def test_mailing_started_while_the_broker_is_down_is_caught_up_by_the_sweep(platform, redis, kind):
    redis.stop()
    platform.python(SETUP_CLOSED)
    if kind == "feedback_report":
        platform.python(PUBLISH_FEEDBACK)
    redis.start()
    platform.start_worker()
    platform.python(CATCH_UP)

    # Feedback follows the closing, whose results mailing was lost with the broker too.
    per_member = 2 if kind == "feedback_report" else 1

    def arrived():
        delivered = platform.delivered()
        return delivered if sum(delivered.values()) >= 12 * per_member else None

    delivered = wait_for(arrived, 30) or platform.delivered()
    stored = platform.python(
        f"from members.models import OutboxMessage as M; print(M.objects.filter(kind='{kind}')"
        ".count())"
    ).split()[-1]
    assert stored == "12", f"{stored} {kind} mails stored after the sweep"
    assert len(delivered) == 12 and set(delivered.values()) == {per_member}
