"""The e-mail of a stored message; a mailing's MIME bytes are built once, then filled in.

Django builds every message's MIME structure anew (``EmailMessage.message()``), which
costs more than handing the message over. A mailing's messages differ only in their
placeholders, address, Message-ID and date, so ``MailTemplate`` builds the bytes once with
markers in those places and fills them in per message; the outbox's SMTP backend
(``members.mail_backends.OutboxSmtpBackend``) sends those bytes as they are. Where a plain
substitution could break the structure (attachments, quoted-printable or base64 parts, a
non-ASCII address, a long value, a long line) Django builds the message instead.
"""

import html
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from members.models import OutboxContent
from members.services.outbox.merging import Recipient, fill, values_for
from members.services.outbox.sealing import unseal

TO = "outbox-recipient@merge.invalid"
MESSAGE_ID = "[[ld:message-id]]"
DATE = "[[ld:date]]"
MAX_VALUE = 300  # bytes a filled-in value may have on the fast path
LINE_LIMIT = 998  # RFC 5322


class PreparedEmail(EmailMultiAlternatives):
    """An outbox e-mail; ``prepared_bytes``, when set, are exactly what Django would send."""

    prepared_bytes: bytes | None = None


def message_id_for(pk: int) -> str:
    """One Message-ID per outbox row: a message handed over twice after a crash is one message."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<outbox-{pk}@{domain}>"


def _html_marker(placeholder: str) -> str:
    return placeholder[:-2] + "|h]]"


class MailTemplate:
    """One stored content opened for sending (unsealed), with its MIME bytes when they can
    be filled in per message."""

    def __init__(self, content: OutboxContent, subject: str):
        self.content = content
        self.subject = subject
        self.text = unseal(content.text_body) if content.sealed else content.text_body
        self.html = unseal(content.html_body) if content.sealed else content.html_body
        self.placeholders = [*content.links, *content.merge_fields]
        self.segments = self._segments()

    def email(self, *, pk, to_email, subject, recipient: Recipient, date: str) -> PreparedEmail:
        values = values_for(self.content.links, self.content.merge_fields, recipient)
        headers = {k: fill(v, values) for k, v in self.content.headers.items()}
        email = PreparedEmail(
            subject=subject,
            body=fill(self.text, values),
            to=[to_email],
            headers={"Message-ID": message_id_for(pk), **headers},
        )
        if self.html:
            email.attach_alternative(fill(self.html, values, as_html=True), "text/html")
        for attachment in self.content.attachments:
            email.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        if subject == self.subject:
            email.prepared_bytes = self._fill(values, to_email, message_id_for(pk), date)
        return email

    def _segments(self) -> list[bytes] | None:
        """The MIME bytes split at the markers (every other item a marker), or None."""
        if self.content.attachments:
            return None
        html_body = self.html
        for placeholder in self.placeholders:
            html_body = html_body.replace(placeholder, _html_marker(placeholder))
        email = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text,
            to=[TO],
            headers={"Message-ID": MESSAGE_ID, "Date": DATE, **self.content.headers},
        )
        if html_body:
            email.attach_alternative(html_body, "text/html")
        data = email.message().as_bytes(linesep="\r\n")
        if b"quoted-printable" in data.lower() or b"base64" in data.lower():
            return None
        # A part Django found plain ASCII is 7bit; a filled-in name may not be.
        data = data.replace(b"Content-Transfer-Encoding: 7bit", b"Content-Transfer-Encoding: 8bit")
        markers = [TO, MESSAGE_ID, DATE, *self.placeholders]
        markers += [_html_marker(p) for p in self.placeholders]
        expected = self._expected_counts(html_body)
        if any(data.count(m.encode()) != expected[m] for m in markers):
            return None
        if any(_longest(line, markers) > LINE_LIMIT for line in data.split(b"\r\n")):
            return None
        pattern = b"(" + b"|".join(re.escape(m.encode()) for m in markers) + b")"
        return re.split(pattern, data)

    def _expected_counts(self, html_body: str) -> dict[str, int]:
        headers = "\n".join(self.content.headers.values())
        counts = {TO: 1, MESSAGE_ID: 1, DATE: 1}
        for p in self.placeholders:
            counts[p] = self.text.count(p) + headers.count(p)
            counts[_html_marker(p)] = html_body.count(_html_marker(p))
        return counts

    def _fill(self, values: dict, to_email: str, message_id: str, date: str) -> bytes | None:
        if self.segments is None or not to_email.isascii():
            return None
        filled = {TO: to_email, MESSAGE_ID: message_id, DATE: date}
        filled |= {_html_marker(p): html.escape(v) for p, v in values.items()}
        encoded = {m.encode(): v.encode() for m, v in (filled | values).items()}
        if any(len(v) > MAX_VALUE or b"\r" in v or b"\n" in v for v in encoded.values()):
            return None
        return b"".join(encoded[s] if i % 2 else s for i, s in enumerate(self.segments))


def _longest(line: bytes, markers: list[str]) -> int:
    """The length the line can reach once its markers are filled in."""
    found = sum(line.count(m.encode()) for m in markers)
    return len(line) + found * MAX_VALUE
