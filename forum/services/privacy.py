"""Forgetting a member: what could identify them in the forum goes."""

from django.db import transaction
from django.utils import timezone

from forum.models import Contribution, OpinionMapState, Report, Statement, StatementVote
from members.models import Member


@transaction.atomic
def personal_data_erase(*, member: Member) -> int:
    """For an anonymised member: their contributions' text is removed (the place in the
    thread stays, so replies keep their context), their votes and reports are deleted,
    and their statements lose their author. Returns the contributions emptied."""
    votes = StatementVote.objects.filter(participant=member)
    conversations = set(votes.values_list("statement__conversation_id", flat=True))
    votes.delete()
    OpinionMapState.objects.filter(conversation_id__in=conversations).update(
        votes_changed_at=timezone.now()
    )
    Statement.objects.filter(author=member).update(author=None)
    Report.objects.filter(reporter=member).update(reporter=None)
    return Contribution.objects.filter(author=member).update(author=None, text="", appeal="")
