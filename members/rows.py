"""Model instances from hand-written SQL, for the few hottest reads.

Compiling an ORM query costs more CPU than running a small one. Where a request runs on
every page or on every saved answer, a fixed SQL string over these helpers returns the
same model instances, with values converted exactly as the ORM converts them.
"""

from functools import cache

from django.db import connection


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def columns(model, alias: str) -> str:
    """The model's columns, in field order, as `alias."column"`, for a SELECT list."""
    return ", ".join(f"{alias}.{connection.ops.quote_name(f.column)}" for f in _fields(model))


def width(model) -> int:
    """How many columns `columns(model)` selects."""
    return len(_fields(model))


def instance(model, row: tuple, start: int = 0):
    """The model instance whose `columns(model)` start at `row[start]`."""
    values = list(row[start : start + width(model)])
    for i, col, converters in _converters(model):
        for convert in converters:
            values[i] = convert(values[i], col, connection)
    return model.from_db(connection.alias, [f.attname for f in _fields(model)], values)


def _fields(model) -> list:
    return model._meta.concrete_fields


@cache
def _converters(model) -> list:
    """(position, column, converters) for the fields whose values the backend converts."""
    found = []
    for i, field in enumerate(_fields(model)):
        col = field.get_col(model._meta.db_table)
        converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if converters:
            found.append((i, col, converters))
    return found
