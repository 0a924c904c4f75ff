"""Issue 12, point 2: a dialog shows all its errors at once, each under its field, grows to show them whole
(no label, field or button clipped), names both dates of a wrong order in plain words, and asks before
Escape throws away what was typed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QMessageBox, QWidget

from app import i18n
from app.domain.enums import MovementKind, ResidentStatus
from ui.dialogs.login import LoginDialog
from ui.dialogs.movements import TransferDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing)")


def clipped(dialog: QWidget) -> list[str]:
    """Every visible label or button whose text does not fit its width (or, wrapped, its height), or that
    lies outside the dialog."""
    QApplication.processEvents()
    bad = []
    for w in dialog.findChildren(QWidget):
        if not w.isVisibleTo(dialog) or not isinstance(w, (QLabel, QAbstractButton)) or not w.text():
            continue
        if isinstance(w, QLabel) and w.wordWrap():
            fits = w.heightForWidth(w.width()) <= w.height()
        else:
            fits = w.sizeHint().width() <= w.width() and w.minimumSizeHint().height() <= w.height()
        top_left = w.mapTo(dialog, QPoint(0, 0))
        inside = top_left.x() >= 0 and top_left.y() >= 0 and top_left.x() + w.width() <= dialog.width() \
            and top_left.y() + w.height() <= dialog.height()
        if not (fits and inside):
            bad.append(w.text())
    return bad


def present_after_admission(ctx):
    """A present resident whose last movement is the admission, with that movement."""
    _total, rows = ctx.services.queries.residents(statuses=(ResidentStatus.PRESENT,))
    for r in rows:
        last = ctx.services.movements.history(r.id)[-1]
        if last.kind == MovementKind.ADMISSION and last.event_date > dt.date(2000, 1, 1):
            return r, last
    raise AssertionError("the demo has a resident admitted and still present")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_transfer_with_four_errors_shows_all_four_under_their_fields_and_clips_nothing(ctx, qtbot, lang):
    i18n.set_language(lang)
    r, admission = present_after_admission(ctx)
    dlg = TransferDialog(ctx, r.id, r.full_name)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    before = ctx.services.movements.history(r.id)
    day = admission.event_date - dt.timedelta(days=1)
    dlg.event_date.set_value(day)  # before the admission; the order number and destination left empty
    dlg.save()
    assert dlg.isVisible() and ctx.services.movements.history(r.id) == before
    errors = dlg.form.errors()
    assert set(errors) == {"event_date", "order_number", "destination", "receiving_organisation"}, errors
    expected = {"ru": f"Дата перевода ({day:%d.%m.%Y}) раньше даты поступления ({admission.event_date:%d.%m.%Y}).",
                "kk": f"Ауыстырылған күні ({day:%d.%m.%Y}) түскен күнінен ({admission.event_date:%d.%m.%Y}) ерте."}
    assert errors["event_date"] == expected[lang]
    assert errors["order_number"].endswith({"ru": "это поле обязательно для заполнения.",
                                            "kk": "бұл өрісті толтыру міндетті."}[lang])
    assert clipped(dlg) == []
    shown = [lab.text() for lab in dlg.findChildren(QLabel) if lab.isVisibleTo(dlg)]
    assert all(text in shown for text in errors.values())  # each under its field, at the same time


def test_sign_in_with_a_wrong_password_shows_the_whole_message(empty_ctx, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest.fail(f"a message box instead of the form: {a}"))
    i18n.set_language("ru")
    dlg = LoginDialog(empty_ctx.services)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    QTest.keyClicks(dlg.username, "director")
    QTest.keyClicks(dlg.password, "wrong-password")
    dlg._sign_in()
    assert dlg.actor is None and any(dlg.form.errors().values())
    assert clipped(dlg) == []


def answer(button_text: str) -> None:
    """Click ``button_text`` in the question box once it shows."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(20, click)


def test_escape_on_a_changed_form_asks_before_discarding(ctx, qtbot):
    i18n.set_language("ru")
    r, _admission = present_after_admission(ctx)
    dlg = TransferDialog(ctx, r.id, r.full_name)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    QTest.keyClick(dlg, Qt.Key.Key_Escape)  # nothing typed: closes without a question
    assert not dlg.isVisible() and dlg.result() == QDialog.DialogCode.Rejected

    dlg = TransferDialog(ctx, r.id, r.full_name)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    for ch in "45-П":  # typed key by key (QTest's keyClicks takes ASCII only)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(dlg.order_number, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    answer("Продолжить редактирование")
    QTest.keyClick(dlg, Qt.Key.Key_Escape)
    assert dlg.isVisible() and dlg.order_number.text() == "45-П"  # kept
    answer("Отменить изменения")
    QTest.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible() and dlg.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_return_with_a_bad_date_and_no_order_shows_both_and_clips_nothing(ctx, qtbot, lang):
    from ui.dialogs.movements import ReturnDialog

    i18n.set_language(lang)
    _total, away = ctx.services.queries.residents(statuses=(ResidentStatus.TEMPORARILY_ABSENT,))
    r = away[0]
    dlg = ReturnDialog(ctx, r.id, r.full_name)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.event_date.setText("31.02.2026")  # not a date
    dlg.order_date.setText("")  # a required date left empty
    dlg.save()
    assert set(dlg.form.errors()) == {"event_date", "order_number", "order_date"}
    assert clipped(dlg) == []


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_postponement_shows_its_three_errors_at_once_and_clips_nothing(empty_ctx, qtbot, lang):
    from app.services import PersonInput
    from ui.dialogs.queue_dialogs import PostponeDialog

    i18n.set_language(lang)
    svc, actor = empty_ctx.services, empty_ctx.actor
    app_id = svc.queue.register(actor, PersonInput("Сәрсенбаева", "Әсел", iin_missing_reason="құжаттары жоқ"),
                                dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=3)).application_id
    row = svc.queue.offer_place(actor, app_id, dt.date.today() - dt.timedelta(days=1))
    dlg = PostponeDialog(empty_ctx, row)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.form.widget("notice_received_on").setText("1.13.2026")  # no 13th month; who signed and why left empty
    dlg.save()
    assert set(dlg.form.errors()) == {"notice_received_on", "notice_from", "postponement_cause"}
    assert [r.outcome for r in svc.queue.rows() if r.application_id == app_id] == [row.outcome]  # nothing saved
    assert clipped(dlg) == []


def test_a_choice_list_opens_wide_enough_to_read_its_longest_choice_in_both_languages(qtbot):
    """R-33's categories are sentences ("лицо с инвалидностью старше восемнадцати лет с психоневрологическими
    заболеваниями"): the list shows each whole, wider than the field if it must."""
    from app.domain.enums import RecipientCategory
    from app.i18n import current_language, set_language
    from ui.widgets.forms import EnumCombo

    was = current_language()
    try:
        for lang in ("kk", "ru"):
            set_language(lang)
            combo = EnumCombo(RecipientCategory, optional=True)
            qtbot.addWidget(combo)
            combo.setFixedWidth(200)
            metrics = combo.view().fontMetrics()
            widest = max(metrics.horizontalAdvance(c.text(lang)) for c in RecipientCategory)
            assert widest > 200 and combo.view().minimumWidth() >= widest + 20
    finally:
        set_language(was)
