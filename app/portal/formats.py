"""The three exchange formats — XLSX, CSV, JSON — read and written for every kind of file
(workbooks also read as Excel 97–2003 .xls and LibreOffice .ods: app.portal.xlsx).

Reading: :func:`read_records` recognises the format from the content (the name only helps
the messages), finds the header row, and hands each row to the one validator. Anything
wrong with the file as a whole raises :class:`ImportRefused`; problems of single rows
come back in the result. Writing: :func:`write_records` gives the same bytes for the same
records. The layouts are specified in docs/portal-exchange.md.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import enum
import hashlib
import io
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

from app.collector import no_cyclic_gc
from app.domain.limits import visible
from app.i18n import N_, M, Message
from app.paths import os_reason
from app.portal.columns import (
    FULL_NAME,
    IIN_COLUMN,
    NO,
    RETURN,
    SPECS,
    Column,
    HeaderMatch,
    KindSpec,
    is_numbers_row,
    match_columns,
)
from app.portal.errors import ImportRefused
from app.portal.quoting import QUOTE, csv_safe, csv_unsafe
from app.portal.records import Format, Kind, ParseResult, Problem, Record
from app.portal.validate import RawRow, build
from app.portal.values import FormText
from app.portal.xlsx import BLANK_RUN, MAX_ROWS, Table, open_sheets, too_many_rows, write_xlsx

JSON_FORMAT = "qamqor-portal"
JSON_VERSION = 1
MAX_BYTES = 100 * 1024 * 1024  # a file (docs/portal-exchange.md, "Limits")
HEADER_SCAN = 20          # the header row is looked for in the first rows of each sheet
MAX_BLANK_RUN = BLANK_RUN  # after this many blank rows in a row, the rest of the sheet is not read
CSV_DELIMITERS = (";", ",", "\t")
#: the formats :func:`write_records` writes (every one of them is also read)
WRITE_FORMATS = (Format.XLSX, Format.CSV, Format.JSON)

KIND_NAMES: dict[Kind, str] = {
    Kind.QUEUE: N_("queue applications"), Kind.ROSTER: N_("the roster"), Kind.JOURNAL: N_("the journal"),
    Kind.REGISTER: N_("the institution's register"),
}
SHEET_NAMES: dict[Kind, tuple[str, str]] = {
    Kind.QUEUE: ("Кезек", "Очередь"), Kind.ROSTER: ("Қызмет алушылар", "Получатели услуг"),
    Kind.JOURNAL: ("Журнал", "Журнал"),
}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Office files, and password-protected new ones
_MAGIC_REFUSALS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", N_("This is a PDF document, not a table. Import the Excel, CSV or JSON file the portal gave.")),
    (b"{\\rtf", N_("This is a Word (RTF) document, not a table. Import the Excel, CSV or JSON file the portal gave.")),
)
_HTML = re.compile(rb"\s*<(?:!doctype\s+html|html|table|\?xml)", re.IGNORECASE)


def too_large() -> ImportRefused:
    return ImportRefused(M("The file is larger than {size} MB; split it into smaller files.", size=MAX_BYTES // 2**20))


def read_path(path: str | os.PathLike) -> bytes:
    """The bytes of the file at ``path``, as the import wizard, the register's onboarding and the command line read a
    file: its size is judged before it is read (a disk image chosen by mistake is refused at once, not read into
    memory first); what the system says when it cannot be read is said in the user's language."""
    try:
        with open(path, "rb") as fh:
            if os.fstat(fh.fileno()).st_size > MAX_BYTES:
                raise too_large()
            data = fh.read(MAX_BYTES + 1)  # a file that grew since: no more than the limit is read
    except OSError as exc:
        raise ImportRefused(M("Cannot read {path}: {reason}", path=os.fspath(path), reason=os_reason(exc))) from None
    if len(data) > MAX_BYTES:
        raise too_large()
    return data


# --- recognising the format -----------------------------------------------------------------------

#: NUL bytes at the start of a text file that are still taken as a damaged cell or two (and under one byte in twenty),
#: refused with the row and column named like any control character (a program's binary file has them by the hundred)
_STRAY_NULS = 8


