"""The resident card: personal data (Annex 3, editable), movements, the case file with its
documents inventory (R-10…R-13), individual plans and the monitoring journal; the movement
buttons follow the resident's status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.admission import AdmissionGround, GroundUnrecorded
from app.domain.enums import ChangeMark, DocumentKind, MovementKind, RecipientCategory
from app.domain.errors import DomainError
from app.domain.fields import field_label
from app.domain.journal import authority_labels, document_kind_text
from app.domain.permissions import MEDICAL_FIELDS, UseCase
from app.domain.typed_dates import iso
from app.i18n import N_, M, _, ngettext
from app.services.audit import READERS, AuditFilter
from app.services.casefiles import CaseFileView
from app.services.movements import MovementView
from app.services.plans import MonitoringView, PlanView
from app.services.residents import ResidentView
from ui.context import Change, Changed, Context
from ui.dialogs.movements import MovementActions
from ui.forms import DateField, Form, GuardedDialog, attempt, line, offer_sign_in, set_bold, spin
from ui.i18n import fdate, fnumber
from ui.models.audit import AuditModel
from ui.models.lateness import late_column
from ui.models.table import ROW_ROLE, SORT_ROLE, Column, RowsModel
from ui.widgets.audit_view import AuditView
from ui.widgets.empty_state import EmptyState
from ui.widgets.form_dialog import dispose
from ui.widgets.forms import MessageLabel
from ui.widgets.icons import set_icons
from ui.widgets.permissions import guard
from ui.widgets.person_form import Choice, PersonForm, person_input
from ui.widgets.rules import set_rule_text
from ui.widgets.tables import fit_columns, setup_view

TABS = ("personal", "movements", "casefile", "plans", "monitoring")
#: the kinds of change the card shows (of its own resident, or of no one in particular)
SHOWN = (Changed.RESIDENTS, Changed.MOVEMENTS, Changed.QUEUE, Changed.PLANS, Changed.CASE_FILES, Changed.ORGANISATION)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter


def period(start: dt.date | None, end: dt.date | None) -> str:
    return f"{fdate(start)} – {fdate(end)}" if start or end else ""


class FilteredTable(QWidget):
    """A small table: plain rows behind a sorting proxy, with a search box filtering as you type."""

    activated = Signal(object)  # the row under Enter or a double click

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RowsModel(columns, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        setup_view(self.view)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.doubleClicked.connect(lambda _i: self._activate())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.view, self._activate, context=Qt.ShortcutContext.WidgetShortcut)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.search)
        lay.addWidget(self.view, 1)
        self.retranslate_ui()

    def set_rows(self, rows: Sequence) -> None:
        self.model.set_rows(rows)
        fit_columns(self.view)

    def selected(self):
        idx = self.view.currentIndex()
        return idx.data(ROW_ROLE) if idx.isValid() else None

    def _activate(self) -> None:
        row = self.selected()
        if row is not None:
            self.activated.emit(row)

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(_("Filter the list (Ctrl+F)"))
        self.model.retranslate()
        fit_columns(self.view)


# --- columns of the card's tables ------------------------------------------------------------------
def _movement_details(m: MovementView) -> str:
    parts = [m.discharge_reason.text() if m.discharge_reason else "", m.reason_text or "", m.destination or "",
             m.admission_ground.text() if m.admission_ground else "",  # R-33, or why an imported one has none
             m.ground_unrecorded.text() if m.ground_unrecorded else ""]
    return "; ".join(p for p in parts if p)


MOVEMENT_COLUMNS = [
    Column(N_("Date"), lambda m: fdate(m.event_date), sort=lambda m: iso(m.event_date) + f"{m.id:09d}"),
    Column(N_("Event"), lambda m: m.kind.text() + (" (" + _("returned") + ")" if m.returned else "")),
    Column(N_("Order number"), lambda m: m.order_number),
    Column(N_("Order date"), lambda m: fdate(m.order_date), sort=lambda m: iso(m.order_date)),
    Column(N_("Reason or destination"), _movement_details),
]


def movement_columns(org_type) -> list[Column]:
    """The movements table; a home-care organisation's name the head's decision, not an order (R-01)."""
    number, day = authority_labels(org_type)
    cols = list(MOVEMENT_COLUMNS)
    cols[2], cols[3] = replace(cols[2], header=number), replace(cols[3], header=day)
    return cols


def document_columns(org_type) -> list[Column]:
    """The case file's documents; a home-care organisation's discharge copy is of a decision (R-01)."""
    return [
        Column(N_("Date received"), lambda d: fdate(d.received_on),
               sort=lambda d: iso(d.received_on) + f"{d.id:09d}"),
        Column(N_("Kind of document"), lambda d: document_kind_text(d.kind, org_type)),
        *DOCUMENT_COLUMNS,
    ]


#: the documents' columns after the date and the kind (which depends on the organisation's type)
DOCUMENT_COLUMNS: list[Column] = [
    Column(N_("Title"), lambda d: d.title),
    Column(N_("Sheets"), lambda d: fnumber(d.sheets), sort=lambda d: d.sheets, align=RIGHT),
    Column(N_("Original"), lambda d: _("original") if d.is_original else _("copy")),
    Column(N_("Consent date"), lambda d: fdate(d.consent_on), sort=lambda d: iso(d.consent_on)),
]

PLAN_COLUMNS = [
    Column(N_("Plan period"), lambda p: period(p.period_start, p.period_end), sort=lambda p: iso(p.period_start)),
    Column(N_("Version"), lambda p: str(p.version_no), sort=lambda p: p.version_no, align=RIGHT),
    Column(N_("Status"), lambda p: p.status.text()),
    Column(N_("Drawn up"), lambda p: fdate(p.drawn_up_on), sort=lambda p: iso(p.drawn_up_on)),
    Column(N_("Completed"), lambda p: fdate(p.completed_on), sort=lambda p: iso(p.completed_on)),
    Column(N_("Approved"), lambda p: fdate(p.approved_on), sort=lambda p: iso(p.approved_on)),
    Column(N_("Activities"), lambda p: fnumber(len(p.activities)), sort=lambda p: len(p.activities), align=RIGHT),
    late_column(lambda p: p.late),
]


def _marks(m: MonitoringView) -> str:
    counts = {mark: sum(1 for r in m.rows if r.mark == mark) for mark in ChangeMark}
    return "; ".join(f"{mark.text()}: {n}" for mark, n in counts.items() if n)


class MonitoringRow:
    """A monitoring entry with the period of the plan it belongs to."""

    def __init__(self, plan: PlanView, entry: MonitoringView) -> None:
        self.plan, self.entry = plan, entry


MONITORING_COLUMNS: list[Column] = [
    Column(N_("Monitoring date"), lambda r: fdate(r.entry.monitoring_date),
           sort=lambda r: iso(r.entry.monitoring_date) + f"{r.entry.id:09d}"),
    Column(N_("Plan period"), lambda r: period(r.plan.period_start, r.plan.period_end),
           sort=lambda r: iso(r.plan.period_start)),
    Column(N_("Entry"), lambda r: _("monthly (interim)") if r.entry.interim else _("quarterly")),
    Column(N_("Recorded"), lambda r: fdate(r.entry.recorded_on) + (" (" + _("late") + ")" if r.entry.recorded_late else ""),
           sort=lambda r: iso(r.entry.recorded_on)),
    Column(N_("Specialist"), lambda r: r.entry.specialist),
    Column(N_("Marks"), lambda r: _marks(r.entry)),
]


# --- adding a document -------------------------------------------------------------------------------
class AddDocumentDialog(GuardedDialog):
    """One document of the case file inventory; an original of R-11 needs the consent date."""

    def __init__(self, ctx: Context, case_file_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.case_file_id = ctx, case_file_id
        self.case_file: CaseFileView | None = None
        f = self.form = Form()
        org_type = ctx.services.organisation.get().org_type
        self.kind = f.add("kind", N_("Kind of document"),
                          Choice(DocumentKind, text=lambda k: document_kind_text(k, org_type)), required=True)
        self.title = f.add("document", N_("Title"), line(max_length=500), required=True)
        self.sheets = f.add("sheets", N_("Sheets"), spin(1, 9999, 1), required=True)
        self.original = f.add("is_original", N_("Original"), QCheckBox())
        self.consent = f.add("consent_date", N_("Date of the written consent"), DateField(optional=True))
        self.received = f.add("date", N_("Date received"), DateField(), required=True)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.original.toggled.connect(self._check_consent)
        self.consent.dateChanged.connect(self._check_consent)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(f)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(560)
        ctx.translator.language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self._kind_changed()

    def _kind_changed(self) -> None:
        if not self.title.isModified():
            self.title.setText(self.kind.value().text())
        self._check_consent()

    def _check_consent(self) -> None:
        """R-11 as the user fills the form: consent date only for an original, required for these originals."""
        self.consent.setEnabled(self.original.isChecked())
        self.form.clear_error("consent_date")
        if self.original.isChecked() and self.kind.value().original_kept_with_consent and self.consent.value() is None:
            self.form.set_error("consent_date", M("{field}: the administration keeps this original only with the "
                                                  "resident's written consent (R-11); enter the date of the consent.",
                                                  field=field_label("consent_date")))

    def save(self) -> None:
        original = self.original.isChecked()
        received = self.received.value()
        assert received is not None  # not optional: never empty
        view = attempt(self, lambda: self.ctx.services.casefiles.add_document(
            self.ctx.actor, self.case_file_id, self.kind.value(), self.title.text(), received,
            self.sheets.value(), original, self.consent.value() if original else None), self.form)
        if view is None:
            return
        self.case_file = view
        self.ctx.changed(Changed.CASE_FILES, resident_id=view.resident_id)
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Add a document to the case file"))
        self.original.setText(_("kept by the administration"))
        self.save_button.setText(_("&Save"))
        self.cancel_button.setText(_("Cancel"))
        self.form.retranslate_ui()
        if not self.title.isModified():
            self.title.setText(self.kind.value().text())


# --- on the card --------------------------------------------------------------------------------
def admission_texts(p: ResidentView, ground: AdmissionGround | GroundUnrecorded | None) -> list[str]:
    """The category and the ground of the last admission (R-33), as the card and its case file tab show them."""
    out = []
    if p.category:
        out.append(_("category: {category}").format(category=RecipientCategory(p.category).text()))
    if ground:
        out.append(_("ground of admission: {ground}").format(ground=ground.text()))
    return out


class UnitPlacement(QWidget):
    """R-36: the unit the resident lives in (or the main part), changed with "Place"; hidden while the
    organisation has no units."""

    def __init__(self, ctx: Context, resident_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.resident_id = ctx, resident_id
        self.label = QLabel()
        self.combo = QComboBox()
        self.label.setBuddy(self.combo)
        self.button = QPushButton()
        self.button.clicked.connect(self.place)
        self.error = MessageLabel()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.combo, 1)
        row.addWidget(self.button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row)
        lay.addWidget(self.error)
        self.units: list = []
        self.retranslate_ui()

    def load(self) -> None:
        svc = self.ctx.services
        self.units = svc.units.units()
        self.setVisible(bool(self.units))
        current = svc.units.unit_of(self.resident_id)
        self.combo.clear()
        self.combo.addItem(_("main part"), None)
        for u in self.units:
            self.combo.addItem(f"{u.name} ({u.kind.text()})", u.id)
        self.combo.setCurrentIndex(max(self.combo.findData(current), 0))
        self.error.hide()

    def place(self) -> None:
        self.error.hide()
        try:
            self.ctx.services.units.place(self.ctx.actor, self.resident_id, self.combo.currentData())
        except DomainError as exc:
            if offer_sign_in(self, exc):  # the session ended: sign in again, the choice stays
                return
            self.error.say(exc.message)
            self.combo.setFocus()
            return
        self.ctx.changed(Changed.RESIDENTS, resident_id=self.resident_id)  # the unit: occupancy too

    def retranslate_ui(self) -> None:
        self.label.setText(_("Un&it:"))
        self.button.setText(_("Plac&e"))
        self.button.setToolTip(_("Place the resident in the chosen unit (R-36)"))
        if self.units:
            self.load()


# --- the card ------------------------------------------------------------------------------------------
#: the forms printed from a resident's card: (PrintService form, title msgid)
PRINTABLE = (("casefile", N_("Personal case file (Annex 3) with the inventory")),
             ("plan", N_("Individual plan (Annex 4)")),
             ("monitoring", N_("Monitoring journal (Annex 5)")),
             ("folder", N_("Personal folder: case file, plan and monitoring journal")))


class ResidentCard(GuardedDialog):
    """Everything about one resident. Opened with ``open()`` (window-modal, not blocking)."""

    def __init__(self, ctx: Context, resident_id: int, tab: str = "personal", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.resident_id = ctx, resident_id
        # opening the card is a read of personal data: the service records it (issue 10 point 7)
        self.person: ResidentView = ctx.services.residents.open(ctx.actor, resident_id)
        self.status = self.person.status
        self.case_file: CaseFileView | None = None
        self.ground: AdmissionGround | GroundUnrecorded | None = None  # of the last admission
        self.document_dialog: AddDocumentDialog | None = None
        # header
        self.name_label = set_bold(QLabel(), 3)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)  # category and ground in full: 1,790 px on one line in Kazakh
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # personal data
        self.form = PersonForm()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_person)
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #1e7e34;")
        personal = QWidget()
        pl = QVBoxLayout(personal)
        pl.addWidget(self.form)
        pl.addStretch(1)
        self.unit_row = UnitPlacement(ctx, resident_id)
        pl.addWidget(self.unit_row)
        row = QHBoxLayout()
        row.addWidget(self.saved_label, 1)
        row.addWidget(self.save_button)
        pl.addLayout(row)
        # tables
        self.movements = FilteredTable(movement_columns(ctx.services.organisation.get().org_type))
        self.documents = FilteredTable(document_columns(ctx.services.organisation.get().org_type))
        self.plans = FilteredTable(PLAN_COLUMNS)
        self.monitoring = FilteredTable(MONITORING_COLUMNS)
        self.case_label = QLabel()
        self.case_label.setWordWrap(True)
        self.sheets_label = set_bold(QLabel())
        self.missing_label = QLabel()  # the admission documents still missing, by category
        self.missing_label.setWordWrap(True)
        self.missing_label.setObjectName("missing_documents")
        self.missing: tuple = ()
        self.add_document_button = QPushButton()
        self.add_document_button.clicked.connect(self.add_document)
        casefile = QWidget()
        cl = QVBoxLayout(casefile)
        top = QHBoxLayout()
        top.addWidget(self.case_label, 1)
        top.addWidget(self.sheets_label)
        cl.addLayout(top)
        cl.addWidget(self.missing_label)
        cl.addWidget(self.documents, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.add_document_button)
        cl.addLayout(bottom)
        self.tabs = QTabWidget()
        # no plan or monitoring yet: a line saying so and where it is made, not an empty table
        plans = EmptyState(ctx, self.plans, self.plans.model, "clipboard-list", N_("No individual plan yet"),
                           N_("A plan is drawn up after admission by the deadline the Deadlines screen shows, on the "
                              "Plans and monitoring screen."), parent=self)
        monitoring = EmptyState(ctx, self.monitoring, self.monitoring.model, "activity",
                                N_("No monitoring recorded yet"),
                                N_("The monitoring of an approved plan, once a quarter, is recorded on the Plans and "
                                   "monitoring screen."), parent=self)
        self.pages = dict(zip(TABS, (personal, self.movements, casefile, plans, monitoring)))
        self.history: AuditView | None = None  # the person's audit entries: for those who may read the log
        if ctx.actor.role in READERS:
            self.history = AuditView(AuditModel(self._history_page, self))
            # each opening of the card is an entry (a read of personal data): left out unless asked for, or a
            # few days' work would hide the changes
            self.show_reads = QCheckBox()
            self.show_reads.toggled.connect(lambda _on: self.history.model.reload() if self.history else None)
            history = QWidget()
            hl = QVBoxLayout(history)
            hl.addWidget(self.show_reads)
            hl.addWidget(self.history, 1)
            self.pages["history"] = history
        for page in self.pages.values():
            self.tabs.addTab(page, "")
        # movements and closing
        self.movement_actions = MovementActions(ctx, self)
        self.movement_actions.done.connect(lambda _id: self.reload())
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)
        self.print_button = QPushButton()
        self.print_menu = QMenu(self.print_button)
        self.print_actions = {}
        for form, _title in PRINTABLE:
            self.print_actions[form] = self.print_menu.addAction("", partial(self.print_form, form))
        self.print_button.setMenu(self.print_menu)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_button.showMenu)
        # the movement buttons have their icons from MovementActions (the same as in the residents list)
        set_icons({self.print_button: "printer", self.save_button: "save", self.add_document_button: "file-plus",
                   self.unit_row.button: "layers"})
        actions_row = QHBoxLayout()
        for button in self.movement_actions.buttons.values():
            actions_row.addWidget(button)
        actions_row.addStretch(1)
        actions_row.addWidget(self.print_button)
        actions_row.addWidget(self.close_buttons)
        lay = QVBoxLayout(self)
        lay.addWidget(self.name_label)
        lay.addWidget(self.summary_label)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(actions_row)
        # keys
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        for key in (QKeySequence(Qt.Key.Key_Insert), QKeySequence.StandardKey.New):
            QShortcut(key, self.documents, self.add_document_button.click,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._guard()
        self.resize(1180, 690)
        ctx.data_changed.connect(self._data_changed)
        ctx.translator.language_changed.connect(self.retranslate_ui)
        self.form.set_person(self.person)
        self.reload()
        self.show_tab(tab)
        self.retranslate_ui()

    # --- data ----------------------------------------------------------------------------------
    def _data_changed(self, change: Change) -> None:
        if self.isVisible() and change.concerns(*SHOWN, resident_id=self.resident_id):
            self.reload()

    def is_dirty(self) -> bool:
        """The user changed the personal data and has not saved it."""
        return self.form.value() != person_input(self.person)

    def changed(self) -> bool:  # Escape asks before losing unsaved personal data
        return self.is_dirty()

    def reload(self) -> None:
        view = attempt(self, lambda: self.ctx.services.residents.get(self.resident_id))
        if view is None:
            return
        untouched = not self.is_dirty()
        if untouched or person_input(view) == person_input(self.person):
            # nothing the form edits has changed (a movement changes only the status): keep what is typed
            if untouched:
                self.form.set_person(view)
            self.person = view
        self.status = view.status
        self.movement_actions.set_target(view.id, view.full_name, view.status)
        svc = self.ctx.services
        history = svc.movements.history(self.resident_id)
        self.movements.set_rows(history)
        self.ground = next((m.admission_ground or m.ground_unrecorded for m in reversed(history)
                            if m.kind == MovementKind.ADMISSION), None)
        self.unit_row.load()
        self.case_file = svc.casefiles.get_for(self.resident_id)
        self.documents.set_rows(self.case_file.documents if self.case_file else ())
        self.missing = svc.casefiles.missing_documents(self.resident_id).missing if self.case_file else ()
        plans = svc.plans.for_resident(self.resident_id)
        self.plans.set_rows(plans)
        self.monitoring.set_rows([MonitoringRow(p, m) for p in plans for m in svc.plans.monitoring_for(p.id)])
        self.add_document_button.setEnabled(self.case_file is not None)
        if self.history is not None:
            self.history.model.reload()
        self._header_texts()

    def _history_page(self, sort: str, descending: bool, offset: int, limit: int, upto: int | None):
        filters = AuditFilter(resident_id=self.resident_id,
                              without=None if self.show_reads.isChecked() else "resident.read")
        return self.ctx.services.audit.query(self.ctx.actor, filters, sort=sort,
                                             descending=descending, offset=offset, limit=limit, upto=upto)

    def save_person(self) -> None:
        data = self.form.value()
        view = attempt(self, lambda: self.ctx.services.residents.update(self.ctx.actor, self.resident_id, data,
                                                                        self.person.version), self.form)
        if view is None:
            return
        self.person = view
        self.form.set_person(view)
        self.ctx.changed(Changed.RESIDENTS, resident_id=self.resident_id)
        self.saved_label.setText(_("Saved."))
        QTimer.singleShot(5000, self.saved_label, self.saved_label.clear)

    def _guard(self) -> None:
        """Issue 10 point 5: the card is the social work specialist's; the medical staff change its medical
        fields and file the medical documents; what the signed-in role may not change is disabled, saying who
        may."""
        either = (UseCase.PERSON_EDIT, UseCase.PERSON_EDIT_MEDICAL)
        for name in self.form.fields():
            guard(self.form.widget(name), self.ctx, *(either if name in MEDICAL_FIELDS else (UseCase.PERSON_EDIT,)))
        guard(self.save_button, self.ctx, *either)
        guard(self.add_document_button, self.ctx, UseCase.DOCUMENT_ADD, UseCase.DOCUMENT_ADD_MEDICAL)
        guard(self.unit_row.button, self.ctx, UseCase.UNIT_PLACE)
        guard(self.unit_row.combo, self.ctx, UseCase.UNIT_PLACE)

    def add_document(self) -> AddDocumentDialog | None:
        if self.case_file is None:
            return None
        self.show_tab("casefile")
        dispose(self.document_dialog)
        self.document_dialog = AddDocumentDialog(self.ctx, self.case_file.id, self)
        self.document_dialog.open()
        return self.document_dialog

    # --- navigation ------------------------------------------------------------------------------
    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentWidget(self.pages[name])

    def current_tab(self) -> str:
        return list(self.pages)[self.tabs.currentIndex()]

    def focus_search(self) -> None:
        page = self.tabs.currentWidget()
        table = self.documents if page is self.pages["casefile"] else getattr(page, "content", page)
        if isinstance(table, FilteredTable):
            table.search.setFocus()
            table.search.selectAll()

    # --- texts ------------------------------------------------------------------------------------
    def _header_texts(self) -> None:
        p = self.person
        self.name_label.setText(p.full_name)
        ident = _("IIN {iin}").format(iin=p.iin) if p.iin else _("no IIN: {reason}").format(reason=p.iin_missing_reason or "")
        parts = [self.status.text_for(p.sex), ident, fdate(p.birth_date)]
        if p.room:
            parts.append(_("room {room}").format(room=p.room))
        if self.case_file:
            parts.append(_("Case file No. {number}").format(number=self.case_file.number))
        parts += admission_texts(p, self.ground)
        self.summary_label.setText("  ·  ".join(x for x in parts if x))
        cf = self.case_file
        if cf is None:
            set_rule_text(self.case_label, _("There is no case file yet: it is formed on admission (R-10)."))
            self.sheets_label.clear()
        else:
            self.case_label.setText("\n".join([_("Case file No. {number}, opened {day}{place}").format(
                number=cf.number, day=fdate(cf.opened_on), place=f", {cf.place}" if cf.place else ""),
                *admission_texts(p, self.ground)]))
            self.sheets_label.setText(_("Numbered and bound: {sheets}").format(
                sheets=ngettext("{n} sheet", "{n} sheets", cf.sheets).format(n=cf.sheets)))
        self.missing_label.setVisible(bool(self.missing))
        set_rule_text(self.missing_label, _("Missing admission documents (R-11): {documents}").format(
            documents="; ".join(k.text() for k in self.missing)) if self.missing else "")

    def print_form(self, form: str) -> None:
        """The resident's form in the print preview (print language chosen there)."""
        from ui.dialogs.preview import open_preview

        title = dict(PRINTABLE)[form]
        open_preview(self, self.ctx, title, form, f"{form}_{self.person.iin or self.resident_id}",
                     resident_id=self.resident_id)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Resident card"))
        self.print_button.setText(_("&Print"))
        self.print_button.setToolTip(_("Print a form of this resident (Ctrl+P)"))
        for form, title in PRINTABLE:
            self.print_actions[form].setText(_(title))
        for name, text in zip(TABS, (N_("&Personal data"), N_("M&ovements"), N_("Case &file"), N_("Individual p&lans"),
                                     N_("Mo&nitoring"))):
            self.tabs.setTabText(TABS.index(name), _(text))
        if self.history is not None:
            self.tabs.setTabText(len(TABS), _("&History"))
            self.show_reads.setText(_("Show each &opening of the card"))
            self.history.retranslate_ui()
        self.save_button.setText(_("&Save changes"))
        self.add_document_button.setText(_("Add doc&ument…"))
        self.add_document_button.setToolTip(_("Add a document to the inventory (Ins)"))
        self.close_buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.form.retranslate_ui()
        for table in (self.movements, self.documents, self.plans, self.monitoring):
            table.retranslate_ui()
        self.movement_actions.retranslate_ui()
        self.unit_row.retranslate_ui()
        self._header_texts()


def open_resident_card(ctx: Context, resident_id: int, parent: QWidget, tab: str = "personal",
                       previous: ResidentCard | None = None) -> ResidentCard | None:
    """Open a resident's card on ``tab`` (replacing ``previous``, if closed); a record that is gone is
    reported, not raised."""
    dispose(previous)
    card = attempt(parent, lambda: ResidentCard(ctx, resident_id, tab, parent))
    if card is not None:
        card.open()
    return card

