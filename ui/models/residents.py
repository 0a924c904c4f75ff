"""Big lists that hold one page of rows at a time: searched, filtered and sorted in SQL by the
services, fetched in pages as the view scrolls (canFetchMore/fetchMore). The pages debounce
typing, so a query runs once the user pauses, not on every key.

``PagedModel`` is the machinery; ``residents_model`` and ``case_files_model`` are its two lists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from app.domain.age import age
from app.domain.deadlines import Bucket, bucket
from app.domain.enums import ResidentStatus, Sex
from app.domain.roster import HOLDS_PLACE
from app.i18n import N_, _
from app.services import Services
from app.services.casefiles import CaseFileView
from app.services.queries import ResidentRow
from ui.i18n import fdate, fnumber
from ui.models.table import Column, ColumnsModel


@dataclass(frozen=True)
class Query:
    """What a paged list shows: the search text, the statuses (empty: all) and the SQL sort."""

    search: str = ""
    statuses: tuple[ResidentStatus, ...] = ()
    sort: str = "name"
    descending: bool = False


Fetch = Callable[[Query, int, int], tuple[int, Sequence[Any]]]


@dataclass(frozen=True)
class PagedColumn(Column):
    sort_key: str | None = None                  # the service's sort key; None: the column cannot be sorted
    reverse: bool = False                        # the key sorts the other way (age ↔ date of birth)


class PagedModel(ColumnsModel):
    """Rows of one query, a page at a time. ``loaded`` is emitted whenever a query's first page arrives."""

    loaded = Signal()
    failed = Signal(object)

    def __init__(self, columns: Sequence[PagedColumn], fetch: Fetch, page_size: int = 100, parent=None) -> None:
        super().__init__(columns, parent)
        self.paged_columns = list(columns)  # the same as ``columns``, with their sort keys
        self.page_size = page_size
        self.query = Query()
        self._fetch = fetch
        self._total = 0
        self._fetching = False

    # --- loading ----------------------------------------------------------------------------
    @property
    def total(self) -> int:
        """Rows matching the query (loaded or not)."""
        return self._total

    def reload(self) -> None:
        """Run the current query again, from the first page."""
        try:
            total, rows = self._fetch(self.query, 0, self.page_size)
        except Exception as exc:  # handed to the view, which shows it; the list stays as it was
            self.failed.emit(exc)
            return
        self._apply(total, rows)

    def set_query(self, query: Query) -> None:
        """Show another query (the first page; more as the view scrolls)."""
        self.query = query
        self.reload()

    def _apply(self, total: int, rows: Sequence[Any]) -> None:
        self._total = total
        self._reset_rows(rows)
        self.loaded.emit()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008,N802
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008,N802
        if not self.canFetchMore(parent):
            return
        self._fetching = True  # a view may ask again from inside rowsAboutToBeInserted
        try:
            total, rows = self._fetch(self.query, len(self._rows), self.page_size)
        except Exception as exc:  # noqa: BLE001 - shown by the view
            self._fetching = False
            self.failed.emit(exc)
            return
        if not rows:  # the list shrank meanwhile
            self._total, self._fetching = len(self._rows), False
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self._total = max(total, len(self._rows))
        self.endInsertRows()
        self._fetching = False

    # --- sorting (in SQL) -----------------------------------------------------------------
    def sortable(self, column: int) -> bool:
        return 0 <= column < len(self.paged_columns) and self.paged_columns[column].sort_key is not None

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        """The column and order that the current query's sort corresponds to (for the header)."""
        for i, col in enumerate(self.paged_columns):
            if col.sort_key == self.query.sort:
                desc = self.query.descending != col.reverse
                return i, Qt.SortOrder.DescendingOrder if desc else Qt.SortOrder.AscendingOrder
        return 0, Qt.SortOrder.AscendingOrder

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        col = self.paged_columns[column] if self.sortable(column) else None
        if col is None or col.sort_key is None:
            return
        descending = (order == Qt.SortOrder.DescendingOrder) != col.reverse
        query = replace(self.query, sort=col.sort_key, descending=descending)
        if query != self.query:
            self.set_query(query)

    # --- reading ----------------------------------------------------------------------------
    def row_of(self, row_id: int) -> int | None:
        """The position of the loaded row whose ``id`` (or ``resident_id``) is ``row_id``."""
        for i, r in enumerate(self._rows):
            if getattr(r, "id", None) == row_id:
                return i
        return None


# --- the residents list ---------------------------------------------------------------------------
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter


def _deadline_text(r: ResidentRow) -> str:
    """The date and how near it is (app.domain.deadlines.bucket: overdue, today, in 7 / 14 days); the rule is
    in the tooltip."""
    if r.next_deadline is None:
        return ""
    near = bucket(r.next_deadline, dt.date.today())
    if near != Bucket.LATER:
        return f"{fdate(r.next_deadline)} · {near.text()}"
    return fdate(r.next_deadline)