def detect_format(data: bytes, name: str | None = None) -> Format:
    """The format of ``data`` judged by its content; the file name does not decide."""
    if len(data) > MAX_BYTES:
        raise too_large()
    body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    if not body or body.isspace():
        raise ImportRefused(M("The file is empty: it holds nothing to import. Choose another file, or export or copy "
                              "this one again."))
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return Format.XLSX  # .xlsx or .ods: a workbook (app.portal.xlsx reads both)
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ImportRefused(M("The workbook is protected with a password. Open it in Excel, remove the password "
                                  "(File → Info → Protect Workbook), save it and import it again."))
        return Format.XLSX  # an Excel 97–2003 .xls
    for magic, msgid in _MAGIC_REFUSALS:
        if data.startswith(magic):
            raise ImportRefused(Message(msgid))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _wide_encoding(data) is not None:
        return Format.CSV  # UTF-16 or UTF-32 text, with or without its BOM
    if _HTML.match(body[:1024]):
        raise ImportRefused(M("This is a web page (HTML or XML) saved under a spreadsheet name. Open it in Excel "
                              "and save it as \"Excel Workbook (*.xlsx)\", then import that file."))
    head = data[:4096]
    if (nuls := head.count(b"\x00")) > _STRAY_NULS or nuls * 20 > len(head):
        raise ImportRefused(M("This file type is not supported{name}. Import an Excel workbook (.xlsx or .xls), a "
                              "LibreOffice spreadsheet (.ods), a CSV file or a JSON file.",
                              name=f" ({name})" if name else ""))
    if body.lstrip()[:1] in (b"{", b"["):
        return Format.JSON
    return Format.CSV


# --- reading -----------------------------------------------------------------------------------------

def read_records(data: bytes, kind: Kind, name: str | None = None, *, today: dt.date | None = None) -> ParseResult:
    """Read an exchange file of ``kind``; only :class:`ImportRefused` is ever raised."""
    with no_cyclic_gc():  # up to 100,000 rows' values and records (app.collector)
        try:
            return _read_records(data, kind, name, today)
        except RecursionError:  # a JSON value nested just short of the parser's limit, then shown or compared
            raise _unreadable() from None


def _read_records(data: bytes, kind: Kind, name: str | None, today: dt.date | None) -> ParseResult:
    fmt = detect_format(data, name)
    spec = SPECS[kind]
    if fmt is Format.JSON:
        return build(spec, limit_rows(_json_rows(data, spec), name), fmt, {f: f for f in spec.fields}, today)
    if fmt is Format.XLSX:
        with open_sheets(data, name) as tables:
            return read_sheets(tables, kind, name, today)
    header = locate_header(csv_tables(data, name), spec)
    if _most_lines(data) - header.row > MAX_ROWS:  # perhaps too many rows: counted before any is validated
        _count_csv_rows(data, name, header)
    return read_table(header, spec, fmt, today, name=name)


def read_sheets(tables: Iterable[Table], kind: Kind, name: str | None = None,
                today: dt.date | None = None) -> ParseResult:
    """The records of ``kind`` in the sheets of a workbook already open (``app.portal.kinds.read_recognised``
    opens it once both to recognise what it holds and to read it)."""
    spec = SPECS[kind]
    return read_table(locate_header(tables, spec), spec, Format.XLSX, today, name=name)


def _most_lines(data: bytes) -> int:
    """At least as many as the lines of a text table (each ends in LF, CR LF or a lone CR, the last perhaps in
    nothing), which no fewer rows take: a file of exactly :data:`MAX_ROWS` rows is not read twice. In UTF-16
    and UTF-32 the bytes counted are more than the line ends, never fewer."""
    return (data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
            + (not data.endswith((b"\n", b"\r"))))


def _count_csv_rows(data: bytes, name: str | None, header: Header) -> None:
    """Refuse a CSV holding more than :data:`MAX_ROWS` rows of data under its header (blank rows and a
    numbers row not counted), reading it once more without validating anything."""
    rows = _csv_rows(text_lines(data, name), header.table)
    data_rows: Iterator[tuple[int, Sequence[Any]]] = ((number, cells) for number, cells in rows if number > header.row)
    first = next(data_rows, None)
    if first is None:
        return
    if not is_numbers_row(first[1]):
        data_rows = chain([first], data_rows)
    filled = blank = 0
    for number, cells in data_rows:
        if any(c.strip() for c in cells):
            filled, blank = filled + 1, 0
            if filled > MAX_ROWS:
                raise too_many_rows(number, name)
        else:
            blank += 1
            if blank >= MAX_BLANK_RUN:
                return


