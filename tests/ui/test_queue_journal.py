"""The queue, the Annex 2 journal and the dashboard, driven through their widgets (R-01…R-08)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QLineEdit, QMessageBox, QSpinBox

from app import i18n
from app.domain.admission import AdmissionGround
from app.domain.enums import (
    DischargeReason,
    NoticeSender,
    OutOfTurnGround,
    PostponementCause,
    QueueOutcome,
    RecipientCategory,
    Sex,
)
from app.domain.identity import make_iin
from app.i18n import Message, _
from app.services import OrderRef, PersonInput
from app.services.base import today
from ui.context import MOVEMENT, Changed
from ui.dialogs.queue_dialogs import (
    ActionDialog,
    AdmitDialog,
    DateTimeField,
    NoShowDialog,
    OfferDialog,
    OutOfTurnDialog,
    PostponeDialog,
    RecertificationDialog,
    RegisterDialog,
    WithdrawDialog,
)
from ui.forms import DateField, EnumCombo
from ui.i18n import fnumber
from ui.models.table import ROW_ROLE
from ui.views.dashboard import DashboardPage
from ui.views.journal import JournalPage
from ui.views.queue import QueuePage

# the offscreen platform says so whenever a top-level window is shown; pages are shown to load and take focus
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

#: FORMS.md, Annex 2, columns 1–14
ANNEX2 = {
    "kk": ["№",  # FORMS.md: the 2022 edition prints «№» (issue 9 point 13)
           "Мәртебесі", "Тегі, аты, әкесінің аты (бар болса)", "Туған күні, жасы", "Жынысы",
           "Үйінің мекенжайы", "Телефон нөмірі",
           "Мүгедектігі бар адамды абилитациялау мен оңалтудың жеке бағдарламасының мерзімі",
           "Түскен күні және бұйрықтың №", "Уақытша шыққан күні және бұйрықтың №", "Шыққан күні және бұйрықтың №",
           "Шығу себебі", "Ауыстырылған күні және бұйрықтың №", "Қайда шықты (облыс, қала, аудан)"],
    "ru": ["№ п/п", "Статус", "Фамилия, имя, отчество (при его наличии)", "Дата рождения, возраст", "Пол",
           "Домашний адрес", "Номер телефона",
           "Срок индивидуальной программы абилитации и реабилитации лица с инвалидностью",
           "Дата поступления и № приказа", "Дата временного выбытия и № приказа", "Дата выбытия и № приказа",
           "Причина выбытия", "Дата перевода и № приказа", "Куда выбыл (область, город, район)"],
}


# --- helpers ------------------------------------------------------------------------------------------
@pytest.fixture
def refusals(monkeypatch):
    """Message boxes a refused call would show, captured instead of blocking."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: shown.append(text))
    return shown


def show(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1150, 700)
    page.show()
    qtbot.waitUntil(lambda: page.up_to_date)  # a live page fills itself in once it is on screen
    return page


def type_text(widget, text: str) -> None:
    """Key presses carrying the text (QTest.keyClicks handles ASCII only; names are Kazakh and Russian)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def fill(qtbot, dialog: ActionDialog, **values) -> None:
    """Type into the dialog's fields as a user would."""
    for field, value in values.items():
        w = dialog.form.widget(field)
        if isinstance(w, QLineEdit):
            w.clear()
            type_text(w, value)
        elif isinstance(w, QSpinBox):
            w.setValue(value)
        elif isinstance(w, (DateField, DateTimeField, EnumCombo)):
            w.set_value(value)
        else:
            raise TypeError(field)


def save(qtbot, dialog: ActionDialog) -> None:
    """Press Save."""
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def dialog(qtbot, cls, ctx, row=None, **values) -> ActionDialog:
    dlg = cls(ctx, row)
    qtbot.addWidget(dlg)
    fill(qtbot, dlg, **values)
    return dlg


def register(qtbot, ctx, last, first, serial, received: dt.datetime, **extra):
    dlg = dialog(qtbot, RegisterDialog, ctx, last_name=last, first_name=first,
                 iin=make_iin(dt.date(1950, 3, serial), Sex.FEMALE, serial), address="Астана қаласы, 5-үй",
                 phone="+7 701 000 00 0" + str(serial), received_at=received, **extra)
    save(qtbot, dlg)
    assert dlg.result() == dlg.DialogCode.Accepted, [label.text() for label in dlg.findChildren(QLabel)]
    return dlg.outcome


