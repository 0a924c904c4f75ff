"""The pieces that let an import write 100,000 rows within seconds (issue 11 point 6) and what each must not
change: every index is there after an import (imported, dry run or refused), the page cache goes back to its
size, the audit JSON reads back as the ORM's snapshot, and the garbage collector runs again after every paused
block."""

from __future__ import annotations

import datetime as dt
import decimal
import gc
import json
import threading

import pytest
from sqlalchemy import event, func, select, text

from app.collector import no_cyclic_gc, short_switches
from app.db.bulk import BULK_CACHE_KIB, as_json, bulk_cache
from app.db.models import AuditEntry, Resident
from app.domain.enums import MovementKind, ResidentStatus, Sex
from app.domain.identity import make_iin
from app.portal.errors import ImportRefused
from app.portal.records import JournalEventRecord, Kind, ParseResult, QueueApplicationRecord
from app.services.base import _jsonable
from app.services.exchange import ExchangeService
from tests.conftest import make_services

N = 30


def journal(n: int, bad_last: bool = False) -> ParseResult:
    """``n`` people admitted a year ago; with ``bad_last`` the last one's admission is in the future (refused)."""
    admitted = dt.date.today() - dt.timedelta(days=365)
    records = []
    for i in range(n):
        born = dt.date(1940, 1, 1) + dt.timedelta(days=37 * i)
        day = dt.date.today() + dt.timedelta(days=30) if bad_last and i == n - 1 else admitted
        records.append(JournalEventRecord(ResidentStatus.PRESENT, "Әбілова", f"Гүлнар{i}", born,
                                          iin=make_iin(born, Sex.FEMALE, 100 + i), admission_date=day,
                                          admission_order=f"{i + 1}-қ"))
    return ParseResult(tuple(records), (), Kind.JOURNAL)


def indexes(engine) -> set[tuple[str, str]]:
    with engine.connect() as c:
        return set(c.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")))


@pytest.fixture
def sqlite_org(tmp_path):
    svc, director, worker = make_services(f"sqlite:///{tmp_path / 'bulk.sqlite3'}", capacity=2 * N)
    yield svc, worker
    svc.engine.dispose()


def statements(engine) -> list[str]:
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda conn, cursor, sql, *a: seen.append(sql.strip()))
    return seen


def queue(n: int, first: int = 0) -> ParseResult:
    """``n`` queue applications of different people."""
    records = []
    for i in range(first, first + n):
        born = dt.date(1940, 1, 1) + dt.timedelta(days=37 * i)
        records.append(QueueApplicationRecord("Кезекова", f"Айгүл{i}", born, dt.datetime(2026, 3, 1, 10) +
                                              dt.timedelta(hours=i), portal_number=f"SOC-{i}",
                                              iin=make_iin(born, Sex.FEMALE, 100 + i)))
    return ParseResult(tuple(records), (), Kind.QUEUE)


def assert_indexes_used(s) -> None:
    """The people are found by the indexes built again (the search key's index among them)."""
    plan = " ".join(str(r) for r in s.execute(text("EXPLAIN QUERY PLAN SELECT id FROM resident WHERE search_key = 'x'")))
    assert "ix_resident_search_key" in plan


@pytest.mark.parametrize("how", ["imported", "dry run", "refused"])
def test_a_first_queue_import_keeps_every_index(sqlite_org, how):
    """No import drops an index to write faster (the queue import did until its writer thread; a dry run then
    left them dropped, migration 0020): whether the file is imported, tried or refused in its last row, the
    indexes are those the database had, and the people are found by them."""
    svc, worker = sqlite_org
    before = indexes(svc.engine)
    seen = statements(svc.engine)
    ex = ExchangeService(svc.sessions)
    if how == "refused":  # the last application is of a person already in the file's queue
        result = queue(N)
        last = result.records[-1]
        apps = (*result.records, QueueApplicationRecord(last.last_name, last.first_name, last.birth_date,
                                                        last.received_at + dt.timedelta(days=1),
                                                        portal_number="SOC-again", iin=last.iin))
        with pytest.raises(ImportRefused):
            ex.import_queue(worker, ParseResult(apps, (), Kind.QUEUE))
    else:
        assert ex.import_queue(worker, queue(N), dry_run=how == "dry run").created == N
    assert not [s for s in seen if s.startswith(("DROP INDEX", "CREATE INDEX"))]
    assert indexes(svc.engine) == before
    with svc.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Resident)) == (N if how == "imported" else 0)
        assert_indexes_used(s)


def test_the_journal_import_keeps_the_indexes(sqlite_org):
    """Its writer thread updates them while the rows are checked (app.services.import_batch)."""
    svc, worker = sqlite_org
    seen = statements(svc.engine)
    assert ExchangeService(svc.sessions).import_journal(worker, journal(N)).created == N
    assert not [s for s in seen if s.startswith(("DROP INDEX", "CREATE INDEX"))]


