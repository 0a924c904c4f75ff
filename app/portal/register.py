"""Onboarding an institution's own Excel register (issue 5, point 5).

Registers kept before the program came have any layout. The steps:

1. :func:`inspect_register` lists each sheet's columns with sample values;
2. :func:`suggest_mapping` proposes which column holds which field, from the titles;
3. the user corrects the mapping (a :class:`RegisterMapping`, stored as JSON);
4. :func:`read_register` reads the rows through it (``limit`` for a preview) into
   :class:`RegisterRecord` objects, with the problems of the other rows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import chain, islice
from typing import Any

from openpyxl.utils import get_column_letter

from app.collector import no_cyclic_gc
from app.i18n import N_, M, Message
from app.portal.adapter import Source, load_source
from app.portal.columns import SPECS, Column, is_numbers_row, match_columns
from app.portal.errors import ImportRefused
from app.portal.formats import HEADER_SCAN, Header, csv_tables, detect_format, limit_rows, raw_rows, title_text
from app.portal.records import Format, Kind, ParseResult, Problem
from app.portal.validate import RawRow, build, row_text
from app.portal.values import Vocabulary, shown
from app.portal.xlsx import Table, open_sheets

SPEC = SPECS[Kind.REGISTER]
REGISTER_FIELDS: dict[str, Column] = {c.key: c for c in SPEC.columns}
_NAME_PARTS = ("last_name", "first_name", "middle_name")


@dataclass(frozen=True)
class RegisterColumn:
    """A column of a register sheet: position (0-based), letter, title, first values."""

    index: int
    letter: str
    header: str
    samples: tuple[str, ...]


@dataclass(frozen=True)
class RegisterSheet:
    name: str
    header_row: int
    columns: tuple[RegisterColumn, ...]


#: the fields of a register's mapping as the mapping page and its messages name them, in the page's order
FIELD_NAMES: dict[str, str] = {
    "iin": N_("IIN"),
    "full_name": N_("Full name in one column"),
    "last_name": N_("Last name"),
    "first_name": N_("First name"),
    "middle_name": N_("Patronymic"),
    "birth_date": N_("Date of birth"),
    "sex": N_("Sex"),
    "address": N_("Home address"),
    "phone": N_("Phone number"),
    "status": N_("Status"),
    "admission": N_("Admission date and order in one column"),
    "admission_date": N_("Date of admission"),
    "admission_order": N_("Admission order No."),
}
assert list(FIELD_NAMES) == list(REGISTER_FIELDS)  # the page's order is the order its problems are said in


def _same_column(first: str, second: str) -> bool:
    """Two titles a sheet's title row cannot tell apart (compared as every title is: case, spacing, ё/е…)."""
    try:
        Vocabulary([(1, [first]), (2, [second])])
    except ValueError:
        return True
    return False


def repeated_columns(columns: Mapping[str, str]) -> dict[str, str]:
    """The fields given a column an earlier field (in the page's order) has, each with that earlier field."""
    chosen = [(key, str(columns[key])) for key in REGISTER_FIELDS if key in columns]
    return {key: earlier for i, (key, title) in enumerate(chosen)
            if (earlier := next((other for other, before in chosen[:i] if _same_column(before, title)), None))}