def names(ctx) -> list[str]:
    return [r.full_name for r in ctx.services.queue.rows()]


def view_names(page: QueuePage) -> list[str]:
    proxy = page.view.model()
    return [proxy.index(r, 0).data(ROW_ROLE).full_name for r in range(proxy.rowCount())]


def row_of(ctx, application_id):
    return next(r for r in ctx.services.queue.rows() if r.application_id == application_id)


def visible_error(dlg, text: str) -> bool:
    return any(label.text() == text and label.isVisibleTo(dlg) for label in dlg.findChildren(QLabel))


def at(hour: int, days_ago: int = 0) -> dt.datetime:
    return dt.datetime.combine(today() - dt.timedelta(days=days_ago), dt.time(hour, 0))


@pytest.fixture
def three(empty_ctx, qtbot):
    """Three paper applications registered through the dialog (5 vacant places)."""
    return [register(qtbot, empty_ctx, "Ахметова", "Айгүл", 1, at(9, 20)),
            register(qtbot, empty_ctx, "Иванова", "Мария", 2, at(10, 10)),
            register(qtbot, empty_ctx, "Сейітова", "Сәуле", 3, at(11, 5))]


# --- the queue --------------------------------------------------------------------------------------------
def test_a_paper_application_registered_through_the_dialog_takes_its_place_in_order(empty_ctx, qtbot, three):
    page = show(qtbot, QueuePage(empty_ctx))
    assert view_names(page) == names(empty_ctx) == ["Ахметова Айгүл", "Иванова Мария", "Сейітова Сәуле"]
    # an application received earlier, registered later, stands before the later ones
    row = register(qtbot, empty_ctx, "Бекова", "Гүлнар", 4, at(12, 15))
    assert row.position == 2 and row.rule == "R-03"
    assert names(empty_ctx) == ["Ахметова Айгүл", "Бекова Гүлнар", "Иванова Мария", "Сейітова Сәуле"]
    qtbot.waitUntil(lambda: view_names(page) == names(empty_ctx))
    assert page.count.text() == "4 заявления"
    type_text(page.search, "Бекова")
    assert page.count.text() == "1 из 4 заявлений"  # the count follows the search
    page.search.clear()
    tiles = {k: t.number.text() for k, t in page.tiles.items()}
    assert tiles == {"capacity": "5", "present": "0", "temporarily_absent": "0", "on_offer": "0", "vacant": "5"}


def test_a_refused_registration_keeps_the_dialog_open_with_the_message_next_to_the_field(empty_ctx, qtbot,
                                                                                         refusals):
    dlg = dialog(qtbot, RegisterDialog, empty_ctx, last_name="Оспанов", first_name="Ерлан", iin="123",
                 address="Қосшы ауылы")
    dlg.show()
    save(qtbot, dlg)
    assert dlg.result() != dlg.DialogCode.Accepted and dlg.isVisible() and not refusals
    expected = Message('{field}: "{value}" is not 12 digits; enter exactly 12 digits.',
                       {"field": Message("IIN"), "value": "123"}).render()
    assert visible_error(dlg, expected)
    assert dlg.form.widget("last_name").text() == "Оспанов" and dlg.form.widget("address").text() == "Қосшы ауылы"
    assert empty_ctx.services.queue.rows() == []


