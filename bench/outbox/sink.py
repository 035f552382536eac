"""A fast SMTP sink for the benchmark: accepts everything, writes each message to a file.

It records when the last message arrived and counts Message-IDs, so duplicates show.
"""

import collections
import socket
import socketserver
import threading
import time


class Sink:
    """``pipelining``: answer EHLO offering PIPELINING (RFC 2920), as Postfix does."""

    def __init__(self, spool=None, pipelining=False):
        sink = self
        self.lock = threading.Lock()
        self.spool = open(spool, "wb") if spool else None  # noqa: SIM115
        self.reset()

        class Handler(socketserver.StreamRequestHandler):
            def setup(self):
                # Replies to pipelined commands go out at once, as a relay's would (Postfix
                # flushes them together); Nagle would hold each back for the client's ACK.
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                super().setup()

            def handle(self):
                self.wfile.write(b"220 sink ESMTP\r\n")
                rcpt = b""
                while line := self.rfile.readline():
                    verb = line[:4].upper()
                    if verb == b"RCPT":
                        rcpt = line.split(b":", 1)[1].strip()
                    if verb == b"EHLO" and pipelining:
                        self.wfile.write(b"250-sink\r\n250-PIPELINING\r\n250 8BITMIME\r\n")
                        continue
                    if verb == b"DATA":
                        self.wfile.write(b"354 go ahead\r\n")
                        lines = []
                        while (data := self.rfile.readline()) not in (b".\r\n", b""):
                            lines.append(data)
                        sink.accept(rcpt, lines)
                        self.wfile.write(b"250 accepted\r\n")
                    elif verb == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def reset(self):
        with self.lock:
            self.ids = collections.Counter()
            self.count = 0
            self.last_at = None

    def accept(self, rcpt: bytes, lines: list[bytes]) -> None:
        message_id = next((x for x in lines if x[:11].lower() == b"message-id:"), b"")
        with self.lock:
            self.ids[message_id] += 1
            self.count += 1
            self.last_at = time.perf_counter()
            if self.spool:
                body = b"".join(x[1:] if x.startswith(b"..") else x for x in lines)
                self.spool.write(b"%d %s\n" % (len(body), rcpt) + body)

    @property
    def duplicates(self) -> int:
        return sum(n - 1 for n in self.ids.values() if n > 1)

    def close_spool(self):
        if self.spool:
            self.spool.close()
            self.spool = None
