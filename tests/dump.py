"""A logical dump of every table, to prove a refused call changed nothing."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Engine

from app.db.models import Base


def dump(engine: Engine) -> dict[str, list[tuple]]:
    out = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(r) for r in rows]
    return out
