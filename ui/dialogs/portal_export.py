"""Export the journal for the portal (issue 5 point 6.2; R-01, R-09): the file's format follows its
extension (.xlsx, .csv, .json), the column titles are Kazakh or Russian, and the rows are those not
exported yet or, for a re-export, every movement since a date. The count is shown before writing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.domain.errors import DomainError
from app.domain.permissions import UseCase
from app.i18n import N_, _, ngettext
from app.paths import data_dir
from app.services.exchange import ExchangeService, ExportSummary
from ui.context import Changed, Context
from ui.forms import DateField, offer_sign_in, show_refusal
from ui.i18n import LANGUAGE_NAMES
from ui.widgets.icons import set_icons
from ui.widgets.permissions import guard
from ui.widgets.personal_data import confirm_personal_data
from ui.widgets.problems import ERROR_COLOR
from ui.widgets.wizard_pages import FileRow

EXTENSIONS = {".xlsx": "XLSX", ".csv": "CSV", ".txt": "CSV", ".json": "JSON"}
EXPORT_FILTER = N_("Excel workbook (*.xlsx);;CSV UTF-8 (*.csv);;JSON (*.json)")


class PortalExportDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.exchange = ExchangeService(ctx.services.sessions)
        self.last: ExportSummary | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        default = data_dir() / "portal" / f"journal_{dt.date.today():%Y-%m-%d}.xlsx"
        self.file = FileRow(N_("&File:"), N_("Export the journal to"), EXPORT_FILTER, save=True, parent=self)
        self.file.path.setText(str(default))
        self.format_label = QLabel()
        self.lang_label = QLabel()
        self.lang = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.lang.addItem(name, code)
        self.lang.setCurrentIndex(self.lang.findData(i18n.current_language()))
        self.lang_label.setBuddy(self.lang)
        self.since_last, self.since_date = QRadioButton(), QRadioButton()
        self.since_last.setChecked(True)
        self.date = DateField()
        self.date.set_value(dt.date.today().replace(day=1))
        self.date.setEnabled(False)
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error.hide()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.export_button = QPushButton()
        self.export_button.setDefault(True)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.export)
        set_icons({self.export_button: "upload"})
        guard(self.export_button, ctx, UseCase.PORTAL_EXPORT)  # issue 10 point 5
        self.buttons.rejected.connect(self.reject)
        grid = QGridLayout()
        grid.addWidget(self.file, 0, 0, 1, 3)
        grid.addWidget(self.format_label, 1, 0, 1, 3)
        grid.addWidget(self.lang_label, 2, 0)
        grid.addWidget(self.lang, 2, 1)
        grid.addWidget(self.since_last, 3, 0, 1, 3)
        grid.addWidget(self.since_date, 4, 0)
        grid.addWidget(self.date, 4, 1)
        grid.setColumnStretch(2, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addLayout(grid)
        lay.addWidget(self.count)
        lay.addWidget(self.error)
        lay.addWidget(self.result_label)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self.file.path.textChanged.connect(lambda _t: self._format_changed())
        self.since_last.toggled.connect(lambda _c: self._since_changed())
        self.date.dateChanged.connect(lambda _d: self.update_count())
        for first, second in ((self.file.path, self.file.browse), (self.file.browse, self.lang),
                              (self.lang, self.since_last), (self.since_last, self.since_date),
                              (self.since_date, self.date), (self.date, self.export_button)):
            QWidget.setTabOrder(first, second)
        ctx.translator.language_changed.connect(self._language_changed)
        self.resize(720, 420)
        self.rows = 0
        self.retranslate_ui()
        self.update_count()

    # --- state --------------------------------------------------------------------------------
    def since(self) -> dt.date | None:
        return self.date.value() if self.since_date.isChecked() else None

    def set_since(self, day: dt.date | None) -> None:
        (self.since_date if day else self.since_last).setChecked(True)
        if day:
            self.date.set_value(day)
        self.update_count()

    def target(self) -> Path | None:
        text = self.file.text()
        return Path(text) if text else None

    def format_name(self) -> str | None:
        target = self.target()
        return EXTENSIONS.get(target.suffix.lower()) if target else None

    def _since_changed(self) -> None:
        self.date.setEnabled(self.since_date.isChecked())
        self.update_count()

    def _format_changed(self) -> None:
        self.error.hide()
        self._show_format()

    def update_count(self) -> int:
        """How many journal rows the export would write (nothing is marked yet)."""
        try:
            records, _ids = self.exchange.journal_records(self.since())
        except DomainError as exc:
            show_refusal(self, exc)
            return self.rows
        self.rows = len(records)
        self._show_count()
        return self.rows

    # --- the export ---------------------------------------------------------------------------
    def export(self) -> ExportSummary | None:
        """Write the file; the dialog stays open with the result (or the reason) and what was typed."""
        self.error.hide()
        target = self.target()
        if target is None or self.format_name() is None:
            self._error(_("Give the file a name ending in .xlsx, .csv or .json: the ending chooses the format."))
            return None
        try:
            people = self.exchange.export_people(self.since())
        except DomainError as exc:
            self._error(exc.render())
            return None
        if not confirm_personal_data(self, people, target):
            return None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            summary = self.exchange.export_journal(self.ctx.actor, target, self.lang.currentData(), since=self.since())
        except DomainError as exc:
            if not offer_sign_in(self, exc):
                self._error(exc.render())
            return None
        except OSError as exc:
            self._error(_("Could not write {path}: {reason}. Choose another folder.").format(
                path=target, reason=exc.strerror or exc))
            return None
        except Exception as exc:  # shown plainly; the service wrote nothing
            show_refusal(self, exc)
            return None
        self.last = summary
        self._show_result()
        self.update_count()
        self.ctx.changed(Changed.MOVEMENTS)  # the entries written are marked exported
        return summary

    def _error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    # --- language -----------------------------------------------------------------------------
    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def _show_format(self) -> None:
        name = self.format_name()
        self.format_label.setText(_("Format: {format} (chosen by the file's ending)").format(format=name) if name
                                  else _("Format: unknown — the file name must end in .xlsx, .csv or .json"))

    def _show_count(self) -> None:
        n = self.rows
        if self.since_date.isChecked():
            text = ngettext("{n} journal row since the date will be exported again.",
                            "{n} journal rows since the date will be exported again.", n)
        else:
            text = ngettext("{n} journal row not exported yet will be exported.",
                            "{n} journal rows not exported yet will be exported.", n)
        self.count.setText(text.format(n=n))

    def _show_result(self) -> None:
        if self.last is None:
            self.result_label.setText("")
            return
        self.result_label.setText(ngettext("{n} journal row exported to {path}", "{n} journal rows exported to {path}",
                                     self.last.rows).format(n=self.last.rows, path=self.last.path))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Export the journal for the portal"))
        self.intro.setText(_("The journal rows are written in the portal's exchange format. Rows are marked as "
                             "exported; choose \"since a date\" to export them again."))
        self.file.retranslate_ui()
        self.lang_label.setText(_("Column &titles in:"))
        self.since_last.setText(_("Since the &last export"))
        self.since_date.setText(_("Every movement since a &date (re-export):"))
        self.export_button.setText(_("&Export"))
        self.close_button.setText(_("&Close"))
        self._show_format()
        self._show_count()
        self._show_result()
