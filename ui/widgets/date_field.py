"""The one date field of the program (issue 12, point 1): typed as people type dates (``15.03.1945``,
``15031945``, ``15.3.45``), stepped with the arrow keys (Up/Down change the day, month or year under the
cursor), left with Tab, and picked from a calendar that opens near a sensible date (birth dates near
1950, events near today). Text that is not a date stays as typed, with a message under the field, until
it is corrected; it is never emptied silently.

The reading of the text is a pure rule (app.domain.typed_dates); this module is only the widget."""

from __future__ import annotations

import datetime as dt
import weakref

import shiboken6
from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.typed_dates import DateKind, calendar_start, format_typed_date, parse_typed_date, step
from app.i18n import N_, M, Message, _, on_language_changed

ERROR_COLOUR = "#c0392b"
BAD_TEXT = N_("\"{text}\" is not a date; type the day, month and year, for example {example}.")
NO_DATE = N_("Enter a date, for example {example}.")


class DateField(QWidget):
    """A date typed as dd.mm.yyyy (or shorter), with a calendar button; ``optional`` lets it be empty.

    ``value()`` is the date shown (None when an optional field is empty); while the text is not a date it
    is the last date the field held, and ``problem()`` says what is wrong (a form refuses to save then).
    ``dateChanged`` is emitted when the date changes: on leaving the field or pressing Enter after typing,
    on an arrow key, a calendar click or ``set_value``."""

    dateChanged = Signal(object)  # noqa: N815 - the Qt name, as QDateEdit had it
    textChanged = Signal(str)  # noqa: N815 - lets a form clear its message as the user types

    def __init__(self, optional: bool = False, parent: QWidget | None = None, *,
                 kind: DateKind = DateKind.EVENT) -> None:
        super().__init__(parent)
        self.optional, self.kind = optional, kind
        self._value: dt.date | None = None if optional else dt.date.today()
        self._problem: Message | None = None
        self.edit = QLineEdit(format_typed_date(self._value))
        self.edit.setMaxLength(24)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00.00.00000") + 16)
        self.edit.installEventFilter(self)
        self.edit.editingFinished.connect(self.commit)
        self.edit.textChanged.connect(self.textChanged)
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the text to the next field
        self.button.clicked.connect(self.open_calendar)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(row)
        lay.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.calendar: QCalendarWidget | None = None
        me = weakref.ref(self)  # the language listener does not keep the field alive

        def follow(_lang: str) -> None:
            field = me()
            if field is not None and shiboken6.isValid(field):
                field.retranslate_ui()

        remove = on_language_changed(follow)
        self.destroyed.connect(lambda *_a: remove())  # unregistered when the field goes
        self.retranslate_ui()

    # --- value ------------------------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - like QLineEdit
        self.edit.setText(text)

    def _parsed(self) -> tuple[bool, dt.date | None]:
        """(whether the text is acceptable, the date it gives)."""
        text = self.edit.text().strip()
        if not text:
            return self.optional, None
        day = parse_typed_date(text, self.kind)
        return day is not None, day

    def value(self) -> dt.date | None:
        ok, day = self._parsed()
        return day if ok else self._value

    def set_value(self, day: dt.date | None) -> None:
        if day is None and not self.optional:
            day = dt.date.today()
        self.edit.setText(format_typed_date(day))
        self.commit()

    def problem(self) -> str | None:
        """What is wrong with the text, in the current language (None when nothing is)."""
        ok, _day = self._parsed()
        if ok:
            return None
        return self._problem_message().render()

    def _problem_message(self) -> Message:
        example = format_typed_date(calendar_start(self.kind) if self.kind == DateKind.BIRTH else dt.date.today())
        text = self.edit.text().strip()
        return M(BAD_TEXT, text=text, example=example) if text else M(NO_DATE, example=example)

    def commit(self) -> None:
        """Read the text: a date is shown as dd.mm.yyyy and becomes the value; anything else stays with its
        message under the field."""
        ok, day = self._parsed()
        if not ok:
            self._show_problem(self._problem_message())
            return
        self._show_problem(None)
        if day is not None and self.edit.text() != format_typed_date(day):
            pos = self.edit.cursorPosition()
            self.edit.setText(format_typed_date(day))
            self.edit.setCursorPosition(min(pos, len(self.edit.text())))
        if day != self._value:
            self._value = day
            self.dateChanged.emit(day)

    def _show_problem(self, problem: Message | None) -> None:
        self._problem = problem
        self.message.setText(problem.render() if problem else "")
        self.message.setVisible(problem is not None)
        self.edit.setStyleSheet(f"border: 1px solid {ERROR_COLOUR};" if problem else "")
        self.updateGeometry()

    def shown_problem(self) -> str:
        """The message under the field ('' when none is shown)."""
        return self.message.text() if self._problem else ""

    def isReadOnly(self) -> bool:  # noqa: N802 - like QLineEdit
        return self.edit.isReadOnly()

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - like QLineEdit: shown, not changed
        self.edit.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    # --- keyboard ---------------------------------------------------------------------------------
    def part_at_cursor(self) -> str:
        """"day", "month" or "year": the part of the date the cursor is in (in 15.03.1945, 15.3.45 or 15031945)."""
        text, pos = self.edit.text(), self.edit.cursorPosition()
        if text.strip().isdigit():
            return "day" if pos < 2 else "month" if pos < 4 else "year"
        separators = sum(1 for i, c in enumerate(text[:pos]) if not c.isdigit() and (i == 0 or text[i - 1].isdigit()))
        return ("day", "month", "year")[min(separators, 2)]

    def step_by(self, delta: int) -> None:
        """Up/Down: the day, month or year under the cursor one up or down (a field that is empty or not a date
        starts from its last date, or where its calendar would open)."""
        ok, day = self._parsed()
        if not ok or day is None:
            self.edit.setText(format_typed_date(self._value or calendar_start(self.kind)))
            self.edit.setCursorPosition(0)
            self.commit()
            return
        part, pos = self.part_at_cursor(), self.edit.cursorPosition()
        if self.edit.text() != format_typed_date(day):  # 15.3.45 → 15.03.1945: the cursor stays in its part
            pos = {"day": 0, "month": 3, "year": 6}[part]
        self.edit.setText(format_typed_date(step(day, part, delta)))
        self.edit.setCursorPosition(min(pos, len(self.edit.text())))
        self.commit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, mods = event.key(), event.modifiers()
            if self.edit.isReadOnly():
                return super().eventFilter(watched, event)
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods & Qt.KeyboardModifier.AltModifier:
                self.step_by(1 if key == Qt.Key.Key_Up else -1)
                return True
            if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    # --- calendar ---------------------------------------------------------------------------------
    def open_calendar(self) -> QCalendarWidget:
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        ok, day = self._parsed()
        start = day if ok and day else (self._value if not self.optional else None) or calendar_start(self.kind)
        self.calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        self.calendar.setCurrentPage(start.year, start.month)
        self.calendar.move(self.edit.mapToGlobal(QPoint(0, self.edit.height())))
        self.calendar.show()
        self.calendar.setFocus()
        return self.calendar

    def _picked(self, day: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        self.set_value(dt.date(day.year(), day.month(), day.day()))
        self.edit.setFocus()

    def retranslate_ui(self) -> None:
        self.edit.setPlaceholderText(_("dd.mm.yyyy"))
        self.button.setToolTip(_("Choose the date in a calendar (F4)"))
        if self._problem is not None:
            self.message.setText(self._problem.render())


class DateTimeField(QWidget):
    """A date typed as in DateField and a time (HH:mm) beside it, set to now: when an application was received."""

    dateChanged = Signal(object)  # noqa: N815 - as DateField
    textChanged = Signal(str)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        now = dt.datetime.now()
        self.date = DateField()
        self.time = QTimeEdit(QTime(now.hour, now.minute))
        self.time.setDisplayFormat("HH:mm")
        self.date.dateChanged.connect(lambda _d: self.dateChanged.emit(self.value()))
        self.time.timeChanged.connect(lambda _t: self.dateChanged.emit(self.value()))
        self.date.textChanged.connect(self.textChanged)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date, 1)
        row.addWidget(self.time, 0, Qt.AlignmentFlag.AlignTop)
        self.setFocusProxy(self.date)
        self.setTabOrder(self.date.edit, self.time)

    def text(self) -> str:
        return self.date.text()

    def problem(self) -> str | None:
        return self.date.problem()

    def commit(self) -> None:
        self.date.commit()

    def shown_problem(self) -> str:
        return self.date.shown_problem()

    @property
    def edit(self) -> QLineEdit:
        return self.date.edit

    def value(self) -> dt.datetime:
        t = self.time.time()
        return dt.datetime.combine(self.date.value() or dt.date.today(), dt.time(t.hour(), t.minute()))

    def set_value(self, moment: dt.datetime) -> None:
        self.time.setTime(QTime(moment.hour, moment.minute))
        self.date.set_value(moment.date())

    def retranslate_ui(self) -> None:
        self.date.retranslate_ui()
