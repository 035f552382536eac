"""Putting mail in the outbox: idempotent per (kind, address, object key), after opt-outs.

A mailing (``outbox_enqueue_many`` with one ``context``) is rendered once per language; the
recipient's name and personal links are placeholders the sender fills in. Mail whose
context differs per recipient (``context_for``) is rendered per message, with its personal
links as placeholders too. Either way what is stored holds no personal link.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from members.models import Member, OutboxContent, OutboxMessage
from members.services.outbox.bulk import DEDUP_SALT, addressees, dedup_hasher, messages_insert
from members.services.outbox.merging import MergeRecipient, links_in, merge_fields_in
from members.services.outbox.preferences import (
    mail_is_optional,
    mail_is_wanted,
    opted_out_ids,
    unsubscribe_link,
)
from members.services.outbox.sealing import seal
from shared.chunks import chunked

CHUNK = 2000


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


def _render_content(
    *, kind: str, template: str, context: dict, language: str, recipient, attachments=()
) -> tuple[str, OutboxContent]:
    """(subject, unsaved content) with the recipient's name and links as placeholders."""
    headers = {}
    if recipient is not None and mail_is_optional(kind):
        link = unsubscribe_link(kind)
        context = {**context, "unsubscribe_url": link}
        headers = {
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    subject, text, html = render_message(template, {"recipient": recipient, **context}, language)
    merging = isinstance(recipient, MergeRecipient)
    content = OutboxContent(
        language=language,
        text_body=text,
        html_body=html,
        headers=headers,
        attachments=[a.__dict__ for a in attachments],
        links=links_in(context),
        merge_fields=merge_fields_in(text, html) if merging else {},
    )
    return subject, content


def _message(*, kind, key, to_email, recipient, subject, content) -> OutboxMessage:
    return OutboxMessage(
        kind=kind,
        object_key=key,
        dedup_key=dedup_key_for(kind, to_email, key),
        recipient=recipient,
        to_email=to_email,
        language=content.language,
        subject=subject,
        content=content,
    )


def _language_of(recipient: Member | None) -> str:
    return recipient.language if recipient else (translation.get_language() or "nl")[:2]


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
    subject, content = _render_content(
        kind=kind,
        template=template,
        context=context or {},
        language=_language_of(recipient),
        recipient=recipient,
        attachments=tuple(attachments),
    )
    with transaction.atomic():
        content.save()
        message = _message(
            kind=kind,
            key=key,
            to_email=to_email,
            recipient=recipient,
            subject=subject,
            content=content,
        )
        message.save()
    send_outbox_message.delay_on_commit(message.pk)
    return message


class _SharedContents:
    """One rendering of a mailing per language, saved when first used."""

    def __init__(self, kind: str, template: str, context: dict):
        self.kind, self.template, self.context = kind, template, context
        self.by_language: dict[str, tuple[str, OutboxContent]] = {}

    def get(self, language: str) -> tuple[str, OutboxContent]:
        if language not in self.by_language:
            subject, content = _render_content(
                kind=self.kind,
                template=self.template,
                context=self.context,
                language=language,
                recipient=MergeRecipient(),
            )
            content.save()
            self.by_language[language] = subject, content
        return self.by_language[language]


def outbox_enqueue_many(
    *,
    kind: str,
    key: str,
    template: str,
    recipients: Iterable[Member],
    context: dict | None = None,
    context_for: Callable[[Member], dict] | None = None,
) -> int:
    """Store one e-mail per recipient (a mailing) and send them after commit.

    With ``context`` (the same for everyone) the templates are rendered once per language,
    the recipient standing in as ``recipient.first_name`` / ``recipient.full_name``; with
    ``context_for`` they are rendered per recipient. Personal links go in as
    ``PersonalLink`` values. Opted-out recipients and addresses that already got this
    (kind, key) are skipped. Returns the number of messages stored.
    """
    from members.tasks import send_ready_messages

    opted_out = opted_out_ids(kind)
    shared = _SharedContents(kind, template, context or {}) if context_for is None else None
    wanted = (
        member
        for member in (addressees(recipients) if shared else recipients)
        if member.email and member.anonymised_at is None and member.pk not in opted_out
    )
    dedup, stored = dedup_hasher(kind, key), 0
    # In chunks, so a mailing to the whole membership stays lean; rows kept after
    # retention hold only the keyed hash, so that is what is compared.
    for chunk in chunked(wanted, CHUNK):
        hashes = {m.pk: dedup(m.email) for m in chunk}
        already = set(
            OutboxMessage.objects.filter(dedup_key__in=hashes.values()).values_list(
                "dedup_key", flat=True
            )
        )
        rows = [
            _row(kind, key, hashes[m.pk], m, shared, template, context_for)
            for m in chunk
            if hashes[m.pk] not in already
        ]
        messages_insert(rows)
        stored += len(rows)
        # One sender per stored chunk: outside a transaction the first chunk is on its way
        # while the next is stored, and every free worker joins in (claims split them).
        if rows:
            send_ready_messages.delay_on_commit()
    return stored


def _row(kind, key, dedup_key, member, shared, template, context_for) -> dict:
    """One message of a mailing as field values, its content rendered or shared."""
    if shared is not None:
        subject, content = shared.get(member.language)
    else:
        subject, content = _render_content(
            kind=kind,
            template=template,
            context=context_for(member),
            language=member.language,
            recipient=member,
        )
        content.save()
    return {
        "kind": kind,
        "object_key": key,
        "dedup_key": dedup_key,
        "recipient_id": member.pk,
        "to_email": member.email,
        "language": content.language,
        "subject": subject,
        "content_id": content.pk,
    }


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
    """Store a message rendered elsewhere (allauth's mails, which carry login codes and
    reset links) sealed, and send it after commit."""
    from members.tasks import send_outbox_message

    dedup_key = dedup_key_for(kind, to_email, key)
    if existing := OutboxMessage.objects.filter(dedup_key=dedup_key).first():
        return existing
    language = (translation.get_language() or "nl")[:2]
    with transaction.atomic():
        content = OutboxContent.objects.create(
            language=language, text_body=seal(text_body), html_body=seal(html_body), sealed=True
        )
        message = _message(
            kind=kind,
            key=key,
            to_email=to_email,
            recipient=recipient,
            subject=subject,
            content=content,
        )
        message.save()
    send_outbox_message.delay_on_commit(message.pk)
    return message


@transaction.atomic
def outbox_requeue_failed(*, message_ids: Iterable[int]) -> int:
    """Give failed messages a fresh set of attempts; the sender picks them up after commit."""
    from members.tasks import send_ready_messages

    requeued = OutboxMessage.objects.filter(
        pk__in=list(message_ids), status=OutboxMessage.Status.FAILED
    ).update(status=OutboxMessage.Status.READY, attempts=0, next_attempt_at=timezone.now())
    if requeued:
        send_ready_messages.delay_on_commit()
    return requeued