def mapping_problems(columns: Mapping[str, str]) -> list[tuple[str | None, Message]]:
    """What keeps ``columns`` (field → column title) from being a mapping, each said of the field to change —
    None for a field this program does not know (a mapping file edited by hand) — in the order of the fields:
    a name and a date of birth are what tell the people apart (a person without an IIN is known by them alone,
    app.services.import_batch), and a column holds one field."""
    found: list[tuple[str, Message]] = []
    keys = set(columns)
    unknown = sorted(keys - REGISTER_FIELDS.keys())
    if unknown:  # a field's name mistyped in a file: what else is missing follows from it
        return [(None, M("The mapping names unknown fields: {fields}. Use: {known}.",
                         fields=", ".join(unknown), known=", ".join(REGISTER_FIELDS)))]
    if "full_name" in keys and keys & set(_NAME_PARTS):
        found.append(("full_name", M("Choose either the column of the full name or the separate columns of the "
                                     "last name, first name and patronymic, not both.")))
    elif "full_name" not in keys and not keys & {"last_name", "first_name"}:
        found.append(("full_name", M("Choose the column of the full name, or the columns of the last and first "
                                     "names.")))
    elif "full_name" not in keys:
        found.extend((part, M("Choose a column for \"{field}\" as well, or the column of the full name instead.",
                              field=Message(FIELD_NAMES[part])))
                     for part in ("last_name", "first_name") if part not in keys)
    if "birth_date" not in keys:
        found.append(("birth_date", M("Choose the column of the date of birth: the people are told apart by their "
                                      "names and dates of birth.")))
    if "admission" in keys and keys & {"admission_date", "admission_order"}:
        found.append(("admission", M("Choose either the column of the admission date and order together or their "
                                     "separate columns, not both.")))
    elif "admission_order" in keys and "admission_date" not in keys:  # an order is recorded with its date
        found.append(("admission_order", M("Choose the column of the date of admission as well: an order is recorded "
                                           "with its date.")))
    found.extend((key, M("The column \"{title}\" is chosen for \"{field}\" already; each field needs a column of "
                         "its own.", title=columns[key], field=Message(FIELD_NAMES[earlier])))
                 for key, earlier in repeated_columns(columns).items())
    order = list(REGISTER_FIELDS)
    found.sort(key=lambda p: order.index(p[0]))
    return list(found)


@dataclass(frozen=True)
class RegisterMapping:
    """Which column of the register holds which field.

    ``columns`` maps a field (``iin``, ``full_name`` or ``last_name``/``first_name``/
    ``middle_name``, ``birth_date``, ``sex``, ``address``, ``phone``, ``status``,
    ``admission`` — date and order number in one cell — or ``admission_date`` and
    ``admission_order``) to the column title as written in the file. ``sheet`` None means
    the first sheet; ``header_row`` is the row number of the titles."""

    columns: dict[str, str]
    sheet: str | None = None
    header_row: int = 1

    def __post_init__(self) -> None:
        if not isinstance(self.header_row, int) or isinstance(self.header_row, bool) or self.header_row < 1:
            raise ImportRefused(M("The header row must be a row number from 1."))
        problems = mapping_problems(self.columns)
        if problems:
            raise ImportRefused(problems[0][1] if len(problems) == 1 else M(
                "The mapping cannot be used as it is; change what each line below says."),
                [Problem(None, field, self.columns.get(field, "") if field else "", message, field)  # a mapping file
                 for field, message in problems])  # is JSON: its field names are its columns

    def vocabulary(self) -> Vocabulary[Column]:
        """The mapped titles, matched like every title (case, spacing, ё/е, punctuation)."""
        return Vocabulary((REGISTER_FIELDS[key], [str(title)]) for key, title in self.columns.items())

    def to_json(self) -> str:
        return json.dumps({"sheet": self.sheet, "header_row": self.header_row, "columns": self.columns},
                          ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str | bytes) -> RegisterMapping:
        return cls(*mapping_document(text))


