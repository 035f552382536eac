import functools
import os
import re
import smtplib
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.mail.backends import smtp
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import sanitize_address


class EmlFileBackend(BaseEmailBackend):
    """Writes each message as one .eml file in EMAIL_FILE_PATH, for development.

    Like a mailbox that recognises a Message-ID it already holds, a message handed over again
    (the outbox after a worker crash) replaces its earlier copy instead of adding a second one.
    """

    def send_messages(self, email_messages):
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        for number, message in enumerate(email_messages):
            _write_atomically(folder / _file_name(message, number), message.message().as_bytes())
        return len(email_messages)


def _file_name(message, number: int) -> str:
    message_id = message.extra_headers.get("Message-ID", "")
    if message_id:
        return re.sub(r"[^A-Za-z0-9.@_-]", "", message_id) + ".eml"
    return f"{time.time_ns()}-{number}.eml"


def _write_atomically(path: Path, content: bytes) -> None:
    # Readers never see half a message, even when the writer is killed mid-write.
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as part:
        part.write(content)
    os.replace(part.name, path)


class OutboxSmtpBackend(smtp.EmailBackend):
    """Django's SMTP backend, sending an outbox message's prepared bytes as they are.

    The outbox builds a mailing's MIME bytes once and fills them in per message
    (``members.services.outbox.mime``); any other message is built by Django. When the
    relay offers PIPELINING (RFC 2920; Postfix and the large providers do) a prepared
    message costs two round trips instead of four: MAIL, RCPT and DATA go in one write.
    """

    def _send(self, email_message):
        data = getattr(email_message, "prepared_bytes", None)
        if data is None:
            return super()._send(email_message)
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        sender = _envelope_sender(email_message.from_email, encoding)
        try:
            self.connection.ehlo_or_helo_if_needed()
            if self.connection.has_extn("pipelining"):
                _send_pipelined(self.connection, sender, email_message.to, data)
            else:
                self.connection.sendmail(sender, email_message.to, data)
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True


@functools.lru_cache(maxsize=8)
def _envelope_sender(from_email: str, encoding: str) -> str:
    return sanitize_address(from_email, encoding)


_LEADING_DOT = re.compile(rb"(?m)^\.")


def _send_pipelined(connection: smtplib.SMTP, sender: str, recipients: list[str], data: bytes):
    """One message over a pipelining relay: envelope and DATA in one write, then the body.

    Raises as ``smtplib.SMTP.sendmail`` does (also when every recipient is refused).
    """
    commands = [f"MAIL FROM:{smtplib.quoteaddr(sender)}"]
    commands += [f"RCPT TO:{smtplib.quoteaddr(to)}" for to in recipients]
    connection.send("\r\n".join([*commands, "DATA"]) + "\r\n")
    mail_from, *rcpts, data_reply = [connection.getreply() for _ in range(len(commands) + 1)]
    if mail_from[0] != 250:
        connection._rset()
        raise smtplib.SMTPSenderRefused(*mail_from, sender)
    refused = {
        to: reply for to, reply in zip(recipients, rcpts, strict=True) if reply[0] not in (250, 251)
    }
    if data_reply[0] != 354:
        connection._rset()
        if refused:
            raise smtplib.SMTPRecipientsRefused(refused)
        raise smtplib.SMTPDataError(*data_reply)
    body = _LEADING_DOT.sub(b"..", data)
    body += b"" if body.endswith(b"\r\n") else b"\r\n"
    connection.send(body + b".\r\n")
    code, message = connection.getreply()
    if code != 250:
        connection._rset()
        raise smtplib.SMTPDataError(code, message)
