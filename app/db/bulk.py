"""Inserting a whole file's rows at once (issue 11 point 6: 100,000 rows within seconds), from a writer thread
while the next rows are checked.

SQLAlchemy's ``executemany`` builds a parameter dictionary per row and runs each value through its
type's processor one call at a time: for 100,000 rows of thirty columns that is most of the time an
import spends. Here the same processors of the same column types (so a date, an enum, a JSON snapshot
is stored exactly as the ORM stores it) are applied a column at a time (:func:`converted`), and the rows go
to the driver as tuples (:func:`send`): PostgreSQL's ``COPY``, SQLite's ``INSERT … VALUES`` statements of many
rows each, from the writer thread of :func:`writing` when there is one. The callers choose the new rows' ids
(:func:`sequence_ids` on PostgreSQL). Inside the caller's transaction, on its connection: a refusal or a dry
run rolls them back with everything else."""

from __future__ import annotations

import decimal
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from itertools import chain, islice
from typing import Any, NamedTuple

import orjson
from sqlalchemy import JSON, Connection, Date, DateTime, Table
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.collector import short_switches

#: rows converted and sent at a time: the converted copy of a whole file would double the import's memory
CHUNK_ROWS = 10_000
#: SQLite: the most values bound to one statement (or the library's limit, when lower: 32,766 by default since
#: 3.32). A 100,000-row journal: with 32,766 its import took 505 MB at its peak (each statement SQLite prepares
#: for so many rows takes megabytes), with 8,000 467 MB and with 2,000 457 MB; 8,000 wrote fastest
#: (bench/RESULTS.md, session 13)
SQLITE_VARIABLES = 8_000
#: SQLite's page cache while a whole file is written, in KiB (its default is 2,000 KiB)
BULK_CACHE_KIB = 32_768


@contextmanager
def bulk_cache(s: Session) -> Iterator[None]:
    """SQLite: a page cache of :data:`BULK_CACHE_KIB` on the session's connection while a whole file is written,
    the usual one after. Each of 100,000 new rows goes into six to eight indexes at places spread over each
    of them; with the default 2 MB the pages of one index push out the others' and are read back from the
    file again and again: the residents of a 100,000-row journal took 2.6 s to insert, 1.5 s with 32 MB
    (bench/RESULTS.md). PostgreSQL: its shared buffers serve; nothing is changed."""
    conn = s.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    usual = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(usual)}")


class JsonText(str):
    """A JSON column's value already serialized (by :func:`as_json`): written as it is."""


