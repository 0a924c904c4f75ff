"""Buttons the screens share: a plain one added to a button row, and one with a translated &mnemonic and a
keyboard shortcut (moved from ui/views/plans.py and ui/views/queue.py, issue 12 point 10)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from app.i18n import _


def action_button(parent_layout: QHBoxLayout, slot: Callable[[], Any]) -> QPushButton:
    b = QPushButton()
    b.clicked.connect(slot)
    parent_layout.addWidget(b)
    return b


class ActionButton(QPushButton):
    """A button with a translated &mnemonic and a keyboard shortcut active while ``page`` shows."""

    def __init__(self, page: QWidget, msgid: str, key: str, slot: Callable[[], object]) -> None:
        super().__init__(page)
        self.msgid, self.key = msgid, QKeySequence(key)
        self.clicked.connect(lambda _checked=False: slot())
        shortcut = QShortcut(self.key, page)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.click)  # click() does nothing while the button is disabled
        self.retranslate_ui()

    def hint(self) -> str:
        """The button's own tooltip: what it does and its key."""
        return f"{_(self.msgid).replace('&', '')} ({self.key.toString(QKeySequence.SequenceFormat.NativeText)})"

    def retranslate_ui(self) -> None:
        self.setText(_(self.msgid))
        self.setToolTip(self.hint())
