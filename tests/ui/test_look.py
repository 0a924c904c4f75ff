"""Issue 12 point 8, a calm, modern look: the navigation's icons and sections (Ctrl+1 … Ctrl+0 and the arrows
still reach every screen), the dashboard's cards open the screen behind their number by mouse and keyboard,
empty lists say what to do next and give way to the table when rows come, the first steps on an empty
database open the right dialogs, the window keeps its size and layout, and no visible label shows a rule
code or the database's path."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QGroupBox, QLabel, QSplitter

from app import i18n
from app.services import PersonInput
from ui.context import Changed, Context
from ui.main_window import PAGE_ICONS, PAGES, SECTIONS, MainWindow
from ui.widgets.icons import ICONS_DIR, icon
from ui.widgets.navigation import SECTION_ROLE

RULE_CODE = re.compile(r"\bR-\d\d\b")
DIGIT_KEYS = [getattr(Qt.Key, f"Key_{(i + 1) % 10}") for i in range(10)]


def _window(ctx, qtbot, **kw) -> MainWindow:
    w = MainWindow(ctx, **kw)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.activateWindow()  # shortcuts go to the active window
    qtbot.waitUntil(w.isActiveWindow)
    return w


def _loaded(qtbot, page) -> None:
    qtbot.waitUntil(lambda: getattr(page, "up_to_date", True))


# --- navigation ------------------------------------------------------------------------------------------
def test_every_screen_has_an_icon_and_a_section_and_ctrl_n_still_switches(director_ctx, qtbot):
    w = _window(director_ctx, qtbot)
    assert w.nav.count() == len(PAGES)  # one row per screen: the section headers are not rows
    for row, (_m, cls, _t) in enumerate(PAGES):
        assert not w.nav.item(row).icon().isNull(), cls
        assert (ICONS_DIR / f"{PAGE_ICONS[cls]}.svg").is_file()
        assert not w.go_actions[row].icon().isNull()
    assert [row for row in range(w.nav.count()) if w.nav.item(row).data(SECTION_ROLE)] == [r for r, _m in SECTIONS]
    for lang in ("kk", "ru"):
        director_ctx.translator.set_language(lang)
        for _row, msgid in SECTIONS:  # each section's title is translated
            assert i18n._(msgid, lang) != msgid or msgid == "Organisation"
        assert [w.nav.item(r).text() for r in range(len(PAGES))] == [i18n._(t, lang) for _m, _c, t in PAGES]
    for i in [2, 5, 9, 0, 3]:  # Ctrl+3, Ctrl+6, Ctrl+0, Ctrl+1, Ctrl+4
        qtbot.keyClick(w, DIGIT_KEYS[i], Qt.KeyboardModifier.ControlModifier)
        assert w.stack.currentIndex() == i and w.nav.currentRow() == i
    w.nav.setFocus()
    qtbot.keyClick(w.nav, Qt.Key.Key_Down)  # from the last row of a section to the first of the next
    assert w.stack.currentIndex() == 4 and type(w.current_page()).__name__ == "PlansPage"


def test_every_icon_used_is_shipped_with_its_licence():
    import ui.main_window as main_window
    from ui.dialogs import queue_dialogs
    from ui.dialogs.movements import MOVEMENT_ICONS
    from ui.views import dashboard

    names = set(PAGE_ICONS.values()) | {card[1] for card in dashboard.CARDS.values()} | set(MOVEMENT_ICONS.values())
    names |= {cls.icon_name for cls in vars(queue_dialogs).values()
              if isinstance(cls, type) and issubclass(cls, queue_dialogs.ActionDialog)}
    names |= {"printer", "file-down", "folder-open", "trash-2", "book-open", "layers", "git-compare", "upload"}
    for name in names:
        assert not icon(name).isNull()
    assert (ICONS_DIR / "LICENSE-Lucide.txt").read_text(encoding="utf-8").count("ISC License") == 1
    shipped = {p.stem for p in ICONS_DIR.glob("*.svg")}
    assert names <= shipped and len(shipped) <= 70  # only the icons used are copied
    with pytest.raises(FileNotFoundError):
        icon("no-such-icon")
    assert main_window.SMALL_SCREEN_WIDTH == 1366


# --- the dashboard's cards -------------------------------------------------------------------------------
def test_a_card_opens_its_screen_with_a_click_enter_or_space(director_ctx, qtbot):
    w = _window(director_ctx, qtbot)
    dash = w.show_page("DashboardPage")
    _loaded(qtbot, dash)
    occ = director_ctx.services.queries.occupancy()
    assert dash.tiles["present"].value == occ.present and dash.tiles["queue"].value == len(
        director_ctx.services.queue.rows())
    assert dash.tiles["queue"].focusPolicy() & Qt.FocusPolicy.TabFocus
    qtbot.mouseClick(dash.tiles["queue"], Qt.MouseButton.LeftButton)
    assert type(w.current_page()).__name__ == "QueuePage"
    w.show_page("DashboardPage")
    card = dash.tiles["temporarily_absent"]
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Return)
    page = w.current_page()
    assert type(page).__name__ == "ResidentsPage"
    assert page.status.currentIndex() == 2  # the list of those temporarily absent
    w.show_page("DashboardPage")
    dash.tiles["vacant"].setFocus()
    qtbot.keyClick(dash.tiles["vacant"], Qt.Key.Key_Space)
    assert type(w.current_page()).__name__ == "QueuePage"
    assert str(occ.present) in dash.tiles["present"].accessibleName()


# --- empty states and the first steps --------------------------------------------------------------------
def _director(ctx) -> Context:
    actor = ctx.services.people.authenticate("director", "director1")
    return Context(ctx.services, actor, ctx.translator, ctx.database)


def test_empty_lists_say_what_to_do_and_give_way_when_rows_come(empty_ctx, qtbot):
    w = _window(empty_ctx, qtbot)
    dash = w.page(0)
    _loaded(qtbot, dash)
    assert dash.first_steps.isVisible()
    for key in ("overdue", "today", "week"):  # no empty table of fixed height: one line
        box = dash.groups[key][0]
        assert dash.empties[key].showing_message and not dash.groups[key][2].isVisible()
        view = dash.groups[key][2]
        assert box.height() <= box.sizeHint().height()  # not stretched to share the page with the others
        assert dash.empties[key].height() < view.minimumHeight()  # one line, not the table's five
    residents = w.show_page("ResidentsPage")
    qtbot.waitUntil(lambda: residents.empty.showing_message)
    assert residents.empty.message.isVisible() and not residents.table.isVisible()
    assert residents.empty.message.title.text() == i18n._("No residents yet")
    queue = w.show_page("QueuePage")
    _loaded(qtbot, queue)
    assert queue.empty.showing_message and queue.empty.message.isVisible()
    # a paper application comes: the queue and the residents list show their tables, the first steps go
    svc = empty_ctx.services
    svc.queue.register(empty_ctx.actor, PersonInput("Сәрсенбаева", "Әсел", iin_missing_reason="құжаттары жоқ"),
                       dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=1))
    empty_ctx.changed(Changed.QUEUE)
    qtbot.waitUntil(lambda: not queue.empty.showing_message)
    assert queue.view.isVisible() and queue.model.rowCount() == 1
    w.show_page("ResidentsPage")
    qtbot.waitUntil(lambda: not residents.empty.showing_message)
    assert residents.table.isVisible()
    residents.search.setText("ничего-такого-нет")  # a search that finds no one keeps the table
    residents.apply_filter()
    qtbot.waitUntil(lambda: residents.model.total == 0)
    assert not residents.empty.showing_message
    w.show_page("DashboardPage")
    _loaded(qtbot, dash)
    qtbot.waitUntil(lambda: not dash.first_steps.isVisible())


def test_the_first_steps_open_the_import_wizards_and_the_staff_form(empty_ctx, qtbot, monkeypatch):
    from ui.dialogs.onboarding import OnboardingWizard
    from ui.dialogs.portal_import import PortalImportWizard

    opened: list[str] = []
    monkeypatch.setattr(PortalImportWizard, "exec", lambda self: opened.append("queue") or 0)
    monkeypatch.setattr(OnboardingWizard, "exec", lambda self: opened.append("register") or 0)
    ctx = _director(empty_ctx)
    w = _window(ctx, qtbot)
    dash = w.page(0)
    _loaded(qtbot, dash)
    steps = dash.first_steps
    assert steps.isVisible() and all(b.isEnabled() for b in steps.buttons.values())
    for lang in ("kk", "ru"):
        ctx.translator.set_language(lang)
        assert steps.title.text() == i18n._("First steps", lang)
        assert steps.buttons["queue"].text() == "1. " + i18n._("Import the queue from the portal…", lang)
    qtbot.mouseClick(steps.buttons["queue"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(steps.buttons["register"], Qt.MouseButton.LeftButton)
    assert opened == ["queue", "register"]
    qtbot.mouseClick(steps.buttons["staff"], Qt.MouseButton.LeftButton)
    staff = w.current_page()
    assert type(staff).__name__ == "StaffPage"
    dialog = staff.dialog
    assert isinstance(dialog, QDialog) and dialog.isVisible()
    dialog.reject()
    # the empty lists' own buttons open the same wizards
    queue = w.show_page("QueuePage")
    _loaded(qtbot, queue)
    import_button = queue.empty.message.buttons[1]
    assert import_button.text() == i18n._("Import the queue from the portal…").replace("&", "")
    qtbot.mouseClick(import_button, Qt.MouseButton.LeftButton)
    assert opened[-1] == "queue"


def test_a_social_worker_sees_the_staff_step_disabled_with_the_reason(empty_ctx, qtbot):
    w = _window(empty_ctx, qtbot)
    dash = w.page(0)
    _loaded(qtbot, dash)
    staff = dash.first_steps.buttons["staff"]
    assert not staff.isEnabled() and staff.toolTip()
    assert dash.first_steps.buttons["queue"].isEnabled()


# --- the window's size and layout ------------------------------------------------------------------------
def test_the_window_keeps_its_size_maximised_state_and_splitters(director_ctx, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("QAMQOR_DATA_DIR", str(tmp_path / "data"))
    import ui.main_window as main_window

    first = MainWindow(director_ctx, remember_layout=True)
    qtbot.addWidget(first)
    monkeypatch.setattr(main_window, "SMALL_SCREEN_WIDTH", 0)  # a big screen: the first run is not maximised
    first.restore_layout()
    assert not first.windowState() & Qt.WindowState.WindowMaximized
    first.show()
    first.resize(1000, 650)  # the offscreen screen is 800 wide: a restored geometry is clamped to it
    staff = first.show_page("StaffPage")
    splitter = staff.findChild(QSplitter)
    total = sum(splitter.sizes())
    splitter.setSizes([total // 4, total - total // 4])
    kept = splitter.sizes()
    first.close()
    saved = json.loads((tmp_path / "data" / "settings.json").read_text(encoding="utf-8"))["window"]
    assert saved["maximised"] is False and saved["geometry"] and "StaffPage/0" in saved["splitters"]

    second = MainWindow(director_ctx, remember_layout=True)
    qtbot.addWidget(second)
    second.restore_layout()
    second.show()
    assert (second.width(), second.height()) == (1000, 650)  # not the 1280×760 of a first start
    assert second.show_page("StaffPage").findChild(QSplitter).sizes() == kept
    second.showMaximized()
    second.close()

    third = MainWindow(director_ctx, remember_layout=True)
    qtbot.addWidget(third)
    third.restore_layout()
    assert third.windowState() & Qt.WindowState.WindowMaximized


def test_a_small_screen_starts_maximised(director_ctx, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("QAMQOR_DATA_DIR", str(tmp_path / "data"))
    import ui.main_window as main_window

    w = MainWindow(director_ctx, remember_layout=True)
    qtbot.addWidget(w)
    width = w.screen().availableGeometry().width()
    monkeypatch.setattr(main_window, "SMALL_SCREEN_WIDTH", width)  # this screen counts as a 1366-pixel one
    w.restore_layout()
    assert w.windowState() & Qt.WindowState.WindowMaximized


# --- rule codes and the database path only in tooltips and About -----------------------------------------
def _visible_texts(window) -> list[str]:
    texts = [lab.text() for lab in window.findChildren(QLabel) if lab.isVisibleTo(window)]
    texts += [box.title() for box in window.findChildren(QGroupBox) if box.isVisibleTo(window)]
    return [t for t in texts if t]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_visible_label_shows_a_rule_code_or_the_database_path(director_ctx, qtbot, lang):
    w = _window(director_ctx, qtbot)
    director_ctx.translator.set_language(lang)
    bad = []
    for row, (_m, cls, _t) in enumerate(PAGES):
        w.nav.setCurrentRow(row)
        _loaded(qtbot, w.current_page())
        bad += [f"{cls}: {t}" for t in _visible_texts(w) if RULE_CODE.search(t) or director_ctx.database in t]
    assert bad == []
    assert director_ctx.database in w.db_label.toolTip()


def _shown_texts(top) -> list[str]:
    """What ``top`` shows on its face (tooltips left out): labels, buttons, group and tab titles, table and tree
    header texts, list and tree items."""
    from PySide6.QtWidgets import QAbstractButton, QHeaderView, QTabWidget, QTreeWidget, QWidget

    from tests.ui.windows import _plain

    found: list[str] = []
    for w in [top, *top.findChildren(QWidget)]:
        if w is not top and not w.isVisibleTo(top):
            continue
        if isinstance(w, QLabel):
            found.append(w.text())
        elif isinstance(w, QAbstractButton):
            found.append(w.text())
        elif isinstance(w, QGroupBox):
            found.append(w.title())
        elif isinstance(w, QTabWidget):
            found += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QHeaderView) and w.model() is not None:
            found += [str(w.model().headerData(c, w.orientation(), Qt.ItemDataRole.DisplayRole) or "")
                      for c in range(w.count())]
        if isinstance(w, QTreeWidget):
            found += [w.topLevelItem(i).text(c) for i in range(w.topLevelItemCount())
                      for c in range(w.columnCount())]
    return [_plain(t) for t in found if t and t.strip()]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_dialog_shows_a_rule_code_on_its_face_only_in_its_tooltips(director_ctx, qtbot, lang):
    """Labels, form labels, buttons, group and tab titles and column headers of the main dialogs and of every
    screen (each tab shown) carry no "R-15"; the codes stay in the tooltips of the same widgets."""
    from tests.ui import windows

    director_ctx.translator.set_language(lang)
    window = MainWindow(director_ctx)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    bad: list[str] = []
    tooltips: list[str] = []

    def look(name: str, top) -> None:
        bad.extend(f"{name}: {t}" for t in _shown_texts(top) if RULE_CODE.search(t))
        tooltips.extend(t for _w, t in windows.texts(top) if RULE_CODE.search(t))

    for name, page in windows.screens(window):
        look(name, window)
        for tab in windows.each_tab(page):
            look(f"{name} tab {tab}", window)
    for name, dialog in windows.dialogs(director_ctx, window):
        look(name, dialog)
        for tab in windows.each_tab(dialog):
            look(f"{name} tab {tab}", dialog)
    assert bad == [], "\n".join(bad)
    assert len(tooltips) > 20  # the codes are still there for whoever checks the program against the rules


# --- one style --------------------------------------------------------------------------------------------
def test_the_style_draws_the_dialogs_standard_buttons_with_the_same_icons(qapp):
    from PySide6.QtWidgets import QStyle, QStyleFactory

    from ui.widgets import style

    proxy = style.Style(QStyleFactory.create("Fusion"))
    assert proxy.styleHint(QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons) == 1
    for standard, name in style.DIALOG_ICONS.items():
        assert proxy.standardIcon(standard).cacheKey() == icon(name).cacheKey()
    assert style.palette().color(style.palette().ColorRole.Highlight).name() == style.ACCENT


def test_a_column_header_keeps_its_rule_code_in_the_header_tooltip(qapp):
    from ui.models.lateness import late_column
    from ui.models.table import RowsModel

    model = RowsModel([late_column(lambda _r: [])])
    for lang in ("kk", "ru"):
        i18n.set_language(lang)
        shown = model.headerData(0, Qt.Orientation.Horizontal)
        tip = model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert shown and not RULE_CODE.search(shown) and shown in tip and "R-15" in tip
        assert shown == i18n._("Late (R-15)", lang).replace(" (R-15)", "")


# --- icons on the dialogs' buttons ------------------------------------------------------------------------
#: the dialogs whose own buttons carry icons (issue 12 point 8: "a consistent icon set on every action")
WITH_ICONS = ("card_personal", "card_movements", "admit", "temporary_departure", "discharge", "transfer", "plan_editor",
              "preview", "portal_import", "reconcile", "portal_export", "batch", "onboarding")


def _bare_buttons(top) -> list[str]:
    """The visible push buttons with a text and no icon; a standard button of a button box is left out (the
    program's style draws the same icons on those: test_the_style_draws_the_dialogs_standard_buttons…)."""
    from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWizard

    steps = [top.button(which) for which in QWizard.WizardButton] if isinstance(top, QWizard) else []
    bare = []
    for b in top.findChildren(QPushButton):
        if not b.isVisibleTo(top) or not b.text() or not b.icon().isNull() or b in steps:  # a wizard's own steps
            continue
        box = b.parent()
        if isinstance(box, QDialogButtonBox) and box.standardButton(b) != QDialogButtonBox.StandardButton.NoButton:
            continue
        bare.append(b.text())
    return bare


def test_the_dialogs_own_buttons_carry_icons_and_the_movements_one_set(director_ctx, qtbot):
    from tests.ui import windows
    from ui.dialogs.movements import MOVEMENT_ICONS
    from ui.dialogs.resident_card import ResidentCard
    from ui.views.residents import ResidentsPage

    window = MainWindow(director_ctx)
    qtbot.addWidget(window)
    bare: dict[str, list[str]] = {}
    for name, dialog in windows.dialogs(director_ctx, window):
        if name in WITH_ICONS or name.startswith("queue_"):
            found = _bare_buttons(dialog)
            for tab in windows.each_tab(dialog):
                found += [f"tab {tab}: {t}" for t in _bare_buttons(dialog)]
            if found:
                bare[name] = found
        if name.startswith("queue_"):  # Save shows the action's icon, the one on the queue screen's button
            save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
            assert save.icon().cacheKey() == icon(type(dialog).icon_name).cacheKey(), name
    assert bare == {}
    # the card's movement buttons and the residents list's come from one place, with the same icons
    _total, rows = director_ctx.services.queries.residents(limit=1)
    card = ResidentCard(director_ctx, rows[0].id, "personal", window)
    qtbot.addWidget(card)
    page = ResidentsPage(director_ctx)
    qtbot.addWidget(page)
    assert set(MOVEMENT_ICONS) == set(card.movement_actions.buttons) == set(page.movement_actions.buttons)
    for kind, name in MOVEMENT_ICONS.items():
        assert card.movement_actions.buttons[kind].icon().cacheKey() == icon(name).cacheKey()
        assert page.movement_actions.buttons[kind].icon().cacheKey() == icon(name).cacheKey()
    assert card.print_button.icon().cacheKey() == icon("printer").cacheKey()


# --- empty Plans and Staff --------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_plans_and_staff_say_what_comes_first_and_give_way_to_the_table(empty_ctx, qtbot, lang):
    from app.domain.admission import AdmissionGround
    from app.domain.enums import RecipientCategory, Role, Sex
    from app.domain.identity import make_iin
    from app.services import OrderRef

    empty_ctx.translator.set_language(lang)
    w = _window(empty_ctx, qtbot)  # the social work specialist: admits, does not keep the staff list
    plans = w.show_page("PlansPage")
    _loaded(qtbot, plans)
    qtbot.waitUntil(lambda: plans.empty.showing_message)
    message = plans.empty.message
    assert message.isVisible() and not plans.table.isVisible()
    assert message.title.text() == i18n._("No one receives services yet", lang) != "No one receives services yet"
    assert message.hint.text() == i18n._("Admit a person first: an individual plan is drawn up for each person who "
                                         "holds a place.", lang)
    admit = message.buttons[0]
    assert admit.isEnabled() and admit.text() == i18n._("&Admit…", lang).replace("&", "")
    qtbot.mouseClick(admit, Qt.MouseButton.LeftButton)
    assert plans.admit_dialog is not None and plans.admit_dialog.isVisible()
    plans.admit_dialog.reject()
    staff = w.show_page("StaffPage")
    _loaded(qtbot, staff)
    assert staff.staff_empty.showing_message and not staff.staff.isVisible()
    add = staff.staff_empty.message.buttons[0]
    assert staff.staff_empty.message.title.text() == i18n._("No staff members yet", lang)
    assert not add.isEnabled() and add.toolTip()  # the reason: who may keep the staff list
    assert add.text() == i18n._("&Add staff member…", lang).replace("&", "")
    # a person admitted, a staff member added (by the director): the tables come back
    svc = empty_ctx.services
    day = dt.date.today() - dt.timedelta(days=3)
    svc.movements.admit_direct(empty_ctx.actor, PersonInput("Нұрланов", "Серік", iin=make_iin(
        dt.date(1948, 5, 2), Sex.MALE, 7), category=RecipientCategory.ELDERLY), day, OrderRef("1-ж", day),
        admission_ground=AdmissionGround.PENSION_AGE)
    empty_ctx.changed(Changed.RESIDENTS, Changed.MOVEMENTS)
    w.show_page("PlansPage")
    qtbot.waitUntil(lambda: not plans.empty.showing_message)
    assert plans.table.isVisible() and plans.table.model.rowCount() == 1
    svc.people.add_staff(_director(empty_ctx).actor, "Ким Татьяна", "Психолог", Role.PSYCHOLOGIST)
    empty_ctx.changed(Changed.STAFF)
    w.show_page("StaffPage")
    qtbot.waitUntil(lambda: not staff.staff_empty.showing_message)
    assert staff.staff.isVisible() and staff.staff.model.rowCount() == 1


def test_the_director_adds_the_first_staff_member_from_the_empty_list(empty_ctx, qtbot):
    w = _window(_director(empty_ctx), qtbot)
    staff = w.show_page("StaffPage")
    _loaded(qtbot, staff)
    add = staff.staff_empty.message.buttons[0]
    assert staff.staff_empty.showing_message and add.isEnabled()
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert isinstance(staff.dialog, QDialog) and staff.dialog.isVisible()
    staff.dialog.reject()