def read_table(header: Header, spec: KindSpec, fmt: Format, today: dt.date | None = None,
               limit: int | None = None, name: str | None = None) -> ParseResult:
    """The records of the rows under ``header`` (the first ``limit`` non-blank rows only, if given)."""
    rows = limit_rows(raw_rows(header.rows, header.columns, spec.fields), name)
    return build(spec, islice(rows, limit), fmt, header.field_titles(), today)


def limit_rows(rows: Iterable[tuple[int, Any]], name: str | None = None) -> Iterator[tuple[int, Any]]:
    """The rows, refusing the file at the first beyond :data:`MAX_ROWS` (before it is validated)."""
    for count, row in enumerate(rows, 1):
        if count > MAX_ROWS:
            raise too_many_rows(row[0], name)
        yield row


@dataclass
class Header:
    """The header row found in a table, and the table's rows after it."""

    table: str
    row: int
    columns: dict[int, Column]
    titles: dict[int, str]
    rows: Iterator[tuple[int, Sequence[Any]]]

    def field_titles(self) -> dict[str, str]:
        """The title of the column holding each field, as written in the file."""
        return {field: self.titles[i] for i, column in self.columns.items() for field in column.fields}


def title_text(cell: Any) -> str:
    """A title as the user wrote it, with line breaks and runs of spaces made single spaces."""
    return " ".join(str(cell).split())


def no_header_row() -> ImportRefused:
    return ImportRefused(M("No row of column titles was found in the first {count} rows. The table needs the "
                           "titles of the journal's columns, for example \"{example}\"; see the description "
                           "of the exchange formats.", count=HEADER_SCAN, example=FULL_NAME.title))


def locate_header(tables: Iterable[Table], spec: KindSpec) -> Header:
    """The header row: among the first rows of each table, the one naming most columns
    (at least two). Refuses repeated columns and missing required ones."""
    best: tuple[HeaderMatch, Table, list, int] | None = None
    for table in tables:
        head = list(islice(table.rows, HEADER_SCAN))
        for index, (_, cells) in enumerate(head):
            found = match_columns(cells, spec.vocabulary)
            if found.score >= 2 and (best is None or found.score > best[0].score):
                best = (found, table, head, index)
    if best is None:
        raise no_header_row()
    found, table, head, index = best
    number, cells = head[index]
    if found.duplicates:
        problems = [Problem(number, title_text(cells[i]), "", M("The column \"{title}\" appears twice; delete one "
                            "of the two.", title=title_text(cells[i])), column.fields[0] if column.fields else None)
                    for i, column in found.duplicates]
        raise ImportRefused(M("Some columns appear twice: {titles}. Keep one of each and import again.",
                              titles="; ".join(p.column or "" for p in problems)), problems)
    present = set(found.columns.values())
    missing = [c for c in spec.required_columns if c not in present]
    if missing:
        problems = [Problem(number, None, "", M("The column \"{title}\" is missing; add it.", title=c.title),
                            c.fields[0]) for c in missing]
        raise ImportRefused(M("Required columns are missing: {titles}. Add them with these titles, in any order.",
                              titles=FormText("; ".join(c.kk for c in missing), ru="; ".join(c.ru for c in missing))),
                            problems)
    rest = chain(head[index + 1:], table.rows)
    following = next(rest, None)
    if following is not None and not is_numbers_row(following[1]):
        rest = chain([following], rest)
    titles = {i: title_text(cells[i]) for i in found.columns}
    return Header(table.name, number, found.columns, titles, rest)


def _blank(cell: Any) -> bool:
    return cell is None or (cell.__class__ is str and not cell.strip())


