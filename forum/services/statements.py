"""Statements, votes and the opinion map computed from them."""

import dataclasses
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.models import STALE_MAPS, Conversation, OpinionMapState, Statement, StatementVote
from members.models import Member, MemberStatus

# While a recomputation waits in the queue, this key stands; the task removes it as it
# starts. A task lost on the way frees it after the timeout, and the sweep queues again.
QUEUED_KEY = "forum:map-queued:{}"
QUEUED_TIMEOUT = 30
MIN_GROUP_SIZE = 7


@transaction.atomic
def statement_add(*, conversation: Conversation, author: Member, text: str) -> Statement:
    if not conversation.is_open:
        raise ValidationError(_("Dit gesprek is niet open."))
    statement = Statement(conversation=conversation, author=author, text=text.strip())
    statement.full_clean()
    statement.save()
    return statement


@transaction.atomic
def vote_cast(*, statement: Statement, participant: Member, value: int) -> StatementVote:
    """Record (or change) a vote; the map is recomputed shortly after commit."""
    if not statement.conversation.is_open:
        raise ValidationError(_("Dit gesprek is niet open."))
    if value not in StatementVote.Value.values:
        raise ValidationError(_("Kies eens, oneens of overslaan."))
    vote, _created = StatementVote.objects.update_or_create(
        statement=statement,
        participant=participant,
        defaults={"value": value, "voted_at": timezone.now()},
    )
    opinion_map_mark_stale(conversation_id=statement.conversation_id)
    return vote


def opinion_map_mark_stale(*, conversation_id: int) -> None:
    """Note that votes changed and make sure a recomputation follows."""
    state, created = OpinionMapState.objects.get_or_create(conversation_id=conversation_id)
    if not created:
        state.votes_changed_at = timezone.now()
        state.save(update_fields=["votes_changed_at"])
    opinion_map_enqueue(conversation_id=conversation_id)


def opinion_map_enqueue(*, conversation_id: int) -> None:
    """Queue one recomputation (after commit) unless one is waiting already.

    So at most one waits and one runs per conversation, however fast votes come: a vote
    during a computation queues the next one, which then includes it. (Queuing one per
    vote, or per time window, lets redundant computations pile up behind each other when
    a computation takes longer than the window.)
    """
    from forum.tasks import recompute_opinion_map

    if cache.add(QUEUED_KEY.format(conversation_id), 1, QUEUED_TIMEOUT):
        recompute_opinion_map.delay_on_commit(conversation_id)


def opinion_map_dequeued(*, conversation_id: int) -> None:
    """The queued recomputation starts: the next vote may queue another."""
    cache.delete(QUEUED_KEY.format(conversation_id))


def _votes(conversation: Conversation):
    votes = StatementVote.objects.filter(
        statement__conversation=conversation, statement__hidden_at__isnull=True
    ).order_by("participant_id", "statement_id")
    return list(votes.values_list("participant_id", "statement_id", "value"))


def _experts(conversation: Conversation) -> frozenset[int]:
    if conversation.experts_in_map:
        return frozenset()
    accounts = Member.objects.filter(
        status=MemberStatus.EXPERT, forum_expert__conversations=conversation
    )
    return frozenset(accounts.values_list("pk", flat=True))


def jsonable(value):
    """An OpinionMap (dataclasses, tuples, dicts with int keys) as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [jsonable(v) for v in value]
        return sorted(items) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, float):
        return round(value, 6)
    if hasattr(value, "item"):  # numpy scalars
        return jsonable(value.item())
    return value


def opinion_map_compute(*, conversation: Conversation) -> OpinionMapState:
    """Recompute the map if votes changed since the last time (idempotent).

    The labels handed out last time go in as ``previous`` so groups keep their names;
    invited experts are left out unless the conversation says otherwise.
    """
    # Imported here: the clustering (branch forum-map) loads scikit-learn, which the
    # pages that only read the stored map never need.
    from forum.opinion_map import opinion_map

    state, _created = OpinionMapState.objects.get_or_create(conversation=conversation)
    if not state.is_stale:
        return state
    seen = state.votes_changed_at
    result = opinion_map(
        _votes(conversation),
        exclude=_experts(conversation),
        previous={int(k): v for k, v in state.labels.items()} or None,
        seed=conversation.pk,
        min_group_size=MIN_GROUP_SIZE,
    )
    data = jsonable(result)
    state.result, state.labels = data, data.get("membership", {})
    state.computed_at = seen
    state.save(update_fields=["result", "labels", "computed_at"])
    return state


def stale_map_ids(*, grace: timedelta = timedelta(seconds=1)) -> list[int]:
    """Conversations whose map lags behind its votes (for the sweep)."""
    before = timezone.now() - grace
    stale = OpinionMapState.objects.filter(STALE_MAPS, votes_changed_at__lte=before)
    return list(stale.values_list("conversation_id", flat=True))
