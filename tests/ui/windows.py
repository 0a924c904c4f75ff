"""Every main screen and the main dialogs, opened on the demo database, for the tests that look at all of them
(tests/ui/test_fits_small_screen.py, tests/ui/test_every_text_in_language.py) and for screenshots.

``screens(window)`` shows each page of ``ui.main_window.PAGES`` in turn; ``dialogs(ctx, parent)`` makes the
dialogs one after the other (each is closed and deleted before the next is made)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from PySide6.QtWidgets import QApplication, QWidget

from app.domain.enums import ResidentStatus

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 768
#: the height a dialog may ask for: the screen less the task bar
AVAILABLE_HEIGHT = 740


def wait_loaded(page: QWidget) -> None:
    app = QApplication.instance()
    give_up = time.monotonic() + 30
    app.processEvents()
    while not getattr(page, "up_to_date", True):  # a live screen loads once painted
        assert time.monotonic() < give_up, type(page).__name__
        app.processEvents()
    app.processEvents()


def screens(window) -> Iterator[tuple[str, QWidget]]:
    from ui.main_window import PAGES

    for row, (_module, cls, _title) in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        page = window.current_page()
        wait_loaded(page)
        yield cls, page


def _resident(ctx, status: ResidentStatus):
    _total, rows = ctx.services.queries.residents(statuses=(status,), limit=1)
    return rows[0]


def dialog_makers(ctx, parent: QWidget) -> list[tuple[str, Callable[[], QWidget]]]:
    """(name, make) for each dialog; ``make`` builds it with ``parent``, not yet shown."""
    from ui.dialogs import movements, queue_dialogs
    from ui.dialogs.about import AboutDialog
    from ui.dialogs.audit_log import AuditLogDialog
    from ui.dialogs.backups import BackupsDialog
    from ui.dialogs.batch import BatchDialog
    from ui.dialogs.correct_entry import CorrectEntryDialog
    from ui.dialogs.database import DatabaseDialog
    from ui.dialogs.first_run import FirstRunWizard
    from ui.dialogs.lock import LockDialog, LockSettingsDialog
    from ui.dialogs.login import LoginDialog
    from ui.dialogs.monitoring import MonitoringDialog
    from ui.dialogs.onboarding import OnboardingWizard
    from ui.dialogs.plan_approval import PlanApprovalDialog
    from ui.dialogs.plan_editor import PlanEditor
    from ui.dialogs.portal_export import PortalExportDialog
    from ui.dialogs.portal_import import PortalImportWizard
    from ui.dialogs.preview import PreviewDialog
    from ui.dialogs.reconcile import ReconcileDialog
    from ui.dialogs.resident_card import ResidentCard

    svc = ctx.services
    present = _resident(ctx, ResidentStatus.PRESENT)
    queue = svc.queue.rows()
    first = queue[0] if queue else None
    awaiting = svc.plans.awaiting_approval()
    approved = [p for r in svc.queries.residents(statuses=(ResidentStatus.PRESENT,))[1]
                for p in svc.plans.for_resident(r.id) if p.status.value == "approved"]

    def card(tab: str) -> Callable[[], QWidget]:
        return lambda: ResidentCard(ctx, present.id, tab, parent)

    def movement(cls) -> Callable[[], QWidget]:
        return lambda: cls(ctx, present.id, present.full_name, parent)

    def queue_action(cls) -> Callable[[], QWidget]:
        return lambda: cls(ctx, None if cls is queue_dialogs.RegisterDialog else first, parent)

    def preview() -> QWidget:
        from app.services.printing import PrintService

        printer = PrintService(svc.sessions)
        with_plan = approved[0].resident_id if approved else present.id  # not every demo resident has a plan yet
        return PreviewDialog("Individual plan (Annex 4)",
                             lambda lang: printer.render("plan", lang, resident_id=with_plan), "plan", parent)

    makers: list[tuple[str, Callable[[], QWidget]]] = [
        *[(f"card_{tab}", card(tab)) for tab in ("personal", "movements", "casefile", "plans", "monitoring")],
        ("admit", lambda: movements.AdmitDialog(ctx, parent)),
        ("temporary_departure", movement(movements.TemporaryDepartureDialog)),
        ("discharge", movement(movements.DischargeDialog)),
        ("transfer", movement(movements.TransferDialog)),
        ("plan_editor", lambda: PlanEditor(ctx, present.id, present.full_name, None, parent=parent)),
        ("monitoring", lambda: MonitoringDialog(ctx, approved[0].id if approved else None, parent=parent)),
        *[(f"queue_{cls.__name__}", queue_action(cls)) for cls in (
            queue_dialogs.RegisterDialog, queue_dialogs.OutOfTurnDialog, queue_dialogs.RecertificationDialog,
            queue_dialogs.OfferDialog, queue_dialogs.PostponeDialog, queue_dialogs.NoShowDialog,
            queue_dialogs.AdmitDialog, queue_dialogs.WithdrawDialog)],
        ("portal_import", lambda: PortalImportWizard(ctx, parent)),
        ("preview", preview),
        ("about", lambda: AboutDialog(ctx, parent)),
        ("audit_log", lambda: AuditLogDialog(ctx, parent)),
        ("backups", lambda: BackupsDialog(ctx, parent)),
        ("correct_entry", lambda: CorrectEntryDialog(ctx, present.id, present.full_name, parent)),
        ("batch", lambda: BatchDialog(ctx, parent)),
        ("portal_export", lambda: PortalExportDialog(ctx, parent)),
        ("reconcile", lambda: ReconcileDialog(ctx, parent)),
        ("onboarding", lambda: OnboardingWizard(ctx, parent)),
        ("database", lambda: DatabaseDialog(parent, ctx.db_label if hasattr(ctx, "db_label") else None)),
        ("login", lambda: LoginDialog(svc, "", parent)),
        ("lock", lambda: LockDialog(svc, ctx.actor, "", parent)),
        ("lock_settings", lambda: LockSettingsDialog(parent)),
        ("first_run", lambda: FirstRunWizard(svc, ctx.translator, parent)),
    ]
    if awaiting:
        plan = awaiting[0]
        name = svc.residents.get(plan.resident_id).full_name
        makers.append(("plan_approval", lambda: PlanApprovalDialog(ctx, name, plan, parent)))
    return makers


def dialogs(ctx, parent: QWidget) -> Iterator[tuple[str, QWidget]]:
    """Each dialog shown (non-modal) with its data loaded, then closed and deleted when the caller moves on."""
    app = QApplication.instance()
    for name, make in dialog_makers(ctx, parent):
        dialog = make()
        dialog.show()
        wait_loaded(dialog)
        try:
            yield name, dialog
        finally:
            dialog.hide()
            dialog.deleteLater()
            app.processEvents()


# --- what a window shows -----------------------------------------------------------------------------------
def _plain(text: str) -> str:
    """A label's rich text without its tags and entities; a mnemonic's & dropped."""
    import html
    import re

    if "<" in text:
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _actions(actions, seen: set[int]) -> Iterator[str]:
    for action in actions:
        if id(action) in seen:
            continue
        seen.add(id(action))
        yield from (action.text(), action.toolTip() if action.toolTip() != action.text().replace("&", "") else "")
        if action.menu() is not None:
            yield from _actions(action.menu().actions(), seen)


def texts(top: QWidget) -> Iterator[tuple[QWidget, str]]:
    """Every text ``top`` and its visible children show or tell: labels, buttons, tab and group titles, table
    and tree headers, placeholders, tooltips, window titles, combo items, menu actions."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
        QTableView,
        QTabWidget,
        QTextEdit,
        QTreeWidget,
        QWizard,
    )

    seen: set[int] = set()
    for w in [top, *top.findChildren(QWidget)]:
        if w is not top and not w.isVisibleTo(top):
            continue
        found: list[str] = [w.toolTip(), w.whatsThis()]
        if w.isWindow():
            found.append(w.windowTitle())
        if isinstance(w, QLabel):
            found.append(w.text())
        elif isinstance(w, QAbstractButton):
            found.append(w.text())
        elif isinstance(w, QGroupBox):
            found.append(w.title())
        elif isinstance(w, QTabWidget):
            found += [w.tabText(i) for i in range(w.count())] + [w.tabToolTip(i) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            found += [w.itemText(i) for i in range(w.count())]
            if w.lineEdit() is not None:
                found.append(w.lineEdit().placeholderText())
        elif isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
            found.append(w.placeholderText())
        elif isinstance(w, QWizard):
            found += [w.button(b).text() for b in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                                                   QWizard.WizardButton.FinishButton,
                                                   QWizard.WizardButton.CancelButton)]
            page = w.currentPage()
            if page is not None:
                found += [page.title(), page.subTitle()]
        if isinstance(w, QTreeWidget):
            item = w.headerItem()
            found += [item.text(c) for c in range(item.columnCount())]
            found += [w.topLevelItem(i).text(0) for i in range(w.topLevelItemCount())]
        elif isinstance(w, QListWidget):
            found += [w.item(i).text() for i in range(w.count())]
        if isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            for c in range(model.columnCount()):
                found += [str(model.headerData(c, Qt.Orientation.Horizontal, role) or "")
                          for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)]
        found += list(_actions(QWidget.actions(w), seen))  # a page may name an attribute "actions"
        for text in found:
            if text and text.strip():
                yield w, _plain(text)


