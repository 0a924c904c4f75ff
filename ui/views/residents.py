"""Residents: the list of everyone served or waiting, searched as you type, filtered by status,
sorted in SQL and fetched a page at a time; the card opens on Enter; the movement buttons
follow the selected resident's status."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ResidentStatus
from app.domain.permissions import UseCase
from app.i18n import N_, _, ngettext
from ui.context import Context, Page
from ui.dialogs.movements import AdmitDialog, MovementActions, open_admission
from ui.dialogs.resident_card import ResidentCard, open_resident_card, setup_view
from ui.forms import show_refusal
from ui.models.residents import PagedModel, Query, residents_model
from ui.models.table import ROW_ROLE
from ui.widgets.permissions import guard

SEARCH_DELAY_MS = 150

#: the status filter: (label msgid, statuses; empty = all)
STATUS_FILTERS: list[tuple[str, tuple[ResidentStatus, ...]]] = [
    (N_("All"), ()),
    (ResidentStatus.PRESENT.msgid, (ResidentStatus.PRESENT,)),
    (ResidentStatus.TEMPORARILY_ABSENT.msgid, (ResidentStatus.TEMPORARILY_ABSENT,)),
    (ResidentStatus.IN_QUEUE.msgid, (ResidentStatus.IN_QUEUE,)),
    (ResidentStatus.DISCHARGED.msgid, (ResidentStatus.DISCHARGED,)),
    (ResidentStatus.TRANSFERRED.msgid, (ResidentStatus.TRANSFERRED,)),
]


def paged_table(model: PagedModel, stretch: int = 0) -> QTableView:
    """A table over a paged model: sorting goes to SQL; a column the services cannot sort by keeps
    the current order (its header click is undone)."""
    view = QTableView()
    view.setModel(model)
    setup_view(view)
    header = view.horizontalHeader()
    col, order = model.sort_column()
    header.setSortIndicator(col, order)
    view.setSortingEnabled(True)

    def keep_sortable(column: int, _order: Qt.SortOrder) -> None:
        if not model.sortable(column):
            header.blockSignals(True)
            header.setSortIndicator(*model.sort_column())
            header.blockSignals(False)

    header.sortIndicatorChanged.connect(keep_sortable)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def fit_columns(view: QTableView, widths: dict[int, int]) -> None:
    """Column → width in digits, widened to the (translated) header; call after a language switch."""
    fm, header = view.fontMetrics(), view.horizontalHeader()
    digit = fm.horizontalAdvance("0")
    for column, chars in widths.items():
        title = str(view.model().headerData(column, Qt.Orientation.Horizontal))
        view.setColumnWidth(column, max(chars * digit, header.fontMetrics().horizontalAdvance(title) + 28) + 12)


def selected_row(view: QTableView):
    idx = view.currentIndex()
    return idx.data(ROW_ROLE) if idx.isValid() and view.selectionModel().isRowSelected(idx.row()) else None


def add_shortcuts(owner: QWidget, view: QTableView, search: QLineEdit, open_row, add=None) -> None:
    """Ctrl+F searches, Enter opens the selected row, Ins or Ctrl+N adds."""

    def find() -> None:
        search.setFocus()
        search.selectAll()

    QShortcut(QKeySequence.StandardKey.Find, owner, find)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        QShortcut(QKeySequence(key), view, open_row, context=Qt.ShortcutContext.WidgetShortcut)
    view.doubleClicked.connect(lambda _i: open_row())
    if add is not None:
        for seq in (QKeySequence(Qt.Key.Key_Insert), QKeySequence(QKeySequence.StandardKey.New)):
            QShortcut(seq, owner, add)


class ListPage(Page):
    """A page around one paged list: a search box filtering as you type (debounced: one query when
    the typing pauses), Ctrl+F / Enter / Ins keys, and a refresh after a change elsewhere — once, and only
    when on screen (the main window may have refreshed it already; a hidden one is refreshed when shown)."""

    def __init__(self, ctx: Context, model: PagedModel, widths: dict[int, int], parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.stale = False
        self.model, self.widths = model, widths
        self.search_label, self.search = QLabel(), QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.search_label.setBuddy(self.search)
        self.count_label = QLabel()
        self.table = paged_table(model)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        model.failed.connect(lambda exc: show_refusal(self, exc))
        ctx.data_changed.connect(self._data_changed)

    def wanted_query(self) -> Query:
        return replace(self.model.query, search=self.search.text().strip())

    def retranslate_ui(self) -> None:
        self.search_label.setText(_("&Search:"))
        self.search.setPlaceholderText(_("Name or IIN (Ctrl+F)"))
        self.model.retranslate()
        fit_columns(self.table, self.widths)

    def refresh(self) -> None:
        self.stale = False
        self._debounce.stop()
        self.model.set_query(self.wanted_query())

    def apply_filter(self) -> None:
        """Run the search and filters (the debounce timer calls this when typing pauses)."""
        self._debounce.stop()
        query = self.wanted_query()
        if query != self.model.query:
            self.model.set_query(query)

    def _data_changed(self, _topic: str) -> None:
        self.stale = True
        QTimer.singleShot(0, self, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        if self.stale and self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.stale:
            QTimer.singleShot(0, self, self._refresh_if_stale)


class ResidentsPage(ListPage):
    title = N_("Residents")

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, residents_model(ctx.services), {1: 12, 2: 3, 3: 19, 4: 4, 5: 10, 6: 10, 7: 20}, parent)
        self.model.setParent(self)
        self.card: ResidentCard | None = None
        self.admit_dialog: AdmitDialog | None = None
        self._selected_id: int | None = None
        # filter bar
        self.status_label, self.status = QLabel(), QComboBox()
        self.status.setMinimumContentsLength(18)
        self.status_label.setBuddy(self.status)
        self.occupancy_label = QLabel()
        bar = QHBoxLayout()
        for w in (self.search_label, self.search, self.status_label, self.status):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        # buttons
        self.open_button, self.admit_button = QPushButton(), QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        self.admit_button.clicked.connect(self.admit)
        self.movement_actions = MovementActions(ctx, self)
        self.movement_actions.done.connect(self.select_resident)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.admit_button)
        buttons.addSpacing(16)
        for button in self.movement_actions.buttons.values():
            buttons.addWidget(button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.occupancy_label)
        lay.addLayout(buttons)
        for a, b in zip([self.search, self.status, self.table, self.open_button, self.admit_button],
                        [self.status, self.table, self.open_button, self.admit_button,
                         *self.movement_actions.buttons.values()]):
            QWidget.setTabOrder(a, b)
        # behaviour
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.model.loaded.connect(self._loaded)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        guard(self.admit_button, ctx, UseCase.ADMIT)  # issue 10 point 5; Ins presses the button, held or not
        add_shortcuts(self, self.table, self.search, self.open_selected, self.admit_button.click)
        self.retranslate_ui()

    # --- data ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        self.occupancy_label.setText(self._occupancy_text())

    def wanted_query(self) -> Query:
        return replace(super().wanted_query(), statuses=STATUS_FILTERS[max(self.status.currentIndex(), 0)][1])

    def _loaded(self) -> None:
        self.count_label.setText(ngettext("{n} person", "{n} people", self.model.total).format(n=self.model.total))
        row = self.model.row_of(self._selected_id) if self._selected_id is not None else None
        if row is not None:
            self.table.selectRow(row)
        self._update_buttons()

    def _selection_changed(self) -> None:
        r = selected_row(self.table)
        if r is not None:
            self._selected_id = r.id
        self._update_buttons()

    def _update_buttons(self) -> None:
        r = selected_row(self.table)
        self.open_button.setEnabled(r is not None)
        self.movement_actions.set_target(r.id if r else None, r.full_name if r else "", r.status if r else None)

    def select_resident(self, resident_id: int) -> None:
        """Select ``resident_id`` once the list shows it (after a change, the list reloads)."""
        self._selected_id = resident_id
        row = self.model.row_of(resident_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    # --- actions ------------------------------------------------------------------------------------
    def open_selected(self) -> None:
        r = selected_row(self.table)
        if r is not None:
            self.open_card(r.id)

    def open_card(self, resident_id: int, tab: str = "personal") -> ResidentCard | None:
        self.select_resident(resident_id)
        self.card = open_resident_card(self.ctx, resident_id, self, tab, self.card)
        return self.card

    def admit(self) -> AdmitDialog:
        self.admit_dialog = open_admission(self.ctx, self, self.select_resident, self.admit_dialog)
        return self.admit_dialog

    # --- texts --------------------------------------------------------------------------------------
    def _occupancy_text(self) -> str:
        occ = self.ctx.services.queries.occupancy()
        return _("Capacity {capacity}, present {present}, temporarily absent {absent}, places on offer {on_offer}, "
                 "vacant {vacant}").format(capacity=occ.capacity, present=occ.present, absent=occ.temporarily_absent,
                                           on_offer=occ.on_offer, vacant=occ.vacant)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.status_label.setText(_("Stat&us:"))
        self.status.blockSignals(True)
        index = max(self.status.currentIndex(), 0)
        self.status.clear()
        for msgid, _statuses in STATUS_FILTERS:
            self.status.addItem(_(msgid))
        self.status.setCurrentIndex(index)
        self.status.blockSignals(False)
        self.open_button.setText(_("&Open card"))
        self.open_button.setToolTip(_("Open the selected resident's card (Enter)"))
        self.admit_button.setText(_("&Admit…"))
        self.admit_button.setToolTip(_("Admit a new person to a vacant place (Ins)"))
        self.movement_actions.retranslate_ui()
        self.count_label.setText(ngettext("{n} person", "{n} people", self.model.total).format(n=self.model.total))
        if self.occupancy_label.text():
            self.occupancy_label.setText(self._occupancy_text())
