"""The queue of persons in need in its legal order (R-03, R-05, R-06), the vacancies above it,
and the actions on an application (offer, postpone, no-show, admit …, R-07, R-08).

The table, search, button and tile helpers it shares with the journal and the dashboard live in ui/widgets."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import OrgType, QueueOutcome, QueuePriority
from app.domain.permissions import UseCase
from app.domain.queue import QueueScreen, why_not
from app.domain.roster import Occupancy
from app.domain.typed_dates import iso
from app.i18n import N_, _, ngettext
from app.services.queue import QueueRow
from ui.context import Changed, Context
from ui.dialogs.queue_dialogs import (
    ActionDialog,
    AdmitDialog,
    NoShowDialog,
    OfferDialog,
    OutOfTurnDialog,
    PostponeDialog,
    RecertificationDialog,
    RegisterDialog,
    WithdrawDialog,
)
from ui.i18n import fdate, fdatetime
from ui.models.table import ROW_ROLE, Column, RowsModel, name_column
from ui.widgets.buttons import ActionButton
from ui.widgets.empty_state import EmptyState
from ui.widgets.form_dialog import run_modal
from ui.widgets.icons import set_icons
from ui.widgets.pages import LivePage
from ui.widgets.permissions import guard
from ui.widgets.rules import set_rule_text
from ui.widgets.tables import RIGHT, SearchBox, keep_fitted, table_view
from ui.widgets.tiles import occupancy_tiles, show_occupancy

_A = TypeVar("_A", bound=ActionDialog)  # a queue action's dialog


def current_row(view: QTableView):
    """The plain row under the cursor of ``view`` (None when nothing is selected)."""
    index = view.currentIndex()
    return index.data(ROW_ROLE) if index.isValid() else None


# --- the queue page ----------------------------------------------------------------------------------
def _postponement(r: QueueRow) -> str:
    if r.postponed_days is None:
        return ""
    return ngettext("{n} day", "{n} days", r.postponed_days).format(n=r.postponed_days)


def _name_tip(r: QueueRow) -> str:
    ipr = _("IPR valid until") + ": " + fdate(r.ipr_until) if r.ipr_until else ""
    ground = ", ".join(p for p in (r.out_of_turn_ground.text() if r.out_of_turn_ground else "",
                                   r.out_of_turn_from or "") if p)
    left = _("Left (or will leave) the children's organisation on") + ": " + fdate(r.out_of_turn_left_on) \
        if r.out_of_turn_left_on else ""  # R-06: the day the age is checked against
    return "\n".join(p for p in (r.full_name, ground, left, r.priority_reason or "", ipr) if p)


def _postponement_tip(r: QueueRow) -> str:
    """R-07: the notice the arrival was moved on."""
    if r.notice_received_on is None:
        return ""
    return _("Notice received {day}, signed by {sender}: {cause}").format(
        day=fdate(r.notice_received_on), sender=r.notice_from.text() if r.notice_from else "",
        cause=r.postponement_cause.text() if r.postponement_cause else "")


def _reason(r: QueueRow) -> str:
    """The reason for the position; under it, for an application the portal marks out of turn whose ground is not
    recorded yet (R-06: it stands in the order of arrival), the portal's claim."""
    return "\n".join(p for p in (r.reason.render(), r.portal_claim.render() if r.portal_claim else "") if p)


def _reason_tip(r: QueueRow) -> str:
    """The reason with the rules behind it: the position's, and R-06 for the portal's claim."""
    return f"{_reason(r)} ({r.rule}{', R-06' if r.portal_claim else ''})"


QUEUE_COLUMNS: list[Column[QueueRow]] = [
    Column(N_("No."), lambda r: str(r.position), lambda r: r.position, RIGHT),
    name_column(N_("Full name"), lambda r: r.full_name, tooltip=_name_tip),
    Column(N_("IIN"), lambda r: r.iin or ""),
    Column(N_("Received"), lambda r: fdatetime(r.received_at), lambda r: iso(r.received_at)),
    Column(N_("In the queue since"), lambda r: fdatetime(r.standing_since), lambda r: iso(r.standing_since)),
    Column(N_("Status"), lambda r: r.outcome.text()),
    Column(N_("Arrival deadline"), lambda r: fdate(r.arrival_deadline), lambda r: iso(r.arrival_deadline)),
    Column(N_("Postponement"), _postponement, lambda r: r.postponed_days or 0, tooltip=_postponement_tip),
    # the rule behind the position only in the reason's tooltip: no column of codes
    Column(N_("Reason for the position"), _reason, tooltip=_reason_tip),
]


