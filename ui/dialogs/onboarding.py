"""Import an existing register (issue 5 points 5 and 6.4): the institution's own Excel or CSV
register → its sheet and title row → which column holds which field (pre-filled from the titles,
sample values shown; the mapping can be saved to and loaded from JSON) → the first 50 rows with
their problems → the dry run → the import, all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from app.domain.errors import DomainError
from app.i18n import N_, M, Message, _
from app.portal import (
    Format,
    ImportRefused,
    ParseResult,
    RegisterMapping,
    RegisterRecord,
    RegisterSheet,
    detect_format,
    inspect_register,
    read_register,
    suggest_columns,
    suggest_mapping,
)
from app.portal.formats import csv_tables
from app.portal.register import (
    FIELD_NAMES,
    describe_columns,
    mapping_document,
    mapping_problems,
    repeated_columns,
)
from app.portal.xlsx import open_sheets
from app.services.exchange import ExchangeService, ImportSummary
from ui.context import MOVEMENT, Context
from ui.i18n import fdate
from ui.models.table import Column, RowsModel
from ui.widgets.forms import ERROR_STYLE, MessageLabel, scroll_into_view
from ui.widgets.icons import set_icons
from ui.widgets.problems import ProblemsPanel
from ui.widgets.tables import keep_fitted, table_view
from ui.widgets.texts import ElidedLabel
from ui.widgets.wizard_pages import ChangesPage, FileRow, Outcome, StepPage, file_stamp, read_file, summary_text
from ui.widgets.wizard_pages import DonePage as BaseDonePage

REGISTER_FILTER = N_("Excel, LibreOffice or CSV files (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)")
MAPPING_FILTER = N_("Mapping (*.json)")

#: our fields, in the order of the mapping page, with their captions
FIELDS: tuple[tuple[str, str], ...] = tuple(FIELD_NAMES.items())
SAMPLES = 5
SCAN = 200


def sheet_at_row(path: str, sheet: str | None, header_row: int) -> RegisterSheet:
    """The columns of ``sheet`` taking row ``header_row`` as the titles, with sample values below it
    (inspect_register guesses the row; this is the user's choice)."""
    data = read_file(path)
    fmt = detect_format(data, Path(path).name)

    def describe(tables) -> RegisterSheet:
        table = next((t for t in tables if sheet is None or t.name == sheet), None)
        if table is None:
            raise ImportRefused(M("The workbook has no sheet \"{sheet}\"; sheets: {sheets}.", sheet=sheet,
                                  sheets=", ".join(t.name for t in tables)))
        rows = list(islice(table.rows, header_row + SCAN))
        cells = next((c for n, c in rows if n == header_row), None)
        if cells is None:
            raise ImportRefused(M("The sheet has no row {row}; give the number of the row with the column titles.",
                                  row=header_row))
        return RegisterSheet(table.name, header_row, describe_columns(cells, [c for n, c in rows if n > header_row],
                                                                      SAMPLES))

    if fmt is Format.XLSX:
        with open_sheets(data, Path(path).name) as tables:
            return describe(tables)
    return describe(csv_tables(data, Path(path).name))


# --- pages ---------------------------------------------------------------------------------------------
class FilePage(StepPage):
    def wizard(self) -> OnboardingWizard:  # the page belongs to the onboarding wizard (typed: its steps' state)
        return cast("OnboardingWizard", super().wizard())

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.file = FileRow(N_("&Register:"), N_("Choose the institution's register"), REGISTER_FILTER, parent=self)
        self.file.path.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.error = ProblemsPanel(self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addSpacing(8)
        lay.addWidget(self.file)
        lay.addWidget(self.error)
        lay.addStretch(1)

    def isComplete(self) -> bool:  # noqa: N802 - Qt name
        return bool(self.file.text()) and not self.busy

    def step_key(self) -> Any:
        return file_stamp(self.file.text())

    def prepare(self):
        path = self.file.text()
        self.error.show_refusal(None)

        def work(report) -> tuple[list[RegisterSheet], bool]:
            data = read_file(path)
            sheets = inspect_register(data)
            return sheets, detect_format(data, Path(path).name) is Format.XLSX  # a workbook (.xlsx, .xls, .ods)

        return work

    def take(self, outcome: Outcome) -> bool:
        if outcome.refusal is not None:
            self.error.show_refusal(outcome.refusal.render, outcome.problems)
            return False
        sheets, workbook = outcome.value
        self.wizard().set_sheets(self.file.text(), sheets, workbook)
        return True

    def retranslate_ui(self) -> None:
        self.setTitle(_("Import an existing register"))
        self.setSubTitle(_("Choose the register the institution kept before the program (Excel or CSV)."))
        self.intro.setText(_("Any layout will do: on the next pages you choose the sheet, the row with the column "
                             "titles and which column holds which information. Nothing is changed until the last "
                             "step."))
        self.file.retranslate_ui()
        self.error.retranslate_ui()


class SheetPage(StepPage):
    def wizard(self) -> OnboardingWizard:  # the page belongs to the onboarding wizard (typed: its steps' state)
        return cast("OnboardingWizard", super().wizard())

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet_label, self.row_label = QLabel(), QLabel()
        self.sheet = QComboBox()
        self.row = QSpinBox()
        self.row.setRange(1, 10_000)
        self.sheet_label.setBuddy(self.sheet)
        self.row_label.setBuddy(self.row)
        self.titles = QLabel()
        self.titles.setWordWrap(True)
        self.titles.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = ProblemsPanel(self)
        self.sheet.currentIndexChanged.connect(lambda _i: self._sheet_changed())
        self.row.valueChanged.connect(lambda _v: self.retranslate_ui())  # the titles shown are the row's
        grid = QGridLayout()
        grid.addWidget(self.sheet_label, 0, 0)
        grid.addWidget(self.sheet, 0, 1)
        grid.addWidget(self.row_label, 1, 0)
        grid.addWidget(self.row, 1, 1)
        grid.setColumnStretch(2, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(self.titles)
        lay.addWidget(self.error)
        lay.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt name
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for s in self.wizard().sheets:
            self.sheet.addItem(s.name, s.name)
        self.sheet.blockSignals(False)
        self.sheet.setVisible(self.wizard().workbook)
        self.sheet_label.setVisible(self.wizard().workbook)
        best = max(range(len(self.wizard().sheets)),
                   key=lambda i: suggest_mapping(self.wizard().sheets[i]) is not None, default=0)
        self.sheet.setCurrentIndex(best)
        self._sheet_changed()

    def guessed(self) -> RegisterSheet | None:
        sheets = self.wizard().sheets if self.wizard() else []
        i = self.sheet.currentIndex()
        return sheets[i] if 0 <= i < len(sheets) else None

    def _sheet_changed(self) -> None:
        sheet = self.guessed()
        if sheet is not None:
            self.row.setValue(sheet.header_row)
        self.retranslate_ui()

    def step_key(self) -> Any:
        return (file_stamp(self.wizard().path), self.sheet.currentData(), self.row.value())

    def prepare(self):
        path, name, row = self.wizard().path, self.sheet.currentData(), self.row.value()
        guessed = self.guessed()
        self.error.show_refusal(None)
        if guessed is not None and guessed.header_row == row:
            return lambda report: guessed
        return lambda report: sheet_at_row(path, name, row)

    def take(self, outcome: Outcome) -> bool:
        if outcome.refusal is not None:
            self.error.show_refusal(outcome.refusal.render, outcome.problems)
            return False
        self.wizard().set_sheet(outcome.value)
        return True

    def retranslate_ui(self) -> None:
        self.setTitle(_("Sheet and title row"))
        self.setSubTitle(_("The row with the column titles was guessed; correct it if the guess is wrong."))
        self.sheet_label.setText(_("&Sheet:"))
        self.row_label.setText(_("&Row with the column titles:"))
        sheet = self.guessed()
        if sheet is not None and self.row.value() == sheet.header_row:
            titles = ", ".join(f"{c.letter}: {c.header}" for c in sheet.columns if c.header)
            self.titles.setText(_("Titles found in row {row}: {titles}").format(row=sheet.header_row, titles=titles))
        elif sheet is not None:  # the titles of another row are read on "Next", and shown on the next page
            self.titles.setText(_("Row {row} will be read as the column titles (the program's guess was row {guess}); "
                                  "its columns are shown on the next page.").format(row=self.row.value(),
                                                                                   guess=sheet.header_row))
        self.error.retranslate_ui()


class MappingPage(StepPage):
    def wizard(self) -> OnboardingWizard:  # the page belongs to the onboarding wizard (typed: its steps' state)
        return cast("OnboardingWizard", super().wizard())

    busy_title = N_("Reading the first rows…")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.labels: dict[str, QLabel] = {}
        self.combos: dict[str, QComboBox] = {}
        self.samples: dict[str, ElidedLabel] = {}
        self.errors: dict[str, MessageLabel] = {}
        inner = QWidget()
        grid = QGridLayout(inner)
        self.head_field, self.head_column, self.head_samples = QLabel(), QLabel(), QLabel()
        for col, w in enumerate((self.head_field, self.head_column, self.head_samples)):
            f = w.font()
            f.setBold(True)
            w.setFont(f)
            grid.addWidget(w, 0, col)
        for i, (key, _msgid) in enumerate(FIELDS, start=1):
            label, combo, sample = QLabel(), QComboBox(), ElidedLabel()
            combo.setObjectName(key)
            combo.setMinimumWidth(260)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(24)
            label.setBuddy(combo)
            sample.setStyleSheet("color: #555;")
            sample.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            combo.currentIndexChanged.connect(lambda _i, k=key: self._column_changed(k))
            error = MessageLabel()  # what is wrong with this field's choice, under it (mapping_problems)
            grid.addWidget(label, 2 * i - 1, 0)
            grid.addWidget(combo, 2 * i - 1, 1)
            grid.addWidget(sample, 2 * i - 1, 2)
            grid.addWidget(error, 2 * i, 1, 1, 2)
            self.labels[key], self.combos[key], self.samples[key], self.errors[key] = label, combo, sample, error
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(2 * len(FIELDS) + 1, 1)
        grid.setVerticalSpacing(4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.error = MessageLabel()  # what is wrong with the mapping as a whole, or with the file read through it
        self.save_button, self.load_button = QPushButton(), QPushButton()
        self.save_button.clicked.connect(self.save_mapping)
        self.load_button.clicked.connect(self.load_mapping)
        set_icons({self.save_button: "save", self.load_button: "folder-open"})
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.error)
        lay.addLayout(buttons)
        order = [self.combos[k] for k, _m in FIELDS] + [self.load_button, self.save_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

    def sheet(self) -> RegisterSheet | None:
        return self.wizard().sheet if self.wizard() else None

    def initializePage(self) -> None:  # noqa: N802 - Qt name
        sheet = self.sheet()
        for combo in self.combos.values():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("", None)
            for c in sheet.columns if sheet is not None else ():
                if c.header:
                    combo.addItem(f"{c.letter}: {c.header}", c.header)
            combo.blockSignals(False)
        self.apply(suggest_columns(sheet) if sheet is not None else {})
        self.retranslate_ui()

    def apply(self, columns: dict[str, str]) -> None:
        """Choose the given title for each field (an unknown title is left unchosen)."""
        for key, combo in self.combos.items():
            combo.setCurrentIndex(max(combo.findData(columns.get(key)), 0) if key in columns else 0)
            self._column_changed(key)

    def set_column(self, key: str, title: str | None) -> bool:
        combo = self.combos[key]
        index = combo.findData(title) if title else 0
        if index < 0:
            return False
        combo.setCurrentIndex(index)
        return True

    def columns(self) -> dict[str, str]:
        return {key: combo.currentData() for key, combo in self.combos.items() if combo.currentData()}

    def _column_changed(self, key: str) -> None:
        self.error.hide()
        title = self.combos[key].currentData()
        sheet = self.sheet()
        column = next((c for c in (sheet.columns if sheet else ()) if c.header == title), None)
        text = " · ".join(column.samples) if column and column.samples else ""
        self.samples[key].set_full_text(text)
        self.samples[key].setToolTip("\n".join(column.samples) if column else "")
        # the messages shown are checked again (one choice mended may mend another's); a column this field now
        # shares with another is said at once, the fields still to choose only when the user goes on
        problems = dict(reversed(mapping_problems(self.columns())))  # the first message of each field
        shown_before = {k for k, error in self.errors.items() if not error.isHidden()}
        clashing = {k for k, earlier in repeated_columns(self.columns()).items() if key in (k, earlier)}
        self._show_problems({k: m for k, m in problems.items() if k in shown_before or k in clashing}, focus=False)

    def _show_problems(self, problems: dict[str | None, Message], focus: bool = True) -> None:
        """Each message under its field (one of the mapping as a whole under the table); the rest hidden. ``focus``:
        the first field at fault takes the focus."""
        for key, error in self.errors.items():
            if key in problems:
                error.say(problems[key])
                self.combos[key].setStyleSheet(ERROR_STYLE)
            else:
                error.hide()
                self.combos[key].setStyleSheet("")
        if None in problems:
            self.error.say(problems[None])
        else:
            self.error.hide()
        first = next((k for k, _m in FIELDS if k in problems), None)
        if focus and first is not None:
            self.combos[first].setFocus()
            scroll_into_view(self.errors[first])

    def mapping(self) -> RegisterMapping | None:
        """The mapping as chosen; a refused one is explained under the fields at fault and None returned."""
        sheet = self.sheet()
        if sheet is None:  # no sheet read yet: nothing to map
            return None
        problems = mapping_problems(self.columns())
        self._show_problems(dict(reversed(problems)))
        if problems:
            return None
        return RegisterMapping(self.columns(), sheet.name, sheet.header_row)

    def save_mapping(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, _("Save the mapping"), "register-mapping.json", _(MAPPING_FILTER))
        if path:
            self.save_mapping_to(path)

    def save_mapping_to(self, path: str) -> bool:
        mapping = self.mapping()
        if mapping is None:
            return False
        try:
            Path(path).write_text(mapping.to_json(), encoding="utf-8")
        except OSError as exc:
            QMessageBox.warning(self, _("The file was not saved"),
                                _("Could not write {path}: {reason}. Choose another folder.").format(
                                    path=path, reason=exc.strerror or exc))
            return False
        return True

    def load_mapping(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _("Load a mapping"), "", _(MAPPING_FILTER))
        if path:
            self.load_mapping_from(path)

    def load_mapping_from(self, path: str) -> bool:
        """Choose the columns a mapping file names; what keeps them from being a mapping here is shown as on Next:
        each problem under its field, a title this sheet lacks (or a field unknown) under the table."""
        try:
            columns, _sheet, _row = mapping_document(read_file(path))
        except DomainError as exc:
            self._show_problems({})
            self.error.say(exc.message)
            return False
        known = {key: title for key, title in columns.items() if key in self.combos}
        self.apply(known)
        general = dict(mapping_problems(columns)).get(None)  # fields this program does not know
        missing = [title for key, title in known.items() if self.combos[key].currentData() != title]
        if general is None and missing:
            general = M("This sheet has no column titled {titles}; choose those columns yourself.",
                        titles=", ".join(f"\"{t}\"" for t in missing))
        problems: dict[str | None, Message] = dict(reversed(mapping_problems(self.columns())))
        if general is not None:
            problems[None] = general
        self._show_problems(problems, focus=False)
        return not problems

    def step_key(self) -> Any:
        return (file_stamp(self.wizard().path), self.sheet(), tuple(sorted(self.columns().items())))

    def prepare(self):
        mapping = self.mapping()
        if mapping is None:
            return None
        path = self.wizard().path
        self.wizard().mapping = mapping
        return lambda report: read_register(read_file(path), mapping, limit=50)

    def take(self, outcome: Outcome) -> bool:
        if outcome.refusal is not None:
            self.error.say(outcome.refusal.message)
            return False
        self.wizard().preview_result = outcome.value
        return True

    def retranslate_ui(self) -> None:
        self.setTitle(_("Which column holds what"))
        self.setSubTitle(_("Columns recognised by their titles are chosen already. The name may be one column or "
                           "three; the admission date and order may be one column or two."))
        self.intro.setText(_("The full name (or the last and first names) and the date of birth are required; "
                             "leave a field empty when the register does not have it."))
        self.head_field.setText(_("Field"))
        self.head_column.setText(_("Column of the register"))
        self.head_samples.setText(_("Values in the column"))
        for key, msgid in FIELDS:
            self.labels[key].setText(_(msgid) + (" *" if key in ("birth_date",) else ""))
            self.combos[key].setItemText(0, _("— not in the register —"))
        self.save_button.setText(_("&Save the mapping…"))
        self.load_button.setText(_("&Load a mapping…"))
        for error in (*self.errors.values(), self.error):
            error.retranslate_ui()


def _sex(r: RegisterRecord) -> str:
    return r.sex.text() if r.sex else ""


RECORD_COLUMNS: list[Column[RegisterRecord]] = [
    Column(N_("Last name"), lambda r: r.last_name),
    Column(N_("First name"), lambda r: r.first_name),
    Column(N_("Patronymic"), lambda r: r.middle_name or ""),
    Column(N_("Date of birth"), lambda r: fdate(r.birth_date), lambda r: r.birth_date.isoformat()),
    Column(N_("IIN"), lambda r: r.iin or ""),
    Column(N_("Sex"), _sex),
    Column(N_("Status"), lambda r: r.status.text() if r.status else ""),
    Column(N_("Date of admission"), lambda r: fdate(r.admission_date),
           lambda r: r.admission_date.isoformat() if r.admission_date else ""),
    Column(N_("Admission order No."), lambda r: r.admission_order or ""),
]


class PreviewPage(StepPage):
    def wizard(self) -> OnboardingWizard:  # the page belongs to the onboarding wizard (typed: its steps' state)
        return cast("OnboardingWizard", super().wizard())

    busy_title = N_("Checking the whole register…")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.records = RowsModel(RECORD_COLUMNS, self)
        self.view = table_view(self.records, self)
        keep_fitted(self.view)
        self.problems = ProblemsPanel(self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.view, 2)
        lay.addWidget(self.problems, 1)

    def result(self) -> ParseResult | None:
        return self.wizard().preview_result if self.wizard() else None

    def initializePage(self) -> None:  # noqa: N802 - Qt name
        self.forget()
        result = self.result()
        self.records.set_rows([r for r in result.records if isinstance(r, RegisterRecord)] if result else ())
        if result and result.problems:
            self.problems.show_refusal(lambda: _("These rows have problems: correct them in the register (or the "
                                                 "mapping, going back) before importing."), result.problems)
        else:
            self.problems.show_refusal(None)
        self.retranslate_ui()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt name
        result = self.result()
        return result is not None and not result.problems and not self.busy

    def step_key(self) -> Any:
        return id(self.result())

    def prepare(self):
        wizard = self.wizard()
        path, mapping, actor = wizard.path, wizard.mapping, wizard.ctx.actor
        assert mapping is not None  # the mapping page set it before this page
        ex = ExchangeService(wizard.ctx.services.sessions)

        def work(report) -> Outcome:
            result = read_register(read_file(path), mapping)
            report(0, 2)
            if result.problems:
                return Outcome(result, ImportRefused(M("The file has {n} problem(s); nothing was imported. Correct them and "
                                                       "import the file again.", n=len(result.problems)),
                                                     result.problems))
            return Outcome((result, ex.import_register(actor, result, dry_run=True)))

        return work

    def take(self, outcome: Outcome) -> bool:
        self.wizard().full_outcome = outcome
        return True

    def retranslate_ui(self) -> None:
        self.setTitle(_("The first rows"))
        result = self.result()
        self.setSubTitle(_("The first 50 rows of the register, as the program reads them through the mapping."))
        if result is not None:
            self.summary.setText("\n".join([_("Read without problems: {ok}; rows with problems: {bad}.").format(
                ok=len(result.records), bad=len({p.row for p in result.problems})),  # a row may have several
                *(n.render() for n in result.notices)]))
        self.records.retranslate()
        self.problems.retranslate_ui()


#: the title of the column of who each change is: a register gives an IIN, or a name
REGISTER_KEY = N_("Key (IIN; without it, the name)")


class DryRunPage(ChangesPage):
    key_title = REGISTER_KEY
    def wizard(self) -> OnboardingWizard:  # the page belongs to the onboarding wizard (typed: its steps' state)
        return cast("OnboardingWizard", super().wizard())

    def outcome(self) -> Outcome | None:
        return self.wizard().full_outcome if self.wizard() else None

    def initializePage(self) -> None:  # noqa: N802 - Qt name
        self.forget()
        outcome = self.outcome()
        ok = outcome is not None and outcome.refusal is None
        self.changes.set_summary(outcome.value[1] if outcome is not None and ok else None)
        self.changes_view.setVisible(ok)
        self.problems.show_refusal(outcome.refusal.render if outcome and outcome.refusal is not None else None,
                                   outcome.problems if outcome and not ok else ())
        self.retranslate_ui()
        self.completeChanged.emit()

    def prepare(self):
        wizard = self.wizard()
        outcome = self.outcome()
        assert outcome is not None  # the dry run came first
        result, actor = outcome.value[0], wizard.ctx.actor
        ex = ExchangeService(wizard.ctx.services.sessions)
        return lambda report: ex.import_register(actor, result, dry_run=False)

    def retranslate_ui(self) -> None:
        self.setTitle(_("Check before importing"))
        outcome = self.outcome()
        if outcome is not None and outcome.refusal is None:
            self.setSubTitle(_("Nothing is changed yet: press \"Import\" to import, or \"Back\" to change the "
                               "mapping."))
            self.summary.setText(summary_text(outcome.value[1]))
        else:
            self.setSubTitle(_("The register was refused; nothing will be imported."))
            self.summary.setText(_("Correct the register or the mapping and try again."))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        self.changes.retranslate()
        self.problems.retranslate_ui()


class DonePage(BaseDonePage):
    key_title = REGISTER_KEY
    note = N_("Residents with an admission date were admitted; their case files were opened.")


class OnboardingWizard(QWizard):
    FILE, SHEET, MAPPING, PREVIEW, DRY_RUN, DONE = range(6)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = ""
        self.sheets: list[RegisterSheet] = []
        self.workbook = True  # set_sheets
        self.sheet: RegisterSheet | None = None
        self.mapping: RegisterMapping | None = None
        self.preview_result: ParseResult | None = None
        self.full_outcome: Outcome | None = None
        self.committed: ImportSummary | None = None
        self.pages_ = (FilePage(self), SheetPage(self), MappingPage(self), PreviewPage(self), DryRunPage(self),
                       DonePage(self))
        self.file_page, self.sheet_page, self.mapping_page, self.preview_page, self.dry_run_page, self.done_page = \
            self.pages_
        for i, page in enumerate(self.pages_):
            self.setPage(i, page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.resize(1040, 660)
        ctx.translator.language_changed.connect(self._language_changed)
        self.retranslate_ui()

    def set_sheets(self, path: str, sheets: Sequence[RegisterSheet], workbook: bool = True) -> None:
        """The file's sheets; ``workbook``: it has sheets to choose from (a CSV's one table has none: its name is
        the delimiter the reader found, which the sheet page showed as «Лист: ;»)."""
        self.path, self.sheets, self.workbook = path, list(sheets), workbook

    def set_sheet(self, sheet: RegisterSheet) -> None:
        self.sheet = sheet

    def set_committed(self, summary: ImportSummary) -> None:
        self.committed = summary
        self.ctx.changed(*MOVEMENT)

    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import an existing register"))
        for page in self.pages_:
            page.retranslate_ui()
