"""Residents: the list of everyone served or waiting, searched as you type, filtered by status,
sorted in SQL and fetched a page at a time; the card opens on Enter; the movement buttons
follow the selected resident's status."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ResidentStatus
from app.domain.permissions import UseCase
from app.i18n import N_, _, ngettext
from ui.context import Changed, Context
from ui.dialogs.movements import AdmitDialog, MovementActions, open_admission
from ui.dialogs.resident_card import ResidentCard, open_resident_card
from ui.models.residents import Query, residents_model
from ui.widgets.empty_state import EmptyState
from ui.widgets.form_dialog import run_modal
from ui.widgets.icons import set_icons
from ui.widgets.pages import ListPage, add_shortcuts, selected_row
from ui.widgets.permissions import guard

#: the status filter: (label msgid, statuses; empty = all)
STATUS_FILTERS: list[tuple[str, tuple[ResidentStatus, ...]]] = [
    (N_("All"), ()),
    (ResidentStatus.PRESENT.msgid, (ResidentStatus.PRESENT,)),
    (ResidentStatus.TEMPORARILY_ABSENT.msgid, (ResidentStatus.TEMPORARILY_ABSENT,)),
    (ResidentStatus.IN_QUEUE.msgid, (ResidentStatus.IN_QUEUE,)),
    (ResidentStatus.DISCHARGED.msgid, (ResidentStatus.DISCHARGED,)),
    (ResidentStatus.TRANSFERRED.msgid, (ResidentStatus.TRANSFERRED,)),
]


class ResidentsPage(ListPage):
    title = N_("Residents")
    #: a person's data and status, the plan and next deadline columns, the units (R-36) and rules behind them
    follows = (Changed.RESIDENTS, Changed.MOVEMENTS, Changed.QUEUE, Changed.PLANS, Changed.CASE_FILES,
               Changed.ORGANISATION)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, residents_model(ctx.services), parent)
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
        # issue 12 point 8: an empty list says what to do next (a search that finds no one keeps the table)
        self.empty = EmptyState(
            ctx, self.table, self.model, "users", N_("No residents yet"),
            N_("Admit the first person to a vacant place, or import those already living here from an existing "
               "register."),
            [(N_("&Admit…"), "user-plus", self.admit, UseCase.ADMIT),
             (N_("Import an existing register…"), "file-input", self.import_register, UseCase.REGISTER_IMPORT)],
            is_empty=lambda: self.model.total == 0 and not self.model.query.search and not self.model.query.statuses)
        set_icons({self.open_button: "user-round", self.admit_button: "user-plus"})  # the movements': MovementActions
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.empty, 1)
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

    def import_register(self) -> None:
        from ui.dialogs.onboarding import OnboardingWizard

        run_modal(OnboardingWizard(self.ctx, self))

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
