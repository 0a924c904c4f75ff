"""Issue 11 point 6, the database side: the journal, register and queue imports write a whole file in a few
bulk statements. The database they leave is the one the row-by-row import left (tests/services/rowwise_import.py,
the code before the change) for a file mixing new people, known people, people without an IIN and repeated rows;
the audit log keeps every value the row-by-row entries held, one entry per person; a refusal in the last row
of a file longer than one write chunk changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.db.bulk import CHUNK_ROWS
from app.db.models import AuditEntry, QueueApplication, Resident
from app.domain.enums import DischargeReason, ResidentStatus, Sex
from app.domain.identity import make_iin
from app.i18n import M
from app.portal.errors import ImportRefused
from app.portal.records import JournalEventRecord, Kind, ParseResult, QueueApplicationRecord, RegisterRecord
from app.services.audit import AuditFilter, AuditService
from app.services.base import stale_conflict
from app.services.exchange import ExchangeService
from app.services.residents import PersonInput
from tests.conftest import make_services
from tests.dump import dump
from tests.services.helpers import ELDERLY, GROUND, days_ago, order
from tests.services.rowwise_import import RowwiseExchange

NO_DOCS = "Құжаттары жоқ"


def iin(birth: dt.date, sex: Sex, serial: int) -> str:
    return make_iin(birth, sex, serial)


A_BIRTH, B_BIRTH, C_BIRTH = dt.date(1941, 2, 3), dt.date(1943, 4, 5), dt.date(1948, 5, 6)


def setup(svc, worker) -> None:
    """The same people in every database: two with an IIN and one without, with a history."""
    def person(last, first, birth, sex, serial=None):
        return PersonInput(last, first, "Серікұлы" if sex == Sex.MALE else "Серікқызы",
                           iin=iin(birth, sex, serial) if serial else None,
                           iin_missing_reason=None if serial else NO_DOCS, birth_date=birth, sex=sex, category=ELDERLY)

    mv = svc.movements
    a = mv.admit_direct(worker, person("Ахметов", "Асқар", A_BIRTH, Sex.MALE, 11), days_ago(100),
                        order(days_ago(100), "1-ж"), admission_ground=GROUND).resident_id
    b = mv.admit_direct(worker, person("Бекова", "Айна", B_BIRTH, Sex.FEMALE, 12), days_ago(90),
                        order(days_ago(90), "2-ж"), admission_ground=GROUND).resident_id
    c = mv.admit_direct(worker, person("Құжатсыз", "Әйгерім", C_BIRTH, Sex.FEMALE), days_ago(80),
                        order(days_ago(80), "3-ж"), admission_ground=GROUND).resident_id
    mv.temporary_departure(worker, a, days_ago(50), order(days_ago(50), "5-ж"))
    mv.return_(worker, a, days_ago(40), order(days_ago(40), "6-ж"))
    mv.temporary_departure(worker, c, days_ago(30), order(days_ago(30), "7-ж"))
    mv.discharge(worker, b, days_ago(10), order(days_ago(10), "9-ж"), DischargeReason.TO_FAMILY)


def journal_rows() -> list[JournalEventRecord]:
    P, T, D, R, Q = (ResidentStatus.PRESENT, ResidentStatus.TRANSFERRED, ResidentStatus.DISCHARGED,
                     ResidentStatus.TEMPORARILY_ABSENT, ResidentStatus.IN_QUEUE)
    new_birth, nobody_birth = dt.date(1950, 6, 7), dt.date(1952, 8, 9)
    new_iin = iin(new_birth, Sex.MALE, 21)
    return [
        # a known person: the events recorded already, and a discharge that is new
        JournalEventRecord(P, "Ахметов", "Асқар", A_BIRTH, middle_name="Серікұлы", iin=iin(A_BIRTH, Sex.MALE, 11),
                           admission_date=days_ago(100), admission_order="1-ж", temp_departure_date=days_ago(50),
                           temp_departure_order="5-ж", return_date=days_ago(40), return_order="6-ж"),
        JournalEventRecord(D, "Ахметов", "Асқар", A_BIRTH, middle_name="Серікұлы", iin=iin(A_BIRTH, Sex.MALE, 11),
                           admission_date=days_ago(100), admission_order="1-ж", discharge_date=days_ago(5),
                           discharge_order="11-ж", discharge_reason="смерть"),
        # a known person without an IIN (name in other case, ё/е): returns
        JournalEventRecord(P, "ҚҰЖАТСЫЗ", "Әйгерім", C_BIRTH, middle_name="Серікқызы", admission_date=days_ago(80),
                           admission_order="3-ж", return_date=days_ago(3), return_order="12-ж"),
        # a known person discharged earlier, readmitted (R-02: "returned")
        JournalEventRecord(P, "Бекова", "Айна", B_BIRTH, iin=iin(B_BIRTH, Sex.FEMALE, 12),
                           admission_date=days_ago(4), admission_order="13-ж"),
        # a new person with an IIN, in two rows (admission; temporary departure), one row repeated
        JournalEventRecord(P, "Жаңа", "Болат", new_birth, iin=new_iin, sex=Sex.MALE, address="Алматы",
                           admission_date=days_ago(60), admission_order="20-к"),
        JournalEventRecord(R, "Жаңа", "Болат", new_birth, iin=new_iin, admission_date=days_ago(60),
                           admission_order="20-к", temp_departure_date=days_ago(20), temp_departure_order="21-к",
                           discharge_reason="ауруханаға"),
        JournalEventRecord(P, "Жаңа", "Болат", new_birth, iin=new_iin, sex=Sex.MALE, address="Алматы",
                           admission_date=days_ago(60), admission_order="20-к"),
        # new people without an IIN: discharged for another reason, transferred, and one still waiting
        JournalEventRecord(D, "Иинсіз", "Сәуле", nobody_birth, sex=Sex.FEMALE, phone="+7 701 000 00 00",
                           admission_date=days_ago(70), admission_order=None, discharge_date=days_ago(30),
                           discharge_order="31-ш", discharge_reason="басқа қалаға көшті"),
        JournalEventRecord(T, "Иинсіз", "Ерлан", nobody_birth, sex=Sex.MALE, admission_date=days_ago(65),
                           admission_order="32-к", transfer_date=days_ago(25), transfer_order="33-п",
                           destination="Қарағанды облысы"),
        JournalEventRecord(Q, "Күтуде", "Нұрлан", dt.date(1955, 1, 2), iin=iin(dt.date(1955, 1, 2), Sex.MALE, 31)),
    ]


def register_rows() -> list[RegisterRecord]:
    fresh = dt.date(1946, 3, 2)
    return [
        RegisterRecord("Ахметов", "Асқар", A_BIRTH, iin=iin(A_BIRTH, Sex.MALE, 11)),  # known
        RegisterRecord("Құжатсыз", "Әйгерім", C_BIRTH, middle_name="Серікқызы"),  # known, without an IIN
        RegisterRecord("Тіркелген", "Асан", fresh, iin=iin(fresh, Sex.MALE, 41), address="Шымкент",
                       admission_date=days_ago(200), admission_order="1-к"),
        RegisterRecord("Тіркелген", "Асан", fresh, iin=iin(fresh, Sex.MALE, 41)),  # repeated: found again
        RegisterRecord("Иинсіз", "Үсен", dt.date(1946, 3, 3), sex=Sex.MALE, admission_date=days_ago(190)),
        RegisterRecord("Шыққан", "Дана", dt.date(1947, 4, 4), status=ResidentStatus.DISCHARGED,
                       admission_date=days_ago(300)),  # left before: not imported
        RegisterRecord("Кезекте", "Айым", dt.date(1948, 5, 5), sex=Sex.FEMALE, status=ResidentStatus.PRESENT,
                       admission_date=days_ago(150), admission_order="7-к"),
    ]


def parsed(kind: Kind, records) -> ParseResult:
    return ParseResult(records=tuple(records), problems=(), kind=kind)


def _plain(table: str, row: tuple, moments: set[int]) -> tuple:
    """A row without the moments it was written at (they differ between two runs) and password hashes."""
    return tuple("<moment>" if i in moments else ("<hash>" if isinstance(v, str) and v.startswith("$argon2") else v)
                 for i, v in enumerate(row))


def comparable(engine) -> dict[str, list[tuple]]:
    from app.db.models import Base

    out = {}
    for name, rows in dump(engine).items():
        if name == "audit_log":
            continue
        table = Base.metadata.tables[name]
        moments = {i for i, c in enumerate(table.columns) if c.type.python_type is dt.datetime}
        out[name] = [_plain(name, r, moments) for r in rows]
    return out


def _values(d: dict | None, skip: set[str]) -> dict:
    return {k: v for k, v in (d or {}).items() if v is not None and v is not False and k not in skip}


_TECHNICAL = {"id", "version", "search_key", "name_key", "created_at", "status", "unit_id", "created_by",
              "resident_id", "exported_at"}


def audit_information(engine, since: int) -> dict[int, dict]:
    """Per person, what the import's audit entries say it wrote: the person's values, the events, the status
    they end in, the case file — from the row-by-row entries (one per row written) or the bulk entry."""
    with engine.connect() as conn:
        entries = conn.execute(select(AuditEntry.__table__).where(AuditEntry.id > since)
                               .order_by(AuditEntry.id)).all()
    info: dict[int, dict] = {}
    for e in entries:
        rid = e.entity_id if e.entity == "resident" else (e.after or {}).get("resident_id")
        person = info.setdefault(rid, {"values": {}, "movements": [], "status": None, "case_file": None})
        if e.action in ("resident.import", "journal.import") and "movements" in (e.after or {}) or \
                e.action == "journal.import":  # the bulk entry
            after = dict(e.after)
            person["movements"] += [_values(m, _TECHNICAL) for m in after.pop("movements", [])]
            person["case_file"] = after.pop("case_file", None)
            person["status"] = after.pop("status")
            person["values"].update(_values(after, _TECHNICAL))
        elif e.action == "resident.import":  # a row-by-row entry without events: the person's snapshot
            person["values"].update(_values(e.after, _TECHNICAL))
            person["status"] = person["status"] or e.after["status"]
        elif e.action.startswith("movement."):
            person["movements"].append(_values(e.after, _TECHNICAL))
        elif e.action == "resident.status":
            person["status"] = e.after["status"]
        elif e.action == "casefile.open":
            person["case_file"] = _values(e.after, _TECHNICAL | {"number"}) | {"number": e.after["number"]}
        else:
            raise AssertionError(e.action)
    for person in info.values():
        if person["case_file"] is not None:
            person["case_file"] = _values(person["case_file"], _TECHNICAL)
    return info


def two_databases(db_url, tmp_path, request):
    """The same organisation, accounts and people in two databases of the engine under test."""
    second = f"sqlite:///{tmp_path / 'reference.sqlite3'}"
    if not db_url.startswith("sqlite"):
        server = request.getfixturevalue("pg_server")
        second = server.create_database()
        request.addfinalizer(lambda: server.drop_database(second))
    made = []
    for url in (db_url, second):
        svc, director, worker = make_services(url)
        request.addfinalizer(svc.engine.dispose)
        setup(svc, worker)
        made.append((svc, worker))
    return made


def last_audit_id(svc) -> int:
    with svc.sessions() as s:
        return s.scalar(select(func.max(AuditEntry.id)))


@pytest.mark.parametrize("chunk", [CHUNK_ROWS, 2], ids=["one-write", "written-every-2-people"])
@pytest.mark.parametrize("kind", ["journal", "register"])
def test_the_bulk_import_leaves_the_database_the_row_by_row_import_left(db_url, tmp_path, request, monkeypatch, kind,
                                                                         chunk):
    """``chunk``: the people written at a time (a file at the row limit is written in chunks as it is checked)."""
    monkeypatch.setattr("app.services.import_batch.CHUNK_ROWS", chunk)
    (bulk, worker), (reference, worker2) = two_databases(db_url, tmp_path, request)
    assert comparable(bulk.engine) == comparable(reference.engine)
    since = last_audit_id(bulk)
    assert since == last_audit_id(reference)
    if kind == "journal":
        result = parsed(Kind.JOURNAL, journal_rows())
        new = ExchangeService(bulk.sessions).import_journal(worker, result)
        old = RowwiseExchange(reference.sessions).import_journal(worker2, result)
    else:
        result = parsed(Kind.REGISTER, register_rows())
        new = ExchangeService(bulk.sessions).import_register(worker, result)
        old = RowwiseExchange(reference.sessions).import_register(worker2, result)
    after = comparable(bulk.engine)
    assert after == comparable(reference.engine)
    assert [(c.key, c.full_name) for c in new.changes] == [(c.key, c.full_name) for c in old.changes]
    assert [(c.action, c.key) for c in new.changes] == [(c.action, c.key) for c in old.changes]
    if kind == "journal":  # the file really mixed what it should: known people given new events, new ones made
        assert (new.created, new.updated, new.unchanged) == (4, 3, 0)
        assert len(after["resident"]) == 3 + 4 and len(after["movement"]) > 9
    else:
        assert new.created == 3 and new.unchanged == 3 and len(after["resident"]) == 3 + 3  # the one who left: not
        assert [n.msgid for n in new.notices][:1] == ["Not imported, as the register says they have left (discharged "
                                                      "or transferred): {n}. The register brings in the people who "
                                                      "live here; a stay that has ended is entered in the journal by "
                                                      "hand."]
    # the audit log: every value the row-by-row entries held, one entry per person
    assert audit_information(bulk.engine, since) == audit_information(reference.engine, since)
    with bulk.sessions() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.id > since)))
    assert len(actions) == (7 if kind == "journal" else 3)
    # and the import again changes nothing
    before = dump(bulk.engine)
    again = (ExchangeService(bulk.sessions).import_journal if kind == "journal"
             else ExchangeService(bulk.sessions).import_register)(worker, result)
    assert again.created == 0 and dump(bulk.engine) == before


def _id_of(svc, number: str) -> int:
    """The id of the one resident with the IIN ``number`` (the residents list searches IINs too)."""
    [row] = [r for r in svc.queries.residents(search=number)[1] if r.iin == number]
    return row.id


def test_a_journal_import_shows_on_the_persons_history(org):
    svc, director, worker = org
    setup(svc, worker)
    ExchangeService(svc.sessions).import_journal(worker, parsed(Kind.JOURNAL, journal_rows()))
    new_id = _id_of(svc, iin(dt.date(1950, 6, 7), Sex.MALE, 21))
    page = AuditService(svc.sessions).query(director, AuditFilter(resident_id=new_id))
    [row] = page.rows
    assert row.action == "resident.import" and row.resident_name == "Жаңа Болат"
    changes = {c.field: c.new for c in row.changes("ru")}
    assert changes["last_name"] == "Жаңа" and changes["address"] == "Алматы"
    assert changes["status"] == ResidentStatus.TEMPORARILY_ABSENT.text("ru")
    events = changes["movements"]  # the events in words: their kind, date, order and entry number
    assert ResidentStatus.PRESENT.text("ru") not in events
    assert "20-к" in events and "21-к" in events and days_ago(20).strftime("%d.%m.%Y") in events
    from app.domain.enums import MovementKind

    assert MovementKind.ADMISSION.text("ru") in events and MovementKind.TEMPORARY_DEPARTURE.text("ru") in events
    assert days_ago(60).strftime("%d.%m.%Y") in changes["case_file"]
    known = _id_of(svc, iin(A_BIRTH, Sex.MALE, 11))
    newest = AuditService(svc.sessions).query(director, AuditFilter(resident_id=known)).rows[0]
    assert newest.action == "journal.import"
    assert {c.field: (c.old, c.new) for c in newest.changes("ru")}["status"] == (
        ResidentStatus.PRESENT.text("ru"), ResidentStatus.DISCHARGED.text("ru"))
    assert "11-ж" in {c.field: c.new for c in newest.changes("ru")}["movements"]


# --- a refusal in the last row of a file longer than a write chunk changes nothing -------------------

N = CHUNK_ROWS + 7


def many_journal(n: int) -> list[JournalEventRecord]:
    out = []
    for i in range(n):
        birth = dt.date(1930, 1, 1) + dt.timedelta(days=i % 20000)
        out.append(JournalEventRecord(ResidentStatus.PRESENT, "Көп", f"Адам{i}", birth,
                                      iin=make_iin(birth, Sex.MALE, 10 * (i // 20000) + 1),
                                      admission_date=days_ago(30 + i % 300), admission_order=f"{i}-к"))
    return out


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
@pytest.mark.parametrize("kind", ["journal", "register", "queue"])
def test_a_refusal_in_the_last_row_changes_nothing(db_url, kind, dry_run):
    """Refused the same whether imported or tried (a dry run checks every row as the import does)."""
    svc, director, worker = make_services(db_url, capacity=2 * N)
    try:
        ex = ExchangeService(svc.sessions)
        recs = many_journal(N)
        last = recs[-1]
        if kind == "journal":  # the last person leaves before they came
            recs[-1] = JournalEventRecord(ResidentStatus.DISCHARGED, last.last_name, last.first_name, last.birth_date,
                                          iin=last.iin, admission_date=days_ago(10), admission_order="x",
                                          discharge_date=days_ago(20), discharge_order="y",
                                          discharge_reason="смерть")
            run = lambda: ex.import_journal(worker, parsed(Kind.JOURNAL, recs), dry_run=dry_run)  # noqa: E731
        elif kind == "register":  # the last person was admitted in the future
            regs = [RegisterRecord(r.last_name, r.first_name, r.birth_date, iin=r.iin, admission_date=r.admission_date,
                                   admission_order=r.admission_order) for r in recs]
            regs[-1] = RegisterRecord(last.last_name, last.first_name, last.birth_date, iin=last.iin,
                                      admission_date=days_ago(-30))
            run = lambda: ex.import_register(worker, parsed(Kind.REGISTER, regs), dry_run=dry_run)  # noqa: E731
        else:  # the last application is of a person already in the file's queue
            apps = [QueueApplicationRecord(r.last_name, r.first_name, r.birth_date,
                                           dt.datetime(2026, 1, 1, 9) + dt.timedelta(minutes=i),
                                           portal_number=f"P-{i}", iin=r.iin) for i, r in enumerate(recs)]
            apps[-1] = QueueApplicationRecord("Екінші", "Өтініш", recs[0].birth_date, dt.datetime(2026, 2, 1, 9),
                                              portal_number="P-again", iin=recs[0].iin)
            run = lambda: ex.import_queue(worker, parsed(Kind.QUEUE, apps), dry_run=dry_run)  # noqa: E731
        before = dump(svc.engine)
        with pytest.raises(ImportRefused) as exc:
            run()
        [problem] = exc.value.problems
        assert problem.row == N  # the last row, named
        assert dump(svc.engine) == before
    finally:
        svc.engine.dispose()


def test_a_person_written_meanwhile_by_another_pc_is_a_conflict_not_a_database_error(org, monkeypatch):
    """The bulk writer goes to the driver; what the database refuses (here the IIN another PC registered after
    the import read the people) still comes back as the translated conflict, with nothing written."""
    from app.domain.errors import Conflict
    from app.services.import_batch import Batch

    svc, director, worker = org
    setup(svc, worker)
    monkeypatch.setattr(Batch, "find", lambda self, *a: None)  # as if the people were read before they came
    before = dump(svc.engine)
    with pytest.raises(Conflict) as exc:
        ExchangeService(svc.sessions).import_journal(worker, parsed(Kind.JOURNAL, journal_rows()[3:4]))  # Бекова
    assert exc.value.field == "iin"
    assert dump(svc.engine) == before


def test_a_known_person_changed_since_the_import_read_them_is_a_conflict(org, monkeypatch):
    """The known people's new status is written in one statement WHERE version = the version read (optimistic
    locking, as the ORM's): a person whose version is not the one read is refused as a conflict on both
    engines, with nothing written."""
    from app.domain.errors import Conflict
    from app.services.import_batch import Batch

    svc, director, worker = org
    setup(svc, worker)
    load = Batch.load

    def read_an_older_version(self, *args):
        load(self, *args)
        for person in self.by_iin.values():  # as if another PC saved each of them after it was read
            person.before = (person.before[0], person.before[1] - 1)
            person.version -= 1

    monkeypatch.setattr(Batch, "load", read_an_older_version)
    before = dump(svc.engine)
    with pytest.raises(ImportRefused) as exc:  # "The file was not imported: another user saved …"
        ExchangeService(svc.sessions).import_journal(worker, parsed(Kind.JOURNAL, journal_rows()))
    assert isinstance(exc.value.__cause__, Conflict) and exc.value.__cause__.field == "version"
    for lang in ("kk", "ru"):  # said of the file, in the user's language; not a form's "reopen it"
        said = exc.value.render(lang)
        assert said.startswith(M("The file was not imported: {reason}", reason="").render(lang))
        assert "import the file again" in exc.value.__cause__.message.msgid
        assert stale_conflict().render(lang) not in said and said.endswith(exc.value.__cause__.render(lang))
    assert exc.value.render("kk") != exc.value.render("ru")
    assert dump(svc.engine) == before
    monkeypatch.setattr(Batch, "load", load)  # read as they are: the same file imports
    done = ExchangeService(svc.sessions).import_journal(worker, parsed(Kind.JOURNAL, journal_rows()))
    assert (done.created, done.updated) == (4, 3)


def test_an_import_takes_the_iins_its_reader_checked_and_nothing_else():
    """A reader's result carries the IIN each record's digits were checked as; check_person takes it only for
    those same digits (any other text is parsed, and refused when it is no IIN)."""
    from app.domain.errors import DomainError
    from app.domain.identity import IIN
    from app.portal.formats import read_records, write_records
    from app.portal.records import Format
    from app.services.residents import check_person

    rows = journal_rows()
    result = read_records(write_records(Kind.JOURNAL, rows, Format.CSV, "ru"), Kind.JOURNAL, "j.csv")
    with_iin = [r for r in result.records if r.iin]
    assert with_iin and set(result.iins) == {r.iin for r in with_iin}
    assert all(result.iins[r.iin] == IIN.parse(r.iin) for r in with_iin)
    person = PersonInput("Ахметов", "Асқар", iin=with_iin[0].iin)
    assert check_person(person, checked=result.iins[with_iin[0].iin]) == check_person(person)
    wrong = PersonInput("Ахметов", "Асқар", iin="123456789012")
    with pytest.raises(DomainError):
        check_person(wrong, checked=result.iins[with_iin[0].iin])


def test_a_file_longer_than_a_chunk_is_written_whole_and_leaves_no_writer_behind(db_url):
    """On PostgreSQL each chunk is written by a thread of its own while the next is checked: every row is
    there after the import, with its events and case file, the writer thread is gone and the interpreter's
    switch interval is what it was."""
    import sys
    import threading

    svc, director, worker = make_services(db_url, capacity=2 * N)
    try:
        interval = sys.getswitchinterval()
        summary = ExchangeService(svc.sessions).import_journal(worker, parsed(Kind.JOURNAL, many_journal(N)))
        assert summary.created == N
        counts = {name: len(rows) for name, rows in dump(svc.engine).items()
                  if name in ("resident", "movement", "case_file")}
        assert counts == {"resident": N, "movement": N, "case_file": N}
        with svc.sessions() as s:
            entries = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "resident"))
            assert entries == N
            assert s.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.entity == "resident", AuditEntry.entity_id.is_(None))) == 0
        assert sys.getswitchinterval() == interval
        assert not [t for t in threading.enumerate() if t.name.startswith("qamqor-import-writer")]
    finally:
        svc.engine.dispose()


def queue_rows() -> list[QueueApplicationRecord]:
    """New people with and without an IIN, one discharged person the database knows (Бекова: a new application
    of a known person) and a row repeating an earlier one (unchanged)."""
    rows = []
    for i in range(9):
        birth = dt.date(1944, 1, 1) + dt.timedelta(days=41 * i)
        rows.append(QueueApplicationRecord("Кезекова", f"Сәуле{i}", birth, dt.datetime(2026, 2, 1, 9) +
                                           dt.timedelta(hours=i), portal_number=f"SOC-Q{i}",
                                           iin=None if i % 4 == 1 else iin(birth, Sex.FEMALE, 200 + i)))
    rows.insert(3, QueueApplicationRecord("Бекова", "Айна", B_BIRTH, dt.datetime(2026, 2, 2, 9),
                                          portal_number="SOC-B", iin=iin(B_BIRTH, Sex.FEMALE, 12)))
    rows.append(rows[5])
    return rows


def test_the_last_chunks_of_a_journal_are_small(db_url, tmp_path, request, monkeypatch):
    """The people of a journal are written a chunk at a time while the next are checked; the last chunk is
    written with nothing left to check alongside, so once fewer people than a chunk are still to come, they are
    written :data:`FIRST_CHUNK` at a time. Seven people, a first chunk of one, chunks of two: 1, 2, 2 people,
    then (one person to come) 1 and 1 — not a last chunk of two — and the database as one write leaves it."""
    import app.services.import_batch as import_batch

    (chunked, worker), (whole, worker2) = two_databases(db_url, tmp_path, request)
    result = parsed(Kind.JOURNAL, journal_rows())
    ExchangeService(whole.sessions).import_journal(worker2, result)
    sizes: list[int] = []
    original = import_batch.send

    def counted(s, parts, *args, **kwargs):
        parts = list(parts)
        if written := sum(len(part.data) for part in parts if part.table.name == "audit_log"):
            sizes.append(written)
        return original(s, parts, *args, **kwargs)

    monkeypatch.setattr(import_batch, "send", counted)
    monkeypatch.setattr(import_batch, "FIRST_CHUNK", 1)
    monkeypatch.setattr(import_batch, "CHUNK_ROWS", 2)
    done = ExchangeService(chunked.sessions).import_journal(worker, result)
    assert (done.created, done.updated) == (4, 3)
    assert sizes == [1, 2, 2, 1, 1]
    assert comparable(chunked.engine) == comparable(whole.engine)


@pytest.mark.parametrize("first, chunk", [(2, 3), (1, 1)])
def test_a_queue_file_written_in_chunks_leaves_what_one_write_leaves(db_url, tmp_path, request, monkeypatch,
                                                                    first, chunk):
    """The queue import writes its applications a chunk at a time from a writer thread, each chunk with its
    new people and their audit entries: the database is the one a single write leaves — each application with
    its person, the journal numbers in the file's order (R-09), the import's own entry first, listing the new
    people, then one entry per application under its person."""
    (chunked, worker), (whole, worker2) = two_databases(db_url, tmp_path, request)
    since = last_audit_id(chunked)
    result = parsed(Kind.QUEUE, queue_rows())
    one = ExchangeService(whole.sessions).import_queue(worker2, result)
    monkeypatch.setattr("app.services.exchange.FIRST_CHUNK", first)
    monkeypatch.setattr("app.services.exchange.CHUNK_ROWS", chunk)
    many = ExchangeService(chunked.sessions).import_queue(worker, result)
    assert (many.created, many.unchanged) == (one.created, one.unchanged) == (10, 1)
    assert comparable(chunked.engine) == comparable(whole.engine)
    with chunked.engine.connect() as c:
        apps = c.execute(select(QueueApplication.portal_number, QueueApplication.journal_no,
                                QueueApplication.resident_id).order_by(QueueApplication.journal_no)).all()
        people = dict(c.execute(select(Resident.id, Resident.first_name)).all())
        entries = c.execute(select(AuditEntry.entity, AuditEntry.entity_id, AuditEntry.after)
                            .where(AuditEntry.id > since).order_by(AuditEntry.id)).all()
    numbers = [r.portal_number for r in result.records[:10]]
    assert [a.portal_number for a in apps] == numbers  # in the file's order, numbered one after another
    assert [a.journal_no for a in apps] == list(range(apps[0].journal_no, apps[0].journal_no + 10))
    assert [people[a.resident_id] for a in apps] == [r.first_name for r in result.records[:10]]
    own, *per_person = entries
    assert own.entity == "queue_application" and own.after["created"] == [f"portal:{n}" for n in numbers]
    new_ids = sorted(a.resident_id for a in apps if a.portal_number != "SOC-B")
    assert own.after["people"] == new_ids
    assert [(e.entity, e.entity_id, e.after["portal_number"]) for e in per_person] == [
        ("resident", a.resident_id, a.portal_number) for a in apps]


def test_the_lookups_find_exactly_the_rows_asked_for_in_any_number_of_queries(db_url, monkeypatch):
    """What an import reads of the database, by IIN, date of birth or id, one parameter per query of
    ``CHUNK`` values (an array on PostgreSQL, JSON text on SQLite, each value bound as its column's type): the
    same rows whether the values fit one query or need several, none of the others."""
    from app.services.import_batch import in_chunks

    svc, _director, worker = make_services(db_url, capacity=2 * N)
    try:
        ExchangeService(svc.sessions).import_queue(worker, parsed(Kind.QUEUE, queue_rows()))
        rt = Resident.__table__
        with svc.sessions() as s:
            everyone = s.execute(select(rt.c.id, rt.c.iin, rt.c.birth_date, rt.c.first_name)).all()
        with_iin = [p for p in everyone if p.iin]
        without = [p for p in everyone if not p.iin]
        assert len(with_iin) >= 6 and len(without) >= 2
        asked_iins = [p.iin for p in with_iin[::2]] + ["000000000000"]  # one nobody has
        asked_births = [without[0].birth_date, dt.date(1900, 1, 1)]
        asked_ids = [p.id for p in everyone[1::2]]
        for chunk in (10_000, 2):
            monkeypatch.setattr("app.services.import_batch.CHUNK", chunk)
            with svc.sessions() as s:
                by_iin = in_chunks(s, select(rt.c.first_name), rt.c.iin, asked_iins)
                by_birth = in_chunks(s, select(rt.c.id, rt.c.first_name).where(rt.c.iin.is_(None)), rt.c.birth_date,
                                     asked_births)
                by_id = in_chunks(s, select(rt.c.id), rt.c.id, asked_ids)
            assert sorted(by_iin) == sorted(p.first_name for p in with_iin[::2])
            assert sorted(tuple(r) for r in by_birth) == [(without[0].id, without[0].first_name)]
            assert sorted(by_id) == sorted(asked_ids)
    finally:
        svc.engine.dispose()


@pytest.mark.parametrize("kind", ["journal", "register", "queue"])
def test_a_dry_run_tells_what_the_import_does_and_writes_nothing(db_url, tmp_path, request, monkeypatch, kind):
    """The wizard's preview: every row checked as the import checks it, the same changes told, and nothing sent
    to the database — no rows (a file at the row limit previewed in the time of its checks alone) and, on
    PostgreSQL, no id taken from the people's sequence (a preview left a gap of the file's size before)."""
    import app.services.exchange as exchange
    import app.services.import_batch as import_batch

    (svc, worker), _reference = two_databases(db_url, tmp_path, request)
    sent: list[str] = []
    for module in (exchange, import_batch):
        original = module.send

        def counted(s, parts, *args, _send=original, **kwargs):
            parts = list(parts)
            sent.extend(part.table.name for part in parts)
            return _send(s, parts, *args, **kwargs)

        monkeypatch.setattr(module, "send", counted)
    ex = ExchangeService(svc.sessions)
    run = {"journal": lambda dry: ex.import_journal(worker, parsed(Kind.JOURNAL, journal_rows()), dry_run=dry),
           "register": lambda dry: ex.import_register(worker, parsed(Kind.REGISTER, register_rows()), dry_run=dry),
           "queue": lambda dry: ex.import_queue(worker, parsed(Kind.QUEUE, queue_rows()), dry_run=dry)}[kind]

    def next_id() -> int | None:
        if not db_url.startswith("postgresql"):
            return None
        with svc.engine.connect() as c:
            return c.exec_driver_sql("SELECT last_value FROM resident_id_seq").scalar()

    before, sequence = dump(svc.engine), next_id()
    tried = run(True)
    assert sent == [] and dump(svc.engine) == before and next_id() == sequence
    assert tried.dry_run and tried.created > 0
    done = run(False)
    assert "resident" in sent and dump(svc.engine) != before
    assert [(c.action, c.key, c.full_name) for c in tried.changes] == [
        (c.action, c.key, c.full_name) for c in done.changes]
