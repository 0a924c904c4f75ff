"""Tables shared by the screens and dialogs: the read-only sortable view over a RowsModel with its
wrapped header, the search box that filters it, the searchable table panel with its keys, the badge
delegate for deadlines, the common set-up of a table view (moved here from ui/views/queue.py,
ui/views/plans.py and ui/dialogs/resident_card.py, issue 12 point 10), and the one ``fit_columns`` every
table uses (issue 12 point 6).

Column widths come from the content: each column is as wide as its widest text among the rows loaded (a
sample of them for a long list) and the longest word of its header (headers wrap), up to a cap; the long-text
column stretches over what is left. What still does not fit is elided in the middle (``Qt.ElideMiddle``: the
start and the end of a reason or an address stay readable) and shown whole in the cell's tooltip. Widths are
computed once after a load or a language change, never on a filter keystroke.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.models.table import ROW_ROLE, SORT_ROLE, Column, RowsModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


#: the widest a column grows to fit its texts, in pixels (the stretch column takes the rest)
CAP = 340
#: the most rows ``keep_fitted(wrap=True)`` fits to their wrapped text: Qt measures every cell of every row, and a
#: refused file's 20,000 problems took 21 s to show and 12 s to follow a resize of the window (500: 0.8 s)
WRAPPED_ROWS = 500
#: the rows looked at: enough for the widths, few enough to stay instant on 10,000 residents
SAMPLE = 300
_PAD = 18          # the cell's margins
_HEADER_PAD = 26   # the header's margins and its sort arrow
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole


class FullTextTips(QStyledItemDelegate):
    """Shows a cell's whole text as its tooltip when the cell elides it (and the model gives no tooltip)."""

    def helpEvent(self, event, view, option: QStyleOptionViewItem, index) -> bool:  # noqa: N802 - Qt override
        if event is not None and event.type() == QEvent.Type.ToolTip and index.isValid() \
                and not index.data(_TOOLTIP):
            text = str(index.data(_DISPLAY) or "")
            if text and option.fontMetrics.horizontalAdvance(text) + _PAD > option.rect.width():
                QToolTip.showText(event.globalPos(), text, view)
                return True
        return super().helpEvent(event, view, option, index)


class WrappedColumn(QStyledItemDelegate):
    """The text of one column of a tree wrapped at the column's width, each row as tall as its text needs: Qt's
    own word wrap sizes a tree's row before it knows the column's width, so a long text stays one line and is cut
    ("Предоставление социально-бытовых услуг … по …" twenty times over). The rows are laid out again when the
    column is resized. (A table's rows follow their contents through ``keep_fitted(..., wrap=True)``.)"""

    def __init__(self, view: QTreeView, column: int) -> None:
        super().__init__(view)
        self.view, self.column = view, column
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setUniformRowHeights(False)
        view.header().sectionResized.connect(self._resized)
        view.setItemDelegate(self)

    def _resized(self, section: int, _old: int, _new: int) -> None:
        if section == self.column:
            self.view.doItemsLayout()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        if index.column() != self.column:
            return size
        text = str(index.data(_DISPLAY) or "")
        width = self.view.columnWidth(self.column) - _PAD
        if not text or width <= 0:
            return size
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 1 << 20), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(size.width(), max(size.height(), bounds.height() + 6))


def elide_in_the_middle(view: QAbstractItemView, tips: bool = True) -> None:
    """Long texts lose their middle, not their end; with ``tips`` the whole text is in the tooltip."""
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    if tips and type(view.itemDelegate()) is QStyledItemDelegate:  # a view with its own delegate keeps it
        view.setItemDelegate(FullTextTips(view))


def _texts(model: QAbstractItemModel, column: int, rows: Iterable[int]) -> Iterable[str]:
    root = QModelIndex()
    for row in rows:
        value = model.data(model.index(row, column, root), _DISPLAY)
        if value:
            yield str(value)


def content_width(view: QTableView, column: int, sample: int = SAMPLE) -> int:
    """The widest text of ``column`` among the first ``sample`` rows (each line of a multi-line text)."""
    model, fm = view.model(), view.fontMetrics()
    widest = 0
    seen: set[str] = set()
    for text in _texts(model, column, range(min(model.rowCount(), sample))):
        if text not in seen:
            seen.add(text)
            widest = max(widest, *(fm.horizontalAdvance(line) for line in text.split("\n")))
    return widest + _PAD + _badge(view, column) if widest else 0


def _badge(view: QTableView, column: int) -> int:
    """The extra width of a cell painted by a delegate of the column's own (a badge's rounded frame)."""
    return 16 if view.itemDelegateForColumn(column) is not None else 0


