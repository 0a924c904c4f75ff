"""Staff: the staff list (positions and staff units, for the staffing norms) and the user accounts;
the director adds accounts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDoubleSpinBox, QGroupBox, QLabel, QLineEdit, QMessageBox, QSplitter, QVBoxLayout,
                               QWidget)

from app.domain.enums import Role
from app.domain.errors import DomainError
from app.i18n import M, _
from app.services.base import Actor
from app.services.organisation import StaffView
from ui.context import Context, Page
from ui.forms import EnumCombo, line, set_bold
from ui.i18n import fnumber
from ui.models.table import Column
from ui.views.plans import (FormDialog, TablePanel, action_button, enum_value, install_keys, names_completer,
                            show_dialog)

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def fte_box() -> QDoubleSpinBox:
    w = QDoubleSpinBox()
    w.setRange(0, 2)
    w.setDecimals(2)
    w.setSingleStep(0.25)
    w.setValue(1.0)
    return w


class StaffPage(Page):
    title = "Staff"

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog = None
        self.heading = set_bold(QLabel(), 3)
        self.staff = TablePanel([
            Column("Full name", lambda s: s.full_name),
            Column("Position", lambda s: s.position),
            Column("Role", lambda s: s.role.text()),
            Column("Staff units", lambda s: fnumber(s.fte), lambda s: s.fte, RIGHT),
        ])
        self.users = TablePanel([
            Column("Full name", lambda a: a.full_name),
            Column("User name", lambda a: a.username),
            Column("Role", lambda a: a.role.text()),
        ], key=lambda a: a.username)
        self.add_staff_button = action_button(self.staff.buttons, self.add_staff)
        self.staff.buttons.addStretch(1)
        self.total = QLabel()
        self.staff.buttons.addWidget(self.total)
        self.add_user_button = action_button(self.users.buttons, self.add_user)
        self.users.buttons.addStretch(1)
        self.staff_box, self.users_box = QGroupBox(), QGroupBox()
        QVBoxLayout(self.staff_box).addWidget(self.staff)
        QVBoxLayout(self.users_box).addWidget(self.users)
        splitter = QSplitter()
        splitter.addWidget(self.staff_box)
        splitter.addWidget(self.users_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(splitter, 1)
        install_keys(self, [self.staff, self.users], {self.staff: self.add_staff, self.users: self.add_user})
        ctx.data_changed.connect(self._data_changed)
        self.retranslate_ui()
        self.refresh()

    def _data_changed(self, topic: str) -> None:
        if topic in ("staff", "users"):
            self.refresh()

    def refresh(self) -> None:
        staff = self.ctx.services.people.staff()
        self.staff.set_rows(staff)
        self.users.set_rows(self.ctx.services.people.users())
        self._total(staff)

    def _total(self, staff: list[StaffView]) -> None:
        self.total.setText(_("Staff units in total: {n}").format(n=fnumber(sum(s.fte for s in staff if s.active))))

    # --- adding --------------------------------------------------------------------------------
    def add_staff(self) -> FormDialog:
        people, actor = self.ctx.services.people, self.ctx.actor
        d = FormDialog(self.ctx, "Add a staff member", "staff",
                       lambda d: people.add_staff(actor, d.field("full_name").text(), d.field("position").text(),
                                                  enum_value(d.field("role")), d.field("fte").value()),
                       "The staff list is compared with the minimum staffing norms.", self)
        d.form.add("full_name", "Full name", line(max_length=300), required=True)
        position = d.form.add("position", "Position", line(max_length=300), required=True)
        position.setCompleter(names_completer([s.position for s in self.staff.model.rows()], position))
        d.form.add("role", "Role", EnumCombo(Role), required=True)
        d.form.add("fte", "Staff units", fte_box(), required=True)
        return show_dialog(self, d.ready())

    def add_user(self) -> FormDialog | None:
        if not self.ctx.actor.is_director:
            QMessageBox.information(self, _("User accounts"), self._director_only())
            return None
        people, actor = self.ctx.services.people, self.ctx.actor

        def create(d: FormDialog) -> Actor:
            if d.field("password").text() != d.field("password2").text():
                raise DomainError(M("The two passwords differ; type the same password twice."), "password2")
            return people.create_user(actor, d.field("username").text(), d.field("full_name").text(),
                                      enum_value(d.field("role")), d.field("password").text())

        d = FormDialog(self.ctx, "Add a user account", "users", create,
                       "The person signs in with this user name and password.", self)
        d.form.add("username", "User name", line(max_length=100), required=True)
        name = d.form.add("full_name", "Full name", line(max_length=300), required=True)
        name.setCompleter(names_completer([s.full_name for s in self.staff.model.rows()], name))
        d.form.add("role", "Role", EnumCombo(Role), required=True)
        for f, label in (("password", "Password"), ("password2", "Password again")):
            d.form.add(f, label, line(), required=True).setEchoMode(QLineEdit.EchoMode.Password)
        d.field("role").set_value(Role.SOCIAL_WORKER)
        return show_dialog(self, d.ready())

    def _director_only(self) -> str:
        return _("Only the director adds user accounts; you are signed in as {role}.").format(
            role=self.ctx.actor.role.text())

    # --- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(_("Staff and user accounts"))
        self.staff_box.setTitle(_("Staff list"))
        self.users_box.setTitle(_("User accounts"))
        self.staff.retranslate_ui()
        self.users.retranslate_ui()
        self.add_staff_button.setText(_("&Add staff member…"))
        self.add_staff_button.setToolTip(_("Add a person to the staff list (Ins)."))
        self.add_user_button.setText(_("Add &user…"))
        director = self.ctx.actor.is_director
        self.add_user_button.setEnabled(director)
        self.add_user_button.setToolTip(_("Create a sign-in account (Ins in this list).") if director
                                        else self._director_only())
        self._total(self.staff.model.rows())
