"""The staffing norms screen (R-29, R-36; issue 13 point 3): the staff list against the minimum staffing norms
of Order 308 Annex 1, the profile the norms depend on, and the staff list itself.

Three tabs: Comparison (each of the 78 positions: required, actual, difference — a shortfall red, an excess
blue, a position the program cannot compute is amber and shows the rule's text), Profile (notes 2–5, recipients, posts,
groups, vehicles; what the program knows is taken from its data unless set here) and Staff list (a position
chosen from the searchable list of Annex 1, and its staff units). Ctrl+P prints the comparison.
(Not ``ui/views/staff.py``: that is the user accounts screen.)"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.permissions import UseCase, may
from app.domain.staffing import INPUT_LABELS, PROFILE_NOTES, band_label, format_units, load_norms
from app.domain.staffing import PositionNorm as Norm
from app.i18n import N_, Message, _
from app.services.staffing import COUNTS, Comparison, ProfileInput, StaffListView
from ui.context import Change, Changed, Context, Page
from ui.forms import attempt, line, set_bold, spin
from ui.models.table import STATE_COLOURS, Column
from ui.widgets.buttons import ActionButton, action_button
from ui.widgets.form_dialog import FormDialog, RoutedForm, show_dialog
from ui.widgets.forms import MessageLabel
from ui.widgets.icons import set_icons
from ui.widgets.rules import set_rule_text
from ui.widgets.tables import TablePanel, install_keys, keep_fitted

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
STATE_COLOURS.setdefault("excess", ("#dbe9f8", "#0b4a8b"))  # an excess: blue, a shortfall: the overdue red


def units_text(value: Decimal | None) -> str:
    return "—" if value is None else format_units(value)


def difference_text(d: Decimal | None) -> str:
    if d is None:
        return "—"
    return ("+" if d > 0 else "−" if d < 0 else "") + format_units(abs(d))


def difference_state(p: Norm) -> str | None:
    d = p.difference
    if d is None or d == 0:
        return None
    return "overdue" if d < 0 else "excess"


def rule_text(p: Norm) -> str:
    """The rule's text where the minimum is not computed; else the rule the number came from, if any."""
    if p.rule is not None:
        return p.rule.render()
    return p.basis.render() if p.basis is not None else ""


def required_tooltip(p: Norm) -> str:
    return rule_text(p)


NORM_COLUMNS = [
    Column(N_("No."), lambda p: str(p.no), lambda p: p.no, align=CENTER),
    Column(N_("Position"), lambda p: p.position.render()),
    Column(N_("Required"), lambda p: units_text(p.required) if p.required is not None else _("see the rule"),
           lambda p: -1 if p.required is None else float(p.required), align=RIGHT, tooltip=required_tooltip,
           state=lambda p: "due" if p.required is None else None),  # not computed: amber, the rule beside it
    Column(N_("Actual"), lambda p: units_text(p.actual), lambda p: float(p.actual), align=RIGHT),
    Column(N_("Difference"), lambda p: difference_text(p.difference),
           lambda p: 0.0 if p.difference is None else float(p.difference), align=RIGHT, state=difference_state),
    RULE_COLUMN := Column(N_("Rule"), rule_text, tooltip=rule_text),
]

ROW_COLUMNS: list[Column] = [
    Column(N_("No."), lambda r: str(r.position_no), lambda r: (r.position_no, r.id), align=CENTER),
    Column(N_("Position"), lambda r: r.position.render()),
    Column(N_("Staff units"), lambda r: format_units(r.fte), lambda r: float(r.fte), align=RIGHT),
    Column(N_("Note"), lambda r: r.note or ""),
]


def position_items() -> list[tuple[str, int]]:
    """The 78 positions of Annex 1 as the list shows them: "36. Санитар палатный (примечания 3, 4, 5)" — the notes
    tell apart the two ward orderlies (35, 36) and say where a position is introduced."""
    out = []
    for r in load_norms():
        kinds = sorted(r.notes - {1})
        text = f"{r.no}. {r.position.render()}"
        if kinds:
            text = _("{position} (notes {notes})").format(position=text, notes=", ".join(map(str, kinds)))
        out.append((text, r.no))
    return out


