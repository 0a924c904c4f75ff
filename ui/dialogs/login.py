"""Sign in: user name and password, checked by the services (argon2 hashes)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.i18n import _
from app.services import Actor, Services
from ui.forms import Form, attempt, line


class LoginDialog(QDialog):
    def __init__(self, services: Services, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor: Actor | None = None
        self.form = Form()
        self.username = self.form.add("username", "User name", line(max_length=100), required=True)
        self.password = self.form.add("password", "Password", line(), required=True)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._sign_in)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.form)
        lay.addWidget(self.hint)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(440)  # a refusal reads on two or three lines under the field, not in a column
        self.setWindowTitle(_("Sign in to Qamqor"))
        self.form.retranslate_ui()

    def _sign_in(self) -> None:
        actor = attempt(self, lambda: self.services.people.authenticate(self.username.text(), self.password.text()),
                        self.form)
        if actor is not None:
            self.actor = actor
            self.accept()
