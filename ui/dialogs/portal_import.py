"""Import from the portal (issue 5 point 6.1): queue applications or the portal's journal.

A wizard: the file (what it holds is recognised from its column titles, issue 11 point 2; the user
chooses only when the program cannot tell) → the file read off the GUI thread with a dry run → what
it was recognised as, what will be created and what is already there, or the problems of a refused
file (red, savable as .xlsx or .csv) → the import, all or nothing.

The first part holds what the export, reconciliation and onboarding dialogs share: the problems
panel, the change list, the file chooser row and the page that runs its step in the background.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app import i18n
from app.domain.errors import DomainError
from app.i18n import N_, M, _, ngettext
from app.paths import write_private
from app.portal import Format, ImportRefused, Kind, ParseResult, Problem, read_records, write_problems
from app.portal.kinds import Recognition, recognise
from app.services.exchange import Change, ExchangeService, ImportSummary
from ui.context import Context
from ui.forms import show_refusal
from ui.models.table import Column, RowsModel, name_column
from ui.views.queue import RIGHT, fit_columns, table_view
from ui.worker import Cancelled, Job, run_with_progress

ERROR_COLOR = "#c0392b"
PROBLEM_BACKGROUND = QColor("#fde2e1")
PROBLEM_FOREGROUND = QColor("#7b1712")
EXCHANGE_FILTER = N_("Exchange files (*.xlsx *.xls *.ods *.csv *.txt *.json);;All files (*)")


# --- shared by the portal dialogs --------------------------------------------------------------------
class MarkedRowsModel(RowsModel):
    """Rows, some of them painted red: ``marked(row)`` says which."""

    def __init__(self, columns, marked: Callable[[Any], bool], parent=None) -> None:
        super().__init__(columns, parent)
        self.marked = marked

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and index.isValid() \
                and 0 <= index.row() < self.rowCount() and self.marked(self.row(index.row())):
            return QBrush(PROBLEM_BACKGROUND if role == Qt.ItemDataRole.BackgroundRole else PROBLEM_FOREGROUND)
        return super().data(index, role)


def _row_number(p: Problem) -> str:
    return str(p.row) if p.row is not None else ""


PROBLEM_COLUMNS: list[Column[Problem]] = [
    Column(N_("Row"), _row_number, lambda p: p.row if p.row is not None else 0, RIGHT),
    Column(N_("Column"), lambda p: p.column or ""),
    Column(N_("Value"), lambda p: p.value or "", tooltip=lambda p: p.value or ""),
    Column(N_("Problem"), lambda p: p.render(), tooltip=lambda p: p.render()),
]


def problems_model(parent=None) -> MarkedRowsModel:
    return MarkedRowsModel(PROBLEM_COLUMNS, lambda _p: True, parent)


def change_key(c: Change) -> str:
    """The key as the user knows it: the portal number, or the IIN and the time."""
    kind, _sep, rest = c.key.partition(":")
    if kind == "portal":
        return rest
    if kind == "iin":
        iin, _sep, moment = rest.partition(":")
        return ", ".join(x for x in (iin, moment.replace("T", " ")) if x)
    return c.key


ACTION_TEXTS = {("create", True): N_("will be created"), ("unchanged", True): N_("already here, left as it is"),
                ("create", False): N_("created"), ("unchanged", False): N_("already here, left as it is")}


def change_columns(dry_run: Callable[[], bool]) -> list[Column[Change]]:
    return [Column(N_("What happens"), lambda c: _(ACTION_TEXTS[(c.action, dry_run())])),
            name_column(N_("Full name"), lambda c: c.full_name),
            Column(N_("Key (portal number or IIN)"), change_key)]


class ChangesModel(RowsModel):
    """What an import does, row by row; "will be created" during the dry run, "created" after."""

    def __init__(self, parent=None) -> None:
        self.dry_run = True
        super().__init__(change_columns(lambda: self.dry_run), parent)

    def set_summary(self, summary: ImportSummary | None) -> None:
        self.dry_run = summary.dry_run if summary else True
        self.set_rows(summary.changes if summary else ())


def summary_text(summary: ImportSummary) -> str:
    msgid = ("Dry run: {created} would be created, {unchanged} already there; nothing was changed."
             if summary.dry_run else "Imported: {created} created, {unchanged} already there.")
    return _(msgid).format(created=summary.created, unchanged=summary.unchanged)


def refusal_message(exc: BaseException) -> str:
    """A refusal in the user's language; anything unexpected named plainly, never a traceback."""
    if isinstance(exc, DomainError):
        return exc.render()
    from app import diagnostics

    diagnostics.log.error("import failed\n%s", diagnostics.describe(exc))
    reason = diagnostics.scrub(str(exc)).strip().splitlines()
    return _("The action failed and nothing was changed: {reason}").format(
        reason=reason[0] if reason else type(exc).__name__)


