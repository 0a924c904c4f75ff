"""XLSX in and out.

Reading goes through openpyxl in read-only mode; whatever a damaged workbook makes
openpyxl, zipfile or the XML parser raise becomes :class:`ImportRefused`.

Writing is done here directly: one sheet, shared strings, a handful of styles, fixed
metadata and fixed zip timestamps, so that the same records give the same bytes.
(openpyxl writes 10,000 journal rows in about 4 s on the office PC class of machine and
stamps the current time into the file; this writer takes a tenth of that.)
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.datetime import to_excel

from app.i18n import M
from app.portal.errors import ImportRefused

MAX_COLUMNS = 256


@dataclass
class Table:
    """Rows of one sheet (or one CSV reading): ``(row number as the user sees it, cells)``."""

    name: str
    rows: Iterator[tuple[int, Sequence[Any]]]


def _damaged() -> ImportRefused:
    return ImportRefused(M("The Excel file is damaged or is not an Excel workbook; open it in Excel, "
                           "save it again as \"Excel Workbook (*.xlsx)\" and import that file."))


@contextmanager
def open_sheets(data: bytes) -> Iterator[list[Table]]:
    """The worksheets of a workbook, read lazily. Damage found while reading rows is
    reported as :class:`ImportRefused` too."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl, zipfile and the XML parser raise many types on damaged input
        raise _damaged() from exc
    try:
        yield [Table(sheet.title, _rows(sheet)) for sheet in book.worksheets]
    finally:
        try:
            book.close()
        except Exception:  # closing a damaged archive can fail too; nothing is left to release
            pass


def _rows(sheet: Any) -> Iterator[tuple[int, Sequence[Any]]]:
    # The stored dimension may be wrong (some programs write A1 or XFD1048576): read what is there.
    try:
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
    except Exception as exc:
        raise _damaged() from exc
    number = 0
    while True:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cells = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # a damaged sheet part shows up only while it is read
            raise _damaged() from exc
        number += 1
        yield number, cells[:MAX_COLUMNS]


# --- writing ----------------------------------------------------------------------------------------

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_FIXED_ISO = "1980-01-01T00:00:00Z"
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# cellXfs: 0 default, 1 title, 2 header, 3 numbers row, 4 text, 5 date, 6 date and time, 7 number
_TITLE, _HEADER, _NUMBERS, _TEXT, _DATE, _DATETIME, _NUMBER = range(1, 8)
_STYLES = _XML + f'''<styleSheet xmlns="{_MAIN}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/><numFmt numFmtId="165" formatCode="dd\\.mm\\.yyyy\\ hh:mm"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center"/></xf>
<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>'''
_CONTENT_TYPES = _XML + '''<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>'''
_ROOT_RELS = _XML + f'''<Relationships xmlns="{_PKG_REL}">
<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>
</Relationships>'''
_BOOK_RELS = _XML + f'''<Relationships xmlns="{_PKG_REL}">
<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>'''
_CORE = _XML + f'''<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:creator>Qamqor</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">{_FIXED_ISO}</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">{_FIXED_ISO}</dcterms:modified>
</cp:coreProperties>'''
_APP = _XML + ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
               '<Application>Qamqor</Application></Properties>')


def _text(value: str) -> str:
    return escape(_ILLEGAL.sub("", value)[:32767])


def write_xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str,
               widths: Sequence[float] = (), titles: Sequence[str] = (), numbered: bool = False) -> bytes:
    """One sheet: optional title lines, the header (bold, wrapped, framed), optionally the
    row of column numbers 1…n (as the printed forms have), then the rows. Cells may be
    text, numbers, booleans, dates and datetimes. The bytes depend on the input only."""
    strings: dict[str, int] = {}
    letters = [get_column_letter(i) for i in range(1, max(len(header), 1) + 1)]

    def cell(ref: str, value: Any, style: int) -> str:
        if value is None or value == "":
            return f'<c r="{ref}" s="{style}"/>' if style != _TITLE else ""
        if isinstance(value, str):
            index = strings.setdefault(_text(value), len(strings))
            return f'<c r="{ref}" s="{style}" t="s"><v>{index}</v></c>'
        if isinstance(value, bool):
            return f'<c r="{ref}" s="{style}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, dt.datetime):
            return f'<c r="{ref}" s="{_DATETIME}"><v>{to_excel(value)!r}</v></c>'
        if isinstance(value, dt.date):
            return f'<c r="{ref}" s="{_DATE}"><v>{int(to_excel(value))}</v></c>'
        return f'<c r="{ref}" s="{_NUMBER if style == _TEXT else style}"><v>{value!r}</v></c>'

    lines: list[str] = []
    number = 0

    def add(values: Sequence[Any], style: int, height: float | None = None) -> None:
        nonlocal number
        number += 1
        ht = f' ht="{height}" customHeight="1"' if height else ""
        body = "".join(cell(f"{letters[i]}{number}", v, style) for i, v in enumerate(values) if i < len(letters))
        lines.append(f'<row r="{number}"{ht}>{body}</row>')

    for title in titles:
        add([title], _TITLE)
    lines_needed = (-(-len(h) // max(int(w) - 2, 4)) for h, w in zip(header, [*widths, *[14] * len(header)]))
    add(header, _HEADER, 15 * min(8, max(2, *lines_needed)))
    if numbered:
        add(list(range(1, len(header) + 1)), _NUMBERS)
    head_rows = number
    for values in rows:
        add(values, _TEXT)

    last = f"{letters[-1]}{number}"
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1))
    sheet_xml = (
        f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{last}"/><sheetViews><sheetView workbookViewId="0">'
        f'<pane ySplit="{head_rows}" topLeftCell="A{head_rows + 1}" activePane="bottomLeft" state="frozen"/>'
        f'</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{cols}</cols>" if cols else "")
        + "<sheetData>" + "".join(lines) + "</sheetData>"
        '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>'
    )
    name = re.sub(r"[\[\]:*?/\\]", " ", sheet).strip()[:31] or "Sheet1"
    header_first = len(titles) + 1
    book_xml = (
        f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="1" r:id="rId1"/></sheets>'
        f'<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'
        f'{escape(quote_sheetname(name))}!${header_first}:${head_rows}</definedName></definedNames></workbook>'
    )
    shared = (f'{_XML}<sst xmlns="{_MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">'
              + "".join(f'<si><t xml:space="preserve">{s}</t></si>' for s in strings) + "</sst>")
    parts = (
        ("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _ROOT_RELS), ("docProps/app.xml", _APP),
        ("docProps/core.xml", _CORE), ("xl/workbook.xml", book_xml), ("xl/_rels/workbook.xml.rels", _BOOK_RELS),
        ("xl/styles.xml", _STYLES), ("xl/sharedStrings.xml", shared), ("xl/worksheets/sheet1.xml", sheet_xml),
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for part, text in parts:
            info = zipfile.ZipInfo(part, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o600 << 16
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()
