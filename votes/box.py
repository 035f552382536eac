"""The ballot box of one vote: its own table, so closing can drop it with its cast order.

A shared table keeps deleted rows in its files until vacuumed, in the order they were
written; a table per vote is dropped whole once its ballots are copied out in random
order. Columns: a random id and the sealed ballot (base64). Nothing else: no vote-wide
sequence, no time, no reference to the roll or a member.
"""

import base64
import uuid

from django.db import connection


def box_table(vote_id: int) -> str:
    return f"votes_box_{int(vote_id)}"


def box_create(vote_id: int) -> None:
    # SQLite numbers the rows of an ordinary table in insertion order (its hidden rowid):
    # without it, the rows are kept in the order of their random ids.
    hidden_order = " WITHOUT ROWID" if connection.vendor == "sqlite" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {box_table(vote_id)} "
            f"(id varchar(32) PRIMARY KEY, sealed text NOT NULL){hidden_order}"
        )


def box_exists(vote_id: int) -> bool:
    with connection.cursor() as cursor:
        return box_table(vote_id) in connection.introspection.table_names(cursor)


def box_row(sealed: bytes) -> dict[str, str]:
    """The box's row for a sealed ballot: a random id and the ballot in base64."""
    return {"id": uuid.uuid4().hex, "sealed": base64.b64encode(sealed).decode()}


def box_insert(vote_id: int, sealed: bytes) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {box_table(vote_id)} (id, sealed) VALUES (%(id)s, %(sealed)s)",
            box_row(sealed),
        )


def box_count(vote_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {box_table(vote_id)}")
        return cursor.fetchone()[0]


def box_read(vote_id: int) -> list[bytes]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT sealed FROM {box_table(vote_id)}")
        return [base64.b64decode(row[0]) for row in cursor.fetchall()]


def box_drop(vote_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {box_table(vote_id)}")
