"""The one outbox: every e-mail is stored with its cause and sent after commit.

Feature apps call ``outbox_enqueue`` (one recipient) or ``outbox_enqueue_many`` (a
mailing). Both are idempotent per (kind, address, object key) and honour opt-outs.
"""

import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from members.models import MailKind, MailOptOut, Member, OutboxMessage
from members.models.outbox import ESSENTIAL_MAIL_KINDS
from shared.chunks import chunked
from shared.links import BadLink, link_member_id, link_object, link_token, link_verify

MAX_ATTEMPTS = 5
UNSUBSCRIBE_PURPOSE = "unsubscribe"
DEDUP_SALT = "members.outbox.dedup"
Status = OutboxMessage.Status
# What a sent message keeps: everything that could carry a secret or a body goes.
EMPTIED = {"text_body": "", "html_body": "", "headers": {}, "attachments": []}
logger = logging.getLogger(__name__)


def dedup_key_for(kind: str, to_email: str, key: str) -> str:
    """A keyed hash of (kind, address, object key): the one thing kept for deduplication.

    Without SECRET_KEY it cannot be traced back to an address, so a pruned row no longer
    says who got which mail.
    """
    value = f"{kind}\n{to_email.strip().lower()}\n{key}"
    return salted_hmac(DEDUP_SALT, value, algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str
    mimetype: str


def mail_is_optional(kind: str) -> bool:
    return kind not in ESSENTIAL_MAIL_KINDS


def mail_is_wanted(member: Member, kind: str) -> bool:
    if not member.email or member.anonymised_at is not None:
        return False
    if not mail_is_optional(kind):
        return True
    return not MailOptOut.objects.filter(member=member, kind=kind).exists()


def unsubscribe_url(member: Member, kind: str) -> str:
    token = link_token(
        purpose=UNSUBSCRIBE_PURPOSE, member_id=member.pk, key=member.link_key, obj=kind
    )
    return settings.SITE_URL + reverse("members:unsubscribe", args=[token])


def render_message(template: str, context: dict, language: str) -> tuple[str, str, str]:
    """Render ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html``.

    The HTML part is optional: without it the text is wrapped in the e-mail layout.
    """
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context).strip() + "\n"
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = render_to_string("members/email/layout.html", {**context, "text": text})
    return subject, text, html