def raw_rows(rows: Iterable[tuple[int, Sequence[Any]]], columns: dict[int, Column],
             fields: Iterable[str]) -> Iterator[tuple[int, RawRow]]:
    """Cells → raw values of ``fields``; blank rows are skipped, and reading stops after
    :data:`MAX_BLANK_RUN` blank rows in a row (a sheet formatted down to row 1,048,576)."""
    keep = set(fields)
    # each column: its position, its split, the field it fills unsplit, and split, the place among the parts
    # of each field kept (a split gives a part for each of the column's fields, perhaps more)
    placed = [(i, column.split, column.fields[0], tuple((k, f) for k, f in enumerate(column.fields) if f in keep))
              for i, column in columns.items() if keep.intersection(column.fields)]
    blank_run = 0
    for number, cells in rows:
        raw: RawRow = {}
        width = len(cells)
        for i, split, field, kept in placed:  # runs for every cell: _blank() is written out here
            if i >= width or (cell := cells[i]) is None:
                continue
            if cell.__class__ is str:  # a cell as it is seen (a name is split, a date or a status read, as seen)
                if not cell.isprintable():
                    cell = visible(cell)
                if not cell.strip():
                    continue
            if split is None:
                raw[field] = cell
            else:
                parts = split(cell)
                for k, part in kept:
                    if (value := parts[k]) is not None:
                        raw[part] = value
        if raw:
            blank_run = 0
            yield number, raw
        elif not all(map(_blank, cells)):
            blank_run = 0  # a row with unmapped cells only (a pre-numbered blank form)
        else:
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                return


# --- text: encodings ------------------------------------------------------------------------------------

# The encodings a table saved as text comes in: UTF-8 first, then what charset-normalizer tells
# among these (Russian- and Kazakh-locale Windows, DOS, KOI8-R, UTF-16/32 without a BOM).
TEXT_ENCODINGS = ("cp1251", "kz1048", "cp866", "koi8_r", "utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")
_SAMPLE = 1 << 16
_CYRILLIC = "А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
_LOST_LETTER = re.compile(f"\\?(?=[{_CYRILLIC}])|\ufffd")  # «?» just before a letter, or U+FFFD
#: a word of «?» only, three or more: every letter lost (a Cyrillic text saved in a Western code page)
_LOST_WORD = re.compile(r"(?<![^\s;,\t\"])\?{3,}(?:[ .-]+\?+)*(?![^\s;,\t\"])")
_KAZAKH_ONLY = set("ӘәҒғҚқҢңӨөҰұҮүҺһ")
_SERBIAN = set("ЂђЃѓЌќЋћЏџЉљЊњЎўЈјЅѕ")  # what Kazakh letters of a KZ-1048 file become when read as cp1251


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM, told by where the NUL bytes of Latin and Cyrillic text fall."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    sample = data[:4096 - len(data[:4096]) % 4]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    quads = [sample[i::4] for i in range(4)]
    zeros = [q.count(0) / len(q) for q in quads]
    if zeros[2] > 0.9 and zeros[3] > 0.9 and zeros[1] < 0.5:
        return "utf-32-le"
    if zeros[0] > 0.9 and zeros[1] > 0.9 and zeros[2] < 0.5:
        return "utf-32-be"
    odd, even = sample[1::2].count(0) / (len(sample) / 2), sample[0::2].count(0) / (len(sample) / 2)
    if odd > 0.2 and even < 0.05:
        return "utf-16-le"
    if even > 0.2 and odd < 0.05:
        return "utf-16-be"
    return None


def _cannot_decode(name: str | None) -> ImportRefused:
    return ImportRefused(M("The text of the file {name} is in an encoding that cannot be read; open the table in "
                           "Excel and save it as \"CSV UTF-8 (comma delimited)\", then import that file.",
                           name=name or "—"))


