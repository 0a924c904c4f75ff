"""The director's approval of an individual plan (R-15, R-18): the plan itself, its activities by kind of
service, then "Approve" or "Return for changes" with a comment that the plan's authors see in the editor.

A dialog over the services only: the approval and the return are one use case each
(``PlansService.approve`` / ``return_for_changes``); a refusal shows under its field and nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.domain.enums import ServiceKind
from app.domain.permissions import UseCase
from app.i18n import N_, _
from app.services.plans import PlanView
from ui.context import Changed, Context
from ui.forms import DateField, Form, attempt, text_box
from ui.i18n import fdate
from ui.widgets.permissions import guard


def _period(start: dt.date, end: dt.date) -> str:
    return f"{fdate(start)} – {fdate(end)}"


class PlanApprovalDialog(QDialog):
    """Shows ``plan`` of ``name`` for the director; ``outcome`` is "approved" or "returned" after success."""

    COLUMNS = (N_("Activity"), N_("Term"), N_("Period"), N_("Specialist"))

    def __init__(self, ctx: Context, name: str, plan: PlanView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.name, self.plan = ctx, name, plan
        self.outcome: str | None = None
        self.result_view: PlanView | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.activities = QTreeWidget()
        self.activities.setColumnCount(len(self.COLUMNS))
        self.activities.setRootIsDecorated(True)
        self.activities.setUniformRowHeights(False)
        self.activities.setWordWrap(True)
        self.activities.setMinimumHeight(200)
        header = self.activities.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.form = Form()
        self.form.add("date", "Date", DateField(), required=True)
        self.form.add("return_note", "What to change", text_box(70))
        self.buttons = QDialogButtonBox()
        self.approve_button = QPushButton()
        self.return_button = QPushButton()
        self.buttons.addButton(self.approve_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.return_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        guard(self.approve_button, ctx, UseCase.PLAN_APPROVE)  # issue 10 point 5
        guard(self.return_button, ctx, UseCase.PLAN_RETURN)
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_for_changes)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.activities, 1)
        lay.addWidget(self.form)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(760)
        ctx.translator.language_changed.connect(lambda _l: self.retranslate_ui())
        self.retranslate_ui()
        self.resize(1100, 620)  # fits a 1366×768 screen with room for the task bar
        self.form.widget("date").setFocus()

    def field(self, name: str) -> QWidget:
        return self.form.widget(name)

    # --- the plan ---------------------------------------------------------------------------------------
    def _fill(self) -> None:
        lang = i18n.current_language()
        self.activities.clear()
        for kind in ServiceKind:  # by kind of service, in the plan's order
            acts = [a for a in self.plan.activities if a.kind == kind]
            if not acts:
                continue
            label = kind.text()
            top = QTreeWidgetItem([label[:1].upper() + label[1:]])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.activities.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for a in acts:  # a title picked from the catalogue reads in the interface's language
                title = {"kk": a.title_kk, "ru": a.title_ru}.get(lang) or a.title
                item = QTreeWidgetItem([title, a.term.text(), _period(a.start_on, a.end_on), a.specialist])
                item.setToolTip(0, title)  # a long title is elided in the column: whole in its tooltip
                top.addChild(item)
            top.setExpanded(True)

    def retranslate_ui(self) -> None:
        p = self.plan
        self.setWindowTitle(_("Approve the plan"))
        lines = [_("{name}: individual plan, version {version}, for {period}.").format(
            name=self.name, version=p.version_no, period=_period(p.period_start, p.period_end)),
            _("Drawn up on {drawn}, completed on {completed}.").format(
                drawn=fdate(p.drawn_up_on), completed=fdate(p.completed_on))]
        if p.correction_note:
            lines.append(_("Correction: {note}").format(note=p.correction_note))
        lines.append(_("Approve the plan, or return it to its authors with what to change."))
        self.heading.setText("\n".join(lines))
        self.activities.setHeaderLabels([_(c) for c in self.COLUMNS])
        self._fill()
        self.form.retranslate_ui()
        self.approve_button.setText(_("&Approve"))
        self.return_button.setText(_("&Return for changes"))
        self.cancel_button.setText(_("Cancel"))

    # --- the two decisions ------------------------------------------------------------------------------
    def _run(self, outcome: str, call: Callable[[], PlanView]) -> bool:
        done = attempt(self, call, self.form)
        if done is None:
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))  # room for the messages
            return False
        self.outcome, self.result_view = outcome, done
        self.ctx.changed(Changed.PLANS, resident_id=done.resident_id)
        self.accept()
        return True

    def approve(self) -> bool:
        plans, actor, p = self.ctx.services.plans, self.ctx.actor, self.plan
        return self._run("approved", lambda: plans.approve(actor, p.id, self.form.widget("date").value(), p.version))

    def return_for_changes(self) -> bool:
        plans, actor, p = self.ctx.services.plans, self.ctx.actor, self.plan
        return self._run("returned", lambda: plans.return_for_changes(
            actor, p.id, self.form.widget("date").value(), self.form.widget("return_note").toPlainText(), p.version))

    def confirmation(self) -> str:
        """What was done, for the status bar."""
        if self.outcome == "approved":
            return _("The plan of {name} was approved on {date}.").format(
                name=self.name, date=fdate(self.result_view.approved_on if self.result_view else None))
        return _("The plan of {name} was returned to its authors for changes.").format(name=self.name)