def clipped(top: QWidget) -> list[str]:
    """The visible labels (not wrapping) whose text is wider than they are, and the buttons and check boxes
    narrower than their own text asks."""
    from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton

    bad = []
    for w in top.findChildren(QWidget):
        if not w.isVisibleTo(top) or w.width() <= 0:
            continue
        if isinstance(w, QLabel) and not w.wordWrap() and w.text() and w.pixmap().isNull():
            text = _plain(w.text())
            need = max(w.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
            if need > w.contentsRect().width() + 1:
                bad.append(f"label {text[:60]!r}: {need} > {w.contentsRect().width()} px")
        elif isinstance(w, (QPushButton, QCheckBox)) and w.text():
            if w.sizeHint().width() > w.width() + 1:
                bad.append(f"{type(w).__name__} {w.text()[:60]!r}: {w.sizeHint().width()} > {w.width()} px")
    return bad


def each_tab(top: QWidget) -> Iterator[int]:
    """Shows each tab of each tab widget of ``top`` in turn (the visible texts of a hidden tab are looked at
    too); yields the running count."""
    from PySide6.QtWidgets import QTabWidget

    app = QApplication.instance()
    shown = 0
    for tabs in top.findChildren(QTabWidget):
        if not tabs.isVisibleTo(top):
            continue
        was = tabs.currentIndex()
        for i in range(tabs.count()):
            if tabs.isTabEnabled(i) and i != was:
                tabs.setCurrentIndex(i)
                app.processEvents()
                shown += 1
                yield shown
        tabs.setCurrentIndex(was)
