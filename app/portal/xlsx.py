"""Workbooks in (.xlsx, .xls, .ods, through python-calamine) and XLSX out (written here).

Reading: python-calamine (Rust) reads a 10,000-row journal several times faster than the
hand-written reader this module used to hold and than openpyxl, and it also reads Excel
97–2003 ``.xls`` and LibreOffice ``.ods``. Calamine loads a whole sheet at once and trusts
what the file says about itself (a shared-string count, the far corner of the sheet), and
a tiny hostile file can make it ask for hundreds of gigabytes — an allocation failure
aborts the whole program. So before calamine sees a file, :func:`check_workbook` bounds it:
every zip member is unpacked once here (sizes checked against what the archive declares,
the total and each part limited), the sheet's far corner is read from its cell references
and the cells it spans are limited, and a text run longer than a spreadsheet cell can hold
is refused. Cells merged down several rows fill every row they cover: calamine reports the merged
areas of .xlsx and .xls; those of an .ods (which calamine does not report) are found here in
``content.xml`` — by the same kind of bounded search over bytes as the checks, never an XML parser
(no DTD, no entities), only in a file calamine has read and only when a cell says it spans rows —
and filled the same way. A cell whose format shows a date and a time and whose value is a whole day is
that day at 00:00 (calamine gives it as a date): ``app.portal.midnight`` finds such cells in the same bytes.

Writing: one sheet, shared strings, a handful of styles, fixed metadata and zip timestamps,
so that the same records give the same bytes — 3.5 times faster than xlsxwriter. Values
of a type it does not know are refused, never written as their ``repr()``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import re
import struct
import zipfile
import zlib
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, NamedTuple, cast
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.datetime import to_excel
from python_calamine import CalamineWorkbook, SheetTypeEnum

from app.i18n import N_, M, Message, Number
from app.portal.errors import ExportFailed, ImportRefused
from app.portal.midnight import (
    Midnights,
    column_index,
    xls_midnights,
    xlsx_midnights,
    xlsx_sheet_parts,
    xlsx_time_styles,
)
from app.portal.quoting import QUOTE, csv_unsafe, sheet_safe

# Limits (docs/portal-exchange.md, "Limits"): what a workbook of 100,000 journal rows needs, with room.
MAX_UNPACKED = 200 << 20     # all parts of a workbook together, unpacked
MAX_PART = 120 << 20         # one part (a sheet, the shared strings), unpacked
#: the same for an .ods: LibreOffice writes each cell's type twice and its text in a paragraph of its own, so the
#: program's 100,000-row journal re-saved as .ods unpacks to 170 MB in one part (as .xlsx: 58 MB in all): it was
#: refused by the limits above
MAX_ODS_UNPACKED = 320 << 20
MAX_ODS_PART = 256 << 20
MAX_CELLS = 4_000_000        # the cells a sheet spans, from its first row and column to its last
MAX_TEXT_BYTES = 4 * 32767   # a run of text between two tags: Excel's cell limit, 4 bytes a character
MAX_POSITIONAL_PART = 8 << 20  # a sheet whose cells do not all say where they are is followed here, slowly
MAX_TAGS = 10_000_000        # XML elements in a sheet: a 100,000-row journal has 4–9 million
MAX_ROWS = 100_000           # rows of data in one file (the same for every format)
MAX_ODS_MERGED = 500_000     # merged cells of an .ods sheet looked at for filling down (the rest are not filled)
ROWS_ABOVE = 22              # title lines, the header and the numbers row that may stand above the data
BLANK_RUN = 1000             # after this many blank rows in a row, the rest of a sheet is not read


def too_many_rows(row: int | None, name: str | None) -> ImportRefused:
    """``row``: the first row of data beyond :data:`MAX_ROWS`; None when the rows were counted before the header
    was found (:func:`count_rows`), so that which row is the first too many is not known."""
    if row is None:
        return ImportRefused(M("The file {name} has more than {count} rows of data. Split it into files of at most "
                               "{count} rows and import them one by one.", count=Number(MAX_ROWS), name=name or "—"))
    return ImportRefused(M("The file {name} has more than {count} rows of data (row {row} is one too many). Split it "
                           "into files of at most {count} rows and import them one by one.",
                           count=Number(MAX_ROWS), row=row, name=name or "—"))


def count_rows(rows: Iterable[Sequence[Any]], name: str | None) -> None:
    """Refuse, before anything is validated, rows that hold more than :data:`MAX_ROWS` rows of data
    besides :data:`ROWS_ABOVE` lines above them (blank rows do not count; a run of :data:`BLANK_RUN`
    ends the table, as when it is read)."""
    filled = blank = 0
    for cells in rows:
        if any(c is not None and c != "" and not (c.__class__ is str and c.isspace()) for c in cells):
            filled, blank = filled + 1, 0
            if filled > MAX_ROWS + ROWS_ABOVE:  # titles and a header may be among them: the row is not told
                raise too_many_rows(None, name)
        else:
            blank += 1
            if blank >= BLANK_RUN:
                return


@dataclass
class Table:
    """Rows of one sheet (or one CSV reading): ``(row number as the user sees it, cells)``."""

    name: str
    rows: Iterator[tuple[int, Sequence[Any]]]


class WorkbookKind:
    XLSX, XLS, ODS = "xlsx", "xls", "ods"


_DAMAGED = {
    WorkbookKind.XLSX: N_("The file {name} is damaged or is not an Excel workbook. If it was downloaded or copied, "
                          "download or copy it again (a file cut short cannot be opened); otherwise open it in "
                          "Excel, save it again as \"Excel Workbook (*.xlsx)\" and import that file."),
    WorkbookKind.XLS: N_("The Excel 97–2003 file {name} is damaged. If it was downloaded or copied, download or copy "
                         "it again (a file cut short cannot be opened); otherwise open it in Excel or LibreOffice, "
                         "save it as \"Excel Workbook (*.xlsx)\" and import that file."),
    WorkbookKind.ODS: N_("The OpenDocument spreadsheet {name} is damaged. If it was downloaded or copied, download or "
                         "copy it again (a file cut short cannot be opened); otherwise open it in LibreOffice, save "
                         "it again and import that file."),
}


def damaged(kind: str = WorkbookKind.XLSX) -> ImportRefused:
    """The refusal of a damaged workbook; :func:`open_sheets` puts the file's name in."""
    return ImportRefused(Message(_DAMAGED[kind], {"name": "—"}))


