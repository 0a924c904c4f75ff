"""Staff: the staff list (positions and staff units, for the staffing norms) and the user accounts;
the director and the administrator keep the staff list and the accounts (a director's account the director only); every
user changes their own password (File → Change my password)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Role
from app.domain.permissions import UseCase, forbidden, may
from app.i18n import N_, _
from app.services.base import Actor
from app.services.organisation import StaffView
from ui.context import Change, Changed, Context, Page
from ui.dialogs.passwords import password_fields, typed_twice
from ui.forms import EnumCombo, line, set_bold
from ui.i18n import fnumber
from ui.models.table import Column, name_column
from ui.widgets.buttons import action_button
from ui.widgets.empty_state import EmptyState
from ui.widgets.form_dialog import FormDialog, enum_value, names_completer, show_dialog
from ui.widgets.icons import set_icons
from ui.widgets.permissions import guard
from ui.widgets.tables import TablePanel, install_keys

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def fte_box() -> QDoubleSpinBox:
    w = QDoubleSpinBox()
    w.setRange(0, 2)
    w.setDecimals(2)
    w.setSingleStep(0.25)
    w.setValue(1.0)
    return w


def off_list(s: StaffView) -> str:
    return "" if s.active else _("Not on the staff list: not counted in the staff units.")


def switched_off(a: Actor) -> str:
    return "" if a.active else _("Switched off: this account cannot sign in.")


def read_only(text: str) -> QLineEdit:
    w = line(text)
    w.setReadOnly(True)
    return w


class StaffPage(Page):
    title = "Staff"

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog = None
        self.heading = set_bold(QLabel(), 3)
        self.staff = TablePanel([
            name_column(N_("Full name"), lambda s: s.full_name, tooltip=off_list),
            Column(N_("Position"), lambda s: s.position, tooltip=off_list),
            Column(N_("Role"), lambda s: s.role.text(), tooltip=off_list),
            Column(N_("Staff units"), lambda s: fnumber(s.fte), lambda s: s.fte, RIGHT, tooltip=off_list),
        ], muted=lambda s: not s.active)
        self.users = TablePanel([
            name_column(N_("Full name"), lambda a: a.full_name, tooltip=switched_off),
            Column(N_("User name"), lambda a: a.username, tooltip=switched_off),
            Column(N_("Role"), lambda a: a.role.text(), tooltip=switched_off),
        ], key=lambda a: a.username, muted=lambda a: not a.active)
        self.add_staff_button = action_button(self.staff.buttons, self.add_staff)
        self.edit_staff_button = action_button(self.staff.buttons, self.edit_staff)
        self.staff.buttons.addStretch(1)
        self.total = QLabel()
        self.staff.buttons.addWidget(self.total)
        self.add_user_button = action_button(self.users.buttons, self.add_user)
        self.edit_user_button = action_button(self.users.buttons, self.edit_user)
        self.reset_password_button = action_button(self.users.buttons, self.reset_password)
        set_icons({self.add_staff_button: "user-plus", self.edit_staff_button: "pencil", self.add_user_button: "plus",
                   self.edit_user_button: "pencil", self.reset_password_button: "key-round"})
        self.users.buttons.addStretch(1)
        # issue 10 point 5: the staff list and the accounts are the director's and the administrator's
        for button, use_case in ((self.add_staff_button, UseCase.STAFF_EDIT), (self.edit_staff_button, UseCase.STAFF_EDIT),
                                 (self.add_user_button, UseCase.ACCOUNT_CREATE),
                                 (self.edit_user_button, UseCase.ACCOUNT_EDIT),
                                 (self.reset_password_button, UseCase.PASSWORD_RESET)):
            guard(button, ctx, use_case)
        # issue 12 point 8: an empty staff list says what to do, with the button (disabled for a role that may not)
        self.staff_empty = EmptyState(
            ctx, self.staff, self.staff.model, "users", N_("No staff members yet"),
            N_("Add the staff members with their positions and staff units: the staff list is compared with the "
               "minimum staffing norms."),
            [(N_("&Add staff member…"), "user-plus", self.add_staff, UseCase.STAFF_EDIT)])
        self.staff_box, self.users_box = QGroupBox(), QGroupBox()
        QVBoxLayout(self.staff_box).addWidget(self.staff_empty)
        QVBoxLayout(self.users_box).addWidget(self.users)
        splitter = QSplitter(Qt.Orientation.Vertical)  # one above the other: every column fits at 1366 × 768
        splitter.addWidget(self.staff_box)
        splitter.addWidget(self.users_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(splitter, 1)
        install_keys(self, [self.staff, self.users], {self.staff: self.add_staff_button.click,
                                                      self.users: self.add_user})
        self.staff.activated.connect(lambda _index: self.edit_staff_button.click())
        self.users.activated.connect(lambda _index: self.edit_user())
        self.staff.current_changed.connect(lambda *_a: self._update_actions())
        self.users.current_changed.connect(lambda *_a: self._update_actions())
        ctx.data_changed.connect(self._data_changed)
        self.retranslate_ui()
        self.refresh()

    def _data_changed(self, change: Change) -> None:
        if change.concerns(Changed.STAFF, Changed.USERS):
            self.refresh()

    def refresh(self) -> None:
        staff = self.ctx.services.people.staff()
        self.staff.set_rows(staff)
        self.users.set_rows(self.ctx.services.people.users(include_inactive=True))
        self._total(staff)
        self._update_actions()

    def _total(self, staff: list[StaffView]) -> None:
        self.total.setText(_("Staff units in total: {n}").format(n=fnumber(sum(s.fte for s in staff if s.active))))

    # --- staff ---------------------------------------------------------------------------------
    def _staff_form(self, d: FormDialog) -> None:
        d.form.add("full_name", "Full name", line(max_length=300), required=True)
        position = d.form.add("position", "Position", line(max_length=300), required=True)
        position.setCompleter(names_completer([s.position for s in self.staff.model.rows()], position))
        d.form.add("role", "Role", EnumCombo(Role), required=True)
        d.form.add("fte", "Staff units", fte_box(), required=True)

    def add_staff(self) -> FormDialog:
        people, actor = self.ctx.services.people, self.ctx.actor
        d = FormDialog(self.ctx, N_("Add a staff member"), Changed.STAFF,
                       lambda d: people.add_staff(actor, d.field("full_name").text(), d.field("position").text(),
                                                  enum_value(d.field("role")), d.field("fte").value()),
                       N_("The staff list is compared with the minimum staffing norms."), self)
        self._staff_form(d)
        return show_dialog(self, d.ready())

    def edit_staff(self) -> FormDialog | None:
        """The selected staff member, prefilled; unticking Active takes them off the staff list."""
        row = self.staff.current()
        if row is None:
            return None
        people, actor = self.ctx.services.people, self.ctx.actor
        d = FormDialog(self.ctx, N_("Edit a staff member"), Changed.STAFF,
                       lambda d: people.update_staff(actor, row.id, d.field("full_name").text(),
                                                     d.field("position").text(), enum_value(d.field("role")),
                                                     d.field("fte").value(), d.field("active").isChecked(),
                                                     row.version),
                       N_("Someone who left stays in the records: untick Active and they are no longer counted "
                          "in the staff units."), self)
        self._staff_form(d)
        d.form.add("active", N_("Active (on the staff list)"), QCheckBox())
        d.field("full_name").setText(row.full_name)
        d.field("position").setText(row.position)
        d.field("role").set_value(row.role)
        d.field("fte").setValue(row.fte)
        d.field("active").setChecked(row.active)
        return show_dialog(self, d.ready())

    # --- user accounts -------------------------------------------------------------------------
    def _may(self, use_case: UseCase) -> bool:
        """Issue 10 point 5: the signed-in role may; anyone else is told who may."""
        if may(self.ctx.actor.role, use_case):
            return True
        QMessageBox.information(self, _("User accounts"), forbidden(use_case).render())
        return False

    def add_user(self) -> FormDialog | None:
        if not self._may(UseCase.ACCOUNT_CREATE):
            return None
        people, actor = self.ctx.services.people, self.ctx.actor

        def create(d: FormDialog) -> Actor:
            return people.create_user(actor, d.field("username").text(), d.field("full_name").text(),
                                      enum_value(d.field("role")), typed_twice(d, "password"))

        d = FormDialog(self.ctx, N_("Add a user account"), Changed.USERS, create,
                       N_("The person signs in with this user name and password."), self)
        d.form.add("username", "User name", line(max_length=100), required=True)
        name = d.form.add("full_name", "Full name", line(max_length=300), required=True)
        name.setCompleter(names_completer([s.full_name for s in self.staff.model.rows()], name))
        d.form.add("role", "Role", EnumCombo(Role), required=True)
        password_fields(d, (("password", N_("Password")), ("password2", N_("Password again"))))
        d.field("role").set_value(Role.SOCIAL_WORKER)
        return show_dialog(self, d.ready())

    def edit_user(self) -> FormDialog | None:
        """The selected account: name, role, and whether it may sign in (the director only)."""
        row = self.users.current()
        if row is None or not self._may(UseCase.ACCOUNT_EDIT):
            return None
        people, actor = self.ctx.services.people, self.ctx.actor

        def save(d: FormDialog) -> Actor:
            saved = people.update_user(actor, row.username, d.field("full_name").text(),
                                       enum_value(d.field("role")), d.field("active").isChecked(), row.version)
            if saved.username == self.ctx.actor.username:
                self.ctx.actor = saved  # the signed-in director's own name or role
            return saved

        d = FormDialog(self.ctx, N_("Edit a user account"), Changed.USERS, save,
                       N_("A switched-off account cannot sign in; what was recorded with it stays."), self)
        d.form.add("username", "User name", read_only(row.username))
        name = d.form.add("full_name", "Full name", line(row.full_name, max_length=300), required=True)
        name.setCompleter(names_completer([s.full_name for s in self.staff.model.rows()], name))
        d.form.add("role", "Role", EnumCombo(Role), required=True)
        d.form.add("active", N_("Active (can sign in)"), QCheckBox())
        d.field("role").set_value(row.role)
        d.field("active").setChecked(row.active)
        return show_dialog(self, d.ready())

    def reset_password(self) -> FormDialog | None:
        """A new password for the selected account (someone who forgot theirs; the director only)."""
        row = self.users.current()
        if row is None or not self._may(UseCase.PASSWORD_RESET):
            return None
        people, actor = self.ctx.services.people, self.ctx.actor
        d = FormDialog(self.ctx, N_("Reset a password"), Changed.USERS,
                       lambda d: people.reset_password(actor, row.username, typed_twice(d, "new_password")),
                       N_("Tell the person the new password; they can change it in File → Change my password."), self)
        d.form.add("username", "User name", read_only(row.username))
        password_fields(d, (("new_password", N_("New password")), ("password2", N_("Password again"))))
        return show_dialog(self, d.ready())

    def _update_actions(self) -> None:
        account = self.users.current()
        own = account is not None and account.username == self.ctx.actor.username
        self.edit_staff_button.setEnabled(self.staff.current() is not None)
        self.edit_user_button.setEnabled(account is not None)
        self.reset_password_button.setEnabled(account is not None and not own)
        self.add_user_button.setToolTip(_("Create a sign-in account (Ins in this list)."))
        self.edit_user_button.setToolTip(_("Change the selected account's name and role, or switch it off "
                                           "(Enter in this list)."))
        self.reset_password_button.setToolTip(
            _("Change your own password with File → Change my password; it asks for the current one.") if own else
            _("Set a new password for the selected account, for someone who forgot theirs."))

    # --- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(_("Staff and user accounts"))
        self.staff_box.setTitle(_("Staff list"))
        self.users_box.setTitle(_("User accounts"))
        self.staff.retranslate_ui()
        self.users.retranslate_ui()
        self.add_staff_button.setText(_("&Add staff member…"))
        self.add_staff_button.setToolTip(_("Add a person to the staff list (Ins)."))
        self.edit_staff_button.setText(_("&Edit…"))
        self.edit_staff_button.setToolTip(_("Edit the selected staff member or take them off the staff list "
                                             "(Enter or a double click on the row)."))
        self.add_user_button.setText(_("Add &user…"))
        self.edit_user_button.setText(_("Edit &account…"))
        self.reset_password_button.setText(_("Reset pass&word…"))
        self._update_actions()
        self._total(self.staff.model.rows())