def test_out_of_turn_moves_the_application_to_position_1(empty_ctx, qtbot, three):
    page = show(qtbot, QueuePage(empty_ctx))
    assert page.select(three[2].application_id)
    assert page.buttons[OutOfTurnDialog][0].isEnabled()  # an ordinary application may be raised
    dlg = dialog(qtbot, OutOfTurnDialog, empty_ctx, page.current(), out_of_turn_ground=OutOfTurnGround.ORPHAN,
                 out_of_turn_from="Көкшетау балалар үйі", reason="Анықтама № 12",
                 out_of_turn_left_on=today() + dt.timedelta(days=30))
    save(qtbot, dlg)
    first = empty_ctx.services.queue.rows()[0]
    assert (first.application_id, first.position, first.rule) == (three[2].application_id, 1, "R-06")
    assert (first.out_of_turn_ground, first.out_of_turn_from, first.priority_reason) == (
        OutOfTurnGround.ORPHAN, "Көкшетау балалар үйі", "Анықтама № 12")
    qtbot.waitUntil(lambda: view_names(page)[0] == "Сейітова Сәуле")
    assert page.current().application_id == three[2].application_id  # the selection follows the application
    assert not page.buttons[OutOfTurnDialog][0].isEnabled()
    # the name's tooltip holds what R-06 was checked on: the ground, the children's organisation, the day left
    tip = page.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    left = today() + dt.timedelta(days=30)
    assert "Көкшетау балалар үйі" in tip and "Анықтама № 12" in tip and i18n.fdate(left) in tip
    assert _("Left (or will leave) the children's organisation on") in tip


def test_an_application_registered_with_an_out_of_turn_reason_stands_first(empty_ctx, qtbot, three):
    row = register(qtbot, empty_ctx, "Мұратов", "Әділ", 4, at(12), out_of_turn_ground=OutOfTurnGround.NO_PARENTAL_CARE,
                   out_of_turn_from="Ақтөбе балалар үйі", reason="Балалар үйінде 18 жасқа толды",
                   out_of_turn_left_on=today() + dt.timedelta(days=20))
    assert (row.position, row.rule) == (1, "R-06") and names(empty_ctx)[0] == "Мұратов Әділ"


def test_r06_out_of_turn_for_someone_under_18_on_the_date_is_refused_under_the_date(empty_ctx, qtbot, refusals):
    birthday = today() - dt.timedelta(days=3)
    born = birthday.replace(year=birthday.year - 18) if (birthday.month, birthday.day) != (2, 29) else \
        dt.date(birthday.year - 18, 2, 28)
    young = empty_ctx.services.queue.register(
        empty_ctx.actor, PersonInput("Жас", "Дәулет", iin=make_iin(born, Sex.MALE, 9)), at(9, 1))
    dlg = dialog(qtbot, OutOfTurnDialog, empty_ctx, young, out_of_turn_ground=OutOfTurnGround.ORPHAN,
                 out_of_turn_from="Балалар үйі", out_of_turn_on=birthday - dt.timedelta(days=1))
    dlg.show()
    save(qtbot, dlg)
    assert dlg.isVisible() and not refusals
    label = [lab.text() for lab in dlg.form.widget("out_of_turn_on").parentWidget().findChildren(QLabel)
             if lab.isVisibleTo(dlg)]
    assert label and "17" in label[0] and f"{birthday:%d.%m.%Y}" in label[0]
    assert row_of(empty_ctx, young.application_id).rule == "R-03"
    fill(qtbot, dlg, out_of_turn_on=birthday)  # the 18th birthday itself; the day leaving the home is required
    save(qtbot, dlg)
    assert dlg.isVisible() and row_of(empty_ctx, young.application_id).rule == "R-03"
    label = [lab.text() for lab in dlg.form.widget("out_of_turn_left_on").parentWidget().findChildren(QLabel)
             if lab.isVisibleTo(dlg) and lab.text().startswith(_("Left (or will leave) the children's organisation on"))]
    assert label, "the refusal shows under the day leaving the children's organisation"
    fill(qtbot, dlg, out_of_turn_left_on=today())  # leaves the home today, at 18, after applying yesterday
    save(qtbot, dlg)
    assert dlg.result() == dlg.DialogCode.Accepted and row_of(empty_ctx, young.application_id).rule == "R-06"


def test_r06_out_of_turn_without_the_ground_is_refused_next_to_the_ground(empty_ctx, qtbot, three, refusals):
    dlg = dialog(qtbot, OutOfTurnDialog, empty_ctx, three[2], reason="81 жаста")
    dlg.show()
    save(qtbot, dlg)
    assert dlg.isVisible() and not refusals
    expected = Message("{field}: choose orphan or child left without parental care; only they are admitted out of "
                       "turn (R-06).", {"field": Message("Out-of-turn ground")}).render()
    assert visible_error(dlg, expected)
    assert [r.rule for r in empty_ctx.services.queue.rows()] == ["R-03"] * 3


