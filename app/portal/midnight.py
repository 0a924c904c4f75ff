"""Cells shown with a time whose value is a whole day: a date and time of 00:00.

Calamine gives a cell whose value is a whole number of days as a date, whatever its format shows, so an
application received at 00:00 — "02.03.2026 00:00" in the spreadsheet, the program's own export among
them — read back as a date without a time, and the whole file was refused. The format says what the cell
is: here the cells of a workbook whose format shows a date *and* a time and whose value is a whole day
are found from the workbook's own bytes — the styles of an .xlsx, the FORMAT and XF records of an .xls
(the text an .ods shows is read in ``app.portal.xlsx``, where its cells are counted) — as
``{row: {column, …}}`` by sheet (0-based, as calamine lays the sheet out), and ``app.portal.xlsx`` gives
each as that day at 00:00. A cell formatted as a date alone stays a date. Like the checks, by bounded
searches over bytes: no XML parser, no entities.
"""

from __future__ import annotations

import html
import re
import struct
from collections.abc import Iterator

#: row → the columns in it holding a date and time of 00:00 (0-based)
Midnights = dict[int, frozenset[int]]

# --- number formats ------------------------------------------------------------------------------

_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].')  # quoted text, escaped characters, [colour], padding
#: the built-in formats (Excel's numbers, the same in .xlsx and .xls) that show a date and a time: m/d/yy h:mm
_BUILT_IN_DATE_TIME = frozenset({22})
#: cell styles of a workbook looked at (Excel allows about 64,000); a workbook with more gives no cell at 00:00
MAX_STYLES = 65_536


def shows_date_and_time(code: str) -> bool:
    """Whether a number format code shows a date and a time of day (``dd.mm.yyyy hh:mm`` does, ``dd.mm.yyyy``
    and ``hh:mm`` do not): in its first section, without its quoted and escaped text, both a day or year and
    an hour."""
    shown = _LITERAL.sub("", code).split(";")[0].lower()
    return "h" in shown and ("d" in shown or "y" in shown)


# --- .xlsx -----------------------------------------------------------------------------------------

def column_index(letters: bytes) -> int:
    """The 0-based column of a cell reference's letters (``A`` is 0, ``AA`` is 26)."""
    index = 0
    for char in letters:
        index = index * 26 + char - 64
    return index - 1


# an element's attributes are searched within a bounded length: a tag left open must not make each search run to the
# end of the part (a few thousand of them took seconds)
_TAG_BYTES = 4096
_NUM_FMT = re.compile(rb"<numFmt\b([^>]{0,%d})>" % _TAG_BYTES)
_XF = re.compile(rb"<xf\b([^>]{0,%d})>" % _TAG_BYTES)


def _attribute(attributes: bytes, name: bytes) -> bytes | None:
    found = re.search(rb"""(?:^|\s)%s\s*=\s*(?:"([^"]*)"|'([^']*)')""" % re.escape(name), attributes)
    return None if found is None else (found.group(1) if found.group(1) is not None else found.group(2))


def xlsx_time_styles(styles: bytes) -> frozenset[int]:
    """The cell styles (indexes into ``cellXfs``) of ``xl/styles.xml`` whose number format shows a date and a
    time."""
    codes: dict[int, str] = {}
    for found in _NUM_FMT.finditer(styles):
        number, code = _attribute(found.group(1), b"numFmtId"), _attribute(found.group(1), b"formatCode")
        if number is not None and number.isdigit() and code is not None:
            codes[int(number)] = html.unescape(code.decode("utf-8", "replace"))
    start = styles.find(b"<cellXfs")
    end = styles.find(b"</cellXfs>", start)
    if start < 0 or end < 0 or styles.count(b"<xf", start, end) > MAX_STYLES:
        return frozenset()
    timed = set()
    for index, found in enumerate(_XF.finditer(styles, start, end)):
        number = _attribute(found.group(1), b"numFmtId") or b"0"
        if number.isdigit() and _date_and_time(int(number), codes):
            timed.add(index)
    return frozenset(timed)


def _date_and_time(number: int, codes: dict[int, str]) -> bool:
    """Whether the number format ``number`` shows a date and a time: its code when the workbook gives one (a
    built-in number may be given another code), else the built-in format's."""
    return shows_date_and_time(codes[number]) if number in codes else number in _BUILT_IN_DATE_TIME


