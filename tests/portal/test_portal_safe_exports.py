"""Issue 11 point 5: exports are safe to open. A CSV cell that a spreadsheet would take as a formula gets
the leading apostrophe; reading the file gives back the original value (an apostrophe of the value's own
included); the XLSX writer writes every text as a string, never a formula."""

import codecs
import csv
import datetime as dt
import io
import re
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.enums import ResidentStatus, Sex
from app.i18n import M
from app.portal.formats import read_records, write_records
from app.portal.problems import write_problems
from app.portal.quoting import FORMULA_START, csv_safe, csv_unsafe
from app.portal.records import Format, JournalEventRecord, Kind, Problem

#: what people put in a name or an address that Excel would run or mangle, and an apostrophe of their own
DANGEROUS = ["=1+2", "+77011234567", "-5", "@SUM(A1)", "=HYPERLINK(\"http://x\";\"y\")", "'Апостроф",
             "''екі", "'=бір", "'"]


def record(last: str = "Ахметова", address: str | None = None, phone: str | None = None) -> JournalEventRecord:
    return JournalEventRecord(ResidentStatus.PRESENT, last, "Айгүл", dt.date(1950, 1, 2), sex=Sex.FEMALE,
                              address=address, phone=phone, admission_date=dt.date(2024, 1, 5),
                              admission_order="1-ж")


def cells(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_point5_no_csv_cell_starts_like_a_formula():
    records = [record(address=text, phone=text) for text in DANGEROUS] + [record(last="=cmd|'/C calc'!A0")]
    for row in cells(write_records(Kind.JOURNAL, records, Format.CSV, "ru"))[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell
    assert cells(write_records(Kind.JOURNAL, [record(address="=1+2")], Format.CSV, "kk"))[1][5] == "'=1+2"


@pytest.mark.parametrize("text", DANGEROUS)
def test_point5_reading_the_csv_gives_back_the_value(text):
    data = write_records(Kind.JOURNAL, [record(last=text.replace(" ", ""), address=text, phone=text)],
                         Format.CSV, "ru")
    (back,) = read_records(data, Kind.JOURNAL).records
    assert (back.last_name, back.address, back.phone) == (text.replace(" ", ""), text, text)


def test_point5_an_apostrophe_of_a_file_made_elsewhere_stays():
    data = codecs.BOM_UTF8 + "Статус;ФИО;Дата рождения;Адрес;Дата поступления и № приказа\r\n" \
        "получает услуги;Ким Олег;01.02.1950;'улица;05.01.2024 № 1\r\n".encode()
    (back,) = read_records(data, Kind.JOURNAL).records
    assert back.address == "'улица"


@given(st.text(max_size=30))
def test_point5_the_apostrophe_rule_round_trips_any_text(text):
    written = csv_safe(text)
    assert not written.startswith(FORMULA_START)
    assert csv_unsafe(written) == text


@pytest.mark.parametrize("start", ["\t", "\r"])
def test_point5_tab_and_carriage_return_starts_are_quoted(start):
    assert csv_safe(start + "x") == "'" + start + "x" and csv_unsafe("'" + start + "x") == start + "x"


def test_point5_the_problem_list_is_safe_too():
    problem = Problem(2, "ФИО", "=cmd|' /C calc'!A0", M("bad"))
    rows = cells(write_problems([problem], Format.CSV, "ru"))
    assert rows[1][2] == "'=cmd|' /C calc'!A0"


def test_point5_xlsx_writes_texts_as_strings_never_formulas():
    data = write_records(Kind.JOURNAL, [record(address=text, phone=text) for text in DANGEROUS], Format.XLSX, "ru")
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    texts = re.findall(r"<t xml:space=\"preserve\">(.*?)</t>", strings)
    assert "=1+2" in texts and "@SUM(A1)" in texts
    # every non-empty cell of the rows is a shared string, a date or a number — never an inline formula
    assert all('t="s"' in c or "<v>" in c for c in re.findall(r"<c [^>]*>.*?</c>", sheet))
    back = read_records(data, Kind.JOURNAL).records
    assert [r.address for r in back] == DANGEROUS
