"""Issue 5, the database side: import all-or-nothing and idempotent, export since the last export,
round trip, reconciliation (R-30), onboarding from a register."""

import datetime as dt
from dataclasses import replace

import pytest

from app.domain.admission import GroundUnrecorded
from app.domain.enums import DischargeReason, MovementKind, ResidentStatus, Sex
from app.domain.errors import DomainError
from app.domain.identity import make_iin
from app.portal.errors import ImportRefused
from app.portal.formats import read_records
from app.portal.records import (
    Format,
    JournalEventRecord,
    Kind,
    ParseResult,
    QueueApplicationRecord,
    RegisterRecord,
    RosterRecord,
)
from app.services.exchange import ExchangeService
from app.services.residents import PersonInput
from tests.conftest import make_services
from tests.dump import dump
from tests.services.helpers import ELDERLY, GROUND, admit, days_ago, order, person


def queue_records(n=3):
    return [QueueApplicationRecord("Кезекова", f"Айгүл{i}", dt.date(1950, 1, 1 + i),
                                   dt.datetime(2026, 3, 1 + i, 10), portal_number=f"SOC-{i}",
                                   iin=make_iin(dt.date(1950, 1, 1 + i), Sex.FEMALE, 10 + i)) for i in range(n)]


def parsed(kind, records):
    return ParseResult(records=tuple(records), problems=(), kind=kind)


def test_queue_import_dry_run_then_commit_and_idempotent(org):
    svc, director, worker = org
    ex = ExchangeService(svc.sessions)
    before = dump(svc.engine)
    plan = ex.import_queue(worker, parsed(Kind.QUEUE, queue_records()), dry_run=True)
    assert plan.created == 3 and plan.dry_run and dump(svc.engine) == before
    done = ex.import_queue(worker, parsed(Kind.QUEUE, queue_records()))
    assert done.created == 3 and [r.portal_number for r in svc.queue.rows()] == ["SOC-0", "SOC-1", "SOC-2"]
    again = ex.import_queue(worker, parsed(Kind.QUEUE, queue_records() + [queue_records()[0]]))
    assert again.created == 0 and again.unchanged == 4 and len(svc.queue.rows()) == 3


def test_a_file_with_problems_or_a_bad_row_changes_nothing(org):
    from app.i18n import M
    from app.portal.records import Problem

    svc, director, worker = org
    ex = ExchangeService(svc.sessions)
    before = dump(svc.engine)
    bad = ParseResult(records=tuple(queue_records()), problems=(Problem(4, "ИИН", "123", M("bad")),), kind=Kind.QUEUE)
    with pytest.raises(ImportRefused) as exc:
        ex.import_queue(worker, bad)
    assert exc.value.problems and dump(svc.engine) == before
    rid = admit(svc, worker, 10)
    present = svc.residents.get(rid)
    recs = queue_records() + [replace(queue_records()[0], portal_number="SOC-9", iin=present.iin)]
    before = dump(svc.engine)
    with pytest.raises(ImportRefused) as exc:
        ex.import_queue(worker, parsed(Kind.QUEUE, recs))
    assert exc.value.problems[0].value == present.iin and dump(svc.engine) == before


