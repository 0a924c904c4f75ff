"""Issue 11 point 1: idempotent by identity, always. A person without an IIN is found again by name and
date of birth; the same file imported twice changes nothing the second time — for every format the
writer produces and every kind of file (queue applications, journal, roster, register)."""

import datetime as dt

import pytest

from app.domain.enums import DischargeReason, ResidentStatus, Sex
from app.domain.identity import make_iin
from app.portal.errors import ImportRefused
from app.portal.formats import WRITE_FORMATS, read_records, write_records
from app.portal.records import Format, JournalEventRecord, Kind, QueueApplicationRecord, RosterRecord
from app.portal.register import inspect_register, read_register, suggest_mapping
from app.services.exchange import ExchangeService
from app.services.residents import PersonInput
from tests.conftest import make_services
from tests.dump import dump
from tests.services.helpers import ELDERLY, GROUND, admit, days_ago, order

NO_DOCS = "Құжаттары жоқ, қалпына келтірілуде"  # the reason the demo database gives


def without_iin(last: str, first: str, birth: dt.date, sex: Sex = Sex.FEMALE) -> PersonInput:
    return PersonInput(last, first, "Серікқызы", iin_missing_reason=NO_DOCS, birth_date=birth, sex=sex,
                       category=ELDERLY)


def populate(svc, worker) -> None:
    """Two people with an IIN and two without, with departures, a return and a discharge."""
    a = admit(svc, worker, 100, last="Ахметов")
    b = admit(svc, worker, 90, last="Бекова", sex=Sex.FEMALE)
    c = svc.movements.admit_direct(worker, without_iin("Құжатсыз", "Әйгерім", dt.date(1948, 5, 6)), days_ago(80),
                                   order(days_ago(80), "3-ж"), admission_ground=GROUND).resident_id
    d = svc.movements.admit_direct(worker, without_iin("Белгісіз", "Гүлнар", dt.date(1951, 7, 8)), days_ago(70),
                                   order(days_ago(70), "4-ж"), admission_ground=GROUND).resident_id
    svc.movements.temporary_departure(worker, a, days_ago(50), order(days_ago(50), "5-ж"))
    svc.movements.return_(worker, a, days_ago(40), order(days_ago(40), "6-ж"))
    svc.movements.temporary_departure(worker, c, days_ago(30), order(days_ago(30), "7-ж"))
    svc.movements.discharge(worker, d, days_ago(20), order(days_ago(20), "8-ж"), DischargeReason.TO_FAMILY)
    svc.movements.discharge(worker, b, days_ago(10), order(days_ago(10), "9-ж"), DischargeReason.TO_FAMILY)


def import_twice(svc, actor, data: bytes, kind: Kind, run):
    """Import ``data`` twice; the second import must change nothing at all."""
    first = run(svc, actor, data)
    before = dump(svc.engine)
    second = run(svc, actor, data)
    assert dump(svc.engine) == before
    return first, second


def journal_import(svc, actor, data):
    return ExchangeService(svc.sessions).import_journal(actor, read_records(data, Kind.JOURNAL))


def queue_import(svc, actor, data):
    return ExchangeService(svc.sessions).import_queue(actor, read_records(data, Kind.QUEUE))


def roster_reconcile(svc, actor, data):
    return ExchangeService(svc.sessions).reconcile(read_records(data, Kind.ROSTER))


def register_import(svc, actor, data):
    mapping = suggest_mapping(inspect_register(data)[0])
    return ExchangeService(svc.sessions).import_register(actor, read_register(data, mapping))


@pytest.mark.parametrize("fmt", WRITE_FORMATS, ids=lambda f: f.value)
def test_point1_the_programs_own_journal_export_imported_back_changes_nothing(org, tmp_path, fmt):
    """The bug of the issue: every import of the own export added the people without an IIN again."""
    svc, director, worker = org
    populate(svc, worker)
    out = tmp_path / f"journal.{fmt.value}"
    ExchangeService(svc.sessions).export_journal(worker, out, "kk", since=days_ago(365))
    data = out.read_bytes()
    before = dump(svc.engine)
    first, second = import_twice(svc, worker, data, Kind.JOURNAL, journal_import)
    assert dump(svc.engine) == before
    assert first.created == second.created == 0 and first.unchanged == 4


