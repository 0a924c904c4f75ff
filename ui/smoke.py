"""``qamqor --smoke``: the whole check, with the window half (app/smoke.py holds the rest).

The main window is opened offscreen (no screen is needed: CI and a Windows PC over remote access alike)
as the demo's director, every screen shown once in Kazakh and in Russian, Qt's own translations loaded,
the About dialog opened and the print preview's PDF module given a form to read. Exit status 0 when every
check passed, 1 with the list of what failed.
"""

from __future__ import annotations

import os
import sys
import time

from app import smoke
from app.i18n import LANGUAGES, N_, _, ngettext

#: Qt messages at these levels fail the window check (warnings are only listed)
_FAILING = ("critical", "fatal")


def _qt_messages() -> list[tuple[str, str]]:
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    names = {QtMsgType.QtDebugMsg: "debug", QtMsgType.QtInfoMsg: "info", QtMsgType.QtWarningMsg: "warning",
             QtMsgType.QtCriticalMsg: "critical", QtMsgType.QtFatalMsg: "fatal"}
    seen: list[tuple[str, str]] = []
    qInstallMessageHandler(lambda kind, _context, message: seen.append((names.get(kind, "warning"), message)))
    return seen


def check_window(state: smoke.State) -> str:
    from PySide6.QtWidgets import QApplication

    from app import i18n
    from app.demo import DEMO_DIRECTOR
    from ui.context import Context
    from ui.i18n import Translator
    from ui.main_window import PAGES, MainWindow

    if state.services is None:
        raise smoke.SmokeFailure(_("no database (the check before failed)"))
    messages = _qt_messages()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    translator = Translator(app)
    actor = state.services.people.authenticate(*DEMO_DIRECTOR)
    ctx = Context(state.services, actor, translator, str(state.folder / "smoke.sqlite3"))
    window = MainWindow(ctx)
    try:
        window.resize(1366, 768)
        window.show()
        shown = 0
        for lang in LANGUAGES:
            translator.set_language(lang)
            if not translator.has_qt_translations():
                raise smoke.SmokeFailure(_("Qt's own {lang} translations (qtbase_{lang}.qm) were not found").format(
                    lang=lang))
            for row, (_module, cls, title) in enumerate(PAGES):
                window.nav.setCurrentRow(row)
                deadline = time.monotonic() + 30
                while not getattr(window.current_page(), "up_to_date", True):  # a live screen loads once painted
                    app.processEvents()
                    if time.monotonic() > deadline:
                        raise smoke.SmokeFailure(_("the screen {screen} did not finish loading").format(screen=cls))
                app.processEvents()
                if window.current_page().__class__.__name__ != cls:
                    raise smoke.SmokeFailure(_("the screen {screen} was not shown").format(screen=cls))
                if window.nav.item(row).text() != i18n._(title, lang):
                    raise smoke.SmokeFailure(_("the screen {screen} is not titled in {lang}").format(
                        screen=cls, lang=lang))
                if window.grab().isNull():
                    raise smoke.SmokeFailure(_("the screen {screen} could not be drawn").format(screen=cls))
                shown += 1
            _about(window)
        bad = [f"{level}: {text}" for level, text in messages if level in _FAILING]
        if bad:
            raise smoke.SmokeFailure("; ".join(bad[:3]))
        return _("{count} screens shown ({per} in each language), platform {platform}").format(
            count=shown, per=len(PAGES), platform=QApplication.platformName())
    finally:
        window.hide()
        window.deleteLater()
        translator.close()
        app.processEvents()


def _about(window) -> None:
    from ui.dialogs.about import AboutDialog

    dialog = AboutDialog(window.ctx, window)
    try:
        if not dialog.libraries():
            raise smoke.SmokeFailure(_("the About dialog lists no libraries"))
    finally:
        dialog.deleteLater()


def check_preview(state: smoke.State) -> str:
    """The print preview's module (QtPdf) reads a form the program printed."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    pdf = state.pdfs.get(("journal", "kk"))
    if pdf is None:
        raise smoke.SmokeFailure(_("no printed form to preview (the check before failed)"))
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise smoke.SmokeFailure(_("QtPdf could not read the journal ({status})").format(status=document.status().name))
    pages = document.pageCount()
    document.close()
    return ngettext("the journal: {pages} page", "the journal: {pages} pages", pages).format(pages=pages)


def run() -> int:
    """The smoke check; prints one line per check and returns the exit status."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt starts: no screen is needed, none is shown
    started = time.perf_counter()

    def report(outcome: smoke.Outcome) -> None:
        from app import diagnostics

        mark = _("ok") if outcome.ok else _("FAILED")
        line = f"{mark:<8} {_(outcome.name)} ({outcome.seconds:.1f} s): {outcome.detail}"
        print(line, flush=True)
        diagnostics.log.info("smoke check: %s", line)  # Qamqor.exe has no console: the log keeps the result

    with smoke.temporary_data() as folder:
        state = smoke.State(folder)
        try:
            checks = smoke.core_checks(state) + [
                smoke.Check(N_("main window and every screen"), lambda: check_window(state)),
                smoke.Check(N_("print preview"), lambda: check_preview(state)),
            ]
            outcomes = smoke.run_checks(checks, report)
        finally:
            smoke.close(state)
    failed = [o for o in outcomes if not o.ok]
    seconds = time.perf_counter() - started
    if failed:
        print(_("Smoke check FAILED ({failed} of {total}): {names}").format(
            failed=len(failed), total=len(outcomes), names=", ".join(_(o.name) for o in failed)), file=sys.stderr)
        return 1
    print(_("Smoke check passed: {total} checks in {seconds} s.").format(total=len(outcomes),
                                                                         seconds=f"{seconds:.1f}"))
    return 0
