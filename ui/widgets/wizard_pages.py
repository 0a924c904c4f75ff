"""What the exchange wizards share (moved from ui/dialogs/portal_import.py, issue 12 point 10): the file chooser
row, the page whose "Next" runs its step off the GUI thread (StepPage) with what the step produced (Outcome), the
list of what an import changes, and the commit and done pages of an import."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, cast

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain.errors import DomainError
from app.i18n import N_, _
from app.portal import Kind, Problem
from app.portal.formats import read_path
from app.portal.kinds import Recognition
from app.services.exchange import Change, ImportSummary
from ui.models.table import Column, RowsModel, name_column
from ui.widgets.forms import show_refusal
from ui.widgets.icons import set_icons
from ui.widgets.problems import ProblemsPanel
from ui.widgets.tables import keep_fitted, table_view
from ui.worker import Cancelled, Job, run_with_progress

EXCHANGE_FILTER = N_("Exchange files (*.xlsx *.xls *.ods *.csv *.txt *.json);;All files (*)")


ACTION_TEXTS = {("create", True): N_("will be created"), ("unchanged", True): N_("already here, left as it is"),
                ("create", False): N_("created"), ("unchanged", False): N_("already here, left as it is"),
                ("update", True): N_("already here; new events will be recorded"),
                ("update", False): N_("already here; new events recorded")}


#: the title of the column of who each change is, for a file of the portal (a register has no portal number)
PORTAL_KEY = N_("Key (portal number or IIN; without either, the name)")


def change_columns(dry_run: Callable[[], bool], key_title: str = PORTAL_KEY) -> list[Column[Change]]:
    return [Column(N_("What happens"), lambda c: _(ACTION_TEXTS[(c.action, dry_run())])),
            name_column(N_("Full name"), lambda c: c.full_name),
            Column(key_title, lambda c: c.shown_key)]


class ChangesModel(RowsModel):
    """What an import does, row by row; "will be created" during the dry run, "created" after. ``key_title``: the
    msgid of the title of the column of who each is."""

    def __init__(self, parent=None, key_title: str = PORTAL_KEY) -> None:
        self.dry_run = True
        super().__init__(change_columns(lambda: self.dry_run, key_title), parent)

    def set_summary(self, summary: ImportSummary | None) -> None:
        self.dry_run = summary.dry_run if summary else True
        self.set_rows(summary.changes if summary else ())


def summary_text(summary: ImportSummary, note: str = "") -> str:
    """What the import did (or would do), with ``note`` after it, then what is left to the user
    (``ImportSummary.notices``), each on a line of its own."""
    said = " ".join(x for x in (summary.told().render(), note) if x)
    return "\n".join([said, *(notice.render() for notice in summary.notices)])


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
        set_icons({self.browse: "folder-open"})
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
    """The file the user chose: its size judged first, a system's refusal said in the user's language."""
    return read_path(path)


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
        # QWizard.next() validates without asking isComplete(): only the button it disables keeps an incomplete page
        # (a refused file's preview) from running its step, which then took the refused reading for an import
        if self.busy or not self.isComplete():
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


class ChangesPage(StepPage):
    """The commit page of an import: what the dry run would change, or the problems that refuse the file."""

    busy_title = N_("Importing…")
    key_title = PORTAL_KEY  # the title of the column of who each change is

    def import_wizard(self) -> ImportWizard:
        """The wizard this page is in (the portal's or the register's), as the page uses it."""
        return cast(ImportWizard, self.wizard())

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.changes = ChangesModel(self, self.key_title)
        self.changes_view = table_view(self.changes, self)
        keep_fitted(self.changes_view)
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


class DonePage(QWizardPage):
    """What the import did; ``note`` (a msgid) adds what else happened."""

    note = ""
    key_title = PORTAL_KEY  # the title of the column of who each change is

    def import_wizard(self) -> ImportWizard:
        """The wizard this page is in (the portal's or the register's), as the page uses it."""
        return cast(ImportWizard, self.wizard())

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.changes = ChangesModel(self, self.key_title)
        self.view = table_view(self.changes, self)
        keep_fitted(self.view)
        lay = QVBoxLayout(self)
        lay.addWidget(self.result)
        lay.addWidget(self.view, 1)

    def initializePage(self) -> None:  # noqa: N802 - Qt name
        self.changes.set_summary(self.import_wizard().committed)
        # the import is done and cannot be undone here: "Finish" alone, not a "Cancel" beside it
        self.wizard().setButtonLayout([QWizard.WizardButton.Stretch, QWizard.WizardButton.FinishButton])
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Import finished"))
        summary = self.import_wizard().committed if self.wizard() else None
        text = summary_text(summary, _(self.note) if self.note else "") if summary else ""
        self.result.setText(text)
        self.changes.retranslate()
