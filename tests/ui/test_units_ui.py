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


# --- R-36 at admission: the unit chosen in the admission dialogs ------------------------------------------
def _admit_dialog(ctx, qtbot, order_number: str):
    import datetime as dt

    from app.domain.admission import AdmissionGround
    from app.domain.enums import RecipientCategory, Sex
    from app.domain.identity import make_iin
    from tests.ui.test_residents import type_text
    from ui.dialogs.movements import AdmitDialog

    d = AdmitDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    f = d.form.widget
    type_text(d.order_number, order_number)
    type_text(f("last_name"), "Бөлімшеева")
    type_text(f("first_name"), "Сәуле")
    f("iin").setText(make_iin(dt.date(1949, 4, 2), Sex.FEMALE, int(order_number.split("-")[0])))
    f("category").set_value(RecipientCategory.ELDERLY)
    f("admission_ground").set_value(AdmissionGround.PENSION_AGE)
    return d


def test_r36_the_admission_dialog_places_the_person_in_the_chosen_unit_or_refuses_under_the_field(empty_ctx, qtbot):
    """003 item 5: a palliative ward of 1 place within the capacity of 5; the unit is chosen with the keyboard."""
    from PySide6.QtCore import Qt

    from tests.dump import dump

    ctx = empty_ctx
    svc = ctx.services
    director = svc.people.authenticate("director", "director1")
    ward = svc.units.add(director, UnitKind.PALLIATIVE, "Паллиатив палатасы", 1)
    d = _admit_dialog(ctx, qtbot, "21-ж")
    unit = d.form.widget("unit")
    assert unit.value() is None  # the main part first
    assert [unit.itemText(i) for i in range(unit.count())] == [
        _("{unit}: {vacant} vacant of {places} places").format(unit=_("main part"), vacant=4, places=4),
        _("{unit}: {vacant} vacant of {places} places").format(
            unit=f"Паллиатив палатасы ({UnitKind.PALLIATIVE.text()})", vacant=1, places=1)]
    unit.setFocus()
    qtbot.keyClick(unit, Qt.Key.Key_Down)
    assert unit.value() == ward.id
    d.save()
    assert d.result() == d.DialogCode.Accepted
    first = d.movement.resident_id
    assert svc.units.unit_of(first) == ward.id
    again = _admit_dialog(ctx, qtbot, "22-ж")
    again.form.widget("unit").set_value(ward.id)
    before = dump(svc.engine)
    again.save()
    assert again.result() != again.DialogCode.Accepted and again.isVisible()
    message = error_under(again.form.widget("unit"))
    assert message.startswith(_("Unit")) and "«Паллиатив палатасы»" in message
    assert dump(svc.engine) == before  # the refusal changed nothing
    assert again.form.widget("last_name").text() == "Бөлімшеева"  # what was typed stays
    again.form.widget("unit").set_value(None)
    again.save()
    assert again.result() == again.DialogCode.Accepted
    assert svc.units.unit_of(again.movement.resident_id) is None


def test_r36_no_unit_field_while_the_organisation_has_no_units(empty_ctx, qtbot):
    d = _admit_dialog(empty_ctx, qtbot, "23-ж")
    assert d.form.unit_choice is None and "unit" not in d.form._rows


def test_r36_admit_from_the_queue_and_readmit_into_a_unit(empty_ctx, qtbot):
    import datetime as dt

    from app.domain.admission import AdmissionGround
    from app.domain.enums import DischargeReason, QueueSource, RecipientCategory
    from app.services import OrderRef
    from tests.services.helpers import person
    from ui.dialogs.movements import ReadmitDialog
    from ui.dialogs.queue_dialogs import AdmitDialog as QueueAdmitDialog

    ctx = empty_ctx
    svc = ctx.services
    today = dt.date.today()
    director = svc.people.authenticate("director", "director1")
    ward = svc.units.add(director, UnitKind.PALLIATIVE, "Палата", 1)
    row = svc.queue.register(ctx.actor, person(), dt.datetime.combine(today - dt.timedelta(days=9), dt.time(10)),
                             QueueSource.PAPER)
    svc.queue.offer_place(ctx.actor, row.application_id, today - dt.timedelta(days=2))
    queued = next(r for r in svc.queue.rows() if r.application_id == row.application_id)
    d = QueueAdmitDialog(ctx, queued)
    qtbot.addWidget(d)
    d.show()
    w = d.form.widget
    w("order_number").setText("31-ж")
    w("category").set_value(RecipientCategory.ELDERLY)
    w("admission_ground").set_value(AdmissionGround.PENSION_AGE)
    w("unit").set_value(ward.id)
    assert d.save()
    assert svc.units.unit_of(row.resident_id) == ward.id
    svc.movements.discharge(ctx.actor, row.resident_id, today, OrderRef("32-ж", today), DischargeReason.OWN_REQUEST)
    r = ReadmitDialog(ctx, row.resident_id, "")
    qtbot.addWidget(r)
    r.show()
    r.order_number.setText("33-ж")
    r.form.widget("admission_ground").set_value(AdmissionGround.PENSION_AGE)
    r.form.widget("unit").set_value(ward.id)
    r.save()
    assert r.result() == r.DialogCode.Accepted and svc.units.unit_of(row.resident_id) == ward.id


def test_the_total_line_says_the_places_on_offer_the_rows_count_vacant():
    """R-03, R-36: a place offered to a person in the queue belongs to no unit until they arrive, so the rows count
    it vacant while the total does not; the total says how many are on offer, and its numbers add up."""
    from app.domain.units import UnitOccupancy
    from app.i18n import current_language, set_language
    from ui.widgets.units import totals_text

    rows = [UnitOccupancy(1, "Палата", UnitKind.PALLIATIVE, 6, 4, 0), UnitOccupancy(None, None, None, 14, 11, 1)]
    was = current_language()
    try:
        for lang, offered_words in (("ru", "предложено людям из очереди 1"), ("kk", "1 орын кезектегі адамдарға")):
            set_language(lang)
            text = totals_text(rows, 1)
            assert offered_words in text
            assert ("свободно 3" if lang == "ru" else "3 бос") in text  # 20 places − 16 held − 1 on offer
            assert "предложено" not in totals_text(rows, 0) and "ұсынылған" not in totals_text(rows, 0)
    finally:
        set_language(was)
