"""Inserting thousands of rows at once and learning the ids the database gave them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session


def insert_many(s: Session, table: Table, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` (column → value) into ``table``; the new ids, in the order of ``rows``.

    PostgreSQL numbers a multi-row ``INSERT … RETURNING`` in order, so SQLAlchemy batches it. SQLite
    cannot tie the ids it returns to the parameter sets, and SQLAlchemy then falls back to one
    statement per row (10,000 statements for a portal file). There the first row is inserted alone: it
    gets ``max(id) + 1`` and the write lock, held to the end of the transaction, so no other connection
    can insert meanwhile and every id above it is free — the rest get the next ids explicitly and go in
    one ``executemany``."""
    if not rows:
        return []
    pk = table.c.id
    if s.get_bind().dialect.name != "sqlite":
        return list(s.execute(insert(table).returning(pk, sort_by_parameter_order=True), list(rows)).scalars())
    first = s.execute(insert(table).returning(pk), [rows[0]]).scalar_one()
    ids = list(range(first, first + len(rows)))
    if len(rows) > 1:
        s.execute(insert(table), [{**row, "id": i} for i, row in zip(ids[1:], rows[1:])])
    return ids
