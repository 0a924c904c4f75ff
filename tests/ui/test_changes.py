"""Typed change notifications (ARCHITECTURE.md practice 12, issue 12 point 10): an action says what it changed
(the kinds of data and the person), and the screens that show it reload while the others stay as they are."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog

from app.domain.enums import DischargeReason, ResidentStatus
from ui.context import MOVEMENT, Change, Changed
from ui.dialogs.movements import DischargeDialog
from ui.dialogs.resident_card import ResidentCard
from ui.views.journal import JournalPage
from ui.views.plans import PlansPage
from ui.views.queue import QueuePage
from ui.views.residents import ResidentsPage
from ui.views.staff import StaffPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def type_text(widget, text: str) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    if hasattr(widget, "up_to_date"):
        qtbot.waitUntil(lambda: widget.up_to_date)
    return widget


def count_calls(obj, name: str) -> list[int]:
    """Count the calls of ``obj.name`` from now on (the method still runs)."""
    calls: list[int] = []
    method = getattr(obj, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return method(*args, **kwargs)

    setattr(obj, name, counted)
    return calls


def test_a_change_concerns_its_kinds_and_its_person() -> None:
    discharge = Change(frozenset(MOVEMENT), resident_id=7)
    assert discharge.concerns(Changed.MOVEMENTS) and discharge.concerns(Changed.STAFF, Changed.RESIDENTS)
    assert not discharge.concerns(Changed.STAFF, Changed.USERS)
    assert discharge.concerns(Changed.RESIDENTS, resident_id=7)
    assert not discharge.concerns(Changed.RESIDENTS, resident_id=8)  # another person's card stays
    assert Change(frozenset({Changed.RESIDENTS})).concerns(Changed.RESIDENTS, resident_id=8)  # no one named: anyone


def test_changed_takes_kinds_not_topic_strings(ctx, qtbot) -> None:
    with qtbot.waitSignal(ctx.data_changed) as signal:
        returned = ctx.changed(Changed.PLANS, resident_id=3)
    assert signal.args == [returned] == [Change(frozenset({Changed.PLANS}), 3)]
    with pytest.raises(TypeError):
        ctx.changed("residents")
    with pytest.raises(TypeError):
        ctx.changed()


def test_a_discharge_refreshes_the_screens_that_show_it_and_no_other(ctx, qtbot) -> None:
    svc = ctx.services
    residents = shown(qtbot, ResidentsPage(ctx))
    residents.refresh()
    journal, queue, plans, staff = (shown(qtbot, cls(ctx)) for cls in (JournalPage, QueuePage, PlansPage, StaffPage))
    _total, present = svc.queries.residents(statuses=(ResidentStatus.PRESENT,))
    person, other = present[0], present[1]
    assert person.id in {r.id for r in plans.table.model.rows()}
    card, other_card = (shown(qtbot, ResidentCard(ctx, rid)) for rid in (person.id, other.id))

    def journal_status():
        rows = [journal.model.row(i).row for i in range(journal.model.rowCount())]
        return next(r.status for r in rows if r.resident_id == person.id)

    assert journal_status() == ResidentStatus.PRESENT
    loads = {name: count_calls(page, "refresh") for name, page in
             (("residents", residents), ("journal", journal), ("queue", queue), ("plans", plans), ("staff", staff))}
    reloads = {"card": count_calls(card, "reload"), "other card": count_calls(other_card, "reload")}
    announced: list[Change] = []
    ctx.data_changed.connect(announced.append)

    dialog = DischargeDialog(ctx, person.id, person.full_name)  # the action, as the Residents screen opens it
    qtbot.addWidget(dialog)
    type_text(dialog.order_number, "77-ш")
    dialog.reason.setCurrentIndex(dialog.reason.findData(DischargeReason.TO_FAMILY))
    type_text(dialog.details, "Ұлы алып кетті")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted

    assert announced == [Change(frozenset({Changed.MOVEMENTS, Changed.RESIDENTS}), person.id)]
    qtbot.waitUntil(lambda: all(bool(loads[n]) for n in ("residents", "journal", "queue", "plans")))
    qtbot.waitUntil(lambda: journal_status() == ResidentStatus.DISCHARGED)  # the journal shows the discharge
    assert person.id not in {r.id for r in plans.table.model.rows()}  # no longer holds a place, no plan row
    qtbot.waitUntil(lambda: bool(reloads["card"]))
    qtbot.wait(50)  # what was going to reload has done so
    assert card.person.status == ResidentStatus.DISCHARGED
    assert not loads["staff"] and not reloads["other card"]  # staff and another person's card stay as they are