def test_export_then_import_into_an_empty_database_reproduces_the_journal(sqlite_url, tmp_path):
    svc, director, worker = make_services(sqlite_url, capacity=10)
    a = admit(svc, worker, 100, last="Ахметов")
    b = admit(svc, worker, 90, last="Бекова", sex=Sex.FEMALE)
    svc.movements.temporary_departure(worker, a, days_ago(50), order(days_ago(50), "5-ж"))
    svc.movements.return_(worker, a, days_ago(40), order(days_ago(40), "6-ж"))
    svc.movements.temporary_departure(worker, a, days_ago(30), order(days_ago(30), "7-ж"))
    svc.movements.discharge(worker, b, days_ago(20), order(days_ago(20), "8-ж"), DischargeReason.TO_FAMILY)
    svc.movements.readmit(worker, b, days_ago(10), order(days_ago(10), "9-ж"), admission_ground=GROUND)
    ex = ExchangeService(svc.sessions)
    for fmt in Format:
        out = tmp_path / f"journal.{fmt.value}"
        summary = ex.export_journal(worker, out, "ru", since=days_ago(365))
        assert summary.rows == 7
        other_url = f"sqlite:///{tmp_path / f'copy-{fmt.value}.sqlite3'}"
        svc2, _d2, worker2 = make_services(other_url, capacity=10)
        result = read_records(out.read_bytes(), Kind.JOURNAL, out.name)
        assert not result.problems
        ExchangeService(svc2.sessions).import_journal(worker2, result)
        admissions = [m for r in svc2.queries.residents()[1] for m in svc2.movements.history(r.id)
                      if m.kind == MovementKind.ADMISSION]  # the file has no ground; the import says so
        assert {(m.admission_ground, m.ground_unrecorded) for m in admissions} == \
            {(None, GroundUnrecorded.JOURNAL_IMPORT)}

        def view(s):
            return [replace(r, resident_id=0) for r in s.queries.journal(days_ago(365), dt.date.today(), False)]

        assert view(svc2) == view(svc)
        again = ExchangeService(svc2.sessions).import_journal(worker2, result)
        assert again.created == 0
        svc2.engine.dispose()
    svc.engine.dispose()


def test_export_marks_what_it_sent_and_re_export_is_possible(sqlite_url, tmp_path):
    svc, director, worker = make_services(sqlite_url)
    admit(svc, worker, 10)
    ex = ExchangeService(svc.sessions)
    first = ex.export_journal(worker, tmp_path / "a.csv", "kk")
    assert first.rows == 1
    # nothing new: refused, no file written (an empty one replaced the last export's file, its rows marked exported)
    (tmp_path / "b.csv").write_bytes(b"kept")
    with pytest.raises(DomainError) as nothing:
        ex.export_journal(worker, tmp_path / "b.csv", "kk")
    assert "бұрын" in nothing.value.render("kk") and "ранее" in nothing.value.render("ru")
    assert (tmp_path / "b.csv").read_bytes() == b"kept"
    with pytest.raises(DomainError) as later:
        ex.export_journal(worker, tmp_path / "b.csv", "kk", since=dt.date.today() + dt.timedelta(days=1))
    assert later.value.field == "since" and (tmp_path / "b.csv").read_bytes() == b"kept"
    empty, _d, worker2 = make_services(sqlite_url.replace(".sqlite3", "-empty.sqlite3"))
    with pytest.raises(DomainError) as none_yet:  # a journal with no entry: not "exported before"
        ExchangeService(empty.sessions).export_journal(worker2, tmp_path / "e.csv", "kk")
    assert "пока нет записей" in none_yet.value.render("ru") and not (tmp_path / "e.csv").exists()
    empty.engine.dispose()
    again = ex.export_journal(worker, tmp_path / "c.csv", "kk", since=days_ago(30))
    assert again.rows == 1 and (tmp_path / "c.csv").read_bytes() == (tmp_path / "a.csv").read_bytes()
    svc.engine.dispose()


def test_r30_reconciliation_finds_every_planted_difference(org):
    svc, director, worker = org
    same = svc.residents.get(admit(svc, worker, 100, last="Бірдей"))
    renamed = svc.residents.get(admit(svc, worker, 90, last="Өзгеше"))
    only_here = svc.residents.get(admit(svc, worker, 80, last="Тек"))

    def roster(r, **kw):
        return RosterRecord(r.iin, r.last_name, r.first_name, r.birth_date, ResidentStatus.PRESENT,
                            days_ago(100 if r is same else 90), r.middle_name, **kw)

    stranger = make_iin(dt.date(1944, 4, 4), Sex.MALE, 4444)
    records = [roster(same), replace(roster(renamed), last_name="Басқа"),
               RosterRecord(stranger, "Порталда", "Ғана", dt.date(1944, 4, 4), ResidentStatus.PRESENT, days_ago(5))]
    rec = ExchangeService(svc.sessions).reconcile(parsed(Kind.ROSTER, records))
    assert [r.iin for r in rec.both] == [same.iin]
    assert [r.iin for r in rec.differ] == [renamed.iin] and rec.differ[0].differences[0].field == "last_name"
    assert [r.iin for r in rec.only_here] == [only_here.iin]
    assert [r.iin for r in rec.only_portal] == [stranger] and not rec.matches


