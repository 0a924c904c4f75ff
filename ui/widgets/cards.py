"""A number card: an icon, a big number and its caption, that opens the screen behind the number.

A card takes the keyboard focus like a button (Tab), opens with Enter, Return or Space as well as with a
click, and says what it opens in its tooltip and accessible name."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.i18n import _
from ui.i18n import fnumber
from ui.widgets import style
from ui.widgets.icons import icon

OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class Card(QFrame):
    """``caption`` and ``opens`` are msgids: what the number counts, and what a click shows."""

    activated = Signal()

    def __init__(self, caption: str, icon_name: str, opens: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption, self.opens = caption, opens
        self.value: int | None = None
        self.setObjectName("card")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.icon = QLabel()
        self.icon.setPixmap(icon(icon_name, style.ACCENT).pixmap(QSize(24, 24)))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.number, self.label = QLabel("–"), QLabel()
        self.number.setObjectName("cardNumber")
        self.number.setFont(style.font("number", bold=True))
        self.label.setObjectName("cardCaption")
        style.muted(self.label)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.setMinimumHeight(self.label.fontMetrics().lineSpacing() * 2)  # every card as tall: one or two lines
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.number)
        text.addWidget(self.label)
        row = QHBoxLayout(self)
        row.setContentsMargins(style.SPACE["m"], style.SPACE["xs"] + 2, style.SPACE["m"], style.SPACE["xs"] + 2)
        row.setSpacing(style.SPACE["s"])
        row.addLayout(text, 1)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        self.retranslate_ui()

    def set_value(self, value: int) -> None:
        self.value = value
        self.number.setText(fnumber(value))
        self._describe()

    def _describe(self) -> None:
        what = f"{_(self.caption)}: {self.number.text()}"
        tip = f"{what}\n{_(self.opens)}" if self.opens else what
        self.setToolTip(tip)
        self.setAccessibleName(what)
        self.setAccessibleDescription(_(self.opens) if self.opens else "")

    def retranslate_ui(self) -> None:
        self.label.setText(_(self.caption))
        if self.value is not None:
            self.number.setText(fnumber(self.value))
        self._describe()

    # --- a button's look and behaviour --------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override: white, the accent when hovered or focused
        if self.hasFocus():
            style.paint_panel(self, style.SURFACE, style.ACCENT, 2)
        elif self.underMouse():
            style.paint_panel(self, style.ACCENT_SOFT, style.ACCENT)
        else:
            style.paint_panel(self, style.SURFACE, style.BORDER)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.update()

    def enterEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().enterEvent(event)
        self.update()

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().leaveEvent(event)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.activated.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in OPEN_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.activated.emit()
            event.accept()
            return
        super().keyPressEvent(event)
