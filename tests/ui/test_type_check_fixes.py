"""Bugs the type checker found in the GUI (issue 12 point 10's lint gate), each kept fixed here."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.domain.enums import ResidentStatus
from ui.dialogs.resident_card import ResidentCard
from ui.views.residents import ResidentsPage


def _widget_actions(root: QWidget) -> list[str]:
    """What a walk over every widget's Qt actions collects (as the tests of visible texts do)."""
    found: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        actions = w.actions()
        assert isinstance(actions, list) and all(isinstance(a, QAction) for a in actions), type(w).__name__
        found += [a.text() for a in actions]
    return found


def test_residents_page_keeps_qt_actions(ctx, qtbot):
    """The movement buttons were kept as ``self.actions``, hiding QWidget.actions(): any walk over the screen's
    widgets asking for their actions failed with "'MovementActions' object is not callable"."""
    page = ResidentsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    _widget_actions(page)
    assert set(page.movement_actions.buttons) >= {"departure", "return", "discharge"}


def test_resident_card_keeps_qt_actions(ctx, qtbot):
    _total, present = ctx.services.queries.residents(statuses=(ResidentStatus.PRESENT,))
    rid = present[0].id
    card = ResidentCard(ctx, rid)
    qtbot.addWidget(card)
    _widget_actions(card)
    assert card.movement_actions.buttons["departure"].isEnabled()