def text_encoding(data: bytes, name: str | None = None) -> str:
    """The encoding of a text table: a BOM decides; else UTF-8 when the bytes are UTF-8 (judged on
    the first 64 KB holding other than ASCII), UTF-16/32 told by their NUL bytes, else
    charset-normalizer's best among :data:`TEXT_ENCODINGS`, cp1251 and KZ-1048 (identical for
    Russian) told apart by the letters."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return encoding
    wide = _wide_encoding(data)
    if wide is not None:
        return wide
    # the first 64 KB block holding other than ASCII (it begins a character: the block before is ASCII)
    start = next((i for i in range(0, len(data), _SAMPLE) if not data[i:i + _SAMPLE].isascii()), 0)
    sample = data[start:start + _SAMPLE]
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3 and len(data) > start + _SAMPLE:  # a character cut by the sample's end
            return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=list(TEXT_ENCODINGS)).best()
    if best is None:
        raise _cannot_decode(name)
    encoding = best.encoding
    if encoding in ("cp1251", "kz1048"):
        text = sample.decode("cp1251", "replace")
        encoding = "kz1048" if sum(c in _SERBIAN for c in text) > sum(c in _KAZAKH_ONLY for c in text) else "cp1251"
    return encoding


def text_lines(data: bytes, name: str | None = None, encoding: str | None = None) -> Iterator[str]:
    """The lines of a text table, decoded as they are read (a large file is never decoded whole).
    A line with letters lost before the file was saved — «?» where a Cyrillic letter stood, as Excel
    writes Kazakh letters into a Windows-1251 file — refuses the file, naming the line."""
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding or text_encoding(data, name), errors="strict",
                              newline="")
    number = 0
    try:
        for line in stream:
            number += 1
            if ("?" in line or "\ufffd" in line) and (lost := _LOST_LETTER.search(line)) is not None:
                before = re.search(f"[{_CYRILLIC}?\ufffd]*$", line[:lost.start()])
                after = re.match(f"[{_CYRILLIC}?\ufffd]*", line[lost.start():])
                assert before is not None and after is not None  # "*" matches the empty string too
                word = before.group() + after.group()
                raise ImportRefused(M("Letters of the file {name} were lost before it was saved: line {line} has "
                                      "\"{word}\", with «?» where a letter stood (letters saved in an encoding "
                                      "without them, as Kazakh letters in Windows-1251). Open the original table "
                                      "in Excel and save it as \"CSV UTF-8 (comma delimited)\", then import that "
                                      "file.",
                                      name=name or "—", line=number, word=word[:40]))
            if "???" in line and (gone := _LOST_WORD.search(line)) is not None:
                raise ImportRefused(M("Letters of the file {name} were lost before it was saved: line {line} has "
                                      "\"{word}\", with «?» in place of every letter (saved in an encoding without "
                                      "Cyrillic letters). Open the original table in Excel and save it as \"CSV UTF-8 "
                                      "(comma delimited)\", then import that file.",
                                      name=name or "—", line=number, word=gone.group()[:40]))
            yield line
    except UnicodeDecodeError:
        raise _cannot_decode(name) from None


def csv_tables(data: bytes, name: str | None = None) -> list[Table]:
    """One reading of the text per candidate delimiter; the header decides which is right. Each
    reading decodes the file as it goes."""
    encoding = text_encoding(data, name)  # refuses an unreadable file before any reading starts
    return [Table(delimiter, _unquoted(_csv_rows(text_lines(data, name, encoding), delimiter)))
            for delimiter in CSV_DELIMITERS]


def _unquoted(rows: Iterator[tuple[int, Sequence[Any]]]) -> Iterator[tuple[int, Sequence[Any]]]:
    """Rows with the apostrophe the writer put before formula-like cells taken off (:func:`csv_unsafe`)."""
    for number, cells in rows:
        yield number, [csv_unsafe(c) if c[:1] == QUOTE else c for c in cells]


def _csv_rows(lines: Iterator[str], delimiter: str) -> Iterator[tuple[int, Sequence[Any]]]:
    reader = csv.reader(lines, delimiter=delimiter)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise ImportRefused(M("The CSV file is broken near line {line}; save it again from Excel as "
                                  "\"CSV UTF-8 (comma delimited)\".", line=reader.line_num)) from None
        number += 1
        yield number, cells


def _major(version: Any) -> int | None:
    if isinstance(version, bool):
        return None
    if isinstance(version, (int, float)):
        return int(version) if version == version and abs(version) < 1e9 else None
    match = re.fullmatch(r"\s*(\d+)(?:\.\d+)*\s*", version) if isinstance(version, str) else None
    return int(match.group(1)) if match else None


def _not_json(word: str) -> None:
    """``NaN``, ``Infinity``, ``-Infinity``: Python's reader takes them, JSON has no such values (they were stored
    as the text "nan")."""
    raise ValueError(f"{word} is not JSON")


def _finite(text: str) -> float:
    """A JSON number with a fraction or an exponent; one beyond a float's range (1e400) is refused as
    :func:`_not_json` refuses ``Infinity`` (it was read as the float inf, and stored as the text "inf")."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:20]} is beyond a number's range")
    return value


