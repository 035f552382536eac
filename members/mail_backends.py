import time
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class EmlFileBackend(BaseEmailBackend):
    """Writes each message as one .eml file in EMAIL_FILE_PATH, for development."""

    def send_messages(self, email_messages):
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        for number, message in enumerate(email_messages):
            name = f"{time.time_ns()}-{number}.eml"
            (folder / name).write_bytes(message.message().as_bytes())
        return len(email_messages)