class ProblemsPanel(QWidget):
    """A refusal: the message in red, the problems in a red table, "Save the problem list…"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = problems_model(self)
        self.view = table_view(self.model, self)
        self.view.setWordWrap(True)
        fit_columns(self.view, (56, 200, 170))
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.count = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.count)
        row.addStretch(1)
        row.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.message)
        lay.addWidget(self.view, 1)
        lay.addLayout(row)
        self._text: Callable[[], str] | None = None
        self.show_refusal(None)

    def show_refusal(self, text: Callable[[], str] | None, problems: Sequence[Problem] = ()) -> None:
        """``text`` renders the message (called again on a language switch); None hides the panel."""
        self._text = text
        self.model.set_rows(problems)
        self.view.setVisible(bool(problems))
        self.save_button.setVisible(bool(problems))
        self.count.setVisible(bool(problems))
        self.setVisible(text is not None or bool(problems))
        self.retranslate_ui()

    def problems(self) -> list[Problem]:
        return self.model.rows()

    def save(self) -> None:
        name = _("problems") + ".xlsx"
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the problem list"), name,
                                                    _("Excel workbook (*.xlsx);;CSV UTF-8 (*.csv)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str | os.PathLike) -> Path | None:
        """The list in the interface language: .csv as CSV, anything else as .xlsx."""
        target = Path(path)
        fmt = Format.CSV if target.suffix.lower() in (".csv", ".txt") else Format.XLSX
        if fmt is Format.XLSX and target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        try:
            write_private(target, write_problems(self.problems(), fmt, i18n.current_language()))
        except OSError as exc:
            QMessageBox.warning(self, _("The file was not saved"),
                                _("Could not write {path}: {reason}. Choose another folder.").format(
                                    path=target, reason=exc.strerror or exc))
            return None
        return target

    def retranslate_ui(self) -> None:
        self.message.setText(self._text() if self._text else "")
        self.message.setVisible(self._text is not None)
        n = self.model.rowCount()
        self.count.setText(ngettext("{n} problem", "{n} problems", n).format(n=n))
        self.save_button.setText(_("&Save the problem list…"))
        self.model.retranslate()


class FileRow(QWidget):
    """A label, the path (typed or chosen) and "Browse…"."""

    def __init__(self, caption: str, title: str, file_filter: str, save: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption, self.title, self.filter, self.save = caption, title, file_filter, save
        self.label, self.path, self.browse = QLabel(), QLineEdit(), QPushButton()
        self.label.setBuddy(self.path)
        self.path.setClearButtonEnabled(True)
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.retranslate_ui()

    def text(self) -> str:
        return self.path.text().strip()

    def _browse(self) -> None:
        start = self.text() or str(Path.home())
        if self.save:
            path, _f = QFileDialog.getSaveFileName(self, _(self.title), start, _(self.filter))
        else:
            path, _f = QFileDialog.getOpenFileName(self, _(self.title), start, _(self.filter))
        if path:
            self.path.setText(path)

    def retranslate_ui(self) -> None:
        self.label.setText(_(self.caption))
        self.browse.setText(_("&Browse…"))


def file_stamp(path: str) -> tuple:
    """What a background step depends on: the path and the file's size and time (a corrected file is read again)."""
    try:
        st = os.stat(path)
        return (path, st.st_size, st.st_mtime_ns)
    except OSError:
        return (path, None, None)


def read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise DomainError(M("Cannot read {path}: {reason}", path=path, reason=exc.strerror or str(exc))) from None


@dataclass(frozen=True)
class Outcome:
    """What a background step produced: a value, or the refusal (message and problems)."""

    value: Any = None
    refusal: DomainError | None = None
    #: what the file was recognised as (the import wizard, issue 11 point 2), and the kind read
    recognition: Recognition | None = None
    kind: Kind | None = None

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(getattr(self.refusal, "problems", ()) or ())


_CANCELLED = object()


def guarded(fn: Callable[[Callable[[int, int], None]], Any]) -> Callable[[Callable[[int, int], None]], Any]:
    """``fn`` for the worker: a refusal becomes an :class:`Outcome`, Cancel a quiet no-op."""

    def run(report: Callable[[int, int], None]) -> Any:
        try:
            report(0, 1)
            value = fn(report)
            report(1, 1)
        except Cancelled:
            return _CANCELLED
        except DomainError as exc:
            return Outcome(refusal=exc)
        return value if isinstance(value, Outcome) else Outcome(value)

    return run


class ImportWizard(Protocol):
    """What the pages shared by the portal import and the register import need of their wizard."""

    ctx: Context
    committed: ImportSummary | None

    def set_committed(self, summary: ImportSummary) -> None: ...


