"""Plain records exchanged with the portal, and what reading a file returns.

The records carry checked values only: a validated 12-digit IIN as text, real dates,
enum members. The database side applies them; this package never touches it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from app.domain.enums import ResidentStatus, Sex
from app.domain.identity import IIN
from app.i18n import Message


class Kind(str, enum.Enum):
    """What an exchange file holds."""

    QUEUE = "queue"          # queue applications received through the portal
    ROSTER = "roster"        # the portal's list of the organisation's recipients
    JOURNAL = "journal"      # rows of the Annex 2 electronic journal
    REGISTER = "register"    # an institution's own Excel register, read through a mapping


class Format(str, enum.Enum):
    XLSX = "xlsx"
    CSV = "csv"
    JSON = "json"


@dataclass(frozen=True)
class QueueApplicationRecord:
    """One queue application (R-03, R-04; out of turn R-06; IPR term R-05).

    Idempotency key: ``portal_number`` when given, else ``(iin, received_at)``."""

    last_name: str
    first_name: str
    birth_date: dt.date
    received_at: dt.datetime
    middle_name: str | None = None
    portal_number: str | None = None
    iin: str | None = None
    sex: Sex | None = None
    address: str | None = None
    phone: str | None = None
    out_of_turn: bool = False
    ipr_until: dt.date | None = None
    status: ResidentStatus = ResidentStatus.IN_QUEUE

    @property
    def key(self) -> tuple[str, ...]:
        if self.portal_number:
            return ("portal", self.portal_number)
        return ("iin", self.iin or "", self.received_at.isoformat(timespec="seconds"))


@dataclass(frozen=True)
class RosterRecord:
    """One recipient on the portal's roster of the organisation."""

    iin: str
    last_name: str
    first_name: str
    birth_date: dt.date
    status: ResidentStatus
    admission_date: dt.date
    middle_name: str | None = None
    admission_order: str | None = None

    @property
    def key(self) -> tuple[str, ...]:
        return ("iin", self.iin)


@dataclass(frozen=True)
class JournalEventRecord:
    """One row of the Annex 2 electronic journal (R-01, R-09; "returned" mark R-02).

    ``iin`` is not a column of the form; exchange files carry it as an extra column."""

    status: ResidentStatus
    last_name: str
    first_name: str
    birth_date: dt.date
    middle_name: str | None = None
    sex: Sex | None = None
    address: str | None = None
    phone: str | None = None
    ipr_until: dt.date | None = None
    admission_date: dt.date | None = None
    admission_order: str | None = None
    returned: bool = False
    temp_departure_date: dt.date | None = None
    temp_departure_order: str | None = None
    discharge_date: dt.date | None = None
    discharge_order: str | None = None
    discharge_reason: str | None = None
    transfer_date: dt.date | None = None
    transfer_order: str | None = None
    destination: str | None = None
    return_date: dt.date | None = None   # our extension: the form has no column for a return
    return_order: str | None = None
    iin: str | None = None


@dataclass(frozen=True)
class RegisterRecord:
    """One resident read from an institution's own register (onboarding, issue 5 point 5)."""

    last_name: str
    first_name: str
    birth_date: dt.date
    middle_name: str | None = None
    iin: str | None = None
    sex: Sex | None = None
    address: str | None = None
    phone: str | None = None
    status: ResidentStatus | None = None
    admission_date: dt.date | None = None
    admission_order: str | None = None

    @property
    def key(self) -> tuple[str, ...] | None:
        return ("iin", self.iin) if self.iin else None


Record = QueueApplicationRecord | RosterRecord | JournalEventRecord | RegisterRecord


@dataclass(frozen=True)
class Problem:
    """Something wrong in the file, located as the user sees it.

    ``row``: the row number in the sheet (CSV: the record number, header included;
    JSON: the position in ``records``, from 1); None for the file or its header as a whole.
    ``column``: the column title as written in the file (JSON: the field name).
    ``value``: the offending value as text. ``message``: what is wrong and what to do.
    ``field``: the record field concerned, for a form to highlight.
    """

    row: int | None
    column: str | None
    value: str
    message: Message
    field: str | None = None

    def render(self, lang: str | None = None) -> str:
        return self.message.render(lang)


@dataclass(frozen=True)
class ParseResult:
    """Records from the rows without problems, and the problems of the other rows."""

    records: tuple[Record, ...]
    problems: tuple[Problem, ...]
    kind: Kind
    format: Format | None = None
    #: the row of each record in the file (as in :class:`Problem`), when read from a file
    rows: tuple[int | None, ...] = ()
    #: every text of the records was checked against its column's length and for control characters as it was
    #: read (``app.portal.validate.build`` does): the import need not check them again
    limits_checked: bool = False
    #: the IIN each record's IIN was checked as (R-32), by its digits: an import takes these rather than checking
    #: 100,000 numbers again
    iins: Mapping[str, IIN] = field(default_factory=dict)
    #: what the reading left out and the user is told, not a problem (a register's signature under its table)
    notices: tuple[Message, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def row_of(self, index: int) -> int:
        """The row of ``records[index]`` as the user sees it in the file (its position from 1 when unknown)."""
        row = self.rows[index] if index < len(self.rows) else None
        return row if row is not None else index + 1
