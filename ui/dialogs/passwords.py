"""File → Change my password, and the rows of hidden-text lines the staff screen's account dialogs share
(a new account's password, a password reset)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from app.domain.errors import DomainError
from app.i18n import N_, M
from ui.context import Changed, Context
from ui.forms import line
from ui.widgets.form_dialog import FormDialog


def password_fields(d: FormDialog, fields: tuple[tuple[str, str], ...]) -> None:
    """(field, label msgid) rows of hidden-text lines, every one required."""
    for f, label in fields:
        d.form.add(f, label, line(), required=True).setEchoMode(QLineEdit.EchoMode.Password)


def typed_twice(d: FormDialog, first: str, again: str = "password2") -> str:
    """The password typed in ``first``, refused next to ``again`` when the two differ."""
    if d.field(first).text() != d.field(again).text():
        raise DomainError(M("The two passwords differ; type the same password twice."), again)
    return d.field(first).text()


class ChangePasswordDialog(FormDialog):
    """File → Change my password: the signed-in user's own password; the current one is asked."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        people = ctx.services.people

        def change(d: FormDialog) -> None:  # this session goes on; those open elsewhere with the old password end
            ctx.actor = people.change_password(ctx.actor, d.field("old_password").text(), typed_twice(d, "new_password"))

        super().__init__(ctx, N_("Change my password"), Changed.USERS, change,
                         N_("Type your current password, then the new one twice."), parent)
        password_fields(self, (("old_password", N_("Current password")), ("new_password", N_("New password")),
                               ("password2", N_("Password again"))))
        self.ready()