_SHEET = re.compile(rb"<sheet\b([^>]{0,%d})>" % _TAG_BYTES)
_RELATION = re.compile(rb"<Relationship\b([^>]{0,%d})>" % _TAG_BYTES)
_RELATION_ID = re.compile(rb"""\s[\w.-]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def xlsx_sheet_parts(workbook: bytes, relations: bytes) -> list[str]:
    """The part of each sheet in the order of ``xl/workbook.xml`` (calamine's order, its index), "" for a
    sheet whose part is not named."""
    targets = {}
    for found in _RELATION.finditer(relations):
        key, target = _attribute(found.group(1), b"Id"), _attribute(found.group(1), b"Target")
        if key is not None and target is not None:
            path = target.decode("utf-8", "replace")
            path = path[1:] if path.startswith("/") else "xl/" + path
            parts: list[str] = []
            for piece in path.split("/"):
                if piece == "..":
                    if parts:
                        parts.pop()
                elif piece not in ("", "."):
                    parts.append(piece)
            targets[key] = "/".join(parts)
    out = []
    for found in _SHEET.finditer(workbook):
        relation = _RELATION_ID.search(found.group(1))
        key = b"" if relation is None else relation.group(1) if relation.group(1) is not None else relation.group(2)
        out.append(targets.get(key, ""))
    return out


def xlsx_midnights(sheet: bytes, styles: frozenset[int]) -> Midnights:
    """The cells of a worksheet part in one of ``styles`` (:func:`xlsx_time_styles`) whose value is a whole
    number: a date and time of 00:00. Cells as Excel and LibreOffice write them (``<c r="D5" s="7">``, its
    reference first); a sheet written otherwise gives none, and such a cell reads as a date."""
    if not styles:
        return {}
    # the styles named in the pattern when they are few (the search then stops only at those cells)
    named = "|".join(map(str, sorted(styles))) if len(styles) <= 32 else r"\d{1,6}"
    pattern = re.compile(rb"""<c r="([A-Z]{1,3})(\d{1,7})" s="(%s)"(?: t="n")?>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?"""
                         rb"""<v>-?\d{1,9}(?:\.0*)?</v>""" % named.encode())
    found: dict[int, set[int]] = {}
    for letters, row, style in pattern.findall(sheet):
        if int(style) not in styles:
            continue
        found.setdefault(int(row) - 1, set()).add(column_index(letters))
    return {row: frozenset(columns) for row, columns in found.items()}


# --- .xls (BIFF8) ----------------------------------------------------------------------------------

_BOF, _EOF, _BOUNDSHEET, _FORMAT, _XF_RECORD = 0x0809, 0x000A, 0x0085, 0x041E, 0x00E0
_NUMBER, _RK, _MULRK = 0x0203, 0x027E, 0x00BD
_DOUBLE = struct.Struct("<d")


def _records(stream: bytes, pos: int = 0) -> Iterator[tuple[int, int, int]]:
    """(type, start of the body, its size) of each record from ``pos`` to the last one whose body the stream holds
    whole."""
    while pos + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, pos)
        if pos + 4 + size > len(stream):
            return  # cut short: the records before it are read, calamine judges the rest
        yield kind, pos + 4, size
        pos += 4 + size


def _rk_whole(rk: int) -> bool:
    """Whether an RK number (a compressed cell value) is a whole number."""
    if rk & 2:  # a 30-bit integer, perhaps divided by 100
        value = rk >> 2
        return not rk & 1 or value % 100 == 0
    number = _DOUBLE.unpack(struct.pack("<Q", (rk & 0xFFFFFFFC) << 32))[0]
    return (number / 100 if rk & 1 else number).is_integer()


def xls_midnights(stream: bytes) -> dict[int, Midnights]:
    """The cells of each sheet (by its index among the sheets of the workbook stream) whose format shows a
    date and a time and whose value is a whole number of days. One pass over the records: a sheet's cells are
    those between the BOF its BOUNDSHEET record points to and the next EOF."""
    codes: dict[int, str] = {}
    xfs: list[int] = []
    sheets: dict[int, int] = {}  # the stream offset of a sheet's BOF → its index
    records = _records(stream)
    count = 0
    for kind, body, size in records:
        if kind == _FORMAT and size >= 5:
            number, length, flags = struct.unpack_from("<HHB", stream, body)
            raw = stream[body + 5:body + size]
            codes[number] = raw[:length * 2].decode("utf-16-le", "replace") if flags & 1 else \
                raw[:length].decode("latin-1")
        elif kind == _XF_RECORD and size >= 4:
            xfs.append(struct.unpack_from("<H", stream, body + 2)[0])
        elif kind == _BOUNDSHEET and size >= 4:
            sheets.setdefault(struct.unpack_from("<L", stream, body)[0], count)
            count += 1
        elif kind == _EOF:
            break  # the end of the workbook's globals: the sheets follow
    timed = {i for i, fmt in enumerate(xfs) if _date_and_time(fmt, codes)}
    if not timed:
        return {}
    out: dict[int, dict[int, set[int]]] = {}
    found: dict[int, set[int]] | None = None
    for kind, body, size in records:
        if kind == _BOF:
            index = sheets.get(body - 4)
            found = None if index is None else out.setdefault(index, {})
        elif kind == _EOF:
            found = None
        elif found is None:
            continue
        elif kind == _NUMBER and size >= 14:
            row, column, xf = struct.unpack_from("<HHH", stream, body)
            if xf in timed and _DOUBLE.unpack_from(stream, body + 6)[0].is_integer():
                found.setdefault(row, set()).add(column)
        elif kind == _RK and size >= 10:
            row, column, xf, rk = struct.unpack_from("<HHHL", stream, body)
            if xf in timed and _rk_whole(rk):
                found.setdefault(row, set()).add(column)
        elif kind == _MULRK and size >= 10:
            row, first = struct.unpack_from("<HH", stream, body)
            for k in range((size - 6) // 6):
                xf, rk = struct.unpack_from("<HL", stream, body + 4 + 6 * k)
                if xf in timed and _rk_whole(rk):
                    found.setdefault(row, set()).add(first + k)
    return {index: {row: frozenset(columns) for row, columns in cells.items()} for index, cells in out.items() if cells}