def test_r30_every_resident_without_an_iin_is_in_our_roster_only(org):
    """A portal roster row is matched by IIN: each person here without one is ours only — all of them, in Kazakh
    alphabetical order (they were taken as one person, under the IIN None, and only the last listed)."""
    svc, director, worker = org
    with_iin = svc.residents.get(admit(svc, worker, 100, last="Бірдей"))
    for last in ("Үсенова", "Ушакова", "Әлиева"):
        day = days_ago(50)
        svc.movements.admit_direct(worker, PersonInput(last, "Айгүл", None, iin=None, iin_missing_reason="құжаты жоқ",
                                                       birth_date=dt.date(1941, 2, 3), category=ELDERLY),
                                   day, order(day), admission_ground=GROUND)
    roster = RosterRecord(with_iin.iin, with_iin.last_name, with_iin.first_name, with_iin.birth_date,
                          ResidentStatus.PRESENT, days_ago(100), with_iin.middle_name)
    rec = ExchangeService(svc.sessions).reconcile(parsed(Kind.ROSTER, [roster]))
    assert [r.iin for r in rec.both] == [with_iin.iin] and not rec.differ and not rec.only_portal
    # Kazakh order: Ә after А, Ү after У (Ушакова before Үсенова)
    assert [(r.iin, r.name_here.split()[0]) for r in rec.only_here] == [
        ("", "Әлиева"), ("", "Ушакова"), ("", "Үсенова")]


def test_r30_a_resident_without_an_iin_here_whom_the_portal_knows_by_one_is_one_difference(org):
    """A resident admitted without an IIN (no documents then) whom the portal lists with one, same name and date of
    birth: one finding — the IIN is missing here — not one on each side ("ours only" and "the portal's only"). Two
    such residents of one name and date of birth cannot be told apart: each stays on its side."""
    svc, director, worker = org

    def without_iin(last, first, born):
        day = days_ago(50)
        return svc.residents.get(svc.movements.admit_direct(
            worker, PersonInput(last, first, None, iin=None, iin_missing_reason="құжаты жоқ", birth_date=born,
                                category=ELDERLY), day, order(day), admission_ground=GROUND, another_person=True).id)

    born = dt.date(1941, 2, 3)
    alieva = without_iin("Әлиева", "Айгүл", born)
    twins = [without_iin("Егіз", "Бала", dt.date(1942, 5, 6)) for _ in range(2)]
    iin = make_iin(born, Sex.FEMALE, 321)
    twin_iin = make_iin(dt.date(1942, 5, 6), Sex.MALE, 322)
    records = [RosterRecord(iin, "ӘЛИЕВА", "Айгүл", born, ResidentStatus.PRESENT, days_ago(40)),
               RosterRecord(twin_iin, "Егіз", "Бала", dt.date(1942, 5, 6), ResidentStatus.PRESENT, days_ago(50))]
    rec = ExchangeService(svc.sessions).reconcile(parsed(Kind.ROSTER, records))
    (row,) = rec.differ
    assert (row.iin, row.name_here) == (iin, alieva.full_name)
    assert [(d.field, d.here, d.portal) for d in row.differences] == [
        ("iin", "", iin), ("admission_date", days_ago(50), days_ago(40))]  # the name as the search folds it: alike
    assert sorted(r.name_here for r in rec.only_here) == [twins[0].full_name, twins[1].full_name]
    assert [r.iin for r in rec.only_portal] == [twin_iin] and not rec.both
    # kept for the checklist's item 3: the finding opens the resident (who has no IIN to be found by)
    ExchangeService(svc.sessions).reconcile(parsed(Kind.ROSTER, records), worker, "roster.xlsx")
    found = {f.resident_id: f for f in svc.checklist.evaluate().item(3).residents}
    assert found.keys() >= {alieva.id, *(t.id for t in twins)}
    assert found[alieva.id].iin == "" and "ИИН" in found[alieva.id].why.render("ru")


