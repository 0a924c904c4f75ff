"""Plans & monitoring: every resident holding a place with the current individual plan (Annex 4), its
status and the next deadline as a badge; draw up, complete, approve (the director), correct (R-19) and
record the quarterly monitoring (Annex 5).

The first half holds the building blocks the plan, monitoring, staff and organisation screens share:
a searchable sortable table panel, a small form dialog, a form that shows errors of fields living
elsewhere, and the deadline badge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import deadlines as dl
from app.domain.enums import DeadlineKind, PlanStatus
from app.domain.permissions import UseCase
from app.domain.roster import HOLDS_PLACE
from app.i18n import N_, _
from app.services.plans import PlanView
from app.services.queries import DeadlineRow, ResidentRow
from ui.context import Context, Page
from ui.forms import DateField, EnumCombo, Form, GuardedDialog, attempt, set_bold, text_box
from ui.i18n import fdate
from ui.models.deadlines import deadline_tooltip as shared_tooltip
from ui.models.lateness import late_column
from ui.models.table import ROW_ROLE, SORT_ROLE, Column, RowsModel, name_column
from ui.widgets.permissions import guard

# ------------------------------------------------------------------------------------------------
# shared building blocks
# ------------------------------------------------------------------------------------------------

#: a deadline this many days ahead or less is "due soon" (amber badge): the "in 14 days" bucket and nearer
SOON_DAYS = dl.SOON_DAYS
_D = TypeVar("_D", bound=QDialog)  # the dialog shown
#: the badge's meaning in words (tooltips), for whoever does not tell the colours apart
URGENCY_TEXT = {"overdue": "Overdue", "soon": "Due soon"}


def urgency(deadline: DeadlineRow | None, today: dt.date) -> str | None:
    """``"overdue"`` (red), ``"soon"`` (amber: today, in 7 or in 14 days) or None — from the one bucket
    function of app.domain.deadlines."""
    if deadline is None:
        return None
    near = dl.bucket(deadline.due, today)
    if near == dl.Bucket.OVERDUE:
        return "overdue"
    return None if near == dl.Bucket.LATER else "soon"


def deadline_text(d: DeadlineRow | None) -> str:
    return f"{DeadlineKind(d.kind).text()}: {fdate(d.due)}" if d else ""


def deadline_tooltip(d: DeadlineRow | None) -> str:
    """The bucket (overdue, today, in 7 days, in 14 days, later), the rule and the basis (ui.models.deadlines)."""
    return shared_tooltip(d, dt.date.today())


def iso(day: dt.date | None) -> str:
    """A sort key for an optional date (the proxy compares strings reliably)."""
    return day.isoformat() if day else ""


def period_text(start: dt.date | None, end: dt.date | None) -> str:
    return f"{fdate(start)} – {fdate(end)}" if start or end else ""


def enum_value(combo: EnumCombo):
    """The chosen member of an EnumCombo as the enum itself (Qt hands a str-based enum back as plain str)."""
    value = combo.value()
    return None if value is None else combo.enum_cls(value)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Open at ``width``×``height`` or the available screen, whichever is smaller (1366×768 laptops)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    avail = screen.availableGeometry()
    widget.resize(min(width, avail.width() - 24), min(height, avail.height() - 48))


def names_completer(names: Iterable[str], parent: QWidget) -> QCompleter:
    c = QCompleter(sorted(set(names)), parent)
    c.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    c.setFilterMode(Qt.MatchFlag.MatchContains)
    return c


class BadgeDelegate(QStyledItemDelegate):
    """Paints the cell text as a coloured pill: red when overdue, amber when due soon."""

    COLOURS = {"overdue": ("#c0392b", "#ffffff"), "soon": ("#f0a30a", "#1a1a1a")}

    def __init__(self, state: Callable[[Any], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        colours = self.COLOURS.get(self.state(index.data(ROW_ROLE)) or "")
        if colours is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        fm = opt.fontMetrics
        height = fm.height() + 4
        width = min(fm.horizontalAdvance(text) + 22, opt.rect.width() - 6)
        pill = QRectF(opt.rect.left() + 3, opt.rect.center().y() - height / 2 + 1, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colours[0]))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor(colours[1]))
        painter.setFont(opt.font)
        painter.drawText(pill.adjusted(10, 0, -8, 0), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         fm.elidedText(text, Qt.TextElideMode.ElideRight, int(pill.width()) - 18))
        painter.restore()


class TablePanel(QWidget):
    """A table of plain rows: RowsModel → QSortFilterProxyModel (SORT_ROLE), sortable headers, a search box
    filtering as you type, Enter (or a double click) activates the row. The owner adds its buttons to
    ``buttons`` and calls :func:`install_keys` for Ctrl+F and Ins.

    ``activated`` (Enter or double click) and ``current_changed`` (another row selected) are the view's own
    signals, passed on as they are (no Python signal re-emitted at every keystroke). Read the row with
    :meth:`current`.
    Rows for which ``muted(row)`` is true are greyed."""

    def __init__(self, columns: Sequence[Column], key: Callable[[Any], Any] = lambda r: r.id,
                 select_first: bool = True, parent: QWidget | None = None,
                 muted: Callable[[Any], bool] | None = None) -> None:
        super().__init__(parent)
        self.key, self.select_first = key, select_first
        self.model = RowsModel(columns, self, muted)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortLocaleAware(True)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("search")
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.count_label = QLabel()
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setHighlightSections(False)
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        self.buttons = QHBoxLayout()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        lay.addLayout(self.buttons)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._search_enter)
        self.activated = self.view.activated
        self.current_changed = self.view.selectionModel().selectionChanged
        self.retranslate_ui()

    # --- rows -------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace the rows, keeping the selected one (by key) when it is still there."""
        was = self.current()
        self.model.set_rows(rows)
        header = self.view.horizontalHeader()
        header.setResizeContentsPrecision(60)  # fit to the first rows, not every one of thousands
        self.view.resizeColumnsToContents()
        for c in range(self.model.columnCount() - 1):
            header.resizeSection(c, min(max(header.sectionSize(c), 60), 380))
        if not (was is not None and self.select(self.key(was))) and self.select_first and self.proxy.rowCount():
            self.view.selectRow(0)
        self._count()

    def current(self) -> Any | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def select(self, key: Any) -> bool:
        for r in range(self.proxy.rowCount()):
            if self.key(self.proxy.index(r, 0).data(ROW_ROLE)) == key:
                self.view.selectRow(r)
                self.view.scrollTo(self.proxy.index(r, 0))
                return True
        return False

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if self.current() is None and self.proxy.rowCount() and self.select_first:
            self.view.selectRow(0)
        self._count()

    def _search_enter(self) -> None:
        if self.proxy.rowCount():
            if self.current() is None:
                self.view.selectRow(0)
            self.view.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _count(self) -> None:
        self.count_label.setText(_("{shown} of {total}").format(shown=self.proxy.rowCount(),
                                                                 total=self.model.rowCount()))

    def retranslate_ui(self) -> None:
        self.search_label.setText(_("&Search:"))
        self.search.setPlaceholderText(_("Type to filter (Ctrl+F)"))
        self.model.retranslate()
        self._count()