def header_width(view: QTableView, column: int) -> int:
    """What the header needs: its whole caption on one line, or, in a header that wraps (``table_view``), its
    longest word and at most three lines for a long caption."""
    header = view.horizontalHeader()
    text = str(view.model().headerData(column, Qt.Orientation.Horizontal, _DISPLAY) or "")
    fm = header.fontMetrics()
    if not int(header.defaultAlignment().value) & int(Qt.TextFlag.TextWordWrap.value):
        return fm.horizontalAdvance(text) + _HEADER_PAD
    words = max((fm.horizontalAdvance(w) for w in text.split()), default=0)
    return max(words, fm.horizontalAdvance(text) // 3) + _HEADER_PAD


def fit_columns(view: QTableView, stretch: int | None = None, cap: int = CAP, uncapped: Iterable[int] = (),
                sample: int = SAMPLE, tips: bool = True) -> None:
    """Size every column of ``view`` to its content and header, up to ``cap`` px (``uncapped`` columns, such as
    people's names, are never cut); ``stretch`` (the long text) takes the width left over. Call after a load
    and after a language change. ``tips=False`` leaves the cells' tooltips to the model (a delegate written in
    Python is called for every cell painted: the 10,000 residents list keeps Qt's own)."""
    model, header = view.model(), view.horizontalHeader()
    if model is None:
        return
    if stretch is not None and not 0 <= stretch < model.columnCount():
        raise ValueError(f"no column {stretch} to stretch: the table has {model.columnCount()}")
    elide_in_the_middle(view, tips)
    full = set(uncapped)
    header.setStretchLastSection(stretch is None)
    for column in range(model.columnCount()):
        if view.isColumnHidden(column):
            continue
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        width = max(content_width(view, column, sample), header_width(view, column))
        view.setColumnWidth(column, width if column in full else min(width, cap))


def is_elided(view: QTableView, index: QModelIndex | QPersistentModelIndex) -> bool:
    """The cell's text is wider than its column (tests use it: an order number must not be cut)."""
    text = str(index.data(_DISPLAY) or "")
    return view.fontMetrics().horizontalAdvance(text) + _PAD - 6 > view.columnWidth(index.column())


def keep_fitted(view: QTableView, stretch: int | None = None, cap: int = CAP, uncapped: Iterable[int] = (),
                wrap: bool = False) -> None:
    """``fit_columns`` once after each load of the rows (a reset of the model under the view's filter) and after
    a language change (new headers), at most once per turn of the event loop; filtering as you type re-sizes
    nothing. With ``wrap`` the ``stretch`` column's long texts wrap onto more lines (the rows grow to them)
    instead of losing their middle."""
    model = view.model()
    source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
    rows: QTimer | None = None
    if wrap and stretch is not None:
        view.setWordWrap(True)
        # a row of one line keeps the height of an unwrapped table's row, not the font's alone
        view.verticalHeader().setMinimumSectionSize(view.fontMetrics().height() + 8)

        def fit_rows() -> None:
            few = model.rowCount() <= WRAPPED_ROWS
            view.setWordWrap(few)  # many: a row a line, the long text cut in its middle and whole in its tooltip
            if few:
                view.resizeRowsToContents()

        rows = QTimer(view)
        rows.setSingleShot(True)
        rows.setInterval(0)
        rows.timeout.connect(fit_rows)
        source.modelReset.connect(rows.start)
        view.horizontalHeader().sectionResized.connect(lambda column, _old, _new: column == stretch and rows.start())

    def refit() -> None:  # the rows follow the columns' new widths (after a language change: new texts too)
        fit_columns(view, stretch, cap, uncapped)
        if rows is not None:
            rows.start()

    timer = QTimer(view)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(refit)
    source.modelReset.connect(timer.start)
    source.headerDataChanged.connect(timer.start)
    fit_columns(view, stretch, cap, uncapped)


class TableView(QTableView):
    """A table view (``table_view``) that never scrolls across to the columns ``FrozenColumns`` keeps in sight
    over it (``kept_in_sight``): a click there, a key or the search moving to one of them scrolls up or down only,
    and the columns the user scrolled to stay (Qt's "Frozen Column" example does the same in ``scrollTo``)."""

    kept_in_sight = 0

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802 - Qt's name
        if self.kept_in_sight and index.isValid() and index.column() < self.kept_in_sight:
            across = self.horizontalScrollBar().value()
            super().scrollTo(index, hint)
            self.horizontalScrollBar().setValue(across)
            return
        super().scrollTo(index, hint)


class FrozenColumns(QTableView):
    """The first ``frozen`` columns of ``view`` kept in sight while it scrolls across (Qt's "Frozen Column"
    example): a second view of the same model and selection laid over those columns, scrolled down with ``view``,
    its columns as wide and its rows as tall. It takes no focus (the keys stay with ``view``); a double click on it
    is ``view``'s, and so is its header's sorting."""

    def __init__(self, view: QTableView, frozen: int) -> None:
        super().__init__(view)
        self.main_view, self.frozen = view, frozen
        if isinstance(view, TableView):
            view.kept_in_sight = frozen  # moving to one of them scrolls up or down only
        self.setModel(view.model())
        self.setSelectionModel(view.selectionModel())
        self.setItemDelegate(view.itemDelegate())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setDefaultAlignment(view.horizontalHeader().defaultAlignment())
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(view.verticalScrollMode())
        self.setSelectionBehavior(view.selectionBehavior())
        self.setSelectionMode(view.selectionMode())
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(view.alternatingRowColors())
        self.setWordWrap(view.wordWrap())
        self.setTextElideMode(view.textElideMode())
        main_header, own_header = view.horizontalHeader(), self.horizontalHeader()
        # a click on this header turns its arrow (_own_sorted), and the view sorts the shared model once
        own_header.setSectionsClickable(view.isSortingEnabled())
        own_header.setSortIndicatorShown(view.isSortingEnabled())
        own_header.setHighlightSections(main_header.highlightSections())
        # a line where the columns that stay meet those that scroll under them
        self.setObjectName("frozen_columns")
        self.setStyleSheet("QTableView#frozen_columns { border: none; border-right: 2px solid palette(mid); }")
        own_header.setSortIndicator(main_header.sortIndicatorSection(), main_header.sortIndicatorOrder())
        # one arrow, on whichever header was clicked (bound methods: gone with this view, never called after it)
        main_header.sortIndicatorChanged.connect(self._main_sorted)
        own_header.sortIndicatorChanged.connect(self._own_sorted)
        main_header.sectionResized.connect(self._column_resized)
        view.verticalHeader().sectionResized.connect(self._row_resized)
        self.verticalScrollBar().valueChanged.connect(view.verticalScrollBar().setValue)
        view.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        view.horizontalScrollBar().valueChanged.connect(self._place)
        self.activated.connect(view.activated)
        self.doubleClicked.connect(view.doubleClicked)
        source = view.model()
        for signal in (source.modelReset, source.layoutChanged, source.columnsInserted, source.headerDataChanged):
            signal.connect(self._columns)
        view.viewport().stackUnder(self)
        view.installEventFilter(self)
        self._columns()

    def _columns(self, *_args) -> None:
        model = self.model()
        for column in range(model.columnCount()):
            self.setColumnHidden(column, column >= self.frozen)
            if column < self.frozen:
                self.setColumnWidth(column, self.main_view.columnWidth(column))
        # the rows as tall as the view's: its default (a reset gives every row that), then each one it resizes
        # (_row_resized); not row by row here, which would cost a journal of thousands of rows a second
        main_rows, own_rows = self.main_view.verticalHeader(), self.verticalHeader()
        own_rows.setMinimumSectionSize(main_rows.minimumSectionSize())
        own_rows.setDefaultSectionSize(main_rows.defaultSectionSize())
        self._place()

    def _main_sorted(self, section: int, order: Qt.SortOrder) -> None:
        self.horizontalHeader().setSortIndicator(section, order)

    def _own_sorted(self, section: int, order: Qt.SortOrder) -> None:
        self.main_view.horizontalHeader().setSortIndicator(section, order)

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.setRowHeight(row, new)

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.frozen:
            self.setColumnWidth(column, new)
            self._place()

    def _place(self, *_args) -> None:
        """Over the frozen columns, the header's height included; shown only while the view is scrolled across
        (unscrolled, the view shows those columns itself)."""
        view = self.main_view
        frame = view.frameWidth()
        width = sum(view.columnWidth(c) for c in range(min(self.frozen, view.model().columnCount())))
        self.horizontalHeader().setFixedHeight(view.horizontalHeader().height())
        self.setGeometry(view.verticalHeader().width() + frame, frame, width,
                         view.viewport().height() + view.horizontalHeader().height())
        self.setVisible(view.horizontalScrollBar().value() > 0 and width > 0)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.main_view and event.type() in (QEvent.Type.Resize, QEvent.Type.Show,
                                                           QEvent.Type.LayoutRequest):
            self._place()
        return super().eventFilter(watched, event)


def table_view(model: RowsModel, parent: QWidget) -> QTableView:
    """A read-only, sortable view of ``model`` behind a filtering proxy (search over every column)."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = TableView(parent)
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
            model = view.model()
            if isinstance(model, QSortFilterProxyModel):
                model.setFilterFixedString(text)

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

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
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
        self.uncapped: tuple[int, ...] = (0,)  # columns shown whole however wide (the first: a name)
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
        fit_columns(self.view, uncapped=self.uncapped)
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
        fit_columns(self.view, uncapped=self.uncapped)
        self._count()


def install_keys(owner: QWidget, panels: Sequence[TablePanel], add: dict[TablePanel, Callable[[], object]]) -> None:
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
