"""Model instances from hand-written SQL, for the few hottest reads.

Compiling an ORM query costs more CPU than running a small one. Where a request runs on
every page or on every saved answer, a fixed SQL string over these helpers returns the
same model instances, with values converted exactly as the ORM converts them.
"""

from functools import cache

from django.db import connection


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def columns(model, alias: str, only: tuple[str, ...] | None = None) -> str:
    """The model's columns (or `only` these fields), in field order, as `alias."column"`.

    An instance read with `only` defers the other fields, as QuerySet.only() does.
    """
    fields = _fields(model, only)
    return ", ".join(f"{alias}.{connection.ops.quote_name(f.column)}" for f in fields)


def width(model, only: tuple[str, ...] | None = None) -> int:
    """How many columns `columns(model, only=only)` selects."""
    return len(_fields(model, only))


def instance(model, row: tuple, start: int = 0, only: tuple[str, ...] | None = None):
    """The model instance whose `columns(model, only=only)` start at `row[start]`."""
    fields = _fields(model, only)
    values = list(row[start : start + len(fields)])
    for i, col, converters in _converters(model, only):
        for convert in converters:
            values[i] = convert(values[i], col, connection)
    return model.from_db(connection.alias, [f.attname for f in fields], values)


@cache
def _fields(model, only: tuple[str, ...] | None = None) -> list:
    fields = model._meta.concrete_fields
    return [f for f in fields if f.name in only or f.primary_key] if only else list(fields)


@cache
def _converters(model, only: tuple[str, ...] | None = None) -> list:
    """(position, column, converters) for the fields whose values the backend converts."""
    found = []
    for i, field in enumerate(_fields(model, only)):
        col = field.get_col(model._meta.db_table)
        converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if converters:
            found.append((i, col, converters))
    return found
