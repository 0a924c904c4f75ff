"""The Annex 2 electronic journal for a period (R-01, R-02, R-09): its 14 columns, worded as
on the form, one row per stay overlapping the period, then the queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.i18n import N_, _, ngettext
from app.services.queries import Dated, JournalRow
from ui.context import Context
from ui.forms import DateField
from ui.i18n import fdate, fdatetime
from ui.models.table import ROW_ROLE, Column, RowsModel
from ui.views.queue import RIGHT, ActionButton, LivePage, SearchBox, fit_columns, iso, table_view


@dataclass(frozen=True)
class Numbered:
    """A journal row with its number in the journal (column 1)."""

    number: int
    row: JournalRow


def order_text(d: Dated | None) -> str:
    return _("{date}, order No. {number}").format(date=fdate(d.date), number=d.order_number) if d else ""


def _born(r: JournalRow) -> str:
    age = ngettext("{n} year old", "{n} years old", r.age).format(n=r.age) if r.age is not None else ""
    return ", ".join(p for p in (fdate(r.birth_date), age) if p)


def _admission(r: JournalRow) -> str:
    """Column 9, with the mark "returned" on a readmission (R-02)."""
    return ", ".join(p for p in (order_text(r.admission), _("returned") if r.returned else "") if p)


def _reason(r: JournalRow) -> str:
    return ": ".join(p for p in (r.discharge_reason.text() if r.discharge_reason else "", r.discharge_reason_text or "")
                     if p)


def _status_tip(r: JournalRow) -> str:
    if r.queue_received_at is None:
        return r.status.text()
    return _("{status}: application received {when}").format(status=r.status.text(),
                                                              when=fdatetime(r.queue_received_at))


def _col(header: str, text, sort=None, tip=None) -> Column[Numbered]:
    """A column over the journal row; the tooltip repeats the text unless told (cells are narrow)."""
    return Column(header, lambda n: text(n.row), (lambda n: sort(n.row)) if sort else None,
                  tooltip=lambda n: (tip or text)(n.row))


#: FORMS.md Annex 2, columns 1–14; the headers are the form's own wording (in the catalogs).
JOURNAL_COLUMNS: list[Column[Numbered]] = [
    Column(N_("Item No."), lambda n: str(n.number), lambda n: n.number, RIGHT),
    _col(N_("Status"), lambda r: r.status.text(), tip=_status_tip),
    _col(N_("Surname, first name, patronymic (if any)"), lambda r: r.full_name),
    _col(N_("Date of birth, age"), _born, lambda r: iso(r.birth_date)),
    _col(N_("Sex"), lambda r: r.sex.text() if r.sex else ""),
    _col(N_("Home address"), lambda r: r.address or ""),
    _col(N_("Phone number"), lambda r: r.phone or ""),
    _col(N_("Term of the individual habilitation and rehabilitation programme of the person with disability"),
         lambda r: fdate(r.ipr_until), lambda r: iso(r.ipr_until)),
    _col(N_("Date of admission and order No."), _admission, lambda r: iso(r.admission and r.admission.date)),
    _col(N_("Date of temporary departure and order No."),
         lambda r: "; ".join(order_text(d) for d in r.temporary_departures),
         lambda r: iso(r.temporary_departures[-1].date if r.temporary_departures else None)),
    _col(N_("Date of discharge and order No."), lambda r: order_text(r.discharge),
         lambda r: iso(r.discharge and r.discharge.date)),
    _col(N_("Reason for discharge"), _reason),
    _col(N_("Date of transfer and order No."), lambda r: order_text(r.transfer),
         lambda r: iso(r.transfer and r.transfer.date)),
    _col(N_("Where discharged to (region, city, district)"), lambda r: r.destination or ""),
]


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

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.from_label, self.to_label = QLabel(), QLabel()
        self.start, self.end = DateField(), DateField()
        self.from_label.setBuddy(self.start)
        self.to_label.setBuddy(self.end)
        self.presets = [ActionButton(self, msgid, key, lambda p=preset: self.set_period(*period(p, dt.date.today())))
                        for preset, msgid, key in PRESETS]
        self.model = JournalModel(JOURNAL_COLUMNS, self)
        self.view = table_view(self.model, self)
        self.view.activated.connect(lambda index: ctx.open_resident.emit(index.data(ROW_ROLE).row.resident_id))
        fit_columns(self.view, (40, 128, 215, 145, 64, 170, 118, 180, 160, 160, 160, 150, 160, 200))
        self.search = SearchBox(self, [self.view])
        self.count = QLabel()
        self.print_button = ActionButton(self, N_("&Print…"), "Ctrl+P", self.print_)
        bar = QHBoxLayout()
        for w in (self.from_label, self.start, self.to_label, self.end, *self.presets):
            bar.addWidget(w)
        bar.addSpacing(12)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        bar.addWidget(self.print_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(250)  # typing a date changes it several times: reload once it settles
        self._reload.timeout.connect(self.refresh)
        self.set_period(*period("month", dt.date.today()))
        for field in (self.start, self.end):
            field.dateChanged.connect(lambda _d: self._reload.start())
        self.retranslate_ui()

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
        rows = self.ctx.services.queries.journal(start, end) if start <= end else []
        self.model.set_rows([Numbered(i, r) for i, r in enumerate(rows, 1)])
        self._count()

    def print_(self) -> None:
        """The Annex 2 journal of the chosen period, in the preview (print language chosen there)."""
        from ui.dialogs.preview import open_preview

        start, end = self.start.value(), self.end.value()
        open_preview(self, self.ctx, N_("Electronic journal"), "journal", f"journal_{start}_{end}", start=start,
                     end=end)

    def _count(self) -> None:
        start, end = self.start.value(), self.end.value()
        n = self.model.rowCount()
        self.count.setText(_("The period ends before it starts.") if start > end else
                           ngettext("{n} row", "{n} rows", n).format(n=n))

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Electronic journal of registration in the queue (Annex 2): admissions, temporary "
                               "departures, discharges and transfers with their orders, then the queue. Enter opens "
                               "the person's card."))
        self.from_label.setText(_("&From"))
        self.to_label.setText(_("&To"))
        for button in (*self.presets, self.print_button):
            button.retranslate_ui()
        self.search.retranslate_ui()
        self.model.retranslate()
        self._count()
