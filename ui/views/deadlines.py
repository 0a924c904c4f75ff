"""Every deadline in one place (issue 13 point 1) on a chosen date: drawing up, completing and approving the
plan (R-15), the plan's end (R-14), quarterly monitoring (R-20) and monitoring written late (R-21), the IPR
expiring (R-05), the arrival of a person offered a place and its postponement (R-07, R-08), admission
documents missing (R-11), the organisation's licence and service contract (R-28). Each says how near it is —
overdue, today, in 7 days, in 14 days, later — with the rule in the tooltip; Enter or a double click opens
its record (the resident's card on the right tab, the queue application, the organisation's profile)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.enums import DeadlineKind
from app.i18n import N_, _, ngettext
from app.services.queries import DeadlineRow
from ui.context import Context
from ui.forms import DateField
from ui.i18n import fnumber
from ui.models.deadlines import BUCKET_CHOICES, DEADLINE_COLUMNS, bucket_counts, bucket_of
from ui.models.table import ROW_ROLE, RowsModel
from ui.widgets.empty_state import EmptyState
from ui.widgets.pages import LivePage
from ui.widgets.tables import SearchBox, keep_fitted, table_view


class DeadlinesPage(LivePage):
    title = N_("Deadlines")

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[DeadlineRow] = []
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.on_label, self.bucket_label, self.kind_label = QLabel(), QLabel(), QLabel()
        self.on = DateField()
        self.on.setObjectName("deadlines_on")
        self.on.set_value(dt.date.today())
        self.bucket = QComboBox()
        self.bucket.setObjectName("bucket")
        for value, _msgid in BUCKET_CHOICES:
            self.bucket.addItem("", value)
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.kind.addItem("", None)
        for k in DeadlineKind:
            self.kind.addItem("", k.value)
        for label, field in ((self.on_label, self.on), (self.bucket_label, self.bucket), (self.kind_label, self.kind)):
            label.setBuddy(field)
        self.model: RowsModel[DeadlineRow] = RowsModel(DEADLINE_COLUMNS, self)
        self.view = table_view(self.model, self)
        self.view.setObjectName("deadlines")
        # the basis (last) takes the width left and wraps: read whole, not run off the window's edge
        keep_fitted(self.view, stretch=len(DEADLINE_COLUMNS) - 1, cap=300, wrap=True)
        self.view.activated.connect(lambda index: self.ctx.open_deadline.emit(index.data(ROW_ROLE)))
        self.search = SearchBox(self, [self.view])
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        bar = QHBoxLayout()
        for w in (self.on_label, self.on, self.bucket_label, self.bucket, self.kind_label, self.kind):
            bar.addWidget(w)
        bar.addWidget(self.search, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addLayout(bar)
        lay.addWidget(self.counts)
        self.empty = EmptyState(ctx, self.view, self.model, "circle-check-big", N_("Nothing is due here"),
                                N_("No deadline falls in the period and kind chosen. Deadlines of plans, monitoring, "
                                   "arrivals and documents appear here as they come."))
        lay.addWidget(self.empty, 1)
        for first, second in zip((self.on, self.bucket, self.kind, self.search), (self.bucket, self.kind, self.search,
                                                                                   self.view)):
            QWidget.setTabOrder(first, second)
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(250)
        self._reload.timeout.connect(self.refresh)
        self.on.dateChanged.connect(lambda _d: self._reload.start())
        self.bucket.currentIndexChanged.connect(lambda _i: self._filter())
        self.kind.currentIndexChanged.connect(lambda _i: self._filter())
        self.retranslate_ui()

    def load(self) -> None:
        self._reload.stop()
        day = self.on.value() or dt.date.today()
        self.rows = self.ctx.services.queries.deadlines(day)
        self._filter()

    def _filter(self) -> None:
        bucket, kind = self.bucket.currentData(), self.kind.currentData()
        self.model.set_rows([d for d in self.rows if (bucket is None or bucket_of(d) == bucket)
                             and (kind is None or d.kind == kind)])
        self._count()

    def _count(self) -> None:
        counts = bucket_counts(self.rows)
        parts = [f"{_(value.msgid)}: {fnumber(counts[value])}" for value, _m in BUCKET_CHOICES if value is not None]
        n = self.model.rowCount()
        self.counts.setText(ngettext("{n} deadline shown", "{n} deadlines shown", n).format(n=fnumber(n))
                            + " · " + " · ".join(parts))

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Every deadline on the date: plans, monitoring, arrivals, IPR, admission documents, "
                               "the licence and the service contract. The rule is in the tooltip; Enter or a double "
                               "click opens the record."))
        self.on_label.setText(_("&On"))
        self.bucket_label.setText(_("&When"))
        self.kind_label.setText(_("&What"))
        for i, (_value, msgid) in enumerate(BUCKET_CHOICES):
            self.bucket.setItemText(i, _(msgid))
        self.kind.setItemText(0, _("All"))
        for i, k in enumerate(DeadlineKind, 1):
            self.kind.setItemText(i, k.text())
        self.search.retranslate_ui()
        self.model.retranslate()
        self._count()
