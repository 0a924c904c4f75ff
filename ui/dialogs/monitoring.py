"""Recording the monitoring of an approved plan (Annex 5; R-20…R-25).

The monitoring date, the specialist, whether it is an interim (monthly, R-22) entry, and a grid of the eight
kinds of service: the mark (positive / no change / worse), the positive changes described, the reason when
there is no change or it got worse, and the decision on correcting the plan (R-23). On the left, the
residents whose quarterly monitoring is due or late; picking one keeps what was typed for the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ChangeMark, DeadlineKind, Role, ServiceKind
from app.domain.permissions import RoleList, UseCase, kinds_of, may
from app.i18n import N_, M, Message, _, current_language
from app.services import MonitoringRowInput
from app.services.plans import PlanView
from app.services.queries import DeadlineRow
from ui.context import Changed, Context
from ui.forms import ERROR_STYLE, DateField, EnumCombo, GuardedDialog, attempt, line, set_bold, text_box
from ui.i18n import fdate
from ui.models.deadlines import deadline_tooltip, urgency
from ui.models.table import Column, name_column
from ui.widgets.form_dialog import RoutedForm, enum_value, fit_to_screen, names_completer
from ui.widgets.forms import MessageLabel
from ui.widgets.permissions import guard
from ui.widgets.rules import set_rule_text
from ui.widgets.tables import BadgeDelegate, TablePanel, install_keys
from ui.widgets.texts import capitalised, period_text

GRID_HEADERS = ("No.", "Kind of service", "Mark", "Positive changes (describe)",
                "No change or worse (give the reason)",
                "Decision on correcting the plan (which kind of service to revise, recommendations)")
GRID_FIELDS = ("kind", "positive_text", "no_change_reason")


@dataclass
class GridRow:
    kind: ServiceKind
    number: QLabel
    label: QLabel
    mark: EnumCombo
    positive: QPlainTextEdit
    reason: QPlainTextEdit
    correction: QPlainTextEdit

    def state(self) -> tuple:
        return (enum_value(self.mark), self.positive.toPlainText(), self.reason.toPlainText(),
                self.correction.toPlainText())

    def restore(self, state: tuple) -> None:
        mark, positive, reason, correction = state
        self.mark.set_value(mark)
        self.positive.setPlainText(positive)
        self.reason.setPlainText(reason)
        self.correction.setPlainText(correction)

    def as_input(self) -> MonitoringRowInput | None:
        mark = enum_value(self.mark)
        if mark is None:
            return None
        return MonitoringRowInput(self.kind, mark, self.positive.toPlainText().strip() or None,
                                  self.reason.toPlainText().strip() or None,
                                  self.correction.toPlainText().strip() or None)


#: which grid cell a refusal is about: (the row test, the widget to mark)
LOCATE: dict[str, tuple[Callable[[GridRow], bool], Callable[[GridRow], QWidget]]] = {
    "positive_text": (lambda r: enum_value(r.mark) == ChangeMark.POSITIVE and not r.positive.toPlainText().strip(),
                      lambda r: r.positive),
    "no_change_reason": (lambda r: enum_value(r.mark) in (ChangeMark.NO_CHANGE, ChangeMark.WORSE)
                         and not r.reason.toPlainText().strip(), lambda r: r.reason),
    "kind": (lambda r: enum_value(r.mark) is not None, lambda r: r.mark),
}


def due_monitoring(deadlines: list[DeadlineRow], today: dt.date) -> list[DeadlineRow]:
    """R-20: the residents whose quarterly monitoring is overdue or due soon."""
    return [d for d in deadlines if d.kind == DeadlineKind.MONITORING.value and urgency(d, today)]


class MonitoringDialog(GuardedDialog):
    def __init__(self, ctx: Context, plan_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = dt.date.today()
        self.plan: PlanView | None = None
        self.resident_name = ""
        self.previous: list = []
        self._drafts: dict[int, tuple] = {}
        self._marked: QWidget | None = None
        # the residents due
        self.due_title = set_bold(QLabel())
        self.due_title.setWordWrap(True)
        self.due = TablePanel([
            name_column(N_("Resident"), lambda d: d.full_name),
            Column(N_("Due by"), lambda d: fdate(d.due), lambda d: d.due.isoformat(), tooltip=deadline_tooltip),
        ], key=lambda d: d.plan_id, select_first=False)
        self.due.view.setItemDelegateForColumn(1, BadgeDelegate(lambda d: urgency(d, self.today) if d else None,
                                                                self.due.view))
        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 4, 0)
        left.setMinimumWidth(330)  # the names and dates of those due: read, not cut to their first letters
        left_lay.addWidget(self.due_title)
        left_lay.addWidget(self.due, 1)
        # the monitoring
        self.heading = set_bold(QLabel(), 2)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.form = RoutedForm()
        self.form.add("monitoring_date", "Monitoring date", DateField(), required=True).setMaximumWidth(160)
        specialist = self.form.add("specialist", "Specialist who carried out the monitoring", line(max_length=300),
                                   required=True)
        specialist.setCompleter(names_completer([s.full_name for s in ctx.services.people.staff()]
                                                + [ctx.actor.full_name], specialist))
        self.interim = self.form.add("interim", "Interim entry", QCheckBox())
        self.form.alias("date", "monitoring_date")
        self.form.route(GRID_FIELDS, self._grid_error, self._clear_grid_error)
        self.grid_error = MessageLabel()
        self.headers = [QLabel() for _h in GRID_HEADERS]
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(2, 2, 2, 2)
        grid.setVerticalSpacing(4)
        for c, lab in enumerate(self.headers):
            lab.setWordWrap(True)
            set_bold(lab)
            grid.addWidget(lab, 0, c, Qt.AlignmentFlag.AlignBottom)
        self.rows: list[GridRow] = []
        for i, kind in enumerate(ServiceKind, start=1):
            row = GridRow(kind, QLabel(f"{i}."), QLabel(), EnumCombo(ChangeMark, optional=True),
                          text_box(42), text_box(42), text_box(42))
            row.label.setWordWrap(True)
            row.mark.setObjectName(f"mark_{kind.value}")
            for c, w in enumerate((row.number, row.label, row.mark, row.positive, row.reason, row.correction)):
                grid.addWidget(w, i, c, Qt.AlignmentFlag.AlignTop if c < 3 else Qt.AlignmentFlag(0))
            row.mark.currentIndexChanged.connect(self._grid_changed)
            for t in (row.positive, row.reason, row.correction):
                t.textChanged.connect(self._grid_changed)
            self.rows.append(row)
        for c, stretch in enumerate((0, 0, 0, 1, 1, 1)):
            grid.setColumnStretch(c, stretch)
        grid.setColumnMinimumWidth(1, 140)
        grid.setColumnMinimumWidth(2, 150)
        scroll = QScrollArea()
        scroll.setWidget(grid_widget)
        scroll.setWidgetResizable(True)
        self.grid_box = QGroupBox()
        box_lay = QVBoxLayout(self.grid_box)
        box_lay.addWidget(self.grid_error)
        box_lay.addWidget(scroll, 1)
        self.right = QWidget()
        right_lay = QVBoxLayout(self.right)
        right_lay.setContentsMargins(4, 0, 0, 0)
        right_lay.addWidget(self.heading)
        right_lay.addWidget(self.info)
        right_lay.addWidget(self.form)
        right_lay.addWidget(self.grid_box, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 1000])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        root = QVBoxLayout(self)
        root.addWidget(splitter, 1)
        root.addWidget(self.buttons)
        install_keys(self, [self.due], {})
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        guard(save, ctx, UseCase.MONITORING_RECORD)  # issue 10 point 5 (the service checks the kinds of service)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, save.click)
        ctx.translator.language_changed.connect(self._language_changed)
        self.due.set_rows(due_monitoring(ctx.services.queries.deadlines(self.today), self.today))
        if plan_id is not None:
            self.due.select(plan_id)
            self.set_plan(plan_id)
        self.due.current_changed.connect(self._due_changed)
        self.retranslate_ui()
        self._enable()
        fit_to_screen(self, 1320, 720)
        (self.form.widget("monitoring_date") if self.plan else self.due.search).setFocus()

    # --- switching plans: what was typed is kept per plan ------------------------------------
    def _state(self) -> tuple:
        w = self.form.widget
        return (w("monitoring_date").value(), w("specialist").text(), self.interim.isChecked(),
                [r.state() for r in self.rows])

    def _restore(self, state: tuple) -> None:
        day, specialist, interim, rows = state
        w = self.form.widget
        w("monitoring_date").set_value(day)
        w("specialist").setText(specialist)
        self.interim.setChecked(interim)
        for r, s in zip(self.rows, rows):
            r.restore(s)

    def _due_changed(self, *_args: object) -> None:
        row = self.due.current()
        if row is not None:
            self.set_plan(row.plan_id)

    def set_plan(self, plan_id: int) -> None:
        if self.plan is not None and self.plan.id == plan_id:
            return
        if self.plan is not None:
            self._drafts[self.plan.id] = self._state()
        svc = self.ctx.services
        self.plan = svc.plans.get(plan_id)
        self.resident_name = svc.residents.get(self.plan.resident_id).full_name
        self.previous = svc.plans.monitoring_for(plan_id)
        day = min(max(self.today, self.plan.period_start), self.plan.period_end)
        self._restore(self._drafts.pop(plan_id, ()) or
                      (day, self.ctx.actor.full_name, False, [(None, "", "", "")] * len(self.rows)))
        self.form.clear_errors()
        self._enable()
        self._texts()

    def _enable(self) -> None:
        self.right.setEnabled(self.plan is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self.plan is not None)

    # --- errors in the grid --------------------------------------------------------------------
    def _grid_error(self, field: str, text: str | Message) -> bool:
        test, widget = LOCATE[field]
        row = next((r for r in self.rows if test(r)), self.rows[0])
        self._marked = widget(row)
        self._marked.setStyleSheet(ERROR_STYLE)
        self._marked.setFocus()
        self.grid_error.say(text)
        return True

    def _clear_grid_error(self) -> None:
        if self._marked is not None:
            self._marked.setStyleSheet("")
            self._marked = None
        self.grid_error.hide()

    def _grid_changed(self) -> None:
        if self._marked is not None and self.sender() is self._marked:
            self._clear_grid_error()

    # --- saving --------------------------------------------------------------------------------
    def row_inputs(self) -> list[MonitoringRowInput]:
        return [x for x in (r.as_input() for r in self.rows) if x is not None]

    def save(self) -> bool:
        if self.plan is None:
            return False
        plans, actor, plan, w = self.ctx.services.plans, self.ctx.actor, self.plan, self.form.widget
        day, specialist, interim, rows = (w("monitoring_date").value(), w("specialist").text(),
                                          self.interim.isChecked(), self.row_inputs())
        result = attempt(self, lambda: plans.record_monitoring(actor, plan.id, day, specialist, rows, interim),
                         self.form)
        if result is None:
            return False
        self.result_value = result
        self.ctx.changed(Changed.PLANS, resident_id=plan.resident_id)
        self.accept()
        return True

    # --- texts ---------------------------------------------------------------------------------
    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def _texts(self) -> None:
        p = self.plan
        if p is None:
            self.heading.setText(_("Choose a resident from the list on the left."))
            self.info.setText("")
            return
        self.heading.setText(_("Monitoring of the individual plan: {name}").format(name=self.resident_name))
        earlier = "; ".join((_("{date} (interim)") if m.interim else _("{date} (quarterly)")).format(
            date=fdate(m.monitoring_date)) for m in self.previous) or _("none yet")
        self.info.setText(_("Plan for {period}, version {n}. Earlier monitoring: {earlier}.").format(
            period=period_text(p.period_start, p.period_end), n=p.version_no, earlier=earlier))
        planned: dict[ServiceKind, list[str]] = {}
        for a in p.activities:
            # a title picked from the catalogue reads in the interface's language (as in the approval dialog)
            planned.setdefault(a.kind, []).append({"kk": a.title_kk, "ru": a.title_ru}.get(current_language())
                                                  or a.title)
        for r in self.rows:
            r.label.setText(capitalised(r.kind.text()))
            font = r.label.font()
            font.setBold(r.kind in planned)
            r.label.setFont(font)
            r.label.setToolTip("\n".join(planned.get(r.kind, [])) or _("No activities of this kind in the plan."))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Monitoring journal: record the monitoring"))
        self.due_title.setText(_("Monitoring due or late"))
        self.due.retranslate_ui()
        self.form.retranslate_ui()
        set_rule_text(self.interim, _("monthly mark between quarterly monitorings, when the condition changes (R-22)"))
        self.grid_box.setTitle(_("State of the recipient by kind of service"))
        self.grid_error.retranslate_ui()
        for lab, msgid in zip(self.headers, GRID_HEADERS):
            lab.setText(_(msgid))
        own = kinds_of(self.ctx.actor.role)
        for r in self.rows:
            if r.kind not in own:  # each specialist marks their own kinds of service
                holders = tuple(x for x in Role if may(x, UseCase.MONITORING_RECORD) and r.kind in kinds_of(x))
                tip = M("Only {roles} may do this.", roles=RoleList(holders)).render()
                for w in (r.mark, r.positive, r.reason, r.correction):
                    w.setEnabled(False)
                    w.setToolTip(tip)
            r.mark.retranslate_ui()
            r.positive.setPlaceholderText(_("what improved"))
            r.reason.setPlaceholderText(_("why"))
            r.correction.setPlaceholderText(_("revise this kind: recommendations"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self._texts()