def test_the_page_cache_is_its_usual_size_again_after_a_bulk_write(sqlite_org):
    svc, _worker = sqlite_org
    with svc.sessions() as s:
        s.begin()
        usual = s.connection().exec_driver_sql("PRAGMA cache_size").scalar()
        with bulk_cache(s):
            assert s.connection().exec_driver_sql("PRAGMA cache_size").scalar() == -BULK_CACHE_KIB
        assert s.connection().exec_driver_sql("PRAGMA cache_size").scalar() == usual
        s.rollback()


def test_the_audit_json_reads_back_as_the_orm_snapshot():
    value = {"name": "Әбілқасымова Ұлжан", "born": dt.date(1941, 2, 3), "at": dt.datetime(2026, 1, 2, 9, 30, 15, 7),
             "kind": MovementKind.ADMISSION, "status": ResidentStatus.PRESENT, "sum": decimal.Decimal("1.5"),
             "events": [{"day": dt.date(2020, 1, 1), "returned": True, "n": 3, "none": None}]}
    expected = {k: _jsonable(v) for k, v in value.items()}
    expected["events"] = [{k: _jsonable(v) for k, v in value["events"][0].items()}]
    text_ = as_json(value)
    assert json.loads(text_) == expected
    assert "Әбілқасымова Ұлжан" in text_  # letters as they are, not \\u escapes
    with pytest.raises(TypeError):
        as_json({"x": object()})


def test_an_import_entry_is_read_by_the_audit_log_as_written(sqlite_org):
    svc, worker = sqlite_org
    ExchangeService(svc.sessions).import_journal(worker, journal(2))
    with svc.sessions() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "resident").order_by(AuditEntry.id)).first()
    assert entry is not None and entry.after is not None
    assert entry.after["last_name"] == "Әбілова" and entry.after["status"] == "present"
    assert entry.after["movements"][0]["kind"] == "admission"
    assert entry.after["movements"][0]["event_date"] == (dt.date.today() - dt.timedelta(days=365)).isoformat()


def two_blocks(block, probe) -> tuple[object, object]:
    """``block`` entered in this thread, then in another; the first left while the other is still in it. What
    ``probe`` gives inside the first, and inside the other once the first has ended."""
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[object] = []

    def second() -> None:
        first_in.wait()
        with block():
            second_in.set()
            first_out.wait()
            seen.append(probe())

    t = threading.Thread(target=second)
    t.start()
    with block():
        first_in.set()
        second_in.wait()
        inside = probe()
    first_out.set()
    t.join()
    return inside, seen[0]


def test_the_collector_runs_again_when_the_last_paused_block_ends():
    assert gc.isenabled()
    inside, after_first = two_blocks(no_cyclic_gc, gc.isenabled)
    assert not inside
    assert after_first is False  # the first block ended: still paused for the other
    assert gc.isenabled()


def test_the_collector_runs_again_after_a_failure_and_stays_off_if_it_was_off():
    with pytest.raises(ValueError), no_cyclic_gc():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with no_cyclic_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_import_leaves_the_collector_running(sqlite_org):
    svc, worker = sqlite_org
    ExchangeService(svc.sessions).import_journal(worker, journal(3))
    with pytest.raises(ImportRefused):
        ExchangeService(svc.sessions).import_journal(worker, journal(3, bad_last=True))
    assert gc.isenabled()


def test_the_switch_interval_comes_back_when_the_last_writer_block_ends():
    """Two imports writing at once in two threads: the first to end does not put the usual interval back under
    the other."""
    import sys

    usual = sys.getswitchinterval()
    inside, after_first = two_blocks(short_switches, sys.getswitchinterval)
    assert inside < usual
    assert after_first < usual
    assert sys.getswitchinterval() == usual


