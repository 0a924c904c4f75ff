"""Issue 12, point 1: the one date field — typed forms, the keyboard, Tab, the calendar, the message for
text that is not a date, and the IIN filling the date of birth and sex in the resident and queue forms."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from app import i18n
from app.domain.enums import Sex
from app.domain.identity import make_iin
from app.domain.typed_dates import DateKind
from app.services.base import today
from ui.dialogs.movements import AdmitDialog
from ui.dialogs.queue_dialogs import RegisterDialog
from ui.widgets.date_field import DateField

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing)")  # offscreen


def window(qtbot, *fields: QWidget) -> QWidget:
    """The fields one under another in an active window, then a plain line (where Tab goes next)."""
    w = QWidget()
    lay = QVBoxLayout(w)
    for f in fields:
        lay.addWidget(f)
    after = QLineEdit()
    lay.addWidget(after)
    w.after = after
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def type_into(qtbot, field: DateField, text: str) -> None:
    field.edit.setFocus()
    field.edit.selectAll()
    QTest.keyClicks(field.edit, text)


@pytest.mark.parametrize("typed", ["15.03.1945", "15031945", "15.3.45"])
def test_each_typed_form_of_a_birth_date_reads_15_03_1945_and_tab_leaves_the_field(qtbot, typed):
    field = DateField(optional=True, kind=DateKind.BIRTH)
    w = window(qtbot, field)
    type_into(qtbot, field, typed)
    assert field.edit.text() == typed  # shown as typed while typing
    QTest.keyClick(field.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: w.after.hasFocus())  # Tab leaves the date field
    assert field.value() == dt.date(1945, 3, 15)
    assert field.text() == "15.03.1945" and not field.shown_problem()


def test_a_two_digit_year_of_an_event_is_near_today(qtbot):
    field = DateField()
    _w = window(qtbot, field)  # noqa: F841 - kept alive
    type_into(qtbot, field, f"5.1.{today().year % 100:02d}")
    field.commit()
    assert field.value() == dt.date(today().year, 1, 5)


def test_arrows_change_the_day_month_or_year_under_the_cursor(qtbot):
    field = DateField(optional=True, kind=DateKind.BIRTH)
    _w = window(qtbot, field)  # noqa: F841 - kept alive
    changes = []
    field.dateChanged.connect(changes.append)
    field.set_value(dt.date(1945, 3, 15))
    field.edit.setFocus()
    field.edit.setCursorPosition(1)  # in the day
    QTest.keyClick(field.edit, Qt.Key.Key_Up)
    assert field.value() == dt.date(1945, 3, 16)
    field.edit.setCursorPosition(4)  # in the month
    QTest.keyClick(field.edit, Qt.Key.Key_Up)
    assert field.value() == dt.date(1945, 4, 16)
    field.edit.setCursorPosition(8)  # in the year
    QTest.keyClick(field.edit, Qt.Key.Key_Down)
    assert field.value() == dt.date(1944, 4, 16) and field.text() == "16.04.1944"
    assert field.edit.cursorPosition() == 8  # the cursor stays in the year
    assert changes[-3:] == [dt.date(1945, 3, 16), dt.date(1945, 4, 16), dt.date(1944, 4, 16)]
    field.edit.setText("15.3.45")  # as typed: the arrows read it first
    field.edit.setCursorPosition(3)
    QTest.keyClick(field.edit, Qt.Key.Key_Up)
    assert field.text() == "15.04.1945"


def test_text_that_is_not_a_date_stays_with_a_message_under_the_field(qtbot, translator):
    i18n.set_language("ru")
    field = DateField()
    w = window(qtbot, field)
    field.set_value(dt.date(2026, 3, 1))
    type_into(qtbot, field, "31.02.2026")
    QTest.keyClick(field.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: w.after.hasFocus())
    assert field.text() == "31.02.2026"  # not emptied, not replaced
    assert field.message.isVisible()
    assert field.shown_problem() == f"«31.02.2026» — не дата; введите день, месяц и год, например {today():%d.%m.%Y}."
    assert field.problem() == field.shown_problem()
    i18n.set_language("kk")
    assert field.shown_problem().startswith("«31.02.2026» күн емес")
    type_into(qtbot, field, "28.02.2026")
    QTest.keyClick(field.edit, Qt.Key.Key_Return)
    assert not field.message.isVisible() and field.value() == dt.date(2026, 2, 28)


def test_the_calendar_opens_near_1950_for_a_birth_date_and_at_today_for_an_event(qtbot):
    birth, event = DateField(optional=True, kind=DateKind.BIRTH), DateField()
    _w = window(qtbot, birth, event)  # noqa: F841 - kept alive
    cal = birth.open_calendar()
    assert (cal.yearShown(), cal.monthShown()) == (1950, 1)
    cal.hide()
    cal = event.open_calendar()
    assert (cal.yearShown(), cal.monthShown()) == (today().year, today().month)
    picked = today().replace(day=1)
    cal.clicked.emit(QDate(picked.year, picked.month, picked.day))
    assert event.value() == picked and not cal.isVisible()


def _type_iin(qtbot, edit: QLineEdit, iin: str) -> None:
    edit.setFocus()
    QTest.keyClicks(edit, iin[:7])


def test_r32_the_iin_fills_birth_date_and_sex_as_it_is_typed_in_the_resident_form(empty_ctx, qtbot):
    dlg = AdmitDialog(empty_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    f = dlg.form.widget
    iin = make_iin(dt.date(1948, 3, 8), Sex.FEMALE, 12)
    _type_iin(qtbot, f("iin"), iin)  # seven digits: the date and the century digit
    assert f("birth_date").value() == dt.date(1948, 3, 8) and f("birth_date").text() == "08.03.1948"
    assert f("sex").value() == Sex.FEMALE


def test_r32_the_iin_fills_birth_date_and_sex_in_the_queue_form(empty_ctx, qtbot):
    dlg = RegisterDialog(empty_ctx, None)
    qtbot.addWidget(dlg)
    dlg.show()
    f = dlg.form.widget
    iin = make_iin(dt.date(1939, 11, 2), Sex.MALE, 40)
    _type_iin(qtbot, f("iin"), iin)
    assert f("birth_date").value() == dt.date(1939, 11, 2) and f("sex").value() == Sex.MALE
    QTest.keyClicks(f("iin"), iin[7:-1] + str((int(iin[-1]) + 1) % 10))  # a wrong check digit
    assert dlg.form.error("iin")
