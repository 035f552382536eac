"""Storing a mailing's rows fast: keyed hashes with the key derived once, rows by COPY.

A national mailing stores one row per member; Django model instances and
``bulk_create`` cost more per row than rendering now does, so rows go in as plain values.
"""

import hashlib
import hmac
from collections.abc import Callable, Iterable
from typing import NamedTuple

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from members.models import Member, OutboxMessage

DEDUP_SALT = "members.outbox.dedup"


class Addressee(NamedTuple):
    """What storing a mailing needs of a member."""

    pk: int
    email: str | None
    anonymised_at: object
    language: str


def addressees(recipients: Iterable[Member] | QuerySet) -> Iterable:
    """Members as light rows when they come as a query (no model instance per member)."""
    if isinstance(recipients, QuerySet):
        rows = recipients.values_list("pk", "email", "anonymised_at", "language")
        return (Addressee(*row) for row in rows.iterator(chunk_size=2000))
    return recipients


def dedup_hasher(kind: str, key: str) -> Callable[[str], str]:
    """``dedup_key_for(kind, address, key)`` for many addresses: Django's ``salted_hmac``
    with its key derived once instead of per address (the same digest)."""
    secret = hashlib.sha256((DEDUP_SALT + settings.SECRET_KEY).encode()).digest()

    def digest(to_email: str) -> str:
        value = f"{kind}\n{to_email.strip().lower()}\n{key}".encode()
        return hmac.new(secret, value, hashlib.sha256).hexdigest()

    return digest


def messages_insert(rows: list[dict]) -> None:
    """Insert message rows (field → value); a row whose ``dedup_key`` exists is skipped.

    On PostgreSQL by COPY; should another run have stored one of them meanwhile, the
    chunk goes again through ``bulk_create(ignore_conflicts=True)``.
    """
    if connection.vendor == "postgresql" and rows:
        try:
            with transaction.atomic():
                _copy(rows)
            return
        except IntegrityError:
            pass
    OutboxMessage.objects.bulk_create([OutboxMessage(**row) for row in rows], ignore_conflicts=True)


def _copy(rows: list[dict]) -> None:
    now = timezone.now()
    defaults = {"status": OutboxMessage.Status.READY, "attempts": 0, "last_error": ""}
    defaults |= {"created_at": now, "next_attempt_at": now, "claimed_by": ""}
    fields = [*rows[0], *defaults]
    columns = ", ".join(
        connection.ops.quote_name(OutboxMessage._meta.get_field(name).column) for name in fields
    )
    table = connection.ops.quote_name(OutboxMessage._meta.db_table)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([*row.values(), *defaults.values()])