#: the JSON reader of exchange files: what JSON has no value for is refused (``_not_json``, ``_finite``)
_JSON = json.JSONDecoder(parse_constant=_not_json, parse_float=_finite)
#: JSON's white space (RFC 8259), as the json module skips it
_SPACE = re.compile(r"[ \t\n\r]*")
#: what an envelope must say before its records for them to be read one at a time (:func:`_streamed_rows`)
_ENVELOPE = frozenset({"format", "version", "kind"})


def _space(text: str, at: int) -> int:
    """Where the white space at ``at`` ends."""
    found = _SPACE.match(text, at)
    return found.end() if found else at


def _unreadable() -> ImportRefused:
    return ImportRefused(M("The JSON file cannot be read: it is cut short or not valid JSON. Export it again."))


def _json_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _unreadable() from None


def load_json_document(data: bytes) -> dict:
    """The envelope of an exchange JSON file of a version this program reads; else refused."""
    document = _parsed(_json_text(data))
    _check_envelope(document, None)
    return document


def _parsed(text: str) -> Any:
    try:
        return _JSON.decode(text)
    except (ValueError, RecursionError):
        raise _unreadable() from None


def _check_envelope(document: Any, spec: KindSpec | None) -> None:
    """The file is an exchange file of this program's version (and, with ``spec``, of its kind); else refused."""
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        raise ImportRefused(M("This JSON file is not a Qamqor exchange file: it lacks \"format\": \"{format}\".",
                              format=JSON_FORMAT))
    major = _major(document.get("version"))
    if major != JSON_VERSION:
        raise ImportRefused(M("The file has format version {version}; this program reads version {supported}. "
                              "Update the program, or export the file in version {supported}.",
                              version=str(document.get("version"))[:20], supported=JSON_VERSION))
    if spec is not None and document.get("kind") != spec.kind.value:
        found = document.get("kind")
        try:
            found_text: Message | str = Message(KIND_NAMES[Kind(found)])
        except ValueError:
            found_text = str(found)[:40]
        raise ImportRefused(M("The file holds {found}, but {expected} was expected; choose the right file.",
                              found=found_text, expected=Message(KIND_NAMES[spec.kind])))


def _json_rows(data: bytes, spec: KindSpec) -> Iterator[tuple[int, RawRow | Problem]]:
    """The records of an exchange JSON file as rows. An envelope that says what the file is before its records (as
    this program writes it) has its records read one at a time (:func:`_streamed_rows`); any other file is parsed
    whole first."""
    text = _json_text(data)
    head = _envelope_before_records(text)
    if head is not None:
        envelope, start = head
        _check_envelope(envelope, spec)
        return _streamed_rows(text, start, envelope, spec)
    document = _parsed(text)
    del text
    _check_envelope(document, spec)
    records = document.get("records")
    if not isinstance(records, list):
        raise ImportRefused(M("The JSON file has no list of \"records\"; export it again."))
    _check_whole(document, len(records), lambda: records_digest(records))
    return _json_records(records, spec)


def _envelope_before_records(text: str) -> tuple[dict, int] | None:
    """The fields of the document's object before its ``"records"``, and where the list of records begins, when
    "format", "version" and "kind" come before it; else (or at anything unexpected) None."""
    fields: dict[str, Any] = {}
    at = _space(text, 0)
    if not text.startswith("{", at):
        return None
    try:
        while True:
            key, at = _JSON.raw_decode(text, _space(text, at + 1))
            at = _space(text, at)
            if not isinstance(key, str) or not text.startswith(":", at):
                return None
            at = _space(text, at + 1)
            if key == "records":
                return (fields, at) if _ENVELOPE <= fields.keys() and text.startswith("[", at) else None
            fields[key], at = _JSON.raw_decode(text, at)
            at = _space(text, at)
            if not text.startswith(",", at):
                return None
    except (ValueError, RecursionError):
        return None


