"""The audit entries and, under them, the selected entry field by field (before → after) in the
current language. Shared by File → Audit log and the History tab of the resident card."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.audit_diff import differences
from app.i18n import N_, _
from app.services.audit import AuditRow
from ui.i18n import fdatetime
from ui.models.audit import AuditModel
from ui.widgets.tables import fit_columns

DETAIL_COLUMNS = (N_("Field"), N_("Before"), N_("After"))


class AuditView(QWidget):
    def __init__(self, model: AuditModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # the model's own order
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self.show_details())
        model.reloaded.connect(self._after_reset)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QTableWidget(0, len(DETAIL_COLUMNS))
        self.details.setObjectName("audit_details")
        self.details.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.details.setTabKeyNavigation(False)
        self.details.setWordWrap(True)
        self.details.verticalHeader().hide()
        header = self.details.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.title)
        ll.addWidget(self.details, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(splitter)
        self.retranslate_ui()

    def _after_reset(self) -> None:
        fit_columns(self.view, cap=320)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.show_details()

    def selected(self) -> AuditRow | None:
        idx = self.view.currentIndex()
        return self.model.row(idx.row()) if idx.isValid() and idx.row() < self.model.rowCount() else None

    def show_details(self) -> None:
        row = self.selected()
        self.details.setRowCount(0)
        if row is None:
            self.title.setText(_("No entries match."))
            return
        who = f"{fdatetime(row.at)} · {row.user_text()} · {row.action_text()}"
        self.title.setText(f"{who} · {row.resident_name}" if row.resident_name else who)
        changes = differences(row.before, row.after, entity=row.entity)
        self.details.setRowCount(len(changes))
        for i, c in enumerate(changes):
            for j, text in enumerate((c.label, c.old or "—", c.new or "—")):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.details.setItem(i, j, item)
        self.details.resizeRowsToContents()

    def retranslate_ui(self) -> None:
        self.details.setHorizontalHeaderLabels([_(h) for h in DETAIL_COLUMNS])
        self.model.retranslate()
        self.show_details()
