"""Organisation: the register profile (R-28), the working-day calendar's changes (days made working or
non-working by decree) and the plan and monitoring deadline settings with the source of their defaults.

The profile is saved whole (``organisation.update`` overwrites every register field), so it can be saved
only when ``organisation.get()`` returns every field of ``OrganisationInput``; a field the service does not
return is shown disabled and saving stays off, rather than erasing what is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from babel.dates import format_date
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.domain.calendar import WorkCalendar
from app.domain.deadlines import SETTING_LABELS, DeadlineRules, RuleSource, SourceKind, act_limit
from app.domain.enums import OrgType, RecipientCategory
from app.domain.permissions import UseCase
from app.domain.queue import MAX_ARRIVAL_DAYS
from app.i18n import N_, Message, _
from app.services import OrganisationInput
from app.services.organisation import OrganisationView
from ui.context import Change, Changed, Context, Page
from ui.forms import DateField, EnumCombo, Form, attempt, line, set_bold, spin, text_box
from ui.i18n import fdate
from ui.models.table import Column
from ui.widgets.buttons import action_button
from ui.widgets.form_dialog import FormDialog, RoutedForm, enum_value, show_dialog
from ui.widgets.icons import set_icons
from ui.widgets.permissions import guard
from ui.widgets.rules import set_rule_text
from ui.widgets.tables import TablePanel, install_keys
from ui.widgets.texts import capitalised
from ui.widgets.units import UnitsTab

#: every register field the profile edits (all of OrganisationInput but the demo flag)
PROFILE_FIELDS = tuple(f.name for f in fields(OrganisationInput) if f.name != "is_demo")


class EnumChecks(QListWidget):
    """A checkable list over a LabelledEnum (several may be chosen)."""

    def __init__(self, enum_cls, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enum_cls = enum_cls
        for member in enum_cls:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, member.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setSpacing(1)
        self.setUniformItemSizes(True)
        self.valueChanged = self.itemChanged  # noqa: N815 - the name Form listens to
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        blocked = self.blockSignals(True)  # a text said anew is no edit: the error shown under the list stays
        for i in range(self.count()):
            item = self.item(i)
            item.setText(self.enum_cls(item.data(Qt.ItemDataRole.UserRole)).text())
        # every row whole, check box and text, once the texts are in: no scrolling, nothing overlapping, and the
        # rows drawn as high as the list counts them (no blank band under the last)
        for i in range(self.count()):
            self.item(i).setSizeHint(QSize())
        natural = [self.sizeHintForIndex(self.model().index(i, 0)) for i in range(self.count())]
        row = max(natural[0].height(), self.style().pixelMetric(self.style().PixelMetric.PM_IndicatorHeight) + 6)
        for i, size in enumerate(natural):
            self.item(i).setSizeHint(QSize(size.width(), row))
        self.blockSignals(blocked)
        self.setFixedHeight((row + 2 * self.spacing()) * self.count() + 2 * self.frameWidth() + 4)

    def value(self) -> list:
        return [self.enum_cls(self.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_value(self, members) -> None:
        chosen = {self.enum_cls(m).value for m in members or ()}
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen
                               else Qt.CheckState.Unchecked)


def widget_value(w: Any):  # a line edit, a text box, a choice or a field with value()
    if isinstance(w, EnumCombo):
        return enum_value(w)
    if isinstance(w, QLineEdit):
        return w.text().strip() or None
    if isinstance(w, QPlainTextEdit):
        return w.toPlainText().strip() or None
    return w.value()


def set_widget_value(w: Any, value) -> None:  # as widget_value, with set_value()
    if isinstance(w, QLineEdit):
        w.setText(value or "")
        w.setCursorPosition(0)
    elif isinstance(w, QPlainTextEdit):
        w.setPlainText(value or "")
    elif isinstance(w, QSpinBox):
        w.setValue(value)
    else:
        w.set_value(value)


#: (field, label msgid, widget factory, required): the long ones across the tab (an official name reads in full),
#: then two columns
PROFILE_WIDE: tuple[tuple[str, str, Callable[[], QWidget], bool], ...] = (
    ("name_kk", "Official name in Kazakh", lambda: line(max_length=500), True),
    ("name_ru", "Official name in Russian", lambda: line(max_length=500), True),
    ("legal_address", "Legal address", lambda: line(max_length=500), False),
)
PROFILE_LEFT: tuple[tuple[str, str, Callable[[], QWidget], bool], ...] = (
    ("bin", "BIN", lambda: line(max_length=12), False),
    ("org_type", "Service condition", lambda: EnumCombo(OrgType), True),
    ("capacity", "Capacity", lambda: spin(1, 5000, 1), True),
    ("arrival_days", "Days to arrive after a place is offered", lambda: spin(1, MAX_ARRIVAL_DAYS, 10), True),
    ("location", "Place where case files are drawn up", lambda: line(max_length=300), False),
    ("director_name", "Director", lambda: line(max_length=300), False),
    ("phone", "Phone number", lambda: line(max_length=100), False),
    ("email", "E-mail", lambda: line(max_length=200), False),
)
PROFILE_RIGHT: tuple[tuple[str, str, Callable[[], QWidget], bool], ...] = (
    ("licence_number", "Licence number", lambda: line(max_length=100), False),
    ("licence_issued_on", "Licence issued on", lambda: DateField(optional=True), False),
    ("licence_valid_until", "Licence valid until", lambda: DateField(optional=True), False),
    ("licence_reissued_on", "Licence reissued on", lambda: DateField(optional=True), False),
    ("licence_terminated_on", "Licence terminated on", lambda: DateField(optional=True), False),
    ("registered_on", "Entered in the register on", lambda: DateField(optional=True), False),
    ("contract_signed_on", "Contract signed on", lambda: DateField(optional=True), False),
    ("contract_term", "Contract term", lambda: line(max_length=200), False),
    ("contract_valid_until", "Contract valid until", lambda: DateField(optional=True), False),
    ("removal_grounds", "Grounds for removal from the register", lambda: text_box(60), False),
)
PROFILE_BOTTOM: tuple[tuple[str, str, Callable[[], QWidget], bool], ...] = (
    ("categories", "Recipient categories", lambda: EnumChecks(RecipientCategory), False),
)

#: DeadlineRules setting → label msgid (with the rule it sets); R-14's year and R-20's quarter are fixed
RULE_LABELS = SETTING_LABELS
#: the head's order or decision that a change of the numbers records (R-15)
SOURCE_FIELDS = (("source_kind", "Set by"), ("source_number", "Order or decision number"),
                 ("source_date", "Order or decision date"))


@dataclass(frozen=True)
class CalendarDay:
    day: dt.date
    working: bool
    public_holiday: bool
    changed: bool   # set by the organisation
    note: str

    @property
    def id(self) -> dt.date:
        return self.day


class RuleField(QWidget):
    """A number of days with the act's number and the source of the number in force beside it."""

    def __init__(self, default: int, limit: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.default = default
        self.limit = default if limit is None else limit
        self.source: Message | None = None  # what set the number in force (the act or the head's order)
        self.spin = spin(0, 366, default)  # a looser number can be typed: the refusal says why, under the field
        self.default_label = QLabel()
        self.default_label.setWordWrap(True)
        self.valueChanged = self.spin.valueChanged  # noqa: N815 - the name Form listens to
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.spin)
        lay.addWidget(self.default_label, 1)
        self.setFocusProxy(self.spin)

    def value(self) -> int:
        return self.spin.value()

    def set_value(self, value: int) -> None:
        self.spin.setValue(value)

    def setStyleSheet(self, style: str) -> None:  # noqa: N802 - Qt name: the form marks a field at fault so
        """The error border goes round the number only, not round the text beside it."""
        self.spin.setStyleSheet(style)

    def styleSheet(self) -> str:  # noqa: N802 - Qt name
        return self.spin.styleSheet()

    def set_source(self, source: Message | None) -> None:
        self.source = source
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        text = _("the act: at most {n}").format(n=self.limit)
        if self.source is not None:
            text += "; " + _("in force by {source}").format(source=self.source.render())
        self.default_label.setText(text)


