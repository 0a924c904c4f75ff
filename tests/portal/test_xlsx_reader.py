"""The workbook reader (python-calamine behind the checks of app.portal.xlsx) reads the cell forms
Excel, LibreOffice and other programs write; damage is refused."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest

from app.portal import Format, ImportRefused, Kind, read_records, write_records
from app.portal.errors import ExportFailed
from app.portal.values import parse_date
from app.portal.xlsx import open_sheets, write_xlsx
from tests.portal.portal_samples import journal_records, workbook_bytes

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _workbook(sheet_xml: str, strings: list[str]) -> bytes:
    """A minimal workbook around ``sheet_xml``: shared ``strings`` and style 1 showing dates."""
    sst = "".join(f"<si><t>{s}</t></si>" for s in strings)
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                           '<sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}">'
                                      f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                                      f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
                                      f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>'
                                      "</Relationships>",
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}">{sst}</sst>',
        "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/>'
                         "</cellXfs></styleSheet>",
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return out.getvalue()


MIXED_ROWS = (
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>18629</v></c><c r="C1"><v>12.5</v></c></row>\n'
    '<row r="2" spans="1:3"><c r="A2" t="inlineStr"><is><t>Ким &amp; сыновья</t></is></c>'
    '<c r="C2"><f>1+1</f><v>2</v></c></row>\n'
    "<!-- a comment a program left between rows -->\n"
    '<row r="4"><c r="B4" t="str"><v>A &lt; B</v></c><c r="D4" t="b"><v>1</v></c></row>\n'
    "<row r='5'><c r='A5' t='s'><v>1</v></c></row>\n"
    '<row r="6"><c t="s"><v>1</v></c><c><v>7</v></c></row>\n'
    '<row r="7"><c r="A7" s="1" t="s"> <v>0</v> </c></row>\n'
    '<row r="9"/>\n'
    '<row r="10"><c r="A10" s="1"/><c r="B10" t="e"><v>#N/A</v></c><c r="AB10"><v>3</v></c></row>'
)
WIDTH = 28  # calamine lays a sheet out as a rectangle up to its farthest cell (AB10)


def _row(*cells):
    return (*cells, *[None] * (WIDTH - len(cells)))


EXPECTED = [
    (1, _row("Ахметов", dt.date(1951, 1, 1), 12.5)),
    (2, _row("Ким & сыновья", None, 2)),
    (3, _row()),
    (4, _row(None, "A < B", None, True)),
    (5, _row("Иванова")),
    (6, _row("Иванова", 7)),          # cells without a reference take the next columns
    (7, _row("Ахметов")),
    (8, _row()),
    (9, _row()),
    (10, _row(*[None] * 27, 3)),      # an error cell (#N/A) holds no value
]


def _sheet(rows: str, root: str = "worksheet", prefix: str = "") -> str:
    declare = f'xmlns:{prefix[:-1]}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<{prefix}{root} {declare} xmlns:r="{REL}">'
            f"<{prefix}sheetData>{rows}</{prefix}sheetData></{prefix}{root}>")


def _with_part(data: bytes, name: str, body: bytes) -> bytes:
    """The workbook ``data`` with its part ``name`` replaced by ``body``."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = {n: archive.read(n) for n in archive.namelist()}
    parts[name] = body
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


def _read(data: bytes) -> list:
    with open_sheets(data) as tables:
        return [(number, tuple(cells)) for number, cells in tables[0].rows]


def test_rows_of_every_layout_are_read():
    assert _read(_workbook(_sheet(MIXED_ROWS), ["Ахметов", "Иванова"])) == EXPECTED


def test_a_sheet_with_prefixed_elements_reads_the_same():
    prefixed = MIXED_ROWS.replace("<row", "<x:row").replace("</row>", "</x:row>").replace("<c ", "<x:c ") \
        .replace("<c>", "<x:c>").replace("</c>", "</x:c>").replace("<v>", "<x:v>").replace("</v>", "</x:v>") \
        .replace("<f>", "<x:f>").replace("</f>", "</x:f>").replace("<is>", "<x:is>").replace("</is>", "</x:is>") \
        .replace("<t>", "<x:t>").replace("</t>", "</x:t>")
    assert _read(_workbook(_sheet(prefixed, prefix="x:"), ["Ахметов", "Иванова"])) == EXPECTED


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_files_this_program_and_openpyxl_write_are_read(lang):
    records = journal_records() * 40
    ours = _read(write_records(Kind.JOURNAL, records, Format.XLSX, lang))
    assert len(ours) == 2 + len(records) and ours[2][1][2] == "Ахметов Серік Болатұлы"
    theirs = _read(workbook_bytes([["ФИО", "Дата рождения"], ["Ахметов Серік", dt.date(1950, 3, 4)],
                                   ["Ким Анна", 18629]]))
    assert theirs == [(1, ("ФИО", "Дата рождения")), (2, ("Ахметов Серік", dt.date(1950, 3, 4))),
                      (3, ("Ким Анна", 18629))]


@pytest.mark.parametrize("cut", [0.5, 0.9, 0.999])
def test_a_sheet_cut_short_is_refused(cut):
    sheet = _sheet(MIXED_ROWS * 50)
    data = _workbook(sheet[:int(len(sheet) * cut)], ["Ахметов", "Иванова"])
    with pytest.raises(ImportRefused), open_sheets(data) as tables:
        list(tables[0].rows)


