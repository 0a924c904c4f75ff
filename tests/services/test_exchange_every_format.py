"""Issue 11 point 1, "in every format and kind": each kind of file the program imports — queue applications,
the journal, an institution's register — in each format a user brings (the program's own .xlsx, CSV and
JSON, and the .xls and .ods LibreOffice saves from the .xlsx), imported into a database on SQLite and on
PostgreSQL and then imported again: the second import creates nothing and leaves every table as it was.
(A roster is compared, never imported: tests/services/test_exchange_identity.py. A register is a table,
never JSON.)

The files are committed in tests/portal/fixtures (CI has no LibreOffice): tests/portal/fixtures/make_fixtures.py
writes them — the queue through the program's writer, the journal as the program exports it from a database,
the register as typed in Excel — and has LibreOffice convert them."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.portal.formats import read_records
from app.portal.records import Kind
from app.portal.register import inspect_register, read_register, suggest_mapping
from app.services.exchange import ExchangeService
from tests.dump import dump
from tests.portal.fixtures.make_fixtures import queue_exchange_records, register_rows

FIXTURES = Path(__file__).resolve().parents[1] / "portal" / "fixtures"
FORMATS = ("xlsx", "xls", "ods", "csv", "json")
FILES = {"queue": "queue", "journal": "journal-export", "register": "register"}
CASES = [(kind, fmt) for kind in FILES for fmt in FORMATS if (kind, fmt) != ("register", "json")]


def import_file(svc, actor, kind: str, data: bytes):
    exchange = ExchangeService(svc.sessions)
    if kind == "queue":
        return exchange.import_queue(actor, read_records(data, Kind.QUEUE))
    if kind == "journal":
        return exchange.import_journal(actor, read_records(data, Kind.JOURNAL))
    return exchange.import_register(actor, read_register(data, suggest_mapping(inspect_register(data)[0])))


def expected_people(kind: str) -> int:
    """The people the file holds, from what make_fixtures wrote into it."""
    if kind == "queue":
        return len(queue_exchange_records())
    if kind == "register":
        return len(register_rows())
    return 4  # journal_export_database: Ахметов, Бекова, Құжатсыз, Белгісіз


@pytest.mark.parametrize(("kind", "fmt"), CASES, ids=[f"{k}-{f}" for k, f in CASES])
def test_point1_every_kind_in_every_format_imported_twice_changes_nothing_the_second_time(org, kind, fmt):
    svc, director, worker = org
    data = (FIXTURES / f"{FILES[kind]}.{fmt}").read_bytes()
    first = import_file(svc, worker, kind, data)
    people = expected_people(kind)
    assert first.created == people and svc.queries.residents()[0] == people
    before = dump(svc.engine)
    second = import_file(svc, worker, kind, data)
    assert second.created == 0 and second.unchanged == people
    assert dump(svc.engine) == before


@pytest.mark.parametrize("kind", list(FILES))
def test_point1_the_file_saved_in_another_format_finds_the_same_people_and_changes_nothing(org, kind):
    """The program's .xlsx imported, then the same file as LibreOffice saved it (.xls, .ods) and as CSV and
    JSON: every person, application and movement is found again, nothing is created, no table changes."""
    svc, director, worker = org
    people = expected_people(kind)
    assert import_file(svc, worker, kind, (FIXTURES / f"{FILES[kind]}.xlsx").read_bytes()).created == people
    before = dump(svc.engine)
    for fmt in [f for f in FORMATS if (kind, f) in CASES and f != "xlsx"]:
        again = import_file(svc, worker, kind, (FIXTURES / f"{FILES[kind]}.{fmt}").read_bytes())
        assert (fmt, again.created, again.unchanged) == (fmt, 0, people)
        assert dump(svc.engine) == before, fmt