def test_recertification_keeps_the_earlier_place(empty_ctx, qtbot, three):
    dlg = dialog(qtbot, RecertificationDialog, empty_ctx, three[0], date=today(),
                 ipr_until=today() + dt.timedelta(days=365))
    dlg.form.widget("received_at").check.setChecked(True)
    dlg.form.widget("received_at").moment.set_value(at(8))
    save(qtbot, dlg)
    first = empty_ctx.services.queue.rows()[0]
    assert (first.application_id, first.rule, first.received_at) == (three[0].application_id, "R-05", at(8))
    assert first.standing_since == at(9, 20)


def test_offer_postpone_no_show_then_the_next_in_line(empty_ctx, qtbot, three, monkeypatch, refusals):
    svc = empty_ctx.services
    page = show(qtbot, QueuePage(empty_ctx))
    # the place goes to the first in line only; the refusal names who is first
    save(qtbot, dialog(qtbot, OfferDialog, empty_ctx, three[1], date=today()))
    assert refusals and "Ахметова Айгүл" in refusals[-1]
    assert row_of(empty_ctx, three[1].application_id).outcome == QueueOutcome.WAITING
    offered_on = today() - dt.timedelta(days=19)  # the day after the application came (20 days ago)
    save(qtbot, dialog(qtbot, OfferDialog, empty_ctx, three[0], date=offered_on))
    offered = row_of(empty_ctx, three[0].application_id)
    assert offered.outcome == QueueOutcome.OFFERED and offered.arrival_deadline == offered_on + dt.timedelta(days=10)
    qtbot.waitUntil(lambda: page.model.row(0).outcome == QueueOutcome.OFFERED)
    page.select(three[0].application_id)
    enabled = {cls.__name__ for cls, (button, _a) in page.buttons.items() if button.isEnabled()}
    assert enabled == {"RecertificationDialog", "PostponeDialog", "NoShowDialog", "AdmitDialog", "OutOfTurnDialog",
                       "WithdrawDialog"}
    # once, for illness, up to 30 days
    late = dialog(qtbot, PostponeDialog, empty_ctx, offered, postpone_days=5, notice_received_on=today(),
                  notice_from=NoticeSender.RECIPIENT, postponement_cause=PostponementCause.HOSPITALISATION,
                  postpone_reason="Ауруханаға жатқызылды")
    late.show()
    shown = len(refusals)
    save(qtbot, late)  # the notice came after the arrival date had passed: refused under its date
    assert late.isVisible() and len(refusals) == shown
    expected = Message("{field}: the notice came on {day}, after the arrival date {deadline} had passed; the arrival "
                       "can be moved only on a notice received by that date. Record that the person did not arrive "
                       "(R-08).", {"field": Message("Notice received on"), "day": today(),
                                   "deadline": offered.arrival_deadline}).render()
    assert visible_error(late, expected)
    assert row_of(empty_ctx, three[0].application_id) == offered
    fill(qtbot, late, notice_received_on=offered.arrival_deadline)  # received on the arrival date itself
    save(qtbot, late)
    assert late.result() == late.DialogCode.Accepted
    postponed = row_of(empty_ctx, three[0].application_id)
    assert postponed.postponed_days == 5 and postponed.arrival_deadline == offered.arrival_deadline + dt.timedelta(5)
    assert (postponed.notice_received_on, postponed.notice_from, postponed.postponement_cause) == (
        offered.arrival_deadline, NoticeSender.RECIPIENT, PostponementCause.HOSPITALISATION)
    # not arrived by the set date; the dialog hands back the next in line
    no_show = dialog(qtbot, NoShowDialog, empty_ctx, postponed, arrival_deadline=today())
    save(qtbot, no_show)
    assert no_show.outcome.application_id == three[1].application_id
    assert names(empty_ctx) == ["Иванова Мария", "Сейітова Сәуле"]
    # … and the page offers to proceed to them
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(OfferDialog, "exec", lambda dlg: dlg.save() and dlg.DialogCode.Accepted)
    page.offer_next(postponed, no_show.outcome)
    assert "Иванова Мария" in asked[0] and "Ахметова Айгүл" in asked[0]
    assert row_of(empty_ctx, three[1].application_id).outcome == QueueOutcome.OFFERED
    assert page.current().application_id == three[1].application_id
    assert svc.queue.rows()[0].offered_on == today()