def install_keys(owner: QWidget, panels: Sequence[TablePanel], add: dict[TablePanel, Callable[[], object]]) -> None:
    """Ctrl+F focuses the search box and Ins adds, in the panel holding the focus (else the first)."""

    def active() -> TablePanel:
        focus = QApplication.focusWidget()
        return next((p for p in panels if focus is not None and p.isAncestorOf(focus)), panels[0])

    def do_add() -> None:
        fn = add.get(active()) or add.get(panels[0])
        if fn:
            fn()

    QShortcut(QKeySequence(QKeySequence.StandardKey.Find), owner, lambda: active().focus_search())
    QShortcut(QKeySequence(Qt.Key.Key_Insert), owner, do_add)


class RoutedForm(Form):
    """A Form that also shows a refusal for fields living elsewhere: in another Form (``route_form``) or
    somewhere custom (``route``: a callable that shows the text and returns True)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._routes: dict[str, Callable[[str, str], bool]] = {}
        self._others: list[Form] = []
        self._clearers: list[Callable[[], None]] = []

    def route(self, fields: Iterable[str], show: Callable[[str, str], bool], clear: Callable[[], None]) -> None:
        """Errors about ``fields`` go to ``show(field, text)``; ``clear`` removes what it showed."""
        for f in fields:
            self._routes[f] = show
        self._clearers.append(clear)

    def route_form(self, other: Form) -> None:
        """Errors about ``other``'s fields show there."""
        self._others.append(other)
        self._clearers.append(other.clear_errors)

    def alias(self, field: str, to: str) -> None:
        """Errors about ``field`` (a service field code) show next to this form's ``to``."""
        self._routes[field] = lambda _f, t: Form.set_error(self, to, t)

    def set_error(self, field: str | None, text: str, focus: bool = True) -> bool:
        if field in self._routes:
            return self._routes[field](field, text)
        return super().set_error(field, text, focus) or any(o.set_error(field, text, focus) for o in self._others)

    def clear_errors(self) -> None:
        super().clear_errors()
        for clear in self._clearers:
            clear()