class PositionCombo(QComboBox):
    """The positions of Annex 1: type any part of the name (or the number) to find one; only a listed
    position can be chosen (``value()`` None otherwise)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(14)
        self.setMinimumWidth(520)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        chosen = self.value()
        self.blockSignals(True)
        self.clear()
        for text, no in position_items():
            self.addItem(text, no)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.set_value(chosen)
        self.blockSignals(False)

    def value(self) -> int | None:
        i = self.findText(self.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        return self.itemData(i) if i >= 0 else None

    def set_value(self, no: int | None) -> None:
        i = self.findData(no) if no is not None else -1
        self.setCurrentIndex(i)
        if i < 0:
            self.setEditText("")


def say(widget: QWidget, text: str) -> None:
    """Confirm what was done in the main window's status bar."""
    setattr(widget, "last_message", text)  # noqa: B010 - any page or dialog keeps the last one (tests read it)
    win = widget.window()
    if isinstance(win, QMainWindow):
        win.statusBar().showMessage(text, 10_000)


class ProfileTab(QScrollArea):
    """The inputs of the norms. Notes and recipients are taken from the program's data unless set here."""

    def __init__(self, page: StaffingPage) -> None:
        super().__init__()
        self.page = page
        self.version = 0
        self.setWidgetResizable(True)
        body = QWidget()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.notes_box = QGroupBox()
        self.notes_from_data = QCheckBox()
        self.note_checks = {n: QCheckBox() for n in PROFILE_NOTES}
        box = QVBoxLayout(self.notes_box)
        box.addWidget(self.notes_from_data)
        for check in self.note_checks.values():
            box.addWidget(check)
        self.notes_error = MessageLabel()
        self.notes_error.setObjectName("error")
        box.addWidget(self.notes_error)
        self.notes_from_data.toggled.connect(self._notes_mode)
        self.form = RoutedForm()
        self.form.route(["notes"], self._show_notes_error, self.notes_error.hide)
        self.recipients_from_data = QCheckBox()
        self.recipients_from_data.toggled.connect(lambda on: self.form.widget("recipients").setEnabled(not on))
        self.form.add("recipients", INPUT_LABELS["recipients"], spin(0, 5000))
        for name in COUNTS:
            self.form.add(name, INPUT_LABELS[name], spin(0, 500))
        self.units_label = QLabel()
        self.units_label.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        set_icons({self.save_button: "save"})
        grid = QGridLayout()
        grid.addWidget(self.notes_box, 0, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.addWidget(self.recipients_from_data)
        right.addWidget(self.form)
        right.addWidget(self.units_label)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(body)
        lay.addWidget(self.note)
        lay.addLayout(grid)
        lay.addLayout(buttons)
        lay.addStretch(1)
        self.setWidget(body)
        self.derived_notes: frozenset[int] = frozenset()

    def _notes_mode(self, from_data: bool) -> None:
        for n, check in self.note_checks.items():
            check.setEnabled(not from_data)
            if from_data:
                check.setChecked(n in self.derived_notes)

    def load(self, c: Comparison) -> None:
        p = c.profile
        self.version, self.derived_notes, self.derived_recipients = p.version, p.derived_notes, p.derived_recipients
        self.notes_from_data.setChecked(p.stored.notes is None)
        for n, check in self.note_checks.items():
            check.setChecked(n in (p.derived_notes if p.stored.notes is None else p.stored.notes))
        self._notes_mode(p.stored.notes is None)
        self.recipients_from_data.setChecked(p.stored.recipients is None)
        self.form.widget("recipients").setValue(p.effective.recipients)
        self.form.widget("recipients").setEnabled(p.stored.recipients is not None)
        for name in COUNTS:
            self.form.widget(name).setValue(getattr(p.stored, name))
        self.units = p.unit_places
        self.retranslate_ui()

    def value(self) -> ProfileInput:
        notes = None if self.notes_from_data.isChecked() else frozenset(
            n for n, c in self.note_checks.items() if c.isChecked())
        recipients = None if self.recipients_from_data.isChecked() else self.form.widget("recipients").value()
        return ProfileInput(notes, recipients, **{n: self.form.widget(n).value() for n in COUNTS})

    def _show_notes_error(self, _field: str, text: str | Message) -> bool:
        self.notes_error.say(text)
        return True

    def save(self) -> bool:
        svc, actor = self.page.ctx.services.staffing, self.page.ctx.actor
        if not attempt(self, lambda: svc.save_profile(actor, self.value(), self.version or None), self.form):
            return False
        self.page.ctx.changed(Changed.STAFFING)
        self.page.refresh()
        say(self.page, _("The staffing profile was saved; the norms are computed anew."))
        return True

    def retranslate_ui(self) -> None:
        set_rule_text(self.note, _("The minimum staffing norms (Order 308, Annex 1) depend on these. Round-the-clock posts "
                            "and groups are counted for the whole organisation, its units included (R-29, R-36)."))
        self.notes_box.setTitle(_("Notes of Annex 1 that apply"))
        self.notes_from_data.setText(_("&Take from the organisation's recipient categories"))
        for n, check in self.note_checks.items():
            check.setText(_(PROFILE_NOTES[n]))
        self.recipients_from_data.setText(
            _("Take the &recipients from the capacity less the units' places ({n})").format(
                n=getattr(self, "derived_recipients", 0)))
        self.form.retranslate_ui()
        self.notes_error.retranslate_ui()
        places = getattr(self, "units", ())
        self.units_label.setText(_("Supported independent-living units (from the Organisation screen): {n}, "
                                   "places: {places}.").format(n=len(places), places=sum(places)))
        self.save_button.setText(_("&Save the profile"))


class StaffListTab(QWidget):
    """The staff list: Ins adds a row, Enter edits, Del removes."""

    def __init__(self, page: StaffingPage) -> None:
        super().__init__()
        self.page = page
        self.dialog = None
        self.table = TablePanel(ROW_COLUMNS, key=lambda r: r.id)
        self.table.activated.connect(lambda _i: self.edit())
        self.add_button = action_button(self.table.buttons, self.add)
        self.edit_button = action_button(self.table.buttons, self.edit)
        self.remove_button = action_button(self.table.buttons, self.remove)
        set_icons({self.add_button: "plus", self.edit_button: "pencil", self.remove_button: "trash-2"})
        self.table.buttons.addStretch(1)
        self.total = QLabel()
        self.table.buttons.addWidget(self.total)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        self.rows: list[StaffListView] = []

    def load(self, c: Comparison) -> None:
        self.rows = list(c.rows)
        self.table.set_rows(self.rows)
        self.retranslate_ui()

    def _dialog(self, title: str, row: StaffListView | None = None) -> FormDialog:
        svc, actor = self.page.ctx.services.staffing, self.page.ctx.actor

        def save(d: FormDialog):
            no, fte, note = d.field("position_no").value(), d.field("fte").value(), d.field("note").text()
            if row is None:
                done = svc.add_row(actor, no, Decimal(str(fte)), note)
                say(self.page, _("Added to the staff list: {position}, {units}.").format(
                    position=done.position.render(), units=format_units(done.fte)))
            else:
                done = svc.update_row(actor, row.id, no, Decimal(str(fte)), note, row.version)
                say(self.page, _("Staff list row saved: {position}, {units}.").format(
                    position=done.position.render(), units=format_units(done.fte)))
            return done

        d = FormDialog(self.page.ctx, title, Changed.STAFFING, save,
                       N_("Choose the position from the list of Annex 1 (type part of its name) and give its staff "
                          "units; a position may have several rows."), self)
        d.form.add("position_no", N_("Position"), PositionCombo(), required=True)
        fte = QDoubleSpinBox()
        fte.setDecimals(2)
        fte.setRange(0, 99.99)
        fte.setSingleStep(0.25)
        fte.setValue(1.0)
        d.form.add("fte", N_("Staff units"), fte, required=True)
        d.form.add("note", N_("Note"), line(max_length=300))
        if row is not None:
            d.field("position_no").set_value(row.position_no)
            fte.setValue(float(row.fte))
            d.field("note").setText(row.note or "")
        return show_dialog(self, d.ready(), self.page.refresh)

    def add(self) -> FormDialog:
        return self._dialog(N_("Add a staff list row"))

    def edit(self) -> FormDialog | None:
        if not self.page.may_edit:
            return None
        row = self.table.current()
        return self._dialog(N_("Edit the staff list row"), row) if row is not None else None

    def remove(self) -> None:
        row = self.table.current()
        if row is None or not self.page.may_edit:
            return
        answer = QMessageBox.question(self, _("Remove the row"), _("Remove {position}, {units} from the staff list?")
                                      .format(position=row.position.render(), units=format_units(row.fte)))
        if answer != QMessageBox.StandardButton.Yes:
            return

        def remove() -> bool:
            self.page.ctx.services.staffing.remove_row(self.page.ctx.actor, row.id)
            return True

        if attempt(self, remove):
            self.page.ctx.changed(Changed.STAFFING)
            self.page.refresh()
            say(self.page, _("Removed from the staff list: {position}, {units}.").format(
                position=row.position.render(), units=format_units(row.fte)))

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("&Add a row…"))
        self.add_button.setToolTip(_("Add a row (Ins)"))
        self.edit_button.setText(_("&Edit…"))
        self.remove_button.setText(_("&Remove"))
        self.remove_button.setToolTip(_("Remove the row (Del)"))
        self.table.retranslate_ui()
        total = sum((r.fte for r in self.rows), Decimal(0))
        self.total.setText(_("Staff units in all: {n}").format(n=format_units(total)))


