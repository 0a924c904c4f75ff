"""Form building blocks: labelled fields with inline errors, dates that may be empty, and one
place that turns a refused service call into a message next to the field at fault."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from app.domain.errors import DomainError, SessionEnded
from app.i18n import _

EMPTY_DATE = QDate(1900, 1, 1)
ERROR_STYLE = "border: 1px solid #c0392b;"


class DateField(QDateEdit):
    """A date with a calendar pop-up, dd.MM.yyyy; ``optional`` lets it be empty."""

    def __init__(self, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd.MM.yyyy")
        self.optional = optional
        if optional:
            self.setMinimumDate(EMPTY_DATE)
            self.setSpecialValueText(" ")
            self.setDate(EMPTY_DATE)
        else:
            self.setDate(QDate.currentDate())

    def value(self) -> dt.date | None:
        d = self.date()
        if self.optional and d == EMPTY_DATE:
            return None
        return dt.date(d.year(), d.month(), d.day())

    def set_value(self, day: dt.date | None) -> None:
        self.setDate(QDate(day.year, day.month, day.day) if day else (EMPTY_DATE if self.optional else QDate.currentDate()))


class EnumCombo(QComboBox):
    """A combo over a LabelledEnum, labels in the current language; ``optional`` adds an empty first item."""

    def __init__(self, enum_cls, optional: bool = False, parent: QWidget | None = None,
                 text: Callable[[Any], str] | None = None) -> None:
        super().__init__(parent)
        self.enum_cls, self.optional = enum_cls, optional
        self.text_of = text or (lambda member: member.text())  # how a member reads (some depend on the type)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        current = self.value()
        self.blockSignals(True)
        self.clear()
        if self.optional:
            self.addItem("", None)
        for member in self.enum_cls:
            self.addItem(self.text_of(member), member)
        self.set_value(current)
        self.blockSignals(False)

    def value(self):
        """The enum member (Qt hands str-based enums back as plain strings)."""
        data = self.currentData()
        return None if data is None else self.enum_cls(data)

    def set_value(self, member) -> None:
        idx = self.findData(member)
        self.setCurrentIndex(max(idx, 0))


class Form(QWidget):
    """Rows of (field code, label msgid, widget) with an error label under each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._rows: dict[str, tuple[str, QLabel, QWidget, QLabel]] = {}
        self._mnemonics: dict[str, str] = {}  # field → its Alt letter, unique within the form

    def add(self, field: str, label: str, widget: QWidget, required: bool = False) -> QWidget:
        lab = QLabel()
        lab.setBuddy(widget)
        err = QLabel()
        err.setStyleSheet("color: #c0392b;")
        err.setWordWrap(True)
        err.hide()
        box = QWidget()
        from PySide6.QtWidgets import QVBoxLayout

        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(widget)
        v.addWidget(err)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.layout_.addRow(lab, box)
        widget.setObjectName(field)
        self._rows[field] = (label + (" *" if required else ""), lab, widget, err)
        self._label_text(field)
        for signal in ("textChanged", "dateChanged", "currentIndexChanged", "valueChanged"):
            if hasattr(widget, signal):
                getattr(widget, signal).connect(lambda *_a, f=field: self.clear_error(f))
                break
        return widget

    def _label_text(self, field: str) -> None:
        label, lab, _w, _e = self._rows[field]
        star = label.endswith(" *")
        text = _(label[:-2] if star else label)
        used = {v for f, v in self._mnemonics.items() if f != field}
        pos = next((i for i, c in enumerate(text) if c.isalpha() and c.casefold() not in used), None)
        if pos is None:
            self._mnemonics.pop(field, None)
        else:
            self._mnemonics[field] = text[pos].casefold()
            text = text[:pos] + "&" + text[pos:]
        lab.setText(text + (" *" if star else ""))

    def widget(self, field: str) -> QWidget:
        return self._rows[field][2]

    def retranslate_ui(self) -> None:
        self._mnemonics.clear()
        for field, (_label, _lab, widget, _err) in self._rows.items():
            self._label_text(field)
            if hasattr(widget, "retranslate_ui"):
                widget.retranslate_ui()

    def set_error(self, field: str | None, text: str) -> bool:
        """Show ``text`` under the field; returns False when the form has no such field."""
        if field not in self._rows:
            return False
        _l, _lab, widget, err = self._rows[field]
        err.setText(text)
        err.show()
        widget.setStyleSheet(ERROR_STYLE)
        widget.setFocus()
        return True

    def error(self, field: str) -> str:
        """The message shown under ``field`` ("" when none is)."""
        _l, _lab, _w, err = self._rows[field]
        return err.text() if not err.isHidden() else ""

    def clear_error(self, field: str) -> None:
        _l, _lab, widget, err = self._rows[field]
        err.hide()
        widget.setStyleSheet("")

    def clear_errors(self) -> None:
        for f in self._rows:
            self.clear_error(f)


def line(text: str = "", placeholder: str | None = None, max_length: int | None = None) -> QLineEdit:
    w = QLineEdit(text)
    if placeholder:
        w.setPlaceholderText(placeholder)
    if max_length:
        w.setMaxLength(max_length)
    return w


def text_box(height: int = 60) -> QPlainTextEdit:
    w = QPlainTextEdit()
    w.setFixedHeight(height)
    w.setTabChangesFocus(True)
    return w


def spin(lo: int, hi: int, value: int = 0) -> QSpinBox:
    w = QSpinBox()
    w.setRange(lo, hi)
    w.setValue(value)
    return w


def offer_sign_in(parent: QWidget | None, exc: BaseException) -> bool:
    """A write refused because the user's session ended (e.g. the director reset their password): the
    window that owns the session (an ancestor with ``session_ended``) offers to sign in again, keeping
    what was typed. Returns whether it was handled that way."""
    if not isinstance(exc, SessionEnded):
        return False
    widget = parent
    while widget is not None:
        handler = getattr(widget, "session_ended", None)
        if callable(handler):
            handler(exc.render())
            return True
        widget = widget.parentWidget()
    return False


def show_refusal(parent: QWidget, exc: BaseException, form: Form | None = None) -> None:
    """A refused call: next to the field when the form has it, else a message box. Never a traceback."""
    if offer_sign_in(parent, exc):
        return
    if isinstance(exc, DomainError):
        text = exc.render()
        if form is not None and form.set_error(exc.field, text):
            return
        QMessageBox.warning(parent, _("The change was not saved"), text)
    else:
        from ui.widgets.failures import show_unexpected

        show_unexpected(parent, exc)


def attempt(parent: QWidget, action: Callable[[], object], form: Form | None = None):
    """Run a service call; on refusal show why and return None (the dialog keeps what was typed)."""
    if form is not None:
        form.clear_errors()
    try:
        return action()
    except Exception as exc:  # shown to the user; the service already rolled back
        show_refusal(parent, exc, form)
        return None


def set_bold(label: QLabel, size_delta: int = 0) -> QLabel:
    f = label.font()
    f.setBold(True)
    f.setPointSize(f.pointSize() + size_delta)
    label.setFont(f)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
