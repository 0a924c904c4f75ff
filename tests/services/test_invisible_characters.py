"""Invisible formatting characters (a zero-width space, a soft hyphen, a direction mark, a byte order mark) that a
name pasted from a web page, a PDF or a word processor brings: not seen in a field, printed as a hyphen, a bar or a
gap by the forms' font, and a search or an import that matched the name letter by letter missed the person. They
are taken out of what is stored — a form's values, a file's cells — and out of the search key (app.domain.limits)."""

import datetime as dt
from unittest.mock import patch

import pytest
import sqlalchemy as sa

from app.db.models import fold, make_search_key
from app.domain.enums import ResidentStatus, Role, Sex
from app.domain.errors import DomainError
from app.domain.limits import INVISIBLE, visible
from app.portal.formats import read_records, write_records
from app.portal.records import Format, JournalEventRecord, Kind
from app.services import OrderRef, PersonInput
from app.services.exchange import ExchangeService
from tests.services.helpers import ELDERLY, GROUND, days_ago, person

#: each of the kinds a pasted name brings, once
PASTED = {"zero-width space": "\u200b", "soft hyphen": "\u00ad", "left-to-right mark": "\u200e",
          "byte order mark": "\ufeff", "word joiner": "\u2060", "zero-width joiner": "\u200d",
          "right-to-left embedding": "\u202b", "language tag": "\U000e0041"}


def _names(svc) -> list[tuple]:
    with svc.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(
            "SELECT last_name, first_name, middle_name, search_key FROM resident ORDER BY id"))]


@pytest.mark.parametrize("char", PASTED.values(), ids=PASTED.keys())
def test_each_pasted_character_is_invisible_and_taken_out(char):
    assert not char.isprintable() and INVISIBLE.fullmatch(char)
    assert visible(f"Сей{char}това") == "Сейтова" and fold(f"СЕЙ{char}ТОВА") == "сейтова"
    assert visible("Сейтова Ә-Ю. 12/к") == "Сейтова Ә-Ю. 12/к"  # what is seen is kept, hyphen included


def test_a_name_typed_with_them_is_stored_as_seen_and_found_by_search(org):
    svc, _director, worker = org
    svc.queue.register(worker, PersonInput("\ufeffСей\u00adтова", "Ай\u200bгүл", "Серік\u200eқызы",
                                           iin=person().iin), dt.datetime(2026, 11, 2, 9))
    assert _names(svc) == [("Сейтова", "Айгүл", "Серікқызы", f"сейтова айгүл серікқызы {_names(svc)[0][3][-12:]}")]
    assert [r.full_name for r in svc.queries.residents(search="айгүл")[1]] == ["Сейтова Айгүл Серікқызы"]
    # a search typed (or pasted) with one finds the person too
    assert [r.full_name for r in svc.queries.residents(search="Сей\u200bтова")[1]] == ["Сейтова Айгүл Серікқызы"]


def test_a_name_of_invisible_characters_only_is_empty(org):
    svc, _director, worker = org
    with pytest.raises(DomainError) as exc:
        svc.queue.register(worker, PersonInput("\u200b\u00ad", "Айгүл", iin=person().iin), dt.datetime(2026, 11, 2, 9))
    assert exc.value.field == "last_name"
    assert _names(svc) == []


def test_any_text_a_form_saves_is_stored_without_them(org):
    """Not only names: every text column of a row written through a form (here an admission's order number, R-01)
    is stored as it was seen (app.db.limits, on every insert and update)."""
    svc, _director, worker = org
    day = days_ago(10)
    svc.movements.admit_direct(worker, person(category=ELDERLY), day, OrderRef("12\u00ad-\u200bж", day),
                               admission_ground=GROUND)
    with svc.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT order_number FROM movement")).scalars().all() == ["12-ж"]


def _journal(**kw) -> JournalEventRecord:
    values = dict(status=ResidentStatus.PRESENT, last_name="Сейтова", first_name="Айгүл", middle_name="Серікқызы",
                  birth_date=dt.date(1950, 1, 2), sex=Sex.FEMALE, admission_date=days_ago(30), admission_order="12-ж")
    return JournalEventRecord(**{**values, **kw})


