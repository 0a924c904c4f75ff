"""Column widths from the content: the one ``fit_columns`` every table uses (issue 12 points 6 and 10).

Each column is as wide as its widest text among the rows loaded (a sample of them for a long list) and the
longest word of its header (headers wrap), up to a cap; the long-text column stretches over what is left.
What still does not fit is elided in the middle (``Qt.ElideMiddle``: the start and the end of a reason or an
address stay readable) and shown whole in the cell's tooltip. Widths are computed once after a load or a
language change, never on a filter keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

#: the widest a column grows to fit its texts, in pixels (the stretch column takes the rest)
CAP = 340
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
    timer = QTimer(view)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(lambda: fit_columns(view, stretch, cap, uncapped))
    source.modelReset.connect(timer.start)
    source.headerDataChanged.connect(timer.start)
    if wrap and stretch is not None:
        view.setWordWrap(True)
        rows = QTimer(view)
        rows.setSingleShot(True)
        rows.setInterval(0)
        rows.timeout.connect(view.resizeRowsToContents)
        source.modelReset.connect(rows.start)
        view.horizontalHeader().sectionResized.connect(lambda column, _old, _new: column == stretch and rows.start())
    fit_columns(view, stretch, cap, uncapped)
