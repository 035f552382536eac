"""The monthly digest: once per member and supporter per month, through the outbox."""

from datetime import date

import pytest
from django.utils import timezone

from ledendemocratie.public.services import digest_due, digest_record, digest_send
from members.models import MailKind, MailOptOut, MemberStatus, OutboxMessage
from tests.events.factories import EventFactory
from tests.feedback.factories import FeedbackFactory
from tests.members.factories import BranchFactory, MemberFactory

pytestmark = pytest.mark.django_db


def _digests():
    return OutboxMessage.objects.filter(kind=MailKind.MONTHLY_DIGEST)


def test_every_member_and_supporter_gets_one_digest(db):
    member, supporter = MemberFactory(), MemberFactory(supporter=True)
    digest_send(digest=digest_record(month=date(2026, 11, 1)))
    assert sorted(_digests().values_list("to_email", flat=True)) == sorted(
        [member.email, supporter.email]
    )


def test_a_second_run_sends_nothing_more(db):
    MemberFactory()
    digest = digest_record(month=date(2026, 11, 1))
    digest_send(digest=digest)
    digest_send(digest=digest)
    digest_send(digest=digest_record(month=date(2026, 11, 15)))
    assert _digests().count() == 1


def test_the_next_month_is_a_new_digest(db):
    MemberFactory()
    digest_send(digest=digest_record(month=date(2026, 11, 1)))
    digest_send(digest=digest_record(month=date(2026, 12, 1)))
    assert _digests().count() == 2


def test_who_opted_out_and_former_members_get_none(db):
    opted_out = MemberFactory()
    MailOptOut.objects.create(member=opted_out, kind=MailKind.MONTHLY_DIGEST)
    MemberFactory(status=MemberStatus.FORMER)
    digest_send(digest=digest_record(month=date(2026, 11, 1)))
    assert not _digests().exists()


def test_on_the_first_the_digest_covers_the_month_before(db):
    assert digest_due(today=date(2027, 1, 1)).month == date(2026, 12, 1)
    assert digest_due(today=date(2026, 12, 1)).month == date(2026, 11, 1)


def test_the_digest_tells_what_was_decided_and_why(mailoutbox, django_capture_on_commit_callbacks):
    MemberFactory()
    feedback = FeedbackFactory(published=True, decision="We nemen het over.", reasoning="Steun.")
    month = timezone.localdate(feedback.published_at).replace(day=1)
    with django_capture_on_commit_callbacks(execute=True):
        digest_send(digest=digest_record(month=month))
    (mail,) = mailoutbox
    assert "We nemen het over." in mail.body
    assert "Steun." in mail.body


def test_the_digest_is_written_in_the_members_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    MemberFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        digest_send(digest=digest_record(month=date(2026, 11, 1)))
    (mail,) = mailoutbox
    assert "November 2026" in mail.subject


def test_what_is_open_in_a_branch_goes_to_that_branchs_members_only(
    mailoutbox, django_capture_on_commit_callbacks
):
    north, south = BranchFactory(slug="noord"), BranchFactory(slug="zuid")
    here, elsewhere = MemberFactory(branch=north), MemberFactory(branch=south)
    EventFactory(branch=north, title="Buurtgesprek in Noord")
    with django_capture_on_commit_callbacks(execute=True):
        digest_send(digest=digest_record(month=date(2026, 11, 1)))
    bodies = {mail.to[0]: mail.body for mail in mailoutbox}
    assert "Buurtgesprek in Noord" in bodies[here.email]
    assert "Buurtgesprek in Noord" not in bodies[elsewhere.email]
