"""The two kinds of main screen that follow changes made elsewhere: a page of plain rows that reloads once
per burst of changes (LivePage, from ui/views/queue.py), and a page around one paged, SQL-sorted list with its
search box and keys (ListPage with its table helpers, from ui/views/residents.py); issue 12 point 10."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QWidget,
)

from app.i18n import _
from ui.context import Change, Changed, Context, Page
from ui.models.residents import PagedModel, Query
from ui.models.table import ROW_ROLE
from ui.widgets.forms import show_refusal
from ui.widgets.tables import fit_columns, setup_view


class LivePage(Page):
    """A page that follows ``ctx.data_changed``: one reload per burst of changes while shown,
    and a reload when next shown if it changed while hidden — for the kinds of data it ``follows``."""

    loads_when_shown = True
    #: the kinds of change the page shows (a change of any other kind leaves it as it is)
    follows: tuple[Changed, ...] = tuple(Changed)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._stale = True
        self._load_after_paint = False
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self._changed)
        ctx.data_changed.connect(self._data_changed)

    @property
    def up_to_date(self) -> bool:
        """False until the page has loaded what changed (a shown page loads itself at once)."""
        return not self._stale

    def _data_changed(self, change: Change) -> None:
        if change.concerns(*self.follows):
            self._later.start()

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if self._stale:  # loaded once painted: the screen appears at once, its data a moment later
            self._load_after_paint = True
            QTimer.singleShot(100, self, self._refresh_if_stale)  # in case no paint comes (a zero-size page)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().paintEvent(event)
        if self._load_after_paint:
            self._load_after_paint = False
            QTimer.singleShot(0, self, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._later.stop()
        self._stale = True  # until it has loaded: a load that fails is tried again when next shown
        self.load()
        self._stale = False

    def load(self) -> None:
        raise NotImplementedError


SEARCH_DELAY_MS = 150


def paged_table(model: PagedModel, stretch: int = 0) -> QTableView:
    """A table over a paged model: sorting goes to SQL; a column the services cannot sort by keeps
    the current order (its header click is undone)."""
    view = QTableView()
    view.setModel(model)
    setup_view(view)
    header = view.horizontalHeader()
    col, order = model.sort_column()
    header.setSortIndicator(col, order)
    view.setSortingEnabled(True)

    def keep_sortable(column: int, _order: Qt.SortOrder) -> None:
        if not model.sortable(column):
            header.blockSignals(True)
            header.setSortIndicator(*model.sort_column())
            header.blockSignals(False)

    header.sortIndicatorChanged.connect(keep_sortable)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def selected_row(view: QTableView):
    idx = view.currentIndex()
    return idx.data(ROW_ROLE) if idx.isValid() and view.selectionModel().isRowSelected(idx.row()) else None


def add_shortcuts(owner: QWidget, view: QTableView, search: QLineEdit, open_row, add=None) -> None:
    """Ctrl+F searches, Enter opens the selected row, Ins or Ctrl+N adds."""

    def find() -> None:
        search.setFocus()
        search.selectAll()

    QShortcut(QKeySequence.StandardKey.Find, owner, find)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        QShortcut(QKeySequence(key), view, open_row, context=Qt.ShortcutContext.WidgetShortcut)
    view.doubleClicked.connect(lambda _i: open_row())
    if add is not None:
        for seq in (QKeySequence(Qt.Key.Key_Insert), QKeySequence(QKeySequence.StandardKey.New)):
            QShortcut(seq, owner, add)


class ListPage(Page):
    """A page around one paged list: a search box filtering as you type (debounced: one query when
    the typing pauses), Ctrl+F / Enter / Ins keys, and a refresh after a change elsewhere — once, and only
    when on screen (the main window may have refreshed it already; a hidden one is refreshed when shown)."""

    #: the kinds of change the list shows (a change of any other kind leaves it as it is)
    follows: tuple[Changed, ...] = tuple(Changed)

    def __init__(self, ctx: Context, model: PagedModel, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.stale = False
        self.model = model
        self._fitted = False  # the columns fit the first page once, not each search's page (a keystroke)
        self.search_label, self.search = QLabel(), QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.search_label.setBuddy(self.search)
        self.count_label = QLabel()
        self.table = paged_table(model)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        model.failed.connect(lambda exc: show_refusal(self, exc))
        model.loaded.connect(self._fit)
        ctx.data_changed.connect(self._data_changed)

    def wanted_query(self) -> Query:
        return replace(self.model.query, search=self.search.text().strip())

    def retranslate_ui(self) -> None:
        self.search_label.setText(_("&Search:"))
        self.search.setPlaceholderText(_("Name or IIN (Ctrl+F)"))
        self.model.retranslate()
        self._fitted = False
        self._fit()

    def _fit(self) -> None:
        if not self._fitted and self.model.rowCount():
            fit_columns(self.table, stretch=0, tips=False)  # the long text, the name, stretches whole
            self._fitted = True

    def refresh(self) -> None:
        self.stale = False
        self._debounce.stop()
        self.model.set_query(self.wanted_query())

    def apply_filter(self) -> None:
        """Run the search and filters (the debounce timer calls this when typing pauses)."""
        self._debounce.stop()
        query = self.wanted_query()
        if query != self.model.query:
            self.model.set_query(query)

    def _data_changed(self, change: Change) -> None:
        if change.concerns(*self.follows):
            self.stale = True
            QTimer.singleShot(0, self, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        if self.stale and self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.stale:
            QTimer.singleShot(0, self, self._refresh_if_stale)


class KeptSplitter(QSplitter):
    """A splitter whose sizes the main window keeps between runs (``MainWindow.save_layout``); ``restored`` says
    whether it restored them, so that a screen gives its own first sizes only when there were none. While one of
    its parts is hidden (the director's morning on an empty database, or for another role) it has no size to keep:
    what was restored is kept, or nothing."""

    restored = False
    _restored_state = QByteArray()

    def restoreState(self, state) -> bool:  # noqa: N802 - Qt's name
        self.restored = super().restoreState(state)
        if self.restored:
            self._restored_state = QByteArray(state)
        return self.restored

    def saveState(self) -> QByteArray:  # noqa: N802 - Qt's name
        if any(part is not None and part.isHidden() for part in map(self.widget, range(self.count()))):
            return QByteArray(self._restored_state)
        return super().saveState()


def rows_height(view: QTableView, rows: int) -> int:
    """The height ``view`` needs to show its header and ``rows`` rows whole (its scroll bar across included)."""
    bar, header = view.horizontalScrollBar(), view.horizontalHeader()
    return (max(header.height(), header.sizeHint().height()) + rows * view.verticalHeader().defaultSectionSize()
            + 2 * view.frameWidth() + (bar.sizeHint().height() if bar.isVisible() else 0))