def _named(error: ImportRefused, name: str | None) -> ImportRefused:
    if name and error.message.params.get("name") == "—":
        error.message.params["name"] = name
    return error


def _unpacked_limits(kind: str) -> tuple[int, int]:
    """(all parts, one part) a workbook of ``kind`` may unpack to."""
    return (MAX_ODS_UNPACKED, MAX_ODS_PART) if kind == WorkbookKind.ODS else (MAX_UNPACKED, MAX_PART)


def too_big_unpacked(kind: str) -> ImportRefused:
    return ImportRefused(M("The workbook {name} unpacks to more than {size} MB, more than 100,000 rows of the journal "
                           "need; it is damaged or holds something else. Save only the table in a new workbook, "
                           "or split it into smaller files.", size=_unpacked_limits(kind)[0] >> 20, name="—"))


def _too_many_cells() -> ImportRefused:
    return ImportRefused(M("A sheet of the workbook {name} spans more than {count} cells (counted from its first to its "
                           "last filled row and column). Delete the rows and columns below and right of the table "
                           "(or copy the table alone into a new workbook) and import again.", count=Number(MAX_CELLS), name="—"))


def _huge_text() -> ImportRefused:
    return ImportRefused(M("A cell of the workbook {name} holds more than 32,767 characters, more than a spreadsheet "
                           "cell can hold: the file is damaged or was not made by a spreadsheet program. Export "
                           "the table again.", name="—"))


# --- the checks made before calamine reads a file ----------------------------------------------------

def workbook_kind(data: bytes) -> str:
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return WorkbookKind.XLS
    head = data[:200]
    return WorkbookKind.ODS if b"mimetypeapplication/vnd.oasis.opendocument" in head else WorkbookKind.XLSX


_LOCAL_HEADER = struct.Struct("<4s5HL2L2H")