def test_postponing_twice_is_refused_with_the_message_and_changes_nothing(empty_ctx, qtbot, three, refusals):
    svc = empty_ctx.services
    svc.queue.offer_place(empty_ctx.actor, three[0].application_id, today())
    notice = dict(notice_received_on=today(), notice_from=NoticeSender.LEGAL_REPRESENTATIVE,
                  postponement_cause=PostponementCause.ILLNESS)
    save(qtbot, dialog(qtbot, PostponeDialog, empty_ctx, row_of(empty_ctx, three[0].application_id),
                       postpone_days=7, postpone_reason="Ауруы", **notice))
    before = row_of(empty_ctx, three[0].application_id)
    assert before.postponed_days == 7
    again = dialog(qtbot, PostponeDialog, empty_ctx, before, postpone_days=10, postpone_reason="Қайта ауырды",
                   **notice)
    again.show()
    save(qtbot, again)
    assert again.isVisible() and again.result() != again.DialogCode.Accepted and not refusals
    expected = Message("The arrival date has already been moved once; it can be moved only once.").render()
    assert expected.startswith("Срок прибытия") and visible_error(again, expected)
    assert again.form.widget("postpone_days").value() == 10
    assert again.form.widget("postpone_reason").text() == "Қайта ауырды"
    assert row_of(empty_ctx, three[0].application_id) == before


def test_no_vacancy_refuses_the_offer_and_says_why(ctx, qtbot, refusals):
    rows = ctx.services.queue.rows()
    waiting = next(r for r in rows if r.outcome == QueueOutcome.WAITING)
    occ = ctx.services.queries.occupancy()
    # every vacancy is offered already: the places on offer are held, none is vacant
    assert occ.on_offer == sum(r.outcome == QueueOutcome.OFFERED for r in rows) > 0 and occ.vacant == 0
    save(qtbot, dialog(qtbot, OfferDialog, ctx, waiting, date=today()))
    expected = Message("There is no vacant place to offer: capacity {capacity}, occupied {occupied}, already offered "
                       "{offered}.", {"capacity": occ.capacity, "occupied": occ.occupied, "offered": occ.on_offer})
    assert refusals == [expected.render()] and refusals[0].startswith("Нет свободного места")
    assert ctx.services.queue.rows() == rows


def test_admit_from_the_queue_through_the_dialog_shows_in_the_journal(empty_ctx, qtbot, three):
    svc = empty_ctx.services
    journal = show(qtbot, JournalPage(empty_ctx))
    assert [journal.model.row(i).row.status.value for i in range(journal.model.rowCount())] == ["in_queue"] * 3
    svc.queue.offer_place(empty_ctx.actor, three[0].application_id, today())
    serve_categories(empty_ctx, RecipientCategory.ELDERLY)
    admit = dialog(qtbot, AdmitDialog, empty_ctx, row_of(empty_ctx, three[0].application_id), order_number="15-қ",
                   order_date=today(), event_date=today(), room="12", category=RecipientCategory.ELDERLY,
                   admission_ground=AdmissionGround.PENSION_AGE)
    with qtbot.waitSignal(empty_ctx.data_changed):
        save(qtbot, admit)
    assert svc.queries.occupancy().present == 1 and names(empty_ctx) == ["Иванова Мария", "Сейітова Сәуле"]

    def admission_cell():
        for i in range(journal.view.model().rowCount()):
            if journal.view.model().index(i, 2).data() == "Ахметова Айгүл":
                return journal.view.model().index(i, 8).data(), journal.view.model().index(i, 1).data()
        return None

    qtbot.waitUntil(lambda: admission_cell() == (f"{today():%d.%m.%Y}, приказ № 15-қ", "получает услуги"))
    assert svc.residents.get(three[0].resident_id).room == "12"
    assert svc.movements.history(three[0].resident_id)[-1].admission_ground == AdmissionGround.PENSION_AGE


def serve_categories(ctx, *categories):
    from app.services import OrganisationInput

    view = ctx.services.organisation.get()
    view.categories = list(categories)
    data = {k: v for k, v in vars(view).items() if k not in ("id", "version")}
    ctx.services.organisation.update(_director(ctx), OrganisationInput(**data), view.version)


