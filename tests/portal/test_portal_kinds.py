"""Issue 11 point 2: the program recognises what a file holds from its column titles (a JSON file: from the
kind it names), says so, and asks only when it cannot tell; ``--kind`` stays as an override."""

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli import main
from app.domain.enums import ResidentStatus
from app.portal.errors import ImportRefused
from app.portal.formats import WRITE_FORMATS, read_records, write_records
from app.portal.kinds import read_recognised, recognise
from app.portal.records import Format, Kind
from app.portal.xlsx import write_xlsx
from app.services.exchange import ExchangeService
from tests.conftest import make_services
from tests.dump import dump
from tests.portal.portal_samples import journal_records, queue_records, roster_records, workbook_bytes
from tests.portal.test_portal_properties import SETTINGS, mutated
from tests.services.helpers import admit, days_ago, order

SAMPLES = {Kind.QUEUE: queue_records, Kind.JOURNAL: journal_records, Kind.ROSTER: roster_records}


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("fmt", WRITE_FORMATS, ids=lambda f: f.value)
@pytest.mark.parametrize("kind", list(SAMPLES), ids=lambda k: k.value)
def test_point2_every_file_the_program_writes_is_recognised(kind, fmt, lang):
    found = recognise(write_records(kind, SAMPLES[kind](), fmt, lang))
    assert (found.kind, found.format) == (kind, fmt)
    assert found.describe().render("ru") != found.describe().render("kk")


def test_point2_a_journal_with_decision_titles_and_titles_above_is_the_journal():
    data = write_records(Kind.JOURNAL, journal_records(), Format.XLSX, "ru", titles=["ГУ «Дом»", "Журнал"],
                         decision=True)
    assert recognise(data).kind is Kind.JOURNAL


def test_point2_a_portal_queue_file_without_a_status_column_is_the_queue():
    data = workbook_bytes([["ФИО", "Дата рождения", "Время поступления заявки", "Номер заявки"],
                           ["Ким Олег", "01.02.1950", "01.03.2024 10:00", "P-1"]])
    assert recognise(data).kind is Kind.QUEUE


def test_point2_a_table_of_names_and_dates_of_birth_is_a_register():
    data = workbook_bytes([["Фамилия", "Имя", "Отчество", "Дата рождения", "ИИН", "Дата поступления"],
                           ["Ким", "Олег", "", "01.02.1950", "", "05.06.2020"]])
    assert recognise(data).kind is Kind.REGISTER


def test_point2_when_two_kinds_fit_equally_it_asks():
    """A status, a name, a date of birth, a received time (queue) and an admission (journal): both kinds fit,
    each with one column foreign to it."""
    header = ["Статус", "ФИО", "Дата рождения", "Дата поступления и № приказа", "Время поступления заявки"]
    found = recognise(workbook_bytes([header, ["получает услуги", "Ким Олег", "01.02.1950", "", "", "", ""]]))
    assert found.kind is None and set(found.candidates) >= {Kind.QUEUE, Kind.JOURNAL}
    text = found.describe().render("ru")
    assert "заявки" in text and "журнал" in text


def test_point2_a_table_of_no_kind_asks_naming_the_titles_found():
    found = recognise(workbook_bytes([["ФИО", "Пол", "Адрес"], ["Ким Олег", "м", "Алматы"]]))
    assert found.kind is None and found.candidates == ()
    assert "Адрес" in found.describe().render("kk")


def test_point2_a_json_file_without_a_known_kind_is_refused_with_the_kinds():
    document = json.loads(write_records(Kind.QUEUE, queue_records(), Format.JSON))
    document["kind"] = "register"
    with pytest.raises(ImportRefused) as exc:
        recognise(json.dumps(document).encode())
    assert "queue, journal, roster" in exc.value.render("ru")


def test_point2_what_cannot_be_read_is_refused_as_the_readers_do():
    with pytest.raises(ImportRefused):
        recognise(write_xlsx(["a", "b"], [["1", "2"]], sheet="x"))
    with pytest.raises(ImportRefused):
        recognise(b"")