@pytest.mark.parametrize("fmt", WRITE_FORMATS, ids=lambda f: f.value)
def test_point1_journal_into_an_empty_database_twice(org, tmp_path, fmt):
    svc, director, worker = org
    populate(svc, worker)
    records, _ids = ExchangeService(svc.sessions).journal_records(since=days_ago(365))
    data = write_records(Kind.JOURNAL, records, fmt, "ru")
    other, _d, worker2 = make_services(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        first, second = import_twice(other, worker2, data, Kind.JOURNAL, journal_import)
        assert first.created == 4 and second.created == 0 and second.unchanged == 4
        assert other.queries.residents()[0] == 4
    finally:
        other.engine.dispose()


def queue_file(fmt: Format) -> bytes:
    """Applications with a portal number and no IIN, with an IIN and no portal number, and with both."""
    records = [
        QueueApplicationRecord("Құжатсыз", "Айгүл", dt.date(1949, 3, 4), dt.datetime(2026, 3, 1, 9, 15),
                               middle_name="Серікқызы", portal_number="SOC-2026-001", sex=Sex.FEMALE),
        QueueApplicationRecord("Иинов", "Болат", dt.date(1950, 4, 5), dt.datetime(2026, 3, 2, 10, 0, 30),
                               iin=make_iin(dt.date(1950, 4, 5), Sex.MALE, 41)),
        QueueApplicationRecord("Екеуі", "Дана", dt.date(1952, 6, 7), dt.datetime(2026, 3, 3, 11, 45),
                               portal_number="SOC-2026-003", iin=make_iin(dt.date(1952, 6, 7), Sex.FEMALE, 42),
                               out_of_turn=True),
    ]
    return write_records(Kind.QUEUE, records, fmt, "kk")


@pytest.mark.parametrize("fmt", WRITE_FORMATS, ids=lambda f: f.value)
def test_point1_queue_applications_twice(org, fmt):
    svc, director, worker = org
    first, second = import_twice(svc, worker, queue_file(fmt), Kind.QUEUE, queue_import)
    assert first.created == 3 and second.created == 0 and second.unchanged == 3
    assert len(svc.queue.rows()) == 3 and svc.queries.residents()[0] == 3


def test_point1_an_applicant_without_an_iin_is_found_again_by_name_and_birth(org):
    """A new application of the same IIN-less person (another portal number) is not a second person."""
    svc, director, worker = org
    queue_import(svc, worker, queue_file(Format.JSON))
    again = QueueApplicationRecord("ҚҰЖАТСЫЗ", "Айгүл", dt.date(1949, 3, 4), dt.datetime(2026, 4, 1, 9, 0),
                                   middle_name="Серікқызы", portal_number="SOC-2026-099")
    before = dump(svc.engine)
    with pytest.raises(ImportRefused) as exc:  # the same person, still waiting: refused, not duplicated
        queue_import(svc, worker, write_records(Kind.QUEUE, [again], Format.CSV, "ru"))
    assert exc.value.problems[0].field == "iin" and "already in the queue" in exc.value.problems[0].message.msgid
    assert dump(svc.engine) == before


@pytest.mark.parametrize("fmt", WRITE_FORMATS, ids=lambda f: f.value)
def test_point1_roster_twice(org, fmt):
    svc, director, worker = org
    populate(svc, worker)
    present = [r for r in svc.queries.residents()[1] if r.iin and r.status == ResidentStatus.PRESENT]
    roster = [RosterRecord(r.iin, *r.full_name.split()[:2], r.birth_date, ResidentStatus.PRESENT, r.admitted_on)
              for r in present]
    data = write_records(Kind.ROSTER, roster, fmt, "ru")
    first, second = import_twice(svc, worker, data, Kind.ROSTER, roster_reconcile)
    assert first == second and len(first.both) + len(first.differ) == len(present)


@pytest.mark.parametrize("fmt", [f for f in WRITE_FORMATS if f is not Format.JSON], ids=lambda f: f.value)
def test_point1_register_twice(org, tmp_path, fmt):
    """A register (a table of the institution's own, here one row per person) with people without an IIN;
    registers are tables, never JSON."""
    svc, director, worker = org
    rows = [JournalEventRecord(ResidentStatus.PRESENT, "Тіркелген", "Асан", dt.date(1945, 2, 1), middle_name="Ұлы",
                               iin=make_iin(dt.date(1945, 2, 1), Sex.MALE, 70), admission_date=days_ago(200),
                               admission_order="1-к"),
            JournalEventRecord(ResidentStatus.PRESENT, "Иинсіз", "Үсен", dt.date(1946, 3, 2), sex=Sex.MALE,
                               admission_date=days_ago(190), admission_order="2-к"),
            JournalEventRecord(ResidentStatus.PRESENT, "Иинсіз", "Әсел", dt.date(1947, 4, 3), sex=Sex.FEMALE,
                               admission_date=days_ago(180), admission_order="3-к")]
    data = write_records(Kind.JOURNAL, rows, fmt, "kk")
    first, second = import_twice(svc, worker, data, Kind.REGISTER, register_import)
    assert first.created == 3 and second.created == 0 and second.unchanged == 3
    assert svc.queries.residents()[0] == 3


def test_point1_two_people_without_an_iin_of_the_same_name_and_birth_are_not_guessed(org):
    svc, director, worker = org
    for n in (1, 2):
        svc.movements.admit_direct(worker, without_iin("Егіз", "Айым", dt.date(1950, 1, 1)), days_ago(10 + n),
                                   order(days_ago(10 + n)), admission_ground=GROUND, another_person=n == 2)
    row = JournalEventRecord(ResidentStatus.PRESENT, "Егіз", "Айым", dt.date(1950, 1, 1), middle_name="Серікқызы",
                             admission_date=days_ago(5), admission_order="77")
    other = JournalEventRecord(ResidentStatus.PRESENT, "Басқа", "Адам", dt.date(1951, 1, 1),
                               admission_date=days_ago(5), admission_order="78")
    before = dump(svc.engine)
    with pytest.raises(ImportRefused) as exc:
        journal_import(svc, worker, write_records(Kind.JOURNAL, [other, row], Format.CSV, "kk"))
    (problem,) = exc.value.problems
    assert problem.field == "iin" and "without an IIN" in problem.message.msgid
    assert problem.row == 3  # the row in the file: the titles are row 1
    assert dump(svc.engine) == before


def test_point1_the_demo_databases_journal_export_imports_back_changing_nothing(db_url, tmp_path):
    """The issue's own case: the demo database (its people without an IIN among the residents), its whole
    journal exported in every format and imported back, twice."""
    from app.demo import build_demo
    from app.services import Services

    svc = Services.open(db_url)
    try:
        build_demo(svc, residents=60, seed=1)
        director = svc.people.authenticate("director", "director1")
        assert sum(r.iin is None and r.admitted_on is not None for r in svc.queries.residents()[1]) >= 3
        before = dump(svc.engine)
        for fmt in WRITE_FORMATS:
            out = tmp_path / f"journal.{fmt.value}"
            data = write_records(Kind.JOURNAL, ExchangeService(svc.sessions).journal_records(dt.date(1900, 1, 1))[0],
                                 fmt, "kk")
            out.write_bytes(data)
            for _time in range(2):
                summary = journal_import(svc, director, out.read_bytes())
                assert summary.created == 0 and dump(svc.engine) == before, fmt
    finally:
        svc.engine.dispose()


def test_point1_a_cp1251_csv_from_russian_excel_imports_and_again_changes_nothing(org):
    """"Done means": a CSV saved by a Russian-locale Excel (Windows-1251, semicolons, Russian titles and
    words; Russian names: the code page has no Kazakh letters) imports, and a second time changes nothing."""
    svc, director, worker = org
    rows = [JournalEventRecord(ResidentStatus.PRESENT, "Иванова", "Мария", dt.date(1944, 5, 6), middle_name="Петровна",
                               sex=Sex.FEMALE, address="г. Кокшетау, ул. Абая, 5", admission_date=days_ago(60),
                               admission_order="14-п"),
            JournalEventRecord(ResidentStatus.DISCHARGED, "Смирнов", "Олег", dt.date(1941, 1, 2), sex=Sex.MALE,
                               iin=make_iin(dt.date(1941, 1, 2), Sex.MALE, 5), admission_date=days_ago(50),
                               admission_order="15-п", discharge_date=days_ago(5), discharge_order="20-п",
                               discharge_reason="по желанию")]
    text = write_records(Kind.JOURNAL, rows, Format.CSV, "ru").decode("utf-8-sig")
    data = text.encode("cp1251")
    assert not data.startswith(b"\xef\xbb\xbf")
    first, second = import_twice(svc, worker, data, Kind.JOURNAL, journal_import)
    assert first.created == 2 and second.created == 0 and second.unchanged == 2
    names = {r.full_name for r in svc.queries.residents()[1]}
    assert names == {"Иванова Мария Петровна", "Смирнов Олег"}
