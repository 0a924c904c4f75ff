"""Issue 11 point 6 (field level): every text has a maximum length and holds no control character, and a
value beyond it is refused the same way on SQLite (which would store it) and PostgreSQL (which would fail
with a raw DataError) — in exchange files, and in the values typed in the forms."""

import datetime as dt
import json

import pytest
from sqlalchemy import String

from app.db.models import Base
from app.domain.enums import ResidentStatus, Sex
from app.domain.errors import DomainError
from app.domain.limits import FIELD_COLUMN, FIELD_MAX_LENGTH, LONG_TEXT
from app.portal.errors import ImportRefused
from app.portal.formats import WRITE_FORMATS, read_records, write_records
from app.portal.records import Format, JournalEventRecord, Kind, ParseResult, QueueApplicationRecord
from app.portal.values import FIELD_PARSERS, Invalid
from app.services.exchange import ExchangeService
from app.services.residents import PersonInput
from tests.dump import dump
from tests.services.helpers import GROUND, admit, days_ago, elderly, order

LONG_NAME = "Ұ" * 101


def test_point6_each_exchange_field_has_the_length_of_its_database_column():
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    assert FIELD_MAX_LENGTH.keys() == FIELD_COLUMN.keys()
    for field, (table, column) in FIELD_COLUMN.items():
        assert tables[table].c[column].type.length == FIELD_MAX_LENGTH[field], field


def test_point6_no_text_column_is_unbounded():
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, String):
                assert column.type.length, f"{table.name}.{column.name}"
    assert LONG_TEXT == 4000


def journal_row(**kw) -> JournalEventRecord:
    values = dict(status=ResidentStatus.PRESENT, last_name="Ахметова", first_name="Айгүл", middle_name="Серікқызы",
                  birth_date=dt.date(1950, 1, 2), sex=Sex.FEMALE, admission_date=days_ago(30),
                  admission_order="12-ж")
    return JournalEventRecord(**{**values, **kw})


@pytest.mark.parametrize("fmt", WRITE_FORMATS, ids=lambda f: f.value)
def test_point6_a_101_character_name_in_a_file_is_refused_the_same_on_both_engines(org, fmt):
    svc, director, worker = org
    data = write_records(Kind.JOURNAL, [journal_row(), journal_row(last_name=LONG_NAME, first_name="Бек")], fmt, "ru")
    result = read_records(data, Kind.JOURNAL)
    (problem,) = result.problems
    title = "last_name" if fmt is Format.JSON else "Фамилия, имя, отчество (при его наличии)"
    row = 2 if fmt is Format.JSON else (4 if fmt is Format.XLSX else 3)  # XLSX: title, numbers row
    assert (problem.row, problem.column, problem.field) == (row, title, "last_name")
    assert "101" in problem.render("ru") and "100" in problem.render("kk")
    before = dump(svc.engine)
    with pytest.raises(ImportRefused) as exc:
        ExchangeService(svc.sessions).import_journal(worker, result)
    assert exc.value.problems == result.problems and dump(svc.engine) == before


def test_point6_a_nul_byte_in_a_file_is_refused_the_same_on_both_engines(org):
    svc, director, worker = org
    document = {"format": "qamqor-portal", "version": 1, "kind": "journal", "records": [
        {"status": "present", "last_name": "Ахметова", "first_name": "Ай\u0000гүл", "birth_date": "1950-01-02",
         "admission_date": days_ago(30).isoformat(), "admission_order": "12"}]}
    result = read_records(json.dumps(document).encode(), Kind.JOURNAL)
    (problem,) = result.problems
    assert (problem.row, problem.column, problem.field) == (1, "first_name", "first_name")
    assert "U+0000" in problem.render("kk") and "U+0000" in problem.render("ru")
    before = dump(svc.engine)
    with pytest.raises(ImportRefused):
        ExchangeService(svc.sessions).import_journal(worker, result)
    assert dump(svc.engine) == before


def test_point6_a_control_character_in_a_csv_cell_is_refused_with_row_and_column(org):
    svc, director, worker = org
    data = write_records(Kind.JOURNAL, [journal_row(address="Алматы\x07 көшесі")], Format.CSV, "kk")
    (problem,) = read_records(data, Kind.JOURNAL).problems
    assert (problem.row, problem.column, problem.field) == (2, "Үйінің мекенжайы", "address")
    assert "U+0007" in problem.render("ru")


