"""Sending: claims with an owner and a lease, batches, one SMTP connection per run.

A sender claims a batch of ready messages (``SELECT … FOR UPDATE SKIP LOCKED``, then an
update that sets its own ``claimed_by`` and a lease), opens each mailing's content once,
fills in every message and hands it to SMTP while its claim holds, and marks messages sent
in groups by an update conditional on that claim. So two senders never share a message, a
sender whose claim was taken sends nothing more, and a crash re-sends at most one group
(with the same Message-ID, which relays and mailboxes treat as one message).
"""

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import formatdate

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from members.models import OutboxContent, OutboxMessage
from members.services.outbox.merging import Recipient
from members.services.outbox.mime import MailTemplate

MAX_ATTEMPTS = 5
# Mark sent messages in groups of this size: a crash re-sends at most this many.
MARK_SENT_EVERY = 100
Status = OutboxMessage.Status
logger = logging.getLogger(__name__)
_FIELDS = ("pk", "to_email", "subject", "attempts", "content_id", "recipient_id")
_RECIPIENT = ("recipient__link_key", "recipient__first_name", "recipient__infix")
_RECIPIENT += ("recipient__last_name",)


@dataclass(frozen=True)
class _Queued:
    """A claimed message, as much as sending it needs."""

    pk: int
    to_email: str
    subject: str
    attempts: int
    content_id: int | None
    recipient: Recipient


def _lease() -> timedelta:
    return timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


@dataclass
class _Claim:
    """One sender's claim: its owner id, the lease it holds, the messages still its own.

    Sent messages are marked in groups (``sent``), by an update conditional on the claim;
    ``sealed`` holds the sealed contents of those, emptied once they are sent.
    """

    owner: str
    lease_until: datetime
    held: set[int] = field(default_factory=set)
    sent: list[int] = field(default_factory=list)
    sealed: set[int] = field(default_factory=set)


def _new_claim() -> _Claim:
    return _Claim(owner=uuid.uuid4().hex, lease_until=timezone.now() + _lease())


def _claim_update(claim: _Claim) -> dict:
    return {
        "status": Status.SENDING,
        "claimed_at": timezone.now(),
        "claimed_by": claim.owner,
        "lease_until": claim.lease_until,
        "attempts": F("attempts") + 1,
    }


def _renew(claim: _Claim) -> None:
    """Extend the lease on every message still held; forget those another sender has."""
    _mark_sent(claim)
    until = timezone.now() + _lease()
    mine = OutboxMessage.objects.filter(
        pk__in=claim.held, status=Status.SENDING, claimed_by=claim.owner
    )
    mine.update(lease_until=until)
    claim.held = set(mine.values_list("pk", flat=True))
    claim.lease_until = until


def _claim_holds(pk: int, claim: _Claim) -> bool:
    """True while the message's claim is this sender's, with time left to hand it over.

    Once a third of the lease is used the sender renews it (conditionally, for all it
    holds), so a hand-over always starts with two thirds of a lease to go: the sweep
    releases a claim only when its sender stopped renewing for a whole lease (it died),
    never in the middle of a slow batch, and never while a message is on its way.
    """
    if timezone.now() > claim.lease_until - _lease() * 2 / 3:
        _renew(claim)
    return pk in claim.held


def _mark_sent(claim: _Claim) -> int:
    if not claim.sent:
        return 0
    marked = OutboxMessage.objects.filter(
        pk__in=claim.sent, status=Status.SENDING, claimed_by=claim.owner
    ).update(status=Status.SENT, sent_at=timezone.now(), last_error="", lease_until=None)
    if marked < len(claim.sent):
        logger.warning("%d sent outbox messages had lost their claim", len(claim.sent) - marked)
    if claim.sealed:
        # A login code is of no use to anyone once it is on its way.
        OutboxContent.objects.filter(pk__in=claim.sealed, sealed=True).update(
            text_body="", html_body=""
        )
    claim.held -= set(claim.sent)
    claim.sent, claim.sealed = [], set()
    return marked


def _record_failure(message: _Queued, error: Exception, claim: _Claim) -> None:
    failed = message.attempts >= MAX_ATTEMPTS
    OutboxMessage.objects.filter(
        pk=message.pk, status=Status.SENDING, claimed_by=claim.owner
    ).update(
        status=Status.FAILED if failed else Status.READY,
        claimed_by="",
        lease_until=None,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=timezone.now() + timedelta(minutes=2**message.attempts),
    )
    claim.held.discard(message.pk)