#: dialog, button msgid, shortcut, whether the selected application allows it (grid order: two rows of four)
#: dialog, button, key, and the action whose refusal reasons (app.domain.queue.why_not) disable the button
ACTIONS: list[tuple[type[ActionDialog], str, str, str]] = [
    (OutOfTurnDialog, N_("Out of &turn"), "Ctrl+T", "out_of_turn"),
    (RecertificationDialog, N_("Re-&certification"), "Ctrl+E", "recertify"),
    (WithdrawDialog, N_("&Withdraw"), "Ctrl+Del", "withdraw"),
    (OfferDialog, N_("&Offer a place"), "Ctrl+O", "offer"),
    (PostponeDialog, N_("&Postpone arrival"), "Ctrl+D", "postpone"),
    (NoShowDialog, N_("Did &not arrive"), "Ctrl+Shift+N", "no_show"),
    (AdmitDialog, N_("&Admit"), "Ctrl+M", "admit"),
]


#: issue 10 point 5: the use case behind each button
USE_CASES: dict[type[ActionDialog], UseCase] = {
    OutOfTurnDialog: UseCase.QUEUE_OUT_OF_TURN, RecertificationDialog: UseCase.QUEUE_RECERTIFY,
    WithdrawDialog: UseCase.QUEUE_WITHDRAW, OfferDialog: UseCase.QUEUE_OFFER, PostponeDialog: UseCase.QUEUE_POSTPONE,
    NoShowDialog: UseCase.QUEUE_NO_SHOW, AdmitDialog: UseCase.ADMIT}


