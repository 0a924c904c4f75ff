"""File → Audit log… and the resident card's History tab (issue 10 point 7): the card's opening recorded,
the log filtered by user, person, period and action, the selected entry field by field in kk and ru,
the export to XLSX, and neither shown to a social worker."""

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app import i18n
from app.db.models import AuditEntry
from app.services.audit import AuditFilter, AuditService
from tests.services.helpers import person
from ui.dialogs.audit_log import AuditLogDialog
from ui.dialogs.resident_card import ResidentCard
from ui.models.audit import AuditModel


def first_resident(ctx):
    """A resident of the demo who has an IIN."""
    _total, rows = ctx.services.queries.residents(limit=50)
    return next(r.id for r in rows if ctx.services.residents.get(r.id).iin)


@pytest.fixture
def changed(director_ctx):
    """A resident of the demo whose last name the director changed."""
    ctx = director_ctx
    rid = first_resident(ctx)
    view = ctx.services.residents.get(rid)
    data = replace(person(last="Өзгертілген"), iin=view.iin, birth_date=view.birth_date, sex=view.sex)
    ctx.services.residents.update(ctx.actor, rid, data, view.version)
    return ctx, rid, view


def reads(ctx, rid):
    with ctx.services.sessions() as s:
        return s.scalars(select(AuditEntry).where(AuditEntry.action == "resident.read",
                                                  AuditEntry.entity_id == rid)).all()


def test_opening_the_card_is_recorded_and_a_worker_sees_no_history_tab(ctx, qtbot):
    rid = first_resident(ctx)
    card = ResidentCard(ctx, rid)
    qtbot.addWidget(card)
    [entry] = reads(ctx, rid)
    assert entry.username == ctx.actor.username and entry.after["count"] == 1
    assert card.history is None and card.tabs.count() == 5


def test_the_history_tab_lists_the_persons_entries_with_the_changes(changed, qtbot):
    ctx, rid, old = changed
    card = ResidentCard(ctx, rid, tab="history")
    qtbot.addWidget(card)
    assert card.current_tab() == "history" and card.tabs.tabText(5) == "&История"
    model = card.history.model
    actions = [model.row(i).action for i in range(model.rowCount())]
    assert "resident.read" not in actions and "resident.update" in actions  # the card's openings left out
    assert all(model.row(i).resident_id == rid for i in range(model.rowCount()))
    card.show_reads.setChecked(True)  # asked for: each opening, this one first
    opened = [model.row(i).action for i in range(model.rowCount())]
    assert opened[0] == "resident.read" and [a for a in opened if a != "resident.read"] == actions
    assert len(opened) == len(actions) + len(reads(ctx, rid))
    card.show_reads.setChecked(False)
    actions = [model.row(i).action for i in range(model.rowCount())]
    card.history.view.setCurrentIndex(model.index(actions.index("resident.update"), 0))
    details = card.history.details
    texts = {details.item(r, 0).text(): (details.item(r, 1).text(), details.item(r, 2).text())
             for r in range(details.rowCount())}
    assert texts["Фамилия"] == (old.last_name, "Өзгертілген")
    i18n.set_language("kk")
    assert card.tabs.tabText(5) == "&Тарих"
    assert details.item(0, 0).text() in {"ЖСН", "Тегі", "Туған күні"} and details.horizontalHeaderItem(1).text() == "Бұрын"


def test_the_dialog_filters_by_user_person_period_and_action(changed, qtbot, qtmodeltester, warnings):
    ctx, rid, old = changed
    dlg = AuditLogDialog(ctx)
    qtbot.addWidget(dlg)
    everything = dlg.model.total
    assert everything > 200 and dlg.model.rowCount() == 200  # the first page only
    alone = AuditModel(dlg._fetch, page_size=50)
    alone.reload()
    assert alone.rowCount() == 50 and alone.canFetchMore()
    qtmodeltester.check(alone)  # (it fetches the rest)
    dlg.user.setCurrentIndex(dlg.user.findData(ctx.actor.username))
    dlg.apply_button.click()
    assert 0 < dlg.model.total < everything
    assert {dlg.model.row(i).username for i in range(dlg.model.rowCount())} == {ctx.actor.username}
    dlg.clear_button.click()
    dlg.show()
    dlg.action.setCurrentIndex(dlg.action.findData("resident.update"))
    dlg.iin.setFocus()
    qtbot.keyClicks(dlg.iin, old.iin)
    qtbot.keyClick(dlg.iin, Qt.Key.Key_Return)  # Enter in a filter shows the list
    assert dlg.model.total == 1 and dlg.model.row(0).resident_id == rid
    assert dlg.entries.details.rowCount() >= 1 and "Өзгертілген" in dlg.entries.title.text() + \
        dlg.entries.details.item(0, 2).text() + dlg.entries.details.item(1, 2).text()
    dlg.clear_button.click()
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    dlg.start.set_value(tomorrow)
    dlg.apply_button.click()
    assert dlg.model.total == 0 and dlg.entries.title.text() == "Подходящих записей нет."
    dlg.clear_button.click()
    dlg.iin.setText("000000000000")
    dlg.apply_button.click()
    assert dlg.person.text() == "Человек с таким ИИН не зарегистрирован."