# --- recognised and read in one opening of the file --------------------------------------------------------

def same_reading(a, b) -> bool:
    return (a.records, a.problems, a.kind, a.format, a.rows) == (b.records, b.problems, b.kind, b.format, b.rows)


@pytest.mark.parametrize("fmt", WRITE_FORMATS, ids=lambda f: f.value)
@pytest.mark.parametrize("kind", list(SAMPLES), ids=lambda k: k.value)
def test_point2_a_file_recognised_and_read_at_once_is_read_as_its_kind_is_read(kind, fmt):
    data = write_records(kind, SAMPLES[kind](), fmt, "ru", **({"titles": ["ГУ «Дом»"]} if fmt is Format.XLSX else {}))
    found, result = read_recognised(data, "file")
    assert found == recognise(data) and found.kind is kind
    assert result is not None and result.records and same_reading(result, read_records(data, kind, "file"))


def test_point2_a_workbook_is_opened_once_to_be_recognised_and_read(monkeypatch):
    """Its sheets parsed once (a sheet of 100,000 rows took 0.8 s to parse only to find its titles), the rows
    that told what it holds read with the others; a sheet before the table's (a note) changes nothing."""
    import app.portal.xlsx as xlsx

    parsed: list[int] = []
    sheet_rows = xlsx._sheet_rows

    def counted(book, index, *args):
        parsed.append(index)
        return sheet_rows(book, index, *args)

    monkeypatch.setattr(xlsx, "_sheet_rows", counted)
    header, *rows = [[str(c) if c is not None else "" for c in r] for r in
                     [["ФИО", "Дата рождения", "Статус", "Дата поступления и № приказа"],
                      ["Ким Олег", "01.02.1950", "получает услуги", "05.06.2020 № 4-к"],
                      ["Әбенова Гүлжан Серікқызы", "03.04.1945", "получает услуги", "07.08.2021 № 9-к"]]]
    data = workbook_bytes([header, *rows], extra_sheets=["Ескерту"])
    found, result = read_recognised(data)
    assert found.kind is Kind.JOURNAL and result is not None
    assert [r.last_name for r in result.records] == ["Ким", "Әбенова"] and result.rows == (2, 3)
    assert sorted(parsed) == [0, 1]  # each sheet once
    parsed.clear()
    assert same_reading(result, read_records(data, recognise(data).kind))
    assert len(parsed) == 4  # recognising, then reading: each sheet twice


def test_point2_what_the_caller_does_not_take_or_the_program_cannot_tell_is_not_read():
    roster = write_records(Kind.ROSTER, roster_records(), Format.XLSX, "kk")
    found, result = read_recognised(roster, accept=lambda kind: kind is not Kind.ROSTER)
    assert found.kind is Kind.ROSTER and result is None
    header = ["Статус", "ФИО", "Дата рождения", "Дата поступления и № приказа", "Время поступления заявки"]
    found, result = read_recognised(workbook_bytes([header, ["получает услуги", "Ким Олег", "01.02.1950"]]))
    assert found.kind is None and found.candidates and result is None
    csv = write_records(Kind.QUEUE, queue_records(), Format.CSV, "kk")
    found, result = read_recognised(csv, accept=lambda kind: False)
    assert found.kind is Kind.QUEUE and result is None


# --- the command line ---------------------------------------------------------------------------------

def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def home(tmp_path):
    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    svc, director, worker = make_services(url)
    rid = admit(svc, worker, 30)
    svc.movements.temporary_departure(worker, rid, days_ago(5), order(days_ago(5)))
    yield svc, worker, url
    svc.engine.dispose()


@pytest.mark.parametrize("fmt", WRITE_FORMATS, ids=lambda f: f.value)
def test_point2_cli_imports_the_programs_own_journal_export_without_kind(capsys, tmp_path, home, fmt):
    svc, worker, url = home
    out = tmp_path / f"journal.{fmt.value}"
    ExchangeService(svc.sessions).export_journal(worker, out, "kk", since=days_ago(365))
    before = dump(svc.engine)
    code, stdout, err = run(capsys, "portal", "import", out, "--json", "--db", url, "--lang", "ru")
    assert code == 0, err
    assert json.loads(stdout)["created"] == 0 and json.loads(stdout)["unchanged"] == 1
    assert "журнал" in err and dump(svc.engine) == before