class StepPage(QWizardPage):
    """A page whose "Next" runs slow work off the GUI thread once per input, then moves on.

    Subclasses give ``step_key()`` (what the work depends on), ``prepare()`` (checks in the GUI
    thread; returns the work or None to stay) and ``take(outcome)`` (keeps the result; True to move on)."""

    busy_title = N_("Reading the file…")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: Job | None = None
        self.busy = False
        self._done_key: Any = None

    def step_key(self) -> Any:
        raise NotImplementedError

    def prepare(self) -> Callable[[Callable[[int, int], None]], Any] | None:
        raise NotImplementedError

    def take(self, outcome: Outcome) -> bool:
        raise NotImplementedError

    def forget(self) -> None:
        self._done_key = None

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.setEnabled(not busy)
        self.completeChanged.emit()

    def validatePage(self) -> bool:  # noqa: N802 - Qt name
        if self.busy:
            return False
        key = self.step_key()
        if self._done_key is not None and self._done_key == key:
            return True
        work = self.prepare()
        if work is None:
            return False
        self._set_busy(True)

        def done(result: Any) -> None:
            self._set_busy(False)
            if result is _CANCELLED:
                return
            if self.take(result):
                self._done_key = key
                wizard = self.wizard()
                if wizard is not None and wizard.currentPage() is self:
                    wizard.next()

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            show_refusal(self, exc)

        self.job = run_with_progress(self, _(self.busy_title), guarded(work), done, failed)
        return False


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
            if read_as is None:
                recognition = recognise(data, name)
                if recognition.kind is None:
                    return Outcome(refusal=DomainError(recognition.undecided()), recognition=recognition)
                if recognition.kind in ELSEWHERE:
                    return Outcome(refusal=DomainError(M(ELSEWHERE[recognition.kind])), recognition=recognition)
                read_as = recognition.kind
            result = read_records(data, read_as, name)
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
        self.intro.setText(_("The file is an export of the social services portal or of this program in Excel "
                             "(.xlsx), CSV or JSON. What it holds is recognised from its column titles; choose "
                             "it yourself only when the program asks. Nothing is changed until you confirm the "
                             "import on the next page."))
        self.kind_label.setText(_("The file holds:"))
        for kind, msgid in KINDS:
            self.radios[kind].setText(_(msgid))
        self.file.retranslate_ui()
        self.note.setText(_("The titles of the columns may be in Kazakh or in Russian, in any order."))


class ChangesPage(StepPage):
    """The commit page of an import: what the dry run would change, or the problems that refuse the file."""

    busy_title = N_("Importing…")

    def import_wizard(self) -> ImportWizard:
        """The wizard this page is in (the portal's or the register's), as the page uses it."""
        return cast(ImportWizard, self.wizard())

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.changes = ChangesModel(self)
        self.changes_view = table_view(self.changes, self)
        fit_columns(self.changes_view, (230, 330))
        self.problems = ProblemsPanel(self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.changes_view, 1)
        lay.addWidget(self.problems, 1)
        self.setCommitPage(True)

    def outcome(self) -> Outcome | None:
        """The dry run's outcome this page shows (each wizard keeps its own)."""
        raise NotImplementedError

    def isComplete(self) -> bool:  # noqa: N802 - Qt name
        outcome = self.outcome()
        return outcome is not None and outcome.refusal is None and not self.busy

    def step_key(self) -> Any:
        return id(self.outcome())

    def take(self, outcome: Outcome) -> bool:
        if outcome.refusal is not None:  # refused at the last moment: nothing changed, say why
            self.changes_view.hide()
            self.problems.show_refusal(outcome.refusal.render, outcome.problems)
            return False
        self.import_wizard().set_committed(outcome.value)
        return True


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
        elif outcome.recognition is not None and outcome.kind is None:
            self.setSubTitle(_("The file was not imported."))
            self.summary.setText(_("Go back to the first page and choose what the file holds, or another file."))
        elif outcome.refusal is not None:
            self.setSubTitle(_("The file was refused; nothing will be imported."))
            self.summary.setText(_("Correct the file (the list below names each problem, it can be saved for "
                                   "whoever prepares the file), then go back and choose it again."))
        else:
            self.setSubTitle(_("Nothing is changed yet: press \"Import\" to import, or \"Back\" for another file."))
            said = outcome.recognition.describe().render() + " " if outcome.recognition is not None else ""
            self.summary.setText(said + summary_text(outcome.value[1]))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        self.changes.retranslate()
        self.problems.retranslate_ui()


class DonePage(QWizardPage):
    """What the import did; ``note`` (a msgid) adds what else happened."""

    note = ""

    def import_wizard(self) -> ImportWizard:
        """The wizard this page is in (the portal's or the register's), as the page uses it."""
        return cast(ImportWizard, self.wizard())

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.changes = ChangesModel(self)
        self.view = table_view(self.changes, self)
        fit_columns(self.view, (230, 330))
        lay = QVBoxLayout(self)
        lay.addWidget(self.result)
        lay.addWidget(self.view, 1)

    def initializePage(self) -> None:  # noqa: N802 - Qt name
        self.changes.set_summary(self.import_wizard().committed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Import finished"))
        summary = self.import_wizard().committed if self.wizard() else None
        text = summary_text(summary) + (" " + _(self.note) if self.note else "") if summary else ""
        self.result.setText(text)
        self.changes.retranslate()


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
        self.ctx.changed("queue" if self.kind is Kind.QUEUE else "movements")

    def result_of_read(self) -> ParseResult | None:
        outcome = self.read_outcome
        if outcome is None or outcome.value is None:
            return None
        return outcome.value[0] if isinstance(outcome.value, tuple) else outcome.value

    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import from the portal"))
        for page in (self.choose, self.preview, self.done_page):
            page.retranslate_ui()

