import os
import re
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


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
