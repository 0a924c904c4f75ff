"""R-36 in the GUI: the Units tab of the organisation screen, placing a resident on the card, the
dashboard's per-unit line; R-33 on the card. Values from Order 308 item 5 (6 to 30 places)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.domain.units import UnitKind
from app.i18n import _
from ui.dialogs.resident_card import ResidentCard
from ui.views.dashboard import DashboardPage
from ui.views.organisation import OrganisationPage


def error_under(widget) -> str:
    return " ".join(lab.text() for lab in widget.parentWidget().findChildren(QLabel)
                    if lab.isVisibleTo(widget.window()))


def test_r36_units_tab_refuses_5_places_under_the_field_then_adds_6(director_ctx, qtbot):
    ctx = director_ctx
    page = OrganisationPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.units)
    d = page.units.add()
    qtbot.addWidget(d)
    d.field("unit_kind").set_value(UnitKind.SUPPORTED_LIVING)
    d.field("unit_name").setText("Өз бетінше тұру бөлімшесі")
    d.field("places").setValue(5)
    assert d.save() is False
    assert error_under(d.field("places")).startswith(_("Places"))
    assert ctx.services.units.units() == []
    d.field("places").setValue(6)
    assert d.save()
    rows = page.units.table.model.rows()
    assert [(r.name, r.places) for r in rows if r.unit_id] == [("Өз бетінше тұру бөлімшесі", 6)]
    capacity = ctx.services.organisation.get().capacity
    assert [r.places for r in rows if r.unit_id is None] == [capacity - 6]  # the units count within the capacity
    assert page.units.totals.text().startswith(_("In all: {places} places, {occupied} occupied, {vacant} vacant.")
                                               .split("{")[0])


def test_r36_resident_placed_in_a_unit_on_the_card_and_shown_on_the_dashboard(director_ctx, qtbot):
    ctx = director_ctx
    svc = ctx.services
    ward = svc.units.add(ctx.actor, UnitKind.PALLIATIVE, "Паллиатив палатасы", 1)
    holders = [r for r in svc.queries.residents()[1] if r.status.value == "present"]
    card = ResidentCard(ctx, holders[0].id)
    qtbot.addWidget(card)
    card.show()
    row = card.unit_row
    assert row.isVisible()
    row.combo.setCurrentIndex(row.combo.findData(ward.id))
    row.place()
    assert svc.units.unit_of(holders[0].id) == ward.id and not row.error.isVisible()
    other = ResidentCard(ctx, holders[1].id)
    qtbot.addWidget(other)
    other.show()
    other.unit_row.combo.setCurrentIndex(other.unit_row.combo.findData(ward.id))
    other.unit_row.place()  # the ward's one place is taken: refused under the field, nothing changed
    assert other.unit_row.error.isVisible() and other.unit_row.error.text().startswith(_("Unit"))
    assert svc.units.unit_of(holders[1].id) is None
    dash = DashboardPage(ctx)
    qtbot.addWidget(dash)
    dash.load()
    assert "Паллиатив палатасы" in dash.units_label.text() and not dash.units_label.isHidden()