def _director(ctx):
    return next(a for a in ctx.services.people.users() if a.is_director)


def test_r33_admit_from_the_queue_without_a_ground_is_refused_under_the_field(empty_ctx, qtbot, three):
    svc = empty_ctx.services
    svc.queue.offer_place(empty_ctx.actor, three[0].application_id, today())
    serve_categories(empty_ctx, RecipientCategory.ELDERLY)
    admit = dialog(qtbot, AdmitDialog, empty_ctx, row_of(empty_ctx, three[0].application_id), order_number="16-қ",
                   order_date=today(), event_date=today(), category=RecipientCategory.ELDERLY)
    save(qtbot, admit)
    assert admit.result() != admit.DialogCode.Accepted
    ground = admit.form.widget("admission_ground")
    errors = [w.text() for w in ground.parentWidget().findChildren(QLabel) if w.isVisibleTo(admit)]
    assert errors == [i18n._("{field}: choose the ground of admission.").format(field=i18n._("Ground of admission"))]
    assert svc.queries.occupancy().present == 0


def test_withdraw_through_the_dialog(empty_ctx, qtbot, three):
    save(qtbot, dialog(qtbot, WithdrawDialog, empty_ctx, three[1], date=today()))
    assert names(empty_ctx) == ["Ахметова Айгүл", "Сейітова Сәуле"]


def test_queue_keyboard_search_and_shortcuts(empty_ctx, qtbot, three, monkeypatch):
    page = show(qtbot, QueuePage(empty_ctx))
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # shortcuts work in the active window
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.focusWidget() is page.search
    type_text(page.search, "иван")
    assert view_names(page) == ["Иванова Мария"]
    page.search.clear()
    opened = []
    monkeypatch.setattr(RegisterDialog, "exec", lambda dlg: opened.append(dlg) or dlg.DialogCode.Rejected)
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1
    page.view.setFocus()
    page.view.setCurrentIndex(page.view.model().index(1, 0))
    with qtbot.waitSignal(empty_ctx.open_resident) as blocker:
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert blocker.args == [three[1].resident_id]


# --- the journal ---------------------------------------------------------------------------------------------
def test_journal_headers_are_the_annex_2_wording_and_follow_the_language(ctx, qtbot):
    page = show(qtbot, JournalPage(ctx))
    proxy = page.view.model()

    def headers():
        return [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(proxy.columnCount())]

    for lang in ("kk", "ru", "kk"):
        i18n.set_language(lang)
        assert headers() == ANNEX2[lang]
        assert page.presets[0].text() == {"kk": "Осы &ай", "ru": "Этот &месяц"}[lang]
    assert proxy.headerData(7, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole).startswith("8. Мүгедектігі")


def test_journal_period_presets_search_and_the_returned_mark(empty_ctx, qtbot):
    svc, actor = empty_ctx.services, empty_ctx.actor
    first = today() - dt.timedelta(days=40)
    mv = svc.movements.admit_direct(actor, PersonInput("Нұрланов", "Серік", iin=make_iin(dt.date(1948, 5, 2),
                                                                                          Sex.MALE, 7),
                                                       category=RecipientCategory.ELDERLY),
                                    first, OrderRef("1-ж", first), admission_ground=AdmissionGround.PENSION_AGE)
    svc.movements.discharge(actor, mv.resident_id, first + dt.timedelta(days=5), OrderRef("2-ж", first),
                            DischargeReason.TO_FAMILY)
    svc.movements.readmit(actor, mv.resident_id, today(), OrderRef("9-ж", today()),
                          admission_ground=AdmissionGround.PENSION_AGE)
    page = show(qtbot, JournalPage(empty_ctx))
    qtbot.mouseClick(page.presets[2], Qt.MouseButton.LeftButton)  # this year
    assert page.start.value() == today().replace(month=1, day=1) and page.end.value() == today().replace(month=12, day=31)
    proxy = page.view.model()
    cells = [[proxy.index(r, c).data() for c in range(14)] for r in range(proxy.rowCount())]
    readmitted = next(c for c in cells if c[8].endswith("вернулся"))
    assert readmitted[8] == f"{today():%d.%m.%Y}, приказ № 9-ж, вернулся" and readmitted[1] == "получает услуги"
    i18n.set_language("kk")
    assert proxy.index(cells.index(readmitted), 8).data().endswith("қайта оралды")
    total = page.model.rowCount()
    type_text(page.search, "9-ж")
    assert proxy.rowCount() == 1
    assert page.count.text() == f"1 / {total} жол"  # the count follows the search
    page.search.clear()
    assert page.count.text() == f"{total} жол"
    page.start.set_value(dt.date(today().year + 1, 1, 1))  # ends before it starts
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.count.text() == "Кезеңнің соңы басынан ерте."