def _json_default(value: Any) -> Any:
    """What orjson does not write itself, as ``app.services.base._jsonable`` writes it (orjson writes a date,
    a datetime and an enum as ISO text and the enum's value, as ``_jsonable`` does)."""
    if isinstance(value, decimal.Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not written to JSON")


def as_json(value: Any) -> JsonText:
    """``value`` serialized for a JSON column, its dates, datetimes and enums as the audit snapshots write them
    (ISO text, the enum's value), with orjson: an import's 100,000 audit entries took 0.8 s with ``json`` and
    a conversion hook for the dates, 0.1 s so (bench/RESULTS.md). Letters are written as UTF-8, not escaped
    as their code points (the same JSON to any reader, 40 % shorter for a Kazakh name)."""
    return JsonText(orjson.dumps(value, default=_json_default).decode())


def _tuples(dialect, table: Table, rows: Sequence[dict[str, Any]],
            ids: Sequence[int] | None) -> Converted:
    """The columns to write and the rows as tuples of what the driver gets. A column empty in every row is
    left out, to be NULL (not a JSON column: its None is written as JSON ``null``, as the ORM writes it).
    Each distinct value is converted once (a file's dates and codes repeat). SQLite: a column of one value in
    every row of the chunk (who wrote them and when, an audit entry's action) is given apart, to be bound once a
    statement (:func:`send`)."""
    keys: list[str] = []
    columns: list[Sequence[Any]] = [ids] if ids is not None else []
    same: list[tuple[str, Any]] = []
    apart = dialect.name == "sqlite" and len(rows) > 1
    present = set().union(*rows)  # a row may leave out a column it has no value for
    if unknown := present.difference(table.c.keys()):
        raise KeyError(f"not columns of {table.name}: {', '.join(sorted(unknown))}")
    names = [c.name for c in table.columns if c.name in present]  # the table's order
    # each row's values taken in one visit, then turned into columns: taken a column at a time, each of 10,000
    # dicts was visited once a column, and a chunk's dicts do not stay in the processor's cache between visits
    by_row = [tuple(map(row.get, names)) for row in rows]
    for key, values in zip(names, zip(*by_row)):
        kind = table.c[key].type
        if values.count(None) == len(values) and not isinstance(kind, JSON):
            continue
        process = kind.dialect_impl(dialect).bind_processor(dialect)
        if process is None:
            column: Sequence[Any] = values
        elif isinstance(kind, JSON):  # None is written as JSON null (the ORM writes it so): converted once
            null = process(None)
            column = [v if v.__class__ is JsonText else null if v is None else process(v) for v in values]
        elif _iso_dates(dialect, kind, process):  # SQLite's text of a date, by the date's own (C) method
            column = [v.isoformat() if v.__class__ is date else process(v) for v in values]
        else:
            converted = {v: process(v) for v in set(values)}
            column = list(map(converted.__getitem__, values))
        if apart and column.count(first := column[0]) == len(column) and first.__class__ is not float:
            same.append((key, first))  # (a float: NaN is not equal to itself, 0.0 is equal to -0.0)
            continue
        keys.append(key)
        columns.append(column)
    if not columns and same:  # every column of one value: alike rows (a statement needs a column of its own)
        key, value = same.pop()
        keys.append(key)
        columns.append([value] * len(rows))
    return Converted(table, ["id", *keys] if ids is not None else keys, list(zip(*columns)), tuple(same))


#: dates whose text SQLAlchemy's SQLite ``DATE`` writes as ``date.isoformat`` does: the first and last years, a
#: month and a day of one digit and of two
_PROBES = (date(1, 2, 3), date(9999, 12, 31), date(2026, 10, 7))


def _iso_dates(dialect, kind: Any, process: Callable[[Any], Any]) -> bool:
    """A date column whose driver value is ``date.isoformat()``'s text: SQLite's ``DATE`` in its storage format
    (YYYY-MM-DD), checked on :data:`_PROBES`. Its processor formats each date through a dictionary: a sixth of the
    time a 100,000-row journal's rows took to convert (py-spy, bench/RESULTS.md session 16)."""
    return dialect.name == "sqlite" and isinstance(kind, Date) and not isinstance(kind, DateTime) \
        and all(process(d) == d.isoformat() for d in _PROBES)


class Converted(NamedTuple):
    """Rows of one table as the driver takes them (at most :data:`CHUNK_ROWS`): the column names and the tuples,
    and (SQLite) the columns of one value in every row, with that value."""

    table: Table
    keys: list[str]
    data: list[tuple]
    same: tuple[tuple[str, Any], ...] = ()


def converted(dialect, table: Table, rows: Iterable[dict[str, Any]],
              ids: Sequence[int] | None = None) -> Iterator[Converted]:
    """``rows`` (column → value; a column a row leaves out is NULL) converted for the driver a chunk at a time;
    ``ids``: the rows' ids, when the caller chose them. ``rows`` may be a generator: it is taken a chunk at a
    time, so that a file's audit entries need not all be in memory at once."""
    rows, start = iter(rows), 0
    while chunk := list(islice(rows, CHUNK_ROWS)):
        yield _tuples(dialect, table, chunk, None if ids is None else ids[start:start + len(chunk)])
        start += len(chunk)


def send(s: Session, parts: Iterable[Converted]) -> None:
    """Insert rows already converted, in the session's transaction: PostgreSQL's ``COPY``; on SQLite, ``INSERT …
    VALUES (…), (…), …`` statements of as many rows as :data:`SQLITE_VARIABLES` values allow (:func:`_per_statement`).
    The driver binds a statement's values holding the interpreter lock, then lets other threads run while SQLite
    executes it: from a writer thread (:func:`writing`) the rows are inserted while the checking thread goes on.
    Row by row (``executemany``) the writer waited for the checking thread's lock at every row; rows sent as one
    JSON array (``INSERT … SELECT … FROM json_each``) cost SQLite 1.6 times these statements to take apart: 100,000
    journal rows' 415,000 rows written in 11.1 s that way, 5.6–6.9 s so, 7.1 s by ``executemany`` (a slow hour,
    bench/RESULTS.md). An error of the driver is raised as SQLAlchemy raises it (an ``IntegrityError``: a
    conflict)."""
    conn = s.connection()
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    cursor = conn.connection.cursor()
    try:
        for table, keys, data, same in parts:
            names = ", ".join(map(quote, [key for key, _value in same] + keys))
            sql = f"INSERT INTO {quote(table.name)} ({names})"  # what an error names until a statement is made
            try:
                if dialect.name == "postgresql":
                    sql = f"COPY {quote(table.name)} ({names}) FROM STDIN"
                    with cursor.copy(sql) as copy:
                        for row in data:
                            copy.write_row(row)
                    continue
                # the columns of one value are bound once a statement, as parameters ?1 … ?k that every row names;
                # each "?" after them is the next number (SQLite numbers a bare "?" after the largest before it)
                per = _per_statement(conn, len(keys), len(same))
                marks = f"({', '.join([f'?{i}' for i in range(1, len(same) + 1)] + ['?'] * len(keys))})"
                shared = [value for _key, value in same]
                for start in range(0, len(data), per):
                    chunk = data[start:start + per]
                    sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES {', '.join([marks] * len(chunk))}"
                    cursor.execute(sql, shared + list(chain.from_iterable(chunk)))
            except dialect.loaded_dbapi.Error as exc:
                raise DBAPIError.instance(sql[:500], None, exc, dialect.loaded_dbapi.Error) from exc  # not its thousands of ?s
    finally:
        cursor.close()


def _per_statement(conn: Connection, width: int, shared: int = 0) -> int:
    """SQLite: the rows of ``width`` values one statement binds besides ``shared`` values bound once
    (:data:`SQLITE_VARIABLES` in all, or the library's lower limit, read from the connection)."""
    getlimit = getattr(conn.connection.dbapi_connection, "getlimit", None)  # Python 3.11's sqlite3
    limit = min(SQLITE_VARIABLES, getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if getlimit else SQLITE_VARIABLES)
    return max(1, (limit - shared) // max(1, width))


def sequence_ids(conn: Connection, table: Table, n: int) -> list[int]:
    """PostgreSQL: ``n`` ids taken from the sequence of ``table``'s id, in ascending order (one query). A
    sequence is outside transactions: any connection may take them, and a rollback leaves them unused."""
    if n <= 0:
        return []
    return sorted(conn.exec_driver_sql(
        "SELECT nextval(pg_get_serial_sequence(%(table)s, 'id')) FROM generate_series(1, %(n)s)",
        {"table": table.name, "n": n}).scalars())


class Writer:
    """A thread of its own that runs one job at a time — the sending of rows made by the caller's thread —
    while the caller's thread makes the next (:func:`writing`)."""

    def __init__(self, pool: ThreadPoolExecutor) -> None:
        self._pool = pool
        self._pending: Future | None = None

    def submit(self, job: Callable[[], None]) -> None:
        """Run ``job`` once the job under way is done (whose error is raised here)."""
        self.wait()
        self._pending = self._pool.submit(job)

    def wait(self, quiet: bool = False) -> None:
        """Wait for the job under way; raise its error unless ``quiet`` (another error is on its way)."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        try:
            pending.result()
        except Exception:
            if not quiet:
                raise


@contextmanager
def writing() -> Iterator[Writer]:
    """A :class:`Writer` for the block: the database inserts one chunk while the caller's thread checks and
    converts the next (PostgreSQL's server, SQLite's statements of many rows of :func:`send`: both run without
    the interpreter lock). The session's connection is the writer's while
    a job runs: the caller's thread does not use it meanwhile. Leaving the block waits for the last job and
    raises its error; leaving it with an error waits for the job under way first (the transaction is rolled
    back after it)."""
    pool = ThreadPoolExecutor(1, thread_name_prefix="qamqor-import-writer")
    writer = Writer(pool)
    try:
        with short_switches():
            try:
                yield writer
            except BaseException:
                writer.wait(quiet=True)
                raise
            else:
                writer.wait()
    finally:
        pool.shutdown(wait=True)