def journal_json(**fields) -> str:
    return ('{"format": "qamqor-portal", "version": 1, "kind": "journal", "records": [{"status": "present", '
            '"last_name": "Ахметова", "first_name": "Айгүл", "birth_date": "1950-01-02", "admission_date": "'
            + days_ago(30).isoformat() + '", "admission_order": "12"'
            + "".join(f', "{k}": {v}' for k, v in fields.items()) + "}]}")


def test_point6_a_number_where_a_json_file_has_text_is_taken_whole():
    """A number written where the JSON has a text is that number's digits, all of them: an address of 300 digits
    was stored cut to 199 and "…", a name of 4,000 digits refused as 200 characters long."""
    (record,) = read_records(journal_json(address=10 ** 299).encode(), Kind.JOURNAL).records
    assert record.address == "1" + "0" * 299
    (problem,) = read_records(journal_json(last_name=10 ** 3999).encode(), Kind.JOURNAL).problems
    assert problem.field == "last_name" and "4000" in problem.render("kk") and "100" in problem.render("ru")


@pytest.mark.parametrize("word", ["NaN", "Infinity", "-Infinity"])
def test_point6_nan_and_infinity_are_not_json(word):
    """Python's reader takes ``NaN`` and ``Infinity``, which JSON has not: they were stored as the text "nan"."""
    with pytest.raises(ImportRefused) as exc:
        read_records(journal_json(address=word).encode(), Kind.JOURNAL)
    assert "JSON" in exc.value.render("kk") and "JSON" in exc.value.render("ru")


@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x1c", "\x1f", "\x85"])
def test_point6_a_control_character_python_takes_for_a_space_in_an_order_cell_is_refused(char):
    """A date-and-order cell is split into its date and its order number: a control character that Python's
    split() takes for a space (U+000B, U+000C, U+001C-U+001F, U+0085) was made a space, and "12<U+000B>3"
    imported as "12 3". It is refused with its row and column, as in any other cell."""
    data = write_records(Kind.JOURNAL, [journal_row(admission_order=f"12{char}3")], Format.CSV, "kk")
    (problem,) = read_records(data, Kind.JOURNAL).problems
    assert (problem.row, problem.field) == (2, "admission_order")
    assert problem.column and f"U+{ord(char):04X}" in problem.render("ru")


@pytest.mark.parametrize("bad", [LONG_NAME, "Ай\x00гүл"], ids=["101-chars", "nul"])
def test_point6_records_made_without_a_reader_are_checked_by_the_import_itself(org, bad):
    """The queue import writes in bulk, past the row check: its records are checked before."""
    svc, director, worker = org
    rec = QueueApplicationRecord(bad, "Айгүл", dt.date(1950, 1, 2), dt.datetime(2026, 3, 1, 9), portal_number="P-1")
    before = dump(svc.engine)
    for run, kind in ((ExchangeService(svc.sessions).import_queue, Kind.QUEUE),
                      (ExchangeService(svc.sessions).import_journal, Kind.JOURNAL)):
        records = (rec,) if kind is Kind.QUEUE else (journal_row(last_name=bad),)
        with pytest.raises(ImportRefused) as exc:
            run(worker, ParseResult(records, (), kind))
        assert exc.value.problems[0].field == "last_name"
    assert dump(svc.engine) == before


def test_point6_the_readers_check_every_limited_field_so_the_import_may_trust_what_they_read():
    """An import does not check again the records a reader made (``limits_checked``): every field with a
    limit is checked by the reader's parser of that field, length and control characters alike."""
    for field, limit in FIELD_MAX_LENGTH.items():
        parse = FIELD_PARSERS[field]
        assert parse(" " + "ә" * limit + " ") == "ә" * limit
        for bad in ("ә" * (limit + 1), "ә\x00ә", "ә\x1bә"):
            with pytest.raises(Invalid):
                parse(bad)
    data = write_records(Kind.JOURNAL, [journal_row()], Format.CSV, "kk")
    assert read_records(data, Kind.JOURNAL, "j.csv").limits_checked
    assert not ParseResult((journal_row(),), (), Kind.JOURNAL).limits_checked