def test_r30_an_iin_another_resident_has_is_not_offered_to_one_without(org):
    """The portal lists a person whose IIN a resident here has who no longer holds a place (discharged), and a
    resident without an IIN has the same name and date of birth: giving them that IIN would be refused (one IIN, one
    person), so no difference offers it; each stays on its side (a record to look into, not an IIN to type)."""
    svc, director, worker = org
    born = dt.date(1941, 2, 3)
    left = admit(svc, worker, 200, last="Әлиева", first="Айгүл", birth=born, sex=Sex.FEMALE)
    iin = svc.residents.get(left).iin
    svc.movements.discharge(worker, left, days_ago(100), order(days_ago(100)), DischargeReason.OWN_REQUEST)
    day = days_ago(50)
    again = svc.movements.admit_direct(
        worker, PersonInput("Әлиева", "Айгүл", "Серікұлы", iin=None, iin_missing_reason="құжаты жоқ", birth_date=born,
                            category=ELDERLY), day, order(day), admission_ground=GROUND,
        another_person=True).resident_id  # the user said it is not the discharged resident
    rec = ExchangeService(svc.sessions).reconcile(parsed(Kind.ROSTER, [
        RosterRecord(iin, "Әлиева", "Айгүл", born, ResidentStatus.PRESENT, day, "Серікұлы")]))
    assert not rec.differ and [r.resident_id for r in rec.only_here] == [again]
    assert [r.iin for r in rec.only_portal] == [iin]


def test_r30_a_roster_with_problems_is_said_not_compared(org):
    """A roster is compared, not imported: its refusal said «ничего не импортировано… импортируйте файл снова»."""
    from app.i18n import M
    from app.portal.records import Problem

    svc, _director, _worker = org
    bad = ParseResult(records=(), problems=(Problem(4, "ИИН", "123", M("bad")),), kind=Kind.ROSTER)
    with pytest.raises(ImportRefused) as refused:
        ExchangeService(svc.sessions).reconcile(bad)
    assert "ничего не сверено" in refused.value.render("ru") and "салыстырылмады" in refused.value.render("kk")


def test_r30_every_list_of_a_reconciliation_is_in_kazakh_alphabetical_order(org):
    """Those in both, those that differ and those only on the portal came in the order of their IINs (the printed
    sheet too): each list is in Kazakh alphabetical order of the name it shows — ours, or the portal's for its own."""
    svc, director, worker = org
    here = [svc.residents.get(admit(svc, worker, 100 - i, last=last))
            for i, last in enumerate(("Үсенов", "Ахметов", "Әлиев", "Ушаков", "Өмаров", "Омаров"))]
    roster = [RosterRecord(r.iin, r.last_name, r.first_name, r.birth_date, ResidentStatus.PRESENT, days_ago(100 - i),
                           r.middle_name) for i, r in enumerate(here)]
    roster[4] = replace(roster[4], last_name="Өмарова")  # differs
    roster[1] = replace(roster[1], last_name="Ахметова")  # differs
    strangers = [RosterRecord(make_iin(dt.date(1944, 4, 4), Sex.MALE, 4400 + i), last, "Ғана", dt.date(1944, 4, 4),
                              ResidentStatus.PRESENT, days_ago(5)) for i, last in enumerate(("Ыбыраев", "Ілиясов",
                                                                                            "Бектұр", "Әбенов"))]
    rec = ExchangeService(svc.sessions).reconcile(parsed(Kind.ROSTER, roster + strangers))
    assert [r.name_here.split()[0] for r in rec.both] == ["Әлиев", "Омаров", "Ушаков", "Үсенов"]
    assert [r.name_here.split()[0] for r in rec.differ] == ["Ахметов", "Өмаров"]
    assert [r.name_portal.split()[0] for r in rec.only_portal] == ["Әбенов", "Бектұр", "Ыбыраев", "Ілиясов"]


