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


def test_database_dialog_keeps_qdialog_result(qtbot, tmp_path, monkeypatch):
    """The connection dialog kept its answer label as ``self.result``, hiding QDialog.result() (the code the
    dialog closed with): asking a closed dialog how it closed failed with "'QLabel' object is not callable"."""
    from PySide6.QtWidgets import QDialog

    from ui.dialogs.database import DatabaseDialog

    monkeypatch.setenv("QAMQOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("QAMQOR_DATABASE_URL", raising=False)
    dialog = DatabaseDialog()
    qtbot.addWidget(dialog)
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected.value
    assert dialog.result_label.text() == ""


def test_portal_dialogs_keep_qdialog_result(ctx, qtbot):
    """The same for the journal export (its answer label) and the reconciliation (its comparison): both were
    kept as ``self.result``; the comparison is now ``reconciliation``, None until a file is compared."""
    from PySide6.QtWidgets import QDialog

    from ui.dialogs.portal_export import PortalExportDialog
    from ui.dialogs.reconcile import ReconcileDialog

    export, reconcile = PortalExportDialog(ctx), ReconcileDialog(ctx)
    for dialog in (export, reconcile):
        qtbot.addWidget(dialog)
        dialog.reject()
        assert dialog.result() == QDialog.DialogCode.Rejected.value
    assert export.result_label.text() == "" and reconcile.reconciliation is None
