"""Residents page, resident card, movement dialogs and the case files page, driven through the
real widgets; every change is checked in the database through the services."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox

from app.domain.admission import AdmissionGround
from app.domain.enums import (
    DirectAdmissionGround,
    DischargeReason,
    DocumentKind,
    MovementKind,
    QueueOutcome,
    RecipientCategory,
    ResidentStatus,
    Sex,
)
from app.domain.identity import make_iin
from app.i18n import _
from app.services.base import today
from ui.dialogs.movements import AdmitDialog, DischargeDialog, ReadmitDialog, TransferDialog
from ui.dialogs.resident_card import AddDocumentDialog, ResidentCard
from ui.models.residents import case_files_model, residents_model
from ui.views.casefiles import CaseFilesPage
from ui.views.residents import ResidentsPage

# showing a window on the offscreen platform says so; nothing to fix in the program
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


# --- fixtures and helpers ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """The demo institution of tests/ui/conftest.py, built once for the module (it takes seconds)."""
    from app.demo import build_demo
    from app.services import Services

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    svc = Services.open(f"sqlite:///{path}")
    build_demo(svc, residents=20, seed=5)
    svc.engine.dispose()
    return path


@pytest.fixture
def ctx(demo_file, tmp_path, translator):
    """A fresh copy of the demo database; signed in as the social work specialist."""
    from app.demo import DEMO_SOCIAL
    from app.services import Services
    from ui.context import Context

    for suffix in ("", "-wal", "-shm"):
        src = demo_file.with_name(demo_file.name + suffix)
        if src.exists():
            shutil.copy(src, tmp_path / ("ui.sqlite3" + suffix))
    url = f"sqlite:///{tmp_path / 'ui.sqlite3'}"
    svc = Services.open(url, upgrade=False)
    c = Context(svc, svc.people.authenticate(*DEMO_SOCIAL), translator, url)
    yield c
    svc.engine.dispose()


@pytest.fixture
def page(ctx, qtbot):
    p = ResidentsPage(ctx)
    p.resize(1144, 688)
    show_active(qtbot, p)
    p.refresh()
    return p


def show_active(qtbot, widget) -> None:
    """Show ``widget`` as the active window, so that its keyboard shortcuts work."""
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def error_text(widget) -> str:
    """The inline message shown under a form field ('' when none is shown)."""
    labels = [lab for lab in widget.parentWidget().findChildren(QLabel) if lab.isVisibleTo(widget.window())]
    return " ".join(lab.text() for lab in labels)


def type_text(widget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key (QTest's keyClicks takes ASCII only: this is Kazakh)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def set_date(field, day: dt.date) -> None:
    field.set_value(day)


def first_with(ctx, status: ResidentStatus):
    _total, rows = ctx.services.queries.residents(statuses=(status,))
    return rows[0]


def select(page: ResidentsPage, qtbot, resident_id: int) -> None:
    qtbot.waitUntil(lambda: page.model.row_of(resident_id) is not None)
    page.table.setFocus()
    page.table.selectRow(page.model.row_of(resident_id))


def dump(ctx):
    """What a refused change must leave as it was."""
    svc = ctx.services
    _t, rows = svc.queries.residents()
    return [(r.id, r.full_name, r.iin, r.status, r.room, tuple(svc.movements.history(r.id))) for r in rows]


# --- models --------------------------------------------------------------------------------------------
def test_residents_model_passes_the_model_tester_and_fetches_in_pages(ctx, qtmodeltester):
    model = residents_model(ctx.services, page_size=7)
    model.reload()
    assert model.rowCount() == 7 and model.canFetchMore()
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    total, _rows = ctx.services.queries.residents()
    assert model.rowCount() == model.total == total


def test_case_files_model_passes_the_model_tester(ctx, qtmodeltester):
    model = case_files_model(ctx.services, page_size=5)
    model.reload()
    qtmodeltester.check(model)
    row = model.row(0)
    assert row.case_file is not None and row.case_file.resident_id == row.id


def test_deadline_column_is_coloured_by_state(ctx):
    model = residents_model(ctx.services)
    model.reload()
    col = len(model.columns) - 1
    overdue = [i for i, r in enumerate(model.rows()) if r.next_deadline_state == "overdue"]
    upcoming = [i for i, r in enumerate(model.rows()) if r.next_deadline_state == "upcoming"]
    assert overdue and upcoming
    assert model.data(model.index(overdue[0], col), Qt.ItemDataRole.BackgroundRole).name() == "#f8d7da"
    assert _("overdue") in model.data(model.index(overdue[0], col))
    assert model.data(model.index(upcoming[0], col), Qt.ItemDataRole.BackgroundRole) is None


# --- the residents page ---------------------------------------------------------------------------------
def test_search_as_you_type_and_status_filter(page, ctx, qtbot):
    target = first_with(ctx, ResidentStatus.PRESENT)
    last_name = target.full_name.split()[0]
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    type_text(page.search, last_name.lower())
    qtbot.waitUntil(lambda: page.model.query.search == last_name.lower())
    assert 0 < page.model.total < 20
    assert all(last_name.lower() in r.full_name.lower() for r in page.model.rows())
    page.search.clear()
    type_text(page.search, target.iin)
    qtbot.waitUntil(lambda: page.model.query.search == target.iin)
    assert [r.id for r in page.model.rows()] == [target.id]
    page.search.clear()
    page.status.setCurrentIndex(3)  # in the queue
    qtbot.waitUntil(lambda: page.model.query.statuses == (ResidentStatus.IN_QUEUE,)
                    and page.model.query.search == "")
    assert page.model.total > 0 and {r.status for r in page.model.rows()} == {ResidentStatus.IN_QUEUE}


def test_sorting_goes_to_sql_and_unsortable_columns_keep_the_order(page, qtbot):
    header = page.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(1) + 5, 5))
    assert page.model.query.sort == "iin"
    iins = [r.iin or "" for r in page.model.rows()]
    assert iins == sorted(iins) or iins == sorted(iins, reverse=True)
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # age ascending = born latest first
    assert page.model.query.sort == "birth_date" and page.model.query.descending
    page.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # admission date: not sortable in SQL
    assert page.model.query.sort == "birth_date"
    assert header.sortIndicatorSection() == 2


def test_language_switch_changes_headers_buttons_and_filter(page, ctx):
    model = page.model
    ctx.translator.set_language("ru")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "ФИО"
    assert page.open_button.text() == "&Открыть карточку"
    ctx.translator.set_language("kk")
    assert model.headerData(0, Qt.Orientation.Horizontal) == _("Full name", "kk") != "ФИО"
    assert model.headerData(7, Qt.Orientation.Horizontal) == _("Next deadline", "kk")
    assert page.open_button.text() == _("&Open card", "kk")
    assert page.status.itemText(0) == _("All", "kk")
    assert page.movement_actions.buttons["discharge"].text() == _("Dis&charge…", "kk")
    row = next(r for r in model.rows() if r.status == ResidentStatus.PRESENT)
    idx = model.index(model.rows().index(row), 3)
    assert model.data(idx) == ResidentStatus.PRESENT.text("kk")


def test_buttons_follow_the_selected_residents_status(page, ctx, qtbot):
    b = page.movement_actions.buttons
    assert not any(x.isEnabled() for x in b.values()) and not page.open_button.isEnabled()
    select(page, qtbot, first_with(ctx, ResidentStatus.PRESENT).id)
    assert b["departure"].isEnabled() and b["discharge"].isEnabled() and b["transfer"].isEnabled()
    assert not b["return"].isEnabled() and not b["readmit"].isEnabled()
    select(page, qtbot, first_with(ctx, ResidentStatus.TEMPORARILY_ABSENT).id)
    assert b["return"].isEnabled() and not b["departure"].isEnabled()
    select(page, qtbot, first_with(ctx, ResidentStatus.DISCHARGED).id)
    assert b["readmit"].isEnabled() and not b["discharge"].isEnabled() and not b["return"].isEnabled()
    select(page, qtbot, first_with(ctx, ResidentStatus.IN_QUEUE).id)
    assert not any(x.isEnabled() for x in b.values()) and page.open_button.isEnabled()


def serve_categories(ctx, *categories):
    from app.services import OrganisationInput

    view = ctx.services.organisation.get()
    view.categories = list(categories)
    data = {k: v for k, v in vars(view).items() if k not in ("id", "version")}
    director = next(a for a in ctx.services.people.users() if a.is_director)
    ctx.services.organisation.update(director, OrganisationInput(**data), view.version)


def test_admit_directly_through_the_dialog_then_the_row_appears(empty_ctx, qtbot):
    ctx = empty_ctx
    serve_categories(ctx, RecipientCategory.ELDERLY)
    page = ResidentsPage(ctx)
    show_active(qtbot, page)
    page.refresh()
    assert page.model.total == 0
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Insert)
    dlg = page.admit_dialog
    assert isinstance(dlg, AdmitDialog) and dlg.isVisible()
    f = dlg.form.widget
    iin = make_iin(dt.date(1948, 3, 8), Sex.FEMALE, 77)
    type_text(dlg.order_number, "15-ж")
    type_text(f("last_name"), "Сейітқалиева")
    type_text(f("first_name"), "Күләш")
    type_text(f("iin"), iin)
    assert f("birth_date").value() == dt.date(1948, 3, 8) and f("sex").value() == Sex.FEMALE  # read from the IIN
    type_text(f("room"), "12")
    type_text(f("diagnosis"), "Артериялық гипертензия")
    f("category").set_value(RecipientCategory.ELDERLY)
    f("admission_ground").set_value(AdmissionGround.PENSION_AGE)
    dlg.save()
    assert dlg.result() == QDialog.DialogCode.Accepted
    rid = dlg.movement.resident_id
    qtbot.waitUntil(lambda: page.model.row_of(rid) is not None)
    assert page.model.row(page.model.row_of(rid)).full_name == "Сейітқалиева Күләш"
    assert page.table.currentIndex().row() == page.model.row_of(rid)  # the new person is selected
    (mv,) = ctx.services.movements.history(rid)
    assert (mv.kind, mv.order_number, mv.event_date) == (MovementKind.ADMISSION, "15-ж", today())
    person = ctx.services.residents.get(rid)
    assert (person.iin, person.room, person.status, person.diagnosis) == (iin, "12", ResidentStatus.PRESENT,
                                                                          "Артериялық гипертензия")
    assert ctx.services.casefiles.get_for(rid) is not None
    assert (person.category, mv.admission_ground) == (RecipientCategory.ELDERLY.value, AdmissionGround.PENSION_AGE)


def test_r33_admission_dialog_refuses_a_category_not_served_and_a_missing_ground_under_the_field(empty_ctx, qtbot):
    ctx = empty_ctx
    serve_categories(ctx, RecipientCategory.ELDERLY)
    dlg = AdmitDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    f = dlg.form.widget
    type_text(dlg.order_number, "17-ж")
    type_text(f("last_name"), "Тұрсынов")
    type_text(f("first_name"), "Мұхтар")
    type_text(f("iin"), make_iin(dt.date(1950, 5, 17), Sex.MALE, 12))
    f("category").set_value(RecipientCategory.ELDERLY)
    dlg.save()
    assert error_text(f("admission_ground")) == _("{field}: choose the ground of admission.").format(
        field=_("Ground of admission"))
    f("category").set_value(RecipientCategory.TRAFFICKING)
    f("admission_ground").set_value(AdmissionGround.CANNOT_SELF_CARE)
    dlg.save()
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert error_text(f("category")).startswith(_("Recipient category"))
    assert ctx.services.queries.residents() == (0, [])


def test_admission_refused_for_a_wrong_iin_check_digit_keeps_what_was_typed(empty_ctx, qtbot):
    ctx = empty_ctx
    dlg = AdmitDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    f = dlg.form.widget
    good = make_iin(dt.date(1950, 5, 17), Sex.MALE, 12)
    bad = good[:11] + str((int(good[11]) + 1) % 10)
    type_text(dlg.order_number, "16-ж")
    type_text(f("last_name"), "Тұрсынов")
    type_text(f("first_name"), "Мұхтар")
    type_text(f("iin"), bad)
    f("admission_ground").set_value(AdmissionGround.CANNOT_SELF_CARE)
    expected = _("{field}: \"{value}\" has a wrong check digit; check the number against the document.").format(
        field=_("IIN"), value=bad)
    assert error_text(f("iin")) == expected  # shown as it was typed
    dlg.save()
    assert dlg.result() != QDialog.DialogCode.Accepted and dlg.isVisible()
    assert error_text(f("iin")) == expected  # and again by the service on save
    assert (f("iin").text(), f("last_name").text(), f("first_name").text(), dlg.order_number.text()) == (
        bad, "Тұрсынов", "Мұхтар", "16-ж")
    assert ctx.services.queries.residents() == (0, [])


def test_required_field_is_flagged_as_it_is_emptied(empty_ctx, qtbot):
    dlg = AdmitDialog(empty_ctx)
    qtbot.addWidget(dlg)
    type_text(dlg.order_number, "1")
    qtbot.keyClick(dlg.order_number, Qt.Key.Key_Backspace)
    assert _("Order number") in error_text(dlg.order_number)


def test_temporary_departure_and_return_through_the_dialogs(page, ctx, qtbot):
    r = first_with(ctx, ResidentStatus.PRESENT)
    select(page, qtbot, r.id)
    qtbot.mouseClick(page.movement_actions.buttons["departure"], Qt.MouseButton.LeftButton)
    dlg = page.movement_actions.dialog
    assert dlg.isVisible() and dlg.heading.text() == r.full_name
    type_text(dlg.order_number, "21-ж")
    type_text(dlg.reason, "Ауруханаға жатқызу")
    dlg.save()
    assert dlg.result() == QDialog.DialogCode.Accepted
    last = ctx.services.movements.history(r.id)[-1]
    assert (last.kind, last.order_number, last.reason_text) == (MovementKind.TEMPORARY_DEPARTURE, "21-ж",
                                                                "Ауруханаға жатқызу")
    qtbot.waitUntil(lambda: page.movement_actions.buttons["return"].isEnabled())
    assert not page.movement_actions.buttons["departure"].isEnabled()
    assert page.model.row(page.model.row_of(r.id)).status == ResidentStatus.TEMPORARILY_ABSENT
    qtbot.mouseClick(page.movement_actions.buttons["return"], Qt.MouseButton.LeftButton)
    back = page.movement_actions.dialog
    type_text(back.order_number, "22-ж")
    back.save()
    assert back.result() == QDialog.DialogCode.Accepted
    last = ctx.services.movements.history(r.id)[-1]
    assert (last.kind, last.order_number) == (MovementKind.RETURN, "22-ж")
    assert ctx.services.residents.get(r.id).status == ResidentStatus.PRESENT
    qtbot.waitUntil(lambda: page.movement_actions.buttons["departure"].isEnabled())


def test_discharge_with_reason_then_readmission(ctx, qtbot):
    r = first_with(ctx, ResidentStatus.PRESENT)
    dlg = DischargeDialog(ctx, r.id, r.full_name)
    qtbot.addWidget(dlg)
    told = []
    ctx.notice.connect(lambda text, rid: told.append((text, rid)))
    type_text(dlg.order_number, "30-ж")
    dlg.reason.setCurrentIndex(dlg.reason.findData(DischargeReason.TO_FAMILY))
    type_text(dlg.details, "Қызы алып кетті")
    dlg.save()
    assert dlg.result() == QDialog.DialogCode.Accepted
    # the action says what it did, with the order, and links the card
    order_date = dlg.order_date.value().strftime("%d.%m.%Y")
    assert told == [(f"Выбытие записано: {r.full_name}; приказ № 30-ж от {order_date}.", r.id)]
    last = ctx.services.movements.history(r.id)[-1]
    assert (last.kind, last.discharge_reason, last.reason_text, last.order_number) == (
        MovementKind.DISCHARGE, DischargeReason.TO_FAMILY, "Қызы алып кетті", "30-ж")
    assert ctx.services.residents.get(r.id).status == ResidentStatus.DISCHARGED
    again = ReadmitDialog(ctx, r.id, r.full_name)
    qtbot.addWidget(again)
    again.show()
    type_text(again.order_number, "31-ж")
    again.form.widget("admission_ground").set_value(AdmissionGround.CANNOT_SELF_CARE)
    again.save()  # people wait in the queue: refused under the ground, naming the first waiting
    first = next(q for q in ctx.services.queue.rows() if q.outcome == QueueOutcome.WAITING)
    assert again.result() != QDialog.DialogCode.Accepted and first.full_name in error_text(again.direct_ground)
    again.direct_ground.setCurrentIndex(again.direct_ground.findData(DirectAdmissionGround.COURT))
    again.save()
    assert again.result() == QDialog.DialogCode.Accepted
    last = ctx.services.movements.history(r.id)[-1]
    assert (last.kind, last.returned) == (MovementKind.ADMISSION, True)
    assert last.admission_ground == AdmissionGround.CANNOT_SELF_CARE


def test_discharge_without_a_reason_is_refused_next_to_the_reason(ctx, qtbot):
    r = first_with(ctx, ResidentStatus.PRESENT)
    dlg = DischargeDialog(ctx, r.id, r.full_name)
    qtbot.addWidget(dlg)
    type_text(dlg.order_number, "32-ж")
    before = dump(ctx)
    dlg.save()
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert error_text(dlg.reason) == _("{field}: choose the reason for discharge.").format(field=_("Reason"))
    assert dump(ctx) == before


def test_discharge_dated_before_admission_is_refused_and_nothing_changes(ctx, qtbot):
    r = first_with(ctx, ResidentStatus.PRESENT)
    last = ctx.services.movements.history(r.id)[-1]
    dlg = DischargeDialog(ctx, r.id, r.full_name)
    qtbot.addWidget(dlg)
    dlg.show()
    type_text(dlg.order_number, "33-ж")
    dlg.reason.setCurrentIndex(dlg.reason.findData(DischargeReason.OWN_REQUEST))
    early = last.event_date - dt.timedelta(days=3)
    set_date(dlg.event_date, early)
    assert _("Date") in error_text(dlg.event_date)  # flagged as the date is changed
    before = dump(ctx)
    dlg.save()
    assert dlg.result() != QDialog.DialogCode.Accepted and dlg.isVisible()
    shown = error_text(dlg.event_date)
    assert early.strftime("%d.%m.%Y") in shown and last.event_date.strftime("%d.%m.%Y") in shown
    assert (dlg.order_number.text(), dlg.event_date.value(), dlg.reason.value()) == (
        "33-ж", early, DischargeReason.OWN_REQUEST)
    assert dump(ctx) == before


def test_transfer_joins_region_city_and_district(ctx, qtbot):
    r = first_with(ctx, ResidentStatus.PRESENT)
    dlg = TransferDialog(ctx, r.id, r.full_name)
    qtbot.addWidget(dlg)
    type_text(dlg.order_number, "40-ж")
    dlg.save()
    assert _("Destination (region, city, district)") in error_text(dlg.destination)
    region, city, district = dlg.destination.parts
    type_text(region, "Ақмола облысы")
    type_text(district, "Целиноград ауданы")
    type_text(dlg.receiving, "«Ақниет» медициналық-әлеуметтік мекемесі")  # required too
    dlg.save()
    assert dlg.result() == QDialog.DialogCode.Accepted
    last = ctx.services.movements.history(r.id)[-1]
    assert (last.kind, last.destination) == (MovementKind.TRANSFER, "Ақмола облысы, Целиноград ауданы")


# --- the card ------------------------------------------------------------------------------------------------
def test_enter_opens_the_card_and_personal_data_is_saved(page, ctx, qtbot):
    r = first_with(ctx, ResidentStatus.PRESENT)
    select(page, qtbot, r.id)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    card = page.card
    assert isinstance(card, ResidentCard) and card.isVisible() and card.name_label.text() == r.full_name
    room = card.form.widget("room")
    room.clear()
    type_text(room, "205")
    assert card.is_dirty()
    qtbot.mouseClick(card.save_button, Qt.MouseButton.LeftButton)
    assert ctx.services.residents.get(r.id).room == "205"
    assert card.saved_label.text() == _("Saved.") and not card.is_dirty()
    qtbot.waitUntil(lambda: page.model.row(page.model.row_of(r.id)).room == "205")


def test_card_save_refused_for_a_wrong_iin_keeps_the_text(ctx, qtbot):
    r = first_with(ctx, ResidentStatus.PRESENT)
    card = ResidentCard(ctx, r.id)
    qtbot.addWidget(card)
    iin = card.form.widget("iin")
    iin.clear()
    type_text(iin, "12345")
    before = dump(ctx)
    card.save_person()
    assert "12345" in error_text(iin) and iin.text() == "12345"
    assert dump(ctx) == before


def test_r33_card_keeps_the_admission_category_under_the_field(ctx, qtbot):
    """A present resident's category, recorded at admission, cannot be emptied on the card (003 item 6 4))."""
    r = first_with(ctx, ResidentStatus.PRESENT)
    card = ResidentCard(ctx, r.id)
    qtbot.addWidget(card)
    category = card.form.widget("category")
    assert category.value() is not None
    category.set_value(None)
    before = dump(ctx)
    card.save_person()
    assert error_text(category).startswith(_("Recipient category")) and category.value() is None
    assert dump(ctx) == before and card.saved_label.text() == ""
    for lang in ("ru", "kk"):  # a message still shown is said in the language chosen after it
        ctx.translator.set_language(lang)
        assert error_text(category).startswith(_("Recipient category", lang) + ":"), lang
    iin = card.form.widget("iin")  # a check of the form itself, before the service, too
    iin.clear()
    type_text(iin, "12345")
    card.save_person()
    shown = error_text(iin)
    ctx.translator.set_language("ru")
    assert "12345" in error_text(iin) and error_text(iin) != shown