@pytest.mark.parametrize("fmt", [Format.CSV, Format.XLSX, Format.JSON], ids=lambda f: f.value)
def test_a_file_with_them_imports_the_name_as_seen_and_twice_changes_nothing(org, fmt):
    """Issue 11 point 1: a person without an IIN is matched by name and date of birth. The same journal once with a
    pasted soft hyphen and zero-width space in the name, once typed clean, is one person, stored as seen."""
    svc, _director, worker = org
    ex = ExchangeService(svc.sessions)
    with patch("app.portal.formats._seen", lambda value: value):  # written by another program: with them
        pasted = write_records(Kind.JOURNAL, [_journal(last_name="Сей\u00adтова", first_name="Ай\u200bгүл",
                                                       admission_order="12\u200b-ж")], fmt, "kk")
    assert fmt is Format.XLSX or "Ай\u200bгүл".encode() in pasted
    clean = write_records(Kind.JOURNAL, [_journal()], fmt, "kk")
    first = ex.import_journal(worker, read_records(pasted, Kind.JOURNAL))
    assert first.created == 1
    (stored,) = _names(svc)
    assert stored[:3] == ("Сейтова", "Айгүл", "Серікқызы") and stored[3] == make_search_key(*stored[:3])
    with svc.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT order_number FROM movement")).scalars().all() == ["12-ж"]
    for data in (clean, pasted):
        again = ex.import_journal(worker, read_records(data, Kind.JOURNAL))
        assert (again.created, again.unchanged) == (0, 1)
    assert len(_names(svc)) == 1


def test_a_yes_no_cell_where_a_text_belongs_is_refused_naming_row_and_field():
    """A spreadsheet's TRUE or JSON's true in a name was stored as the word "True"."""
    document = ('{"format": "qamqor-portal", "version": 1, "kind": "journal", "records": [{"status": "present", '
                '"last_name": true, "first_name": "Айгүл", "birth_date": "1950-01-02", "admission_date": "'
                + days_ago(30).isoformat() + '", "admission_order": "12"}]}')
    (problem,) = read_records(document.encode(), Kind.JOURNAL).problems
    assert (problem.row, problem.field) == (1, "last_name")
    assert "иә/жоқ" in problem.render("kk") and "да/нет" in problem.render("ru")


def test_0024_makes_again_the_search_keys_stored_with_them(db_url):
    """A key stored before (the names pasted with a zero-width space) is made again on upgrade; the names, the
    user's data, are left as they were."""
    from alembic import command

    from app.db.engine import alembic_config
    from tests.conftest import make_services

    svc, _director, worker = make_services(db_url)
    svc.queue.register(worker, person("Сейтова", "Айгүл"), dt.datetime(2026, 11, 2, 9))
    svc.queue.register(worker, person("Ахметов", "Бекзат"), dt.datetime(2026, 11, 2, 10))
    with svc.engine.begin() as conn:  # as the program stored them before
        conn.execute(sa.text("UPDATE resident SET last_name = :n, search_key = :k WHERE last_name = 'Сейтова'"),
                     {"n": "Сей\u200bтова", "k": "сей\u200bтова айгүл серікұлы"})
    assert svc.queries.residents(search="сейтова")[0] == 0
    untouched = _names(svc)[1]
    command.downgrade(alembic_config(svc.engine), "0023")
    command.upgrade(alembic_config(svc.engine), "head")
    assert [r.full_name for r in svc.queries.residents(search="сейтова")[1]] == ["Сей\u200bтова Айгүл Серікұлы"]
    assert _names(svc)[0][0] == "Сей\u200bтова" and _names(svc)[1] == untouched
    svc.engine.dispose()


def test_a_name_stored_with_them_before_prints_as_seen(sqlite_url, tmp_path):
    """The journal form (FORMS.md Annex 2) of a resident whose name was stored with a soft hyphen and a direction
    mark before the program took them out: LiberationSerif printed «Сей-това» and a bar; the form prints the name as
    it is seen on screen. Read back from the PDF with pdftotext."""
    from app.services.printing import PrintService
    from tests.conftest import make_services
    from tests.services.helpers import admit
    from tests.services.test_printing import text_of

    svc, _director, worker = make_services(sqlite_url)
    rid = admit(svc, worker, 20, last="Сейтова", first="Айгүл")
    with svc.engine.begin() as conn:  # as the program stored such a name before
        conn.execute(sa.text("UPDATE resident SET last_name = :n, first_name = :f WHERE id = :id"),
                     {"n": "Сей\u00adтова", "f": "\u200eАйгүл\ufeff", "id": rid})
    for lang in ("kk", "ru"):
        text = text_of(PrintService(svc.sessions).render("journal", lang, start=days_ago(30), end=dt.date.today()),
                       tmp_path, f"{lang}.pdf")
        assert "Сейтова Айгүл" in " ".join(text.split())
        assert not INVISIBLE.search(text) and "Сей-това" not in text
    svc.engine.dispose()