class _Templates(dict):
    """The contents a run has opened, by id: each mailing's is read and built once."""

    def load(self, batch: list[_Queued]) -> None:
        missing = {m.content_id for m in batch if m.content_id and m.content_id not in self}
        subjects = {m.content_id: m.subject for m in batch}
        for content in OutboxContent.objects.filter(pk__in=missing):
            self[content.pk] = MailTemplate(content, subjects[content.pk])


def _send_claimed(message: _Queued, connection, claim: _Claim, templates, date: str) -> bool:
    """Hand one claimed message to SMTP while the claim holds; it is marked sent on that
    claim with the next group (``_mark_sent``)."""
    if not _claim_holds(message.pk, claim):
        logger.warning("Outbox message %s was taken from this sender; not sent", message.pk)
        return False
    try:
        template = templates.get(message.content_id)
        if template is None:
            raise LookupError("This message has no content.")
        email = template.email(
            pk=message.pk,
            to_email=message.to_email,
            subject=message.subject,
            recipient=message.recipient,
            date=date,
        )
        connection.send_messages([email])
    except Exception as error:
        _record_failure(message, error, claim)
        return False
    claim.sent.append(message.pk)
    if template.content.sealed:
        claim.sealed.add(template.content.pk)
    return True


def _queued(rows) -> list[_Queued]:
    return [
        _Queued(*row[:5], Recipient(row[5], *(value or "" for value in row[6:]))) for row in rows
    ]


def _claimed(ids: list[int], claim: _Claim) -> list[_Queued]:
    mine = OutboxMessage.objects.filter(pk__in=ids, status=Status.SENDING, claimed_by=claim.owner)
    batch = _queued(mine.order_by("pk").values_list(*_FIELDS, *_RECIPIENT))
    claim.held = {message.pk for message in batch}
    return batch


def _claim_batch(size: int, claim: _Claim) -> list[_Queued]:
    with transaction.atomic():
        ids = list(
            OutboxMessage.objects.filter(status=Status.READY, next_attempt_at__lte=timezone.now())
            .order_by("pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:size]
        )
        OutboxMessage.objects.filter(pk__in=ids, status=Status.READY).update(**_claim_update(claim))
    return _claimed(ids, claim)


def _send_batch(batch: list[_Queued], connection, claim: _Claim, templates: _Templates) -> int:
    templates.load(batch)
    date = formatdate(localtime=settings.EMAIL_USE_LOCALTIME)  # as Django would set it
    sent = 0
    for message in batch:
        sent += _send_claimed(message, connection, claim, templates, date)
        if len(claim.sent) >= MARK_SENT_EVERY:
            _mark_sent(claim)
    _mark_sent(claim)
    return sent


def outbox_send(*, message_id: int) -> bool:
    """Send one ready message. Returns False when another worker has it or sent it."""
    claim = _new_claim()
    claimed = OutboxMessage.objects.filter(pk=message_id, status=Status.READY).update(
        **_claim_update(claim)
    )
    if not claimed:
        return False
    batch = _claimed([message_id], claim)
    return _send_batch(batch, get_connection(), claim, _Templates()) == 1


def outbox_send_ready(*, batch_size: int | None = None) -> int:
    """Send every message that is ready, batch by batch, each batch under its own claim.

    Returns how many were handed over. One SMTP connection serves every batch of the run.
    """
    batch_size = batch_size or settings.OUTBOX_BATCH_SIZE
    sent = 0
    templates = _Templates()
    connection = get_connection()
    with connection:
        while batch := _claim_batch(batch_size, claim := _new_claim()):
            sent += _send_batch(batch, connection, claim, templates)
    return sent


def outbox_release_stale(*, now=None) -> int:
    """Put messages back in the queue whose sender stopped renewing its lease (it died).

    A live sender renews its lease every third of OUTBOX_LEASE_SECONDS, so only a claim
    silent for a whole lease is released; the old owner can no longer mark it sent.
    """
    now = now or timezone.now()
    return OutboxMessage.objects.filter(
        Q(lease_until__lt=now) | Q(lease_until=None), status=Status.SENDING
    ).update(status=Status.READY, claimed_by="", lease_until=None)