@pytest.mark.parametrize("offered", [False, True], ids=["waiting", "offered"])
def test_r03_a_journal_does_not_admit_a_person_waiting_in_the_queue(org, offered):
    """A person with an application in the queue (waiting, or offered a place) is admitted from the queue: a
    journal file that admits them is refused naming them, and nothing changes (they were made present with their
    application still waiting, and an offered place counted twice). Once admitted from the queue, the same
    file leaves the admission as it is."""
    from app.domain.enums import QueueOutcome

    svc, director, worker = org
    applicant = person(last="Кезектегі", category=ELDERLY)
    row = svc.queue.register(worker, applicant, dt.datetime.combine(days_ago(20), dt.time(9)))
    if offered:
        svc.queue.offer_place(director, row.application_id, days_ago(10))
    file = parsed(Kind.JOURNAL, [JournalEventRecord(
        ResidentStatus.PRESENT, applicant.last_name, applicant.first_name, None, middle_name=applicant.middle_name,
        iin=applicant.iin, admission_date=days_ago(5), admission_order="7-к")])
    before = dump(svc.engine)
    with pytest.raises(ImportRefused) as exc:
        ExchangeService(svc.sessions).import_journal(worker, file)
    (problem,) = exc.value.problems
    outcome = QueueOutcome.OFFERED if offered else QueueOutcome.WAITING
    assert "Кезектегі" in problem.render("kk") and outcome.text("kk") in problem.render("kk")
    assert outcome.text("ru") in problem.render("ru") and dump(svc.engine) == before
    if offered:
        svc.movements.admit_from_queue(worker, row.application_id, days_ago(5), order(days_ago(5), "7-к"),
                                       admission_ground=GROUND)
        again = ExchangeService(svc.sessions).import_journal(worker, file)
        assert again.unchanged == 1 and again.created == 0


def test_a_journal_that_adds_events_to_a_known_person_says_so(org):
    """A person the program has, to whom the journal adds an event (a discharge here), is told apart from the
    people the file creates: "new events recorded", not "created"."""
    svc, director, worker = org
    known = svc.residents.get(admit(svc, worker, 100))
    file = parsed(Kind.JOURNAL, [JournalEventRecord(
        ResidentStatus.DISCHARGED, known.last_name, known.first_name, None, middle_name=known.middle_name,
        iin=known.iin, discharge_date=days_ago(2), discharge_order="9-ш", discharge_reason="смерть")])
    tried = ExchangeService(svc.sessions).import_journal(worker, file, dry_run=True)
    assert [c.action for c in tried.changes] == ["update"] and (tried.created, tried.updated) == (0, 1)
    assert "would get new events" in tried.told().msgid and "1" in tried.told().render("kk")
    done = ExchangeService(svc.sessions).import_journal(worker, file)
    assert (done.created, done.updated, done.unchanged) == (0, 1, 0)
    assert done.told().render("ru") == "Импортировано: создано 0, дополнено новыми событиями 1, уже было 0."
    assert svc.residents.get(known.id).status == ResidentStatus.DISCHARGED
    again = ExchangeService(svc.sessions).import_journal(worker, file)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    # the same file again: said as nothing new, not as a count of nothing created
    assert again.told().render("ru") == "Нового ничего не импортировано: все люди из файла (1) уже были здесь."
    tried_again = ExchangeService(svc.sessions).import_journal(worker, file, dry_run=True)
    assert tried_again.told().render("kk") == ("Жаңа ештеңе жоқ: файлдағы адамдардың бәрі (1) мұнда бар; импорт "
                                               "ештеңені өзгертпейді.")