# --- what was stored before the program took them out ----------------------------------------------------------

def _stored_before(svc, sql: str, **params) -> None:
    with svc.engine.begin() as conn:  # as the program stored such a value before: past its checks
        conn.execute(sa.text(sql), params)


def test_an_account_named_with_one_before_signs_in_and_its_lockout_holds(org):
    """A user name stored with a zero-width space signs in typed with it or without it; and a name typed with one
    is the same name to the count of failed sign-ins (it had been a name of its own, never paused)."""
    svc, _director, _worker = org
    _stored_before(svc, "UPDATE app_user SET username = :n WHERE username = 'worker'", n="wor\u200bker")
    for typed in ("worker", "wor\u200bker", "\ufeffWORKER"):
        assert svc.people.authenticate(typed, "worker12").username == "wor\u200bker"
    for _attempt in range(5):
        with pytest.raises(DomainError):
            svc.people.authenticate("director", "not-the-password")
    for typed in ("\u200bdirector", "direc\u00adtor"):
        with pytest.raises(DomainError) as paused:  # even the right password waits
            svc.people.authenticate(typed, "director1")
        assert paused.value.field == "username"
    with pytest.raises(DomainError) as taken:  # the same name to the eye is taken
        svc.people.create_user(_director, "wor\u00adker", "Басқа Б. Б.", Role.SOCIAL_WORKER, "another12")
    assert taken.value.field == "username"


def test_a_journal_exported_again_leaves_an_event_stored_with_one_as_it_is(org, tmp_path):
    """Issue 11 point 1: the program's own export imported back changes nothing — also for an order number stored
    with a zero-width space (the file now carries it as seen; the event was found by its number as stored)."""
    svc, _director, worker = org
    ex = ExchangeService(svc.sessions)
    day = days_ago(10)
    svc.movements.admit_direct(worker, person(category=ELDERLY), day, OrderRef("12-ж", day), admission_ground=GROUND)
    _stored_before(svc, "UPDATE movement SET order_number = :n", n="12\u200b-ж")
    _stored_before(svc, "UPDATE resident SET last_name = :n", n="Ахме\u00adтов")
    path = ex.export_journal(worker, tmp_path / "j.csv", "kk", since=days_ago(30)).path
    data = path.read_bytes()
    assert "Ахметов".encode() in data and "12-ж".encode() in data and not INVISIBLE.search(data.decode("utf-8-sig"))
    again = ex.import_journal(worker, read_records(data, Kind.JOURNAL, path.name))
    assert (again.created, again.unchanged) == (0, 1)


def test_reconciliation_does_not_call_a_name_stored_with_one_different(org):
    """R-30: the roster's «Ахметов» and a resident stored as «Ахме<soft hyphen>тов» are the same name."""
    from app.portal.records import ParseResult, RosterRecord
    from tests.services.helpers import admit

    svc, _director, worker = org
    resident = svc.residents.get(admit(svc, worker, 50, last="Ахметов"))
    _stored_before(svc, "UPDATE resident SET last_name = :n", n="Ахме\u00adтов")
    roster = RosterRecord(resident.iin, "Ахметов", resident.first_name, resident.birth_date, ResidentStatus.PRESENT,
                          days_ago(50), resident.middle_name)
    found = ExchangeService(svc.sessions).reconcile(ParseResult((roster,), (), Kind.ROSTER))
    assert [r.iin for r in found.both] == [resident.iin] and not found.differ


# --- a field of invisible characters only is empty -----------------------------------------------------------

def test_a_required_text_of_invisible_characters_only_is_refused_naming_its_field(org):
    """What the service requires (a unit's name, R-36; the text of a positive change, R-22; an order number, R-01)
    and what the database requires alike: a soft hyphen is as empty as a space (a unit had been stored nameless)."""
    from app.domain.units import UnitKind

    svc, director, worker = org
    with pytest.raises(DomainError) as unit:
        svc.units.add(director, UnitKind.SUPPORTED_LIVING, "\u00ad\u200b", 6)
    assert unit.value.field == "unit_name"
    day = days_ago(10)
    with pytest.raises(DomainError) as number:
        svc.movements.admit_direct(worker, person(category=ELDERLY), day, OrderRef("\u200b", day),
                                   admission_ground=GROUND)
    assert number.value.field == "order_number"
    with svc.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM org_unit")).scalar() == 0
        assert conn.execute(sa.text("SELECT count(*) FROM movement")).scalar() == 0


