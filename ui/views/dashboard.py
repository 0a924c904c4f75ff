"""The first screen: places (those on offer too) and the queue in big numbers, and every plan and
monitoring deadline (R-15, R-20, R-21) and missed arrival (R-08) that is overdue, due today or due
this week, each with its rule.

It opens on what needs the signed-in person today (issue 13 point 5): the director sees first the plans
awaiting approval (Enter opens the person's card) and the checklist items that do not comply (Enter opens
the checklist on that item); a social worker (and everyone else) sees the overdue items and those due this
week first. The program keeps no assignment of residents to one social worker, so a social worker's list is
every resident's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSizePolicy, QTableView, QVBoxLayout, QWidget

from app.domain.checklist import ItemResult
from app.domain.enums import DeadlineKind, Role
from app.domain.permissions import UseCase
from app.i18n import N_, _, current_language
from app.services.plans import AwaitingApproval
from app.services.queries import DeadlineRow
from ui.context import Context
from ui.i18n import fdate
from ui.models.table import ROW_ROLE, Column, RowsModel, name_column
from ui.widgets import style
from ui.widgets.cards import Card
from ui.widgets.empty_state import EmptyState
from ui.widgets.first_steps import FirstSteps
from ui.widgets.form_dialog import run_modal
from ui.widgets.pages import KeptSplitter, LivePage, rows_height
from ui.widgets.tables import SearchBox, keep_fitted, table_view
from ui.widgets.tiles import show_occupancy
from ui.widgets.units import units_summary

WEEK = 7  # "this week": due within the next seven days

DEADLINE_COLUMNS: list[Column[DeadlineRow]] = [
    Column(N_("Due"), lambda d: fdate(d.due), lambda d: d.due.isoformat()),
    name_column(N_("Resident"), lambda d: d.full_name),
    # issue 12 point 8: the rule's code in the tooltip (the Deadlines screen keeps it in a column of its own)
    Column(N_("What"), lambda d: DeadlineKind(d.kind).text(),
           tooltip=lambda d: f"{DeadlineKind(d.kind).text()} ({d.rule})"),
    Column(N_("Basis"), lambda d: d.basis.render(), tooltip=lambda d: d.basis.render()),
]

APPROVAL_COLUMNS: list[Column[AwaitingApproval]] = [
    name_column(N_("Resident"), lambda p: p.full_name),  # Kazakh alphabetical order when sorted
    Column(N_("Completed"), lambda p: fdate(p.completed_on), lambda p: (p.completed_on or p.drawn_up_on).isoformat()),
    Column(N_("Approve by"), lambda p: fdate(p.approve_due), lambda p: p.approve_due.isoformat()),
]
FAILING_COLUMNS: list[Column[ItemResult]] = [
    Column(N_("No."), lambda i: str(i.item.no), lambda i: i.item.no),
    Column(N_("Degree"), lambda i: i.item.degree.text()),
    Column(N_("Requirement"), lambda i: i.item.text(current_language()), tooltip=lambda i: i.item.text(current_language())),
    Column(N_("Residents"), lambda i: str(len(i.residents)) if i.residents else "", lambda i: len(i.residents)),
]

#: card key → (caption msgid, icon, the screen its click opens, what the click shows); occupancy's keys first
CARDS: dict[str, tuple[str, str, str, str]] = {
    "capacity": (N_("Capacity"), "bed", "ResidentsPage", N_("Opens the list of residents.")),
    "present": (N_("Present"), "user-check", "ResidentsPage", N_("Opens the list of those present.")),
    "temporarily_absent": (N_("Temporarily absent"), "log-out", "ResidentsPage",
                           N_("Opens the list of those temporarily absent.")),
    "on_offer": (N_("Places on offer"), "hand-helping", "QueuePage", N_("Opens the queue.")),
    "vacant": (N_("Vacant places"), "bed", "QueuePage", N_("Opens the queue: a vacant place goes to the first in line.")),
    "queue": (N_("In the queue"), "list-ordered", "QueuePage", N_("Opens the queue.")),
}
#: card key → the residents list's status filter it opens on (ui.views.residents.STATUS_FILTERS)
CARD_STATUS = {"capacity": 0, "present": 1, "temporarily_absent": 2}
#: what an empty group says instead of an empty table
GROUP_EMPTY = {
    "overdue": N_("Nothing is overdue."), "today": N_("Nothing is due today."),
    "week": N_("Nothing more is due this week."), "approvals": N_("No plan is waiting for your approval."),
    "failing": N_("Every checklist item complies."),
}

#: group key → (title msgid with {n}, which deadlines on ``today`` belong to it)
GROUPS = {
    "overdue": (N_("Overdue: {n}"), lambda d, today: d.due < today),
    "today": (N_("Due today: {n}"), lambda d, today: d.due == today),
    "week": (N_("This week: {n}"), lambda d, today: today < d.due <= today + dt.timedelta(days=WEEK)),
}


class DashboardPage(LivePage):
    title = N_("Dashboard")

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.today = dt.date.today()
        # issue 12 point 8: the numbers as cards, each opening the screen behind it (a click, Enter or Space)
        tiles_row = QHBoxLayout()
        tiles_row.setSpacing(style.SPACE["m"])
        self.tiles: dict[str, Card] = {}
        for key, (caption, icon_name, _page, opens) in CARDS.items():
            card = Card(caption, icon_name, opens, self)
            card.setObjectName("card")
            card.activated.connect(lambda k=key: self.open_card(k))
            tiles_row.addWidget(card)
            self.tiles[key] = card
        self.empty_database = False  # no resident and no one in the queue: the first steps show
        self.first_steps = FirstSteps(ctx, self, [
            ("queue", N_("Import the queue from the portal…"),
             N_("The applications of persons in need, from the portal's file."), "download",
             UseCase.PORTAL_IMPORT, self.import_queue),
            ("register", N_("Import an existing register…"),
             N_("Those already living here, from your spreadsheet or the old program."), "file-input",
             UseCase.REGISTER_IMPORT, self.import_register),
            ("staff", N_("Add the staff…"), N_("Who works here: compared with the staffing norms."), "user-plus",
             UseCase.STAFF_EDIT, self.add_staff),
        ], lambda: self.empty_database)
        self.first_steps.setVisible(False)
        self.units_label = QLabel()  # capacity and vacancy per unit, when the organisation has units
        self.units_label.setVisible(False)
        self.unit_rows: list = []
        self.heading = QLabel()
        self.setStyleSheet("QGroupBox#overdue { color: #c0392b; font-weight: bold; }")
        self.heading.setWordWrap(True)
        self.groups: dict[str, tuple[QGroupBox, RowsModel[DeadlineRow], QTableView]] = {}
        self.empties: dict[str, EmptyState] = {}
        self.group_column = QVBoxLayout()
        for key in GROUPS:
            box = QGroupBox(self)
            box.setObjectName(key)
            model: RowsModel[DeadlineRow] = RowsModel(DEADLINE_COLUMNS, self)
            view = table_view(model, box)
            view.setObjectName(f"deadlines_{key}")
            keep_fitted(view)
            view.activated.connect(lambda index: self.ctx.open_deadline.emit(index.data(ROW_ROLE)))  # its record
            view.setMinimumHeight(view.fontMetrics().height() * 5)
            # nothing in the group: one calm line instead of an empty table of fixed height
            empty = EmptyState(ctx, view, model, "circle-check-big", GROUP_EMPTY[key], parent=box, compact=True)
            QVBoxLayout(box).addWidget(empty)
            self.group_column.addWidget(box)
            self.groups[key] = (box, model, view)
            self.empties[key] = empty
        self.group_column.addStretch(0)  # the room the empty groups leave (a stretch of its own, after them)
        self.search = SearchBox(self, [view for _b, _m, view in self.groups.values()])
        # the director's morning: plans awaiting approval, checklist items that do not comply
        self.director = ctx.actor.role == Role.DIRECTOR
        self.morning = QGroupBox(self)
        self.morning.setObjectName("morning")
        self.approvals_box, self.failing_box = QGroupBox(self.morning), QGroupBox(self.morning)
        self.approvals: RowsModel[AwaitingApproval] = RowsModel(APPROVAL_COLUMNS, self)
        self.failing: RowsModel[ItemResult] = RowsModel(FAILING_COLUMNS, self)
        self.approvals_view = table_view(self.approvals, self.approvals_box)
        self.approvals_view.setObjectName("awaiting_approval")
        keep_fitted(self.approvals_view, stretch=0)  # the name takes the width the dates leave (no scroll across)
        self.approvals_view.activated.connect(
            lambda index: self.ctx.open_resident.emit(index.data(ROW_ROLE).resident_id))
        self.failing_view = table_view(self.failing, self.failing_box)
        self.failing_view.setObjectName("failing_items")
        keep_fitted(self.failing_view, stretch=2)  # the requirement's text takes the width left
        self.failing_view.activated.connect(lambda index: self.open_checklist(index.data(ROW_ROLE).item.no))
        morning: tuple[tuple[str, QGroupBox, QTableView, RowsModel[Any]], ...] = (
            ("approvals", self.approvals_box, self.approvals_view, self.approvals),
            ("failing", self.failing_box, self.failing_view, self.failing))
        for key, box, view, model in morning:
            view.setMinimumHeight(view.fontMetrics().height() * 5)
            view.horizontalHeader().setStretchLastSection(True)
            empty = EmptyState(ctx, view, model, "circle-check-big", GROUP_EMPTY[key], parent=box, compact=True)
            QVBoxLayout(box).addWidget(empty)
            self.empties[key] = empty
        row = QHBoxLayout(self.morning)
        row.addWidget(self.approvals_box, 2)
        row.addWidget(self.failing_box, 3)
        self.morning.setVisible(self.director)
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.search)
        # the morning above the deadlines, the line between them movable (kept between runs): at 768 px a fixed
        # share left the director one row of each morning table
        self.split = KeptSplitter(Qt.Orientation.Vertical, self)
        self.split.setChildrenCollapsible(False)
        self.deadlines_part = lower = QWidget(self.split)
        below = QVBoxLayout(lower)
        below.setContentsMargins(0, 0, 0, 0)
        below.setSpacing(style.SPACE["m"])
        below.addLayout(bar)
        below.addLayout(self.group_column, 1)
        self.split.addWidget(self.morning)
        self.split.addWidget(lower)
        self.split.setStretchFactor(0, 0)
        self.split.setStretchFactor(1, 1)
        self._morning_sized = self._loaded = False
        lay = QVBoxLayout(self)
        lay.setSpacing(style.SPACE["m"])
        lay.addLayout(tiles_row)
        lay.addWidget(self.first_steps)
        lay.addWidget(self.units_label)
        lay.addWidget(self.split, 1)
        views = [*self.tiles.values(), *((self.approvals_view, self.failing_view) if self.director else ()), self.search,
                 *(view for _b, _m, view in self.groups.values())]
        for first, second in zip(views, views[1:]):
            QWidget.setTabOrder(first, second)
        self.retranslate_ui()

    #: the morning's rows shown whole when its room is first given (more by moving the line below it)
    MORNING_ROWS = 4

    def size_morning(self) -> None:
        """Once, when the page is shown with its rows and no sizes were kept from the last run: the morning
        as tall as its longer table's rows need (up to :data:`MORNING_ROWS`), no taller (the deadlines take the
        rest), and no more than the deadlines' least height leaves."""
        if not self._loaded or self._morning_sized or self.split.restored or not self.morning.isVisible():
            return
        sizes = self.split.sizes()
        total = sum(sizes)
        if total <= 0 or not self.director:
            return
        self._morning_sized = True
        extra = max(rows_height(view, min(max(view.model().rowCount(), 1), self.MORNING_ROWS)) - view.height()
                    for view in (self.approvals_view, self.failing_view))
        lower = self.deadlines_part.minimumSizeHint().height()
        want = max(min(sizes[0] + extra, total - lower), self.morning.minimumSizeHint().height())
        self.split.setSizes([want, total - want])

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        QTimer.singleShot(0, self, self.size_morning)  # once the layout has placed the tables

    def view(self, group: str) -> QTableView:
        return self.groups[group][2]

    def open_card(self, key: str) -> None:
        """The screen behind a card's number (the residents list filtered to those the number counts)."""
        page = CARDS[key][2]
        window = self.window()
        shown = window.show_page(page) if hasattr(window, "show_page") else None
        if shown is None:
            self.ctx.open_page.emit(page)
        elif key in CARD_STATUS and hasattr(shown, "status"):
            shown.status.setCurrentIndex(CARD_STATUS[key])

    # --- first steps on an empty database -------------------------------------------------------------
    def import_queue(self) -> None:
        from ui.dialogs.portal_import import PortalImportWizard

        run_modal(PortalImportWizard(self.ctx, self))

    def import_register(self) -> None:
        from ui.dialogs.onboarding import OnboardingWizard

        run_modal(OnboardingWizard(self.ctx, self))

    def add_staff(self) -> None:
        """The Staff screen, its "Add staff member" form open over it."""
        window = self.window()
        if hasattr(window, "show_page"):
            window.show_page("StaffPage").add_staff()
        else:
            self.ctx.open_page.emit("StaffPage")

    def open_checklist(self, item_no: int) -> None:
        """The checklist screen on the item (issue 13 point 5: each failing item is clickable)."""
        show_page = getattr(self.window(), "show_page", None)  # the main window's (not there in a test's window)
        page = show_page("ChecklistPage") if show_page is not None else None
        if page is None:
            self.ctx.open_page.emit("ChecklistPage")
            return
        if not page.up_to_date:
            page.refresh()
        page.select_item(item_no)

    def load(self) -> None:
        self.today = dt.date.today()
        svc = self.ctx.services
        show_occupancy(self.tiles, svc.queries.occupancy())
        queue = svc.queue.count()
        self.tiles["queue"].set_value(queue)
        self.empty_database = queue == 0 and svc.queries.residents(limit=1)[0] == 0
        self.first_steps.update_state()
        # an empty database: the first steps take the room of the director's morning (nothing awaits approval)
        self.morning.setVisible(self.director and not self.empty_database)
        self.unit_rows = svc.units.occupancy()
        if self.director:
            self.approvals.set_rows(svc.plans.awaiting_approval_rows())
            self.failing.set_rows(list(svc.checklist.evaluate(self.today).failing))
        deadlines = svc.queries.deadlines(self.today)
        for key, (_title, belongs) in GROUPS.items():
            self.groups[key][1].set_rows([d for d in deadlines if belongs(d, self.today)])
        for i, (_box, model, _view) in enumerate(self.groups.values()):  # room by the number of rows
            self.group_column.setStretch(i, 2 + min(model.rowCount(), 12) if model.rowCount() else 0)
        for empty in self.empties.values():
            empty.update_state()
        for key, (box, _m, _v) in self.groups.items():  # an empty group: one line, not a table's height
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed
                              if self.empties[key].showing_message else QSizePolicy.Policy.Preferred)
        self.retranslate_ui()
        self._loaded = True
        QTimer.singleShot(0, self, self.size_morning)  # the rows came after the first paint

    def retranslate_ui(self) -> None:
        for tile in self.tiles.values():
            tile.retranslate_ui()
        units = units_summary(self.unit_rows)
        self.units_label.setText(units)
        self.units_label.setVisible(bool(units))
        if self.director:
            self.morning.setTitle(_("Needs you today, {day}").format(day=fdate(self.today)))
            self.approvals_box.setTitle(_("Plans awaiting your approval: {n}").format(n=self.approvals.rowCount()))
            self.failing_box.setTitle(_("Checklist items that do not comply: {n} (Enter opens the checklist)")
                                      .format(n=self.failing.rowCount()))
            self.approvals.retranslate()
            self.failing.retranslate()
            self.heading.setText(_("Deadlines on {day} (individual plans, monitoring, arrivals of persons offered a "
                                   "place). Enter or a double click opens the person's card.")
                                 .format(day=fdate(self.today)))
        else:
            self.heading.setText(_("Your overdue items and those due this week, on {day} (individual plans, "
                                   "monitoring, arrivals of persons offered a place). Enter or a double click opens "
                                   "the person's card.").format(day=fdate(self.today)))
        self.search.retranslate_ui()
        for key, (box, model, _view) in self.groups.items():
            box.setTitle(_(GROUPS[key][0]).format(n=model.rowCount()))
            model.retranslate()
