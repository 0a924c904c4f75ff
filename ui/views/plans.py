"""Plans & monitoring: every resident holding a place with the current individual plan (Annex 4), its
status and the next deadline as a badge; draw up, complete, approve (the director), correct (R-19) and
record the quarterly monitoring (Annex 5).

The building blocks it shares with the monitoring, staff and organisation screens (the table panel, the
small form dialog, the deadline badge) live in ui/widgets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain import deadlines as dl
from app.domain.enums import DeadlineKind, PlanStatus
from app.domain.permissions import UseCase
from app.domain.roster import HOLDS_PLACE
from app.domain.typed_dates import iso
from app.i18n import N_, _
from app.services.plans import PlanView
from app.services.queries import DeadlineRow, ResidentRow
from ui.context import Change, Changed, Context, Page
from ui.dialogs.movements import AdmitDialog, open_admission
from ui.forms import DateField, set_bold, text_box
from ui.i18n import fdate
from ui.models.deadlines import deadline_text, deadline_tooltip, urgency
from ui.models.lateness import late_column
from ui.models.table import Column, name_column
from ui.widgets.buttons import action_button
from ui.widgets.empty_state import EmptyState
from ui.widgets.form_dialog import FormDialog, show_dialog
from ui.widgets.icons import set_icons
from ui.widgets.permissions import guard
from ui.widgets.tables import BadgeDelegate, TablePanel, install_keys
from ui.widgets.texts import period_text

#: a deadline this many days ahead or less is "due soon" (amber badge): the "in 14 days" bucket and nearer
SOON_DAYS = dl.SOON_DAYS


@dataclass(frozen=True)
class PlanRow:
    """A resident holding a place, with the current plan and the open deadlines."""

    resident: ResidentRow
    plan: PlanView | None            # the latest plan that is not superseded
    approved: PlanView | None        # the latest approved plan (monitored, corrected)
    deadline: DeadlineRow | None     # the nearest open deadline
    monitoring: DeadlineRow | None   # the open monitoring deadline, if any
    awaiting: bool                   # completed, waiting for the director's approval

    @property
    def id(self) -> int:
        return self.resident.id


FILTERS = (("all", "All residents"), ("awaiting", "Awaiting approval"), ("monitoring", "Monitoring due or late"))


def plan_lateness(r: PlanRow) -> tuple:
    """R-15: the late steps of the current plan and, while a correction waits, of the approved one."""
    plans = [p for p in (r.approved, r.plan) if p is not None]
    return tuple(x for i, p in enumerate(plans) if p not in plans[:i] for x in p.late)


def plan_status_text(r: PlanRow) -> str:
    if r.plan is None:
        return _("no plan")
    return _("{status}, version {n}").format(status=r.plan.status.text(), n=r.plan.version_no)


class PlansPage(Page):
    title = "Plans & monitoring"

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog: QDialog | None = None
        self.today = dt.date.today()
        self._all: list[PlanRow] = []
        self.heading = set_bold(QLabel(), 3)
        self.filter_label = QLabel()
        self.filter = QComboBox()
        self.filter_label.setBuddy(self.filter)
        for code, _msgid in FILTERS:
            self.filter.addItem("", code)
        cols = [
            name_column(N_("Resident"), lambda r: r.resident.full_name),
            Column(N_("Room"), lambda r: r.resident.room or "", lambda r: (r.resident.room or "").zfill(8)),
            Column(N_("Plan"), plan_status_text, lambda r: (r.plan.status.value if r.plan else "") + iso(
                r.plan.period_start if r.plan else None)),
            Column(N_("Plan period"), lambda r: period_text(r.plan.period_start, r.plan.period_end) if r.plan else "",
                   lambda r: iso(r.plan.period_start) if r.plan else ""),
            Column(N_("Approved"), lambda r: fdate(r.approved.approved_on) if r.approved else "",
                   lambda r: iso(r.approved.approved_on) if r.approved else ""),
            Column(N_("Next deadline"), lambda r: deadline_text(r.deadline),
                   lambda r: iso(r.deadline.due) if r.deadline else "9999",
                   tooltip=lambda r: deadline_tooltip(r.deadline)),
            late_column(plan_lateness, short=True),
        ]
        self.table = TablePanel(cols)
        self.table.uncapped = (0,)  # the name in full; the next deadline says its date first (deadline_text)
        self.table.view.setItemDelegateForColumn(5, BadgeDelegate(lambda r: urgency(r.deadline, self.today)
                                                                   if r else None, self.table.view))
        bar = self.table.buttons
        self.new_button = action_button(bar, self.new_plan)
        self.open_button = action_button(bar, self.open_plan)
        self.complete_button = action_button(bar, self.complete_plan)
        self.approve_button = action_button(bar, self.approve_plan)
        self.correct_button = action_button(bar, self.correct_plan)
        self.monitoring_button = action_button(bar, self.record_monitoring)
        set_icons({self.new_button: "file-plus", self.open_button: "file-text", self.complete_button: "check",
                   self.approve_button: "badge-check", self.correct_button: "pencil", self.monitoring_button: "activity"})
        for button, use_case in ((self.new_button, UseCase.PLAN_CREATE), (self.complete_button, UseCase.PLAN_COMPLETE),
                                 (self.approve_button, UseCase.PLAN_APPROVE),
                                 (self.correct_button, UseCase.PLAN_CORRECT),
                                 (self.monitoring_button, UseCase.MONITORING_RECORD)):
            guard(button, ctx, use_case)  # issue 10 point 5: held disabled, the tooltip says who may
        bar.addStretch(1)
        self.legend = QLabel()  # on its own line: beside six buttons with icons it made the screen too wide
        self.legend.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.filter_label)
        top.addWidget(self.filter)
        # issue 12 point 8: nobody holds a place, so nobody to plan for: say what comes first (a filter that
        # finds no one keeps the table)
        self.admit_dialog: AdmitDialog | None = None
        self.empty = EmptyState(
            ctx, self.table, self.table.model, "clipboard-list", N_("No one receives services yet"),
            N_("Admit a person first: an individual plan is drawn up for each person who holds a place."),
            [(N_("&Admit…"), "user-plus", self.admit, UseCase.ADMIT)], is_empty=lambda: not self._all)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.empty, 1)
        lay.addWidget(self.legend)
        install_keys(self, [self.table], {self.table: self.new_plan})
        self.filter.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.table.current_changed.connect(lambda *_a: self._update_actions())
        self.table.activated.connect(lambda _index: self.open_plan())
        ctx.data_changed.connect(self._data_changed)
        QWidget.setTabOrder(self.filter, self.table.search)
        QWidget.setTabOrder(self.table.search, self.table.view)
        self.retranslate_ui()
        self.refresh()

    # --- data ----------------------------------------------------------------------------------
    def _data_changed(self, change: Change) -> None:
        if change.concerns(Changed.PLANS, Changed.RESIDENTS, Changed.ORGANISATION):
            self.refresh()

    def refresh(self) -> None:
        svc, self.today = self.ctx.services, dt.date.today()
        _total, residents = svc.queries.residents(statuses=tuple(HOLDS_PLACE), on=self.today)
        by_resident: dict[int | None, list[DeadlineRow]] = {}  # None: the organisation's own
        for d in svc.queries.deadlines(self.today):
            by_resident.setdefault(d.resident_id, []).append(d)
        awaiting = {p.id for p in svc.plans.awaiting_approval()}
        current = svc.plans.current_plans([r.id for r in residents])
        rows = []
        for r in residents:
            plans = current.get(r.id, [])
            approved = [p for p in plans if p.status == PlanStatus.APPROVED]
            open_ = by_resident.get(r.id, [])
            rows.append(PlanRow(r, plans[-1] if plans else None, approved[-1] if approved else None,
                                open_[0] if open_ else None,
                                next((d for d in open_ if d.kind == DeadlineKind.MONITORING.value), None),
                                bool(plans) and plans[-1].id in awaiting))
        self._all = rows
        self._apply_filter()
        self._filter_counts()

    def rows(self, code: str) -> list[PlanRow]:
        if code == "awaiting":
            return [r for r in self._all if r.awaiting]
        if code == "monitoring":
            return [r for r in self._all if urgency(r.monitoring, self.today)]
        return list(self._all)

    def set_filter(self, code: str) -> None:
        self.filter.setCurrentIndex(self.filter.findData(code))

    def _apply_filter(self) -> None:
        self.table.set_rows(self.rows(self.filter.currentData() or "all"))
        self._update_actions()

    def _filter_counts(self) -> None:
        for i, (code, msgid) in enumerate(FILTERS):
            self.filter.setItemText(i, f"{_(msgid)} ({len(self.rows(code))})")

    def current(self) -> PlanRow | None:
        return self.table.current()

    # --- actions -------------------------------------------------------------------------------
    def _update_actions(self) -> None:
        r = self.current()
        status = r.plan.status if r and r.plan else None
        self.new_button.setEnabled(r is not None and status in (None, PlanStatus.APPROVED))
        self.open_button.setEnabled(r is not None and r.plan is not None)
        self.complete_button.setEnabled(status == PlanStatus.DRAFT)
        self.approve_button.setEnabled(status == PlanStatus.COMPLETED)
        self.correct_button.setEnabled(status == PlanStatus.APPROVED)
        self.monitoring_button.setEnabled(r is not None and r.approved is not None)
        self.approve_button.setToolTip(_("The director approves a completed plan (\"Approve\", R-15, R-18)."))

    def _editor(self, r: PlanRow, plan: PlanView | None) -> None:
        from ui.dialogs.plan_editor import PlanEditor

        start = r.plan.period_end + dt.timedelta(days=1) if r.plan and plan is None else None
        show_dialog(self, PlanEditor(self.ctx, r.resident.id, r.resident.full_name, plan,
                                     admitted_on=r.resident.admitted_on, period_start=start, parent=self))

    def admit(self) -> AdmitDialog:
        """The empty list's way on: the admission dialog (the list follows the admission by itself)."""
        self.admit_dialog = open_admission(self.ctx, self, lambda _id: None, self.admit_dialog)
        return self.admit_dialog

    def new_plan(self) -> None:
        r = self.current()
        if r is not None and self.new_button.isEnabled():
            self._editor(r, None)

    def open_plan(self) -> None:
        r = self.current()
        if r is None:
            return
        if r.plan is None:
            self.new_plan()
        else:
            self._editor(r, self.ctx.services.plans.get(r.plan.id))

    def _dated_action(self, title: str, note: str, call: Callable[[FormDialog], Any],
                      reason: bool = False) -> FormDialog:
        r = self.current()
        d = FormDialog(self.ctx, title, Changed.PLANS, call, note, self, resident_id=r.resident.id if r else None)
        d.form.add("date", "Date", DateField(), required=True)
        if reason:
            d.form.add("reason", "Reason for the correction", text_box(70), required=True)
        d.ready()
        show_dialog(self, d)
        return d

    def complete_plan(self) -> None:
        r = self.current()
        if r and r.plan:
            plans, actor, plan = self.ctx.services.plans, self.ctx.actor, r.plan
            self._dated_action("Complete the plan", N_("The completed plan goes to the director for approval (R-15)."),
                               lambda d: plans.complete(actor, plan.id, d.field("date").value(), plan.version))

    def approve_plan(self) -> None:
        """The director reads the plan, then approves it or returns it for changes with a comment (R-15, R-18);
        for anyone else the service refuses and says why."""
        from ui.dialogs.plan_approval import PlanApprovalDialog

        r = self.current()
        if r and r.plan:
            d = PlanApprovalDialog(self.ctx, r.resident.full_name, self.ctx.services.plans.get(r.plan.id), self)
            show_dialog(self, d, lambda: self.ctx.tell(d.confirmation(), d.plan.resident_id))

    def correct_plan(self) -> None:
        r = self.current()
        if r and r.approved:
            plans, actor, plan = self.ctx.services.plans, self.ctx.actor, r.approved
            self._dated_action("Correct the plan",
                               N_("A correction after monitoring makes a new draft version of the plan (R-19); "
                                  "the approved one stays in force until the new version is approved."),
                               lambda d: plans.correct(actor, plan.id, d.field("date").value(),
                                                       d.field("reason").toPlainText()), reason=True)

    def record_monitoring(self) -> None:
        from ui.dialogs.monitoring import MonitoringDialog

        r = self.current()
        show_dialog(self, MonitoringDialog(self.ctx, r.approved.id if r and r.approved else None, parent=self))

    # --- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(_("Individual plans and monitoring"))
        self.filter_label.setText(_("Sho&w:"))
        self._filter_counts()
        self.table.retranslate_ui()
        for button, text, tip in (
                (self.new_button, "&New plan…", "Draw up an individual plan for the selected resident (Ins)."),
                (self.open_button, "&Open…", "Open the selected resident's current plan (Enter); "
                                             "a draft can be edited, others are read-only."),
                (self.complete_button, "Co&mplete…", "Mark the draft plan completed (R-15)."),
                (self.correct_button, "Co&rrect…", "Correct the approved plan after monitoring: a new version (R-19)."),
                (self.monitoring_button, "Record moni&toring…", "Record the quarterly monitoring (R-20…R-25).")):
            button.setText(_(text))
            button.setToolTip(_(tip))
        self.approve_button.setText(_("&Approve…"))
        self.legend.setText(_("Deadlines: red overdue, amber due within {n} days").format(n=SOON_DAYS))
        self._update_actions()
