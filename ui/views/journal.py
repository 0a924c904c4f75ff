"""The Annex 2 electronic journal for a period (R-01, R-02, R-09): its 14 columns, worded as
on the form, one row per entry overlapping the period (a stay or a queue application), in the order
of the entries' numbers — column 1, the same whatever the period. A home-care organisation's
movements rest on the head's decision, not an order (R-01)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.journal import decided_by_decision
from app.domain.names import name_key
from app.domain.permissions import UseCase
from app.domain.typed_dates import iso
from app.i18n import N_, _, ngettext
from app.services.queries import Dated, JournalRow
from ui.context import Changed, Context
from ui.forms import DateField
from ui.i18n import fdate, fdatetime
from ui.models.table import ROW_ROLE, Column, RowsModel
from ui.widgets.buttons import ActionButton
from ui.widgets.empty_state import EmptyState
from ui.widgets.icons import set_icons
from ui.widgets.pages import LivePage
from ui.widgets.permissions import guard
from ui.widgets.tables import RIGHT, FrozenColumns, SearchBox, keep_fitted, table_view


@dataclass(frozen=True)
class Numbered:
    """A journal row with its number in the journal (column 1: the entry's own number, R-09)."""

    number: int
    row: JournalRow
    decision: bool = False  # a home-care organisation's movements rest on decisions


def order_text(d: Dated | None, decision: bool = False) -> str:
    if d is None:
        return ""
    text = _("{date}, decision No. {number}") if decision else _("{date}, order No. {number}")
    return text.format(date=fdate(d.date), number=d.order_number)


def _born(r: JournalRow) -> str:
    age = ngettext("{n} year old", "{n} years old", r.age).format(n=r.age) if r.age is not None else ""
    return ", ".join(p for p in (fdate(r.birth_date), age) if p)


def _admission(n: Numbered) -> str:
    """Column 9, with the mark "returned" on a readmission (R-02)."""
    r = n.row
    return ", ".join(p for p in (order_text(r.admission, n.decision), _("returned") if r.returned else "") if p)


def _reason(r: JournalRow) -> str:
    """Column 12 (R-01): the reason of each temporary departure (suspension), dated, then the discharge's."""
    parts = [f"{fdate(d.date)}: {d.reason}" for d in r.temporary_departures if d.reason]
    discharge = ": ".join(p for p in (r.discharge_reason.text() if r.discharge_reason else "",
                                      r.discharge_reason_text or "") if p)
    if discharge and parts and r.discharge:  # dated too when departures' reasons stand before it
        discharge = f"{fdate(r.discharge.date)}: {discharge}"
    return "; ".join(parts + ([discharge] if discharge else []))


def _status_tip(r: JournalRow) -> str:
    if r.queue_received_at is None:
        return r.status.text_for(r.sex)
    return _("{status}: application received {when}").format(status=r.status.text_for(r.sex),
                                                              when=fdatetime(r.queue_received_at))


def _col(header: str, text, sort=None, tip=None) -> Column[Numbered]:
    """A column over the journal row; the tooltip repeats the text unless told (cells are narrow)."""
    return Column(header, lambda n: text(n.row), (lambda n: sort(n.row)) if sort else None,
                  tooltip=lambda n: (tip or text)(n.row))


def _order_col(header: str, decision_header: str, text, sort) -> tuple[Column[Numbered], Column[Numbered]]:
    """Columns 9, 10, 11, 13: the date and the number of the order (of the decision, R-01)."""
    return (Column(header, text, lambda n: sort(n.row), tooltip=text),
            Column(decision_header, text, lambda n: sort(n.row), tooltip=text))


_ORDER_COLUMNS = {
    8: _order_col(N_("Date of admission and order No."), N_("Date of admission and decision No."), _admission,
                  lambda r: iso(r.admission and r.admission.date)),
    9: _order_col(N_("Date of temporary departure and order No."), N_("Date of temporary departure and decision No."),
                  lambda n: "; ".join(order_text(d, n.decision) for d in n.row.temporary_departures),
                  lambda r: iso(r.temporary_departures[-1].date if r.temporary_departures else None)),
    10: _order_col(N_("Date of discharge and order No."), N_("Date of discharge and decision No."),
                   lambda n: order_text(n.row.discharge, n.decision), lambda r: iso(r.discharge and r.discharge.date)),
    12: _order_col(N_("Date of transfer and order No."), N_("Date of transfer and decision No."),
                   lambda n: order_text(n.row.transfer, n.decision), lambda r: iso(r.transfer and r.transfer.date)),
}

#: FORMS.md Annex 2, columns 1–14; the headers are the form's own wording (in the catalogs).
JOURNAL_COLUMNS: list[Column[Numbered]] = [
    Column(N_("Entry No."), lambda n: str(n.number), lambda n: n.number, RIGHT),
    _col(N_("Status"), lambda r: r.status.text_for(r.sex), tip=_status_tip),
    _col(N_("Surname, first name, patronymic (if any)"), lambda r: r.full_name, lambda r: name_key(r.full_name)),
    _col(N_("Date of birth, age"), _born, lambda r: iso(r.birth_date)),
    _col(N_("Sex"), lambda r: r.sex.text() if r.sex else ""),
    _col(N_("Home address"), lambda r: r.address or ""),
    _col(N_("Phone number"), lambda r: r.phone or ""),
    _col(N_("Term of the individual habilitation and rehabilitation programme of the person with disability"),
         lambda r: fdate(r.ipr_until), lambda r: iso(r.ipr_until)),
    _ORDER_COLUMNS[8][0],
    _ORDER_COLUMNS[9][0],
    _ORDER_COLUMNS[10][0],
    _col(N_("Reason for discharge"), _reason),
    _ORDER_COLUMNS[12][0],
    _col(N_("Where discharged to (region, city, district)"), lambda r: r.destination or ""),
]


def journal_columns(decision: bool) -> list[Column[Numbered]]:
    """The 14 columns; a home-care organisation's name the head's decision instead of an order (R-01)."""
    if not decision:
        return list(JOURNAL_COLUMNS)
    return [_ORDER_COLUMNS[i][1] if i in _ORDER_COLUMNS else c for i, c in enumerate(JOURNAL_COLUMNS)]


class JournalModel(RowsModel[Numbered]):
    """The header tooltips carry the column number of the form."""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and 0 <= section < len(self.columns):
            return f"{section + 1}. {_(self.columns[section].header)}"
        return super().headerData(section, orientation, role)


def period(preset: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """This month, this quarter or this year, up to its last day."""
    if preset == "month":
        start = today.replace(day=1)
        months = 1
    elif preset == "quarter":
        start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        months = 3
    else:
        start = today.replace(month=1, day=1)
        months = 12
    y, m = divmod(start.month - 1 + months, 12)
    return start, dt.date(start.year + y, m + 1, 1) - dt.timedelta(days=1)


PRESETS = [("month", N_("This &month"), "Alt+1"), ("quarter", N_("This &quarter"), "Alt+2"),
           ("year", N_("This &year"), "Alt+3")]


class JournalPage(LivePage):
    title = N_("Journal")
    #: the entries, the persons and their status (those in the queue too), the organisation's kind (R-01)
    follows = (Changed.MOVEMENTS, Changed.RESIDENTS, Changed.QUEUE, Changed.ORGANISATION)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.from_label, self.to_label = QLabel(), QLabel()
        self.start, self.end = DateField(), DateField()
        self.from_label.setBuddy(self.start)
        self.to_label.setBuddy(self.end)
        self.presets = [ActionButton(self, msgid, key, partial(self._preset, preset)) for preset, msgid, key in PRESETS]
        self.decision = decided_by_decision(ctx.services.organisation.get().org_type)
        self.model = JournalModel(journal_columns(self.decision), self)
        self.view = table_view(self.model, self)
        self.view.activated.connect(lambda index: ctx.open_resident.emit(index.data(ROW_ROLE).row.resident_id))
        keep_fitted(self.view, uncapped=(2, 8, 9, 10, 12))
        # 14 columns do not fit 1366 px: scrolled across, the entry's number, status and name stay in sight
        self.frozen_columns = FrozenColumns(self.view, 3)
        self.search = SearchBox(self, [self.view])
        self.only_moved = QCheckBox()  # leave out the people who only stayed through the period
        self.only_moved.toggled.connect(lambda _on: self.refresh())
        self.count = QLabel()
        self.search.textChanged.connect(lambda _t: self._count())
        self.print_button = ActionButton(self, N_("&Print…"), "Ctrl+P", self.print_)
        self.correct_button = ActionButton(self, N_("Co&rrect an entry…"), "Ctrl+E", self.correct)
        guard(self.correct_button, ctx, UseCase.JOURNAL_CORRECT)  # issue 10 point 5
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())
        period_row = QHBoxLayout()  # two rows: the period, then the search and the actions (1366 px wide in Kazakh)
        for w in (self.from_label, self.start, self.to_label, self.end, *self.presets):
            period_row.addWidget(w)
        period_row.addSpacing(12)
        period_row.addWidget(self.only_moved)
        period_row.addStretch(1)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        bar.addWidget(self.correct_button)
        bar.addWidget(self.print_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addLayout(period_row)
        lay.addLayout(bar)
        # issue 12 point 8: a period without entries says so and where entries come from
        self.empty = EmptyState(ctx, self.view, self.model, "book-open", N_("No entries in this period"),
                                N_("Admissions, departures, returns and discharges appear here once they are "
                                   "recorded on the Residents screen. Choose another period to see earlier ones."),
                                [(N_("Open the residents list"), "users", lambda: ctx.open_page.emit("ResidentsPage"),
                                  None)])
        set_icons({self.print_button: "printer", self.correct_button: "pencil",
                   **{button: "calendar" for button in self.presets}})
        lay.addWidget(self.empty, 1)
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(250)  # typing a date changes it several times: reload once it settles
        self._reload.timeout.connect(self.refresh)
        self.set_period(*period("month", dt.date.today()))
        for field in (self.start, self.end):
            field.dateChanged.connect(lambda _d: self._reload.start())
        self.retranslate_ui()

    def _preset(self, preset: str) -> None:
        self.set_period(*period(preset, dt.date.today()))

    def set_period(self, start: dt.date, end: dt.date) -> None:
        for field, day in ((self.start, start), (self.end, end)):
            field.blockSignals(True)
            field.set_value(day)
            field.blockSignals(False)
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def load(self) -> None:
        self._reload.stop()
        start, end = self.start.value(), self.end.value()
        if start is None or end is None:  # the fields are not optional: never empty
            return
        rows = self.ctx.services.queries.journal(start, end) if start <= end else []
        if self.only_moved.isChecked():
            rows = [r for r in rows if r.moved_within(start, end)]
        # column 1 is the entry's own number: the same in every period
        self.model.set_rows([Numbered(r.number if r.number is not None else i, r, self.decision)
                             for i, r in enumerate(rows, 1)])
        self._count()
        self._enable()

    def current(self):
        index = self.view.currentIndex()
        return index.data(ROW_ROLE).row if index.isValid() else None

    def _enable(self) -> None:
        row = self.current()
        can = row is not None and row.admission is not None  # a person's movements, not a queue application
        self.correct_button.setEnabled(can)
        self.correct_button.setToolTip(_("Correct a typo in the number or date of an order, or in a reason.") if can
                                       else _("Select an admitted person's row in the table first."))

    def correct(self) -> None:
        """Correct a typo in one of the selected person's entries (order number or date, reason)."""
        from ui.dialogs.correct_entry import CorrectEntryDialog

        row = self.current()
        if row is None or row.admission is None:
            return
        self.dialog = CorrectEntryDialog(self.ctx, row.resident_id, row.full_name, self)
        self.dialog.finished.connect(self.dialog.deleteLater)
        self.dialog.open()

    def print_(self) -> None:
        """The Annex 2 journal of the chosen period, in the preview (print language chosen there)."""
        from ui.dialogs.preview import open_preview

        start, end = self.start.value(), self.end.value()
        open_preview(self, self.ctx, N_("Electronic journal"), "journal", f"journal_{start}_{end}", start=start,
                     end=end)

    def _count(self) -> None:
        start, end = self.start.value(), self.end.value()
        n, shown = self.model.rowCount(), self.view.model().rowCount()  # the search filters the view's proxy
        if start is not None and end is not None and start > end:
            self.count.setText(_("The period ends before it starts."))
        elif shown != n:
            self.count.setText(ngettext("{shown} of {n} row", "{shown} of {n} rows", n).format(shown=shown, n=n))
        else:
            self.count.setText(ngettext("{n} row", "{n} rows", n).format(n=n))

    def retranslate_ui(self) -> None:
        if self.decision:  # a home-care organisation records the head's decisions
            self.heading.setText(_("Electronic journal of registration in the queue (Annex 2): admissions, "
                                   "suspensions, discharges and transfers with the head's decisions, and the queue, "
                                   "in the order of the entries' numbers. Enter opens the person's card."))
        else:
            self.heading.setText(_("Electronic journal of registration in the queue (Annex 2): admissions, temporary "
                                   "departures, discharges and transfers with their orders, and the queue, in the "
                                   "order of the entries' numbers. Enter opens the person's card."))
        self.only_moved.setText(_("Only &movements in the period"))
        self.only_moved.setToolTip(_("Show only the entries with something recorded in the period (an application, "
                                     "an admission, a departure or return, a discharge, a transfer), leaving out "
                                     "the people who only stayed through it."))
        self.from_label.setText(_("&From"))
        self.to_label.setText(_("&To"))
        for button in (*self.presets, self.print_button, self.correct_button):
            button.retranslate_ui()
        self._enable()
        self.search.retranslate_ui()
        self.model.retranslate()
        self._count()
