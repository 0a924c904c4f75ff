"""Issue 9 points 17, 20, 23 in the GUI: the transfer's receiving organisation, the missing admission
documents on the resident card (R-11), catalogue activities keeping their titles in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app import i18n
from app.domain.admission import AdmissionGround
from app.domain.deadlines import add_months
from app.domain.enums import DocumentKind, MovementKind, RecipientCategory, ResidentStatus, ServiceKind, Sex
from app.services.base import today
from tests.ui.test_plans import add_catalog, fill_dates, new_editor, save_button, without_plan
from tests.ui.test_residents import first_with, show_active, type_text
from ui.context import Changed
from ui.dialogs.movements import TransferDialog
from ui.dialogs.resident_card import ResidentCard
from ui.views.plans import PlansPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_r12_transfer_records_the_receiving_organisation_from_the_keyboard(ctx, qtbot):
    r = first_with(ctx, ResidentStatus.PRESENT)
    dlg = TransferDialog(ctx, r.id, r.full_name)
    show_active(qtbot, dlg)
    type_text(dlg.order_number, "41-ж")
    region, city, district = dlg.destination.parts
    region.setFocus()
    type_text(region, "Павлодар облысы")
    for _i in range(3):  # region -> city -> district -> receiving organisation
        qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Tab)
    assert dlg.focusWidget() is dlg.receiving
    type_text(dlg.receiving, "«Павлодар медициналық-әлеуметтік мекемесі» КММ")
    dlg.save()
    assert dlg.result() == QDialog.DialogCode.Accepted
    last = ctx.services.movements.history(r.id)[-1]
    assert (last.kind, last.destination, last.receiving_organisation) == (
        MovementKind.TRANSFER, "Павлодар облысы", "«Павлодар медициналық-әлеуметтік мекемесі» КММ")
    for lang in ("kk", "ru"):
        i18n.set_language(lang)
        dlg.retranslate_ui()
        dlg.grab().save(f"/tmp/rules-casefile-transfer-{lang}.png")


def test_r11_card_lists_the_missing_admission_documents(ctx, qtbot):
    r = first_with(ctx, ResidentStatus.PRESENT)
    card = ResidentCard(ctx, r.id, tab="casefile")
    show_active(qtbot, card)
    card.resize(1000, 640)
    missing = ctx.services.casefiles.missing_documents(r.id).missing
    assert missing, "a demo resident has documents missing"
    assert card.missing_label.isVisible()
    for kind in missing:
        assert kind.text("ru") in card.missing_label.text()
    i18n.set_language("kk")
    assert card.missing_label.text().startswith("Жетіспейтін қабылдау құжаттары: ")  # the rule in the tooltip
    assert "Жетіспейтін қабылдау құжаттары (R-11)" in card.missing_label.toolTip()
    assert missing[0].text("kk") in card.missing_label.text()
    card.grab().save("/tmp/rules-casefile-card-kk.png")
    i18n.set_language("ru")
    card.grab().save("/tmp/rules-casefile-card-ru.png")
    cf = ctx.services.casefiles.get_for(r.id)
    for kind in missing:
        ctx.services.casefiles.add_document(ctx.actor, cf.id, kind, kind.text(), today())
    ctx.changed(Changed.CASE_FILES)
    card.reload()
    assert not card.missing_label.isVisible()
    assert ctx.services.casefiles.missing_documents(r.id).missing == ()
    assert DocumentKind.IDENTITY in [d.kind for d in ctx.services.casefiles.get_for(r.id).documents]


def test_r16_activity_from_the_catalogue_keeps_both_titles(ctx, qtbot):
    page = PlansPage(ctx)
    qtbot.addWidget(page)
    row = without_plan(page)
    editor = new_editor(page, qtbot)
    start = today() - dt.timedelta(days=20)
    fill_dates(editor, start, add_months(start, 12) - dt.timedelta(days=1))
    title = add_catalog(editor, qtbot, ServiceKind.SOCIAL_HOUSEHOLD)
    kk, ru = next((kk, ru) for _i, k, kk, ru in ctx.services.plans.catalog(ServiceKind.SOCIAL_HOUSEHOLD)
                  if ru == title)
    add_catalog(editor, qtbot, ServiceKind.SOCIAL_MEDICAL)
    typed = editor.act_widget("activity")
    typed.setFocus()
    typed.end(False)
    type_text(typed, " (өзім)")  # typed over: prints as typed
    qtbot.mouseClick(save_button(editor), Qt.MouseButton.LeftButton)
    plan = ctx.services.plans.for_resident(row.resident.id)[0]
    acts = {a.kind: a for a in plan.activities}
    assert (acts[ServiceKind.SOCIAL_HOUSEHOLD].title, acts[ServiceKind.SOCIAL_HOUSEHOLD].title_kk,
            acts[ServiceKind.SOCIAL_HOUSEHOLD].title_ru) == (ru, kk, ru)
    assert acts[ServiceKind.SOCIAL_MEDICAL].title.endswith(" (өзім)")
    assert (acts[ServiceKind.SOCIAL_MEDICAL].title_kk, acts[ServiceKind.SOCIAL_MEDICAL].title_ru) == (None, None)


def test_r12_transfer_without_the_receiving_organisation_is_refused_under_the_field(ctx, qtbot):
    r = first_with(ctx, ResidentStatus.PRESENT)
    before = ctx.services.movements.history(r.id)
    dlg = TransferDialog(ctx, r.id, r.full_name)
    show_active(qtbot, dlg)
    type_text(dlg.order_number, "42-ж")
    dlg.destination.parts[0].setFocus()
    type_text(dlg.destination.parts[0], "Павлодар облысы")
    dlg.save()
    assert dlg.isVisible() and ctx.services.movements.history(r.id) == before
    errors = dlg.form.errors()
    assert set(errors) == {"receiving_organisation"}, errors
    i18n.set_language("kk")
    dlg.save()
    assert dlg.form.errors()["receiving_organisation"].startswith("Қабылдаушы ұйым")


def test_r33_the_resident_card_shows_the_category_and_the_ground_of_admission(ctx, qtbot):
    """Point 24: the card's summary and its case file tab show the recipient category and the ground recorded
    at the last admission, in the language shown."""
    r = ctx.services.residents.get(first_with(ctx, ResidentStatus.PRESENT).id)
    ground = [m for m in ctx.services.movements.history(r.id) if m.kind == MovementKind.ADMISSION][-1].admission_ground
    assert r.category and ground
    card = ResidentCard(ctx, r.id, tab="casefile")
    show_active(qtbot, card)
    for lang in ("ru", "kk"):
        i18n.set_language(lang)
        category = RecipientCategory(r.category).text(lang)
        for label in (card.summary_label, card.case_label):
            assert category in label.text() and ground.text(lang) in label.text(), label.text()


def test_r33_pension_age_below_it_is_refused_under_the_ground_in_the_admission_dialog(empty_ctx, qtbot):
    from app.domain.identity import make_iin
    from tests.ui.test_residents import error_text, serve_categories
    from ui.dialogs.movements import AdmitDialog

    ctx = empty_ctx
    serve_categories(ctx, RecipientCategory.ELDERLY)
    dlg = AdmitDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    f = dlg.form.widget
    type_text(dlg.order_number, "18-ж")
    type_text(f("last_name"), "Жас")
    type_text(f("first_name"), "Ерлан")
    type_text(f("iin"), make_iin(dt.date(today().year - 40, 1, 1), Sex.MALE, 14))
    f("category").set_value(RecipientCategory.ELDERLY)
    f("admission_ground").set_value(AdmissionGround.PENSION_AGE)
    dlg.save()
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert error_text(f("admission_ground")).startswith(i18n._("Ground of admission")) \
        and "40" in error_text(f("admission_ground"))
    assert ctx.services.queries.residents() == (0, [])
    f("admission_ground").set_value(AdmissionGround.CANNOT_SELF_CARE)
    dlg.save()
    assert dlg.result() == QDialog.DialogCode.Accepted


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing)")
def test_r18_plan_editor_records_the_day_each_signature_was_put_under_its_name(ctx, qtbot):
    """Point 21: the signatures tab has the day signed under each name; a day before the plan was drawn up is
    refused under that day; the saved plan prints it."""
    page = PlansPage(ctx)
    qtbot.addWidget(page)
    row = without_plan(page)
    editor = new_editor(page, qtbot)
    start = today() - 10 * dt.timedelta(days=1)
    fill_dates(editor, start, add_months(start, 12) - dt.timedelta(days=1))
    add_catalog(editor, qtbot, ServiceKind.SOCIAL_HOUSEHOLD)
    fill_dates(editor, start, add_months(start, 12) - dt.timedelta(days=1))
    sig = editor.signatures.widget
    type_text(sig("psychologist"), "Ким Т. Н.")
    sig("signed_on_social_worker").set_value(start)
    sig("signed_on_psychologist").set_value(start - dt.timedelta(days=1))
    editor.left_tabs.setCurrentIndex(1)
    editor.show()
    assert not editor.save()
    assert editor.signatures.errors().keys() == {"signed_on_psychologist"}
    for lang in ("kk", "ru"):
        i18n.set_language(lang)
        editor.retranslate_ui()
        editor.grab().save(f"/tmp/rules9-signatures-{lang}.png")
    sig("signed_on_psychologist").set_value(start + dt.timedelta(days=1))
    assert editor.save()
    plan = ctx.services.plans.for_resident(row.id)[-1]
    assert plan.signature_dates == {"social_worker": start, "psychologist": start + dt.timedelta(days=1)}


def test_r15_organisation_screen_refuses_a_source_dated_in_the_future_under_its_date(director_ctx, qtbot):
    """Point 8: the head's order dated 2031 sets nothing; the refusal shows under the order's date."""
    from tests.ui.test_plans import error_under, fill_rule_source
    from ui.views.organisation import OrganisationPage

    ctx = director_ctx
    page = OrganisationPage(ctx)
    qtbot.addWidget(page)
    page.tabs.setCurrentIndex(2)
    before = ctx.services.organisation.get().version
    fill_rule_source(page, day=dt.date(2031, 1, 1))
    page.rules.widget("plan_draw_up_calendar_days").set_value(4)
    assert not page.save_rules()
    assert "01.01.2031" in error_under(page.rules, "source_date")
    assert ctx.services.organisation.get().version == before
    page.rules.widget("source_date").set_value(today())
    assert page.save_rules()


def test_r33_the_profile_keeps_a_category_of_people_who_live_here_under_its_field(director_ctx, qtbot):
    """Unticking a recipient category while people of it hold a place is refused under the categories, in the
    language shown; nothing is saved."""
    from sqlalchemy import select

    from app.db.models import Resident
    from app.domain.enums import RecipientCategory, ResidentStatus
    from tests.ui.test_plans import error_under
    from ui.views.organisation import OrganisationPage

    ctx = director_ctx
    page = OrganisationPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    qtbot.waitUntil(lambda: bool(page.profile_bottom.widget("categories").value()))
    with ctx.services.sessions() as s:
        held = set(s.scalars(select(Resident.category).where(Resident.status == ResidentStatus.PRESENT)))
    category = next(c for c in RecipientCategory if c.value in held)
    checks = page.profile_bottom.widget("categories")
    last = checks.visualItemRect(checks.item(checks.count() - 1))  # every row shown whole, no blank band below
    assert checks.viewport().height() - last.height() <= last.bottom() < checks.viewport().height()
    checks.set_value([c for c in checks.value() if c != category])
    before = ctx.services.organisation.get()
    assert not page.save_profile()
    assert category.text("ru") in error_under(page.profile_bottom, "categories")
    message = page.profile_bottom._rows["categories"][3]  # under the list, at the foot of the page: scrolled to
    qtbot.waitUntil(lambda: message.visibleRegion().boundingRect().height() == message.height())
    page.grab().save("/tmp/shot-org-categories-ru.png")
    ctx.translator.set_language("kk")
    qtbot.wait(50)
    assert category.text("kk") in error_under(page.profile_bottom, "categories")
    page.grab().save("/tmp/shot-org-categories-kk.png")
    ctx.translator.set_language("ru")
    assert ctx.services.organisation.get() == before
