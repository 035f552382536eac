"""Database glue that bulk jobs share."""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def statements_unprepared():
    """Plan every query afresh while the block runs (PostgreSQL's prepared statements off).

    The settings let psycopg prepare a query a connection runs often. A bulk job that
    fills a table inside one transaction would then keep the plan made while the table was
    nearly empty (a sequential scan) for every later chunk: the job turns quadratic, as a
    member import of 150,000 rows did (8 s for 50,000 rows, 244 s for 150,000). Custom
    plans see the table's real size. Elsewhere (SQLite) this changes nothing.
    """
    connection.ensure_connection()
    raw = connection.connection
    if connection.vendor != "postgresql" or not hasattr(raw, "prepare_threshold"):
        yield
        return
    threshold = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = threshold
