"""What the user sees when something fails that no rule foresaw, and the offer after a crash.

The message says in the user's language that nothing was changed and where the details were written;
"Copy details" puts the scrubbed traceback (app.diagnostics.describe: no SQL parameters) on the
clipboard, to paste into a message to whoever helps them. Never a raw SQL message.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget

from app import diagnostics
from app.i18n import _


def show_unexpected(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """Log ``exc`` and tell the user, with a "Copy details" button; returns the box (shown modally)."""
    details = diagnostics.describe(exc)
    diagnostics.setup_logging()
    diagnostics.log.error("unexpected error shown to the user\n%s", details)
    box = QMessageBox(QMessageBox.Icon.Critical, _("Something went wrong"),
                      _("The action failed and nothing was changed. Try again; if it fails again, "
                        "press “Copy details” and send them to whoever helps you with the program. "
                        "The details were also written to the log in {folder}.").format(
                          folder=diagnostics.log_dir()), QMessageBox.StandardButton.Close, parent)
    copy = box.addButton(_("&Copy details"), QMessageBox.ButtonRole.ActionRole)
    copy.clicked.disconnect()  # an action button would close the box

    def copy_details() -> None:
        QApplication.clipboard().setText(details)
        copy.setText(_("Copied"))

    copy.clicked.connect(copy_details)
    box.setDetailedText(details)
    box.exec()
    return box


class CrashReportDialog(QDialog):
    """The reports of the last unexpected closing, read-only, with Copy."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Report of the last failure"))
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(_("&Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(text))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.text)
        lay.addWidget(buttons)
        self.resize(760, 480)


def offer_crash_reports(parent: QWidget | None = None) -> bool:
    """At start: when the program closed unexpectedly last time, say so and offer to show the report.
    Returns whether there was one; it is not offered again."""
    reports = diagnostics.unseen_reports()
    if not reports:
        return False
    box = QMessageBox(QMessageBox.Icon.Warning, _("Qamqor"),
                      _("The program closed unexpectedly last time. Everything that was saved is kept. "
                        "A report of what happened was written to {folder}.").format(
                          folder=diagnostics.log_dir()), QMessageBox.StandardButton.Close, parent)
    show = box.addButton(_("&Show the report"), QMessageBox.ButtonRole.ActionRole)
    box.exec()
    if box.clickedButton() is show:
        dialog = CrashReportDialog(diagnostics.report_text(reports), parent)
        dialog.exec()
        dialog.deleteLater()
    diagnostics.mark_seen(reports)
    return True
