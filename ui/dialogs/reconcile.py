"""Reconcile the roster with the portal's (R-30; issue 5 point 6.3): load the portal's roster file,
then four tabs — fields differ, only here, only on the portal, in both — with their counts, and
"Print…" for the reconciliation sheet in Kazakh or Russian."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import cast

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.checklist import RECON_FIELDS
from app.i18n import N_, _
from app.portal import Kind, read_records
from app.services.exchange import ExchangeService, FieldDiff, Reconciliation, ReconRow, shown_value
from reports import reconciliation as report
from reports.model import Organisation
from ui.context import Changed, Context
from ui.forms import show_refusal
from ui.models.table import Column, RowsModel, name_column
from ui.widgets.icons import set_icons
from ui.widgets.problems import MarkedRowsModel, ProblemsPanel
from ui.widgets.rules import set_rule_text
from ui.widgets.tables import SearchBox, keep_fitted, table_view
from ui.widgets.wizard_pages import EXCHANGE_FILTER, FileRow, Outcome, guarded, read_file
from ui.worker import Job, run_with_progress

#: the compared fields, as the interface names them


def _name(r: ReconRow) -> str:
    return r.name_here or r.name_portal


DIFF_COLUMNS: list[Column[tuple[ReconRow, FieldDiff]]] = [
    Column(N_("IIN"), lambda x: x[0].iin),
    name_column(N_("Full name"), lambda x: x[0].name_here, tooltip=lambda x: x[0].name_portal),
    Column(N_("Field"), lambda x: _(RECON_FIELDS.get(x[1].field, x[1].field))),
    Column(N_("Here"), lambda x: shown_value(x[1].here)),
    Column(N_("On the portal"), lambda x: shown_value(x[1].portal)),
]
LIST_COLUMNS: list[Column[ReconRow]] = [Column(N_("IIN"), lambda r: r.iin), name_column(N_("Full name"), _name)]

#: tab key, caption msgid (with the count), the Reconciliation attribute
TABS = (("differ", N_("Fields &differ ({n})")), ("only_here", N_("Only &here ({n})")),
        ("only_portal", N_("Only on the &portal ({n})")), ("both", N_("In &both ({n})")))


class ReconcileDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: Job | None = None
        self.reconciliation: Reconciliation | None = None
        self.source_name: str | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.file = FileRow(N_("&File:"), N_("Choose the portal's roster file"), EXCHANGE_FILTER, parent=self)
        self.compare_button = QPushButton()
        self.compare_button.setDefault(True)
        self.compare_button.clicked.connect(self.compare)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = ProblemsPanel(self)
        self.models: dict[str, RowsModel] = {"differ": MarkedRowsModel(DIFF_COLUMNS, lambda _r: True, self)}
        for key in ("only_here", "only_portal", "both"):
            self.models[key] = MarkedRowsModel(LIST_COLUMNS, (lambda _r: False) if key == "both" else (lambda _r: True),
                                               self)
        self.tabs = QTabWidget()
        self.views = {}
        for key, _m in TABS:
            view = table_view(self.models[key], self)
            keep_fitted(view)
            self.views[key] = view
            self.tabs.addTab(view, "")
        # a name or an IIN looked for in all four lists at once (Ctrl+F), as in every list of the program
        self.search = SearchBox(self, list(self.views.values()))
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_)
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        set_icons({self.compare_button: "git-compare", self.print_button: "printer"})
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.file, 1)
        top.addWidget(self.compare_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.search)
        lay.addWidget(self.problems, 1)
        lay.addWidget(self.tabs, 3)
        # before a comparison (no tabs, no problems) the room left goes below them, not around the intro and the file
        lay.addStretch(0)
        self.spare = lay.count() - 1
        lay.addWidget(self.buttons)
        self.file.path.returnPressed.connect(self.compare)
        ctx.translator.language_changed.connect(self._language_changed)
        self.resize(1040, 640)
        self.show_result(None)

    # --- the comparison -------------------------------------------------------------------------
    def compare(self) -> None:
        """Read the file and compare, off the GUI thread; a refusal is shown with its problem list."""
        path = self.file.text()
        if not path or self.job is not None:
            return
        ex = ExchangeService(self.ctx.services.sessions)

        def work(report) -> Outcome:
            result = read_records(read_file(path), Kind.ROSTER, Path(path).name)
            report(0, 2)
            # kept with its date and the signed-in user: the checklist's item 3 judges the last one
            return Outcome(ex.reconcile(result, self.ctx.actor, Path(path).name))

        def done(outcome) -> None:
            self.job = None
            self.compare_button.setEnabled(True)
            if isinstance(outcome, Outcome):
                self.source_name = Path(path).name
                self.show_result(outcome)
                if outcome.refusal is None:  # recorded: the checklist's item 3 and the dashboard judge the last one
                    self.ctx.changed(Changed.CHECKLIST)

        def failed(exc: BaseException) -> None:
            self.job = None
            self.compare_button.setEnabled(True)
            show_refusal(self, exc)

        self.compare_button.setEnabled(False)
        self.job = run_with_progress(self, _("Reading the file…"), guarded(work), done, failed)

    def show_result(self, outcome: Outcome | None) -> None:
        if outcome is not None and outcome.refusal is not None:
            self.reconciliation = None
            self.problems.show_refusal(outcome.refusal.render, outcome.problems)
        else:
            self.reconciliation = outcome.value if outcome else None
            self.problems.show_refusal(None)
        rec = self.reconciliation
        self.models["differ"].set_rows([(r, d) for r in rec.differ for d in r.differences] if rec else [])
        for key in ("only_here", "only_portal", "both"):
            self.models[key].set_rows(getattr(rec, key) if rec else [])
        self.tabs.setVisible(rec is not None)
        self.search.setVisible(rec is not None)
        cast(QVBoxLayout, self.layout()).setStretch(self.spare, 0 if rec is not None or outcome is not None else 1)
        self.print_button.setEnabled(rec is not None)
        if rec is not None:
            first = next((i for i, (key, _m) in enumerate(TABS) if getattr(rec, key)), 0)
            self.tabs.setCurrentIndex(first)
        self.retranslate_ui()

    def counts(self) -> dict[str, int]:
        rec = self.reconciliation
        return {key: len(getattr(rec, key)) if rec else 0 for key, _m in TABS}

    # --- printing -------------------------------------------------------------------------------
    def sheet(self) -> report.ReconciliationSheet:
        """The plain data of the printed sheet."""
        rec = self.reconciliation
        o = self.ctx.services.organisation.get()
        org = Organisation(o.name_kk, o.name_ru, o.org_type, o.director_name, o.bin, o.legal_address)

        def entries(rows) -> tuple[report.ReconEntry, ...]:
            return tuple(report.ReconEntry(r.iin, _name(r), tuple(report.Difference(d.field, d.here, d.portal)
                                                                  for d in r.differences)) for r in rows)

        return report.ReconciliationSheet(org, dt.date.today(), self.source_name,
                                          entries(rec.differ) if rec else (), entries(rec.only_here) if rec else (),
                                          entries(rec.only_portal) if rec else (), entries(rec.both) if rec else ())

    def preview(self):
        """The print preview (not shown yet): the sheet rendered in the language chosen there."""
        from ui.dialogs.preview import PreviewDialog

        sheet = self.sheet()
        return PreviewDialog(N_("Reconciliation of the roster with the portal"),
                             lambda lang: report.render(sheet, lang), "reconciliation", self)

    def print_(self) -> None:
        if self.reconciliation is None:
            return
        dialog = self.preview()
        if dialog.pdf_bytes:
            dialog.exec()
        dialog.deleteLater()

    # --- language -------------------------------------------------------------------------------
    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Reconcile with the portal"))
        set_rule_text(self.intro, _("Load the roster of recipients downloaded from the portal (Excel, CSV or JSON). The "
                             "residents who hold a place here are compared with it by IIN; one without an IIN here, by name and date "
                             "of birth (R-30)."))
        self.file.retranslate_ui()
        self.search.retranslate_ui()
        self.compare_button.setText(_("&Compare"))
        counts = self.counts()
        for i, (key, msgid) in enumerate(TABS):
            self.tabs.setTabText(i, _(msgid).format(n=counts[key]))
            self.models[key].retranslate()
        rec = self.reconciliation
        if rec is None:
            self.summary.setText("")
        else:
            verdict = _("The roster matches the portal.") if rec.matches else \
                _("The roster does not match the portal: correct the differences here or on the portal.")
            self.summary.setText(verdict + " " + _(
                "In both: {both}; fields differ: {differ}; only here: {here}; only on the portal: {portal}").format(
                both=counts["both"], differ=counts["differ"], here=counts["only_here"], portal=counts["only_portal"]))
        self.print_button.setText(_("&Print…"))
        self.close_button.setText(_("&Close"))
        self.problems.retranslate_ui()
