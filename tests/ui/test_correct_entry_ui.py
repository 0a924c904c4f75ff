"""The journal's "Correct an entry" (issue 12 point 4): a typo in an order number is corrected from the journal,
the change is audited, and the screen confirms it; a refusal shows under its field and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app import i18n
from app.domain.enums import MovementKind
from app.services.audit import AuditFilter
from tests.dump import dump
from ui.models.table import ROW_ROLE
from ui.views.journal import JournalPage


def _page(qtbot, ctx):
    page = JournalPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.set_period(dt.date(2000, 1, 1), dt.date.today())
    page.refresh()
    proxy = page.view.model()
    for r in range(proxy.rowCount()):
        row = proxy.index(r, 0).data(ROW_ROLE).row
        if row.admission is not None:
            page.view.setCurrentIndex(proxy.index(r, 0))
            return page, row
    raise AssertionError("no admitted person in the journal")


def test_a_typo_in_an_order_number_is_corrected_from_the_journal(director_ctx, qtbot):
    page, row = _page(qtbot, director_ctx)
    assert page.correct_button.isEnabled()
    told = []
    director_ctx.notice.connect(lambda text, rid: told.append((text, rid)))
    page.correct()
    d = page.dialog
    qtbot.addWidget(d)
    latest = director_ctx.services.movements.history(row.resident_id)[-1]
    assert d.current() == latest and d.order_number.text() == latest.order_number
    d.order_number.setText("77-П")
    assert d.save()
    fixed = director_ctx.services.movements.history(row.resident_id)[-1]
    assert fixed.order_number == "77-П" and fixed.kind == latest.kind and fixed.event_date == latest.event_date
    assert told and told[0][1] == row.resident_id and "77-П" in told[0][0] and row.full_name in told[0][0]
    audit = director_ctx.services.audit.query(director_ctx.actor, AuditFilter(action="movement.correct")).rows
    assert (audit[0].before["order_number"], audit[0].after["order_number"]) == (latest.order_number, "77-П")


def test_an_empty_order_number_is_refused_under_the_field(director_ctx, qtbot):
    page, row = _page(qtbot, director_ctx)
    page.correct()
    d = page.dialog
    qtbot.addWidget(d)
    before = dump(director_ctx.services.engine)
    d.order_number.setText("  ")
    assert d.save() is False and d.form.error("order_number")
    assert dump(director_ctx.services.engine) == before


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_screenshot_of_the_correction_dialog(director_ctx, qtbot, lang):
    from pathlib import Path

    i18n.set_language(lang)
    page, row = _page(qtbot, director_ctx)
    page.correct()
    d = page.dialog
    qtbot.addWidget(d)
    discharges = [i for i, m in enumerate(d.entries) if m.kind == MovementKind.DISCHARGE]
    if discharges:
        d.entry.setCurrentIndex(discharges[0])
    d.show()
    qtbot.wait(50)
    out = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    d.grab().save(str(out / f"journal-correct-entry-{lang}.png"))
    assert d.isVisible()
    qtbot.keyClick(d, Qt.Key.Key_Escape)


def test_only_movements_in_the_period_leaves_out_those_who_only_stayed(director_ctx, qtbot):
    page, _row = _page(qtbot, director_ctx)
    start, end = dt.date.today().replace(day=1), dt.date.today()
    page.set_period(start, end)
    page.refresh()
    everyone = director_ctx.services.queries.journal(start, end)

    def moved(r):  # independently of JournalRow.moved_within: every dated column of the row
        days = [d.date for d in (r.admission, r.discharge, r.transfer, *r.temporary_departures) if d]
        days += [r.queue_received_at.date()] if r.queue_received_at else []
        return any(start <= d <= end for d in days)

    expected = sorted(r.full_name for r in everyone if moved(r))
    assert len(expected) < len(everyone)  # the demo has people who only stayed through the month
    page.only_moved.setChecked(True)
    shown = sorted(page.model.index(i, 0).data(ROW_ROLE).row.full_name for i in range(page.model.rowCount()))
    assert shown == expected
    page.only_moved.setChecked(False)
    assert page.model.rowCount() == len(everyone)
