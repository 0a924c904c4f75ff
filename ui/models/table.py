"""One table model per list: column specs with translated headers, a sort role, plain rows.

Rows are plain objects from the services (dataclasses); a model never runs SQL itself.
Headers are translated inside ``headerData``, so a language switch is one
``headerDataChanged`` (``retranslate``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain.names import name_key
from app.i18n import _
from ui.i18n import without_rules

R = TypeVar("R")

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


#: the text colour of a muted row (a staff member taken off the list, a switched-off account)
MUTED = QColor("#8a8a8a")
#: deadline state → (background, text) colours: overdue red, due today amber
STATE_COLOURS = {"overdue": ("#f8d7da", "#842029"), "due": ("#ffe8a8", "#6b4e00")}

_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_ALIGN = Qt.ItemDataRole.TextAlignmentRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_ROLES = frozenset({_ALIGN, _TOOLTIP, _BACKGROUND, _FOREGROUND, int(SORT_ROLE), int(ROW_ROLE)})


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str                             # msgid, translated in headerData
    text: Callable[[R], str]                # display text (made when first shown: follows the language)
    sort: Callable[[R], Any] | None = None  # sort key (defaults to the text)
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    tooltip: Callable[[R], str] | None = None
    state: Callable[[R], str | None] | None = None  # a key of STATE_COLOURS: the cell is coloured


def name_column(header: str, text: Callable[[R], str], **kw: Any) -> Column[R]:
    """A column of people's names: sorted in Kazakh alphabetical order (the sort role gives the name's key,
    app.domain.names), not by code point (which puts Ә after Я)."""
    return Column(header, text, sort=lambda r: name_key(text(r)), **kw)


class ColumnsModel(QAbstractTableModel, Generic[R]):
    """Plain rows under column specs, read-only. A cell's text is made the first time the view asks
    for it and kept until the rows or the language change: a repaint (a keystroke's filter, a
    scroll back) formats no date twice. Rows for which ``muted(row)`` is true are greyed."""

    def __init__(self, columns: Sequence[Column[R]], parent=None, muted: Callable[[R], bool] | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.muted = muted
        self._aligns = [int(c.align.value) for c in self.columns]  # asked for every cell painted
        self._plain = [c.state is None for c in self.columns]      # no colour of their own
        self._rows: list[R] = []
        self._texts: dict[tuple[int, int], str] = {}

    def _reset_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts.clear()
        self.endResetModel()

    def row(self, index: int) -> R:
        return self._rows[index]

    def rows(self) -> list[R]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY:
            key = (index.row(), index.column())
            text = self._texts.get(key)
            if text is None and 0 <= key[0] < len(self._rows):
                text = self._texts[key] = self.columns[key[1]].text(self._rows[key[0]])
            return text
        if role == _ALIGN:
            c = index.column()
            return self._aligns[c] if 0 <= c < len(self._aligns) and 0 <= index.row() < len(self._rows) else None
        if role not in _ROLES:  # the view asks for a dozen roles per cell: most have nothing
            return None
        if (role == _BACKGROUND or role == _FOREGROUND) and self.muted is None and self._plain[index.column()]:
            return None
        r = index.row()
        if not 0 <= r < len(self._rows):
            return None
        row, col = self._rows[r], self.columns[index.column()]
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            sort_key = col.sort(row) if col.sort else col.text(row)
            return "" if sort_key is None else sort_key
        if role == _TOOLTIP:
            return col.tooltip(row) if col.tooltip else None
        if role == _FOREGROUND and self.muted is not None and self.muted(row):
            return MUTED
        if col.state:  # background or foreground
            colours = STATE_COLOURS.get(col.state(row) or "")
            if colours:
                return QColor(colours[0 if role == _BACKGROUND else 1])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = _DISPLAY) -> Any:
        if role != _DISPLAY and role != _TOOLTIP:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            full = _(self.columns[section].header)  # a rule's code ("Late (R-15)") only in the header's tooltip
            plain = without_rules(full)
            if role == _TOOLTIP:
                return full if plain != full else None
            return plain
        if orientation == Qt.Orientation.Vertical and role == _DISPLAY:
            return str(section + 1)
        return None

    def retranslate(self) -> None:
        """Headers and texts follow the current language."""
        self._texts.clear()
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))


class RowsModel(ColumnsModel[R]):
    """A read-only model over a list of plain rows."""

    def set_rows(self, rows: Sequence[R]) -> None:
        self._reset_rows(rows)
