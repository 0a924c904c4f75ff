"""Start the desktop program: language, database, first-run wizard, sign-in, main window."""

from __future__ import annotations

import sys

from app import i18n, settings


def run(db: str | None = None, demo: bool = False, lang: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    from app.db.engine import resolve_url
    from app.demo import DEMO_DIRECTOR, DEMO_SOCIAL, build_demo
    from app.paths import demo_database_path
    from app.services import Services
    from ui.context import Context
    from ui.dialogs.first_run import FirstRunWizard
    from ui.dialogs.login import LoginDialog
    from ui.i18n import Translator
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Qamqor")
    chosen = lang or settings.load().get("language")
    if chosen in i18n.LANGUAGES:
        i18n.set_language(chosen)
    translator = Translator(app)
    url = f"sqlite:///{demo_database_path()}" if demo and not db else resolve_url(db)
    try:
        services = Services.open(url)
    except Exception as exc:  # shown, never a traceback
        QMessageBox.critical(None, i18n._("Qamqor"),
                             i18n._("The database could not be opened: {reason}").format(reason=exc))
        return 1
    hint = ""
    if demo:
        if not services.organisation.exists():
            build_demo(services)
        hint = i18n._("Demo: sign in as {a} / {ap} (director) or {b} / {bp} (social work specialist).").format(
            a=DEMO_DIRECTOR[0], ap=DEMO_DIRECTOR[1], b=DEMO_SOCIAL[0], bp=DEMO_SOCIAL[1])
    if not services.organisation.exists():
        wizard = FirstRunWizard(services, translator)
        if wizard.exec() != QDialog.DialogCode.Accepted or wizard.actor is None:
            return 0
        actor = wizard.actor
    else:
        login = LoginDialog(services, hint)
        if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
            return 0
        actor = login.actor
    ctx = Context(services, actor, translator, services.engine.url.render_as_string(hide_password=True))
    translator.language_changed.connect(lambda code: settings.save(language=code))
    window = MainWindow(ctx)
    window.show()
    return app.exec()