class OrganisationPage(Page):
    title = "Organisation"

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog = None
        self.view: OrganisationView | None = None
        self._profile_loaded: dict | None = None  # as last shown: typed changes are kept across refreshes
        self._rules_loaded: dict | None = None
        self.heading = set_bold(QLabel(), 3)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._profile_tab(), "")
        self.tabs.addTab(self._calendar_tab(), "")
        self.tabs.addTab(self._rules_tab(), "")
        self.units = UnitsTab(ctx)
        self.tabs.addTab(self.units, "")
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.tabs, 1)
        # issue 10 point 5: the profile and the settings are the director's and the administrator's; the keys
        # press the buttons, so a button held disabled holds its key too
        guard(self.save_profile_button, ctx, UseCase.ORG_EDIT)
        guard(self.change_day_button, ctx, UseCase.CALENDAR_EDIT)
        guard(self.save_rules_button, ctx, UseCase.DEADLINE_RULES)
        guard(self.defaults_button, ctx, UseCase.DEADLINE_RULES)
        install_keys(self, [self.days, self.units.table], {self.days: self.change_day_button.click,
                                                           self.units.table: self.units.add_button.click})
        ctx.data_changed.connect(self._data_changed)
        self.retranslate_ui()
        self.refresh()

    # --- building ------------------------------------------------------------------------------
    def _profile_tab(self) -> QWidget:
        self.profile_wide, self.profile, self.profile_right, self.profile_bottom = Form(), RoutedForm(), Form(), Form()
        self._profile_forms = {}
        for form, spec in ((self.profile_wide, PROFILE_WIDE), (self.profile, PROFILE_LEFT),
                           (self.profile_right, PROFILE_RIGHT), (self.profile_bottom, PROFILE_BOTTOM)):
            for name, label, make, required in spec:
                form.add(name, label, make(), required=required)
                self._profile_forms[name] = form
        self.profile.route_form(self.profile_wide)
        self.profile.route_form(self.profile_right)
        self.profile.route_form(self.profile_bottom)
        self.save_profile_button = QPushButton()
        self.save_profile_button.clicked.connect(self.save_profile)
        self.reload_button = QPushButton()
        self.reload_button.clicked.connect(self.reload_profile)
        set_icons({self.save_profile_button: "save", self.reload_button: "rotate-ccw"})
        columns = QHBoxLayout()
        columns.addWidget(self.profile, 1)
        columns.addWidget(self.profile_right, 1)
        inner = QWidget()
        inner_lay = QVBoxLayout(inner)
        inner_lay.addWidget(self.profile_wide)
        inner_lay.addLayout(columns)
        inner_lay.addWidget(self.profile_bottom)
        inner_lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        bar = QHBoxLayout()
        bar.addWidget(self.save_profile_button)
        bar.addWidget(self.reload_button)
        bar.addStretch(1)
        tab = QWidget()
        lay = QVBoxLayout(tab)
        lay.addWidget(scroll, 1)
        lay.addLayout(bar)
        return tab

    def _calendar_tab(self) -> QWidget:
        self.year_label, self.year = QLabel(), spin(2000, 2100, dt.date.today().year)
        self.year_label.setBuddy(self.year)
        self.year.valueChanged.connect(lambda _y: self._fill_days())
        self.days = TablePanel([
            Column(N_("Date"), lambda d: fdate(d.day), lambda d: d.day.isoformat()),
            Column(N_("Day of the week"), lambda d: capitalised(format_date(d.day, "EEEE", locale=i18n.locale())),
                   lambda d: d.day.isoweekday()),
            Column(N_("Working day"), lambda d: _("yes") if d.working else _("no")),
            Column(N_("Source"), lambda d: _("changed by the organisation") if d.changed else _("public holiday")),
            Column(N_("Note"), lambda d: d.note),
        ], key=lambda d: d.day)
        self.days.activated.connect(lambda _index: self.change_day_button.click())
        self.change_day_button: QPushButton = action_button(self.days.buttons, self.change_day)
        self.days.buttons.addStretch(1)
        self.calendar_note = QLabel()
        self.calendar_note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        tab = QWidget()
        lay = QVBoxLayout(tab)
        lay.addWidget(self.calendar_note)
        lay.addLayout(top)
        lay.addWidget(self.days, 1)
        return tab

    def _rules_tab(self) -> QWidget:
        defaults = DeadlineRules()
        self.rules = RoutedForm()
        for name, label in RULE_LABELS.items():
            self.rules.add(name, label, RuleField(getattr(defaults, name), act_limit(name)), required=True)
        self.rules.add("source_kind", SOURCE_FIELDS[0][1], EnumCombo(SourceKind, optional=True), required=True)
        self.rules.add("source_number", SOURCE_FIELDS[1][1], line(max_length=50), required=True)
        self.rules.add("source_date", SOURCE_FIELDS[2][1], DateField(optional=True), required=True)
        self.rules_source = QLabel()
        self.rules_source.setWordWrap(True)
        self.save_rules_button = QPushButton()
        self.save_rules_button.clicked.connect(self.save_rules)
        self.defaults_button = QPushButton()
        self.defaults_button.clicked.connect(self.restore_defaults)
        set_icons({self.save_rules_button: "save", self.defaults_button: "rotate-ccw"})
        bar = QHBoxLayout()
        bar.addWidget(self.save_rules_button)
        bar.addWidget(self.defaults_button)
        bar.addStretch(1)
        tab = QWidget()
        lay = QVBoxLayout(tab)
        lay.addWidget(self.rules_source)
        lay.addWidget(self.rules)
        lay.addLayout(bar)
        lay.addStretch(1)
        return tab

    # --- data ----------------------------------------------------------------------------------
    def _data_changed(self, change: Change) -> None:
        if change.concerns(Changed.ORGANISATION):
            self.refresh()
        elif change.concerns(Changed.RESIDENTS, Changed.MOVEMENTS):  # the units' occupancy (R-36)
            self.units.refresh()

    def refresh(self) -> None:
        """Reload what is stored; a form with typed, unsaved changes keeps them."""
        if self._profile_loaded is None or self._profile_values() == self._profile_loaded:
            self.reload_profile()
        else:
            self.view = self.ctx.services.organisation.get()
        if self._rules_loaded is None or self._rules_values() == self._rules_loaded:
            self.reload_rules()
        self._fill_days()
        self.units.refresh()
        self._notes()

    def reload_profile(self) -> None:
        self.view = self.ctx.services.organisation.get()
        self.profile.clear_errors()
        for name in PROFILE_FIELDS:
            set_widget_value(self._profile_widget(name), getattr(self.view, name))
        self._profile_loaded = self._profile_values()
        self._notes()

    def reload_rules(self) -> None:
        rules = self.ctx.services.organisation.deadline_rules()
        current = rules.as_dict()
        for name in RULE_LABELS:
            self.rules.widget(name).set_value(current[name])
            self.rules.widget(name).set_source(rules.source_text(name))
        self._rules_loaded = self._rules_values()

    def _profile_values(self) -> dict:
        return {name: widget_value(self._profile_widget(name)) for name in PROFILE_FIELDS}

    def _rules_values(self) -> dict[str, int]:
        return {name: self.rules.widget(name).value() for name in RULE_LABELS}

    def _profile_widget(self, name: str) -> QWidget:
        return self._profile_forms[name].widget(name)

    def show_field(self, name: str | None) -> None:
        """The profile tab with the cursor in ``name`` (a deadline's date, R-28: the licence, the contract)."""
        self.tabs.setCurrentIndex(0)
        if name in self._profile_forms:
            widget = self._profile_widget(name)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            scroll = widget.parentWidget()
            while scroll is not None and not hasattr(scroll, "ensureWidgetVisible"):
                scroll = scroll.parentWidget()
            if scroll is not None:
                scroll.ensureWidgetVisible(widget)

    def _fill_days(self) -> None:
        year, cal = self.year.value(), WorkCalendar()
        first = dt.date(year, 1, 1)
        days = {d: CalendarDay(d, False, True, False, "")
                for d in (first + dt.timedelta(days=i) for i in range(366)) if d.year == year
                and cal.is_public_holiday(d)}
        for c in self.ctx.services.organisation.holiday_overrides():
            if c.day.year == year:
                days[c.day] = CalendarDay(c.day, c.working, cal.is_public_holiday(c.day), True, c.note or "")
        self.days.set_rows(sorted(days.values(), key=lambda d: d.day))

    # --- actions -------------------------------------------------------------------------------
    def profile_input(self) -> OrganisationInput:
        values = {name: widget_value(self._profile_widget(name)) for name in PROFILE_FIELDS}
        values["categories"] = values["categories"] or []
        return OrganisationInput(**values, is_demo=self._shown().is_demo)

    def _shown(self) -> OrganisationView:
        """The organisation as last read (read now when the page has not been filled in yet)."""
        if self.view is None:
            self.view = self.ctx.services.organisation.get()
        return self.view

    def save_profile(self) -> bool:
        svc, actor, data, version = self.ctx.services.organisation, self.ctx.actor, self.profile_input(), \
            self._shown().version
        if attempt(self, lambda: svc.update(actor, data, version), self.profile) is None:
            return False
        self._profile_loaded = None
        self.ctx.changed(Changed.ORGANISATION)
        return True

    def change_day(self) -> FormDialog:
        """Make a day working or non-working (a decree's transfer the public calendar lacks); prefilled from
        the selected day."""
        row = self.days.current()
        svc, actor = self.ctx.services.organisation, self.ctx.actor

        def save(d: FormDialog) -> CalendarDay:
            day, working, note = d.field("day").value(), d.field("working").isChecked(), d.field("note").text()
            svc.set_holiday_override(actor, day, working, note.strip() or None)
            return CalendarDay(day, working, WorkCalendar().is_public_holiday(day), True, note.strip())

        d = FormDialog(self.ctx, "Change a day of the calendar", Changed.ORGANISATION, save,
                       N_("Public holidays come with the program; record here the days a government decree makes "
                          "working (a Saturday worked in exchange) or non-working (a bridge day)."), self)
        d.form.add("day", "Date", DateField(), required=True)
        d.form.add("working", "Working day", QCheckBox())
        d.form.add("note", "Note", line(max_length=300))
        if row is not None:
            d.field("day").set_value(row.day)
            d.field("working").setChecked(not row.working)
            d.field("note").setText(row.note)
        return show_dialog(self, d.ready())

    def rule_source(self) -> RuleSource:
        return RuleSource(self.rules.widget("source_kind").value(), self.rules.widget("source_number").text(),
                          self.rules.widget("source_date").value())

    def save_rules(self) -> bool:
        values, source = self._rules_values(), self.rule_source()
        svc, actor = self.ctx.services.organisation, self.ctx.actor
        if attempt(self, lambda: (svc.set_deadline_rules(actor, source, **values), True)[1], self.rules) is None:
            return False
        self._rules_loaded = None
        self.ctx.changed(Changed.ORGANISATION)
        return True

    def restore_defaults(self) -> None:
        for name in RULE_LABELS:
            w = self.rules.widget(name)
            w.set_value(w.default)

    # --- texts ---------------------------------------------------------------------------------
    def _notes(self) -> None:
        self.save_profile_button.setToolTip(_("Save the profile (the register fields of the portal)."))
        self.calendar_note.setText(_("Public holidays of Kazakhstan come with the program. Days the organisation "
                                     "changed are listed here."))

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Organisation"))
        for i, text in enumerate(("Profile", "Working-day calendar", "Deadlines", N_("Units"))):
            self.tabs.setTabText(i, _(text))
        for form in (self.profile_wide, self.profile, self.profile_right, self.profile_bottom):
            form.retranslate_ui()
        self.save_profile_button.setText(_("&Save profile"))
        self.reload_button.setText(_("&Undo changes"))
        self.reload_button.setToolTip(_("Show the stored profile again, dropping what was typed."))
        self.year_label.setText(_("&Year:"))
        self.days.retranslate_ui()
        self.change_day_button.setText(_("&Change a day…"))
        self.change_day_button.setToolTip(_("Make a day working or non-working (Ins; Enter on a row)."))
        self.rules.retranslate_ui()
        set_rule_text(self.rules_source, _("The numbers of {source} are the longest allowed: the organisation may set "
                                    "fewer days (stricter), never more, by the head's order or decision, whose "
                                    "number and date are recorded with each number changed (R-15). The one-year "
                                    "plan (R-14) and the quarterly monitoring (R-20) are fixed by the act.").format(
            source=_(DeadlineRules.source)))
        self.save_rules_button.setText(_("Save &deadlines"))
        self.defaults_button.setText(_("Restore de&faults"))
        self.units.retranslate_ui()
        self._notes()
