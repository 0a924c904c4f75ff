"""The first screen: places (those on offer too) and the queue in big numbers, and every plan and
monitoring deadline (R-15, R-20, R-21) and missed arrival (R-08) that is overdue, due today or due
this week, each with its rule."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from app.domain.enums import DeadlineKind
from app.i18n import N_, _
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
            view.activated.connect(lambda index: self.ctx.open_resident.emit(index.data(ROW_ROLE).resident_id))
            view.setMinimumHeight(view.fontMetrics().height() * 5)
            QVBoxLayout(box).addWidget(view)
            self.group_column.addWidget(box)
            self.groups[key] = (box, model, view)
        self.search = SearchBox(self, [view for _b, _m, view in self.groups.values()])
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.search)
        lay = QVBoxLayout(self)
        lay.addLayout(tiles_row)
        lay.addWidget(self.units_label)
        lay.addLayout(bar)
        lay.addLayout(self.group_column, 1)
        views = [self.search, *(view for _b, _m, view in self.groups.values())]
        for first, second in zip(views, views[1:]):
            QWidget.setTabOrder(first, second)
        self.retranslate_ui()

    def view(self, group: str) -> QTableView:
        return self.groups[group][2]

    def load(self) -> None:
        self.today = dt.date.today()
        svc = self.ctx.services
        show_occupancy(self.tiles, svc.queries.occupancy())
        self.tiles["queue"].set_value(len(svc.queue.rows()))
        self.unit_rows = svc.units.occupancy()
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
        self.heading.setText(_("Deadlines on {day} (individual plans, monitoring, arrivals of persons offered a "
                               "place). Enter or a double click opens the person's card.").format(day=fdate(self.today)))
        self.search.retranslate_ui()
        for key, (box, model, _view) in self.groups.items():
            box.setTitle(_(GROUPS[key][0]).format(n=model.rowCount()))
            model.retranslate()