def _streamed_rows(text: str, at: int, envelope: dict, spec: KindSpec) -> Iterator[tuple[int, RawRow | Problem]]:
    """The records of the list at ``at``, parsed and read one at a time: the parsed file is never held whole beside
    the records read from it (a 100,000-row journal: 170 MB more, issue 11 point 6). The document's fields after
    the list are read after it, and the whole file is checked last (:func:`_check_whole`): a refusal then comes
    before anything is imported, as the rows are all read before the import begins."""
    digest = _Checksum()
    summed = True  # False: a record nested beyond what can be written again (its checksum cannot match)
    number = 0
    try:
        at = _space(text, at + 1)
        more = not text.startswith("]", at)
        while more:
            item, at = _JSON.raw_decode(text, at)
            number += 1
            if summed:
                try:
                    digest.add(item)
                except (RecursionError, ValueError, TypeError):
                    summed = False
            yield from _json_records([item], spec, number)
            at = _space(text, at)
            more = text.startswith(",", at)
            if more:
                at = _space(text, at + 1)
            elif not text.startswith("]", at):
                raise _unreadable()
        at = _space(text, at + 1)  # after the list: the document's other fields, or its end
        if text.startswith(",", at) and text.startswith('"', _space(text, at + 1)):
            rest = _JSON.decode("{" + text[at + 1:])
        elif text.startswith("}", at):
            rest = _JSON.decode("{" + text[at:])  # "{}" and what follows it: white space only
        else:
            raise _unreadable()
    except (ValueError, RecursionError):
        raise _unreadable() from None
    if not isinstance(rest, dict) or _ENVELOPE & rest.keys() or "records" in rest:  # said twice: which is meant?
        raise _unreadable()
    envelope = {**envelope, **rest}
    _check_whole(envelope, number, lambda: digest.hexdigest() if summed else None)


def _check_whole(document: dict, found: int, digest_of: Callable[[], str | None]) -> None:
    """A file of ours says how many records it holds and their checksum; a file cut short or edited
    down is refused. A file made elsewhere without these fields is read as it is (issue 11 point 8).
    ``found``: the records the file has; ``digest_of``: their checksum (None: they cannot be summed)."""
    count = document.get("count")
    if isinstance(count, str) and count.strip().isascii() and count.strip().isdigit():  # not "²"
        count = int(count)
    if count is not None and (isinstance(count, bool) or count != found):
        raise ImportRefused(M("The file says it holds {count} records but has {found}: it was cut short or "
                              "edited. Export it again.", count=str(count)[:20], found=found))
    digest = document.get("sha256")
    if digest is not None:
        try:
            matches = isinstance(digest, str) and digest.strip().lower() == digest_of()
        except (RecursionError, ValueError, TypeError):  # records nested beyond what can be written again
            matches = False
    if digest is not None and not matches:
        raise ImportRefused(M("The records were changed after the program wrote the file (its checksum does not "
                              "match), so it is not imported. Export it again; a file changed on purpose must "
                              "leave out \"count\" and \"sha256\"."))


def _json_records(records: list, spec: KindSpec, first: int = 1) -> Iterator[tuple[int, RawRow | Problem]]:
    """Each record's fields, numbered from ``first``; the parsed record is let go as it is read (``records`` is the
    file's own list), so that the parsed file and the records read from it are not held whole together."""
    fields = spec.field_set
    for index in range(len(records)):
        item, records[index] = records[index], None
        number = first + index
        if isinstance(item, dict):  # a text as it is seen, as a cell of a table is (raw_rows): blank when only that
            raw = {f: visible(v) if v.__class__ is str and not v.isprintable() else v
                   for f, v in item.items() if v is not None and f in fields}
            yield number, {f: v for f, v in raw.items() if v.__class__ is not str or v.strip()}
        else:
            yield number, Problem(number, None, str(item)[:200], M("Record {number} is not an object with fields; "
                                                                   "export the file again.", number=number))


# --- writing -----------------------------------------------------------------------------------------------