def test_r03_a_journal_beyond_the_capacity_names_no_column_the_file_has_not(org):
    """The 11th admission into 10 places is refused (R-03) with the capacity in the message; the problem names no
    column (it named «Количество мест», which no file has)."""
    svc, director, worker = org
    born = [dt.date(1940, 1, 1) + dt.timedelta(days=i) for i in range(11)]
    file = parsed(Kind.JOURNAL, [JournalEventRecord(
        ResidentStatus.PRESENT, "Сыйымдылық", f"Адам{i}", b, iin=make_iin(b, Sex.MALE, 600 + i),
        admission_date=days_ago(20 - i), admission_order=f"{i}-к") for i, b in enumerate(born)])
    with pytest.raises(ImportRefused) as exc:
        ExchangeService(svc.sessions).import_journal(worker, file)
    (problem,) = exc.value.problems
    assert problem.row == 11 and problem.column is None and problem.field == "capacity"
    assert "10" in problem.render("ru") and "Количество мест" not in problem.render("ru")


def test_onboarding_register_import_admits_residents(org):
    svc, director, worker = org
    recs = [RegisterRecord("Тіркелген", f"Адам{i}", dt.date(1945, 2, 1 + i), iin=make_iin(dt.date(1945, 2, 1 + i),
                           Sex.MALE, 70 + i), admission_date=days_ago(200 + i), admission_order=f"{i}-к")
            for i in range(3)]
    ex = ExchangeService(svc.sessions)
    assert ex.import_register(worker, parsed(Kind.REGISTER, recs), dry_run=True).created == 3
    assert svc.queries.occupancy().present == 0
    assert ex.import_register(worker, parsed(Kind.REGISTER, recs)).created == 3
    assert svc.queries.occupancy().present == 3
    assert ex.import_register(worker, parsed(Kind.REGISTER, recs)).unchanged == 3


def test_r03_a_register_beyond_the_capacity_points_to_the_capacity_not_to_the_queue(org):
    """A register of more residents than the profile's places: R-03's advice, "register the person in the queue",
    is none for people who live here; the refusal names the capacity and where to check it. Nothing is imported."""
    svc, director, worker = org
    recs = [RegisterRecord("Тіркелген", f"Адам{i}", dt.date(1945, 2, 1 + i), iin=make_iin(dt.date(1945, 2, 1 + i),
                           Sex.MALE, 70 + i), admission_date=days_ago(200 + i), admission_order=f"{i}-к")
            for i in range(11)]
    with pytest.raises(ImportRefused) as exc:
        ExchangeService(svc.sessions).import_register(worker, parsed(Kind.REGISTER, recs))
    (problem,) = exc.value.problems
    assert problem.field == "capacity" and problem.column is None
    assert "«Организация»" in problem.render("ru") and "очеред" not in problem.render("ru")
    assert "«Ұйым»" in problem.render("kk") and "(10)" in problem.render("kk")
    assert svc.queries.occupancy().present == 0


def test_the_same_person_twice_in_one_file_is_refused_whole(org):
    svc, director, worker = org
    first = queue_records(1)[0]
    twice = [first, replace(first, portal_number="SOC-77", received_at=first.received_at + dt.timedelta(days=1))]
    before = dump(svc.engine)
    with pytest.raises(ImportRefused) as exc:
        ExchangeService(svc.sessions).import_queue(worker, parsed(Kind.QUEUE, twice))
    assert exc.value.problems[0].row == 2 and dump(svc.engine) == before