def _message_for(*, kind, key, to_email, recipient, template, context, attachments):
    language = recipient.language if recipient else (translation.get_language() or "nl")[:2]
    headers = {}
    if recipient and mail_is_optional(kind):
        link = unsubscribe_url(recipient, kind)
        context = {**context, "unsubscribe_url": link}
        headers = {
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    subject, text, html = render_message(template, {"recipient": recipient, **context}, language)
    return OutboxMessage(
        kind=kind,
        object_key=key,
        dedup_key=dedup_key_for(kind, to_email, key),
        recipient=recipient,
        to_email=to_email,
        language=language,
        subject=subject,
        text_body=text,
        html_body=html,
        headers=headers,
        attachments=[a.__dict__ for a in attachments],
    )


def outbox_enqueue(
    *,
    kind: str,
    key: str,
    template: str,
    context: dict | None = None,
    recipient: Member | None = None,
    to_email: str | None = None,
    attachments: Iterable[Attachment] = (),
) -> OutboxMessage | None:
    """Store one e-mail and send it after commit.

    Returns None when nobody should get it (no address, opted out), and the existing
    message when this (kind, address, key) was enqueued before: it is not sent again.
    """
    from members.tasks import send_outbox_message

    to_email = to_email or (recipient.email if recipient else None)
    if not to_email or (recipient and not mail_is_wanted(recipient, kind)):
        return None
    existing = OutboxMessage.objects.filter(dedup_key=dedup_key_for(kind, to_email, key)).first()
    if existing:
        return existing
    message = _message_for(
        kind=kind,
        key=key,
        to_email=to_email,
        recipient=recipient,
        template=template,
        context=context or {},
        attachments=tuple(attachments),
    )
    with transaction.atomic():
        message.save()
    send_outbox_message.delay_on_commit(message.pk)
    return message


def outbox_enqueue_many(
    *,
    kind: str,
    key: str,
    template: str,
    recipients: Iterable[Member],
    context_for: Callable[[Member], dict] | None = None,
) -> int:
    """Store one e-mail per recipient (a mailing) and send them after commit.

    Opted-out recipients and addresses that already got this (kind, key) are skipped.
    Returns the number of messages stored.
    """
    from members.tasks import send_ready_messages

    opted_out = set()
    if mail_is_optional(kind):
        opted_out = set(MailOptOut.objects.filter(kind=kind).values_list("member_id", flat=True))
    stored = 0
    wanted = (
        member
        for member in recipients
        if member.email and member.anonymised_at is None and member.pk not in opted_out
    )
    # Rendered in chunks so a mailing to the whole membership stays lean; rows kept after
    # retention hold only the keyed hash, so that is what is compared.
    for chunk in chunked(wanted, 1000):
        hashes = {m.pk: dedup_key_for(kind, m.email, key) for m in chunk}
        already = set(
            OutboxMessage.objects.filter(dedup_key__in=hashes.values()).values_list(
                "dedup_key", flat=True
            )
        )
        chunk = [m for m in chunk if hashes[m.pk] not in already]
        messages = [
            _message_for(
                kind=kind,
                key=key,
                to_email=member.email,
                recipient=member,
                template=template,
                context=context_for(member) if context_for else {},
                attachments=(),
            )
            for member in chunk
        ]
        OutboxMessage.objects.bulk_create(messages, ignore_conflicts=True)
        stored += len(messages)
        # One sender per stored chunk: outside a transaction the first chunk is on its way
        # while the next is rendered, and every free worker joins in (claims split them).
        if messages:
            send_ready_messages.delay_on_commit()
    return stored


def outbox_store_rendered(
    *,
    kind: str,
    key: str,
    to_email: str,
    subject: str,
    text_body: str,
    html_body: str = "",
    recipient: Member | None = None,
) -> OutboxMessage:
    """Store a message rendered elsewhere (allauth's mails) and send it after commit."""
    from members.tasks import send_outbox_message

    message, created = OutboxMessage.objects.get_or_create(
        dedup_key=dedup_key_for(kind, to_email, key),
        defaults={
            "kind": kind,
            "to_email": to_email,
            "object_key": key,
            "recipient": recipient,
            "subject": subject,
            "text_body": text_body,
            "html_body": html_body,
            "language": (translation.get_language() or "nl")[:2],
        },
    )
    if created:
        send_outbox_message.delay_on_commit(message.pk)
    return message


def message_id_for(message: OutboxMessage) -> str:
    """One Message-ID per outbox row: a message handed over twice after a crash is one message."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<outbox-{message.pk}@{domain}>"


def _deliver(message: OutboxMessage, connection) -> None:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text_body,
        to=[message.to_email],
        headers={"Message-ID": message_id_for(message), **message.headers},
        connection=connection,
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    for attachment in message.attachments:
        email.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    email.send()


def _lease() -> timedelta:
    return timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


@dataclass
class _Claim:
    """One sender's claim: its owner id, the lease it holds, the messages still its own.

    Sent messages are marked in small groups (``sent``), by an update conditional on the
    claim, so sending costs no query per message.
    """

    owner: str
    lease_until: datetime
    held: set[int] = field(default_factory=set)
    sent: list[int] = field(default_factory=list)


# Mark sent messages in groups of this size: a crash re-sends at most this many (with the
# same Message-ID, which the relay and the inbox see as one message).
MARK_SENT_EVERY = 25


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


def _claim_holds(message: OutboxMessage, claim: _Claim) -> bool:
    """True while the message's claim is this sender's, with time left to hand it over.

    Once a third of the lease is used the sender renews it (conditionally, for all it
    holds), so a hand-over always starts with two thirds of a lease to go: the sweep
    releases a claim only when its sender stopped renewing for a whole lease (it died),
    never in the middle of a slow batch, and never while a message is on its way.
    """
    if timezone.now() > claim.lease_until - _lease() * 2 / 3:
        _renew(claim)
    return message.pk in claim.held


def _mark_sent(claim: _Claim) -> int:
    if not claim.sent:
        return 0
    marked = OutboxMessage.objects.filter(
        pk__in=claim.sent, status=Status.SENDING, claimed_by=claim.owner
    ).update(status=Status.SENT, sent_at=timezone.now(), last_error="", lease_until=None, **EMPTIED)
    if marked < len(claim.sent):
        logger.warning("%d sent outbox messages had lost their claim", len(claim.sent) - marked)
    claim.held -= set(claim.sent)
    claim.sent = []
    return marked


def _record_failure(message: OutboxMessage, error: Exception, claim: _Claim) -> None:
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


def _send_claimed(message: OutboxMessage, connection, claim: _Claim) -> bool:
    """Hand one claimed message to SMTP while the claim holds; it is marked sent on that
    claim with the next group (``_mark_sent``)."""
    if not _claim_holds(message, claim):
        logger.warning("Outbox message %s was taken from this sender; not sent", message.pk)
        return False
    try:
        _deliver(message, connection)
    except Exception as error:
        _record_failure(message, error, claim)
        return False
    claim.sent.append(message.pk)
    return True


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


def outbox_send(*, message_id: int) -> bool:
    """Send one ready message. Returns False when another worker has it or sent it."""
    claim = _new_claim()
    claimed = OutboxMessage.objects.filter(pk=message_id, status=Status.READY).update(
        **_claim_update(claim)
    )
    if not claimed:
        return False
    claim.held = {message_id}
    sent = _send_claimed(OutboxMessage.objects.get(pk=message_id), get_connection(), claim)
    return sent and _mark_sent(claim) == 1


def _claim_batch(size: int, claim: _Claim) -> list[OutboxMessage]:
    with transaction.atomic():
        ids = list(
            OutboxMessage.objects.filter(status=Status.READY, next_attempt_at__lte=timezone.now())
            .order_by("pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:size]
        )
        OutboxMessage.objects.filter(pk__in=ids, status=Status.READY).update(**_claim_update(claim))
    mine = OutboxMessage.objects.filter(pk__in=ids, status=Status.SENDING, claimed_by=claim.owner)
    batch = list(mine.order_by("pk"))
    claim.held = {message.pk for message in batch}
    return batch


def outbox_send_ready(*, batch_size: int | None = None) -> int:
    """Send every message that is ready, batch by batch, each batch under its own claim.

    Returns how many were handed over. One SMTP connection serves every batch of the run.
    """
    batch_size = batch_size or settings.OUTBOX_BATCH_SIZE
    sent = 0
    connection = get_connection()
    with connection:
        while batch := _claim_batch(batch_size, claim := _new_claim()):
            for message in batch:
                sent += _send_claimed(message, connection, claim)
                if len(claim.sent) >= MARK_SENT_EVERY:
                    _mark_sent(claim)
            _mark_sent(claim)
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


def outbox_prune(*, now=None) -> int:
    """Daily: empty sent and failed mail older than OUTBOX_RETENTION_DAYS.

    What stays of such a row is its kind, status, times and the keyed ``dedup_key``, so a
    rerun of the job that made it still sends nothing twice, while no row says any more
    who got which mail. Login mail (never deduplicated: each key is random) goes entirely.
    Returns how many rows were emptied or deleted.
    """
    now = now or timezone.now()
    old = OutboxMessage.objects.filter(
        status__in=[Status.SENT, Status.FAILED],
        created_at__lt=now - timedelta(days=settings.OUTBOX_RETENTION_DAYS),
    )
    deleted, _by_model = old.filter(kind=MailKind.ACCOUNT).delete()
    emptied = old.exclude(to_email="").update(
        to_email="", recipient=None, object_key="", subject="", last_error="", **EMPTIED
    )
    return deleted + emptied


def outbox_forget(*, key: str) -> int:
    """Delete every message about one object (``key`` and keys under ``key:``).

    Called when that object is anonymised (a closed round), so no mail record keeps saying
    who was invited to it, answered it or heard its results. Returns how many went.
    """
    about = Q(object_key=key) | Q(object_key__startswith=f"{key}:")
    deleted, _by_model = OutboxMessage.objects.filter(about).delete()
    return deleted


@transaction.atomic
def outbox_requeue_failed(*, message_ids: Iterable[int]) -> int:
    """Give failed messages a fresh set of attempts; the sender picks them up after commit."""
    from members.tasks import send_ready_messages

    requeued = OutboxMessage.objects.filter(pk__in=list(message_ids), status=Status.FAILED).update(
        status=Status.READY, attempts=0, next_attempt_at=timezone.now()
    )
    if requeued:
        send_ready_messages.delay_on_commit()
    return requeued


def mail_opt_out(*, member: Member, kind: str) -> None:
    if mail_is_optional(kind):
        MailOptOut.objects.get_or_create(member=member, kind=kind)


def mail_opt_in(*, member: Member, kind: str) -> None:
    MailOptOut.objects.filter(member=member, kind=kind).delete()


def member_from_unsubscribe_token(token: str) -> tuple[Member, str] | None:
    """(member, mail kind) of a personal unsubscribe link; no expiry, revoked with the key."""
    member = Member.objects.filter(pk=link_member_id(token)).first()
    try:
        link_verify(token, purpose=UNSUBSCRIBE_PURPOSE, key=member.link_key if member else "")
    except BadLink:
        return None
    return member, link_object(token)