def test_journal_scrolled_across_keeps_the_number_status_and_name_in_sight(ctx, qtbot):
    """14 columns do not fit: scrolled to the movements, the first three columns stay over the left edge, the
    same rows at the same heights; a click there selects the row, Enter and a double click open the card, and a
    header click there sorts the whole table."""
    page = show(qtbot, JournalPage(ctx))
    view, frozen = page.view, page.frozen_columns
    assert not frozen.isVisible()  # not scrolled: the table shows those columns itself
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    qtbot.waitUntil(frozen.isVisible)
    assert view.columnViewportPosition(2) < 0  # the name itself has scrolled out of the table's view
    assert frozen.width() == sum(view.columnWidth(c) for c in range(3))
    assert [frozen.isColumnHidden(c) for c in range(view.model().columnCount())] == [False] * 3 + [True] * 11
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    assert frozen.verticalScrollBar().value() == view.verticalScrollBar().value()
    row = frozen.rowAt(frozen.viewport().height() // 2)
    assert row >= 0 and view.rowAt(view.viewport().height() // 2) == row
    assert frozen.rowHeight(row) == view.rowHeight(row)
    name = view.model().index(row, 2).data()
    across = bar.value()
    qtbot.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton,
                     pos=frozen.visualRect(frozen.model().index(row, 2)).center())
    assert view.currentIndex().row() == row and view.selectionModel().isRowSelected(row)
    qtbot.keyClick(view, Qt.Key.Key_Down)  # the keys stay with the table
    assert view.currentIndex().row() == row + 1
    assert bar.value() == across and frozen.isVisible()  # the columns scrolled to stay in sight
    view.setCurrentIndex(view.model().index(row, 2))
    opened = []
    ctx.open_resident.connect(opened.append)
    qtbot.mouseDClick(frozen.viewport(), Qt.MouseButton.LeftButton,
                      pos=frozen.visualRect(frozen.model().index(row, 2)).center())
    assert opened == [view.model().index(row, 0).data(ROW_ROLE).row.resident_id]
    assert frozen.model().index(row, 2).data() == name  # the same row, the same name
    sorts = []
    view.model().layoutChanged.connect(lambda *_a: sorts.append(1))
    qtbot.mouseClick(frozen.horizontalHeader().viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(frozen.columnViewportPosition(2) + 10, 5))
    assert view.horizontalHeader().sortIndicatorSection() == 2 and len(sorts) == 1  # sorted once, not twice
    assert frozen.horizontalHeader().sortIndicatorSection() == 2
    names = [view.model().index(r, 2).data() for r in range(view.model().rowCount())]
    assert names[:5] == [frozen.model().index(r, 2).data() for r in range(5)]
    bar.setValue(0)
    qtbot.waitUntil(lambda: not frozen.isVisible())


# --- the dashboard ---------------------------------------------------------------------------------------------
def test_dashboard_counts_and_an_overdue_deadline_opens_the_resident(ctx, qtbot):
    page = show(qtbot, DashboardPage(ctx))
    occ = ctx.services.queries.occupancy()
    shown = {k: t.number.text() for k, t in page.tiles.items()}
    assert shown == {"capacity": fnumber(occ.capacity), "present": fnumber(occ.present),
                     "temporarily_absent": fnumber(occ.temporarily_absent), "on_offer": fnumber(occ.on_offer),
                     "vacant": fnumber(occ.vacant),
                     "queue": fnumber(len(ctx.services.queue.rows()))}
    overdue = [d for d in ctx.services.queries.deadlines(today()) if d.due < today()]
    assert overdue and page.groups["overdue"][1].rowCount() == len(overdue)
    view = page.view("overdue")
    index = view.model().index(1, 0)
    target = index.data(ROW_ROLE)
    assert target.due < today() and target.resident_id != view.model().index(0, 0).data(ROW_ROLE).resident_id
    centre = view.visualRect(index).center()
    # a deadline opens its record (the main window shows the resident's card on the right tab, or the
    # organisation's profile for a licence)
    with qtbot.waitSignal(ctx.open_deadline) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == [target]
    with qtbot.waitSignal(ctx.open_deadline) as blocker:
        view.setCurrentIndex(view.model().index(0, 0))
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [view.model().index(0, 0).data(ROW_ROLE)]


def test_r08_a_missed_arrival_is_overdue_on_the_dashboard_from_the_next_day(empty_ctx, qtbot, three):
    svc = empty_ctx.services
    svc.queue.offer_place(empty_ctx.actor, three[0].application_id, today() - dt.timedelta(days=10))  # due today
    page = show(qtbot, DashboardPage(empty_ctx))
    assert page.tiles["on_offer"].number.text() == "1" and page.tiles["vacant"].number.text() == "4"
    assert page.groups["overdue"][1].rowCount() == 0
    # on the arrival date itself the arrival is due today (R-08, issue 13 point 1), not yet missed
    assert [(d.rule, d.kind, d.state) for d in svc.queries.deadlines(today())] == [("R-08", "arrival_date", "due")]
    # received 15 days ago (second in line), offered 11 days ago: due yesterday
    second = register(qtbot, empty_ctx, "Бекова", "Гүлнар", 4, at(12, 15))
    svc.queue.offer_place(empty_ctx.actor, second.application_id, today() - dt.timedelta(days=11))
    empty_ctx.changed(Changed.QUEUE)
    qtbot.waitUntil(lambda: page.groups["overdue"][1].rowCount() == 1)
    row = page.groups["overdue"][1].row(0)
    assert (row.rule, row.kind, row.application_id, row.full_name) == ("R-08", "arrival", second.application_id,
                                                                       "Бекова Гүлнар")
    view = page.view("overdue")
    assert view.model().index(0, 2).data() == "отметить неприбытие"  # the rule in its own column, not in the words


def test_dashboard_follows_a_change(ctx, qtbot):
    page = show(qtbot, DashboardPage(ctx))
    before = page.tiles["present"].number.text()
    resident = next(d.resident_id for d in ctx.services.queries.deadlines(today()))
    ctx.services.movements.temporary_departure(ctx.actor, resident, today(), OrderRef("99-ж", today()), "Аурухана")
    ctx.changed(*MOVEMENT, resident_id=resident)
    occ = ctx.services.queries.occupancy()
    qtbot.waitUntil(lambda: page.tiles["present"].number.text() == fnumber(occ.present))
    assert page.tiles["present"].number.text() != before


# --- models -----------------------------------------------------------------------------------------------------
def test_every_table_model_passes_the_model_tester(ctx, qtbot, qtmodeltester):
    queue, journal, dash = (show(qtbot, cls(ctx)) for cls in (QueuePage, JournalPage, DashboardPage))
    journal.set_period(today() - dt.timedelta(days=365), today())
    models = [queue.model, journal.model, *(m for _b, m, _v in dash.groups.values())]
    assert all(m.rowCount() for m in models[:3])
    for model in models:
        qtmodeltester.check(model)
    for view in (queue.view, journal.view, dash.view("overdue")):
        qtmodeltester.check(view.model())


def test_offering_a_place_is_disabled_for_anyone_but_the_first_and_says_why(empty_ctx, qtbot, three):
    from ui.dialogs.queue_dialogs import OfferDialog, PostponeDialog

    page = show(qtbot, QueuePage(empty_ctx))
    offer, _a = page.buttons[OfferDialog]
    postpone, _a = page.buttons[PostponeDialog]
    assert page.select(three[1].application_id)
    assert not offer.isEnabled() and "Ахметова Айгүл" in offer.toolTip()  # the first in line is named
    assert not postpone.isEnabled() and "предложено место" in postpone.toolTip()
    assert page.select(three[0].application_id)
    assert offer.isEnabled() and "Ахметова Айгүл" not in offer.toolTip()