@pytest.mark.parametrize("org_type,row,field", [
    ("stationary", {"discharge_date": dt.date(2025, 3, 1), "discharge_order": "9-ш"}, "reason"),
    ("stationary", {"transfer_date": dt.date(2025, 3, 1), "transfer_order": "12-п"}, "destination"),
    ("semi_stationary", {"temp_departure_date": dt.date(2025, 3, 1), "temp_departure_order": "7-у"}, "reason"),
])
def test_a_journal_row_missing_what_the_movements_dialog_requires_is_refused(db_url, org_type, row, field):
    """An import obeys the same rules as the dialogs: a discharge names its reason (R-01, column 12), a transfer
    where the person went (R-12, column 14), a semi-stationary suspension its reason (R-01, corrected 2026-12)."""
    from app.domain.enums import OrgType
    from app.portal.records import JournalEventRecord

    svc, _director, worker = make_services(db_url, capacity=5, org_type=OrgType(org_type))
    born = dt.date(1950, 3, 4)
    status = {"discharge_date": ResidentStatus.DISCHARGED, "transfer_date": ResidentStatus.TRANSFERRED,
              "temp_departure_date": ResidentStatus.TEMPORARILY_ABSENT}[next(iter(row))]
    rec = JournalEventRecord(status, "Ахметов", "Асқар", born, admission_date=dt.date(2024, 1, 10),
                             admission_order="1-ж", iin=make_iin(born, Sex.MALE, 7), **row)
    result = ParseResult(records=(rec,), problems=(), kind=Kind.JOURNAL)
    before = dump(svc.engine)
    with pytest.raises(ImportRefused) as refused:
        ExchangeService(svc.sessions).import_journal(worker, result)
    (problem,) = refused.value.problems
    assert field in (problem.field or "") and problem.row == 1 and dump(svc.engine) == before
    assert problem.render("kk") != problem.render("ru")
    assert problem.column and problem.column != problem.field  # the column in words, not the field's code
    svc.engine.dispose()


def test_a_register_s_people_who_left_are_not_imported_and_those_away_or_without_a_date_are_named(org):
    """A register's row of someone discharged or transferred was made a person "in the queue", with the admission
    dropped; one marked temporarily away was made present with nothing said; one without an admission date was kept
    waiting with nothing said. Those who left are not imported; the others are imported as before; each is named
    in a notice saying what to do (a departure or an admission needs its order: R-01)."""
    svc, director, worker = org
    born = dt.date(1944, 4, 4)
    records = [RegisterRecord("Тұрады", "Бір", born, status=ResidentStatus.PRESENT, admission_date=days_ago(50),
                              admission_order="1-к"),
               RegisterRecord("Шықты", "Екі", born, status=ResidentStatus.DISCHARGED, admission_date=days_ago(400)),
               RegisterRecord("Ауысты", "Үш", born, status=ResidentStatus.TRANSFERRED),
               RegisterRecord("Уақытша", "Төрт", born, status=ResidentStatus.TEMPORARILY_ABSENT,
                              admission_date=days_ago(40), admission_order="2-к"),
               RegisterRecord("Күнсіз", "Бес", born)]
    summary = ExchangeService(svc.sessions).import_register(worker, parsed(Kind.REGISTER, records))
    stored = {r.full_name.split()[0]: r.status for r in svc.queries.residents()[1]}
    assert stored == {"Тұрады": ResidentStatus.PRESENT, "Уақытша": ResidentStatus.PRESENT,
                      "Күнсіз": ResidentStatus.IN_QUEUE}
    said = [n.render("ru") for n in summary.notices]
    assert said[0].startswith("Не импортированы, так как в реестре они выбывшие (отчислены или переведены): 2.")
    assert said[1:3] == ["Строка 2: Шықты Екі (выбыл)", "Строка 3: Ауысты Үш (переведён)"]  # (rows from 1 here)
    assert said[3].startswith("Приняты как проживающие, хотя в реестре отмечены как временно выбывшие: 1.")
    assert said[4] == "Строка 4: Уақытша Төрт"
    assert said[5].startswith("Не приняты, так как в реестре нет даты поступления: 1.") and said[6] == "Строка 5: Күнсіз Бес"
    assert ExchangeService(svc.sessions).import_register(worker, parsed(Kind.REGISTER, records)).created == 0