def mapping_document(text: str | bytes) -> tuple[dict[str, str], str | None, Any]:
    """A mapping file's columns, sheet and header row, read as they are written (a file that is not one is refused);
    what they say is checked by :class:`RegisterMapping` (the mapping page shows each problem under its field)."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise ImportRefused(M("The mapping is not valid JSON.")) from None
    columns = document.get("columns") if isinstance(document, dict) else None
    sheet = document.get("sheet") if isinstance(document, dict) else None
    if not isinstance(columns, dict) or not all(isinstance(v, str) and v.strip() for v in columns.values()) \
            or not (sheet is None or isinstance(sheet, str)):
        raise ImportRefused(M("The mapping needs \"columns\": an object from field names to column titles."))
    return dict(columns), sheet, document.get("header_row", 1)


@contextmanager
def _tables(source: Source) -> Iterator[tuple[list[Table], Format]]:
    data, name = load_source(source)
    fmt = detect_format(data, name)
    if fmt is Format.JSON:
        raise ImportRefused(M("A register is read from an Excel workbook or a CSV file, not from JSON."))
    if fmt is Format.XLSX:
        with open_sheets(data, name) as tables:
            yield tables, fmt
    else:
        yield csv_tables(data, name), fmt


def _titles_score(cells: Sequence[Any]) -> tuple[int, int]:
    """How much a row looks like the title row: known titles, then text cells."""
    return (match_columns(cells, SPEC.vocabulary).score, sum(1 for c in cells if isinstance(c, str) and c.strip()))


def _describe(table: Table, samples: int, scan: int) -> RegisterSheet | None:
    head = list(islice(table.rows, HEADER_SCAN + scan))
    if not head:
        return None
    index = max(range(min(len(head), HEADER_SCAN)), key=lambda i: (*_titles_score(head[i][1]), -i))
    number, cells = head[index]
    return RegisterSheet(table.name, number, describe_columns(cells, [row for _n, row in head[index + 1:]], samples))


def describe_columns(titles: Sequence[Any], below: Sequence[Sequence[Any]], samples: int) -> tuple[RegisterColumn, ...]:
    """The columns of a title row (``titles``, as read) with up to ``samples`` values each from the rows ``below``
    it; the form's row of column numbers (1, 2, 3 …) under the titles is not a value (the reading skips it too)."""
    if below and is_numbers_row(below[0]):
        below = below[1:]
    columns = []
    for i, cell in enumerate(titles):
        values = [text for text in (shown(row[i]).strip() for row in below if i < len(row)) if text]
        title = title_text(cell) if cell is not None else ""
        if title or values:
            columns.append(RegisterColumn(i, get_column_letter(i + 1), title, tuple(values[:samples])))
    return tuple(columns)


def inspect_register(source: Source, *, samples: int = 5, scan: int = 200) -> list[RegisterSheet]:
    """Each sheet's guessed title row and its columns with up to ``samples`` values from the
    next ``scan`` rows. A CSV file is one sheet, read with the delimiter that gives the best
    title row."""
    with _tables(source) as (tables, fmt):
        sheets = [s for s in (_describe(t, samples, scan) for t in tables) if s is not None]
    if fmt is Format.CSV and sheets:
        sheets = [max(sheets, key=lambda s: _titles_score([c.header for c in s.columns]))]
    if not any(s.columns for s in sheets):
        raise ImportRefused(M("The file has no table to read: every sheet is empty."))
    return sheets


def suggest_mapping(sheet: RegisterSheet) -> RegisterMapping | None:
    """A mapping from the titles that match known ones (Kazakh or Russian), or None when
    the titles name neither the person nor the date of birth."""
    try:
        return RegisterMapping(suggest_columns(sheet), sheet.name, sheet.header_row)
    except ImportRefused:
        return None


def suggest_columns(sheet: RegisterSheet) -> dict[str, str]:
    """The fields whose column the titles tell (field → title), whether or not they make a mapping: the mapping page
    chooses them for the user, who chooses the rest (it chose none when the name or the date of birth was not
    told, though the IIN and the sex were)."""
    found = match_columns([c.header for c in sheet.columns], SPEC.vocabulary)
    columns = {column.key: sheet.columns[i].header for i, column in found.columns.items()}
    if {"last_name", "first_name"} <= columns.keys():
        columns.pop("full_name", None)
    elif "full_name" in columns:
        for part in _NAME_PARTS:
            columns.pop(part, None)
    if "admission_date" in columns:
        columns.pop("admission", None)
    return columns


