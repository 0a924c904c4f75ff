"""The audit log as a table: rows fetched from the service a page at a time as the view scrolls
(``canFetchMore``/``fetchMore``), sorted in SQL when a header is clicked (time, user, action)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from app.i18n import N_
from app.services.audit import AuditPage, AuditRow
from ui.i18n import fdatetime
from ui.models.table import Column, ColumnsModel

PAGE = 200
#: the columns, and the service's sort key of those SQL can sort by
#: the cells are cut to fit (``fit_columns``): each says itself whole in its tooltip
COLUMNS: list[Column[AuditRow]] = [
    Column(N_("Time"), lambda r: fdatetime(r.at), sort=lambda r: r.at),
    Column(N_("User"), lambda r: r.user_text(), tooltip=lambda r: r.user_text()),
    Column(N_("Action"), lambda r: r.action_text(), tooltip=lambda r: r.action_text()),
    Column(N_("Person"), lambda r: r.resident_name or "", tooltip=lambda r: r.resident_name or ""),
    Column(N_("Changes"), lambda r: r.summary(), tooltip=lambda r: r.summary()),
]
SORT_KEYS = {0: "at", 1: "username", 2: "action"}

Fetch = Callable[[str, bool, int, int, int | None], AuditPage]  # (sort, descending, offset, limit, upto) → a page


class AuditModel(ColumnsModel[AuditRow]):
    reloaded = Signal()  # after a reset is complete (a view may then select and fetch)

    def __init__(self, fetch: Fetch, parent=None, page_size: int = PAGE) -> None:
        super().__init__(COLUMNS, parent)
        self.fetch, self.page_size = fetch, page_size
        self.sort_key, self.descending = "at", True
        self.total = 0
        self.upto: int | None = None  # the first page's newest entry: the next pages continue that list
        self._fetching = False  # a view may ask again from inside rowsAboutToBeInserted

    def reload(self) -> None:
        page = self.fetch(self.sort_key, self.descending, 0, self.page_size, None)
        self.total, self.upto = page.total, page.upto
        self._reset_rows(page.rows)
        self.reloaded.emit()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008,N802
        return not parent.isValid() and not self._fetching and len(self._rows) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008,N802
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        try:
            page = self.fetch(self.sort_key, self.descending, len(self._rows), self.page_size, self.upto)
            if not page.rows:  # entries are only added, so fewer means the filters changed meanwhile
                self.total = len(self._rows)
                return
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        finally:
            self._fetching = False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (key, descending) == (self.sort_key, self.descending):
            return
        self.sort_key, self.descending = key, descending
        self.reload()
