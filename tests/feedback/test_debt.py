from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ledendemocratie.feedback.selectors import feedback_debt, feedback_on_time_share
from ledendemocratie.feedback.services import feedback_debt_summary_send
from members.models import MailKind, OutboxMessage

pytestmark = pytest.mark.django_db


def test_debt_lists_closed_processes_without_published_feedback_oldest_first(
    fake_apps, feedback_factory
):
    fake_apps["round"].add_closed(1, weeks_ago=2)
    fake_apps["panel"].add_closed(2, weeks_ago=9)
    fake_apps["event"].add_closed(3, weeks_ago=1)
    fake_apps["event"].add(4)  # still open
    feedback_factory(process_kind="event", process_id=3, published=True)
    assert [(row.process.kind, row.process.id) for row in feedback_debt()] == [
        ("panel", 2),
        ("round", 1),
    ]


def test_debt_keeps_processes_whose_feedback_is_only_a_draft(fake_apps, feedback_factory):
    fake_apps["round"].add_closed(1)
    draft = feedback_factory(process_kind="round", process_id=1)
    assert [row.draft for row in feedback_debt()] == [draft]


@pytest.mark.parametrize(("weeks_ago", "flagged"), [(5.9, False), (6.1, True)])
def test_debt_is_flagged_after_the_configured_weeks(fake_apps, weeks_ago, flagged):
    fake_apps["round"].add_closed(1, weeks_ago=weeks_ago)
    assert [row.flagged for row in feedback_debt()] == [flagged]


def test_debt_threshold_follows_the_setting(fake_apps, settings):
    settings.FEEDBACK_DEBT_WEEKS = 2
    fake_apps["round"].add_closed(1, weeks_ago=3)
    assert feedback_debt()[0].flagged


def test_share_counts_feedback_within_the_limit(fake_apps, feedback_factory):
    now = timezone.now()
    for pid in (1, 2, 3):
        fake_apps["round"].add_closed(pid, weeks_ago=10)
    closed = fake_apps["round"].refs[1].closed_at
    feedback_factory(process_id=1, published=True, published_at=closed + timedelta(weeks=2))
    feedback_factory(process_id=2, published=True, published_at=closed + timedelta(weeks=8))
    fake_apps["round"].add_closed(4, weeks_ago=1)  # still has time: not counted
    share = feedback_on_time_share(now=now)
    assert (share.on_time, share.counted, share.percent) == (1, 3, 33)


def test_share_is_empty_without_closed_processes(fake_apps):
    assert feedback_on_time_share().percent is None


def test_weekly_summary_mails_admins_once_per_week(
    fake_apps, admin_member, member, django_capture_on_commit_callbacks
):
    fake_apps["panel"].add_closed(1, weeks_ago=8, title="Beraad wonen")
    with django_capture_on_commit_callbacks(execute=True):
        feedback_debt_summary_send()
        feedback_debt_summary_send()
    message = OutboxMessage.objects.get()
    assert (message.kind, message.to_email) == (MailKind.ADMIN_SUMMARY, admin_member.email)
    assert "Beraad wonen" in mail.outbox[0].body


def test_weekly_summary_is_not_sent_without_flagged_processes(fake_apps, admin_member):
    fake_apps["panel"].add_closed(1, weeks_ago=1)
    assert feedback_debt_summary_send() == 0


def test_debt_page_shows_the_flagged_process(client, fake_apps, admin_member):
    fake_apps["panel"].add_closed(1, weeks_ago=8, title="Beraad wonen")
    client.force_login(admin_member)
    content = client.get("/terugkoppeling/beheer/achterstand/").content.decode()
    assert "Beraad wonen" in content and "te laat" in content