def _unpacked_parts(data: bytes, kind: str) -> Iterator[tuple[str, bytes]]:
    """Every member of the zip unpacked here, each checked to unpack to exactly the size the archive
    declares (with its checksum), the whole limited to :data:`MAX_UNPACKED` and each part to
    :data:`MAX_PART` (an .ods: :data:`MAX_ODS_UNPACKED`, :data:`MAX_ODS_PART`) — so that calamine, which trusts the
    archive, reads only what was checked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:  # zipfile raises several types on damaged archives
        raise damaged(kind) from exc
    whole, part = _unpacked_limits(kind)
    if sum(i.file_size for i in infos) > whole or any(i.file_size > part for i in infos):
        raise too_big_unpacked(kind)
    # the workbook's list of sheets and its styles first: the sheets after them are read with their formats
    for info in sorted(infos, key=lambda i: not i.filename.lower().endswith(_FIRST_PARTS)):
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise damaged(kind)  # encrypted, or packed in a way spreadsheet programs do not use
        header = data[info.header_offset:info.header_offset + _LOCAL_HEADER.size]
        if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise damaged(kind)
        fields = _LOCAL_HEADER.unpack(header)
        start = info.header_offset + _LOCAL_HEADER.size + fields[-2] + fields[-1]
        raw = data[start:start + info.compress_size]
        if len(raw) < info.compress_size:
            raise damaged(kind)
        body = raw if info.compress_type == zipfile.ZIP_STORED else _inflated(raw, info.file_size, kind)
        if len(body) != info.file_size or zlib.crc32(body) != info.CRC:
            raise damaged(kind)
        yield info.filename, cast(bytes, body)  # a bytearray is searched, counted and sliced as bytes are


#: a part is inflated this much at a time into its buffer (:func:`_inflated`)
_INFLATE_STEP = 1 << 20


def _inflated(raw: bytes, size: int, kind: str) -> bytearray:
    """``raw`` inflated a megabyte at a time into a buffer that grows as it fills (the size the archive declares is
    not trusted for it: a file lying about it is given no more than it holds); more than declared, or cut short:
    damaged. Inflated at once, the part was held twice at its end (Python's zlib joins the pieces it inflates into):
    340 MB for the 170 MB content.xml of a 100,000-row journal saved as .ods (issue 11 point 6)."""
    body = bytearray()
    inflater = zlib.decompressobj(-15)
    try:
        piece = inflater.decompress(raw, _INFLATE_STEP)
        while piece:
            if len(body) + len(piece) > size:
                raise damaged(kind)  # more than declared
            body += piece
            piece = inflater.decompress(inflater.unconsumed_tail, _INFLATE_STEP)
    except zlib.error as exc:
        raise damaged(kind) from exc
    if len(body) != size or not inflater.eof:
        raise damaged(kind)  # cut short
    return body


_TEXT_RUN = re.compile(rb">[^<]{%d}" % MAX_TEXT_BYTES)
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
# a cell element ("<c" and a space, ">", "/" or a line break) that does not begin with its reference
_UNREFERENCED_CELL = re.compile(rb"""<c(?:[>/\t\n\r]| (?!r=["']))""")
_WIDE_REF = re.compile(rb"""<c r=["'][A-Z]{2}""")
_WIDE_LETTERS = re.compile(rb"""<c r=["']([A-Z]{2,})\d""")  # four letters or more: beyond XFD, refused
_CELL_ROWS = {n: re.compile(rb"""<c r=["'][A-Z]{1,3}(\d{%d})["']""" % n) for n in range(1, 8)}
_LONG_ROW = {n: re.compile(rb"""<c r=["'][A-Z]{1,3}\d{%d}""" % n) for n in (6, 8)}
_UNIQUE_COUNT = re.compile(rb"""<(?:\w+:)?sst\b[^>]*?\suniqueCount\s*=\s*["'](\d+)""")


def _sheet_extent(part: bytes) -> tuple[int, int]:
    """(rows, columns) a sheet spans as calamine will lay it out — up to its farthest cell — or a bound
    of it above :data:`MAX_CELLS` only when the sheet is beyond it. Read from the cells' references by
    searching: a sheet whose columns are single letters and rows under 100,000 is within the limit
    without a look at each cell; only references past those are collected."""
    if _PREFIXED_CELL.search(part) or _UNREFERENCED_CELL.search(part):
        return _positional_extent(part)
    # a reference of eight digits or more also has six: both are looked for from the first of six on
    long_row = _LONG_ROW[6].search(part)
    if long_row and _LONG_ROW[8].search(part, long_row.start()):
        return 100_000_000, 1
    columns = 26
    if _WIDE_REF.search(part):
        columns = max((column_index(x) + 1 for x in set(_WIDE_LETTERS.findall(part))), default=columns)
    rows = 99_999
    if long_row:
        start = long_row.start()
        rows = max(map(int, _CELL_ROWS[7].findall(part, start) or _CELL_ROWS[6].findall(part, start)))
    elif rows * columns > MAX_CELLS:  # a wide sheet: its rows counted exactly
        rows = next((max(map(int, found)) for n in range(5, 0, -1) if (found := _CELL_ROWS[n].findall(part))), 0)
    return rows, columns


_TAG = re.compile(rb"""<(/?)(?:[^\s<>/!?=:]*:)?(row|c)(?=[\s/>])((?:\s+[^\s=<>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>""")
_ANY_TAG = re.compile(rb"</?(?:[^\s<>/!?=:]*:)?(?:row|c)[\s/>]")
_R = re.compile(rb"""\sr\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(rb"([A-Z]{0,3})(\d{1,7})")


def _positional_extent(part: bytes) -> tuple[int, int]:
    """The extent of a sheet whose cells do not all carry their reference: calamine's walk
    (a row's ``r`` sets the row, a row's end moves to the next, a cell without ``r`` takes the
    next column) followed tag by tag. Slow, so only for parts of a few megabytes."""
    if len(part) > MAX_POSITIONAL_PART:
        raise ImportRefused(M("A sheet of the workbook {name} is laid out in a way this program reads only when it is "
                              "small. Open it in Excel or LibreOffice, save it as \"Excel Workbook (*.xlsx)\" and "
                              "import that file.", name="—"))
    if len(_ANY_TAG.findall(part)) != len(_TAG.findall(part)):
        raise damaged()
    row = col = 0
    rows = columns = 0
    for end, name, attributes, empty in _TAG.findall(part):
        if empty:
            continue  # calamine passes over empty elements
        if end:
            if name == b"row":
                row, col = row + 1, 0
            continue
        found = _R.search(attributes)
        value = (found.group(1) or found.group(2) or b"") if found else None
        if value is not None and b"&" not in value:
            ref = _REF.fullmatch(value.strip())
            if ref is None or (name == b"c") != bool(ref.group(1)):
                raise damaged()
            if name == b"row":
                row = int(ref.group(2)) - 1
                continue
            row, col = int(ref.group(2)) - 1, column_index(ref.group(1))
        elif name == b"row":
            continue
        rows, columns = max(rows, row + 1), max(columns, col + 1)
        col += 1
    return rows, columns


_FIRST_PARTS = ("workbook.xml", "workbook.xml.rels", "styles.xml")


def _check_zip(data: bytes, kind: str) -> tuple[bytes | None, dict[int, Midnights]]:
    """Check every part; the ``content.xml`` of an .ods whose cells span rows or show a time at 00:00 (for
    :func:`_ods_merges` and :func:`_ods_midnights`), and the cells of an .xlsx holding a date and time of 00:00
    by sheet (``app.portal.midnight``)."""
    spanning = None
    time_styles: frozenset[int] = frozenset()
    workbook = relations = b""
    midnights: dict[str, Midnights] = {}
    for name, body in _unpacked_parts(data, kind):
        lower = name.lower()
        if kind == WorkbookKind.XLSX and lower == "xl/_rels/workbook.xml.rels":
            relations = body
        if not lower.endswith(".xml"):
            continue
        if _TEXT_RUN.search(body):
            raise _huge_text()
        if ("worksheets/" in lower or lower.endswith("content.xml")) and body.count(b"<") > MAX_TAGS:
            raise ImportRefused(M("A sheet of the workbook {name} is larger than 100,000 rows of the journal need: it "
                                  "holds more than {count} million cells and rows, most of them probably empty. Copy "
                                  "the table alone into a new workbook (or split it) and import again.",
                                  count=MAX_TAGS // 1_000_000, name="—"))
        if kind == WorkbookKind.XLSX and "worksheets/" in lower:
            rows, columns = _sheet_extent(body)
            if rows * columns > MAX_CELLS or rows > 1_048_576 or columns > 16_384:
                raise _too_many_cells()
            if found := xlsx_midnights(body, time_styles):
                midnights[name] = found
        elif kind == WorkbookKind.XLSX and lower == "xl/styles.xml":
            time_styles = xlsx_time_styles(body)
        elif kind == WorkbookKind.XLSX and lower == "xl/workbook.xml":
            workbook = body
        elif kind == WorkbookKind.XLSX and lower.endswith("sharedstrings.xml"):
            count = _UNIQUE_COUNT.search(body[:4096])
            if count is not None and int(count.group(1)) > MAX_CELLS:
                raise _too_many_cells()
        elif kind == WorkbookKind.ODS and lower.endswith("content.xml"):
            _check_ods_content(body)
            if lower == "content.xml" and (_ODS_SPANNED in body or _ODS_MIDNIGHT.search(body)):
                spanning = body
    if not midnights:
        return spanning, {}
    return spanning, {index: midnights[part] for index, part in enumerate(xlsx_sheet_parts(workbook, relations))
                      if part in midnights}


_REPEATED = re.compile(rb"""number-(rows|columns)-repeated\s*=\s*["'](\d+)["']""")
_ODS_VALUE = re.compile(rb"office:value-type|<text:p\b[^>/]*>")


def _check_ods_content(body: bytes) -> None:
    """Calamine lays out repeated rows and cells of an .ods (``number-rows-repeated``,
    ``number-columns-repeated``) one by one, up to 100 million cells. LibreOffice repeats the
    empty rows and cells to the sheet's end; repeats that hold a value (one closely follows
    them) are bounded here: the rows they add times the widest of them."""
    rows = columns = 0
    for match in _REPEATED.finditer(body):
        if len(match.group(2)) > 7:  # more digits than a sheet has rows (and than int() takes past 4,300)
            raise _too_many_cells()
        count = int(match.group(2))
        if count > 1_048_576:
            raise _too_many_cells()
        if _ODS_VALUE.search(body, match.end(), match.end() + 512) is None:
            continue
        if match.group(1) == b"rows":
            rows += count
        else:
            columns = max(columns, count)
    if rows * max(columns, 1) > MAX_CELLS:
        raise _too_many_cells()
    _check_ods_extent(body)


_ODS_COLUMN_REPEATS = re.compile(rb"""table:number-columns-repeated\s*=\s*["'](\d{1,7})["']""")  # a literal first: fast


def _check_ods_extent(body: bytes) -> None:
    """The cells calamine lays out for a sheet of an .ods: its rows from the first to the last holding a
    value (repeated rows as often as repeated, the empty ones between included) times the farthest column
    a value reaches (the cells before it counted, repeated ones as often as repeated) — a few thousand
    one-cell rows and one value far right would make it ask for gigabytes. Followed from value to value by
    searching (a cell holds a value only through an ``office:`` attribute); a sheet with more rows holding
    values than a file may have is refused here too."""
    ends = [m.start() for m in re.finditer(rb"</table:table>", body)]
    rows_repeated = b"table:number-rows-repeated"
    sheet, pos, row, first, last, width, filled = 0, 0, 0, -1, -1, 0, 0

    def check() -> None:
        if first >= 0 and (last - first + 1) * width > MAX_CELLS:
            raise _too_many_cells()

    while True:
        value = body.find(b"office:", pos)
        if value < 0:
            break
        while sheet < len(ends) and ends[sheet] < value:  # a sheet ended before this value: the next begins
            check()
            pos, row, first, last, width, filled, sheet = ends[sheet], 0, -1, -1, 0, 0, sheet + 1
        opened = body.rfind(b"<table:table-row", pos, value)
        while opened >= 0 and body[opened + 16:opened + 17] not in b" \t\r\n/>":  # table-rows, table-row-group
            opened = body.rfind(b"<table:table-row", pos, opened)
        head_end = body.find(b">", opened) if opened >= 0 else -1
        if opened < 0 or head_end < 0 or head_end > value:
            pos = value + 7  # not in a row's cells (the document's own attributes, a sheet's settings)
            continue
        if body.find(b"<table:table-row", pos, opened) >= 0:  # the rows begun since the last row with a value
            row += _ods_count(body, pos, opened, b"<table:table-row", (b"<table:table-rows", b"<table:table-row-group"),
                              rows_repeated)
        repeated = _ods_number(body[opened:head_end], rows_repeated) \
            if body.find(rows_repeated, opened, head_end) >= 0 else 1
        closing = body.find(b"</table:table-row>", value)
        end = closing if closing >= 0 else len(body)
        last_value = body.rfind(b"office:", value, end)
        cell_end = body.find(b">", last_value, end)
        cell_end = end if cell_end < 0 else cell_end
        reach = body.count(b"<table:table-cell", head_end, cell_end) \
            + body.count(b"<table:covered-table-cell", head_end, cell_end)
        if body.find(b"table:number-columns-repeated", head_end, cell_end) >= 0:
            repeats = _ODS_COLUMN_REPEATS.findall(body, head_end, cell_end)
            reach += sum(map(int, repeats)) - len(repeats)
        width = max(width, reach)
        first = row if first < 0 else first
        last, filled = row + repeated - 1, filled + repeated
        if filled > MAX_ROWS + ROWS_ABOVE:  # counted before the header is found: the row is not told
            raise too_many_rows(None, None)
        row += repeated
        pos = end
    check()


def check_workbook(data: bytes) -> str:
    """Refuse a workbook that would make calamine unpack, allocate or work beyond the limits; its kind."""
    return _checked(data).kind


class Checked(NamedTuple):
    """A workbook that passed the checks: its kind, the ``content.xml`` of an .ods to search once calamine has
    read it (cells that span rows, or show a time at 00:00), and the cells of an .xlsx or .xls holding a date and
    time of 00:00, by sheet index."""

    kind: str
    ods_content: bytes | None
    midnights: dict[int, Midnights]


#: the digest and what was found of the last workbook that passed the checks without an .ods content to search:
#: a workbook is often opened twice in a row (an institution's register is inspected, then read), and the
#: checks of a 100,000-row sheet take a third of a second
_last_checked: tuple[bytes, Checked] | None = None


def _checked(data: bytes) -> Checked:
    """:func:`check_workbook`, and what :func:`open_sheets` needs of what the checks found."""
    global _last_checked
    digest = hashlib.sha256(data).digest()
    last = _last_checked
    if last is not None and last[0] == digest:
        return last[1]
    kind = workbook_kind(data)
    if kind == WorkbookKind.XLS:
        checked = Checked(kind, None, _check_xls(data))
    else:
        checked = Checked(kind, *_check_zip(data, kind))
    if checked.ods_content is None:
        _last_checked = (digest, checked)
    return checked


# --- the merged cells of an .ods ---------------------------------------------------------------------
# calamine reads content.xml with names as written (``table:table-row``, not a namespace), so these do too

_ODS_SPANNED = b"table:number-rows-spanned"
_ATTRIBUTES = rb"""((?:\s+[^\s=<>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>"""
_ODS_TABLE = re.compile(rb"<(/?)table:table(?=[\s/>])" + _ATTRIBUTES)
_ODS_ROW = re.compile(rb"<table:table-row(?=[\s/>])" + _ATTRIBUTES)
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell(?=[\s/>])" + _ATTRIBUTES)
_ODS_NAMED = re.compile(rb"\stable:name\s*=")
_ODS_NUMBERS = {name: re.compile(rb"""%s\s*=\s*(?:"(\d{1,7})"|'(\d{1,7})')""" % name)
                for name in (b"table:number-rows-repeated", b"table:number-columns-repeated",
                             b"table:number-rows-spanned")}


def _ods_number(attributes: bytes, name: bytes) -> int:
    """An attribute's whole number, 1 when absent (or not plain digits, which calamine refuses where it counts;
    a repeat of more than 7 digits is refused before calamine reads the file)."""
    found = _ODS_NUMBERS[name].search(attributes)
    return int(found.group(1) or found.group(2)) if found else 1


_DECLARATION = re.compile(rb"[\xef\xbb\xbf \t\r\n]*<\?xml")


def _ods_tables(content: bytes) -> Iterator[tuple[int, int, int]]:
    """(index, start, end) of the body of each sheet of an .ods content.xml, by the sheet's index (none when the
    content cannot be searched so: comments, CDATA or processing instructions, or a table in a table)."""
    declaration = _DECLARATION.match(content) is not None  # searched: a part read as a bytearray is not copied
    if b"<!" in content or content.count(b"<?") > declaration:
        return
    found: list[tuple[int, int, int]] = []
    index, start = -1, None
    for tag in _ODS_TABLE.finditer(content):
        closing, attributes, empty = tag.group(1, 2, 3)
        if not closing:
            if start is not None:
                return  # a table in a table
            if _ODS_NAMED.search(attributes):  # calamine passes over a table without a name
                index += 1
                if not empty:
                    start = tag.end()
        elif start is not None:
            found.append((index, start, tag.start()))
            start = None
    yield from found


def _ods_merges(content: bytes) -> dict[int, array]:
    """The areas merged down rows in each sheet of an .ods, by the sheet's index: ``(top, left, bottom)``
    (0-based, counted as calamine lays the sheet out — each row and cell as many times as it is repeated,
    covered cells included), in one flat array, top to bottom.

    Read by searching, not parsing: only from a cell that spans rows back to the last one, counting the
    rows and the cells between (:func:`_ods_cells`). Counting is exact in XML without comments, CDATA sections
    and processing instructions, which LibreOffice does not write in content.xml; in one that has them, or a
    sheet inside a cell (not a spreadsheet's), nothing is filled."""
    sheets: dict[int, array] = {}
    for index, start, end in _ods_tables(content):
        if content.find(_ODS_SPANNED, start, end) < 0:
            continue
        def find(at: int, end: int = end) -> int:
            return content.find(_ODS_SPANNED, at, end)

        merges = array("q")
        for row, column, attributes, _rows in _ods_cells(content, start, end, find):
            spanned = _ods_number(attributes, b"table:number-rows-spanned")
            if spanned > 1:
                merges.extend((row, column, row + spanned - 1))
        sheets[index] = merges
    return sheets


#: a cell of an .ods whose value is a whole day and whose text shows a time ("02.03.2026 00:00"): LibreOffice
#: writes an application received at 00:00 as ``office:date-value="2026-03-02"``, which calamine gives as a date
#: (its text — after a comment on the cell, if any; spaces perhaps written as ``<text:s/>`` — ends in the time 00:00,
#: or 12:00 AM; a tag and its text are searched within a bounded length, so that such words in a cell's text cost
#: no more than one cell)
_ODS_MIDNIGHT = re.compile(
    rb"""office:date-value\s*=\s*["']\d{4}-\d\d-\d\d(?:T00:00(?::00(?:\.0+)?)?)?["']"""
    rb"""(?:(?!office:date-value)[^<>]){0,300}>\s*"""  # (each search stops where the next could begin: linear)
    rb"""(?:<office:annotation\b(?:(?!</office:annotation>|office:date-value)[\s\S]){0,4000}</office:annotation>\s*)?"""
    rb"""<text:p\b[^<>]{0,200}>(?:[^<]|<text:s\b[^<>]{0,50}/>){0,100}?(?<!\d)(?:0?0|12):00(?::00)?"""
    rb"""(?:\s*[AaPp][Mm])?\s*</text:p>""")


def _ods_midnights(content: bytes) -> dict[int, Midnights]:
    """The cells of each sheet of an .ods that show a date and a time of 00:00 (see :data:`_ODS_MIDNIGHT`), found
    and counted as :func:`_ods_merges` finds its cells."""
    sheets: dict[int, Midnights] = {}
    budget = MAX_ODS_MERGED  # cells, over all the sheets: the rest are not looked at (and read as dates)
    for index, start, end in _ods_tables(content):
        def find(at: int, end: int = end) -> int:
            found = _ODS_MIDNIGHT.search(content, at, end)
            return -1 if found is None else found.start()

        cells: dict[int, set[int]] = {}
        for row, column, attributes, rows in _ods_cells(content, start, end, find):
            # a cell repeated across columns, in a row repeated down: each place it takes, as far as a table of
            # the program's files reaches (a million repeated columns would be a million places)
            columns = range(column, column + min(_ods_number(attributes, b"table:number-columns-repeated"), 64))
            for r in range(row, row + min(rows, 64)):
                cells.setdefault(r, set()).update(columns)
            budget -= len(columns) * min(rows, 64)
            if budget <= 0:
                break
        if cells:
            sheets[index] = {row: frozenset(columns) for row, columns in cells.items()}
        if budget <= 0:
            break
    return sheets


def _ods_count(content: bytes, start: int, end: int, element: bytes, others: tuple[bytes, ...], repeated: bytes) -> int:
    """The rows (or cells) the elements begun between ``start`` and ``end`` take, a repeated one as often as
    repeated: counted, not followed (``others``: the longer names that begin like ``element``)."""
    count = content.count(element, start, end) - sum(content.count(other, start, end) for other in others)
    if content.find(repeated, start, end) >= 0:
        count += sum(int(a or b) - 1 for a, b in _ODS_NUMBERS[repeated].findall(content, start, end))
    return count


def _ods_cells(content: bytes, start: int, end: int,
               find: Callable[[int], int]) -> Iterator[tuple[int, int, bytes, int]]:
    """The cells of the sheet between ``start`` and ``end`` of content.xml whose start tag holds what ``find``
    finds (``find(at)``: its next place from ``at``, -1 when there is none): ``(row, column, its start tag, the
    times its row is repeated)``, 0-based as calamine lays the sheet out. From each such cell back to the last one,
    the rows begun and the cells before it are counted (at most :data:`MAX_ODS_MERGED` cells): each part of the
    content is counted once."""
    row, next_row, rows_from, cells_from, column, repeated = -1, 0, start, start, 0, 1
    at = find(start)
    for _ in range(MAX_ODS_MERGED):
        if at < 0:
            break
        tag, tag_end = content.rfind(b"<", cells_from, at), content.find(b">", at, end)
        if tag < 0 or tag_end < 0 or not content.startswith((b"<table:table-cell", b"<table:covered-table-cell"), tag):
            at = find(at + 1)  # not said by a cell: calamine reads it nowhere else
            continue
        # the last row begun before the cell: after the last cell counted (no row begins between that cell's row
        # and the cell), so that a row of many such cells is not searched back to its beginning for each
        opened = content.rfind(b"<table:table-row", cells_from, tag)
        while opened >= 0 and content[opened + 16:opened + 17] not in b" \t\r\n/>":
            opened = content.rfind(b"<table:table-row", cells_from, opened)  # table-rows, table-row-group
        if opened >= 0:
            found = _ODS_ROW.match(content, opened)
            if found is None:
                at = find(tag_end)
                continue
            row = next_row + _ods_count(content, rows_from, opened, b"<table:table-row",
                                        (b"<table:table-rows", b"<table:table-row-group"),
                                        b"table:number-rows-repeated")
            repeated = _ods_number(found.group(1), b"table:number-rows-repeated")
            next_row = row + repeated
            rows_from = cells_from = found.end()
            column = 0
        column += _ods_count(content, cells_from, tag, b"<table:table-cell", (), b"table:number-columns-repeated") \
            + content.count(b"<table:covered-table-cell", cells_from, tag)
        attributes = content[tag:tag_end]
        if row >= 0:
            yield row, column, attributes, repeated
        column += _ods_number(attributes, b"table:number-columns-repeated")
        cells_from = tag_end
        at = find(tag_end)


_END_OF_CHAIN, _RESERVED, _DIFAT_SECTOR = 0xFFFFFFFE, 0xFFFFFFFA, 0xFFFFFFFC


def _check_xls(data: bytes) -> dict[int, Midnights]:
    """An .xls is a compound file of sectors chained by a table (FAT), and a stream of records inside.
    Calamine follows the chains without looking for loops — a loop in the directory's chain, or in the
    list of table sectors, makes it read forever — and reserves room for the cells a DIMENSIONS
    record names. Here every chain it will follow is walked once (each sector at most once, inside
    the file), stream sizes must fit the file, and the sheets' dimensions must be within
    :data:`MAX_CELLS`."""
    bad = damaged(WorkbookKind.XLS)
    if len(data) < 512:
        raise bad
    shift, mini_shift = struct.unpack_from("<HH", data, 30)
    if shift not in (9, 12) or mini_shift != 6:
        raise bad
    size = 1 << shift
    body = data[512 if shift == 9 else 4096:]
    last = len(data) // size  # calamine's highest sector number

    def sector(sid: int) -> bytes:
        if sid > last:
            raise bad
        return body[sid * size:(sid + 1) * size]

    def numbers(raw: bytes) -> tuple[int, ...]:
        return struct.unpack_from(f"<{len(raw) // 4}L", raw)

    fat_len, dir_start = struct.unpack_from("<LL", data, 44)
    mini_start, mini_len, difat_start, difat_len = struct.unpack_from("<LLLL", data, 60)
    if fat_len > last or mini_len > last or difat_len > last:
        raise bad
    difat = list(numbers(data[76:512]))
    seen: set[int] = set()
    sid = difat_start
    while sid < _RESERVED:
        if sid in seen:
            raise bad
        seen.add(sid)
        difat.extend(numbers(sector(sid)))
        sid = difat.pop()
    fat_sectors = [i for i in difat if i < _DIFAT_SECTOR]
    if len(set(fat_sectors)) != len(fat_sectors) or len(fat_sectors) > last + 1:
        raise bad
    fat = [n for i in fat_sectors for n in numbers(sector(i))]

    def chain(start: int, table: list[int] | tuple[int, ...], limit: int | None, part: Callable[[int], bytes],
              unit: int) -> bytes:
        out, seen, sid = [], set(), start
        while sid != _END_OF_CHAIN:
            if sid in seen or sid >= len(table):
                raise bad
            seen.add(sid)
            out.append(part(sid))
            if limit is not None and len(out) * unit >= limit:
                break
            sid = table[sid]
        return b"".join(out)[:limit]

    directory = chain(dir_start, fat, None, sector, size)
    entries = [directory[i:i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries:
        raise bad

    def length(entry: bytes) -> int:
        return struct.unpack_from("<L" if shift == 9 else "<Q", entry, 120)[0]

    mini_stream = b""
    mini_fat: tuple[int, ...] = ()
    if mini_len:
        root_start = struct.unpack_from("<L", entries[0], 116)[0]
        if length(entries[0]) > len(data):
            raise bad
        mini_stream = chain(root_start, fat, length(entries[0]), sector, size)
        mini_fat = numbers(chain(mini_start, fat, mini_len * size, sector, size))

    def mini_sector(sid: int) -> bytes:
        return mini_stream[sid * 64:(sid + 1) * 64]

    names = {entry[:64].decode("utf-16-le", "replace").split("\x00")[0]: entry for entry in reversed(entries)}
    entry = names.get("Workbook") or names.get("Book")
    if entry is None:
        return {}  # calamine refuses it by itself
    start, stream_len = struct.unpack_from("<L", entry, 116)[0], length(entry)
    if stream_len > len(data):
        raise bad
    stream = chain(start, mini_fat, stream_len, mini_sector, 64) if stream_len < 4096 else \
        chain(start, fat, stream_len, sector, size)
    _check_biff(stream)
    return xls_midnights(stream)


def _check_biff(stream: bytes) -> None:
    """The DIMENSIONS records (0x0200) of a workbook stream: the cells calamine reserves room for."""
    pos = 0
    while pos + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, pos)
        if kind == 0x0200 and size in (10, 14):
            first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH" if size == 10 else "<LLHH",
                                                                          stream, pos + 4)
            if last_row >= 1 and last_col >= 1:
                if first_col > 0xFF or last_col < first_col:
                    first_col = 0
                rows = (last_row - first_row) % 2**32
                columns = (last_col - first_col) % 2**32
                if rows * columns > MAX_CELLS:
                    raise _too_many_cells()
        pos += 4 + size


# --- reading ---------------------------------------------------------------------------------------

@contextmanager
def open_sheets(data: bytes, name: str | None = None) -> Iterator[list[Table]]:
    """The worksheets of a workbook (.xlsx, .xls or .ods), each read when its rows are first asked for.
    Damage found while reading is reported as :class:`ImportRefused` too (naming the file ``name``)."""
    try:
        kind, content, midnights = _checked(data)
    except ImportRefused as exc:
        raise _named(exc, name) from None
    try:
        book = CalamineWorkbook.from_object(io.BytesIO(data))
        sheets = [(index, meta.name) for index, meta in enumerate(book.sheets_metadata)
                  if meta.typ == SheetTypeEnum.WorkSheet]
    except ImportRefused:
        raise
    except BaseException as exc:  # calamine's errors, and a Rust panic (pyo3's PanicException)
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        raise _named(_refusal(exc, kind), name) from None
    # searched only once calamine has read content.xml whole (no comment or tag is left open in it)
    ods_merges = {}
    if content is not None:
        ods_merges, midnights = _ods_merges(content), _ods_midnights(content)
    del content
    try:
        yield [Table(sheet, _sheet_rows(book, index, kind, name, ods_merges.get(index), midnights.get(index)))
               for index, sheet in sheets]
    finally:
        book.close()


def _refusal(exc: BaseException, kind: str) -> ImportRefused:
    if type(exc).__name__ == "PasswordError":
        return ImportRefused(M("The workbook is protected with a password. Open it in Excel, remove the password "
                               "(File → Info → Protect Workbook), save it and import it again."))
    return damaged(kind)


def _range_rows(sheet: Any, first_row: int) -> Iterator[list[Any]]:
    """The rows of a sheet from the first row of its range (``sheet.start``). python-calamine 0.9 yields
    the empty rows above the range too (its issue 177), though not the columns left of it: they are passed
    over here — a version that begins at the range (whose first row has a value) is taken as it is."""
    rows = sheet.iter_rows()
    if first_row:
        head = next(rows, None)
        if head is None or any(cell != "" for cell in head):
            return chain([head], rows) if head is not None else rows
        deque(islice(rows, first_row - 1), maxlen=0)
    return rows


def _sheet_rows(book: CalamineWorkbook, index: int, kind: str, name: str | None, ods_merges: array | None = None,
                midnight: Midnights | None = None) -> Iterator[tuple[int, Sequence[Any]]]:
    """A sheet's rows: ``(row number, cells)``; numbers as int when whole, merged cells filled down
    (``ods_merges``: those of an .ods, from :func:`_ods_merges`; calamine reports the others), and the cells
    whose format shows a date and a time of 00:00 (``midnight``, ``app.portal.midnight``) as that day at 00:00,
    where calamine gives a date."""
    try:
        sheet = book.get_sheet_by_index(index)
        if ods_merges is not None:
            flat = iter(ods_merges)
            merged: Iterable[tuple[int, int, int]] = zip(flat, flat, flat)
        else:  # top to bottom, as the rows come
            merged = sorted((top, left, bottom) for (top, left), (bottom, _right) in sheet.merged_cell_ranges or ())
        start = sheet.start
        if start is None:
            return
        first_row, first_col = start
        rows = _range_rows(sheet, first_row)
    except BaseException as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        raise _named(_refusal(exc, kind), name) from None
    if sheet.height > MAX_ROWS + ROWS_ABOVE:
        count_rows(_range_rows(sheet, first_row), name)
    pad = [None] * first_col
    # merged areas taller than one row: the top-left value fills the column down (R: "cells merged down rows");
    # they come top to bottom, and one area at most fills a column at a time
    downward = (area for area in merged if area[2] > area[0])
    pending = next(downward, None)
    filling: dict[int, tuple[int, Any]] = {}
    for offset, cells in enumerate(rows):
        number = first_row + offset
        # numbers come as floats: a whole one is given as int (a row number, a phone, an IIN stored as a number);
        # an empty cell comes as "" and is given as None; a text the program's CSV quoted (a workbook saved from
        # that CSV keeps the apostrophe as text) as it was before (app.portal.quoting)
        values = [(int(v) if v.is_integer() else v) if v.__class__ is float else
                  (None if v == "" else csv_unsafe(v) if v.__class__ is str and v[:1] == QUOTE else v) for v in cells]
        if first_col:
            values = pad + values
        if midnight and number in midnight:
            for col in midnight[number]:
                if col < len(values) and isinstance(day := values[col], dt.date) and day.__class__ is dt.date:
                    values[col] = dt.datetime(day.year, day.month, day.day)
        if filling:
            for col, (bottom, value) in list(filling.items()):
                if bottom < number:
                    del filling[col]
                elif col < len(values):
                    if values[col] is None or values[col] == "":
                        values[col] = value
                else:
                    values.extend([None] * (col - len(values)) + [value])
        while pending is not None and pending[0] <= number:
            top, col, bottom = pending
            value = values[col] if top == number and col < len(values) else None
            if value is not None and value != "":
                filling[col] = (bottom, value)
            pending = next(downward, None)
        yield number + 1, values


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
    text, int, finite float, bool, date, datetime or None; any other value (a Decimal, NaN,
    an enum) raises :class:`ExportFailed`. The bytes depend on the input only."""
    strings: dict[str, int] = {}  # shared strings: each text once, by its index
    letters = [get_column_letter(i) for i in range(1, max(len(header), 1) + 1)]

    def cell(ref: str, value: Any, style: int) -> str:
        kind = value.__class__
        if kind is not str and isinstance(value, str):
            value, kind = str.__str__(value), str  # text of a str subclass
        if kind is str:
            if not value:
                return ""
            if value[:1] == QUOTE:  # read back as it was (app.portal.quoting)
                value = sheet_safe(value)
            index = strings.get(value)
            if index is None:
                index = strings[value] = len(strings)
            return f'<c r="{ref}" s="{style}" t="s"><v>{index}</v></c>'
        if value is None:
            return ""
        if kind is bool:
            return f'<c r="{ref}" s="{style}" t="b"><v>{int(value)}</v></c>'
        if kind is dt.datetime:
            return f'<c r="{ref}" s="{_DATETIME}"><v>{to_excel(value)!r}</v></c>'
        if kind is dt.date:
            return f'<c r="{ref}" s="{_DATE}"><v>{int(to_excel(value))}</v></c>'
        if kind is int or (kind is float and math.isfinite(value)):
            return f'<c r="{ref}" s="{_NUMBER if style == _TEXT else style}"><v>{value!r}</v></c>'
        raise ExportFailed(M("The value \"{value}\" in cell {cell} cannot be written to a workbook: the program "
                             "does not know how to show a {type}. Please report this fault of the program.",
                             value=str(value)[:50], cell=ref, type=kind.__name__))

    lines: list[str] = []
    number = 0

    def add(values: Sequence[Any], style: int, height: float | None = None) -> None:
        nonlocal number
        number += 1
        ht = f' ht="{height}" customHeight="1"' if height else ""
        row = str(number)
        body = "".join([cell(letter + row, v, style) for letter, v in zip(letters, values)])
        lines.append(f'<row r="{row}"{ht}>{body}</row>')

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
              + "".join(f'<si><t xml:space="preserve">{_text(s)}</t></si>' for s in strings) + "</sst>")
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
