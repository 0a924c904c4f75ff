"""Import from the portal (issue 5 point 6.1): queue applications or the portal's journal.

A wizard: the file (what it holds is recognised from its column titles, issue 11 point 2; the user
chooses only when the program cannot tell) → the file read off the GUI thread with a dry run → what
it was recognised as, what will be created and what is already there, or the problems of a refused
file (red, savable as .xlsx or .csv) → the import, all or nothing.

What it shares with the export, reconciliation and onboarding dialogs (the problems panel, the change list,
the file chooser row, the page that runs its step in the background) lives in ui/widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from PySide6.QtWidgets import (
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from app.domain.errors import DomainError
from app.i18n import N_, M, _
from app.portal import ImportRefused, Kind, read_records
from app.portal.kinds import read_recognised, recognise
from app.services.exchange import ExchangeService, ImportSummary
from ui.context import MOVEMENT, Changed, Context
from ui.widgets.wizard_pages import (
    EXCHANGE_FILTER,
    ChangesPage,
    DonePage,
    FileRow,
    Outcome,
    StepPage,
    file_stamp,
    read_file,
    summary_text,
)

# --- the import wizard ---------------------------------------------------------------------------------
#: None: recognised from the file (issue 11 point 2); a kind: the user's choice, when it cannot be told
KINDS = ((None, N_("&Recognise from the file (its column titles)")),
         (Kind.QUEUE, N_("&Queue applications filed on the portal")),
         (Kind.JOURNAL, N_("The portal's &journal (admissions, departures, discharges)")))
#: what to do with a file that is no import of this wizard
ELSEWHERE = {Kind.ROSTER: N_("The file holds the portal's roster of recipients: it is not imported but compared "
                             "with the program's. Use Portal → Reconcile with the portal…"),
             Kind.REGISTER: N_("The file looks like an institution's own register (names and dates of birth, no "
                               "status or portal columns). Use Portal → Import an existing register…")}


def import_kind(ex: ExchangeService, kind: Kind) -> Callable[..., ImportSummary]:
    return ex.import_queue if kind is Kind.QUEUE else ex.import_journal


class ChoosePage(StepPage):
    def wizard(self) -> PortalImportWizard:  # the page belongs to the portal import wizard (typed: its state)
        return cast("PortalImportWizard", super().wizard())

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.kind_label = QLabel()
        self.radios = {kind: QRadioButton() for kind, _m in KINDS}
        self.radios[None].setChecked(True)
        self.file = FileRow(N_("&File:"), N_("Choose the file from the portal"), EXCHANGE_FILTER, parent=self)
        self.file.path.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.note = QLabel()
        self.note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addSpacing(8)
        lay.addWidget(self.kind_label)
        for kind, _m in KINDS:
            lay.addWidget(self.radios[kind])
        lay.addSpacing(8)
        lay.addWidget(self.file)
        lay.addWidget(self.note)
        lay.addStretch(1)

    def kind(self) -> Kind | None:
        """The kind chosen; None: recognised from the file."""
        return next(k for k, radio in self.radios.items() if radio.isChecked())

    def set_kind(self, kind: Kind | None) -> None:
        self.radios[kind].setChecked(True)

    def isComplete(self) -> bool:  # noqa: N802 - Qt name
        return bool(self.file.text()) and not self.busy

    def step_key(self) -> Any:
        return (self.kind(), file_stamp(self.file.text()))

    def prepare(self):
        path, kind = self.file.text(), self.kind()
        ex = ExchangeService(self.wizard().ctx.services.sessions)
        actor = self.wizard().ctx.actor

        def work(report) -> Outcome:
            data, name = read_file(path), Path(path).name
            recognition, read_as = None, kind
            if read_as is None:  # recognised and read in one opening of the file
                recognition, read = read_recognised(data, name, lambda found: found not in ELSEWHERE)
                if recognition.kind is None:
                    return Outcome(refusal=DomainError(recognition.undecided()), recognition=recognition)
                if read is None:
                    return Outcome(refusal=DomainError(M(ELSEWHERE[recognition.kind])), recognition=recognition)
                read_as, result = recognition.kind, read
            else:
                try:  # a roster's columns are the journal's first ones: read as a journal, each person was admitted
                    recognition = recognise(data, name)
                except ImportRefused:  # said by the reading below, as for the kind chosen
                    recognition = None
                if recognition is not None and recognition.kind is Kind.ROSTER:
                    return Outcome(refusal=DomainError(M(ELSEWHERE[recognition.kind])), recognition=recognition)
                recognition = None
                result = read_records(data, read_as, name)
            del data  # not held during the dry run: a 100,000-row JSON file is 63 MB (issue 11 point 6)
            report(0, 2)
            if result.problems:
                return Outcome(result, ImportRefused(M("The file has {n} problem(s); nothing was imported. Correct "
                                                       "them and import the file again.", n=len(result.problems)),
                                                     result.problems), recognition, read_as)
            try:
                summary = import_kind(ex, read_as)(actor, result, dry_run=True)
            except DomainError as exc:
                return Outcome(result, exc, recognition, read_as)
            return Outcome((result, summary), None, recognition, read_as)

        return work

    def take(self, outcome: Outcome) -> bool:
        self.wizard().set_read(outcome.kind or self.kind() or Kind.QUEUE, outcome)
        return True

    def retranslate_ui(self) -> None:
        self.setTitle(_("Import from the portal"))
        self.setSubTitle(_("Choose what the file holds and the file itself."))
        self.intro.setText(_("The file is an export of the social services portal or of this program: an Excel "
                             "workbook (.xlsx or .xls), a LibreOffice one (.ods), CSV or JSON. What it holds is recognised from its column titles; choose "
                             "it yourself only when the program asks. Nothing is changed until you confirm the "
                             "import on the next page."))
        self.kind_label.setText(_("The file holds:"))
        for kind, msgid in KINDS:
            self.radios[kind].setText(_(msgid))
        self.file.retranslate_ui()
        self.note.setText(_("The titles of the columns may be in Kazakh or in Russian, in any order."))


class PreviewPage(ChangesPage):
    def wizard(self) -> PortalImportWizard:  # the page belongs to the portal import wizard (typed: its state)
        return cast("PortalImportWizard", super().wizard())


    def initializePage(self) -> None:  # noqa: N802 - Qt name
        self.forget()
        self.show_outcome()

    def outcome(self) -> Outcome | None:
        return self.wizard().read_outcome if self.wizard() else None

    def show_outcome(self) -> None:
        outcome = self.outcome()
        refused = outcome is None or outcome.refusal is not None
        summary = None if outcome is None or refused else outcome.value[1]
        self.changes.set_summary(summary)
        self.changes_view.setVisible(summary is not None)
        if outcome is not None and outcome.refusal is not None:
            self.problems.show_refusal(outcome.refusal.render, outcome.problems)
        else:
            self.problems.show_refusal(None)
        self.retranslate_ui()
        self.completeChanged.emit()

    def prepare(self):
        wizard = self.wizard()
        outcome = self.outcome()
        assert outcome is not None  # the dry run came first
        result = outcome.value[0]
        run = import_kind(ExchangeService(wizard.ctx.services.sessions), wizard.kind)
        actor = wizard.ctx.actor
        return lambda report: run(actor, result, dry_run=False)

    def retranslate_ui(self) -> None:
        self.setTitle(_("Check before importing"))
        outcome = self.outcome()
        if outcome is None:
            self.setSubTitle("")
            self.summary.setText("")
        elif outcome.recognition is not None and outcome.recognition.kind in ELSEWHERE:
            self.setSubTitle(_("The file was not imported."))
            self.summary.setText(_("This file is not imported here: the message below says where it goes."))
        elif outcome.recognition is not None and outcome.kind is None:
            self.setSubTitle(_("The file was not imported."))
            self.summary.setText(_("Go back to the first page and choose what the file holds, or another file."))
        elif outcome.refusal is not None:
            self.setSubTitle(_("The file was refused; nothing will be imported."))
            self.summary.setText(_("Correct the file (the list below names each problem, it can be saved for "
                                   "whoever prepares the file), then go back and choose it again.") if outcome.problems
                                 else _("Correct the file as the message below says, then go back and choose it "
                                        "again."))
        else:
            self.setSubTitle(_("Nothing is changed yet: press \"Import\" to import, or \"Back\" for another file."))
            said = outcome.recognition.describe().render() + " " if outcome.recognition is not None else ""
            self.summary.setText(said + summary_text(outcome.value[1]))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        self.changes.retranslate()
        self.problems.retranslate_ui()


class PortalImportWizard(QWizard):
    CHOOSE, PREVIEW, DONE = range(3)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = Kind.QUEUE
        self.read_outcome: Outcome | None = None
        self.committed: ImportSummary | None = None
        self.choose, self.preview, self.done_page = ChoosePage(self), PreviewPage(self), DonePage(self)
        self.setPage(self.CHOOSE, self.choose)
        self.setPage(self.PREVIEW, self.preview)
        self.setPage(self.DONE, self.done_page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.resize(1040, 640)
        ctx.translator.language_changed.connect(self._language_changed)
        self.retranslate_ui()

    def set_read(self, kind: Kind, outcome: Outcome) -> None:
        self.kind, self.read_outcome = kind, outcome

    def set_committed(self, summary: ImportSummary) -> None:
        self.committed = summary
        self.ctx.changed(*((Changed.QUEUE, Changed.RESIDENTS) if self.kind is Kind.QUEUE else MOVEMENT))

    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import from the portal"))
        for page in (self.choose, self.preview, self.done_page):
            page.retranslate_ui()