class QueuePage(LivePage):
    title = N_("Queue")
    #: the applications, the persons, the places taken and vacant (R-03)
    follows = (Changed.QUEUE, Changed.RESIDENTS, Changed.MOVEMENTS, Changed.ORGANISATION)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        tiles_row, self.tiles = occupancy_tiles(self, 14)
        self.model: RowsModel[QueueRow] = RowsModel(QUEUE_COLUMNS, self)
        self.view = table_view(self.model, self)
        self.view.activated.connect(lambda index: ctx.open_resident.emit(index.data(ROW_ROLE).resident_id))
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())
        keep_fitted(self.view, stretch=len(QUEUE_COLUMNS) - 1, uncapped=(1,), wrap=True)  # the reason (last) wraps
        self.search = SearchBox(self, [self.view])
        self.count = QLabel()
        self.search.textChanged.connect(lambda _t: self._count())
        self.register_button = ActionButton(self, N_("&Register a paper application"), "Ctrl+N", self.register)
        self.print_button = ActionButton(self, N_("&Print the queue…"), "Ctrl+P", self.print_)
        self.places: Occupancy | None = None  # known once loaded
        self.org_type: OrgType | None = None
        self.buttons = {dialog: (ActionButton(self, msgid, key, partial(self.run, dialog)), action)
                        for dialog, msgid, key, action in ACTIONS}
        guard(self.register_button, ctx, UseCase.QUEUE_REGISTER)  # issue 10 point 5
        for dialog, (button, _action) in self.buttons.items():
            guard(button, ctx, USE_CASES[dialog])
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        top.addWidget(self.print_button)
        actions = QGridLayout()  # two rows, so the Kazakh and Russian captions fit at 1366 pixels
        for i, button in enumerate([self.register_button, *(b for b, _a in self.buttons.values())]):
            actions.addWidget(button, i // 4, i % 4)
        actions.setColumnStretch(4, 1)
        # issue 12 point 8: an empty queue says how to fill it; icons on every action
        self.empty = EmptyState(
            ctx, self.view, self.model, "list-ordered", N_("No one is in the queue"),
            N_("Register a paper application, or import the applications from the portal's file."),
            [(N_("&Register a paper application"), "file-plus", self.register, UseCase.QUEUE_REGISTER),
             (N_("Import the queue from the portal…"), "download", self.import_from_portal, UseCase.PORTAL_IMPORT)])
        set_icons({self.register_button: RegisterDialog.icon_name, self.print_button: "printer",  # the dialogs' own
                   **{button: dialog.icon_name for dialog, (button, _a) in self.buttons.items()}})
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addLayout(tiles_row)
        lay.addLayout(top)
        lay.addWidget(self.empty, 1)
        lay.addLayout(actions)
        order = [self.search, self.view, self.register_button, *(b for b, _a in self.buttons.values())]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        self._enable()
        self.retranslate_ui()

    # --- data -------------------------------------------------------------------------------------
    def load(self) -> None:
        keep = self.current()
        self.model.set_rows(self.ctx.services.queue.rows())
        self.places = self.ctx.services.queries.occupancy()
        self.org_type = self.ctx.services.organisation.get().org_type
        show_occupancy(self.tiles, self.places)
        if not (keep and self.select(keep.application_id)) and self.model.rowCount():
            self.view.selectRow(0)  # the first in line, so the keyboard can act at once
        self._enable()
        self._count()

    def current(self) -> QueueRow | None:
        return current_row(self.view)

    def select(self, application_id: int) -> bool:
        proxy = self.view.model()
        for r in range(proxy.rowCount()):
            index = proxy.index(r, 0)
            if index.data(ROW_ROLE).application_id == application_id:
                self.view.setCurrentIndex(index)
                self.view.selectRow(r)
                return True
        return False

    def _enable(self) -> None:
        """Issue 12 point 5: a button whose action the rules refuse now is disabled, its tooltip saying why."""
        row = self.current()
        first = next((r for r in self.model.rows() if r.outcome == QueueOutcome.WAITING), None)
        screen = QueueScreen((first.application_id, first.full_name, first.reason) if first else None,
                             self.places, self.org_type, dt.date.today()) \
            if self.places is not None and self.org_type is not None else None
        for button, action in self.buttons.values():
            why = None if row is None or screen is None else why_not(
                action, row.application_id, row.outcome, row.priority == QueuePriority.OUT_OF_TURN,
                row.postponed_days is not None, row.arrival_deadline, screen)
            button.setEnabled(row is not None and screen is not None and why is None)
            reason = why.render() if why is not None else None if row is not None else \
                _("Select an application in the table first.")
            button.setToolTip(f"{button.hint()}\n{reason}" if reason else button.hint())

    def _count(self) -> None:
        n, shown = self.model.rowCount(), self.view.model().rowCount()  # the search filters the view's proxy
        self.count.setText(ngettext("{shown} of {n} application", "{shown} of {n} applications", n).format(
            shown=shown, n=n) if shown != n else ngettext("{n} application", "{n} applications", n).format(n=n))

    # --- actions ----------------------------------------------------------------------------------
    def _exec(self, dialog: _A) -> _A | None:
        try:
            return dialog if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def print_(self) -> None:
        from ui.dialogs.preview import open_preview

        open_preview(self, self.ctx, N_("Queue"), "queue", "queue")

    def import_from_portal(self) -> None:
        from ui.dialogs.portal_import import PortalImportWizard

        run_modal(PortalImportWizard(self.ctx, self))

    def register(self) -> None:
        done = self._exec(RegisterDialog(self.ctx, None, self))
        if done is not None:
            self.refresh()
            self.select(done.outcome.application_id)

    def run(self, dialog_cls: type[ActionDialog], row: QueueRow | None = None) -> ActionDialog | None:
        row = row or self.current()
        if row is None:
            return None
        done = self._exec(dialog_cls(self.ctx, row, self))
        if done is not None:
            self.refresh()
            self.select(row.application_id)
            if isinstance(done, NoShowDialog):
                self.offer_next(row, done.outcome)
        return done

    def offer_next(self, missed: QueueRow, nxt: QueueRow | None) -> None:
        """R-08: the person did not arrive; the place goes to the next in line."""
        title = _("Next in line")
        if nxt is None:
            QMessageBox.information(self, title, _("{name} did not arrive. No one else is waiting in the queue.")
                                    .format(name=missed.full_name))
            return
        question = _("{name} did not arrive. Next in line: {next} ({reason}). Offer them the place now?").format(
            name=missed.full_name, next=nxt.full_name, reason=nxt.reason.render())
        if QMessageBox.question(self, title, question) == QMessageBox.StandardButton.Yes:
            self.select(nxt.application_id)
            self.run(OfferDialog, nxt)

    # --- language ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        set_rule_text(self.heading, _("Persons in need, in the legal order: out of turn first (R-06), then by the "
                                      "time the place was first claimed (R-03, R-05). Enter opens the person's card."))
        for tile in self.tiles.values():
            tile.retranslate_ui()
        self.search.retranslate_ui()
        self.register_button.retranslate_ui()
        self.print_button.retranslate_ui()
        for button, _action in self.buttons.values():
            button.retranslate_ui()
        self.model.retranslate()
        self._count()
        self._enable()  # the reasons in the tooltips, in the new language
