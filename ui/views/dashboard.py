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

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from app.domain.checklist import ItemResult
from app.domain.enums import DeadlineKind, Role
from app.i18n import N_, _, current_language
from app.services.plans import AwaitingApproval
from app.services.queries import DeadlineRow
from ui.context import Context
from ui.i18n import fdate
from ui.models.table import ROW_ROLE, Column, RowsModel, name_column
from ui.views.queue import LivePage, NumberTile, SearchBox, fit_columns, occupancy_tiles, show_occupancy, table_view
from ui.views.units import units_summary

WEEK = 7  # "this week": due within the next seven days

DEADLINE_COLUMNS: list[Column[DeadlineRow]] = [
    Column(N_("Due"), lambda d: fdate(d.due), lambda d: d.due.isoformat()),
    name_column(N_("Resident"), lambda d: d.full_name),
    Column(N_("What"), lambda d: DeadlineKind(d.kind).text()),
    Column(N_("Rule"), lambda d: d.rule),
    Column(N_("Basis"), lambda d: d.basis.render(), tooltip=lambda d: d.basis.render()),
]

APPROVAL_COLUMNS: list[Column[AwaitingApproval]] = [
    Column(N_("Resident"), lambda p: p.full_name),
    Column(N_("Completed"), lambda p: fdate(p.completed_on), lambda p: (p.completed_on or p.drawn_up_on).isoformat()),
    Column(N_("Approve by"), lambda p: fdate(p.approve_due), lambda p: p.approve_due.isoformat()),
]
FAILING_COLUMNS: list[Column[ItemResult]] = [
    Column(N_("No."), lambda i: str(i.item.no), lambda i: i.item.no),
    Column(N_("Degree"), lambda i: i.item.degree.text()),
    Column(N_("Requirement"), lambda i: i.item.text(current_language()), tooltip=lambda i: i.item.text(current_language())),
    Column(N_("Residents"), lambda i: str(len(i.residents)) if i.residents else "", lambda i: len(i.residents)),
]

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
        tiles_row, self.tiles = occupancy_tiles(self, 26)
        self.tiles["queue"] = NumberTile(N_("In the queue"), 26, self)
        tiles_row.addWidget(self.tiles["queue"])
        self.units_label = QLabel()  # capacity and vacancy per unit, when the organisation has units
        self.units_label.setVisible(False)
        self.unit_rows: list = []
        self.heading = QLabel()
        self.setStyleSheet("QGroupBox#overdue { color: #c0392b; font-weight: bold; }")
        self.heading.setWordWrap(True)
        self.groups: dict[str, tuple[QGroupBox, RowsModel[DeadlineRow], QTableView]] = {}
        self.group_column = QVBoxLayout()
        for key in GROUPS:
            box = QGroupBox(self)
            box.setObjectName(key)
            model: RowsModel[DeadlineRow] = RowsModel(DEADLINE_COLUMNS, self)
            view = table_view(model, box)
            view.setObjectName(f"deadlines_{key}")
            fit_columns(view, (95, 240, 250, 70))
            view.activated.connect(lambda index: self.ctx.open_deadline.emit(index.data(ROW_ROLE)))  # its record
            view.setMinimumHeight(view.fontMetrics().height() * 5)
            QVBoxLayout(box).addWidget(view)
            self.group_column.addWidget(box)
            self.groups[key] = (box, model, view)
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
        fit_columns(self.approvals_view, (200, 95))
        self.approvals_view.activated.connect(
            lambda index: self.ctx.open_resident.emit(index.data(ROW_ROLE).resident_id))
        self.failing_view = table_view(self.failing, self.failing_box)
        self.failing_view.setObjectName("failing_items")
        fit_columns(self.failing_view, (40, 135, 320))
        self.failing_view.activated.connect(lambda index: self.open_checklist(index.data(ROW_ROLE).item.no))
        for box, view in ((self.approvals_box, self.approvals_view), (self.failing_box, self.failing_view)):
            view.setMinimumHeight(view.fontMetrics().height() * 5)
            view.setMaximumHeight(view.fontMetrics().height() * 9)  # room for the tiles and the deadlines
            view.horizontalHeader().setStretchLastSection(True)
            QVBoxLayout(box).addWidget(view)
        row = QHBoxLayout(self.morning)
        row.addWidget(self.approvals_box, 2)
        row.addWidget(self.failing_box, 3)
        self.morning.setVisible(self.director)
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.search)
        lay = QVBoxLayout(self)
        lay.addLayout(tiles_row)
        lay.addWidget(self.units_label)
        lay.addWidget(self.morning)
        lay.addLayout(bar)
        lay.addLayout(self.group_column, 1)
        views = [*((self.approvals_view, self.failing_view) if self.director else ()), self.search,
                 *(view for _b, _m, view in self.groups.values())]
        for first, second in zip(views, views[1:]):
            QWidget.setTabOrder(first, second)
        self.retranslate_ui()

    def view(self, group: str) -> QTableView:
        return self.groups[group][2]

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
        self.tiles["queue"].set_value(len(svc.queue.rows()))
        self.unit_rows = svc.units.occupancy()
        if self.director:
            self.approvals.set_rows(svc.plans.awaiting_approval_rows())
            self.failing.set_rows(list(svc.checklist.evaluate(self.today).failing))
        deadlines = svc.queries.deadlines(self.today)
        for key, (_title, belongs) in GROUPS.items():
            self.groups[key][1].set_rows([d for d in deadlines if belongs(d, self.today)])
        for i, (_box, model, _view) in enumerate(self.groups.values()):  # room by the number of rows
            self.group_column.setStretch(i, 2 + min(model.rowCount(), 12))
        self.retranslate_ui()

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