def test_the_dialog_pages_and_sorts_in_sql(changed, qtbot):
    ctx, rid, old = changed
    dlg = AuditLogDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.model.page_size = 10
    dlg.model.reload()
    assert dlg.model.rowCount() == 10 and dlg.model.canFetchMore()
    first_ids = [dlg.model.row(i).id for i in range(10)]
    ctx.services.residents.open(ctx.actor, rid)  # an entry written meanwhile does not shift the pages
    dlg.model.fetchMore()
    ids = [dlg.model.row(i).id for i in range(dlg.model.rowCount())]
    assert len(ids) == 20 and ids[:10] == first_ids and len(set(ids)) == 20 and ids == sorted(ids, reverse=True)
    dlg.entries.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    users = [dlg.model.row(i).username for i in range(dlg.model.rowCount())]
    assert users == sorted(users)


def test_export_to_xlsx_holds_the_filtered_rows_and_is_recorded(changed, qtbot, tmp_path, warnings):
    import openpyxl

    ctx, rid, old = changed
    dlg = AuditLogDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.iin.setText(old.iin)
    dlg.apply_button.click()
    dlg.export_to(tmp_path / "audit")  # off the GUI thread
    qtbot.waitUntil(lambda: dlg.exported is not None, timeout=10000)
    path = dlg.exported
    assert path.suffix == ".xlsx" and warnings and str(path) in warnings[0]
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert len(rows) - 1 == dlg.model.total and rows[0][0] == "Время"
    page = AuditService(ctx.services.sessions).query(ctx.actor, AuditFilter(action="export.audit"))
    assert page.total == 1 and page.rows[0].after["rows"] == dlg.model.total


def test_the_menu_entry_is_only_for_the_director(ctx, director_ctx, qtbot):
    """Issue 10 point 5: shown to everyone, enabled for those who may read the log; the others read who may."""
    from ui.main_window import MainWindow

    for c, enabled in ((ctx, False), (director_ctx, True)):
        window = MainWindow(c)
        qtbot.addWidget(window)
        assert window.audit_action.isEnabled() == enabled
        if not enabled:
            assert window.audit_action.toolTip() == "Это доступно только: директор, администратор и аудитор " \
                                                    "(только чтение)."
        assert window.audit_action.text() == "&Журнал аудита…"


def test_what_the_program_did_itself_is_named_so_and_each_cut_cell_says_itself_whole(director_ctx, qtbot):
    """Entries the program made on its own (user "system": the first setup, an upgrade's changes) name it in the
    user's language, in the list, the title line and the user filter; the list's columns are cut to fit, so each
    cell's tooltip holds its whole text."""
    with director_ctx.services.sessions() as s, s.begin():  # as migration 0023 writes its entries
        s.add(AuditEntry(at=dt.datetime(2026, 12, 6, 9, 0), username="system", action="queue.out_of_turn_unchecked",
                         entity="queue_application", entity_id=1, before={"priority": "out_of_turn"},
                         after={"priority": "ordinary", "portal_out_of_turn": True}))
    dlg = AuditLogDialog(director_ctx)
    qtbot.addWidget(dlg)
    named = i18n._("the program (system)")
    assert named not in ("system", "the program (system)") and named != i18n._("the program (system)", "kk")
    system = dlg.user.findData("system")
    assert system > 0 and dlg.user.itemText(system) == named
    dlg.user.setCurrentIndex(system)
    dlg.apply_button.click()
    assert dlg.model.total > 0 and {dlg.model.row(i).username for i in range(dlg.model.rowCount())} == {"system"}
    assert dlg.model.index(0, 1).data() == named and named in dlg.entries.title.text()
    for column in range(1, 5):  # user, action, person, changes
        cell = dlg.model.index(0, column)
        assert cell.data(Qt.ItemDataRole.ToolTipRole) == cell.data()
    director_ctx.translator.set_language("kk")
    try:
        assert dlg.user.itemText(system) == i18n._("the program (system)", "kk") != named
    finally:
        director_ctx.translator.set_language("ru")