def _columns_for(spec: KindSpec, records: Sequence[Record]) -> list[Column]:
    """The columns written: all of the kind's; our own extra columns (IIN, return) only when
    required or used."""
    def used(column: Column) -> bool:
        return any(getattr(r, f, None) for r in records for f in column.fields)

    return [c for c in spec.columns if c not in (IIN_COLUMN, RETURN) or c in spec.required_columns or used(c)]


def _seen(value: Any) -> Any:
    """A value as an export writes it: a text without the invisible characters a row stored before the program took
    them out may hold (``visible``), so that the portal gets the text the user saw."""
    return visible(value) if value.__class__ is str else value


def table_rows(spec: KindSpec, records: Sequence[Record], lang: str) -> tuple[list[Column], list[list[Any]]]:
    columns = _columns_for(spec, records)
    rows = [[number if column is NO else column.join([_seen(getattr(record, f, None)) for f in column.fields], lang)
             for column in columns] for number, record in enumerate(records, 1)]
    return columns, rows


def csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%d.%m.%Y %H:%M:%S}" if value.second else f"{value:%d.%m.%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    return csv_safe(str(value))


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ";") -> bytes:
    """UTF-8 with BOM (so that Excel opens it right), CRLF line ends."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([csv_text(v) for v in row] for row in rows)
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8", "replace")


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return _seen(value)


def records_digest(items: Sequence[Any]) -> str:
    """The checksum of a JSON file's records (issue 11 point 8): SHA-256 of their canonical form —
    compact JSON, keys sorted, UTF-8 — so that it depends on the values only, not on the layout.
    Summed a record at a time (the list's form is ``[`` the records joined by ``,`` ``]``): the whole form at
    once was a second copy of the file's records, 200 MB for 100,000 journal rows (issue 11 point 6)."""
    digest = _Checksum()
    for item in items:
        digest.add(item)
    return digest.hexdigest()


class _Checksum:
    """SHA-256 of a list of records in canonical form (:func:`records_digest`), given a record at a time."""

    _canonical = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode

    def __init__(self) -> None:
        self._sha, self._first = hashlib.sha256(b"["), True

    def add(self, item: Any) -> None:
        self._sha.update(f"{'' if self._first else ','}{self._canonical(item)}".encode("utf-8", "replace"))
        self._first = False

    def hexdigest(self) -> str:
        whole = self._sha.copy()
        whole.update(b"]")
        return whole.hexdigest()


def _json_document(spec: KindSpec, records: Sequence[Record]) -> bytes:
    """The versioned document, one record per line (readable, and fast to write); the envelope
    carries the number of records and their checksum, so that a cut or edited file is refused."""
    items = [{f: _json_value(getattr(r, f)) for f in spec.fields} for r in records]
    envelope = json.dumps({"format": JSON_FORMAT, "version": JSON_VERSION, "kind": spec.kind.value,
                           "count": len(items), "sha256": records_digest(items)})
    lines = [json.dumps(item, ensure_ascii=False) for item in items]
    body = ",\n".join(lines)
    text = envelope[:-1] + ', "records": [' + (f"\n{body}\n" if lines else "") + "]}\n"
    return text.encode("utf-8", "replace")


def write_records(kind: Kind, records: Sequence[Record], fmt: Format, lang: str = "kk", *,
                  titles: Sequence[str] = (), delimiter: str = ";", decision: bool = False) -> bytes:
    """``records`` of ``kind`` as an exchange file. XLSX: the Annex 2 layout with ``lang``
    titles, the numbers row and optional ``titles`` lines above; CSV: the titles and rows;
    JSON: the versioned document. The same input gives the same bytes. ``decision``: the
    titles of a home-care organisation, whose movements rest on decisions (R-01)."""
    if kind is Kind.REGISTER:
        raise ValueError("registers are read through a mapping, never written")
    spec = SPECS[kind]
    if fmt is Format.JSON:
        return _json_document(spec, records)
    columns, rows = table_rows(spec, records, lang)
    header = [c.header(lang, decision) for c in columns]
    if fmt is Format.CSV:
        return write_csv(header, rows, delimiter)
    return write_xlsx(header, rows, sheet=SHEET_NAMES[kind][lang != "kk"], widths=[c.width for c in columns],
                      titles=titles, numbered=True)