def test_an_optional_text_of_invisible_characters_only_is_stored_as_none(org):
    """A portal number of a zero-width space is no number (it had been stored as "", and the second such
    application was refused as "saved on another computer": the column is unique)."""
    svc, _director, worker = org
    for hour in (9, 10):
        svc.queue.register(worker, person(), dt.datetime(2026, 11, 2, hour), portal_number="\u200b")
    with svc.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT portal_number FROM queue_application")).scalars().all() == [None, None]


def test_a_name_cell_with_one_between_its_words_is_split_as_seen():
    """Column 3 «Тегі, аты, әкесінің аты»: «Сейтова <ZWSP> Айгүл Серікқызы» has its first name (it was taken as the
    empty first part and refused as "the first name is empty")."""
    clean = write_records(Kind.JOURNAL, [_journal()], Format.CSV, "kk").decode("utf-8-sig")
    assert "Сейтова Айгүл Серікқызы" in clean
    result = read_records(clean.replace("Сейтова Айгүл", "Сейтова \u200b Айгүл").encode(), Kind.JOURNAL, "j.csv")
    assert result.problems == ()
    (record,) = result.records
    assert (record.last_name, record.first_name, record.middle_name) == ("Сейтова", "Айгүл", "Серікқызы")


def test_0025_stores_a_portal_number_typed_with_one_as_seen_so_the_same_file_is_found(db_url):
    """A portal number typed with a zero-width space before the program took them out: the queue import read the
    file's number as seen, did not find that application, and refused the person as "already in the queue" (issue
    11 point 1: importing the same file again changes nothing). After the upgrade the number is stored as seen, a
    version further, the change in the application's history by "system"; a number that would then be another
    application's is left as it was."""
    import json

    from alembic import command

    from app.audit_diff import action_label, differences
    from app.db.engine import alembic_config
    from app.domain.enums import QueueSource
    from app.domain.identity import make_iin
    from app.portal.records import ParseResult, QueueApplicationRecord
    from tests.conftest import make_services

    svc, _director, worker = make_services(db_url)
    born = [dt.date(1950, 1, 5), dt.date(1951, 2, 6), dt.date(1952, 3, 7)]
    records = [QueueApplicationRecord("Кезекова", name, day, dt.datetime(2026, 3, 1 + i, 10), portal_number=f"SOC-{i}",
                                      iin=make_iin(day, Sex.FEMALE, 10 + i))
               for i, (name, day) in enumerate(zip(("Бірінші", "Екінші", "Үшінші"), born))]
    ids = [svc.queue.register(worker, PersonInput(r.last_name, r.first_name, iin=r.iin), r.received_at,
                              source=QueueSource.PORTAL, portal_number=r.portal_number).application_id
           for r in records[:2]]
    clash = svc.queue.register(worker, person("Төртінші", "Өтініш"), dt.datetime(2026, 3, 9, 10),
                               source=QueueSource.PORTAL, portal_number="SOC-7").application_id
    stored = {ids[0]: "\u200bSOC-0", ids[1]: "SOC-1\u200e", clash: "SOC-\u200b7"}
    with svc.engine.begin() as conn:  # as the queue form stored them before
        for app_id, number in stored.items():
            conn.execute(sa.text("UPDATE queue_application SET portal_number = :n WHERE id = :id"),
                         {"n": number, "id": app_id})
        conn.execute(sa.text("INSERT INTO queue_application (resident_id, received_at, source, portal_number, priority, "
                             "outcome, portal_out_of_turn, version) SELECT resident_id, received_at, source, 'SOC-7', "
                             "priority, 'withdrawn', portal_out_of_turn, 1 FROM queue_application WHERE id = :id"),
                     {"id": clash})
        versions = dict(conn.execute(sa.text("SELECT id, version FROM queue_application")).all())
    ex = ExchangeService(svc.sessions)
    file = ParseResult(records=tuple(records), problems=(), kind=Kind.QUEUE)
    with pytest.raises(DomainError):  # before: both people refused as already in the queue
        ex.import_queue(worker, file, dry_run=True)
    command.downgrade(alembic_config(svc.engine), "0024")
    command.upgrade(alembic_config(svc.engine), "head")

    with svc.engine.connect() as conn:
        numbers = dict(conn.execute(sa.text("SELECT id, portal_number FROM queue_application")).all())
        after = dict(conn.execute(sa.text("SELECT id, version FROM queue_application")).all())
        found = conn.execute(sa.text("SELECT username, entity, entity_id, before, after FROM audit_log WHERE action = "
                                     "'queue.portal_number_as_seen' ORDER BY entity_id")).all()
    assert [numbers[i] for i in ids] == ["SOC-0", "SOC-1"] and numbers[clash] == "SOC-\u200b7"  # SOC-7 is another's
    assert [after[i] - versions[i] for i in (*ids, clash)] == [1, 1, 0]
    assert [(u, e, i) for u, e, i, _b, _a in found] == [("system", "queue_application", i) for i in ids]
    for _u, _e, _i, before, changed in found:
        before, changed = (v if isinstance(v, dict) else json.loads(v) for v in (before, changed))
        assert before["resident_id"] == changed["resident_id"] is not None  # in the person's history
        for lang in ("kk", "ru"):
            assert {d.field for d in differences(before, changed, lang, "queue_application")} >= {"portal_number"}
    assert {lang: action_label("queue.portal_number_as_seen", lang) for lang in ("kk", "ru")} == {
        "kk": "Порталдағы өтініштің нөмірі көрінбейтін таңбаларсыз сақталды",
        "ru": "Номер заявления на портале сохранён без невидимых символов"}
    summary = ex.import_queue(worker, file)  # the same applications found: only the third person is new
    assert (summary.created, summary.unchanged) == (1, 2)
    svc.engine.dispose()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
