"""The navigation list: one row per main screen with its icon, grouped under section headers.

The headers are drawn above the first row of each section by the delegate, not kept as rows of their own,
so that row *n* stays screen *n*: Ctrl+1 … Ctrl+0, the arrow keys (Up and Down move from screen to screen,
never onto a header) and everything that selects a row by number keep working."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QFontMetrics, QIcon, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.i18n import _
from ui.widgets import style
from ui.widgets.icons import icon

SECTION_ROLE = Qt.ItemDataRole.UserRole + 40  # the msgid of the section a row opens (on its first row only)
ROW_HEIGHT = 30
HEADER_HEIGHT = 28


class NavigationDelegate(QStyledItemDelegate):
    def _header(self, index: QModelIndex | QPersistentModelIndex) -> str:
        msgid = index.data(SECTION_ROLE)
        return _(msgid) if msgid else ""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802 - Qt override
        size = super().sizeHint(option, index)
        height = max(size.height(), ROW_HEIGHT)
        if index.data(SECTION_ROLE):
            height += HEADER_HEIGHT + (0 if index.row() == 0 else 6)
        return QSize(size.width(), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        header = self._header(index)
        opt = QStyleOptionViewItem(option)
        if header:
            top = HEADER_HEIGHT + (0 if index.row() == 0 else 6)
            area = QRect(option.rect.left() + style.SPACE["s"], option.rect.top() + top - HEADER_HEIGHT,
                         option.rect.width() - 2 * style.SPACE["s"], HEADER_HEIGHT)
            painter.save()
            painter.setFont(style.font("small", bold=True))
            painter.setPen(option.palette.color(option.palette.ColorRole.PlaceholderText))
            painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), header.upper())
            painter.restore()
            opt.rect = option.rect.adjusted(0, top + 2, 0, 0)
        # a rounded, calm highlight of the row itself (not of the header above it)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        hovered = bool(opt.state & QStyle.StateFlag.State_MouseOver)
        if selected or hovered:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(option.palette.highlight() if selected else option.palette.alternateBase())
            painter.drawRoundedRect(opt.rect.adjusted(2, 1, -2, -1), 6, 6)
            painter.restore()
        opt.state &= ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_MouseOver
                       | QStyle.StateFlag.State_HasFocus)
        self.initStyleOption(opt, index)
        opt.state &= ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_MouseOver
                       | QStyle.StateFlag.State_HasFocus)
        opt.backgroundBrush = QBrush(Qt.BrushStyle.NoBrush)
        if selected:
            opt.palette.setColor(opt.palette.ColorRole.Text, option.palette.color(option.palette.ColorRole.HighlightedText))
            opt.icon = QIcon(opt.icon.pixmap(opt.decorationSize, QIcon.Mode.Selected))
        opt.rect = opt.rect.adjusted(style.SPACE["s"], 0, 0, 0)
        widget = option.widget
        widget_style = widget.style() if widget is not None else None
        if widget_style is not None:
            widget_style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if selected and option.state & QStyle.StateFlag.State_HasFocus and widget is not None and widget.hasFocus():
            painter.save()  # the keyboard focus shows as a ring, so the keyboard user sees where they are
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(option.palette.color(option.palette.ColorRole.HighlightedText))
            painter.drawRoundedRect(opt.rect.adjusted(-style.SPACE["s"] + 4, 3, -4, -3), 4, 4)
            painter.restore()


class Navigation(QListWidget):
    """The screens' list: ``entries`` are (icon name, title msgid) in screen order, ``sections`` the row each
    section starts at and its title msgid."""

    def __init__(self, entries: Sequence[tuple[str, str]], sections: Sequence[tuple[int, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setFrameShape(QFrame.Shape.NoFrame)  # white on the window's grey: the edge is the colour's
        self.entries = list(entries)
        self.sections = dict(sections)
        self.setItemDelegate(NavigationDelegate(self))
        self.setIconSize(QSize(20, 20))
        self.setMouseTracking(True)
        self.setUniformItemSizes(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for row, (name, _title) in enumerate(self.entries):
            item = QListWidgetItem(icon(name), "")
            if row in self.sections:
                item.setData(SECTION_ROLE, self.sections[row])
            self.addItem(item)

    def section_of(self, row: int) -> str:
        """The msgid of the section ``row`` belongs to."""
        return self.sections[max(r for r in self.sections if r <= row)]

    def retranslate_ui(self) -> None:
        for row, (_name, title) in enumerate(self.entries):
            self.item(row).setText(_(title))
            self.item(row).setToolTip(_(title))
        # as narrow as the longest title allows (the screens need the width): icon, gaps, text, the frame
        text = max(self.fontMetrics().horizontalAdvance(_(t)) for _n, t in self.entries)
        header_metrics = QFontMetrics(style.font("small", bold=True))
        header = max(header_metrics.horizontalAdvance(_(m).upper()) for m in self.sections.values())
        self.setFixedWidth(max(180, text + self.iconSize().width() + 32, header + 3 * style.SPACE["s"]))
        self.doItemsLayout()
        self.viewport().update()
