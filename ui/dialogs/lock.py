"""The screen lock (issue 10 point 6): after a set idle time without keyboard or mouse input, every window
of the program is covered and a modal box asks the signed-in user's password (checked by
``people.authenticate``, so failed attempts are throttled like any sign-in). The windows under it are
only covered, never closed: what was typed in an open dialog is still there after unlocking.
"Switch user" lets someone else sign in instead. The idle time is a per-PC setting (app/settings.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.domain.errors import DomainError
from app.i18n import _
from app.services import Actor, Services
from ui.forms import Form, line, spin

#: what counts as the user being there
INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
                          QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate})


class IdleWatcher(QObject):
    """Emits ``idle`` after ``interval_ms`` without keyboard or mouse input anywhere in the program."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_interval(interval_ms)
        app = QApplication.instance()
        if app is not None:  # there is one whenever a widget exists
            app.installEventFilter(self)

    def set_interval(self, interval_ms: int) -> None:
        self.timer.setInterval(max(1, interval_ms))
        self.resume()

    def pause(self) -> None:
        self.timer.stop()

    def resume(self) -> None:
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()  # counts again from now
        return False


class Curtain(QWidget):
    """An opaque cover over one window while the program is locked (the window itself is left as it is)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCurtain")
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, pal.color(QPalette.ColorRole.Dark))
        self.setPalette(pal)
        self.label = QLabel(_("Qamqor is locked"), self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and (parent := self.parentWidget()) is not None and watched is parent:
            self.setGeometry(parent.rect())
            self.raise_()
        return False


class LockDialog(QDialog):
    """Asks the signed-in user's password; Escape and the window's close button do not dismiss it."""

    unlocked = Signal(object)  # the Actor, signed in again
    switch_user = Signal()

    def __init__(self, services: Services, actor: Actor, reason: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.reason.setVisible(bool(reason))
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.form = Form()
        self.password = self.form.add("password", "Password", line(), required=True)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.unlock_button = QPushButton()
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton()
        self.buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.switch_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.switch_button.clicked.connect(self.switch_user)
        lay = QVBoxLayout(self)
        for w in (self.reason, self.prompt, self.form, self.note, self.buttons):
            lay.addWidget(w)
        self.setMinimumWidth(440)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Qamqor is locked"))
        self.prompt.setText(_("Signed in: {name}\nEnter the password to continue.").format(
            name=self.actor.full_name or self.actor.username))
        self.note.setText(_("Another person can sign in with “Switch user”; what was typed in the open windows "
                            "is then lost."))
        self.unlock_button.setText(_("&Unlock"))
        self.switch_button.setText(_("&Switch user…"))
        self.form.retranslate_ui()

    def try_unlock(self) -> Actor | None:
        self.form.clear_errors()
        try:
            actor = self.services.people.authenticate(self.actor.username, self.password.text())
        except DomainError as exc:  # wrong password, paused sign-in, account switched off: under the field
            self.password.clear()
            self.form.set_error("password", exc.message)
            return None
        self.password.clear()
        self.unlocked.emit(actor)
        return actor

    def reject(self) -> None:  # Escape does not unlock
        pass

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        event.ignore()

    def finish(self) -> None:
        """Close for good (after unlocking or when another user signed in)."""
        QDialog.done(self, QDialog.DialogCode.Accepted)


class LockSettingsDialog(QDialog):
    """File → Screen lock: the idle time before the program locks, kept on this PC."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = Form()
        lo, hi = settings.LOCK_MINUTES_RANGE
        self.minutes = self.form.add("lock_minutes", "Lock after (minutes without input)",
                                     spin(lo, hi, settings.lock_minutes()))
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.form)
        lay.addWidget(self.explain)
        lay.addWidget(self.buttons)
        self.setWindowTitle(_("Screen lock"))
        self.explain.setText(_("After this time without keyboard or mouse input, Qamqor covers its windows and "
                               "asks for the password. The setting is kept on this computer."))
        self.form.retranslate_ui()

    def save(self) -> None:
        settings.save(lock_minutes=self.minutes.value())
        self.accept()
