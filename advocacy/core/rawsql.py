"""Helpers for the few reads written as SQL because the ORM's own cost dominated them
(each one says why): parameters and results converted exactly as the ORM would, so the
same statement works on PostgreSQL and on the embedded SQLite."""

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model


def db_value(model: type[Model], name: str, value: Any) -> Any:
    """``value`` of the field ``name`` as a statement parameter (SQLite stores UUIDs as text)."""
    return model._meta.get_field(name).get_db_prep_value(value, connection)  # type: ignore[union-attr]


def column_readers(model: type[Model], names: Sequence[str]) -> list[Callable[[Any], Any]]:
    """For each column, a function turning its database value into what the model field
    holds, with the converters the ORM itself applies (JSON text, SQLite's UUIDs and dates)."""

    def reader(name: str) -> Callable[[Any], Any]:
        column = model._meta.get_field(name).get_col(model._meta.db_table)  # type: ignore[union-attr]
        converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)

        def read(value: Any) -> Any:
            for converter in converters:
                value = converter(value, column, connection)
            return value

        return read

    return [reader(name) for name in names]
