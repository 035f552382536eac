"""Who may see, vote in, count and manage votes. Every view asks these predicates."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from members.permissions import is_admin, is_current_member
from votes.models import ANNOUNCED, RollEntry, Vote, VoteState
from votes.selectors import eligible_members

ROLL_FROZEN = (VoteState.OPEN, VoteState.CLOSED, VoteState.PUBLISHED)


def is_eligible(member, vote: Vote) -> bool:
    """On the frozen roll once the vote opened; before that, eligible as things stand."""
    if vote.state in ROLL_FROZEN:
        return RollEntry.objects.filter(vote=vote, member_id=member.pk).exists()
    return eligible_members(vote).filter(pk=member.pk).exists()


def is_committee_member(user, vote: Vote) -> bool:
    return is_current_member(user) and vote.committee.filter(member_id=user.pk).exists()


def can_manage_votes(user) -> bool:
    return is_admin(user)


def can_list_votes(user) -> bool:
    return is_current_member(user)


def can_view_vote(user, vote: Vote) -> bool:
    """Those who may vote (asked first: they are nearly everyone who asks), the committee,
    and admins."""
    if (
        is_current_member(user)
        and vote.state in ANNOUNCED
        and (is_eligible(user, vote) or is_committee_member(user, vote))
    ):
        return True
    return can_manage_votes(user)


def can_cast(user, vote: Vote) -> bool:
    return (
        is_current_member(user)
        and vote.is_open
        and RollEntry.objects.filter(vote=vote, member_id=user.pk, has_voted=False).exists()
    )


def can_view_results(user, vote: Vote) -> bool:
    """The result and its files are for those who could vote (and admins, the committee)."""
    return vote.is_published and can_view_vote(user, vote)


def can_count(user, vote: Vote) -> bool:
    return is_committee_member(user, vote) and vote.state == VoteState.CLOSED


def get_vote_for_user(user, pk: int) -> Vote:
    """The vote, or 404 when this user may not see it (drafts, other branches, supporters)."""
    vote = Vote.objects.select_related("branch").filter(pk=pk).first()
    if vote is None or not can_view_vote(user, vote):
        raise Http404
    return vote


def get_ballot_vote_for_user(
    user, pk: int, *, casting: bool = False, vote: Vote | None = None
) -> tuple[Vote, bool]:
    """The vote and whether this user may cast a ballot in it now; 404 when they may not
    even see it. Casting is asked first: one query answers both for a voter.

    ``casting``: the roll is left to the cast itself, whose conditional UPDATE is the one
    check that counts; the caller asks again without it when the cast is refused.
    ``vote``: the vote ``pk`` as the caller read it already (votes.selectors.cast_target).
    """
    if vote is None:
        vote = Vote.objects.filter(pk=pk).first()
    if vote is not None and casting and is_current_member(user) and vote.is_open:
        return vote, True
    if vote is not None and can_cast(user, vote):
        return vote, True
    return get_vote_for_user(user, pk), False


def get_results_vote_for_user(user, pk: int) -> Vote:
    """A published vote's result: 404 before it is published, so nothing interim leaks."""
    vote = get_vote_for_user(user, pk)
    if not can_view_results(user, vote):
        raise Http404
    return vote


def get_committee_vote_for_user(user, pk: int) -> Vote:
    vote = get_vote_for_user(user, pk)
    if not is_committee_member(user, vote):
        raise PermissionDenied
    return vote
