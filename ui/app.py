"""Start the desktop program: language, database, first-run wizard, sign-in, main window."""

from __future__ import annotations

import os
import sys
from typing import cast

from app import i18n, settings


def start(db: str | None = None, demo: bool = False, lang: str | None = None):
    """The application, its translator and the services over the chosen database (a demo one built
    when it is missing); ``services`` is None when the database cannot be opened (the user was told)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.db.engine import resolve_url
    from app.paths import demo_database_path
    from app.services import Services
    from ui.i18n import Translator

    # Qt's own file dialogs everywhere: Windows' native one speaks the system's language, not the user's choice
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Qamqor")
    from ui.widgets import style

    style.apply(cast(QApplication, app))  # issue 12 point 8: one palette, spacing and type scale for every window
    chosen = lang or settings.load().get("language")
    if chosen in i18n.LANGUAGES:
        i18n.set_language(chosen)
    translator = Translator(app)
    url = f"sqlite:///{demo_database_path()}" if demo and not db else resolve_url(db)
    from app.backup import check_at_open

    damage = check_at_open(url)  # PRAGMA quick_check: a damaged file is moved aside before anything reads it
    if damage is not None:
        from ui.dialogs.backups import offer_restore_after_damage

        if not offer_restore_after_damage(damage, url):
            return app, translator, None
    while True:
        try:
            services = Services.open(url)
            break
        except Exception as exc:  # shown, never a traceback (that goes to the log)
            if not _database_failed(exc, url, db, demo):
                return app, translator, None
            url = resolve_url(db)  # the connection settings were changed: try them
    if demo and not services.organisation.exists():
        from app.demo import build_demo

        build_demo(services)
    return app, translator, services


def _database_failed(exc: BaseException, url: str, db: str | None, demo: bool) -> bool:
    """The database could not be opened: say why in plain words. For the shared database of the user's
    settings, offer to correct them (returns True when they were saved: try again)."""
    from PySide6.QtWidgets import QMessageBox

    from app import diagnostics
    from app.db import connection

    diagnostics.log.error("the database could not be opened\n%s", diagnostics.describe(exc))
    server = connection.server_settings(url)
    if server is not None:  # the driver's words may quote the parameters: never shown
        reason = connection.explain(exc, server).render()
    else:
        lines = diagnostics.scrub(str(exc)).strip().splitlines()
        reason = lines[0] if lines else type(exc).__name__
    text = i18n._("The database could not be opened: {reason}").format(reason=reason)
    from_settings = server is not None and not db and not demo and not os.environ.get("QAMQOR_DATABASE_URL")
    if not from_settings:
        QMessageBox.critical(None, i18n._("Qamqor"), text)
        return False
    box = QMessageBox(QMessageBox.Icon.Critical, i18n._("Qamqor"), text)
    settings_button = box.addButton(i18n._("&Database connection…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is not settings_button:
        return False
    from ui.dialogs.database import DatabaseDialog

    dialog = DatabaseDialog(None, url, at_start=True)
    dialog.exec()
    return dialog.saved


def _joins_shared_database() -> bool:
    """The first start on this PC (its own database is empty): before registering a new organisation, offer
    to connect to the shared database the office already works on. True when its settings were saved."""
    from PySide6.QtWidgets import QMessageBox

    from app.db import connection

    if connection.saved_url() is not None or os.environ.get("QAMQOR_DATABASE_URL"):
        return False
    box = QMessageBox(QMessageBox.Icon.Question, i18n._("Qamqor"), i18n._(
        "This computer has no Qamqor data yet. If your office already works in Qamqor on a shared database "
        "(on the office PC), connect to it; otherwise register your organisation here."))
    shared = box.addButton(i18n._("Connect to the &shared database…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(i18n._("&Register the organisation here"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if box.clickedButton() is not shared:
        return False
    from ui.dialogs.database import DatabaseDialog

    dialog = DatabaseDialog(None, at_start=True)
    dialog.exec()
    return dialog.saved and connection.saved_url() is not None


def show_main_window(services, actor, translator):
    """The main window for the signed-in ``actor``, shown. File → Sign out and Switch user keep this window
    (its backups at close and at the day's first start stay with it) and rebuild its screens for the next user."""
    from PySide6.QtWidgets import QApplication

    from ui.context import Context
    from ui.main_window import MainWindow

    ctx = Context(services, actor, translator, services.engine.url.render_as_string(hide_password=True))
    translator.language_changed.connect(lambda code: settings.save(language=code))
    window = MainWindow(ctx, auto_backup=True, remember_layout=True)
    window.restore_layout()  # the last run's size and layout; maximised on a small screen the first time
    QApplication.setQuitOnLastWindowClosed(False)  # a sign-out hides the window: not an end
    window.quit_requested.connect(QApplication.quit)
    window.show()
    window.start_background_work()  # the full integrity check and the day's first backup, off the GUI thread
    _log_when_shown("the main window is shown")
    return window


def _log_qt_messages() -> None:
    """Qt's own warnings go to the log too (the windowed program has no console to print them on)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    from app import diagnostics

    levels = {QtMsgType.QtDebugMsg: 10, QtMsgType.QtInfoMsg: 20, QtMsgType.QtWarningMsg: 30,
              QtMsgType.QtCriticalMsg: 40, QtMsgType.QtFatalMsg: 50}
    qt_log = diagnostics.log.getChild("qt")
    qInstallMessageHandler(lambda kind, _context, message: qt_log.log(levels.get(kind, 30), "%s", message))


def _log_when_shown(what: str) -> None:
    """Log ``what`` once the event loop about to start has shown the window (the log's time has milliseconds)."""
    from PySide6.QtCore import QTimer

    from app import diagnostics

    QTimer.singleShot(0, lambda: diagnostics.log.info("%s", what))


def run(db: str | None = None, demo: bool = False, lang: str | None = None) -> int:
    from PySide6.QtWidgets import QDialog

    app, translator, services = start(db, demo, lang)
    _log_qt_messages()
    from ui.widgets.failures import offer_crash_reports

    offer_crash_reports()
    if services is None:
        return 1
    hint = ""
    if demo:
        from app.demo import DEMO_DIRECTOR, DEMO_SOCIAL

        hint = i18n._("Demo: sign in as {a} / {ap} (director) or {b} / {bp} (social work specialist).").format(
            a=DEMO_DIRECTOR[0], ap=DEMO_DIRECTOR[1], b=DEMO_SOCIAL[0], bp=DEMO_SOCIAL[1])
    if not services.organisation.exists() and not demo and not db and _joins_shared_database():
        services.engine.dispose()  # this PC's own empty file: the shared database of the saved settings instead
        from app.db.engine import resolve_url
        from app.services import Services

        try:
            services = Services.open(resolve_url())
        except Exception as exc:  # noqa: BLE001 - said in plain words; started again, the dialog is offered
            _database_failed(exc, resolve_url(), None, True)
            return 1
    if not services.organisation.exists():
        from ui.dialogs.first_run import FirstRunWizard  # only on the first run: its import is not small

        wizard = FirstRunWizard(services, translator)
        if wizard.exec() != QDialog.DialogCode.Accepted or wizard.actor is None:
            return 0
        actor = wizard.actor
    else:
        from ui.dialogs.login import LoginDialog

        login = LoginDialog(services, hint)
        _log_when_shown("the sign-in window is shown")  # bench/bench_bundle.py times the start with it
        if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
            return 0
        actor = login.actor
    window = show_main_window(services, actor, translator)
    code = app.exec()
    window.deleteLater()  # held until the event loop ends
    return code
