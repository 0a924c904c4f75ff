"""Inserting a whole file's rows at once (issue 11 point 6: 100,000 rows within seconds), from a writer thread
while the next rows are checked.

SQLAlchemy's ``executemany`` builds a parameter dictionary per row and runs each value through its
type's processor one call at a time: for 100,000 rows of thirty columns that is most of the time an
import spends. Here the same processors of the same column types (so a date, an enum, a JSON snapshot
is stored exactly as the ORM stores it) are applied a column at a time (:func:`converted`), and the rows go
to the driver as tuples (:func:`send`): PostgreSQL's ``COPY``, SQLite's ``executemany`` or, from the writer
thread of :func:`writing`, ``INSERT … SELECT`` statements. The callers choose the new rows' ids
(:func:`sequence_ids` on PostgreSQL). Inside the caller's transaction, on its connection: a refusal or a dry
run rolls them back with everything else."""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from itertools import islice, repeat
from typing import Any, NamedTuple

import orjson
from sqlalchemy import JSON, Connection, Table
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.collector import short_switches

#: rows converted and sent at a time: the converted copy of a whole file would double the import's memory
CHUNK_ROWS = 10_000
#: SQLite, from a writer thread: rows sent in one statement (``send``). The statement's JSON text is made three
#: times over (orjson's bytes, Python's text, the driver's UTF-8) and parsed by SQLite: 10,000 rows at once took
#: the journal import of 100,000 rows to 515 MB of memory at its peak, 2,000 to 465 MB (1,000: 458 MB)
JSON_ROWS = 2_000
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
            ids: Sequence[int] | None) -> tuple[list[str], list[tuple]]:
    """The columns to write and the rows as tuples of what the driver gets. A column empty in every row is
    left out, to be NULL (not a JSON column: its None is written as JSON ``null``, as the ORM writes it).
    Each distinct value is converted once (a file's dates and codes repeat)."""
    keys: list[str] = []
    columns: list[Sequence[Any]] = [ids] if ids is not None else []
    present = set().union(*rows)  # a row may leave out a column it has no value for
    if unknown := present.difference(table.c.keys()):
        raise KeyError(f"not columns of {table.name}: {', '.join(sorted(unknown))}")
    for key in [c.name for c in table.columns if c.name in present]:  # the table's order
        values = list(map(dict.get, rows, repeat(key)))
        kind = table.c[key].type
        if values.count(None) == len(values) and not isinstance(kind, JSON):
            continue
        keys.append(key)
        process = kind.dialect_impl(dialect).bind_processor(dialect)
        if process is None:
            columns.append(values)
        elif isinstance(kind, JSON):  # None is written as JSON null (the ORM writes it so): converted once
            null = process(None)
            columns.append([v if v.__class__ is JsonText else null if v is None else process(v) for v in values])
        else:
            converted = {v: process(v) for v in set(values)}
            columns.append(list(map(converted.__getitem__, values)))
    return keys, list(zip(*columns))


class Converted(NamedTuple):
    """Rows of one table as the driver takes them (at most :data:`CHUNK_ROWS`): the column names and the tuples."""

    table: Table
    keys: list[str]
    data: list[tuple]


def converted(dialect, table: Table, rows: Iterable[dict[str, Any]],
              ids: Sequence[int] | None = None) -> Iterator[Converted]:
    """``rows`` (column → value; a column a row leaves out is NULL) converted for the driver a chunk at a time;
    ``ids``: the rows' ids, when the caller chose them. ``rows`` may be a generator: it is taken a chunk at a
    time, so that a file's audit entries need not all be in memory at once."""
    rows, start = iter(rows), 0
    while chunk := list(islice(rows, CHUNK_ROWS)):
        keys, data = _tuples(dialect, table, chunk, None if ids is None else ids[start:start + len(chunk)])
        start += len(chunk)
        yield Converted(table, ["id", *keys] if ids is not None else keys, data)


def send(s: Session, parts: Iterable[Converted], *, writer: bool = False) -> None:
    """Insert rows already converted, in the session's transaction: PostgreSQL's ``COPY``; SQLite's
    ``executemany``, or, from a ``writer`` thread while another thread runs, ``INSERT … SELECT … FROM
    json_each(?)`` statements of :data:`JSON_ROWS` rows: the driver lets other threads run while SQLite executes
    a statement and takes the interpreter lock back after it, so row by row the writer waited for the other
    thread at every row (bench/RESULTS.md); in one statement SQLite inserts its rows while the other thread runs.
    An error of the driver is raised as SQLAlchemy raises it (an ``IntegrityError``: a conflict)."""
    conn = s.connection()
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    cursor = conn.connection.cursor()
    try:
        for table, keys, data in parts:
            names = ", ".join(map(quote, keys))
            try:
                if dialect.name == "postgresql":
                    sql = f"COPY {quote(table.name)} ({names}) FROM STDIN"
                    with cursor.copy(sql) as copy:
                        for row in data:
                            copy.write_row(row)
                elif writer:  # each row a JSON array of the values as the driver would bind them
                    values = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(keys)))
                    sql = f"INSERT INTO {quote(table.name)} ({names}) SELECT {values} FROM json_each(?)"
                    for start in range(0, len(data), JSON_ROWS):
                        cursor.execute(sql, (orjson.dumps(data[start:start + JSON_ROWS]).decode(),))
                else:
                    marks = ", ".join("?" if dialect.paramstyle == "qmark" else "%s" for _ in keys)
                    sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})"
                    cursor.executemany(sql, data)
            except dialect.loaded_dbapi.Error as exc:
                raise DBAPIError.instance(sql, None, exc, dialect.loaded_dbapi.Error) from exc
    finally:
        cursor.close()


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
    converts the next (PostgreSQL's server, SQLite's ``INSERT … SELECT`` statements of :func:`send` with
    ``writer=True``: both run without the interpreter lock). The session's connection is the writer's while
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
