"""Issue 9 points 17, 20, 23 in the GUI: the transfer's receiving organisation, the missing admission
documents on the resident card (R-11), catalogue activities keeping their titles in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app import i18n
from app.domain.deadlines import add_months
from app.domain.enums import DocumentKind, MovementKind, ResidentStatus, ServiceKind
from tests.ui.test_plans import add_catalog, fill_dates, new_editor, save_button, without_plan
from tests.ui.test_residents import first_with, show_active, type_text
from ui.dialogs.movements import TransferDialog
from ui.dialogs.resident_card import ResidentCard
from ui.views.plans import PlansPage

TODAY = dt.date.today()
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
    assert "Жетіспейтін қабылдау құжаттары (R-11)" in card.missing_label.text()
    assert missing[0].text("kk") in card.missing_label.text()
    card.grab().save("/tmp/rules-casefile-card-kk.png")
    i18n.set_language("ru")
    card.grab().save("/tmp/rules-casefile-card-ru.png")
    cf = ctx.services.casefiles.get_for(r.id)
    for kind in missing:
        ctx.services.casefiles.add_document(ctx.actor, cf.id, kind, kind.text(), TODAY)
    ctx.changed("casefiles")
    card.reload()
    assert not card.missing_label.isVisible()
    assert ctx.services.casefiles.missing_documents(r.id).missing == ()
    assert DocumentKind.IDENTITY in [d.kind for d in ctx.services.casefiles.get_for(r.id).documents]


def test_r16_activity_from_the_catalogue_keeps_both_titles(ctx, qtbot):
    page = PlansPage(ctx)
    qtbot.addWidget(page)
    row = without_plan(page)
    editor = new_editor(page, qtbot)
    start = TODAY - dt.timedelta(days=20)
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
