"""The one outbox: every e-mail is stored with its cause and sent after commit.

Feature apps call ``outbox_enqueue`` (one recipient) or ``outbox_enqueue_many`` (a
mailing). Both are idempotent per (kind, address, object key) and honour opt-outs.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from members.models import MailOptOut, Member, OutboxMessage
from members.models.outbox import ESSENTIAL_MAIL_KINDS
from members.utils import chunked
from shared.links import BadLink, link_member_id, link_object, link_token, link_verify

MAX_ATTEMPTS = 5
UNSUBSCRIBE_PURPOSE = "unsubscribe"
Status = OutboxMessage.Status


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
    existing = OutboxMessage.objects.filter(kind=kind, to_email=to_email, object_key=key).first()
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
    already = set(
        OutboxMessage.objects.filter(kind=kind, object_key=key).values_list("to_email", flat=True)
    )
    stored = 0
    wanted = (
        member
        for member in recipients
        if member.email
        and member.anonymised_at is None
        and member.pk not in opted_out
        and member.email not in already
    )
    # Rendered in chunks so a mailing to the whole membership stays lean.
    for chunk in chunked(wanted, 1000):
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
    if stored:
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
        kind=kind,
        to_email=to_email,
        object_key=key,
        defaults={
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


def _record_failure(message: OutboxMessage, error: Exception) -> None:
    failed = message.attempts >= MAX_ATTEMPTS
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=Status.FAILED if failed else Status.READY,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=timezone.now() + timedelta(minutes=2**message.attempts),
    )


def _send_claimed(message: OutboxMessage, connection) -> bool:
    try:
        _deliver(message, connection)
    except Exception as error:
        _record_failure(message, error)
        return False
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def outbox_send(*, message_id: int) -> bool:
    """Send one ready message. Returns False when another worker has it or sent it."""
    claimed = OutboxMessage.objects.filter(pk=message_id, status=Status.READY).update(
        status=Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    return _send_claimed(OutboxMessage.objects.get(pk=message_id), get_connection())


def _claim_batch(size: int) -> list[OutboxMessage]:
    with transaction.atomic():
        ids = list(
            OutboxMessage.objects.filter(status=Status.READY, next_attempt_at__lte=timezone.now())
            .order_by("pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:size]
        )
        OutboxMessage.objects.filter(pk__in=ids, status=Status.READY).update(
            status=Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    return list(OutboxMessage.objects.filter(pk__in=ids, status=Status.SENDING))


def outbox_send_ready(*, batch_size: int | None = None) -> int:
    """Send every message that is ready, batch by batch. Returns how many were sent."""
    batch_size = batch_size or settings.OUTBOX_BATCH_SIZE
    sent = 0
    connection = get_connection()
    while batch := _claim_batch(batch_size):
        sent += sum(_send_claimed(message, connection) for message in batch)
    return sent


def outbox_release_stale(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Put messages back in the queue whose worker died while sending them."""
    return OutboxMessage.objects.filter(
        status=Status.SENDING, claimed_at__lt=timezone.now() - older_than
    ).update(status=Status.READY)


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