def read_register(source: Source, mapping: RegisterMapping, *, limit: int | None = None,
                  today: dt.date | None = None) -> ParseResult:
    """The register's rows through ``mapping``; ``limit`` rows only for a preview."""
    with no_cyclic_gc(), _tables(source) as (tables, fmt):  # up to 100,000 rows (app.collector)
        if fmt is Format.XLSX:
            chosen = [t for t in tables if mapping.sheet is None or t.name == mapping.sheet][:1]
            if not chosen:
                raise ImportRefused(M("The workbook has no sheet \"{sheet}\"; sheets: {sheets}.",
                                      sheet=mapping.sheet, sheets=", ".join(t.name for t in tables)))
        else:
            chosen = tables
        vocabulary = mapping.vocabulary()
        best: tuple[Any, ...] | None = None
        for table in chosen:
            for number, cells in table.rows:
                if number == mapping.header_row:
                    found = match_columns(cells, vocabulary)
                    if best is None or found.score > best[0].score:
                        best = (found, table, cells)
                    break
        if best is None:
            raise ImportRefused(M("The sheet has no row {row}; give the number of the row with the column "
                                  "titles.", row=mapping.header_row))
        found, table, cells = best
        if found.duplicates:
            raise ImportRefused(M("The title \"{title}\" appears twice in row {row}; rename one of the columns.",
                                  title=title_text(cells[found.duplicates[0][0]]), row=mapping.header_row))
        missing = [title for key, title in mapping.columns.items() if REGISTER_FIELDS[key] not in
                   found.columns.values()]
        if missing:
            raise ImportRefused(M("Row {row} has no column titled {titles}; correct the mapping.",
                                  row=mapping.header_row, titles=", ".join(f"\"{t}\"" for t in missing)))
        titles = {i: title_text(cells[i]) for i in found.columns}
        rows = table.rows
        following = next(rows, None)  # the form's row of column numbers under the titles is not a person
        if following is not None and not is_numbers_row(following[1]):
            rows = chain([following], rows)
        header = Header(table.name, mapping.header_row, found.columns, titles, rows)
        under: list[tuple[int, RawRow]] = []
        read = _without_text_under(limit_rows(raw_rows(header.rows, header.columns, SPEC.fields)), under)
        result = build(SPEC, islice(read, limit), fmt, header.field_titles(), today)
        return replace(result, notices=text_under_notices(under)) if under else result


#: the most rows under a register's table left out (a signature, a stamp, a total): more such rows are not a
#: signature, and are refused as the rows of people they may be
UNDER_MOST = 5
#: what a row of a person has and a signature or a total has not: a date, an IIN, a code of a closed list, a phone
PERSON_FIELDS = frozenset({"birth_date", "iin", "sex", "status", "admission_date", "phone"})


def _without_text_under(rows: Iterator[tuple[int, RawRow]],
                        under: list[tuple[int, RawRow]]) -> Iterator[tuple[int, RawRow]]:
    """``rows`` but for the text under the table, put in ``under`` once the rows are read to the end: the last rows
    of the sheet after a person's, at most :data:`UNDER_MOST` of them, holding none of :data:`PERSON_FIELDS` — the
    director's signature, «Итого: 45», «М.П.» — which a register kept by hand has, and which are not people. A row
    of a name and an address only cannot be imported either (it has no date of birth): left out with a notice that
    names it, rather than refusing the register. Rows between people are read, and so are more rows than
    :data:`UNDER_MOST` at the end, or a file of such rows only: refused as rows of people without a date of birth."""
    held: list[tuple[int, RawRow]] = []
    person = False
    for number, raw in rows:
        if not PERSON_FIELDS.isdisjoint(raw):
            person = True
            yield from held
            held.clear()
            yield number, raw
        elif person:
            held.append((number, raw))
        else:
            yield number, raw
    if len(held) <= UNDER_MOST:
        under.extend(held)
    else:
        yield from held


def text_under_notices(under: Sequence[tuple[int, RawRow]]) -> tuple[Message, ...]:
    """What the user is told of the rows left out under the table: how many and why, then each with what it holds."""
    said = [M("Rows under the table were not read: {n}. They hold nothing a person's row has (a date of birth, an IIN, "
              "a sex, a status, a date of admission, a phone), so they are not people (a signature or a total, for "
              "example). If one of them is a person, add the date of birth and import the register again.",
              n=len(under))]
    return (*said, *(M("Row {row}: {held}", row=number, held=row_text(raw)) for number, raw in under))
