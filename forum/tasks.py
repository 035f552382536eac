"""Forum jobs: thin, take ids, idempotent (the map is computed only when stale; every
mail has an outbox key)."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from forum.models import Conversation, ConversationState
from forum.services import conversations, mail, statements

RETRY = {"autoretry_for": (Exception,), "retry_backoff": True, "max_retries": 5}


@shared_task(ignore_result=True, **RETRY)
def recompute_opinion_map(conversation_id: int) -> None:
    """After a vote: recompute the map if its votes changed since (one waits at a time)."""
    statements.opinion_map_dequeued(conversation_id=conversation_id)
    conversation = Conversation.objects.filter(pk=conversation_id).first()
    if conversation:
        statements.opinion_map_compute(conversation=conversation)


@shared_task(ignore_result=True)
def sweep_opinion_maps() -> None:
    """Every 5 s: queue maps that lag behind their votes (a task that was lost)."""
    for conversation_id in statements.stale_map_ids():
        statements.opinion_map_enqueue(conversation_id=conversation_id)


@shared_task(ignore_result=True, **RETRY)
def send_conversation_invitations(conversation_id: int) -> None:
    """After opening: the audience's invitations; the outbox key sends each one once."""
    conversation = Conversation.objects.filter(pk=conversation_id).first()
    if conversation and conversation.state == ConversationState.OPEN:
        mail.conversation_invite_audience(conversation=conversation)


@shared_task(ignore_result=True, **RETRY)
def send_conversation_summary(conversation_id: int) -> None:
    """After the summary is published: everyone who took part, once."""
    conversation = Conversation.objects.filter(pk=conversation_id).first()
    if conversation and conversation.summary_published_at:
        mail.conversation_send_summary(conversation=conversation)


@shared_task(ignore_result=True, **RETRY)
def send_reply_digests() -> None:
    """Daily 07:30: replies of the last 24 h; key per day, so a rerun sends nothing twice."""
    mail.reply_digests_send()


@shared_task(ignore_result=True)
def open_due_conversations() -> None:
    """Every minute: planned conversations whose start has come open (each once)."""
    conversations.conversations_open_due()


@shared_task(ignore_result=True)
def sweep_periods() -> None:
    """Hourly: close ended conversations, and catch up invitations and summaries of the
    last two days whose task was lost (outbox keys make this send nothing twice)."""
    conversations.conversations_close_ended()
    since = timezone.now() - timedelta(days=2)
    for pk in Conversation.objects.filter(
        state=ConversationState.OPEN, opens_at__gte=since
    ).values_list("pk", flat=True):
        send_conversation_invitations.delay(pk)
    for pk in Conversation.objects.filter(summary_published_at__gte=since).values_list(
        "pk", flat=True
    ):
        send_conversation_summary.delay(pk)
