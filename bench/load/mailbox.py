"""The simulated members' mailbox: the newest login code the platform wrote to them.

The platform writes every e-mail to its outbox before a worker sends it; a member reads the
code from the mail, this reads it from the outbox, where a login mail's body is sealed with
a key derived from SECRET_KEY (members/services/outbox/sealing.py): the bench holds that key.
"""

import base64
import hashlib
import hmac
import os
import re

import psycopg
from cryptography.fernet import Fernet

CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.M)
_connection = None


def login_code(email: str) -> str:
    global _connection
    if _connection is None:
        _connection = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    row = _connection.execute(
        "SELECT c.text_body FROM members_outboxmessage m JOIN members_outboxcontent c"
        " ON c.id = m.content_id WHERE m.to_email = %s AND m.kind = 'account'"
        " ORDER BY m.id DESC LIMIT 1",
        [email],
    ).fetchone()
    found = CODE.search(_unseal(row[0])) if row and row[0] else None
    return found.group(1) if found else ""


def _unseal(text: str) -> str:
    # Django's salted_hmac("members.outbox.seal", "outbox", algorithm="sha256"), by hand.
    secret = os.environ["SECRET_KEY"].encode()
    key = hashlib.sha256(b"members.outbox.seal" + secret).digest()
    digest = hmac.new(key, b"outbox", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(digest)).decrypt(text.encode()).decode()