@pytest.mark.parametrize("field, value", [
    ("last_name", LONG_NAME), ("first_name", "Ай\x00гүл"), ("address", "ж" * 501), ("phone", "+7\x1b701"),
    ("diagnosis", "д" * (LONG_TEXT + 1)), ("iin_missing_reason", "жоқ\x00"),
], ids=["name-101", "name-nul", "address-501", "phone-esc", "diagnosis-4001", "reason-nul"])
def test_point6_values_typed_in_a_form_are_refused_the_same_on_both_engines(org, field, value):
    svc, director, worker = org
    person = elderly()
    values = {**person.__dict__, field: value}
    if field == "iin_missing_reason":
        values.update(iin=None, birth_date=dt.date(1950, 1, 2))
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        svc.movements.admit_direct(worker, PersonInput(**values), days_ago(3), order(days_ago(3)),
                                   admission_ground=GROUND)
    assert exc.value.field == field and type(exc.value) is DomainError
    assert exc.value.render("kk") != exc.value.render("ru")
    assert dump(svc.engine) == before


def test_point6_an_edit_is_checked_too_and_a_stored_row_keeps_working(org):
    svc, director, worker = org
    rid = admit(svc, worker, 10)
    view = svc.residents.get(rid)
    data = PersonInput(view.last_name, view.first_name, view.middle_name, iin=view.iin, address="Көше\x00 1",
                       category=view.category)
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        svc.residents.update(worker, rid, data, view.version)
    assert exc.value.field == "address" and dump(svc.engine) == before
    data.address = "Көше 1"
    assert svc.residents.update(worker, rid, data, view.version).address == "Көше 1"


def test_point6_a_user_name_with_a_nul_is_a_wrong_sign_in_on_both_engines(org):
    svc, director, worker = org
    with pytest.raises(DomainError) as exc:
        svc.people.authenticate("direc\x00tor", "director1")
    assert exc.value.field == "password"
    with pytest.raises(DomainError) as exc:
        svc.people.create_user(director, "new\x00user", "Жаңа Қолданушы", director.role, "Qz7-kwrt-93xm")
    assert exc.value.field == "username"


# letters that fold to more than one («ß» to «ss», «ﬃ» to «ffi», «İ» to «i̇»): three parts of 100, each within
# its own limit, fold to 600–900 characters, more than the search key's column holds
FOLDS_LONGER = {"ß": "ss", "ﬃ": "ffi", "İ": "i̇"}


@pytest.mark.parametrize("letter", FOLDS_LONGER, ids=["sharp-s", "ffi", "dotted-I"])
def test_point6_a_name_that_folds_longer_than_the_search_key_is_stored_the_same_on_both_engines(org, letter):
    """A name within its limits is accepted by the imports (which write past the row check) and by the forms
    alike, on both engines: its search key is cut to the column's length (PostgreSQL refused it with a raw
    DataError, SQLite stored 900 characters, a form refused the hidden key) and finds the person."""
    from sqlalchemy import func, select

    from app.db.models import SEARCH_KEY_LENGTH, Resident

    svc, director, worker = org
    name = letter * 100
    assert len(f"{name} {name} {name}".casefold()) > SEARCH_KEY_LENGTH  # the case this is about
    result = ParseResult((journal_row(last_name=name, first_name=name, middle_name=name),), (), Kind.JOURNAL)
    assert ExchangeService(svc.sessions).import_journal(worker, result).created == 1
    typed = PersonInput(**{**elderly().__dict__, "last_name": name, "first_name": name[:99], "middle_name": name})
    rid = svc.movements.admit_direct(worker, typed, days_ago(3), order(days_ago(3)),
                                     admission_ground=GROUND).resident_id
    with svc.sessions() as s:
        keys = s.execute(select(Resident.id, Resident.search_key, func.length(Resident.search_key).label("n"))
                         .where(Resident.last_name == name).order_by(Resident.id)).all()
    assert len(keys) == 2 and keys[1].id == rid
    folded, fold99 = FOLDS_LONGER[letter] * 100, FOLDS_LONGER[letter] * 99
    assert [(k.search_key, k.n) for k in keys] == [
        (f"{folded} {folded} {folded}"[:SEARCH_KEY_LENGTH], SEARCH_KEY_LENGTH),
        (f"{folded} {fold99} {folded}"[:SEARCH_KEY_LENGTH], SEARCH_KEY_LENGTH)]
    assert {r.id for r in svc.queries.residents(search=letter * 3)[1]} == {k.id for k in keys}


