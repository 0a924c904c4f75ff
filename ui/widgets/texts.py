"""Small text helpers the screens and dialogs share (moved from ui/views/plans.py, issue 12 point 10)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ui.i18n import fdate


def period_text(start: dt.date | None, end: dt.date | None) -> str:
    return f"{fdate(start)} – {fdate(end)}" if start or end else ""


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class ElidedLabel(QLabel):
    """One line of text cut with «…» to the width the layout gives it (the full text in its tooltip), asking for no
    width of its own: a long value beside a form's fields does not widen the page past the screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(0, self.width())))