def _deadline_tooltip(r: ResidentRow) -> str:
    """How near, and the rule and basis of the deadline with the source of its number (R-15)."""
    parts = [bucket(r.next_deadline, dt.date.today()).text()] if r.next_deadline is not None else []
    if r.next_deadline_basis is not None:
        parts.append(f"{r.next_deadline_rule}: {r.next_deadline_basis.render()}")
    return ". ".join(parts)


def _plan_text(r: ResidentRow) -> str:
    if r.plan_status is not None:
        return r.plan_status.text()
    return _("no plan") if r.status in HOLDS_PLACE else ""


def _opt(value: Any) -> str:
    return "" if value is None else str(value)


RESIDENT_COLUMNS: list[PagedColumn] = [
    PagedColumn(N_("Full name"), lambda r: r.full_name, sort_key="name", tooltip=lambda r: r.full_name),
    PagedColumn(N_("IIN"), lambda r: r.iin or "", sort_key="iin"),
    PagedColumn(N_("Age"), lambda r: _opt(age(r.birth_date, dt.date.today())), align=RIGHT, sort_key="birth_date", reverse=True,
                tooltip=lambda r: fdate(r.birth_date)),
    PagedColumn(N_("Status"), lambda r: r.status.text_for(r.sex), sort_key="status"),
    PagedColumn(N_("Room"), lambda r: (r.room or "") if r.status in HOLDS_PLACE else "", align=CENTRE, sort_key="room"),
    PagedColumn(N_("Admitted"), lambda r: fdate(r.admitted_on), align=CENTRE),
    PagedColumn(N_("Plan"), _plan_text),
    PagedColumn(N_("Next deadline"), _deadline_text,
                tooltip=_deadline_tooltip,
                state=lambda r: r.next_deadline_state),
]


def residents_model(services: Services, parent=None, page_size: int = 50) -> PagedModel:
    """Residents searched over name and IIN, filtered by status, sorted in SQL."""

    def fetch(q: Query, offset: int, limit: int):
        return services.queries.residents(q.search, q.statuses, q.sort, q.descending, offset, limit)

    return PagedModel(RESIDENT_COLUMNS, fetch, page_size, parent)


# --- the case files list --------------------------------------------------------------------------
#: everyone who was ever admitted has a case file (R-10); the queue has none yet
ADMITTED_STATUSES = (ResidentStatus.PRESENT, ResidentStatus.TEMPORARILY_ABSENT, ResidentStatus.DISCHARGED,
                     ResidentStatus.TRANSFERRED)


@dataclass(frozen=True)
class CaseFileRow:
    id: int  # the resident's id: the list opens the resident's card
    full_name: str
    iin: str | None
    status: ResidentStatus
    case_file: CaseFileView | None
    sex: Sex | None = None

    @property
    def documents(self) -> int | None:
        return len(self.case_file.documents) if self.case_file else None


def _cf(attr: Callable[[CaseFileView], Any]) -> Callable[[CaseFileRow], str]:
    return lambda r: "" if r.case_file is None else attr(r.case_file)


CASE_FILE_COLUMNS: list[PagedColumn] = [
    PagedColumn(N_("Resident"), lambda r: r.full_name, sort_key="name"),
    PagedColumn(N_("IIN"), lambda r: r.iin or "", sort_key="iin"),
    PagedColumn(N_("Status"), lambda r: r.status.text_for(r.sex), sort_key="status"),
    PagedColumn(N_("Case file No."), _cf(lambda c: c.number), align=CENTRE),
    PagedColumn(N_("Opened"), _cf(lambda c: fdate(c.opened_on)), align=CENTRE),
    PagedColumn(N_("Sheets"), _cf(lambda c: fnumber(c.sheets)), align=RIGHT),
    PagedColumn(N_("Documents"), _cf(lambda c: fnumber(len(c.documents))), align=RIGHT),
]


def case_files_model(services: Services, parent=None, page_size: int = 50) -> PagedModel:
    """Case files of everyone admitted, searched over the resident's name and IIN.

    A page of admitted residents comes from ``queries.residents`` and their case files, with the documents,
    from one query of ``casefiles.for_residents`` (not one per row).
    """

    def fetch(q: Query, offset: int, limit: int):
        total, people = services.queries.residents(q.search, q.statuses or ADMITTED_STATUSES, q.sort,
                                                   q.descending, offset, limit)
        files = services.casefiles.for_residents([p.id for p in people])
        return total, [CaseFileRow(p.id, p.full_name, p.iin, p.status, files.get(p.id), p.sex) for p in people]

    return PagedModel(CASE_FILE_COLUMNS, fetch, page_size, parent)
