"""Set-based writes the ORM cannot express: "insert unless present, tell me which rows were
new" and "insert or add to the existing counters". Both are single statements
(``INSERT ... ON CONFLICT``) that PostgreSQL and SQLite (3.35+) run the same way."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection, models

# Keeps each statement well under SQLite's limit of 32,766 bound parameters.
ROWS_PER_STATEMENT = 500


def _columns(model: type[models.Model], names: Sequence[str]) -> list[models.Field[Any, Any]]:
    """Fields by attname (``share_id``) or name (``share``)."""
    fields = {field.attname: field for field in model._meta.concrete_fields}
    fields.update({field.name: field for field in model._meta.concrete_fields})
    return [fields[name] for name in names]


def _quoted(fields: Sequence[models.Field[Any, Any]]) -> str:
    return ", ".join(connection.ops.quote_name(str(field.column)) for field in fields)


def _values(fields: Sequence[models.Field[Any, Any]], rows: Sequence[Mapping[str, Any]]) -> tuple[str, list[Any]]:
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    params = [field.get_db_prep_save(row[field.attname], connection) for row in rows for field in fields]
    return ", ".join([placeholders] * len(rows)), params


def insert_new(
    model: type[models.Model],
    rows: Sequence[Mapping[str, Any]],
    *,
    conflict_fields: Sequence[str],
    returning: Sequence[str],
) -> list[tuple[Any, ...]]:
    """Insert ``rows`` (dicts keyed by attname, all with the same keys), skipping those that
    collide on ``conflict_fields``; returns ``returning`` of the rows actually inserted."""
    if not rows:
        return []
    fields = _columns(model, list(rows[0]))
    conflict = _columns(model, conflict_fields)
    returned = _columns(model, returning)
    inserted: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            values, params = _values(fields, rows[start : start + ROWS_PER_STATEMENT])
            cursor.execute(
                f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({_quoted(fields)}) "  # noqa: S608 - names come from model metadata
                f"VALUES {values} ON CONFLICT ({_quoted(conflict)}) DO NOTHING RETURNING {_quoted(returned)}",
                params,
            )
            inserted.extend(
                tuple(field.to_python(value) for field, value in zip(returned, row, strict=True))
                for row in cursor.fetchall()
            )
    return inserted


def upsert_adding(
    model: type[models.Model],
    rows: Sequence[Mapping[str, Any]],
    *,
    key_fields: Sequence[str],
    add_fields: Sequence[str],
) -> None:
    """Insert ``rows``, or add their ``add_fields`` to the row already holding the same
    ``key_fields``. Keys must be unique within ``rows``; sort them so concurrent writers
    lock rows in the same order."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    fields = _columns(model, list(rows[0]))
    keys = _columns(model, key_fields)
    additions = ", ".join(
        f"{name} = {table}.{name} + excluded.{name}"
        for name in (connection.ops.quote_name(str(field.column)) for field in _columns(model, add_fields))
    )
    touched = ", updated_at = excluded.updated_at" if "updated_at" in rows[0] else ""
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            values, params = _values(fields, rows[start : start + ROWS_PER_STATEMENT])
            cursor.execute(
                f"INSERT INTO {table} ({_quoted(fields)}) VALUES {values} "  # noqa: S608 - names come from model metadata
                f"ON CONFLICT ({_quoted(keys)}) DO UPDATE SET {additions}{touched}",
                params,
            )