@pytest.mark.parametrize("change", [
    ("<!--", "<?app note?><!--"),                     # a processing instruction between rows
    ("</row>", "</row >"),                            # an end tag with a space, as XML allows
    ('<row r="4">', '<row r = "4">'),                 # spaces around "="
])
def test_sheets_written_unusually_read_the_same(change):
    assert _read(_workbook(_sheet(MIXED_ROWS.replace(*change)), ["Ахметов", "Иванова"])) == EXPECTED


def test_a_date_in_the_default_cell_style_comes_as_its_serial_number_and_is_read_as_a_date():
    # calamine applies no format to a cell without "s", even when the default style shows dates;
    # the number is the date's serial, which the values reader takes as a date (docs 2.3)
    header = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    rows = header + '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>18629</v></c></row>'
    styles = f'<styleSheet xmlns="{MAIN}"><cellXfs count="1"><xf numFmtId="14"/></cellXfs></styleSheet>'
    data = _with_part(_workbook(_sheet(rows), ["ФИО", "Дата рождения", "Ахметов Серік"]), "xl/styles.xml",
                      styles.encode())
    assert _read(data)[1] == (2, ("Ахметов Серік", 18629))
    assert parse_date(18629) == dt.date(1951, 1, 1)


@pytest.mark.parametrize("sheet", [
    f'<worksheet xmlns="{MAIN}"><sheetViews>',                                  # cut before its rows
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c>',  # a row without its end
])
def test_a_sheet_cut_off_anywhere_is_refused(sheet):
    with pytest.raises(ImportRefused):
        read_records(_workbook(sheet, []), Kind.JOURNAL)


def test_a_sheet_without_cells_gives_no_rows():
    empty = _workbook(f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>', [])
    assert _read(empty) == []


@pytest.mark.parametrize("rows", [
    # the far corner of the sheet: a dense sheet of 17 billion cells (calamine would abort the program)
    '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>',
    '<row r="1"><c r="A1"><v>1</v></c></row><row r="1000000"><c r="Z1000000"><v>2</v></c></row>',
    # the same through cells without references, placed by their row
    '<row r="1"><c r="A1"><v>1</v></c></row><row r="900000"><c><v>1</v></c><c><v>1</v></c><c><v>1</v></c>'
    '<c><v>1</v></c><c><v>1</v></c></row>',
])
def test_a_sheet_spanning_too_many_cells_is_refused_before_it_is_read(rows):
    with pytest.raises(ImportRefused) as caught, open_sheets(_workbook(_sheet(rows), [])):
        pass
    assert "spans more than" in caught.value.message.msgid


def test_a_shared_string_count_beyond_the_limit_is_refused():
    data = _with_part(_workbook(_sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), ["a"]),
                      "xl/sharedStrings.xml", f'<sst xmlns="{MAIN}" uniqueCount="4000000000"><si><t>a</t></si>'
                      "</sst>".encode())
    with pytest.raises(ImportRefused), open_sheets(data):
        pass


@pytest.mark.parametrize("value", [Decimal("1.5"), float("nan"), float("inf"), object(), b"bytes"])
def test_the_writer_refuses_values_it_does_not_know(value):
    with pytest.raises(ExportFailed) as caught:
        write_xlsx(["a", "b"], [["x", value]], sheet="Лист")
    error = caught.value
    assert error.message.params["cell"] == "B2" and error.message.params["type"] == type(value).__name__
    assert "B2" in error.render("kk") and "B2" in error.render("ru")


def test_the_writer_keeps_the_types_it_knows():
    row = ["text", 3, 2.5, True, dt.date(2024, 3, 1), dt.datetime(2024, 3, 1, 9, 15), None]
    assert _read(write_xlsx(list("abcdefg"), [row], sheet="Лист"))[1] == (2, tuple(row))


@pytest.mark.parametrize("empty_rows", [1, 15, 40])
def test_a_table_below_empty_rows_is_found_and_its_rows_are_numbered_as_the_sheet_shows_them(empty_rows):
    # python-calamine yields the empty rows above a sheet's first filled row too (its issue 177), not the
    # empty columns left of it: counted twice, they moved every row number and hid a table below row 10
    rows = [[]] * empty_rows + [[None, "Статус", "Фамилия, имя, отчество", "Дата рождения"],
                                [None, "в очереди", "Ким Олег", "02.01.1941"],
                                [None, "в очереди", "Ли Антон", "31.02.1942"]]
    result = read_records(workbook_bytes(rows), Kind.JOURNAL, "low.xlsx", today=dt.date(2025, 1, 1))
    header = empty_rows + 1
    assert [(n, r.last_name) for n, r in zip(result.rows, result.records)] == [(header + 1, "Ким")]
    assert [(p.row, p.field) for p in result.problems] == [(header + 2, "birth_date")]


def test_a_cell_reference_of_four_letters_is_refused_not_a_crash():
    # found by the property test: a reference beyond XFD (and no other of two letters) made max() of nothing raise
    sheet = (f'<worksheet xmlns="{MAIN}"><sheetData><row r="9"><c r="A9"><v>1</v></c><c r="ZZZZ9"><v>2</v></c>'
             "</row></sheetData></worksheet>")
    with pytest.raises(ImportRefused):
        read_records(_workbook(sheet, []), Kind.JOURNAL)