class FormDialog(GuardedDialog):
    """A small dialog over one form. Save runs ``action`` through the services; on refusal the message
    shows next to its field and everything typed stays. On success: ``ctx.changed(topic)`` and close."""

    def __init__(self, ctx: Context, title: str, topic: str, action: Callable[[FormDialog], Any],
                 note: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.title, self.topic, self.action, self.note_msgid = ctx, title, topic, action, note
        self.result_value: Any = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        self.form = RoutedForm()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.note)
        lay.addWidget(self.form)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(480)
        ctx.translator.language_changed.connect(self._language_changed)

    def field(self, name: str) -> Any:
        return self.form.widget(name)

    def save(self) -> bool:
        def run() -> bool:
            self.result_value = self.action(self)
            return True

        if not attempt(self, run, self.form):  # the messages are shown, the window grown to show them
            return False
        self.ctx.changed(self.topic)
        self.accept()
        return True

    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_(self.title))
        if self.note_msgid:
            self.note.setText(_(self.note_msgid))
        self.form.retranslate_ui()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def ready(self) -> FormDialog:
        """Call after the fields are added: texts set, size fitted."""
        self.retranslate_ui()
        self.adjustSize()
        return self


def show_dialog(owner: QWidget, dialog: _D, on_done: Callable[[], None] | None = None) -> _D:
    """Open ``dialog`` window-modal without blocking (``owner.dialog`` keeps it for keyboard and tests)."""
    setattr(owner, "dialog", dialog)  # noqa: B010 - whichever widget owns it (a page, a dialog) holds it
    dialog.finished.connect(dialog.deleteLater)
    if on_done is not None:
        dialog.accepted.connect(on_done)
    dialog.open()
    return dialog


def action_button(parent_layout: QHBoxLayout, slot: Callable[[], Any]) -> QPushButton:
    b = QPushButton()
    b.clicked.connect(slot)
    parent_layout.addWidget(b)
    return b


# ------------------------------------------------------------------------------------------------
# the page
# ------------------------------------------------------------------------------------------------

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
        self.table.view.setItemDelegateForColumn(5, BadgeDelegate(lambda r: urgency(r.deadline, self.today)
                                                                   if r else None, self.table.view))
        bar = self.table.buttons
        self.new_button = action_button(bar, self.new_plan)
        self.open_button = action_button(bar, self.open_plan)
        self.complete_button = action_button(bar, self.complete_plan)
        self.approve_button = action_button(bar, self.approve_plan)
        self.correct_button = action_button(bar, self.correct_plan)
        self.monitoring_button = action_button(bar, self.record_monitoring)
        for button, use_case in ((self.new_button, UseCase.PLAN_CREATE), (self.complete_button, UseCase.PLAN_COMPLETE),
                                 (self.approve_button, UseCase.PLAN_APPROVE),
                                 (self.correct_button, UseCase.PLAN_CORRECT),
                                 (self.monitoring_button, UseCase.MONITORING_RECORD)):
            guard(button, ctx, use_case)  # issue 10 point 5: held disabled, the tooltip says who may
        bar.addStretch(1)
        self.legend = QLabel()
        bar.addWidget(self.legend)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.filter_label)
        top.addWidget(self.filter)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
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
    def _data_changed(self, topic: str) -> None:
        if topic in ("plans", "residents", "organisation"):
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
        d = FormDialog(self.ctx, title, "plans", call, note, self)
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