@pytest.mark.parametrize("number", ["№ 12-ж", "12-ж.", "Приказ 15", "15 от 01.02.2024", "12 ж", "(12)", "№12",
                                    "\u200b"])
def test_the_own_export_of_an_order_number_as_typed_imports_back_unchanged(org, tmp_path, fmt, number):
    """Issue 11 point 1: the program's own journal export imported back changes nothing, whatever order number the
    movement form took: a table's cell holds the date and the number, and its reader leaves out «№», «приказ»,
    «от» and the like («№ 12-ж» reads «12-ж»); a number stored before as invisible characters only is written as
    none. Either way the event was not found, and the import refused to admit the person again. The last number is
    stored as the form stored it before (it now refuses such a number)."""
    svc, _director, worker = org
    ex = ExchangeService(svc.sessions)
    day = days_ago(10)
    svc.movements.admit_direct(worker, person(category=ELDERLY), day, OrderRef("12-ж", day), admission_ground=GROUND)
    _stored_before(svc, "UPDATE movement SET order_number = :n", n=number)
    path = ex.export_journal(worker, tmp_path / f"j.{fmt}", "ru", since=days_ago(30)).path
    again = ex.import_journal(worker, read_records(path.read_bytes(), Kind.JOURNAL, path.name))
    assert (again.created, again.unchanged) == (0, 1)
    with svc.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM movement")).scalar() == 1


@pytest.mark.parametrize(("field", "value"), [
    ("birth_date", "1950-01-02\u200b"), ("admission_date", "\ufeff" + days_ago(30).isoformat()),
    ("status", "қызмет ал\u00adуда"), ("sex", "жен\u00adский"), ("returned", "и\u00adә")])
def test_a_json_field_is_read_as_it_is_seen(field, value):
    """A JSON file's dates, status, sex and yes/no fields are read without the invisible characters, as a table's
    cells are: they were refused, the message quoting a value that looked right («1950-01-02» не дата)."""
    fields = {"status": "present", "last_name": "Сейтова", "first_name": "Айгүл", "birth_date": "1950-01-02",
              "sex": "женский", "admission_date": days_ago(30).isoformat(), "admission_order": "12",
              field: value}
    document = {"format": "qamqor-portal", "version": 1, "kind": "journal", "records": [fields]}
    import json

    result = read_records(json.dumps(document).encode(), Kind.JOURNAL)
    assert result.problems == () and len(result.records) == 1
    (rec,) = result.records
    assert (rec.status, rec.sex, rec.birth_date) == (ResidentStatus.PRESENT, Sex.FEMALE, dt.date(1950, 1, 2))