class StaffingPage(Page):
    title = N_("Staffing norms")

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.comparison: Comparison | None = None
        self.last_message = ""
        self.heading = set_bold(QLabel(), 2)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.print_button = ActionButton(self, N_("&Print the comparison…"), "Ctrl+P", self.print_)
        set_icons({self.print_button: "printer"})
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.print_button)
        self.tabs = QTabWidget()
        self.norms = TablePanel(NORM_COLUMNS, key=lambda p: p.no, select_first=True)
        # the position's name (up to 420 px) and the rule (the width left) wrap onto more lines, read whole
        keep_fitted(self.norms.view, stretch=NORM_COLUMNS.index(RULE_COLUMN), cap=420, wrap=True)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        compare = QWidget()
        cl = QVBoxLayout(compare)
        cl.addWidget(self.norms, 1)
        cl.addWidget(self.totals)
        self.profile = ProfileTab(self)
        self.staff_list = StaffListTab(self)
        self.tabs.addTab(compare, "")
        self.tabs.addTab(self.profile, "")
        self.tabs.addTab(self.staff_list, "")
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.tabs, 1)
        install_keys(self, [self.norms, self.staff_list.table], {self.staff_list.table: self._add_row})
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.staff_list.table.view)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.staff_list.remove)
        ctx.data_changed.connect(self._data_changed)
        # the profile and the staff list are the director's (or the administrator's); the services refuse others too
        self.may_edit = may(ctx.actor.role, UseCase.STAFFING_EDIT)  # issue 10 point 5
        for b in (self.profile.save_button, self.staff_list.add_button, self.staff_list.edit_button,
                  self.staff_list.remove_button):
            b.setEnabled(self.may_edit)
        self.retranslate_ui()

    def _add_row(self) -> None:
        if not self.may_edit:
            return
        self.tabs.setCurrentWidget(self.staff_list)
        self.staff_list.add()

    def _data_changed(self, change: Change) -> None:
        if change.concerns(Changed.ORGANISATION) and self.comparison is not None:
            self.refresh()

    def refresh(self) -> None:
        self.comparison = self.ctx.services.staffing.comparison()
        self.norms.set_rows(list(self.comparison.result.positions))
        self.profile.load(self.comparison)
        self.staff_list.load(self.comparison)
        self._texts()

    def _texts(self) -> None:
        c = self.comparison
        if c is None:
            return
        r = c.result
        notes = ", ".join(str(n) for n in sorted(c.profile.effective.notes)) or "—"
        self.summary.setText(_("Recipients: {n} (column \"{band}\"); supported independent-living units: {units}; "
                               "notes of Annex 1 that apply: {notes}.").format(
            n=r.recipients, band=band_label(r.band).render(), units=r.units, notes=notes))
        if not self.may_edit:
            self.summary.setText(self.summary.text() + "\n" + _("Only the director can change the profile and the "
                                                                  "staff list."))
        short = sum((-(p.difference or 0) for p in r.shortfall), Decimal(0))
        over = sum((p.difference or Decimal(0) for p in r.excess), Decimal(0))
        self.totals.setText(_("Shortfall: {n} positions, {units} staff units (red). Excess: {m} positions, {more} "
                              "staff units (blue). Not computed, the rule's text shown: {k} positions.").format(
            n=len(r.shortfall), units=format_units(short), m=len(r.excess), more=format_units(over),
            k=len(r.undecided)))

    def print_(self) -> None:
        from ui.dialogs.preview import open_preview

        open_preview(self, self.ctx, N_("Staffing norms"), "staffing", "staffing")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Staffing norms: the staff list against Order 308, Annex 1"))

        self.print_button.retranslate_ui()
        self.tabs.setTabText(0, _("Co&mparison"))
        self.tabs.setTabText(1, _("Pro&file"))
        self.tabs.setTabText(2, _("Staff &list"))
        self.norms.retranslate_ui()
        self.profile.retranslate_ui()
        self.staff_list.retranslate_ui()
        self._texts()
        if self.comparison is not None:
            self.norms.model.retranslate()  # the columns fitted again (keep_fitted), then the rows to the new texts