@pytest.mark.parametrize("variables", [None, 40], ids=["one-statement", "five-rows-a-statement"])
def test_rows_sent_are_stored_as_the_driver_binds_them(sqlite_org, monkeypatch, variables):
    """SQLite: rows go to the driver in ``INSERT … VALUES (…), (…)`` statements of as many rows as
    ``SQLITE_VARIABLES`` values allow, a value the same in every row (the first name, the sex, the status, when
    they were made, the version: five of eleven columns) bound once a statement (40 here: five such values and
    five rows of six a statement, two statements for ten people): either way every row is stored whole, each
    value as the ORM stores it; a duplicate is the driver's IntegrityError, as SQLAlchemy raises it."""
    from sqlalchemy.exc import IntegrityError

    from app.db.bulk import converted, send
    from app.db.models import make_search_key

    if variables is not None:
        monkeypatch.setattr("app.db.bulk.SQLITE_VARIABLES", variables)
    svc, _worker = sqlite_org
    people = [dict(last_name=f"Әлиев{i}", first_name="Тест", iin=make_iin(dt.date(1940, 1, 1) + dt.timedelta(days=i),
                                                                           Sex.MALE, 300 + i),
                   birth_date=dt.date(1940, 1, 1) + dt.timedelta(days=i), sex=Sex.MALE,
                   search_key=make_search_key(f"Әлиев{i}"), status=ResidentStatus.IN_QUEUE,
                   created_at=dt.datetime(2026, 1, 2, 3, 4, 5), version=1, **({"phone": "+7 701"} if i % 2 else {}))
              for i in range(10)]
    seen: list[str] = []
    with svc.sessions() as s:
        s.begin()
        dbapi = s.connection().connection.dbapi_connection
        dbapi.set_trace_callback(seen.append)
        send(s, converted(s.get_bind().dialect, Resident.__table__, people, list(range(101, 111))))
        dbapi.set_trace_callback(None)
        s.commit()
    inserts = [q for q in seen if q.startswith("INSERT INTO resident")]
    columns = inserts[0].split(") VALUES")[0].count(",") + 1
    assert columns == 11  # the id, the ten columns the people fill (a phone for some)
    same = [key for key in people[0] if all(key in p and p[key] == people[0][key] for p in people)]
    assert len(same) == 5
    assert len(inserts) == (1 if variables is None else -(-10 // ((variables - len(same)) // (columns - len(same)))))
    with svc.sessions() as s:
        stored = s.scalars(select(Resident).where(Resident.id > 100).order_by(Resident.id)).all()
        assert [(r.id, r.last_name, r.iin, r.birth_date, r.sex, r.status, r.phone, r.created_at) for r in stored] == [
            (101 + i, p["last_name"], p["iin"], p["birth_date"], Sex.MALE, ResidentStatus.IN_QUEUE, p.get("phone"),
             dt.datetime(2026, 1, 2, 3, 4, 5)) for i, p in enumerate(people)]
    with svc.sessions() as s:
        s.begin()
        with pytest.raises(IntegrityError):
            send(s, converted(s.get_bind().dialect, Resident.__table__, people[:1], [200]))
        s.rollback()


def test_rows_alike_in_every_column_are_each_stored(sqlite_org):
    """Two audit entries the same in every column (a chunk whose every column is of one value): both are stored,
    as the ORM would store them, though every value would be bound once a statement."""
    from app.db.bulk import converted, send

    svc, _worker = sqlite_org
    entry = {"at": dt.datetime(2026, 1, 2, 3, 4, 5), "username": "worker", "action": "journal.import",
             "entity": "resident", "entity_id": 7, "before": None, "after": as_json({"status": "present"})}
    with svc.sessions() as s:
        s.begin()
        first = s.scalar(select(func.max(AuditEntry.id))) or 0
        send(s, converted(s.get_bind().dialect, AuditEntry.__table__, [entry, dict(entry)]))
        s.commit()
    with svc.sessions() as s:
        stored = s.scalars(select(AuditEntry).where(AuditEntry.id > first)).all()
        assert [(e.at, e.username, e.action, e.entity, e.entity_id, e.before, e.after) for e in stored] == [
            (entry["at"], "worker", "journal.import", "resident", 7, None, {"status": "present"})] * 2


def test_dates_are_written_as_the_orm_writes_them(sqlite_org):
    """SQLite: a date column's text is made by ``date.isoformat`` where SQLAlchemy's ``DATE`` gives the same text
    (its default storage format); stored side by side with the ORM's rows, every date reads back as the same text —
    the first and last years a file may carry, a one-digit month and day, a datetime given to a date column (its
    day only), none. A ``DATE`` of another storage format is written by its own processor."""
    import sqlalchemy as sa
    from sqlalchemy.dialects import sqlite

    from app.db.bulk import _tuples, converted, send

    svc, _worker = sqlite_org
    days = [dt.date(1900, 1, 1), dt.date(1999, 12, 31), dt.date(2026, 2, 3), dt.date(2099, 12, 31), None,
            dt.datetime(2026, 5, 6, 7, 8)]
    people = [dict(last_name=f"Күнов{i}", first_name="Тест", iin_missing_reason="—", birth_date=day,
                   ipr_until=day, status=ResidentStatus.IN_QUEUE, created_at=dt.datetime(2026, 1, 2), version=1,
                   search_key=f"күнов{i}") for i, day in enumerate(days)]
    with svc.sessions() as s:
        s.begin()
        s.add_all([Resident(id=201 + i, **p) for i, p in enumerate(people)])
        s.flush()
        send(s, converted(s.get_bind().dialect, Resident.__table__,
                          [{**p, "last_name": p["last_name"] + "б"} for p in people], list(range(301, 307))))
        s.commit()
    with svc.engine.connect() as conn:
        stored = {rid: (birth, until) for rid, birth, until in conn.execute(text(
            "SELECT id, birth_date, ipr_until FROM resident WHERE id > 200"))}
    assert [stored[301 + i] for i in range(6)] == [stored[201 + i] for i in range(6)]
    assert [stored[301 + i][0] for i in range(6)] == ["1900-01-01", "1999-12-31", "2026-02-03", "2099-12-31", None,
                                                      "2026-05-06"]
    dotted = sa.Table("dotted", sa.MetaData(), sa.Column("day", sqlite.DATE(
        storage_format="%(day)02d.%(month)02d.%(year)04d")), sa.Column("n", sa.Integer))
    converted_rows = _tuples(svc.engine.dialect, dotted, [{"day": dt.date(2026, 2, 3), "n": 1},
                                                          {"day": dt.date(1950, 11, 12), "n": 2}], None)
    assert converted_rows.data == [("03.02.2026", 1), ("12.11.1950", 2)]
