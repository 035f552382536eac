"""The outbox's SMTP backend pipelines envelope and DATA when the relay offers it."""

import socket
import socketserver
import threading

import pytest
from django.core import mail

from members.mail_backends import OutboxSmtpBackend
from members.models import MailKind
from members.services.outbox import outbox_enqueue_many, outbox_send_ready
from members.services.outbox.mime import PreparedEmail
from preferendum import tokens
from tests.preferendum.factories import RoundFactory

pytestmark = pytest.mark.django_db


class PipeliningRelay:
    """A loopback relay offering PIPELINING; keeps every message's envelope and bytes."""

    def __init__(self):
        relay, self.messages = self, []

        class Handler(socketserver.StreamRequestHandler):
            def setup(self):
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                super().setup()

            def handle(self):
                self.wfile.write(b"220 relay ESMTP\r\n")
                envelope = []
                while line := self.rfile.readline():
                    verb = line[:4].upper()
                    if verb == b"EHLO":
                        self.wfile.write(b"250-relay\r\n250 PIPELINING\r\n")
                    elif verb == b"DATA":
                        self.wfile.write(b"354 go ahead\r\n")
                        lines = []
                        while (data := self.rfile.readline()) not in (b".\r\n", b""):
                            lines.append(data[1:] if data.startswith(b"..") else data)
                        relay.messages.append((envelope, b"".join(lines)))
                        envelope = []
                        self.wfile.write(b"250 accepted\r\n")
                    elif verb == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        envelope.append(line.strip().decode())
                        self.wfile.write(b"250 ok\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def relay():
    running = PipeliningRelay()
    yield running
    running.server.shutdown()
    running.server.server_close()


def test_pipelined_messages_arrive_as_prepared(member_factory, relay):
    members = member_factory.create_batch(2)
    round_ = RoundFactory()
    outbox_enqueue_many(
        kind=MailKind.ROUND_INVITATION,
        key=f"round:{round_.pk}",
        template="preferendum/email/round_invitation",
        recipients=members,
        context={"round": round_, "answer_url": tokens.answer_link(round_)},
    )
    outbox_send_ready()
    backend = OutboxSmtpBackend(host="127.0.0.1", port=relay.port, use_tls=False)
    with backend:
        assert backend.send_messages(mail.outbox) == 2
    handed = [(envelope[-1], data) for envelope, data in relay.messages]
    assert handed == [(f"RCPT TO:<{m.to[0]}>", m.prepared_bytes) for m in mail.outbox]


def test_a_line_starting_with_a_dot_keeps_its_dot(relay):
    email = PreparedEmail(subject="Punt", body="x", to=["lid@example.org"])
    email.prepared_bytes = b"Subject: Punt\r\n\r\n.begint met een punt\r\n..twee\r\n"
    backend = OutboxSmtpBackend(host="127.0.0.1", port=relay.port, use_tls=False)
    with backend:
        backend.send_messages([email])
    [(_envelope, data)] = relay.messages
    assert data == email.prepared_bytes
