"""The individual plan editor (Annex 4; R-14…R-18).

Dates of the plan (drawn up, observation period, plan period of up to one year, revision date), the
signatories, and the eight kinds of service (R-16) as tree nodes holding their activities: title, term
(week/month/quarter, R-17) shown through concrete dates, the specialist who assigned it and the date (R-18).
Activities come from the catalog of standard activities or are typed, and a typed one can be kept in the
catalog. Save draft goes through ``plans.create`` / ``plans.update_draft``; a refusal shows next to its
field (an activity's field selects that activity) and keeps everything typed. A plan that is not a draft
opens read-only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.domain.deadlines import max_plan_end, suggested_end, term_end
from app.domain.enums import ActivityTerm, PlanStatus, Role, ServiceKind
from app.domain.permissions import SIGNATURE_OF, RoleList, UseCase, kinds_of, may
from app.i18n import N_, M, Message, _
from app.services import ActivityInput, PlanInput
from app.services.plans import ActivityView, PlanView
from ui.context import Changed, Context
from ui.forms import DateField, EnumCombo, Form, GuardedDialog, attempt, line, set_bold
from ui.i18n import fdate
from ui.widgets.form_dialog import FormDialog, RoutedForm, enum_value, fit_to_screen, names_completer, show_dialog
from ui.widgets.icons import set_icons
from ui.widgets.permissions import guard
from ui.widgets.rules import set_rule_text
from ui.widgets.texts import capitalised

#: (signature code stored with the plan, label msgid) — * stationary/semi-stationary/temporary stay, ** home care
SIGNATORIES = (("social_worker", "Social work specialist"), ("psychologist", "Psychologist*"),
               ("medical", "Medical staff specialist*"), ("specialist", "Specialist"),
               ("consultant", "Social work consultant**"))

ACTIVITY_FIELDS = ("activity", "term", "activity_start", "activity_end", "specialist", "assigned_on")


@dataclass
class DraftActivity(ActivityInput):
    """An activity as typed so far (the tree item holds it); ``end_manual``: the end date was typed,
    not suggested from the term."""

    end_manual: bool = False

    @classmethod
    def from_view(cls, a: ActivityView) -> DraftActivity:
        return cls(a.kind, a.title, a.term, a.start_on, a.end_on, a.specialist, a.assigned_on, a.title_kk,
                   a.title_ru, end_manual=True)

    def as_input(self) -> ActivityInput:
        return ActivityInput(*(getattr(self, f.name) for f in dataclasses.fields(ActivityInput)))


#: which activity a refusal is about: the first one failing what the service checks for that field
LOCATE: dict[str, Callable[[DraftActivity, dt.date, dt.date], bool]] = {
    "activity": lambda a, _s, _e: not a.title.strip(),
    "specialist": lambda a, _s, _e: not a.specialist.strip(),
    "activity_end": lambda a, _s, _e: a.end_on < a.start_on or a.end_on > term_end(a.start_on, a.term),
    "activity_start": lambda a, s, e: a.start_on < s or a.end_on > e,
}


def _read_only(widget: QWidget) -> None:
    if isinstance(widget, (QLineEdit, QAbstractSpinBox, DateField)):
        widget.setReadOnly(True)
    else:
        widget.setEnabled(False)


class PlanEditor(GuardedDialog):
    def __init__(self, ctx: Context, resident_id: int, resident_name: str, plan: PlanView | None = None,
                 admitted_on: dt.date | None = None, period_start: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.resident_id, self.resident_name, self.plan = ctx, resident_id, resident_name, plan
        self.read_only = plan is not None and plan.status != PlanStatus.DRAFT
        self.dialog: QDialog | None = None
        self._loading = False
        self._catalog = ctx.services.plans.catalog()
        people = [s.full_name for s in ctx.services.people.staff()] + [ctx.actor.full_name]

        self.heading = set_bold(QLabel(), 2)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4d6; border: 1px solid #e0c77a; padding: 4px;")
        self.left_tabs = self._build_dates(people)
        self._build_tree()
        self.act_box, adder = self._build_activity(people)
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(4, 0, 0, 0)
        self.tree_label = QLabel()
        self.tree_label.setWordWrap(True)
        self.tree_label.setBuddy(self.tree)
        right_lay.addWidget(self.tree_label)
        right_lay.addWidget(self.tree, 1)
        right_lay.addLayout(adder)
        right_lay.addWidget(self.act_box)
        splitter = QSplitter()
        splitter.addWidget(self.left_tabs)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 880])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        root = QVBoxLayout(self)
        root.addWidget(self.heading)
        root.addWidget(self.banner)
        root.addWidget(splitter, 1)
        root.addWidget(self.buttons)

        self.tree.selectionModel().currentChanged.connect(lambda *_a: self._selection_changed())
        self.add_catalog_button.clicked.connect(self.add_from_catalog)
        self.add_own_button.clicked.connect(self.add_own)
        self.remove_button.clicked.connect(self.remove_activity)
        self.to_catalog_button.clicked.connect(self.save_to_catalog)
        for field in ACTIVITY_FIELDS:
            w = self.act_widget(field)
            signal = next(getattr(w, s) for s in ("textChanged", "dateChanged", "currentIndexChanged") if hasattr(w, s))
            signal.connect(lambda *_x, fld=field: self._activity_edited(fld))
        self.form.widget("period_start").dateChanged.connect(self._period_start_changed)
        self.form.widget("period_end").dateChanged.connect(self._period_end_edited)
        # the keys press the buttons, so a button held disabled (issue 10 point 5) holds its key too
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self,
                  self.buttons.button(QDialogButtonBox.StandardButton.Save).click)
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, self.add_own_button.click)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree, self.remove_button.click,
                  context=Qt.ShortcutContext.WidgetShortcut)

        self._period_end_manual = plan is not None
        with self._quiet():
            self._load(plan, admitted_on, period_start)
        if self.read_only:
            self._make_read_only()
        else:
            self._guard(plan is None)
        ctx.translator.language_changed.connect(self._language_changed)
        self.retranslate_ui()
        self.select_kind(ServiceKind.SOCIAL_HOUSEHOLD)
        self._selection_changed()
        fit_to_screen(self, 1280, 720)

    # --- building -------------------------------------------------------------------------------
    def _build_dates(self, people: list[str]) -> QTabWidget:
        """The plan's dates and, on a second tab, the signatories (long titles above their fields)."""
        self.form = RoutedForm()
        for name, label, optional in (("date", "Drawn up on", False), ("observation_start", "Observation from", True),
                                      ("observation_end", "Observation to (inclusive)", True),
                                      ("period_start", "Plan period from", False),
                                      ("period_end", "Plan period to (inclusive)", False),
                                      ("revision_date", "Revision date", True)):
            self.form.add(name, label, DateField(optional=optional), required=not optional).setMaximumWidth(170)
        self.signatures = Form()
        for form in (self.form, self.signatures):
            form.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for code, label in SIGNATORIES:
            w = self.signatures.add(code, label, line(max_length=300))
            w.setCompleter(names_completer(people, w))
            # the day the signature was put (empty: the day the name is entered in the program)
            signed_on = "signed_on_" + code
            self.signatures.add(signed_on, "Date signed", DateField(optional=True)).setMaximumWidth(170)
        self.form.route_form(self.signatures)
        self.footnote = QLabel()
        self.footnote.setWordWrap(True)
        sign_page = QWidget()
        sign_lay = QVBoxLayout(sign_page)
        sign_lay.addWidget(self.signatures)
        sign_lay.addWidget(self.footnote)
        sign_lay.addStretch(1)
        plan_page = QWidget()
        plan_lay = QVBoxLayout(plan_page)
        plan_lay.addWidget(self.form)
        plan_lay.addStretch(1)
        tabs = QTabWidget()
        tabs.addTab(plan_page, "")
        tabs.addTab(sign_page, "")
        tabs.setMinimumWidth(330)
        return tabs

    def _build_tree(self) -> None:
        """The eight kinds of service (R-16) as the top rows; their activities under them."""
        self.model = QStandardItemModel(0, 6, self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, 6):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.kind_items: dict[ServiceKind, QStandardItem] = {}
        for kind in ServiceKind:
            item = QStandardItem()
            item.setData(kind.value, Qt.ItemDataRole.UserRole)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            self.model.appendRow(item)
            self.tree.setFirstColumnSpanned(item.row(), self.model.invisibleRootItem().index(), True)
            self.kind_items[kind] = item

    def _build_activity(self, people: list[str]) -> tuple[QGroupBox, QHBoxLayout]:
        """Adding from the catalog or typing one's own; the selected activity: what and who on the left, the
        term and its dates on the right."""
        self.catalog_label = QLabel()
        self.catalog_combo = QComboBox()
        self.catalog_combo.setMinimumContentsLength(30)
        self.catalog_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.catalog_label.setBuddy(self.catalog_combo)
        self.add_catalog_button = QPushButton()
        self.add_own_button = QPushButton()
        self.remove_button = QPushButton()
        self.to_catalog_button = QPushButton()
        set_icons({self.add_catalog_button: "plus", self.add_own_button: "pencil", self.remove_button: "trash-2",
                   self.to_catalog_button: "book-open"})
        adder = QHBoxLayout()
        adder.addWidget(self.catalog_label)
        adder.addWidget(self.catalog_combo, 1)
        for b in (self.add_catalog_button, self.add_own_button, self.remove_button):
            adder.addWidget(b)
        self.act_form, self.act_dates = RoutedForm(), Form()
        self.act_form.add("activity", "Activity", line(max_length=1000), required=True)
        specialist = self.act_form.add("specialist", "Assigned by (specialist)", line(max_length=300), required=True)
        specialist.setCompleter(names_completer(people, specialist))
        self.act_form.add("assigned_on", "Assignment date", DateField(), required=True)
        self.act_dates.add("term", "Term", EnumCombo(ActivityTerm), required=True)
        self.act_dates.add("activity_start", "From", DateField(), required=True)
        self.act_dates.add("activity_end", "To (inclusive)", DateField(), required=True)
        self.act_form.route_form(self.act_dates)
        self.form.route(ACTIVITY_FIELDS, self._activity_error, self.act_form.clear_errors)
        box = QGroupBox()
        act_lay = QHBoxLayout(box)
        act_lay.addWidget(self.act_form, 3)
        act_right = QVBoxLayout()
        act_right.addWidget(self.act_dates)
        act_right.addStretch(1)
        act_right.addWidget(self.to_catalog_button, 0, Qt.AlignmentFlag.AlignRight)
        act_lay.addLayout(act_right, 2)
        return box, adder

    # --- loading -------------------------------------------------------------------------------
    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Fill widgets without taking it as the user's typing."""
        was, self._loading = self._loading, True
        try:
            yield
        finally:
            self._loading = was

    def _load(self, plan: PlanView | None, admitted_on: dt.date | None, period_start: dt.date | None) -> None:
        w = self.form.widget
        today = dt.date.today()
        if plan is None:
            start = period_start or today
            w("date").set_value(today)
            w("observation_start").set_value(admitted_on)
            w("observation_end").set_value(today if admitted_on else None)
            w("period_start").set_value(start)
            w("period_end").set_value(max_plan_end(start))
            self.signatures.widget("social_worker").setText(self.ctx.actor.full_name)
            return
        for name, value in (("date", plan.drawn_up_on), ("observation_start", plan.observation_start),
                            ("observation_end", plan.observation_end), ("period_start", plan.period_start),
                            ("period_end", plan.period_end), ("revision_date", plan.revision_date)):
            w(name).set_value(value)
        for code, _label in SIGNATORIES:
            self.signatures.widget(code).setText(plan.signatures.get(code, ""))
            self.signatures.widget(code).setCursorPosition(0)
            self.signatures.widget(f"signed_on_{code}").set_value(plan.signature_dates.get(code))
        for a in plan.activities:
            self._add_item(DraftActivity.from_view(a))
        self.tree.expandAll()

    def _guard(self, new: bool) -> None:
        """Issue 10 point 5: what the signed-in role may not change is disabled, saying who may. The other
        specialists change the activities of their own kinds and their own signature (the service checks
        which kinds); the dates and the others' signatures are the social work specialist's."""
        whole = UseCase.PLAN_CREATE if new else UseCase.PLAN_EDIT
        some = (whole,) if new else (whole, UseCase.PLAN_EDIT_OWN_KIND)
        for name in ("date", "observation_start", "observation_end", "period_start", "period_end", "revision_date"):
            guard(self.form.widget(name), self.ctx, whole)
        own = SIGNATURE_OF.get(self.ctx.actor.role)
        for code, _label in SIGNATORIES:
            for name in (code, f"signed_on_{code}"):
                guard(self.signatures.widget(name), self.ctx, *(some if code == own else (whole,)))
        for w in (self.buttons.button(QDialogButtonBox.StandardButton.Save), self.add_catalog_button,
                  self.add_own_button, self.remove_button, self.catalog_combo,
                  *(self.act_widget(name) for name in ACTIVITY_FIELDS)):
            guard(w, self.ctx, *some)
        guard(self.to_catalog_button, self.ctx, UseCase.CATALOG_ADD)

    def _make_read_only(self) -> None:
        for form, fields in ((self.form, ("date", "observation_start", "observation_end", "period_start",
                                          "period_end", "revision_date")),
                             (self.signatures, [n for c, _l in SIGNATORIES for n in (c, f"signed_on_{c}")])):
            for name in fields:
                _read_only(form.widget(name))
        for name in ACTIVITY_FIELDS:
            _read_only(self.act_widget(name))
        for b in (self.add_catalog_button, self.add_own_button, self.remove_button, self.to_catalog_button,
                  self.catalog_combo, self.catalog_label):
            b.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).hide()

    # --- the tree --------------------------------------------------------------------------------
    def act_widget(self, field: str) -> Any:
        """A field of the selected activity (a line edit, a choice or a date field, as Form.widget)."""
        return (self.act_dates if field in ("term", "activity_start", "activity_end") else self.act_form).widget(field)

    def activities(self) -> list[DraftActivity]:
        """Every activity, kind by kind in the form's order."""
        return [item.child(j).data(Qt.ItemDataRole.UserRole)
                for item in self.kind_items.values() for j in range(item.rowCount())]

    def _current_item(self) -> QStandardItem | None:
        index = self.tree.currentIndex()
        return self.model.itemFromIndex(index.siblingAtColumn(0)) if index.isValid() else None

    def current_activity(self) -> DraftActivity | None:
        item = self._current_item()
        value = item.data(Qt.ItemDataRole.UserRole) if item else None
        return value if isinstance(value, DraftActivity) else None

    def current_kind(self) -> ServiceKind:
        item = self._current_item()
        if item is None:
            return ServiceKind.SOCIAL_HOUSEHOLD
        value = item.data(Qt.ItemDataRole.UserRole)
        return value.kind if isinstance(value, DraftActivity) else ServiceKind(value)

    def _item_of(self, act: DraftActivity) -> QStandardItem | None:
        parent = self.kind_items[act.kind]
        return next((parent.child(j) for j in range(parent.rowCount())
                     if parent.child(j).data(Qt.ItemDataRole.UserRole) is act), None)

    def _add_item(self, act: DraftActivity) -> QStandardItem:
        row = [QStandardItem() for _c in range(6)]
        row[0].setData(act, Qt.ItemDataRole.UserRole)
        self.kind_items[act.kind].appendRow(row)
        self._item_texts(row[0], act)
        self._kind_text(act.kind)
        return row[0]

    @staticmethod
    def _item_texts(item: QStandardItem, a: DraftActivity) -> None:
        parent = item.parent()
        for col, text in enumerate((a.title or "…", a.term.text(), fdate(a.start_on), fdate(a.end_on), a.specialist,
                                    fdate(a.assigned_on))):
            parent.child(item.row(), col).setText(text)
        item.setToolTip(a.title)

    def _kind_text(self, kind: ServiceKind) -> None:
        item = self.kind_items[kind]
        n = list(ServiceKind).index(kind) + 1
        count = f" ({item.rowCount()})" if item.rowCount() else ""
        item.setText(f"{n}. {capitalised(kind.text())}{count}")

    def _set_current(self, item: QStandardItem) -> None:
        self.tree.setCurrentIndex(item.index())

    def select_kind(self, kind: ServiceKind) -> None:
        """Select a kind of service: the catalog then offers its standard activities."""
        self._set_current(self.kind_items[kind])

    def select_activity(self, act: DraftActivity) -> None:
        item = self._item_of(act)
        if item is not None:
            self._set_current(item)

    def _selection_changed(self) -> None:
        act = self.current_activity()
        own = self._keeps_kind()
        self.act_box.setEnabled(act is not None and own)
        self.remove_button.setEnabled(act is not None and own)
        self.add_catalog_button.setEnabled(own)
        self.add_own_button.setEnabled(own)
        self.to_catalog_button.setEnabled(act is not None)
        self._button_tips()
        self._fill_catalog()
        self.act_form.clear_errors()
        w = self.act_widget
        with self._quiet():
            if act is not None:
                w("activity").setText(act.title)
                w("activity").setCursorPosition(0)
                w("term").set_value(act.term)
                w("activity_start").set_value(act.start_on)
                w("activity_end").set_value(act.end_on)
                w("specialist").setText(act.specialist)
                w("assigned_on").set_value(act.assigned_on)
            else:
                w("activity").clear()
                w("specialist").clear()

    def _keeps_kind(self) -> bool:
        """R-16, R-18: the signed-in role changes the activities of the selected kind of service (the social
        work specialist and the director every kind, the other specialists their own)."""
        role = self.ctx.actor.role
        return may(role, UseCase.PLAN_EDIT) or self.current_kind() in kinds_of(role)

    def _button_tips(self) -> None:
        """The buttons' tooltips; for a kind of service the role does not keep, who keeps it."""
        if not self._keeps_kind():
            kind = self.current_kind()
            holders = tuple(r for r in Role if may(r, UseCase.PLAN_EDIT_OWN_KIND) and kind in kinds_of(r))
            tip = M("Only {roles} may do this.", roles=RoleList(holders)).render()
            for w in (self.add_catalog_button, self.add_own_button, self.remove_button, self.act_box):
                w.setToolTip(tip)
            return
        self.act_box.setToolTip("")
        self.add_catalog_button.setToolTip(_("Add the chosen standard activity under the selected kind of service."))
        self.add_own_button.setToolTip(_("Add an activity you type yourself (Ins)."))
        self.remove_button.setToolTip(_("Remove the selected activity from the plan (Del)."))

    def _fill_catalog(self) -> None:
        kind, lang = self.current_kind(), i18n.current_language()
        self.catalog_combo.clear()
        for entry_id, k, kk, ru in self._catalog:
            if k == kind:
                self.catalog_combo.addItem(kk if lang == "kk" else ru, (entry_id, kk, ru))
                self.catalog_combo.setItemData(self.catalog_combo.count() - 1, kk if lang == "kk" else ru,
                                               Qt.ItemDataRole.ToolTipRole)

    # --- adding and editing --------------------------------------------------------------------
    def _new(self, title: str) -> DraftActivity:
        kind = self.current_kind()
        w = self.form.widget
        start, end = w("period_start").value(), w("period_end").value()
        same_kind = [a for a in self.activities() if a.kind == kind and a.specialist]
        specialist = same_kind[-1].specialist if same_kind else self.ctx.actor.full_name
        act = DraftActivity(kind, title, ActivityTerm.MONTH, start, suggested_end(start, ActivityTerm.MONTH, end),
                            specialist, w("date").value())
        item = self._add_item(act)
        self.tree.setExpanded(self.kind_items[kind].index(), True)
        self._set_current(item)
        return act

    def add_from_catalog(self) -> DraftActivity | None:
        data = self.catalog_combo.currentData()
        if self.read_only or data is None:
            return None
        _id, kk, ru = data
        act = self._new(kk if i18n.current_language() == "kk" else ru)
        act.title_kk, act.title_ru = kk, ru  # kept in both languages for the printout (issue 9, point 23)
        self.act_widget("term").setFocus()
        return act

    def add_own(self) -> DraftActivity | None:
        if self.read_only:
            return None
        act = self._new("")
        self.act_widget("activity").setFocus()
        return act

    def remove_activity(self) -> None:
        act = self.current_activity()
        if self.read_only or act is None:
            return
        parent = self.kind_items[act.kind]
        if (item := self._item_of(act)) is not None:
            parent.removeRow(item.row())
        self._kind_text(act.kind)
        self._set_current(parent)

    def _activity_edited(self, field: str) -> None:
        act = self.current_activity()
        if self._loading or act is None:
            return
        w = self.act_widget
        act.title, act.term, act.specialist = w("activity").text(), enum_value(w("term")), w("specialist").text()
        if act.title.strip() not in (act.title_kk, act.title_ru):  # typed over: prints as typed
            act.title_kk = act.title_ru = None
        act.start_on, act.end_on, act.assigned_on = (w("activity_start").value(), w("activity_end").value(),
                                                     w("assigned_on").value())
        if field == "activity_end":
            act.end_manual = True
        elif field in ("term", "activity_start") and not act.end_manual:
            act.end_on = suggested_end(act.start_on, act.term, self.form.widget("period_end").value())
            with self._quiet():
                w("activity_end").set_value(act.end_on)
        if (item := self._item_of(act)) is not None:
            self._item_texts(item, act)

    def _period_start_changed(self) -> None:
        if not self._period_end_manual and not self.read_only:
            start = self.form.widget("period_start").value()
            with self._quiet():
                self.form.widget("period_end").set_value(max_plan_end(start))

    def _period_end_edited(self) -> None:
        if not self._loading:
            self._period_end_manual = True

    def save_to_catalog(self) -> FormDialog | None:
        """Keep the typed activity in the catalog of standard activities (both languages)."""
        act = self.current_activity()
        if act is None or self.read_only:
            return None
        plans, actor, kind = self.ctx.services.plans, self.ctx.actor, act.kind

        def add(d: FormDialog) -> int:
            return plans.add_catalog_entry(actor, kind, d.field("title_kk").text(), d.field("title_ru").text())

        d = FormDialog(self.ctx, "Save to the catalog of standard activities", Changed.CATALOG, add,
                       N_("The activity will be offered for this kind of service in every plan; "
                          "give its title in both languages."), self)
        d.form.add("title_kk", "Title in Kazakh", line(max_length=1000), required=True)
        d.form.add("title_ru", "Title in Russian", line(max_length=1000), required=True)
        d.form.route(["activity"], lambda _f, t: Form.set_error(
            d.form, "title_kk" if not d.field("title_kk").text().strip() else "title_ru", t), lambda: None)
        d.field("title_kk" if i18n.current_language() == "kk" else "title_ru").setText(act.title)
        d.ready()
        d.setWindowTitle(f"{d.windowTitle()} — {capitalised(kind.text())}")
        d.accepted.connect(self._reload_catalog)
        show_dialog(self, d)
        return d

    def _reload_catalog(self) -> None:
        self._catalog = self.ctx.services.plans.catalog()
        self._fill_catalog()

    # --- saving ------------------------------------------------------------------------------
    def _activity_error(self, field: str, text: str | Message) -> bool:
        acts = self.activities()
        w = self.form.widget
        start, end = w("period_start").value(), w("period_end").value()
        test = LOCATE.get(field)
        target = next((a for a in acts if test and test(a, start, end)), None) or self.current_activity() or \
            (acts[0] if acts else None)
        if target is None:
            return False
        self.select_activity(target)
        return self.act_form.set_error(field, text)

    def plan_input(self) -> PlanInput:
        w = self.form.widget
        return PlanInput(drawn_up_on=w("date").value(), period_start=w("period_start").value(),
                         period_end=w("period_end").value(), observation_start=w("observation_start").value(),
                         observation_end=w("observation_end").value(), revision_date=w("revision_date").value(),
                         activities=[a.as_input() for a in self.activities()],
                         signatures={code: self.signatures.widget(code).text().strip() for code, _l in SIGNATORIES
                                     if self.signatures.widget(code).text().strip()},
                         signature_dates={code: self.signatures.widget(f"signed_on_{code}").value()
                                          for code, _l in SIGNATORIES
                                          if self.signatures.widget(f"signed_on_{code}").value()})

    def save(self) -> bool:
        """Save the draft; on refusal the message shows next to its field and the dialog stays."""
        if self.read_only:
            return False
        plans, actor, data = self.ctx.services.plans, self.ctx.actor, self.plan_input()
        if self.plan is None:
            result = attempt(self, lambda: plans.create(actor, self.resident_id, data), self.form)
        else:
            plan = self.plan
            result = attempt(self, lambda: plans.update_draft(actor, plan.id, data, plan.version), self.form)
        if result is None:
            return False
        self.plan = result
        self.ctx.changed(Changed.PLANS, resident_id=result.resident_id)
        self.accept()
        return True

    # --- texts ---------------------------------------------------------------------------------
    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        p = self.plan
        self.setWindowTitle(_("Individual plan: {name}").format(name=self.resident_name))
        state = _("new plan") if p is None else \
            _("{status}, version {n}").format(status=p.status.text(), n=p.version_no)
        self.heading.setText(f"{_('Individual plan for the provision of special social services')} — "
                             f"{self.resident_name} ({state})")
        banner = ""
        if p is not None and p.status == PlanStatus.APPROVED:
            banner = _("Approved on {date} by {name}. An approved plan is read-only; correct it to make a new "
                       "version (R-19).").format(date=fdate(p.approved_on), name=p.approved_by or "")
        elif p is not None and p.status == PlanStatus.COMPLETED:
            banner = _("Completed on {date} and waiting for the director's approval; read-only.").format(
                date=fdate(p.completed_on))
        elif p is not None and p.status == PlanStatus.SUPERSEDED:
            banner = _("Superseded by a correction; read-only.")
        elif p is not None and p.correction_note:
            banner = _("Correction of version {n}: {note}").format(n=p.version_no - 1, note=p.correction_note)
        if p is not None and p.status == PlanStatus.DRAFT and p.return_note:  # the director's comment comes first
            returned = _("Returned for changes on {date} by {name}: {note}").format(
                date=fdate(p.returned_on), name=p.returned_by or "", note=p.return_note)
            banner = returned + ("\n" + banner if banner else "")
        set_rule_text(self.banner, banner)
        self.banner.setVisible(bool(banner))
        self.left_tabs.setTabText(0, _("Plan"))
        self.left_tabs.setTabText(1, _("Signatures"))
        self.footnote.setText(_("* filled by stationary, semi-stationary and temporary stay organisations; "
                                "** filled by home care organisations."))
        self.form.retranslate_ui()
        self.signatures.retranslate_ui()
        self.act_form.retranslate_ui()
        self.act_dates.retranslate_ui()
        set_rule_text(self.tree_label, _("&Activities assigned according to the recipient's individual needs, "
                                  "by kind of service (R-16):"))
        self.model.setHorizontalHeaderLabels([_("Kind of service / activity"), _("Term"), _("From"), _("To"),
                                              _("Assigned by"), _("Assigned on")])
        for kind in ServiceKind:
            self._kind_text(kind)
        for act in self.activities():
            if (item := self._item_of(act)) is not None:
                self._item_texts(item, act)
        self.catalog_label.setText(_("Standard a&ctivity:"))
        self._fill_catalog()
        self.catalog_combo.setToolTip(_("The catalog of standard activities for the selected kind of service."))
        self.add_catalog_button.setText(_("A&dd"))
        self.add_own_button.setText(_("Add &own…"))
        self.remove_button.setText(_("Re&move"))
        self._button_tips()
        self.to_catalog_button.setText(_("Save to the catalo&g…"))
        self.to_catalog_button.setToolTip(_("Keep this activity in the catalog of standard activities."))
        self.act_box.setTitle(_("Selected activity"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Save draft"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