def test_a_person_without_an_iin_twice_in_a_register_is_refused_not_merged(org):
    """Two rows of one name and date of birth without an IIN: the second was taken as the first person "already
    here" and its values (a later admission) dropped. It is refused, as a repeated IIN is."""
    svc, director, worker = org
    born = dt.date(1944, 4, 4)
    records = [RegisterRecord("Егіз", "Бала", born, admission_date=days_ago(400), admission_order="1-к"),
               RegisterRecord("егіз", "бала", born, status=ResidentStatus.PRESENT, admission_date=days_ago(20),
                              admission_order="9-к")]
    before = dump(svc.engine)
    with pytest.raises(ImportRefused) as refused:
        ExchangeService(svc.sessions).import_register(worker, parsed(Kind.REGISTER, records))
    (problem,) = refused.value.problems
    assert problem.row == 2 and problem.render("ru").startswith("Эта запись повторяет строку 1 (те же ФИО и дата")
    assert dump(svc.engine) == before


@pytest.mark.parametrize("kind", [Kind.REGISTER, Kind.JOURNAL])
def test_an_iin_added_to_a_person_stored_without_one_does_not_make_them_twice(org, kind):
    """A person imported without an IIN (no documents then); the file, the IIN now filled in, is imported again:
    a second person of the same name and date of birth was created, holding a second place. It is refused, naming
    the person and what to do; and so is a file that names them once without and once with the IIN."""
    svc, director, worker = org
    born = dt.date(1944, 4, 4)
    iin = make_iin(born, Sex.FEMALE, 77)
    ex = ExchangeService(svc.sessions)

    def rec(with_iin: str | None):
        if kind is Kind.REGISTER:
            return RegisterRecord("Петренко", "Галина", born, iin=with_iin, admission_date=days_ago(30),
                                  admission_order="4-к")
        return JournalEventRecord(ResidentStatus.PRESENT, "Петренко", "Галина", born, iin=with_iin, sex=Sex.FEMALE,
                                  admission_date=days_ago(30), admission_order="4-к")

    run = ex.import_register if kind is Kind.REGISTER else ex.import_journal
    run(worker, parsed(kind, [rec(None)]))
    before = dump(svc.engine)
    with pytest.raises(ImportRefused) as refused:
        run(worker, parsed(kind, [rec(iin)]))
    assert "уже есть у нас без ИИН, а в этой строке указан ИИН " + iin in refused.value.problems[0].render("ru")
    assert "карточку" in refused.value.problems[0].render("ru") and dump(svc.engine) == before

    other = replace(rec(None), last_name="Сидоренко"), replace(rec(iin), last_name="Сидоренко")
    with pytest.raises(ImportRefused) as refused:
        run(worker, parsed(kind, list(other)))
    assert "есть в одной из предыдущих строк файла без ИИН" in refused.value.problems[0].render("ru")
    assert dump(svc.engine) == before


def test_a_queue_application_with_an_iin_for_a_person_waiting_without_one_does_not_make_them_twice(org):
    """The portal's file of applications names, with an IIN, a person whose earlier application was imported without
    one: a second person was made, with a second place in the queue. Refused, as the journal and register imports
    refuse it; and a file naming them first without, then with the IIN."""
    svc, director, worker = org
    born = dt.date(1944, 4, 4)
    iin = make_iin(born, Sex.FEMALE, 78)
    ex = ExchangeService(svc.sessions)
    first = QueueApplicationRecord("Петренко", "Галина", born, dt.datetime(2026, 1, 5, 9), portal_number="P-1")
    ex.import_queue(worker, parsed(Kind.QUEUE, [first]))
    before = dump(svc.engine)
    again = replace(first, portal_number="P-2", iin=iin, received_at=dt.datetime(2026, 2, 5, 9))
    with pytest.raises(ImportRefused) as refused:
        ex.import_queue(worker, parsed(Kind.QUEUE, [again]))
    assert "уже есть у нас без ИИН, а в этой строке указан ИИН " + iin in refused.value.problems[0].render("ru")
    other = replace(first, last_name="Сидоренко", portal_number="P-3"), replace(again, last_name="Сидоренко",
                                                                                 portal_number="P-4")
    with pytest.raises(ImportRefused) as refused:
        ex.import_queue(worker, parsed(Kind.QUEUE, list(other)))
    assert "есть в одной из предыдущих строк файла без ИИН" in refused.value.problems[0].render("ru")
    assert dump(svc.engine) == before
