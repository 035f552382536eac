"""A vote on its public page: what is decided and, once published, the result for the whole
electorate (never a breakdown, never a ballot)."""

from members.processes import PublicSummary
from votes import results
from votes.models import Vote, VoteState
from votes.selectors import VISIBLE


def public_summary(process_id: int) -> PublicSummary | None:
    vote = Vote.objects.filter(pk=process_id, state__in=VISIBLE).first()
    if vote is None:
        return None
    about = {"purpose": vote.explanation, "stage": vote.get_state_display()}
    if vote.state != VoteState.PUBLISHED:
        return PublicSummary(**about)
    return PublicSummary(
        **about,
        outcome_template="votes/_public_outcome.html",
        outcome={"report": results.report(vote)},
    )
