"""Batch printing: all plans awaiting approval, all plans and monitoring journals of a year, or
the whole journal for a period — off the GUI thread, with progress and Cancel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.i18n import N_, _
from app.paths import data_dir
from app.services.printing import PrintService, run_batch
from ui.forms import DateField, show_refusal, spin
from ui.i18n import LANGUAGE_NAMES
from ui.widgets.icons import set_icons
from ui.widgets.personal_data import confirm_personal_data
from ui.worker import Job, run_with_progress

CHOICES = (("awaiting", N_("All plans &awaiting the director's approval")),
           ("year", N_("All plans and monitoring journals of a &year")),
           ("journal", N_("The whole &journal for a period")))


class BatchDialog(QDialog):
    finished_batch = Signal(list)  # the files written

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: Job | None = None
        self.radios = {code: QRadioButton() for code, _m in CHOICES}
        self.radios["awaiting"].setChecked(True)
        today = dt.date.today()
        self.year = spin(2000, 2100, today.year)
        self.start, self.end = DateField(), DateField()
        self.start.set_value(dt.date(today.year, 1, 1))
        self.lang_label, self.folder_label, self.year_label, self.period_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.lang = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.lang.addItem(name, code)
        self.lang.setCurrentIndex(self.lang.findData(i18n.current_language()))
        self.folder = QLineEdit(str(data_dir() / "print"))
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        set_icons({self.browse: "folder-open"})
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start_batch)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        for code, _m in CHOICES:
            lay.addWidget(self.radios[code])
        row = QHBoxLayout()
        for w in (self.year_label, self.year, self.period_label, self.start, self.end):
            row.addWidget(w)
        row.addStretch(1)
        lay.addLayout(row)
        row = QHBoxLayout()
        for widget in (self.lang_label, self.lang):
            row.addWidget(widget)
        row.addStretch(1)
        lay.addLayout(row)
        row = QHBoxLayout()
        for part in (self.folder_label, self.folder, self.browse):
            row.addWidget(part)
        lay.addLayout(row)
        lay.addWidget(self.buttons)
        self.lang_label.setBuddy(self.lang)
        self.folder_label.setBuddy(self.folder)
        self.year_label.setBuddy(self.year)
        self.period_label.setBuddy(self.start)
        ctx.translator.language_changed.connect(self._language_changed)
        self.retranslate_ui()

    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Batch printing"))
        for code, msgid in CHOICES:
            self.radios[code].setText(_(msgid))
        self.year_label.setText(_("Y&ear:"))
        self.period_label.setText(_("&Period:"))
        self.lang_label.setText(_("Print &language:"))
        self.folder_label.setText(_("&Folder:"))
        self.browse.setText(_("&Browse…"))

    def choice(self) -> str:
        return next(code for code, radio in self.radios.items() if radio.isChecked())

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, _("Folder for the PDF files"), self.folder.text())
        if path:
            self.folder.setText(path)

    def start_batch(self) -> None:
        folder = Path(self.folder.text().strip() or ".")
        printer = PrintService(self.ctx.services.sessions)
        kind, lang, actor = self.choice(), self.lang.currentData(), self.ctx.actor
        year, start, end = self.year.value(), self.start.value(), self.end.value()
        try:
            people = printer.batch_people(kind, year=year, start=start, end=end)
        except Exception as exc:  # shown; nothing was written
            show_refusal(self, exc)
            return
        if not confirm_personal_data(self, people, folder):
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            QMessageBox.warning(self, _("Batch printing"), _("The folder {path} cannot be used: {reason}. "
                                                             "Choose another.").format(path=folder, reason=exc.strerror))
            return
        self.buttons.setEnabled(False)
        self.job = run_with_progress(
            self, _("Batch printing"),
            lambda report: run_batch(printer, kind, lang, folder, actor=actor, year=year, start=start, end=end,
                                     progress=report),
            self._done, self._failed, lambda: self.buttons.setEnabled(True))

    def _done(self, paths: list) -> None:
        self.buttons.setEnabled(True)
        self.finished_batch.emit(paths)
        QMessageBox.information(self, _("Batch printing"), i18n.ngettext(
            "{n} file written to {path}", "{n} files written to {path}", len(paths)).format(
            n=len(paths), path=self.folder.text()))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_refusal(self, exc)
