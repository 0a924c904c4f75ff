"""The organisation's units tab (R-27, R-36): supported independent-living units (6–30 places) and
palliative wards, with the capacity and vacancy of each, of the main part and in total. Adding,
editing and removing a unit is the director's (the services refuse anyone else, under the field).

A building block, not a main screen: the organisation screen shows it as a tab and the dashboard its summary,
so it lives in ui/widgets (moved from ui/views/units.py, issue 12 point 10)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from app.domain.permissions import UseCase
from app.domain.units import UnitKind, UnitOccupancy, total_vacancy
from app.i18n import N_, _
from app.services.units import MAIN_PART
from ui.context import Changed, Context
from ui.forms import EnumCombo, attempt, line, spin
from ui.i18n import fnumber
from ui.models.table import Column
from ui.widgets.buttons import action_button
from ui.widgets.form_dialog import FormDialog, enum_value, show_dialog
from ui.widgets.icons import set_icons
from ui.widgets.permissions import guard
from ui.widgets.rules import set_rule_text
from ui.widgets.tables import TablePanel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def unit_name(o: UnitOccupancy) -> str:
    if o.unit_id is None:
        text = _(MAIN_PART.msgid)
        return text[:1].upper() + text[1:]
    return str(o.name)


UNIT_COLUMNS = [
    Column(N_("Unit"), unit_name, lambda o: ("1" if o.unit_id is None else "0") + unit_name(o)),
    Column(N_("Kind of unit"), lambda o: o.kind.text() if o.kind else ""),
    Column(N_("Places"), lambda o: fnumber(o.places), lambda o: o.places, align=RIGHT),
    Column(N_("Present"), lambda o: fnumber(o.present), lambda o: o.present, align=RIGHT),
    Column(N_("Temporarily absent"), lambda o: fnumber(o.temporarily_absent), lambda o: o.temporarily_absent,
           align=RIGHT),
    Column(N_("Vacant"), lambda o: fnumber(o.vacant), lambda o: o.vacant, align=RIGHT),
]


def totals_text(rows: list[UnitOccupancy], on_offer: int) -> str:
    """R-36: the whole organisation, units and main part together (a place on offer is not vacant, R-03). A place
    offered belongs to no unit yet, so the rows above count it vacant: the line says how many are on offer, or
    its total would disagree with them unexplained."""
    places, occupied, vacant = total_places(rows), sum(o.occupied for o in rows), total_vacancy(rows, on_offer)
    if on_offer:
        return _("In all: {places} places, {occupied} occupied, {offered} offered to persons in the queue (held "
                 "for them until they arrive), {vacant} vacant.").format(places=places, occupied=occupied,
                                                                          offered=on_offer, vacant=vacant)
    return _("In all: {places} places, {occupied} occupied, {vacant} vacant.").format(
        places=places, occupied=occupied, vacant=vacant)


def total_places(rows: list[UnitOccupancy]) -> int:
    return sum(o.places for o in rows)


def units_summary(rows: list[UnitOccupancy]) -> str:
    """One line per unit with its vacancy (the dashboard and the CLI); empty when there are no units."""
    if len(rows) <= 1:
        return ""
    return "\n".join(_("{unit}: {places} places, {occupied} occupied, {vacant} vacant").format(
        unit=unit_name(o), places=o.places, occupied=o.occupied, vacant=o.vacant) for o in rows)


class UnitsTab(QWidget):
    """The units of the organisation with their occupancy; Ins adds, Enter edits."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = TablePanel(UNIT_COLUMNS, key=lambda o: o.unit_id)
        self.add_button = action_button(self.table.buttons, self.add)
        self.edit_button = action_button(self.table.buttons, self.edit)
        self.remove_button = action_button(self.table.buttons, self.remove)
        set_icons({self.add_button: "plus", self.edit_button: "pencil", self.remove_button: "trash-2"})
        self.table.activated.connect(lambda _i: self.edit_button.click())
        for button in (self.add_button, self.edit_button, self.remove_button):
            guard(button, ctx, UseCase.UNIT_EDIT)  # issue 10 point 5: the director's and the administrator's
        self.table.buttons.addStretch(1)
        self.totals = QLabel()
        lay = QVBoxLayout(self)
        lay.addWidget(self.note)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.totals)
        self.rows: list[UnitOccupancy] = []
        self.on_offer = 0
        self.retranslate_ui()

    def refresh(self) -> None:
        self.rows = self.ctx.services.units.occupancy()
        self.on_offer = self.ctx.services.queries.occupancy().on_offer
        self.table.set_rows(self.rows)
        self.totals.setText(totals_text(self.rows, self.on_offer))

    def _dialog(self, title: str, unit=None) -> FormDialog:
        svc, actor = self.ctx.services.units, self.ctx.actor

        def save(d: FormDialog):
            kind, name, places = enum_value(d.field("unit_kind")), d.field("unit_name").text(), d.field("places").value()
            if unit is None:
                return svc.add(actor, kind, name, places)
            return svc.update(actor, unit.id, kind, name, places, unit.version)

        d = FormDialog(self.ctx, title, Changed.ORGANISATION, save,
                       N_("A supported independent-living unit has 6 to 30 places; a palliative ward is for "
                          "continuous observation. The units' places count within the organisation's capacity "
                          "(R-27, R-36)."), self)
        d.form.add("unit_kind", N_("Kind of unit"), EnumCombo(UnitKind), required=True)
        d.form.add("unit_name", N_("Unit name"), line(max_length=300), required=True)
        d.form.add("places", N_("Places"), spin(1, 5000, 6), required=True)
        if unit is not None:
            d.field("unit_kind").set_value(unit.kind)
            d.field("unit_name").setText(unit.name)
            d.field("places").setValue(unit.places)
        return show_dialog(self, d.ready(), self.refresh)

    def add(self) -> FormDialog:
        return self._dialog(N_("Add a unit"))

    def _selected_unit(self):
        row = self.table.current()
        if row is None or row.unit_id is None:
            return None
        return next((u for u in self.ctx.services.units.units() if u.id == row.unit_id), None)

    def edit(self) -> FormDialog | None:
        unit = self._selected_unit()
        return self._dialog(N_("Edit the unit"), unit) if unit is not None else None

    def remove(self) -> None:
        unit = self._selected_unit()
        if unit is None:
            return
        answer = QMessageBox.question(self, _("Remove the unit"),
                                      _("Remove \"{name}\"? Its places return to the main part.").format(name=unit.name))
        if answer != QMessageBox.StandardButton.Yes:
            return

        def remove() -> bool:
            self.ctx.services.units.remove(self.ctx.actor, unit.id)
            return True

        if attempt(self, remove):
            self.ctx.changed(Changed.ORGANISATION)
            self.refresh()

    def retranslate_ui(self) -> None:
        set_rule_text(self.note, _("Supported independent-living units (6 to 30 places) and palliative wards of a stationary "
                            "organisation; their places count within the capacity, the rest is the main part "
                            "(R-27, R-36). A resident is placed in a unit on their card."))
        self.add_button.setText(_("&Add a unit…"))
        self.add_button.setToolTip(_("Add a unit (Ins)"))
        self.edit_button.setText(_("&Edit…"))
        self.remove_button.setText(_("&Remove"))
        self.table.retranslate_ui()
        self.totals.setText(totals_text(self.rows, self.on_offer) if self.rows else "")
