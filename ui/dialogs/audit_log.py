"""File → Audit log…: who changed or read what and when, filtered by user, person (IIN), period and
action, the selected entry shown field by field, the filtered entries exported to XLSX (that export is
recorded too). The director and the administrator only (the service refuses anyone else)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.audit_diff import ACTION_LABELS, action_label
from app.i18n import N_, _, ngettext
from app.services.audit import SYSTEM_USER, AuditFilter, AuditService
from app.services.base import SYSTEM
from ui.forms import DateField, attempt, show_refusal
from ui.models.audit import AuditModel
from ui.widgets.audit_view import AuditView
from ui.worker import Job, run_with_progress

#: the first parts of the action codes, offered as groups in the action filter
GROUPS = {
    "resident": N_("People: all"),
    "queue": N_("Queue: all"),
    "movement": N_("Movements: all"),
    "plan": N_("Plans: all"),
    "print": N_("Printing: all"),
    "export": N_("Exports: all"),
    "user": N_("User accounts: all"),
}


class AuditLogDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.audit = AuditService(ctx.services.sessions)
        self.filters = AuditFilter()
        self.resident_id: int | None = None
        self.job: Job | None = None
        self.exported: Path | None = None  # the last export's file
        self.user = QComboBox()
        self.iin = QLineEdit()
        self.iin.setMaxLength(12)
        self.iin.setClearButtonEnabled(True)
        self.person = QLabel()
        self.start, self.end = DateField(optional=True), DateField(optional=True)
        self.action = QComboBox()
        self.apply_button, self.clear_button, self.export_button = QPushButton(), QPushButton(), QPushButton()
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply)
        self.clear_button.clicked.connect(self.clear)
        self.export_button.clicked.connect(self.export)
        self.labels = [QLabel() for _i in range(5)]
        for label, buddy in zip(self.labels, (self.user, self.iin, self.start, self.end, self.action)):
            label.setBuddy(buddy)
        grid = QGridLayout()
        grid.addWidget(self.labels[0], 0, 0)
        grid.addWidget(self.user, 0, 1)
        grid.addWidget(self.labels[1], 0, 2)
        grid.addWidget(self.iin, 0, 3)
        grid.addWidget(self.person, 0, 4, 1, 2)
        grid.addWidget(self.labels[2], 1, 0)
        grid.addWidget(self.start, 1, 1)
        grid.addWidget(self.labels[3], 1, 2)
        grid.addWidget(self.end, 1, 3)
        grid.addWidget(self.labels[4], 1, 4)
        grid.addWidget(self.action, 1, 5)
        grid.setColumnStretch(5, 1)
        buttons_row = QGridLayout()
        buttons_row.addWidget(self.apply_button, 0, 0)
        buttons_row.addWidget(self.clear_button, 0, 1)
        buttons_row.setColumnStretch(2, 1)
        self.count = QLabel()
        buttons_row.addWidget(self.count, 0, 3)
        buttons_row.addWidget(self.export_button, 0, 4)
        self.model = AuditModel(self._fetch, self)
        self.entries = AuditView(self.model)
        self.model.modelReset.connect(self._count_text)
        self.model.rowsInserted.connect(self._count_text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addLayout(buttons_row)
        lay.addWidget(self.entries, 1)
        lay.addWidget(self.buttons)
        self.resize(1200, 680)
        ctx.translator.language_changed.connect(self.retranslate_ui)
        self._fill_choices()
        self.retranslate_ui()
        self.model.reload()
        QTimer.singleShot(0, self.user.setFocus)

    # --- data ----------------------------------------------------------------------------------
    def _fetch(self, sort: str, descending: bool, offset: int, limit: int, upto: int | None):
        return self.audit.query(self.ctx.actor, self.filters, sort=sort, descending=descending, offset=offset,
                                limit=limit, upto=upto)

    def _fill_choices(self) -> None:
        users = self.audit.users(self.ctx.actor)
        current = self.user.currentData()
        self.user.clear()
        self.user.addItem("", None)
        for name in users:
            self.user.addItem(_(SYSTEM_USER) if name == SYSTEM.username else name, name)
        self.user.setCurrentIndex(max(0, self.user.findData(current)))
        self._actions = self.audit.actions(self.ctx.actor)
        self._fill_actions()

    def _fill_actions(self) -> None:
        current = self.action.currentData()
        self.action.clear()
        self.action.addItem("", None)
        for code, msgid in GROUPS.items():
            self.action.addItem(_(msgid), code)
        known = sorted(set(self._actions) | set(ACTION_LABELS), key=lambda a: action_label(a).casefold())
        for code in known:
            self.action.addItem(action_label(code), code)
        self.action.setCurrentIndex(max(0, self.action.findData(current)))

    def current_filters(self) -> AuditFilter | None:
        """The filters as typed; None (and a message beside the IIN) when the IIN names nobody."""
        iin = self.iin.text().strip()
        self.resident_id = None
        if iin:
            self.resident_id = self.audit.find_resident(iin)
            if self.resident_id is None:
                self.person.setText(_("No person with this IIN is registered."))
                return None
        self.person.clear()
        return AuditFilter(self.user.currentData(), self.resident_id, self.start.value(), self.end.value(),
                           self.action.currentData())

    def apply(self) -> None:
        filters = self.current_filters()
        if filters is None:
            return
        self.filters = filters
        attempt(self, self.model.reload)

    def clear(self) -> None:
        self.user.setCurrentIndex(0)
        self.iin.clear()
        self.start.set_value(None)
        self.end.set_value(None)
        self.action.setCurrentIndex(0)
        self.apply()

    def export(self) -> None:
        name = f"audit_{i18n.current_language()}.xlsx"
        target, _f = QFileDialog.getSaveFileName(self, _("Export the audit log"), name, _("Excel workbook (*.xlsx)"))
        if target:
            self.export_to(Path(target))

    def export_to(self, target: Path) -> None:
        """Write the entries under the current filters to ``target`` off the GUI thread (a long log takes
        a while); ``exported`` holds the path when done, and the user is told how many entries it holds."""
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        self.exported = None
        filters, lang = self.filters, i18n.current_language()

        def done(result) -> None:
            path, n = result
            self.exported = path
            QMessageBox.information(self, _("Export the audit log"),
                                    ngettext("{n} entry saved to {path}.", "{n} entries saved to {path}.", n)
                                    .format(n=n, path=path))

        self.job = run_with_progress(self, _("Export the audit log"),
                                     lambda _report: self.audit.export_xlsx(self.ctx.actor, filters, target, lang),
                                     done, lambda exc: show_refusal(self, exc))

    # --- texts ------------------------------------------------------------------------------------
    def _count_text(self) -> None:
        self.count.setText(_("Entries shown: {shown} of {total}.").format(shown=self.model.rowCount(),
                                                                          total=self.model.total))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Audit log"))
        for label, msgid in zip(self.labels, (N_("&User:"), N_("Person's &IIN:"), N_("&From:"), N_("&To:"),
                                              N_("&Action:"))):
            label.setText(_(msgid))
        self.user.setItemText(0, _("All users"))
        if (system := self.user.findData(SYSTEM.username)) >= 0:
            self.user.setItemText(system, _(SYSTEM_USER))
        self._fill_actions()
        self.action.setItemText(0, _("All actions"))
        self.iin.setPlaceholderText(_("12 digits"))
        self.apply_button.setText(_("&Show"))
        self.clear_button.setText(_("&Clear the filters"))
        self.export_button.setText(_("&Export to Excel…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.entries.retranslate_ui()
        self._count_text()