def test_a_json_status_of_invisible_characters_only_is_empty():
    import json

    document = {"format": "qamqor-portal", "version": 1, "kind": "journal", "records": [
        {"status": "\u200b", "last_name": "Сейтова", "first_name": "Айгүл", "birth_date": "1950-01-02"}]}
    (problem,) = read_records(json.dumps(document).encode(), Kind.JOURNAL).problems
    assert problem.field == "status" and "пустое" in problem.render("ru") and "бос" in problem.render("kk")


@pytest.mark.parametrize("char", ["\u00ad", "\u200b"], ids=["soft hyphen", "zero-width space"])
def test_a_column_title_is_recognised_as_it_is_seen(char):
    """A title with an invisible character inside a word («Мәрте<U+00AD>бесі») was refused as a missing column."""
    data = write_records(Kind.JOURNAL, [JournalEventRecord(ResidentStatus.PRESENT, "Сейтова", "Айгүл",
                                                           dt.date(1950, 1, 2), admission_date=days_ago(30),
                                                           admission_order="12")], Format.CSV, "kk")
    text = data.decode("utf-8-sig")
    assert "Мәртебесі" in text
    result = read_records(text.replace("Мәртебесі", f"Мәрте{char}бесі").encode("utf-8-sig"), Kind.JOURNAL, "j.csv")
    assert result.problems == () and len(result.records) == 1


def test_a_name_cell_that_is_not_a_text_is_refused_not_split():
    """A TRUE cell in the full-name column was refused only as "the first name is empty"; a date and time there
    became a person named «1950-01-02 10:30:00». The cell goes whole to the last name's check."""
    from app.portal.xlsx import write_xlsx

    header = ["Мәртебесі", "Тегі, аты, әкесінің аты (бар болса)", "Туған күні, жасы", "Түскен күні және бұйрықтың №"]
    admitted = f"{days_ago(30):%d.%m.%Y} № 12-ж"
    rows = [["қызмет алуда", True, "02.01.1950", admitted],
            ["қызмет алуда", dt.datetime(1950, 1, 2, 10, 30), "02.01.1950", admitted]]
    result = read_records(write_xlsx(header, rows, sheet="Журнал"), Kind.JOURNAL, "j.xlsx")
    assert result.records == ()
    by_row = {}
    for p in result.problems:
        by_row.setdefault(p.row, set()).add(p.field)
    assert "иә/жоқ" in next(p.render("kk") for p in result.problems if p.field == "last_name")
    assert by_row[3] == {"first_name"}  # not a person «1950-01-02» «10:30:00»


def test_a_refused_event_names_no_column_of_the_plan(org):
    """An admission of a person already served is refused naming the event's kind: the problem named the column
    «Қызмет түрі» / «Вид услуги» (the plan's "kind of service", which no journal file has); it names none."""
    from app.portal.records import ParseResult

    svc, _director, worker = org
    day = days_ago(10)
    p = person(category=ELDERLY)
    svc.movements.admit_direct(worker, p, day, OrderRef("12-ж", day), admission_ground=GROUND)
    again = JournalEventRecord(ResidentStatus.PRESENT, p.last_name, p.first_name, p.birth_date, iin=p.iin,
                               admission_date=days_ago(5), admission_order="99-ж")
    with pytest.raises(DomainError) as refused:
        ExchangeService(svc.sessions).import_journal(worker, ParseResult((again,), (), Kind.JOURNAL))
    (problem,) = refused.value.problems
    assert problem.field == "kind" and problem.column is None


def test_a_yes_no_cell_is_quoted_as_a_spreadsheet_names_it():
    """The problem list showed a TRUE cell as Python's «True» («True» — неизвестный статус); it shows «TRUE»."""
    from app.portal.xlsx import write_xlsx

    header = ["Мәртебесі", "Тегі, аты, әкесінің аты (бар болса)", "Туған күні, жасы", "Түскен күні және бұйрықтың №"]
    rows = [[True, "Сейтова Айгүл", "02.01.1950", f"{days_ago(30):%d.%m.%Y} № 12-ж"]]
    (problem,) = read_records(write_xlsx(header, rows, sheet="Журнал"), Kind.JOURNAL, "j.xlsx").problems
    assert problem.field == "status" and problem.value == "TRUE"
    assert "«TRUE»" in problem.render("ru") and "True" not in problem.render("ru") + problem.render("kk")
