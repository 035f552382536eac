"""The simulated members' mailbox: the newest login code the platform wrote to them.

The platform writes every e-mail to its outbox table before a worker sends it; a member
reads the code from the mail, this reads it from that row.
"""

import os
import re

import psycopg

CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.M)
_connection = None


def login_code(email: str) -> str:
    global _connection
    if _connection is None:
        _connection = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    row = _connection.execute(
        "SELECT text_body FROM members_outboxmessage WHERE to_email = %s AND kind = 'account'"
        " ORDER BY id DESC LIMIT 1",
        [email],
    ).fetchone()
    found = CODE.search(row[0]) if row else None
    return found.group(1) if found else ""
