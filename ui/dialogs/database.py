"""File → Database connection…: several PCs share one PostgreSQL database on the office PC (issue 10 point 8).

The user enters the server, port, database, user and password; "Test connection" tries them off the GUI
thread with a short timeout and says in plain words what happened; "Save" keeps them in the user's own
settings for the next start (``app.db.connection``). Also offered at start when the saved server cannot be
reached, so a wrong setting can be corrected without a text editor."""

from __future__ import annotations

import os

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.db import connection
from app.domain.errors import DomainError
from app.i18n import _
from ui.forms import Form, line, show_refusal, spin
from ui.worker import Job

OK_STYLE = "color: #1e7e34;"
FAIL_STYLE = "color: #c0392b;"


class DatabaseDialog(QDialog):
    """The shared database's connection settings, tested and saved; ``saved`` says whether they changed."""

    def __init__(self, parent: QWidget | None = None, current_url: str | None = None, *,
                 at_start: bool = False) -> None:
        """``at_start``: shown while the program starts, which then tries the saved settings at once (no
        "start again" message)."""
        super().__init__(parent)
        self.saved = False
        self.at_start = at_start
        self.job: Job | None = None
        self.setMinimumWidth(660)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = Form()
        self.host = self.form.add("host", connection.LABELS["host"], line(max_length=253), required=True)
        self.port = self.form.add("port", connection.LABELS["port"], spin(1, 65535, connection.DEFAULT_PORT))
        self.database = self.form.add("database", connection.LABELS["database"], line(max_length=63), required=True)
        self.user = self.form.add("user", connection.LABELS["user"], line(max_length=63), required=True)
        self.password = self.form.add("password", connection.LABELS["password"], line(max_length=200))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setObjectName("result")
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setStyleSheet("color: palette(mid);")
        self.env_note = QLabel()
        self.env_note.setWordWrap(True)
        self.env_note.setStyleSheet(FAIL_STYLE)
        self.env_note.setVisible(bool(os.environ.get("QAMQOR_DATABASE_URL")))
        self.buttons = QDialogButtonBox()
        self.test_button = QPushButton()
        self.save_button = QPushButton()
        self.local_button = QPushButton()
        self.cancel_button = QPushButton()
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.local_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.test_button.clicked.connect(self.test)
        self.save_button.clicked.connect(self.save)
        self.local_button.clicked.connect(self.use_local)
        self.cancel_button.clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.form)
        lay.addWidget(self.result_label)
        lay.addWidget(self.env_note)
        lay.addWidget(self.where)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        for widget in (self.host, self.port, self.database, self.user, self.password):
            signal = widget.valueChanged if isinstance(widget, QSpinBox) else widget.textChanged
            signal.connect(lambda *_a: self.result_label.clear())
        found = connection.server_settings(current_url) or connection.server_settings(connection.saved_url())
        self.set_server(found or connection.ServerSettings("", database=connection.DEFAULT_DATABASE))
        self.local_button.setEnabled(connection.saved_url() is not None)
        self.retranslate_ui()
        self.host.setFocus()

    def retranslate_ui(self) -> None:
        from app.paths import data_dir

        self.setWindowTitle(_("Database connection"))
        self.intro.setText(_("Several computers can work on one shared database kept by the PostgreSQL server on "
                             "the office PC. Enter the server's details (whoever set up the server has them; the "
                             "guide \"postgresql\" in the docs folder explains it), test the connection, then save."))
        self.form.retranslate_ui()
        self.host.setPlaceholderText(_("the office PC's name or IP address, e.g. 192.168.1.10"))
        self.where.setText(_("The settings, the password included, are kept in your own user folder, which other "
                             "users of this computer cannot read: {path}").format(
            path=data_dir() / "settings.json"))
        self.env_note.setText(_("Note: the environment variable QAMQOR_DATABASE_URL is set on this computer; it "
                                "takes precedence over these settings."))
        self.test_button.setText(_("&Test connection"))
        self.save_button.setText(_("&Save"))
        self.local_button.setText(_("Back to this PC's own &file"))
        self.cancel_button.setText(_("Cancel"))

    # --- the fields -------------------------------------------------------------------------------
    def set_server(self, server: connection.ServerSettings) -> None:
        self.host.setText(server.host)
        self.port.setValue(server.port)
        self.database.setText(server.database)
        self.user.setText(server.user)
        self.password.setText(server.password)

    def server(self) -> connection.ServerSettings:
        """What is typed, checked (a refusal under the field when something is missing)."""
        return connection.ServerSettings(self.host.text(), self.port.value(), self.database.text(),
                                         self.user.text(), self.password.text()).checked()

    def _show(self, text: str, ok: bool) -> None:
        self.result_label.setStyleSheet(OK_STYLE if ok else FAIL_STYLE)
        self.result_label.setText(text)

    # --- the actions --------------------------------------------------------------------------------
    def _checked_server(self):
        """The server typed, or None when a field is refused (said under it)."""
        self.form.clear_errors()
        try:
            return self.server()
        except DomainError as exc:
            show_refusal(self, exc, self.form)
            return None

    def test(self) -> None:
        """Connect off the GUI thread (at most a few seconds) and say what happened."""
        server = self._checked_server()
        if server is None:
            return
        self._show(_("Connecting to {host}…").format(host=server.host), True)
        self.test_button.setEnabled(False)
        self.job = Job(lambda _report: connection.try_connection(server))
        self.job.signals.finished.connect(self._tested)
        self.job.signals.failed.connect(self._test_failed)
        self.job.start()

    def _tested(self, found: connection.ServerFound) -> None:
        self.test_button.setEnabled(True)
        self._show(found.message().render(), True)

    def _test_failed(self, exc: BaseException) -> None:
        """Said under the field at fault (or below the fields when no one field is)."""
        self.test_button.setEnabled(True)
        if not isinstance(exc, DomainError):
            exc = connection.explain(exc, self.server())
        if self.form.set_error(exc.field, exc.message):
            self.result_label.clear()
        else:
            self._show(exc.render(), False)

    def save(self) -> None:
        server = self._checked_server()
        if server is None:
            return
        connection.save(server)
        self.saved = True
        if not self.at_start:
            QMessageBox.information(self, _("Database connection"),
                                    _("Saved. Qamqor will work on the shared database on {host} from its next "
                                      "start: close Qamqor and start it again.").format(host=server.host))
        self.accept()

    def use_local(self) -> None:
        """Forget the shared database: the next start opens this computer's own database file again."""
        if QMessageBox.question(self, _("Database connection"),
                                _("Forget the shared database and work on this computer's own database file from "
                                  "the next start? The data on the server stays there.")) \
                != QMessageBox.StandardButton.Yes:
            return
        connection.save(None)
        self.saved = True
        if not self.at_start:
            QMessageBox.information(self, _("Database connection"),
                                    _("Saved. Close Qamqor and start it again to work on this computer's own "
                                      "database."))
        self.accept()
