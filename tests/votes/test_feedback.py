"""A vote is a process like rounds, panels and events (issue 17): once its result is
published it owes feedback; an admin publishes what was done with the decision, the voters
hear it through the outbox, and the vote's pages show it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ledendemocratie.feedback.models import Feedback
from ledendemocratie.feedback.selectors import feedback_debt
from ledendemocratie.feedback.services import feedback_create_draft, feedback_publish
from members.models import MailKind, OutboxMessage
from tests.votes.conftest import close
from votes.models import Vote, VoteState
from votes.services import vote_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_vote(vote_factory, member_factory, opened, cast):
    """A vote with its result published, two members voted, one on the roll did not."""
    vote = vote_factory()
    voters = member_factory.create_batch(2)
    member_factory(email="niet-gestemd@example.org")
    vote, shares = opened(vote)
    for voter in voters:
        cast(vote, voter)
    vote = vote_count(vote=close(vote), shares=list(shares.values())[:2])
    assert vote.state == VoteState.PUBLISHED
    return vote, voters


@pytest.fixture
def counting_vote(vote_factory, member_factory, opened, cast):
    """A vote closed and waiting for the committee to count."""
    vote = vote_factory()
    voter = member_factory()
    vote, _shares = opened(vote)
    cast(vote, voter)
    return close(vote)


def _publish(vote, admin, callbacks) -> Feedback:
    feedback = feedback_create_draft(process_kind="vote", process_id=vote.pk)
    feedback.items.update(outcome="adopted", reason="Het congres volgt de uitslag.")
    Feedback.objects.filter(pk=feedback.pk).update(
        summary="De statuten zijn gewijzigd.", decision="Aangenomen.", reasoning="Uitslag."
    )
    with callbacks(execute=True):
        return feedback_publish(feedback=feedback, by=admin)


def test_a_published_vote_owes_feedback_in_the_overview(published_vote):
    vote, _voters = published_vote
    assert ("vote", vote.pk) in [(row.process.kind, row.process.id) for row in feedback_debt()]


def test_the_draft_has_one_outcome_per_ballot_item(published_vote):
    vote, _voters = published_vote
    feedback = feedback_create_draft(process_kind="vote", process_id=vote.pk)
    assert feedback.items.count() == vote.items.count() >= 1


def test_voters_and_only_voters_are_told_through_the_outbox(
    published_vote, admin_member, django_capture_on_commit_callbacks
):
    vote, voters = published_vote
    feedback = _publish(vote, admin_member, django_capture_on_commit_callbacks)
    told = OutboxMessage.objects.filter(kind=MailKind.FEEDBACK_REPORT)
    assert feedback.is_published
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(v.pk for v in voters)


def test_published_feedback_leaves_the_overview(
    published_vote, admin_member, django_capture_on_commit_callbacks
):
    vote, _voters = published_vote
    _publish(vote, admin_member, django_capture_on_commit_callbacks)
    assert ("vote", vote.pk) not in [(r.process.kind, r.process.id) for r in feedback_debt()]


def test_the_vote_page_links_to_what_was_done_with_the_decision(
    client, published_vote, admin_member, django_capture_on_commit_callbacks
):
    vote, voters = published_vote
    feedback = _publish(vote, admin_member, django_capture_on_commit_callbacks)
    assert Vote.objects.get(pk=vote.pk).feedback_url.endswith(feedback.get_absolute_url())
    client.force_login(voters[0])
    page = client.get(reverse("votes:vote-detail", args=[vote.pk])).content.decode()
    assert feedback.get_absolute_url() in page
    assert "Lees wat er met het besluit is gedaan" in page
    assert client.get(feedback.get_absolute_url()).status_code == 200


def test_a_vote_waiting_for_its_count_owes_no_feedback_yet(counting_vote):
    assert ("vote", counting_vote.pk) not in [
        (row.process.kind, row.process.id) for row in feedback_debt()
    ]


def test_feedback_cannot_start_before_the_result_is_published(counting_vote):
    with pytest.raises(ValidationError):
        feedback_create_draft(process_kind="vote", process_id=counting_vote.pk)
