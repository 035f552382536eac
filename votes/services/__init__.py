"""Writes of the votes app; the process contract's services (members/processes.py)."""

from django.utils import timezone

from votes.models import Vote, VoteState
from votes.services.casting import ballot_cast, ballot_clean
from votes.services.lifecycle import share_pick_up, vote_announce, vote_close, vote_open
from votes.services.tally import vote_count, vote_publish

__all__ = [
    "ballot_cast",
    "ballot_clean",
    "personal_data_erase",
    "process_mark_feedback_published",
    "share_pick_up",
    "vote_announce",
    "vote_close",
    "vote_count",
    "vote_open",
    "vote_publish",
]


def process_mark_feedback_published(*, process_id: int, url: str, summary: str) -> None:
    """Link a published vote to what was done with its decision."""
    Vote.objects.filter(pk=process_id, state=VoteState.PUBLISHED).update(
        feedback_url=url, feedback_summary=summary, feedback_published_at=timezone.now()
    )


def personal_data_erase(*, member) -> int:
    """Nothing to forget here: a vote keeps no text or contact of a member.

    The roll keeps its entries (on the roll, voted or not) for the anonymised member row,
    so the number of ballots still equals the roll; what was voted was never linked to
    anyone. Returns the number of rows changed (none).
    """
    return 0