def test_point2_cli_compares_a_roster_file(capsys, tmp_path, home):
    svc, worker, url = home
    (person,) = svc.queries.residents()[1]
    view = svc.residents.get(person.id)
    roster = tmp_path / "roster.csv"
    from app.portal.records import RosterRecord
    roster.write_bytes(write_records(Kind.ROSTER, [RosterRecord(view.iin, view.last_name, view.first_name,
                                                                view.birth_date, ResidentStatus.TEMPORARILY_ABSENT,
                                                                days_ago(30), view.middle_name)],
                                     Format.CSV, "ru"))
    code, stdout, err = run(capsys, "portal", "import", roster, "--json", "--db", url, "--lang", "kk")
    assert json.loads(stdout)["differ"] == [] and len(json.loads(stdout)["both"]) == 1


def test_point2_cli_asks_for_kind_only_when_it_cannot_tell(capsys, tmp_path, home):
    svc, worker, url = home
    odd = tmp_path / "odd.xlsx"
    odd.write_bytes(workbook_bytes([["ФИО", "Пол", "Адрес"], ["Ким Олег", "м", "Алматы"]]))
    before = dump(svc.engine)
    code, stdout, err = run(capsys, "portal", "import", odd, "--db", url, "--lang", "ru")
    assert code == 2 and "--kind" in err and "queue, journal, roster" in err and "Traceback" not in err
    code, stdout, err = run(capsys, "portal", "import", odd, "--kind", "journal", "--db", url, "--lang", "ru")
    assert code == 2 and "Статус" in err  # the override is taken: the journal's missing column is named
    register = tmp_path / "register.csv"
    register.write_bytes("Фамилия;Имя;Дата рождения\r\nКим;Олег;01.02.1950\r\n".encode())
    code, stdout, err = run(capsys, "portal", "import", register, "--db", url, "--lang", "ru")
    assert code == 2 and "register import" in err
    assert dump(svc.engine) == before


def test_point2_cli_kind_override_still_works(capsys, tmp_path, home):
    svc, worker, url = home
    path = tmp_path / "q.json"
    path.write_bytes(write_records(Kind.QUEUE, queue_records()[:1], Format.JSON))
    code, stdout, err = run(capsys, "portal", "import", path, "--kind", "queue", "--json", "--dry-run", "--db", url)
    assert code == 0 and json.loads(stdout)["created"] == 1 and err == ""
    assert dt.date.today()


# --- hostile input: recognising never raises anything but the import refusal --------------------------------
def recognised_or_refused(data: bytes) -> None:
    """Recognised or refused, and recognised and read in one opening the same way (the reading refused or its
    rows' problems given, never another error)."""
    try:
        found = recognise(data)
    except ImportRefused as refused:
        assert refused.render("kk") and refused.render("ru")
        with pytest.raises(ImportRefused):
            read_recognised(data)
        return
    assert found.kind is None or found.kind in Kind
    assert found.describe().render("kk") and found.describe().render("ru")
    try:
        again, result = read_recognised(data)
    except ImportRefused as refused:  # recognised from its titles, then refused by the reader (as read_records)
        assert found.kind is not None and refused.render("kk") and refused.render("ru")
        return
    assert again == found and (result is None) == (found.kind is None)


@SETTINGS
@given(data=mutated())
def test_point2_a_damaged_file_is_recognised_or_refused(data):
    recognised_or_refused(data)


@settings(max_examples=100, deadline=None)
@given(prefix=st.sampled_from([b"", b"PK\x03\x04", b"{", b'{"format": "qamqor-portal", "version": 1, "kind": "']),
       body=st.binary(max_size=2000))
def test_point2_random_bytes_are_recognised_or_refused(prefix, body):
    recognised_or_refused(prefix + body)
