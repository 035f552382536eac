"""Editing a vote before it is announced; after that the ballot is fixed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from votes.models import BallotItem, CommitteeMember, Vote, VoteState


def vote_require_draft(vote_id: int | None) -> None:
    """Refuse any change to an announced vote, its items or its committee."""
    if vote_id is None:
        return
    state = Vote.objects.filter(pk=vote_id).values_list("state", flat=True).first()
    if state is not None and state != VoteState.DRAFT:
        raise ValidationError(_("Een aangekondigde stemming kan niet meer veranderen."))


@transaction.atomic
def vote_save(*, vote: Vote) -> Vote:
    vote_require_draft(vote.pk)
    vote.state = VoteState.DRAFT
    vote.full_clean()
    vote.save()
    return vote


@transaction.atomic
def vote_part_save(*, obj: BallotItem | CommitteeMember) -> BallotItem | CommitteeMember:
    """Save a ballot item or committee member of a vote still in draft."""
    vote_require_draft(obj.vote_id)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def vote_part_delete(*, obj: BallotItem | CommitteeMember) -> None:
    vote_require_draft(obj.vote_id)
    obj.delete()
