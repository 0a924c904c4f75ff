"""The one row validator: raw field values of a row → a checked record, or its problems.

Every format (XLSX, CSV, JSON, a mapped register) reduces a row to ``{field: raw value}``
(blank cells left out) and hands it here with the file's column title of each field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import MISSING
from dataclasses import fields as dataclass_fields
from typing import Any

from app.domain.enums import ResidentStatus
from app.domain.identity import IIN
from app.domain.limits import FIELD_MAX_LENGTH
from app.i18n import M, Message
from app.portal.columns import KindSpec
from app.portal.records import Format, JournalEventRecord, Kind, ParseResult, Problem, Record
from app.portal.values import FIELD_PARSERS, Invalid, label, shown, word_text

RawRow = dict[str, Any]  # field → the raw value of a non-blank cell (or JSON field)

# A later event cannot come before an earlier one: (earlier, later).
DATE_ORDER = (
    ("birth_date", "received_at"), ("birth_date", "admission_date"),
    ("admission_date", "temp_departure_date"), ("admission_date", "discharge_date"),
    ("admission_date", "transfer_date"), ("admission_date", "return_date"),
)
# An order number needs the date of its event (R-01: number and date of the order).
ORDER_DATE = (
    ("admission_order", "admission_date"), ("temp_departure_order", "temp_departure_date"),
    ("discharge_order", "discharge_date"), ("transfer_order", "transfer_date"), ("returned", "admission_date"),
    ("return_order", "return_date"),
)
# A journal status needs the date of the event that set it (FORMS.md Annex 2, column 2).
STATUS_DATE = {
    ResidentStatus.PRESENT: "admission_date", ResidentStatus.TEMPORARILY_ABSENT: "temp_departure_date",
    ResidentStatus.DISCHARGED: "discharge_date", ResidentStatus.TRANSFERRED: "transfer_date",
}


_NONE: frozenset[str | None] = frozenset()
_new, _set = object.__new__, object.__setattr__


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


class _Plan:
    """What :func:`make_record` needs to know of a kind, found once per file rather than for each of
    its up to 100,000 rows (issue 11 point 6): the checks between fields that can apply (a row holds only
    fields of its kind: the readers leave out the others)."""

    def __init__(self, spec: KindSpec) -> None:
        fields = spec.field_set
        self.date_order = tuple((a, b) for a, b in DATE_ORDER if a in fields and b in fields)
        self.order_date = tuple((a, b) for a, b in ORDER_DATE if a in fields and b in fields)
        self.iins: dict[str, IIN] = {}  # the IINs of the records made, as checked: ParseResult.iins
        # the text fields a column's length bounds (FIELD_MAX_LENGTH): a text cell fit to be stored is taken as it
        # is, without the two calls of its parser (bounded_text); any other cell goes to the parser
        self.texts = {f: n for f, n in FIELD_MAX_LENGTH.items() if f in fields}
        #: each text the file's records hold, kept once: a cell is a new string even where an earlier row holds the
        #: same (an address, a surname, an order number), and 100,000 journal rows' records held 62 MB of texts,
        #: 13 MB of them different (issue 11 point 6); only while the file is read
        self.seen: dict[str, str] = {}
        # a record is given the row's values only: a field the row leaves empty reads its default from the class
        # (where a dataclass keeps it). A frozen dataclass's __init__ set all 23 of the journal's fields, taking 2.4
        # times as long; filling the instance's __dict__ instead made it a dict of its own, 85 MB for 100,000
        # records against 27 MB (issue 11 point 6)
        declared = dataclass_fields(spec.record)
        # what __init__ would refuse, a row cannot lack: every field without a default is one the row must fill
        if not {f.name for f in declared if f.default is MISSING} <= set(spec.required_fields) \
                or hasattr(spec.record, "__post_init__") or hasattr(spec.record, "__slots__"):
            raise TypeError(f"{spec.record.__name__} cannot be made without its __init__")


_NAME_PARTS = ("last_name", "first_name", "middle_name")


def row_text(raw: RawRow) -> str:
    """What a row holds, to tell the user which row it is: its values in their order, the parts of a name split from
    one cell together again («Итого: 45» read as a last name and a first name is shown as it was written)."""
    said: list[str] = []
    name: list[str] = []
    at = 0  # the name's place among the values
    for field, value in raw.items():
        if field in _NAME_PARTS:
            if not name:
                at = len(said)
            name.append(shown(value))
        else:
            said.append(shown(value))
    if name:
        said.insert(at, " ".join(name))
    return shown(" · ".join(said))  # cut as a value is


def make_record(spec: KindSpec, raw: RawRow, row: int | None, titles: Mapping[str, str],
                today: dt.date, plan: _Plan | None = None) -> tuple[Record | None, list[Problem]]:
    """Check one row; the record when it has no problem, else None and the problems.
    ``titles`` gives the column title (as in the file) of each field. Runs for every row of a
    file of up to 100,000 (issue 11 point 6), so the checks that cannot apply are left out
    beforehand (``plan``, given by :func:`build`)."""
    if plan is None:
        plan = _Plan(spec)
    values: dict[str, Any] = {}
    problems: list[Problem] = []

    def problem(field: str, message: Message, value: Any = None) -> None:
        problems.append(Problem(row, titles.get(field), shown(raw.get(field) if value is None else value), message,
                                field))

    texts, seen = plan.texts, plan.seen
    for field, cell in raw.items():
        if cell.__class__ is str and field in texts:  # bounded_text's way, written out: most cells are texts
            text = cell.strip()
            if len(text) <= texts[field] and text.isprintable():
                if text:
                    values[field] = seen.setdefault(text, text)
                continue
        try:
            value = FIELD_PARSERS[field](cell)
        except Invalid as exc:
            problem(field, exc.message)
            continue
        if value is not None:
            values[field] = value

    bad = {p.field for p in problems} if problems else _NONE
    held = None  # an empty field has no value to show: what the row holds tells the user which row it is
    for field in spec.required_fields:
        if field not in values and field not in bad:
            held = held if held is not None else row_text(raw)
            problem(field, M("{field} is empty; fill it in.", field=label(field)), held)
    for earlier, later in plan.date_order:
        if later in values and earlier in values and _day(values[later]) < _day(values[earlier]):
            problem(later, M("{later} ({later_value}) is before {earlier} ({earlier_value}); check both dates.",
                             later=label(later), later_value=shown(values[later]),
                             earlier=label(earlier), earlier_value=shown(values[earlier])))
    for detail, date_field in plan.order_date:
        if values.get(detail) and date_field not in values and date_field not in bad:
            problem(detail, M("{detail} is given without {date}; add the date.",
                              detail=label(detail), date=label(date_field)))
    birth = values.get("birth_date")
    if birth is not None:
        if birth > today:
            problem("birth_date", M("The date of birth {value} is in the future; check it.", value=shown(birth)))
        iin_birth = values["iin"].birth_date if "iin" in values else None
        if iin_birth is not None and iin_birth != birth:
            problem("birth_date", M("The date of birth {value} does not match the IIN {iin}, which gives "
                                    "{iin_birth}; check both.", value=shown(birth), iin=values["iin"].value,
                                    iin_birth=shown(iin_birth)))
    received = values.get("received_at")
    if received is not None and received.date() > today:  # a place in the queue from a day to come
        problem("received_at", M("The application is dated {value}, a day still to come; check the date.",
                                 value=shown(received)))
    if spec.kind is Kind.JOURNAL and values.get("status") in STATUS_DATE:
        needed = STATUS_DATE[values["status"]]
        if needed not in values and needed not in bad:
            problem(needed, M("The status is \"{status}\" but {date} is empty; fill in the date and the order "
                              "number.", status=word_text(values["status"]), date=label(needed)))
    if spec.kind is Kind.QUEUE and not values.get("portal_number") and not values.get("iin") \
            and not {"portal_number", "iin"} & bad:
        problem("portal_number", M("The application has neither a portal application number nor an IIN, so it "
                                   "cannot be told apart from others; fill in one of them."))
    if problems:
        return None, problems
    if "iin" in values:
        iin = values["iin"]
        plan.iins[iin.value] = iin
        values["iin"] = iin.value  # checked as the domain's IIN, stored as its digits
    record: Record = _new(spec.record)  # as dataclass's __init__ makes it (_Plan: nothing more to run)
    for field, value in values.items():
        _set(record, field, value)
    return record, problems


def build(spec: KindSpec, rows: Iterable[tuple[int, RawRow | Problem]], fmt: Format | None,
          titles: Mapping[str, str], today: dt.date | None = None) -> ParseResult:
    """Validate all rows (a row may arrive already judged, as a problem); a record repeating
    an earlier one's key (portal application number, IIN + received time, or IIN) is a
    problem of the later row."""
    today = today or dt.date.today()
    records: list[Record] = []
    record_rows: list[int | None] = []
    problems: list[Problem] = []
    first_row: dict[tuple, int | None] = {}
    keyed = hasattr(spec.record, "key")
    plan = _Plan(spec)
    for row, raw in rows:
        if isinstance(raw, Problem):
            problems.append(raw)
            continue
        record, row_problems = make_record(spec, raw, row, titles, today, plan)
        if record is not None:
            key = None if not keyed or isinstance(record, JournalEventRecord) else record.key
            if key is not None and key in first_row:
                field = "portal_number" if key[0] == "portal" else "iin"
                row_problems.append(Problem(row, titles.get(field), shown(raw.get(field)), M(
                    "This record repeats row {first} (the same {field}); remove one of them.",
                    first=first_row[key], field=label(field)), field))
            else:
                if key is not None:
                    first_row[key] = row
                records.append(record)
                record_rows.append(row)
        problems.extend(row_problems)
    return ParseResult(tuple(records), tuple(problems), spec.kind, fmt, tuple(record_rows), limits_checked=True,
                       iins=plan.iins)
