"""Vote mail goes through the outbox, once per member and kind."""

import pytest

from members.models import MailKind, MailOptOut, OutboxMessage
from tests.votes.conftest import close
from votes.services import notifications, vote_count

pytestmark = pytest.mark.django_db


def _sent(kind) -> list[str]:
    return sorted(OutboxMessage.objects.filter(kind=kind).values_list("to_email", flat=True))


def test_the_announcement_reaches_every_eligible_member_once(
    vote_factory, announce, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        vote, _shares = announce(vote_factory())
    notifications.vote_send_announcement(vote=vote)
    assert len(_sent(MailKind.VOTE_ANNOUNCEMENT)) == 3


def test_the_announcement_of_a_binding_vote_ignores_the_opt_out(
    vote_factory, member_factory, announce, django_capture_on_commit_callbacks
):
    member = member_factory()
    MailOptOut.objects.create(member=member, kind=MailKind.VOTE_ANNOUNCEMENT)
    with django_capture_on_commit_callbacks(execute=True):
        announce(vote_factory())
    assert member.email in _sent(MailKind.VOTE_ANNOUNCEMENT)


def test_the_invitation_goes_to_the_roll_with_a_link_and_no_credentials(
    vote_factory, opened, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        vote, _shares = opened(vote_factory())
    invitation = next(m for m in mailoutbox if "De stemming is open" in m.subject)
    assert len(_sent(MailKind.VOTE_INVITATION)) == vote.roll_size
    assert f"/stemmingen/{vote.pk}/" in invitation.body and "link/" not in invitation.body


def test_the_reminder_goes_once_to_those_who_have_not_voted(vote_factory, opened, cast):
    vote, _shares = opened(vote_factory())
    voter = vote.roll.first().member
    cast(vote, voter)
    notifications.vote_send_reminder(vote=vote)
    notifications.vote_send_reminder(vote=vote)
    reminded = _sent(MailKind.VOTE_REMINDER)
    assert len(reminded) == vote.roll_size - 1 and voter.email not in reminded


def test_the_committee_is_asked_to_count_when_the_vote_closes(vote_factory, opened):
    vote, _shares = opened(vote_factory())
    close(vote)
    committee = sorted(vote.committee.values_list("member__email", flat=True))
    assert _sent(MailKind.VOTE_COUNT_REQUEST) == committee


def test_the_result_is_sent_once_to_the_roll(
    vote_factory, opened, cast, django_capture_on_commit_callbacks
):
    vote, shares = opened(vote_factory())
    cast(vote, vote.roll.first().member)
    with django_capture_on_commit_callbacks(execute=True):
        vote_count(vote=close(vote), shares=list(shares.values())[:2])
    notifications.vote_send_result(vote=vote)
    assert len(_sent(MailKind.VOTE_RESULT)) == vote.roll_size


def test_no_mail_ever_carries_a_tracker(
    vote_factory, opened, cast, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        vote, shares = opened(vote_factory())
        tracker = cast(vote, vote.roll.first().member)
        vote_count(vote=close(vote), shares=list(shares.values())[:2])
    assert len(mailoutbox) > vote.roll_size
    assert not any(tracker in m.body or tracker in m.subject for m in mailoutbox)
