"""A conversation on its public page: its question and, once published, the summary with the
consensus statements. Never a contribution, a name or anyone's position on the map."""

from forum.models import Conversation
from forum.models import ConversationState as State
from forum.selectors import VISIBLE
from members.processes import PublicSummary


def public_summary(process_id: int) -> PublicSummary | None:
    conversation = Conversation.objects.filter(pk=process_id, state__in=VISIBLE).first()
    if conversation is None:
        return None
    about = {"purpose": conversation.introduction, "stage": conversation.get_state_display()}
    if conversation.state != State.SUMMARISED:
        return PublicSummary(**about)
    return PublicSummary(
        **about,
        outcome_template="forum/_public_outcome.html",
        outcome={"conversation": conversation},
    )