def test_card_conflict_tells_the_user_to_reopen(ctx, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    r = first_with(ctx, ResidentStatus.PRESENT)
    card = ResidentCard(ctx, r.id)
    qtbot.addWidget(card)
    type_text(card.form.widget("phone"), " 1")
    other = ctx.services.residents.get(r.id)
    from ui.widgets.person_form import person_input
    changed = person_input(other)
    changed.nationality = "орыс"
    ctx.services.residents.update(ctx.actor, r.id, changed, other.version)  # another user, meanwhile
    card.save_person()
    assert shown == [_("Another user has changed this record since you opened it. Reopen it to see their changes, "
                       "then make yours again.")]
    assert ctx.services.residents.get(r.id).nationality == "орыс"


def test_movement_from_the_card_keeps_unsaved_personal_data(ctx, qtbot):
    r = first_with(ctx, ResidentStatus.PRESENT)
    card = ResidentCard(ctx, r.id)
    qtbot.addWidget(card)
    card.show()
    type_text(card.form.widget("phone"), "9")
    dlg = card.movement_actions.start("departure")
    type_text(dlg.order_number, "50-ж")
    dlg.save()
    assert card.status == ResidentStatus.TEMPORARILY_ABSENT and card.movement_actions.buttons["return"].isEnabled()
    assert card.form.widget("phone").text().endswith("9") and card.movements.model.rowCount() == len(
        ctx.services.movements.history(r.id))
    card.save_person()  # the status change is no conflict for the personal data
    assert ctx.services.residents.get(r.id).phone.endswith("9")


def test_card_tabs_show_history_case_file_plans_and_monitoring(ctx, qtbot, qtmodeltester):
    _t, rows = ctx.services.queries.residents(statuses=(ResidentStatus.PRESENT,))
    r = next(x for x in rows if x.plan_status is not None and x.plan_status.value == "approved")
    card = ResidentCard(ctx, r.id, tab="casefile")
    qtbot.addWidget(card)
    assert card.current_tab() == "casefile"
    cf = ctx.services.casefiles.get_for(r.id)
    assert card.documents.model.rowCount() == len(cf.documents)
    assert str(cf.sheets) in card.sheets_label.text()
    assert card.movements.model.rowCount() == len(ctx.services.movements.history(r.id))
    plans = ctx.services.plans.for_resident(r.id)
    assert card.plans.model.rowCount() == len(plans)
    assert card.monitoring.model.rowCount() == sum(len(ctx.services.plans.monitoring_for(p.id)) for p in plans)
    for table in (card.movements, card.documents, card.plans, card.monitoring):
        qtmodeltester.check(table.model)
    card.focus_search()
    type_text(card.documents.search, "zzz-nothing")
    assert card.documents.proxy.rowCount() == 0


def test_add_document_needs_consent_for_an_original(ctx, qtbot):
    r = first_with(ctx, ResidentStatus.PRESENT)
    card = ResidentCard(ctx, r.id, tab="casefile")
    show_active(qtbot, card)
    before = ctx.services.casefiles.get_for(r.id)
    card.documents.view.setFocus()
    qtbot.keyClick(card.documents.view, Qt.Key.Key_Insert)
    dlg = card.document_dialog
    assert isinstance(dlg, AddDocumentDialog)
    dlg.kind.setCurrentIndex(dlg.kind.findData(DocumentKind.DISABILITY_CERTIFICATE))
    assert dlg.title.text() == DocumentKind.DISABILITY_CERTIFICATE.text()
    dlg.sheets.setValue(2)
    qtbot.mouseClick(dlg.original, Qt.MouseButton.LeftButton)
    assert "R-11" in error_text(dlg.consent)  # said as soon as the box is ticked
    dlg.save()
    assert dlg.result() != QDialog.DialogCode.Accepted and "R-11" in error_text(dlg.consent)
    assert ctx.services.casefiles.get_for(r.id) == before
    set_date(dlg.consent, today())
    dlg.save()
    assert dlg.result() == QDialog.DialogCode.Accepted
    after = ctx.services.casefiles.get_for(r.id)
    doc = after.documents[-1]
    assert (doc.kind, doc.sheets, doc.is_original, doc.consent_on) == (DocumentKind.DISABILITY_CERTIFICATE, 2, True,
                                                                        today())
    assert after.sheets == before.sheets + 2
    assert card.documents.model.rowCount() == len(after.documents) and str(after.sheets) in card.sheets_label.text()


# --- the case files page ------------------------------------------------------------------------------------
def test_case_files_page_searches_and_opens_the_card_on_the_case_file_tab(ctx, qtbot):
    cp = CaseFilesPage(ctx)
    show_active(qtbot, cp)
    cp.refresh()
    assert cp.model.total > 0 and all(r.status != ResidentStatus.IN_QUEUE for r in cp.model.rows())
    target = cp.model.row(0)
    type_text(cp.search, target.iin)
    qtbot.waitUntil(lambda: cp.model.query.search == target.iin)
    assert [r.id for r in cp.model.rows()] == [target.id]
    cp.table.setFocus()
    cp.table.selectRow(0)
    qtbot.keyClick(cp.table, Qt.Key.Key_Return)
    assert cp.card.isVisible() and cp.card.current_tab() == "casefile"
    assert cp.card.case_file.number == target.case_file.number
    ctx.translator.set_language("kk")
    assert cp.model.headerData(3, Qt.Orientation.Horizontal) == _("Case file No.", "kk")


def test_typing_is_debounced_into_one_query(page, ctx, qtbot, monkeypatch):
    calls = []
    real = ctx.services.queries.residents
    monkeypatch.setattr(ctx.services.queries, "residents", lambda *a, **k: calls.append(a) or real(*a, **k))
    with qtbot.waitSignal(page.model.loaded, timeout=2000):
        type_text(page.search, "ахм")
        assert calls == []  # each key only restarts the timer
    assert [c[0] for c in calls] == ["ахм"]
