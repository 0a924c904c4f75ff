"""Tables shared by the screens and dialogs: the read-only sortable view over a RowsModel with its
wrapped header, the search box that filters it, the searchable table panel with its keys, the badge
delegate for deadlines, and the common set-up of a table view (moved here from ui/views/queue.py,
ui/views/plans.py and ui/dialogs/resident_card.py, issue 12 point 10)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QRectF, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.models.table import ROW_ROLE, SORT_ROLE, Column, RowsModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def iso(day) -> str:
    """A sort key for an optional date or datetime (empty sorts first)."""
    return day.isoformat() if day else ""


def table_view(model: RowsModel, parent: QWidget) -> QTableView:
    """A read-only, sortable view of ``model`` behind a filtering proxy (search over every column)."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order until a header is clicked
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap))
    header.sectionResized.connect(lambda *_a: fit_header(view))
    model.headerDataChanged.connect(lambda *_a: fit_header(view))
    fit_header(view)
    return view


def fit_header(view: QTableView) -> None:
    """Make the header as tall as its longest wrapped caption (QHeaderView does not grow by itself)."""
    header, model = view.horizontalHeader(), view.model()
    metrics = header.fontMetrics()
    flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
    height = max((metrics.boundingRect(0, 0, max(header.sectionSize(c) - 22, 16), 4000, flags,
                                       str(model.headerData(c, Qt.Orientation.Horizontal) or "")).height()
                  for c in range(model.columnCount())), default=metrics.height())
    header.setFixedHeight(height + 10)


def fit_columns(view: QTableView, widths: Sequence[int]) -> None:
    for col, width in enumerate(widths):
        view.setColumnWidth(col, width)


class SearchBox(QLineEdit):
    """Filters the given tables as you type; Ctrl+F anywhere on ``page`` jumps here."""

    def __init__(self, page: QWidget, views: Sequence[QTableView]) -> None:
        super().__init__(page)
        self.views = list(views)
        self.setClearButtonEnabled(True)
        self.textChanged.connect(self._filter)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), page)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._focus)
        self.retranslate_ui()

    def _filter(self, text: str) -> None:
        for view in self.views:
            view.model().setFilterFixedString(text)

    def _focus(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def retranslate_ui(self) -> None:
        self.setPlaceholderText(_("Search in every column (Ctrl+F)"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(self.placeholderText()) + 40)


class BadgeDelegate(QStyledItemDelegate):
    """Paints the cell text as a coloured pill: red when overdue, amber when due soon."""

    COLOURS = {"overdue": ("#c0392b", "#ffffff"), "soon": ("#f0a30a", "#1a1a1a")}

    def __init__(self, state: Callable[[Any], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        colours = self.COLOURS.get(self.state(index.data(ROW_ROLE)) or "")
        if colours is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        fm = opt.fontMetrics
        height = fm.height() + 4
        width = min(fm.horizontalAdvance(text) + 22, opt.rect.width() - 6)
        pill = QRectF(opt.rect.left() + 3, opt.rect.center().y() - height / 2 + 1, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colours[0]))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor(colours[1]))
        painter.setFont(opt.font)
        painter.drawText(pill.adjusted(10, 0, -8, 0), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         fm.elidedText(text, Qt.TextElideMode.ElideRight, int(pill.width()) - 18))
        painter.restore()


class TablePanel(QWidget):
    """A table of plain rows: RowsModel → QSortFilterProxyModel (SORT_ROLE), sortable headers, a search box
    filtering as you type, Enter (or a double click) activates the row. The owner adds its buttons to
    ``buttons`` and calls :func:`install_keys` for Ctrl+F and Ins.

    ``activated`` (Enter or double click) and ``current_changed`` (another row selected) are the view's own
    signals, passed on as they are (no Python signal re-emitted at every keystroke). Read the row with
    :meth:`current`.
    Rows for which ``muted(row)`` is true are greyed."""

    def __init__(self, columns: Sequence[Column], key: Callable[[Any], Any] = lambda r: r.id,
                 select_first: bool = True, parent: QWidget | None = None,
                 muted: Callable[[Any], bool] | None = None) -> None:
        super().__init__(parent)
        self.key, self.select_first = key, select_first
        self.model = RowsModel(columns, self, muted)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortLocaleAware(True)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("search")
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.count_label = QLabel()
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setHighlightSections(False)
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        self.buttons = QHBoxLayout()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        lay.addLayout(self.buttons)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._search_enter)
        self.activated = self.view.activated
        self.current_changed = self.view.selectionModel().selectionChanged
        self.retranslate_ui()

    # --- rows -------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace the rows, keeping the selected one (by key) when it is still there."""
        was = self.current()
        self.model.set_rows(rows)
        header = self.view.horizontalHeader()
        header.setResizeContentsPrecision(60)  # fit to the first rows, not every one of thousands
        self.view.resizeColumnsToContents()
        for c in range(self.model.columnCount() - 1):
            header.resizeSection(c, min(max(header.sectionSize(c), 60), 380))
        if not (was is not None and self.select(self.key(was))) and self.select_first and self.proxy.rowCount():
            self.view.selectRow(0)
        self._count()

    def current(self) -> Any | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def select(self, key: Any) -> bool:
        for r in range(self.proxy.rowCount()):
            if self.key(self.proxy.index(r, 0).data(ROW_ROLE)) == key:
                self.view.selectRow(r)
                self.view.scrollTo(self.proxy.index(r, 0))
                return True
        return False

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if self.current() is None and self.proxy.rowCount() and self.select_first:
            self.view.selectRow(0)
        self._count()

    def _search_enter(self) -> None:
        if self.proxy.rowCount():
            if self.current() is None:
                self.view.selectRow(0)
            self.view.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _count(self) -> None:
        self.count_label.setText(_("{shown} of {total}").format(shown=self.proxy.rowCount(),
                                                                 total=self.model.rowCount()))

    def retranslate_ui(self) -> None:
        self.search_label.setText(_("&Search:"))
        self.search.setPlaceholderText(_("Type to filter (Ctrl+F)"))
        self.model.retranslate()
        self._count()


def install_keys(owner: QWidget, panels: Sequence[TablePanel], add: dict[TablePanel, Callable[[], None]]) -> None:
    """Ctrl+F focuses the search box and Ins adds, in the panel holding the focus (else the first)."""

    def active() -> TablePanel:
        focus = QApplication.focusWidget()
        return next((p for p in panels if focus is not None and p.isAncestorOf(focus)), panels[0])

    def do_add() -> None:
        fn = add.get(active()) or add.get(panels[0])
        if fn:
            fn()

    QShortcut(QKeySequence(QKeySequence.StandardKey.Find), owner, lambda: active().focus_search())
    QShortcut(QKeySequence(Qt.Key.Key_Insert), owner, do_add)


def setup_view(view: QTableView) -> None:
    """Whole rows, one at a time, Tab leaves the table, readable rows."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
