"""Staff page: staff members and user accounts edited, passwords reset and changed — driven through the
real widgets (keys, double clicks, buttons, the File menu); every outcome is checked through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QWidget

from app import i18n
from app.demo import DEMO_DIRECTOR, DEMO_SOCIAL
from app.domain.enums import Role
from app.domain.errors import DomainError
from app.i18n import _
from app.services import PersonInput
from ui.dialogs.passwords import ChangePasswordDialog
from ui.i18n import fnumber
from ui.main_window import MainWindow
from ui.models.table import MUTED
from ui.views.staff import StaffPage
from ui.widgets.form_dialog import FormDialog

#: the offscreen platform's note when a window opens; not the program's
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing)")


# --- helpers ---------------------------------------------------------------------------------------
def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key (QTest's keyClicks takes ASCII only; Kazakh and Russian letters are not)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def retype(widget: QWidget, text: str) -> None:
    widget.clear()
    type_text(widget, text)


def error_text(widget: QWidget) -> str | None:
    """The inline error under a form field, or None when none shows."""
    labels = [w for w in widget.parentWidget().findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly)
              if w is not widget]
    shown = [lab.text() for lab in labels if not lab.isHidden()]
    return shown[0] if shown else None


def open_page(ctx, qtbot) -> StaffPage:
    page = StaffPage(ctx)
    qtbot.addWidget(page)
    page.resize(1144, 688)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def opened(page: StaffPage, qtbot, before) -> FormDialog:
    """The dialog the page opened since ``before`` (its previous dialog)."""
    d = page.dialog
    assert isinstance(d, FormDialog) and d is not before and d.isVisible()
    qtbot.addWidget(d)
    return d


def row_index(panel, key):
    assert panel.select(key)
    return panel.view.currentIndex()


def staff_row(ctx, name: str):
    return next(s for s in ctx.services.people.staff() if s.full_name == name)


def account(ctx, username: str):
    return next(u for u in ctx.services.people.users(include_inactive=True) if u.username == username)


def save_button(d: FormDialog) -> QWidget:
    return d.buttons.button(QDialogButtonBox.StandardButton.Save)


KIM = "Ким Татьяна Николаевна"


# --- staff -----------------------------------------------------------------------------------------
def test_staff_member_opened_with_enter_edited_and_taken_off_the_list(director_ctx, qtbot):
    ctx = director_ctx  # issue 10 point 5: the staff list is the director's and the administrator's
    page = open_page(ctx, qtbot)
    kim = staff_row(ctx, KIM)
    total = sum(s.fte for s in ctx.services.people.staff() if s.active)
    row_index(page.staff, kim.id)
    page.staff.view.setFocus()
    qtbot.keyClick(page.staff.view, Qt.Key.Key_Return)
    d = opened(page, qtbot, None)
    assert d.windowTitle() == _("Edit a staff member")
    assert (d.field("full_name").text(), d.field("position").text(), d.field("role").value(),
            d.field("fte").value(), d.field("active").isChecked()) == (KIM, "Психолог", Role.PSYCHOLOGIST, 1.0, True)

    retype(d.field("position"), "Педагог-психолог")
    d.field("fte").setValue(0.5)
    d.field("active").setChecked(False)
    qtbot.mouseClick(save_button(d), Qt.MouseButton.LeftButton)
    assert not d.isVisible()
    stored = staff_row(ctx, KIM)
    assert (stored.position, stored.fte, stored.active, stored.version) == ("Педагог-психолог", 0.5, False,
                                                                           kim.version + 1)
    # the page follows: the row is greyed and explained, the total counts active staff only
    index = row_index(page.staff, kim.id)
    assert index.data(Qt.ItemDataRole.ForegroundRole) == MUTED
    assert index.data(Qt.ItemDataRole.ToolTipRole) == _("Not on the staff list: not counted in the staff units.")
    other = row_index(page.staff, staff_row(ctx, "Петрова Нина Ивановна").id)
    assert other.data(Qt.ItemDataRole.ForegroundRole) is None and not other.data(Qt.ItemDataRole.ToolTipRole)
    assert page.total.text() == _("Staff units in total: {n}").format(n=fnumber(total - 1))


def test_staff_edit_refused_keeps_the_dialog_and_what_was_typed(director_ctx, qtbot, warnings):
    ctx = director_ctx
    page = open_page(ctx, qtbot)
    kim = staff_row(ctx, KIM)
    index = row_index(page.staff, kim.id)
    centre = page.staff.view.visualRect(index).center()
    qtbot.mouseClick(page.staff.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # QTest's double click
    qtbot.mouseDClick(page.staff.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # lacks the first press
    d = opened(page, qtbot, None)
    assert d.field("full_name").text() == KIM
    d.field("full_name").clear()
    retype(d.field("position"), "Психолог-кеңесші")
    assert d.save() is False and d.isVisible()
    assert error_text(d.field("full_name")) == _("{field}: this field is required.").format(field=_("Full name"))
    assert d.field("position").text() == "Психолог-кеңесші"
    assert staff_row(ctx, KIM) == kim

    # someone else saved the same person meanwhile: refused with a message, nothing overwritten
    theirs = ctx.services.people.update_staff(ctx.actor, kim.id, KIM, "Психолог", Role.PSYCHOLOGIST, 0.75, True,
                                              kim.version)
    type_text(d.field("full_name"), "Ким Т. Н.")
    assert d.save() is False and d.isVisible()
    assert warnings == [_("Another user has changed this record since you opened it. "
                          "Reopen it to see their changes, then make yours again.")]
    assert staff_row(ctx, KIM) == theirs
    d.reject()


# --- user accounts ---------------------------------------------------------------------------------
def test_staff_and_accounts_are_the_directors_and_administrators_the_buttons_say_who_may(ctx, qtbot, warnings):
    """Issue 10 point 5: signed in as the social work specialist, every button of the page is disabled and
    says who may; Enter on a row does nothing but say it."""
    page = open_page(ctx, qtbot)
    who = _("Only {roles} may do this.").format(roles=_("{first} and {last}").format(first=Role.DIRECTOR.text(),
                                                                                      last=Role.ADMIN.text()))
    assert page.users.current() is not None
    for button in (page.add_staff_button, page.edit_staff_button, page.add_user_button, page.edit_user_button,
                   page.reset_password_button):
        assert not button.isEnabled() and button.toolTip() == who
    row_index(page.users, DEMO_DIRECTOR[0])  # another row: the page enables by the selection, the guard holds
    assert not page.edit_user_button.isEnabled() and not page.reset_password_button.isEnabled()
    page.users.view.setFocus()
    qtbot.keyClick(page.users.view, Qt.Key.Key_Return)
    said = _("Only {roles} may {action}. Ask one of them, or sign in as one.").format(
        roles=_("{first} and {last}").format(first=Role.DIRECTOR.text(), last=Role.ADMIN.text()),
        action=_("edit a user account"))
    assert page.dialog is None and warnings == [said]
    page.staff.view.setFocus()
    qtbot.keyClick(page.staff.view, Qt.Key.Key_Return)
    qtbot.keyClick(page.staff.view, Qt.Key.Key_Insert)
    assert page.dialog is None


def test_director_edits_and_switches_off_an_account(director_ctx, qtbot, warnings):
    ctx = director_ctx
    page = open_page(ctx, qtbot)
    social = account(ctx, DEMO_SOCIAL[0])
    row_index(page.users, social.username)
    assert page.edit_user_button.isEnabled() and page.reset_password_button.isEnabled()
    qtbot.mouseClick(page.edit_user_button, Qt.MouseButton.LeftButton)
    d = opened(page, qtbot, None)
    assert d.field("username").isReadOnly() and d.field("username").text() == social.username
    assert (d.field("full_name").text(), d.field("role").value(), d.field("active").isChecked()) == (
        social.full_name, Role.SOCIAL_WORKER, True)
    retype(d.field("full_name"), "Оспанова Айгүл")
    d.field("role").set_value(Role.CONSULTANT)
    d.field("active").setChecked(False)
    assert d.save() and not d.isVisible()
    stored = account(ctx, social.username)
    assert (stored.full_name, stored.role, stored.active, stored.version) == (
        "Оспанова Айгүл", Role.CONSULTANT, False, social.version + 1)
    index = row_index(page.users, social.username)
    assert index.data(Qt.ItemDataRole.ForegroundRole) == MUTED
    assert index.data(Qt.ItemDataRole.ToolTipRole) == _("Switched off: this account cannot sign in.")
    with pytest.raises(DomainError) as exc:
        ctx.services.people.authenticate(*DEMO_SOCIAL)
    assert exc.value.field == "username"

    # the director's own account: not switched off, and its password is changed from the File menu instead
    row_index(page.users, DEMO_DIRECTOR[0])
    assert not page.reset_password_button.isEnabled()
    assert page.reset_password_button.toolTip() == _(
        "Change your own password with File → Change my password; it asks for the current one.")
    mine = account(ctx, DEMO_DIRECTOR[0])
    page.users.view.setFocus()
    qtbot.keyClick(page.users.view, Qt.Key.Key_Return)
    d = opened(page, qtbot, d)
    d.field("active").setChecked(False)
    assert d.save() is False and d.isVisible()
    assert error_text(d.field("active")) == _(
        "You cannot switch off the account you are signed in with; another director can.")
    assert d.height() >= d.heightForWidth(d.width())  # grown to show the message whole
    d.field("role").set_value(Role.PSYCHOLOGIST)
    d.field("active").setChecked(True)
    assert d.save() is False and error_text(d.field("role"))
    assert account(ctx, DEMO_DIRECTOR[0]) == mine and ctx.actor.is_director
    assert warnings == []


def test_director_resets_a_password(director_ctx, qtbot):
    ctx = director_ctx
    page = open_page(ctx, qtbot)
    row_index(page.users, DEMO_SOCIAL[0])
    qtbot.mouseClick(page.reset_password_button, Qt.MouseButton.LeftButton)
    d = opened(page, qtbot, None)
    assert d.windowTitle() == _("Reset a password") and d.field("username").text() == DEMO_SOCIAL[0]
    type_text(d.field("new_password"), "fresh-one")
    type_text(d.field("password2"), "fresh-two")
    assert d.save() is False and error_text(d.field("password2"))
    retype(d.field("new_password"), "short")
    retype(d.field("password2"), "short")
    assert d.save() is False and error_text(d.field("new_password"))
    assert ctx.services.people.authenticate(*DEMO_SOCIAL).username == DEMO_SOCIAL[0]
    retype(d.field("new_password"), "fresh-one")
    retype(d.field("password2"), "fresh-one")
    qtbot.keyClick(d.field("password2"), Qt.Key.Key_Return)  # Enter saves
    assert not d.isVisible()
    assert ctx.services.people.authenticate(DEMO_SOCIAL[0], "fresh-one").username == DEMO_SOCIAL[0]


# --- own password ----------------------------------------------------------------------------------
def test_change_my_password_from_the_file_menu(ctx, qtbot, monkeypatch):
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    shown = []

    def run(dialog: ChangePasswordDialog) -> int:
        """What the user does in the modal dialog: a wrong current password first, then the right one."""
        shown.append(dialog)
        assert dialog.windowTitle() == _("Change my password")
        type_text(dialog.field("old_password"), "wrong-one")
        type_text(dialog.field("new_password"), "brand-new")
        type_text(dialog.field("password2"), "brand-new")
        assert dialog.save() is False and dialog.result() == 0
        assert error_text(dialog.field("old_password")).startswith(_("Current password"))
        assert dialog.field("new_password").text() == "brand-new"
        retype(dialog.field("old_password"), DEMO_SOCIAL[1])
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(ChangePasswordDialog, "exec", run)
    action = next(a for a in w.file_menu.actions() if a is w.password_action)
    assert action.text() == _("Change my &password…")
    action.trigger()
    assert len(shown) == 1
    assert ctx.services.people.authenticate(DEMO_SOCIAL[0], "brand-new").username == DEMO_SOCIAL[0]
    with pytest.raises(DomainError):
        ctx.services.people.authenticate(*DEMO_SOCIAL)
    # the sessions open elsewhere are over; this window's goes on (its next write is not refused)
    moved = ctx.services.queue.register(ctx.actor, PersonInput("Сессия", "Жалғасады", iin_missing_reason="жоқ"),
                                        dt.datetime.now() - dt.timedelta(hours=1))
    assert moved.application_id


# --- keyboard and languages ------------------------------------------------------------------------
def test_every_action_has_a_mnemonic_and_follows_the_language(director_ctx, qtbot):
    ctx = director_ctx
    page = open_page(ctx, qtbot)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    buttons = (page.add_staff_button, page.edit_staff_button, page.add_user_button, page.edit_user_button,
               page.reset_password_button)
    texts = {}
    for lang in ("kk", "ru"):
        i18n.set_language(lang)
        letters = [b.text()[b.text().index("&") + 1].casefold() for b in buttons]
        assert len(set(letters)) == len(letters), letters
        assert "&" in w.password_action.text()
        texts[lang] = [b.text() for b in buttons] + [w.password_action.text()]
        d = ChangePasswordDialog(ctx, page)
        qtbot.addWidget(d)
        assert d.windowTitle() == _("Change my password", lang)
    assert all(a != b for a, b in zip(texts["kk"], texts["ru"]))