@pytest.mark.parametrize("number", ["P\x00-1", "P\ud800", "П" * 101], ids=["nul", "surrogate", "101-chars"])
def test_point6_a_portal_number_typed_in_the_queue_form_is_refused_the_same_on_both_engines(org, number):
    """The queue form looks the portal number up (is it registered already?) before the row is checked: the
    number is checked first, so that PostgreSQL's raw error for a NUL in a query (and the driver's for a
    surrogate, on both engines) never surfaces."""
    from app.domain.enums import QueueSource

    svc, director, worker = org
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        svc.queue.register(worker, elderly(), dt.datetime.combine(days_ago(2), dt.time(9)), QueueSource.PORTAL,
                           portal_number=number)
    assert exc.value.field == "portal_number" and type(exc.value) is DomainError
    assert exc.value.render("kk") != exc.value.render("ru")
    assert dump(svc.engine) == before


@pytest.mark.parametrize("field, value", [("birth_date", dt.date(1, 1, 1)), ("birth_date", dt.date(1899, 12, 31)),
                                          ("ipr_until", dt.date(2101, 1, 1)), ("ipr_until", dt.date(9999, 12, 31))],
                         ids=["year-1", "1899", "2101", "9999"])
def test_point6_a_date_typed_in_a_form_is_within_the_years_a_file_carries(org, field, value):
    """A file's dates are read within 1900–2100; a form stored any year, and the export holding it could not be
    read back. The form's date is refused, naming its field, the same on both engines; 1900 and 2100 are kept."""
    svc, director, worker = org
    values = {**elderly().__dict__, "iin": None, "iin_missing_reason": "құжаты жоқ", "birth_date": dt.date(1950, 1, 2),
              field: value}
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        svc.movements.admit_direct(worker, PersonInput(**values), days_ago(3), order(days_ago(3)),
                                   admission_ground=GROUND)
    assert exc.value.field == field and "1900" in exc.value.render("kk") and "2100" in exc.value.render("ru")
    assert dump(svc.engine) == before
    values[field] = dt.date(1900, 1, 1) if field == "birth_date" else dt.date(2100, 12, 31)
    svc.movements.admit_direct(worker, PersonInput(**values), days_ago(3), order(days_ago(3)), admission_ground=GROUND)


def test_point6_an_iin_of_someone_born_in_the_1800s_is_refused_as_the_iin(org):
    """An IIN whose 7th digit is 1 or 2 gives a birth in the 1800s, outside the years a file carries: refused as the
    IIN (the one thing typed), by the form and by the import (which writes past the row check) alike — it was
    imported, and the export holding it could not be read back."""
    from app.domain.identity import make_iin

    svc, director, worker = org
    old = make_iin(dt.date(1899, 5, 4), Sex.MALE, 234)
    assert old[6] in "12"
    values = {**elderly().__dict__, "iin": old}
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        svc.movements.admit_direct(worker, PersonInput(**values), days_ago(3), order(days_ago(3)),
                                   admission_ground=GROUND)
    assert exc.value.field == "iin" and "04.05.1899" in exc.value.render("kk") and "1900" in exc.value.render("ru")
    with pytest.raises(ImportRefused) as refused:
        ExchangeService(svc.sessions).import_journal(worker, ParseResult(
            (journal_row(iin=old, birth_date=dt.date(1899, 5, 4)),), (), Kind.JOURNAL))
    assert refused.value.problems[0].field == "iin" and dump(svc.engine) == before


def test_point6_a_json_number_beyond_a_floats_range_is_not_json():
    """1e400 is JSON, which Python reads as the float inf (stored as the text "inf"): refused as NaN is."""
    with pytest.raises(ImportRefused) as exc:
        read_records(journal_json(address="1e400").encode(), Kind.JOURNAL)
    assert "JSON" in exc.value.render("ru")
    (record,) = read_records(journal_json(address="1.5e3").encode(), Kind.JOURNAL).records
    assert record.address == "1500"


def test_point6_an_iin_cell_of_thousands_of_digits_is_quoted_cut():
    (problem,) = read_records(journal_json(iin="\"" + "7" * 4000 + "\"").encode(), Kind.JOURNAL).problems
    assert problem.field == "iin" and len(problem.render("kk")) < 400
