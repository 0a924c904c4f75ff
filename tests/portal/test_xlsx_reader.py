"""The XLSX reader's two ways through a sheet — the pattern for rows laid out as Excel writes them,
the XML parser for everything else — give the same cells; damage in either is refused."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from app.portal import Format, ImportRefused, Kind, write_records
from app.portal.xlsx import _Book, open_sheets
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
EXPECTED = [
    (1, ("Ахметов", dt.datetime(1951, 1, 1), 12.5)),
    (2, ("Ким & сыновья", None, 2)),
    (4, (None, "A < B", None, True)),
    (5, ("Иванова",)),
    (6, ("Иванова", 7)),
    (7, ("Ахметов",)),
    (9, ()),
    (10, (None, "#N/A", *[None] * 25, 3)),
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


def _both_ways(data: bytes) -> tuple[list, list]:
    book = _Book(zipfile.ZipFile(io.BytesIO(data)))
    path = book.sheets[0][1]
    return list(book.rows(path)), list(book._parsed_rows(book.open(path)))


def test_rows_of_every_layout_read_the_same_both_ways():
    matched, parsed = _both_ways(_workbook(_sheet(MIXED_ROWS), ["Ахметов", "Иванова"]))
    assert matched == EXPECTED
    assert parsed == EXPECTED


def test_a_sheet_with_prefixed_elements_is_parsed_as_xml():
    prefixed = MIXED_ROWS.replace("<row", "<x:row").replace("</row>", "</x:row>").replace("<c ", "<x:c ") \
        .replace("<c>", "<x:c>").replace("</c>", "</x:c>").replace("<v>", "<x:v>").replace("</v>", "</x:v>") \
        .replace("<f>", "<x:f>").replace("</f>", "</x:f>").replace("<is>", "<x:is>").replace("</is>", "</x:is>") \
        .replace("<t>", "<x:t>").replace("</t>", "</x:t>")
    matched, parsed = _both_ways(_workbook(_sheet(prefixed, prefix="x:"), ["Ахметов", "Иванова"]))
    assert matched == parsed == EXPECTED


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_files_this_program_and_openpyxl_write_read_the_same_both_ways(lang):
    ours = write_records(Kind.JOURNAL, journal_records() * 40, Format.XLSX, lang)
    theirs = workbook_bytes([["ФИО", "Дата рождения"], ["Ахметов Серік", dt.date(1950, 3, 4)], ["Ким Анна", 18629]])
    for data in (ours, theirs):
        matched, parsed = _both_ways(data)
        assert matched == parsed
        assert len(matched) > 2


@pytest.mark.parametrize("cut", [0.5, 0.9, 0.999])
def test_a_sheet_cut_short_is_refused(cut):
    sheet = _sheet(MIXED_ROWS * 50)
    data = _workbook(sheet[:int(len(sheet) * cut)], ["Ахметов", "Иванова"])
    with pytest.raises(ImportRefused), open_sheets(data) as tables:
        list(tables[0].rows)


@pytest.mark.parametrize("change", [
    ("<!--", "stray text <!--"),                      # text between rows (not valid, but well-formed)
    ("<!--", "<?app note?><!--"),                     # a processing instruction between rows
    ("</row>", "</row >"),                            # an end tag with a space, as XML allows
    ('<row r="4">', '<row r = "4">'),                 # spaces around "="
])
def test_sheets_the_pattern_does_not_follow_read_as_the_xml_parser_reads_them(change):
    sheet = _sheet(MIXED_ROWS.replace(*change))
    matched, parsed = _both_ways(_workbook(sheet, ["Ахметов", "Иванова"]))
    assert matched == parsed == EXPECTED


def test_a_sheet_in_another_encoding_is_read_as_declared():
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>Иванова</t></is></c><c r="B1" s="1"><v>18629</v></c></row>'
    sheet = _sheet(rows).replace('encoding="UTF-8"', 'encoding="windows-1251"').encode("cp1251")
    book = _Book(zipfile.ZipFile(io.BytesIO(_with_part(_workbook("", []), "xl/worksheets/sheet1.xml", sheet))))
    assert list(book.rows(book.sheets[0][1])) == [(1, ("Иванова", dt.datetime(1951, 1, 1)))]


def test_the_default_cell_style_may_show_dates():
    rows = '<row r="1"><c r="A1"><v>18629</v></c></row>'
    styles = f'<styleSheet xmlns="{MAIN}"><cellXfs count="1"><xf numFmtId="14"/></cellXfs></styleSheet>'
    data = _with_part(_workbook(_sheet(rows), []), "xl/styles.xml", styles.encode())
    matched, parsed = _both_ways(data)
    assert matched == parsed == [(1, (dt.datetime(1951, 1, 1),))]


@pytest.mark.parametrize("sheet", [
    f'<worksheet xmlns="{MAIN}"><sheetViews>',                                  # cut before its rows
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c>',  # a row without its end
])
def test_a_sheet_cut_off_anywhere_is_refused(sheet):
    with pytest.raises(ImportRefused), open_sheets(_workbook(sheet, [])) as tables:
        list(tables[0].rows)


def test_reading_can_stop_early_and_a_sheet_without_cells_gives_no_rows():
    with open_sheets(_workbook(_sheet(MIXED_ROWS * 2000), ["Ахметов", "Иванова"])) as tables:
        first = next(iter(tables[0].rows))
    assert first == EXPECTED[0]
    empty = _workbook(f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>', [])
    with open_sheets(empty) as tables:
        assert list(tables[0].rows) == []
