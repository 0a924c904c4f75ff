"""Files as people have them (issue 11): the program's own journal export saved again by LibreOffice
as .xls and .ods, cells merged down rows, and CSV in the encodings other programs save in. Each reads
to the records the export was made from; a file whose letters were lost when it was saved is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.domain.enums import ResidentStatus, Sex
from app.portal import Format, ImportRefused, Kind, read_records, write_records
from app.portal.register import inspect_register, read_register, suggest_mapping
from tests.portal.fixtures.make_fixtures import queue_exchange_records, register_rows, russian_journal
from tests.portal.portal_samples import journal_records

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read(name: str):
    return read_records((FIXTURES / name).read_bytes(), Kind.JOURNAL, name, today=dt.date(2025, 1, 1))


@pytest.mark.parametrize("name", ["journal.xlsx", "journal.xls", "journal.ods"])
def test_the_journal_export_saved_again_by_libreoffice_reads_to_the_same_records(name):
    result = read(name)
    assert result.problems == ()
    assert list(result.records) == journal_records()


@pytest.mark.parametrize("name", ["journal-merged.xlsx", "journal-merged.xls", "journal-merged.ods"])
def test_cells_merged_down_rows_fill_every_row_they_cover(name):
    # .ods: calamine does not report merged cells; they are found in the file's content.xml
    result = read(name)
    assert result.problems == ()
    people = [(r.last_name, r.status, r.admission_date, r.admission_order) for r in result.records]
    admitted = (ResidentStatus.PRESENT, dt.date(2021, 2, 1), "15-к")
    assert people == [("Петров", *admitted), ("Смирнова", *admitted), ("Ёлкин", *admitted),
                      ("Щукина", ResidentStatus.IN_QUEUE, None, None)]


def merged_wide_expected() -> list[tuple]:
    """What make_fixtures.merged_wide_workbook typed and merged, row by row as the sheet shows it."""
    present = (ResidentStatus.PRESENT, dt.date(2021, 2, 1), "15-к", None, None, None)
    why = "по собственному желанию"
    return [
        (5, "Петров", Sex.MALE, *present), (6, "Смирнов", Sex.MALE, *present), (7, "Ёлкина", Sex.FEMALE, *present),
        (10, "Щукина", Sex.FEMALE, ResidentStatus.DISCHARGED, dt.date(2019, 5, 5), "11", dt.date(2024, 2, 29), "9-ш",
         why),
        (11, "Иванова", Sex.FEMALE, ResidentStatus.DISCHARGED, dt.date(2018, 6, 6), "7", dt.date(2024, 2, 29), "9-ш",
         why),
        (12, "Ким", Sex.MALE, ResidentStatus.IN_QUEUE, None, None, None, None, None),
        (13, "Ли", Sex.MALE, ResidentStatus.IN_QUEUE, None, None, None, None, None),
    ]


@pytest.mark.parametrize("name", ["journal-merged-wide.xlsx", "journal-merged-wide.xls", "journal-merged-wide.ods"])
def test_merged_cells_fill_the_right_rows_below_titles_blank_rows_and_repeated_cells(name):
    # the table begins in row 4 and column B, below a title merged across columns; an .ods repeats the empty
    # cells before a merged one, the two blank rows and the covered cells of an area two columns wide
    result = read(name)
    assert result.problems == ()
    got = [(n, r.last_name, r.sex, r.status, r.admission_date, r.admission_order, r.discharge_date,
            r.discharge_order, r.discharge_reason) for n, r in zip(result.rows, result.records)]
    assert got == merged_wide_expected()


@pytest.mark.parametrize("stem", ["journal-merged", "journal-merged-wide"])
def test_an_ods_with_merged_cells_reads_to_the_same_records_as_the_xlsx_it_was_saved_from(stem):
    xlsx, ods = read(f"{stem}.xlsx"), read(f"{stem}.ods")
    assert ods.problems == xlsx.problems == ()
    assert ods.records == xlsx.records and ods.rows == xlsx.rows


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251", "cp866", "koi8-r", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32"])
def test_a_russian_journal_in_any_common_encoding_reads_to_the_same_records(encoding):
    result = read(f"journal-ru.{encoding}.csv")
    assert result.problems == ()
    assert list(result.records) == russian_journal()


@pytest.mark.parametrize("encoding", ["utf-8", "kz1048", "utf-16-le"])
def test_a_kazakh_journal_in_kz1048_or_utf16_without_bom_keeps_its_letters(encoding):
    result = read(f"journal-kk.{encoding}.csv")
    assert result.problems == ()
    assert list(result.records) == journal_records()


def test_a_journal_whose_kazakh_letters_became_question_marks_is_refused():
    with pytest.raises(ImportRefused) as caught:
        read("journal-kk.cp1251-lossy.csv")
    error = caught.value
    ru, kk = error.render("ru"), error.render("kk")
    assert "journal-kk.cp1251-lossy.csv" in ru and "journal-kk.cp1251-lossy.csv" in kk
    assert "CSV UTF-8" in ru and "CSV UTF-8" in kk
    assert "Болат?лы" in ru  # the first damaged word, on line 2 of the file (Болатұлы)
    assert error.message.params["line"] == 2


def test_the_encoding_is_judged_where_the_letters_are_not_on_an_ascii_beginning():
    # 70 KB of a Latin title line above the titles: the first 64 KB say nothing of the encoding
    data = (FIXTURES / "journal-ru.cp1251.csv").read_bytes()
    result = read_records(b"Journal " * 9000 + b"\r\n" + data, Kind.JOURNAL, "long.csv", today=dt.date(2025, 1, 1))
    assert result.problems == () and list(result.records) == russian_journal()


@pytest.mark.parametrize("sign", ["N", "No", "No.", "Nr"])
def test_titles_with_n_written_for_the_number_sign_read_as_the_forms_titles(sign):
    """A file typed by hand, or saved where "№" has no code (KOI8-R), writes "Дата поступления и N приказа": the
    column is the form's "Дата поступления и № приказа", not an unknown one (the rows then seemed to lack the
    admission date, naming no column)."""
    text = write_records(Kind.JOURNAL, russian_journal(), Format.CSV, "ru").decode("utf-8-sig")
    title, _, body = text.partition("\r\n")
    assert "№ приказа" in title
    result = read_records((title.replace("№", sign) + "\r\n" + body).encode(), Kind.JOURNAL, "journal.csv")
    assert result.problems == () and list(result.records) == russian_journal()


# --- every kind the program imports, in every format (the files of tests/services/test_exchange_every_format.py)

@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv", "json"])
def test_queue_applications_in_every_format_read_to_the_records_written(fmt):
    # received times with seconds survive Excel 97 serial numbers; the IIN beginning with 0 keeps it
    result = read_records((FIXTURES / f"queue.{fmt}").read_bytes(), Kind.QUEUE, f"queue.{fmt}")
    assert result.problems == ()
    assert list(result.records) == queue_exchange_records()


@pytest.mark.parametrize("fmt", ["xls", "ods", "csv", "json"])
def test_the_programs_journal_export_in_every_format_reads_to_the_same_records(fmt):
    xlsx = read_records((FIXTURES / "journal-export.xlsx").read_bytes(), Kind.JOURNAL, "journal-export.xlsx")
    other = read_records((FIXTURES / f"journal-export.{fmt}").read_bytes(), Kind.JOURNAL, f"journal-export.{fmt}")
    assert xlsx.problems == other.problems == ()
    assert other.records == xlsx.records
    # the nine movements of make_fixtures.journal_export_database: four admissions, two departures, a return,
    # two discharges
    assert len(xlsx.records) == 9 and sum(r.iin is None for r in xlsx.records) == 4


@pytest.mark.parametrize("fmt", ["ods", "xlsx"])
def test_the_programs_csv_journal_resaved_by_libreoffice_as_a_workbook_reads_to_the_same_records(fmt):
    """Issue 11 point 5: the CSV puts an apostrophe before formula-like texts (every phone, "'+7 …"); LibreOffice
    opening that CSV keeps the apostrophe as the cell's text, and the workbook it saves gives back the values."""
    csv = read_records((FIXTURES / "journal-export.csv").read_bytes(), Kind.JOURNAL, "journal-export.csv")
    name = f"journal-export-from-csv.{fmt}"
    resaved = read_records((FIXTURES / name).read_bytes(), Kind.JOURNAL, name)
    assert csv.problems == resaved.problems == ()
    assert resaved.records == csv.records
    assert "+7 701 123 45 67" in [r.phone for r in resaved.records]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv"])
def test_a_register_typed_in_excel_reads_the_same_in_every_format_libreoffice_saves(fmt):
    data = (FIXTURES / f"register.{fmt}").read_bytes()
    result = read_register(data, suggest_mapping(inspect_register(data)[0]))
    assert result.problems == ()
    got = [(r.last_name, r.first_name, r.middle_name, r.birth_date, r.iin, r.sex, r.admission_date,
            r.admission_order) for r in result.records]
    sexes = {"мужской": Sex.MALE, "женский": Sex.FEMALE}
    assert got == [(last, first, middle, birth, str(iin) if iin else None, sexes[sex], admitted, order)
                   for _n, last, first, middle, birth, iin, sex, admitted, order in register_rows()]
