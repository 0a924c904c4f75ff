"""Plans & monitoring, the plan editor, the monitoring grid, Staff and Organisation — driven through the
real widgets; every outcome is checked through the services."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QWidget

from app import i18n
from app.demo import DEMO_DIRECTOR
from app.domain.deadlines import DeadlineRules, add_months, check_plan_period, max_plan_end
from app.domain.enums import ActivityTerm, ChangeMark, DirectAdmissionGround, PlanStatus, Role, ServiceKind
from app.domain.errors import DomainError, PermissionDenied
from app.i18n import _
from app.services.base import today
from ui.context import Context
from ui.dialogs.monitoring import MonitoringDialog
from ui.dialogs.plan_editor import PlanEditor
from ui.views.organisation import OrganisationPage
from ui.views.plans import PlansPage
from ui.views.staff import StaffPage
from ui.widgets.texts import capitalised

#: the offscreen platform's note when a window opens; not the program's
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing)")

DAY = dt.timedelta(days=1)


# --- helpers ---------------------------------------------------------------------------------------
def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key (QTest's keyClicks takes ASCII only; Kazakh and Russian letters are not)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def error_text(widget: QWidget) -> str | None:
    """The inline error under a form field, or None when none shows."""
    labels = [w for w in widget.parentWidget().findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly)
              if w is not widget]
    shown = [lab.text() for lab in labels if not lab.isHidden()]
    return shown[0] if shown else None


def director_of(ctx: Context) -> Context:
    """The director signed in to the same database."""
    return Context(ctx.services, ctx.services.people.authenticate(*DEMO_DIRECTOR), ctx.translator, ctx.database)


@pytest.fixture
def page(ctx, qtbot):
    p = PlansPage(ctx)
    qtbot.addWidget(p)
    return p


def without_plan(page: PlansPage):
    """A resident holding a place for a month or more who has no plan yet."""
    rows = [r for r in page.rows("all") if r.plan is None and r.resident.admitted_on
            and r.resident.admitted_on <= today() - 30 * DAY]
    assert rows, "the demo should have a resident without a plan"
    page.set_filter("all")
    assert page.table.select(rows[0].id)
    return rows[0]


def new_editor(page: PlansPage, qtbot) -> PlanEditor:
    page.new_plan()
    editor = page.dialog
    assert isinstance(editor, PlanEditor)
    qtbot.addWidget(editor)
    return editor


def add_catalog(editor: PlanEditor, qtbot, kind: ServiceKind, index: int = 0) -> str:
    editor.select_kind(kind)
    editor.catalog_combo.setCurrentIndex(index)
    title = editor.catalog_combo.currentText()
    qtbot.mouseClick(editor.add_catalog_button, Qt.MouseButton.LeftButton)
    return title


def add_own(editor: PlanEditor, qtbot, kind: ServiceKind, title: str) -> None:
    editor.select_kind(kind)
    qtbot.mouseClick(editor.add_own_button, Qt.MouseButton.LeftButton)
    type_text(editor.act_widget("activity"), title)
    term = editor.act_widget("term")
    term.setCurrentIndex(term.findData(ActivityTerm.QUARTER))


def fill_dates(editor: PlanEditor, start: dt.date, end: dt.date) -> None:
    w = editor.form.widget
    w("date").set_value(start)
    w("period_start").set_value(start)
    w("period_end").set_value(end)


def save_button(dialog) -> QWidget:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


# --- the whole plan workflow -----------------------------------------------------------------------
def test_plan_written_completed_approved_corrected_and_monitored(ctx, page, qtbot, warnings):
    svc = ctx.services
    row = without_plan(page)
    rid = row.resident.id
    editor = new_editor(page, qtbot)
    start = today() - 20 * DAY
    fill_dates(editor, start, max_plan_end(start))
    medical = add_catalog(editor, qtbot, ServiceKind.SOCIAL_MEDICAL)
    legal = add_catalog(editor, qtbot, ServiceKind.SOCIAL_LEGAL, 1)
    add_own(editor, qtbot, ServiceKind.SOCIAL_CULTURAL, "Домбыра үйірмесі")
    own = editor.current_activity()
    assert own.end_on == add_months(start, 3) - DAY  # the end follows the term
    # the typed activity goes to the catalog too, in both languages
    editor.save_to_catalog()
    cat_dialog = editor.dialog
    qtbot.addWidget(cat_dialog)
    assert cat_dialog.field("title_ru").text() == "Домбыра үйірмесі"
    cat_dialog.field("title_ru").clear()
    assert cat_dialog.save() is False  # both titles are required: both messages show at once (issue 12)
    assert error_text(cat_dialog.field("title_kk")) and error_text(cat_dialog.field("title_ru"))
    type_text(cat_dialog.field("title_kk"), "Домбыра үйірмесі")
    type_text(cat_dialog.field("title_ru"), "Кружок домбры")
    assert cat_dialog.save()
    assert ("Домбыра үйірмесі", "Кружок домбры") in [(kk, ru) for _i, _k, kk, ru in
                                                       svc.plans.catalog(ServiceKind.SOCIAL_CULTURAL)]
    qtbot.mouseClick(save_button(editor), Qt.MouseButton.LeftButton)
    plans = svc.plans.for_resident(rid)
    assert len(plans) == 1 and plans[0].status == PlanStatus.DRAFT
    plan = plans[0]
    assert [(a.kind, a.title) for a in plan.activities] == [
        (ServiceKind.SOCIAL_MEDICAL, medical), (ServiceKind.SOCIAL_CULTURAL, "Домбыра үйірмесі"),
        (ServiceKind.SOCIAL_LEGAL, legal)]
    assert plan.activities[1].term == ActivityTerm.QUARTER
    assert plan.signatures["social_worker"] == ctx.actor.full_name

    # complete
    assert page.current().id == rid and page.complete_button.isEnabled()
    page.complete_plan()
    page.dialog.field("date").set_value(start + DAY)
    assert page.dialog.save()
    assert svc.plans.get(plan.id).status == PlanStatus.COMPLETED

    # the social worker cannot approve: the button says why, and the service refuses
    assert not page.approve_button.isEnabled()
    assert page.approve_button.toolTip() == _("Only {roles} may do this.").format(roles=Role.DIRECTOR.text())
    page.approve_plan()
    refused = page.dialog
    assert refused.approve() is False and refused.isVisible()
    with pytest.raises(PermissionDenied) as denied:
        svc.plans.approve(ctx.actor, plan.id, today())
    assert warnings == [denied.value.render()]
    assert svc.plans.get(plan.id).status == PlanStatus.COMPLETED
    refused.reject()

    # the director approves
    dpage = PlansPage(director_of(ctx))
    qtbot.addWidget(dpage)
    dpage.set_filter("awaiting")
    assert dpage.table.select(rid) and dpage.approve_button.isEnabled()
    dpage.approve_plan()
    dpage.dialog.field("date").set_value(start + 2 * DAY)
    assert dpage.dialog.approve()
    approved = svc.plans.get(plan.id)
    assert approved.status == PlanStatus.APPROVED and approved.approved_by == dpage.ctx.actor.full_name

    # a quarterly monitoring through the grid
    page.refresh()
    assert page.table.select(rid) and page.monitoring_button.isEnabled()
    page.record_monitoring()
    md = page.dialog
    assert isinstance(md, MonitoringDialog) and md.plan.id == plan.id
    qtbot.addWidget(md)
    for r in md.rows:
        mark = ChangeMark.NO_CHANGE if r.kind == ServiceKind.SOCIAL_LEGAL else ChangeMark.POSITIVE
        r.mark.setCurrentIndex(r.mark.findData(mark))
        type_text(r.positive if mark == ChangeMark.POSITIVE else r.reason, f"{r.kind.value} ok")
    type_text(md.rows[-1].correction, "revise the legal help")
    qtbot.mouseClick(save_button(md), Qt.MouseButton.LeftButton)
    journal = svc.plans.monitoring_for(plan.id)
    assert len(journal) == 1 and not journal[0].interim and journal[0].monitoring_date == today()
    assert journal[0].specialist == ctx.actor.full_name
    rows = {r.kind: r for r in journal[0].rows}
    assert list(rows) == list(ServiceKind)
    assert rows[ServiceKind.SOCIAL_LEGAL].mark == ChangeMark.NO_CHANGE
    assert rows[ServiceKind.SOCIAL_LEGAL].no_change_reason == "social_legal ok"
    assert rows[ServiceKind.SOCIAL_LEGAL].correction == "revise the legal help"
    assert rows[ServiceKind.SOCIAL_HOUSEHOLD].positive_text == "social_household ok"

    # correct it: the reason is required, then version 2 is a draft
    page.refresh()
    assert page.table.select(rid) and page.correct_button.isEnabled()
    page.correct_plan()
    cd = page.dialog
    assert cd.save() is False
    assert error_text(cd.field("reason"))
    assert [p.version_no for p in svc.plans.for_resident(rid)] == [1]
    type_text(cd.field("reason"), "Monitoring: legal help to revise")
    assert cd.save()
    versions = svc.plans.for_resident(rid)
    assert [(p.version_no, p.status) for p in versions] == [(1, PlanStatus.APPROVED), (2, PlanStatus.DRAFT)]
    assert versions[1].previous_id == plan.id and versions[1].correction_note == "Monitoring: legal help to revise"
    # the new draft is the current plan and opens for editing with its activities
    page.refresh()
    page.table.select(rid)
    assert page.current().plan.version_no == 2
    qtbot.keyClick(page.table.view, Qt.Key.Key_Return)
    reopened = page.dialog
    qtbot.addWidget(reopened)
    assert isinstance(reopened, PlanEditor) and not reopened.read_only
    assert [a.title for a in reopened.activities()] == [medical, "Домбыра үйірмесі", legal]


def test_period_over_one_year_refused_next_to_the_field_keeping_the_activities(ctx, page, qtbot):
    svc = ctx.services
    row = without_plan(page)
    editor = new_editor(page, qtbot)
    start = today() - 10 * DAY
    too_long = add_months(start, 12) + 5 * DAY
    fill_dates(editor, start, too_long)
    first = add_catalog(editor, qtbot, ServiceKind.SOCIAL_HOUSEHOLD)
    second = add_catalog(editor, qtbot, ServiceKind.SOCIAL_PSYCHOLOGICAL)
    add_own(editor, qtbot, ServiceKind.SOCIAL_LABOUR, "Бақша жұмысы")
    assert editor.save() is False
    with pytest.raises(DomainError) as expected:
        check_plan_period(start, too_long, DeadlineRules())
    assert error_text(editor.form.widget("period_end")) == expected.value.render()
    assert editor.isVisible() and editor.plan is None
    assert [a.title for a in editor.activities()] == [first, second, "Бақша жұмысы"]
    assert editor.act_widget("activity").text() == "Бақша жұмысы"
    assert editor.form.widget("period_end").value() == too_long
    assert svc.plans.for_resident(row.resident.id) == []
    # fixing the period saves everything that was typed
    editor.form.widget("period_end").set_value(max_plan_end(start))
    assert error_text(editor.form.widget("period_end")) is None
    assert editor.save()
    assert [a.title for a in svc.plans.for_resident(row.resident.id)[0].activities] == [first, second, "Бақша жұмысы"]


def test_activity_refusal_selects_the_activity_at_fault(ctx, page, qtbot):
    without_plan(page)
    editor = new_editor(page, qtbot)
    add_catalog(editor, qtbot, ServiceKind.SOCIAL_MEDICAL)
    editor.select_kind(ServiceKind.SOCIAL_ECONOMIC)
    qtbot.mouseClick(editor.add_own_button, Qt.MouseButton.LeftButton)  # left without a title
    editor.select_kind(ServiceKind.SOCIAL_HOUSEHOLD)
    assert editor.save() is False
    assert editor.current_activity().kind == ServiceKind.SOCIAL_ECONOMIC
    shown = error_text(editor.act_widget("activity"))
    assert shown
    ctx.translator.set_language("kk")  # the refusal is said again in the language chosen
    assert error_text(editor.act_widget("activity")) not in ("", shown)
    ctx.translator.set_language("ru")
    assert error_text(editor.act_widget("activity")) == shown
    assert len(editor.activities()) == 2


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_r17_week_activity_of_8_days_refused_under_its_end_date(ctx, page, qtbot, lang):
    i18n.set_language(lang)
    row = without_plan(page)
    editor = new_editor(page, qtbot)
    start = today() - 10 * DAY
    fill_dates(editor, start, max_plan_end(start))
    add_catalog(editor, qtbot, ServiceKind.SOCIAL_MEDICAL)
    add_own(editor, qtbot, ServiceKind.SOCIAL_CULTURAL, "Серуен")
    term = editor.act_widget("term")
    term.setCurrentIndex(term.findData(ActivityTerm.WEEK))
    editor.act_widget("activity_start").set_value(start)
    editor.act_widget("activity_end").set_value(start + 7 * DAY)  # 8 days
    editor.select_kind(ServiceKind.SOCIAL_HOUSEHOLD)
    assert editor.save() is False
    assert editor.current_activity().title == "Серуен"
    text = error_text(editor.act_widget("activity_end"))
    assert text and "R-17" in text and (start + 6 * DAY).strftime("%d.%m.%Y") in text
    assert ctx.services.plans.for_resident(row.resident.id) == []
    editor.resize(1200, 760)
    editor.grab().save(f"/tmp/rules-plans-editor-{lang}.png")
    editor.act_widget("activity_end").set_value(start + 6 * DAY)  # exactly 7 days
    assert editor.save()
    i18n.set_language("ru")


def test_approved_plan_opens_read_only(ctx, page, qtbot):
    row = next(r for r in page.rows("all") if r.plan and r.plan.status == PlanStatus.APPROVED)
    page.table.select(row.id)
    page.open_plan()
    editor = page.dialog
    qtbot.addWidget(editor)
    assert editor.read_only and save_button(editor).isHidden() and editor.add_own_button.isHidden()
    assert editor.form.widget("period_end").isReadOnly()
    assert editor.save() is False
    assert [a.title for a in editor.activities()] == [a.title for a in row.plan.activities]


def test_filters_and_keyboard(ctx, page, qtbot):
    svc = ctx.services
    page.set_filter("awaiting")
    assert {r.plan.id for r in page.table.model.rows()} == {p.id for p in svc.plans.awaiting_approval()}
    page.set_filter("monitoring")
    due = {d.resident_id for d in svc.queries.deadlines(today()) if d.kind == "monitoring"
           and (d.state == "overdue" or d.due <= today() + 14 * DAY)}
    assert {r.id for r in page.table.model.rows()} == due
    page.set_filter("all")
    first = page.table.model.rows()[0].resident.full_name
    type_text(page.table.search, first[:6])
    assert 0 < page.table.proxy.rowCount() < page.table.model.rowCount()
    page.table.search.clear()
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    page.table.view.setFocus()
    qtbot.keyClick(page.table.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.table.search.hasFocus()
    without_plan(page)
    page.table.view.setFocus()
    qtbot.keyClick(page.table.view, Qt.Key.Key_Insert)
    assert isinstance(page.dialog, PlanEditor) and page.dialog.plan is None
    page.dialog.reject()


def test_monitoring_refusal_keeps_the_grid_and_due_list_switches(ctx, qtbot):
    svc = ctx.services
    md = MonitoringDialog(ctx)
    qtbot.addWidget(md)
    assert md.plan is None and not save_button(md).isEnabled()
    due = md.due.model.rows()
    assert due and all(d.kind == "monitoring" for d in due)
    md.due.select(due[0].plan_id)
    assert md.plan.id == due[0].plan_id
    row = md.rows[1]
    row.mark.setCurrentIndex(row.mark.findData(ChangeMark.POSITIVE))  # no description: refused
    type_text(row.correction, "keep going")
    before = len(svc.plans.monitoring_for(md.plan.id))
    md.form.widget("monitoring_date").set_value(min(today(), md.plan.period_end))
    assert md.save() is False
    assert not md.grid_error.isHidden() and row.positive.styleSheet()
    assert ServiceKind.SOCIAL_MEDICAL.text() in md.grid_error.text()
    shown = md.grid_error.text()
    ctx.translator.set_language("kk")  # the refusal is said again in the language chosen
    assert ServiceKind.SOCIAL_MEDICAL.text("kk") in md.grid_error.text() and md.grid_error.text() != shown
    ctx.translator.set_language("ru")
    assert md.grid_error.text() == shown
    assert row.correction.toPlainText() == "keep going" and md.rows[1].mark.currentData() == ChangeMark.POSITIVE
    assert len(svc.plans.monitoring_for(md.plan.id)) == before
    # another resident and back: what was typed is still there
    if len(due) > 1:
        md.due.select(due[1].plan_id)
        assert md.plan.id == due[1].plan_id and md.rows[1].correction.toPlainText() == ""
        md.due.select(due[0].plan_id)
        assert md.rows[1].correction.toPlainText() == "keep going"


def test_models_pass_the_model_tester(ctx, qtbot, qtmodeltester):
    page = PlansPage(ctx)
    staff = StaffPage(ctx)
    org = OrganisationPage(ctx)
    md = MonitoringDialog(ctx)
    row = next(r for r in page.rows("all") if r.plan)
    editor = PlanEditor(ctx, row.resident.id, row.resident.full_name, ctx.services.plans.get(row.plan.id))
    for w in (page, staff, org, md, editor):
        qtbot.addWidget(w)
    for panel in (page.table, staff.staff, staff.users, org.days, md.due):
        assert panel.model.rowCount() > 0
        qtmodeltester.check(panel.model)
        qtmodeltester.check(panel.proxy)
    qtmodeltester.check(editor.model)


def test_language_switch_relabels_everything(ctx, page, qtbot):
    row = next(r for r in page.rows("all") if r.plan)
    editor = PlanEditor(ctx, row.resident.id, row.resident.full_name, ctx.services.plans.get(row.plan.id))
    md = MonitoringDialog(ctx, row.approved.id if row.approved else None)
    for w in (editor, md):
        qtbot.addWidget(w)
    for lang in ("kk", "ru"):
        i18n.set_language(lang)
        labels = [editor.model.item(i).text() for i in range(editor.model.rowCount())]
        assert [lab.split(" (")[0] for lab in labels] == [f"{n}. {capitalised(k.text(lang))}"
                                                           for n, k in enumerate(ServiceKind, 1)]
        assert [r.label.text() for r in md.rows] == [capitalised(k.text(lang)) for k in ServiceKind]
        assert page.table.model.headerData(0, Qt.Orientation.Horizontal) == _("Resident", lang)
        assert page.new_button.text() == _("&New plan…", lang)
        assert editor.model.headerData(0, Qt.Orientation.Horizontal) == _("Kind of service / activity", lang)
    assert _("Kind of service / activity", "kk") != _("Kind of service / activity", "ru")


# --- staff -----------------------------------------------------------------------------------------
def test_staff_added_and_users_for_the_director_only(ctx, qtbot, warnings):
    svc = ctx.services
    page = StaffPage(ctx)
    qtbot.addWidget(page)
    assert not page.add_user_button.isEnabled() and not page.add_staff_button.isEnabled()
    assert page.add_user() is None and warnings == [_("Only {roles} may {action}. Ask one of them, or sign in as "
                                                      "one.").format(roles=_("{first} and {last}").format(
                                                          first=Role.DIRECTOR.text(), last=Role.ADMIN.text()),
                                                          action=_("add a user account"))]
    page = StaffPage(director_of(ctx))  # issue 10 point 5: the staff list is the director's and the administrator's
    qtbot.addWidget(page)
    d = page.add_staff()
    qtbot.addWidget(d)
    type_text(d.field("full_name"), "Әбенова Сәуле Маратқызы")
    type_text(d.field("position"), "Психолог")
    d.field("role").set_value(Role.PSYCHOLOGIST)
    d.field("fte").setValue(0)
    assert d.save() is False and error_text(d.field("fte"))
    assert d.field("full_name").text() == "Әбенова Сәуле Маратқызы"
    d.field("fte").setValue(0.5)
    assert d.save()
    added = [s for s in svc.people.staff() if s.full_name == "Әбенова Сәуле Маратқызы"]
    assert [(s.position, s.role, s.fte) for s in added] == [("Психолог", Role.PSYCHOLOGIST, 0.5)]
    assert "Әбенова Сәуле Маратқызы" in [s.full_name for s in page.staff.model.rows()]

    dpage = StaffPage(director_of(ctx))
    qtbot.addWidget(dpage)
    assert dpage.add_user_button.isEnabled()
    u = dpage.add_user()
    qtbot.addWidget(u)
    for field, text in (("username", "abenova"), ("full_name", "Әбенова Сәуле Маратқызы"),
                        ("password", "secret12"), ("password2", "secret13")):
        type_text(u.field(field), text)
    assert u.save() is False and error_text(u.field("password2"))
    u.field("password2").clear()
    type_text(u.field("password2"), "secret12")
    assert u.save()
    assert svc.people.authenticate("abenova", "secret12").role == Role.SOCIAL_WORKER
    assert "abenova" in [a.username for a in dpage.users.model.rows()]


# --- organisation ----------------------------------------------------------------------------------
def test_profile_saved_refused_and_kept(director_ctx, qtbot):
    ctx = director_ctx
    svc = ctx.services
    page = OrganisationPage(ctx)
    qtbot.addWidget(page)
    assert page.profile.widget("phone").text() == svc.organisation.get().phone
    capacity = page.profile.widget("capacity")
    capacity.setValue(capacity.value() + 3)
    bin_ = page.profile.widget("bin")
    bin_.clear()
    type_text(bin_, "123")
    version = svc.organisation.get().version
    assert page.save_profile() is False
    assert error_text(bin_) and bin_.text() == "123"
    assert svc.organisation.get().version == version
    page.refresh()  # typed, unsaved changes survive a refresh
    assert bin_.text() == "123"
    bin_.clear()
    assert page.save_profile()
    stored = svc.organisation.get()
    assert stored.capacity == capacity.value() and stored.bin is None and stored.version == version + 1
    assert stored.licence_number == "KZ12LAA00012345"  # fields the page did not touch are kept


def test_only_the_director_changes_the_profile(ctx, qtbot, warnings):
    page = OrganisationPage(ctx)
    qtbot.addWidget(page)
    version = ctx.services.organisation.get().version
    page.profile.widget("capacity").setValue(page.profile.widget("capacity").value() + 1)
    assert page.save_profile() is False
    assert warnings and ctx.services.organisation.get().version == version


def fill_rule_source(page, number="12-ө", day=dt.date(2026, 11, 2)):
    from app.domain.deadlines import SourceKind

    page.rules.widget("source_kind").set_value(SourceKind.ORDER)
    page.rules.widget("source_number").setText(number)
    page.rules.widget("source_date").set_value(day)


def error_under(form, field) -> str:
    err = form._rows[field][3]
    return err.text() if not err.isHidden() else ""


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_r15_organisation_screen_refuses_looser_deadlines_under_the_field_and_shows_the_source(
        director_ctx, qtbot, lang):
    ctx = director_ctx
    i18n.set_language(lang)
    page = OrganisationPage(ctx)
    qtbot.addWidget(page)
    page.tabs.setCurrentIndex(2)
    before = ctx.services.organisation.get().version
    fill_rule_source(page)
    page.rules.widget("plan_draw_up_calendar_days").set_value(8)  # the act says 5
    assert not page.save_rules()
    text = error_under(page.rules, "plan_draw_up_calendar_days")
    assert "5" in text and text.startswith(_("Draw up the plan within, calendar days after admission (R-15)"))
    page.resize(1100, 760)
    page.grab().save(f"/tmp/rules-plans-organisation-refused-{lang}.png")
    assert ctx.services.organisation.get().version == before
    page.rules.widget("plan_draw_up_calendar_days").set_value(4)
    page.rules.widget("source_number").setText("")
    assert not page.save_rules() and error_under(page.rules, "source_number")
    page.rules.widget("source_number").setText("12-ө")
    assert page.save_rules()
    label = page.rules.widget("plan_draw_up_calendar_days").default_label.text()
    assert "12-ө" in label and "02.11.2026" in label
    assert _("Order 308 of 11.08.2022, item 35 4)-5)") in page.rules.widget("plan_renew_working_days") \
        .default_label.text()
    # beside the deadline wherever it shows: the residents list's tooltip, the plans list's tooltip
    from ui.models.deadlines import deadline_tooltip
    from ui.models.residents import RESIDENT_COLUMNS

    _total, rows = ctx.services.queries.residents()
    column = next(c for c in RESIDENT_COLUMNS if c.header == "Next deadline")
    drawn = [r for r in rows if r.next_deadline is not None and r.plan_status is None]
    assert drawn and all("12-ө" in column.tooltip(r) for r in drawn)
    draw_up = [d for d in ctx.services.queries.deadlines(today()) if d.kind == "plan_draw_up"]
    assert draw_up and all("12-ө" in deadline_tooltip(d) and "02.11.2026" in deadline_tooltip(d) for d in draw_up)
    page.resize(1100, 760)
    page.grab().save(f"/tmp/rules-plans-organisation-{lang}.png")
    i18n.set_language("ru")


def test_calendar_day_and_deadline_rules(director_ctx, qtbot):
    ctx = director_ctx
    svc = ctx.services
    page = OrganisationPage(ctx)
    qtbot.addWidget(page)
    holidays = page.days.model.rows()
    assert holidays and all(not d.working for d in holidays)
    page.days.select(holidays[0].day)
    d = page.change_day()
    qtbot.addWidget(d)
    assert d.field("day").value() == holidays[0].day and d.field("working").isChecked()
    type_text(d.field("note"), "Decree: worked in exchange")
    assert d.save()
    changed = next(r for r in page.days.model.rows() if r.day == holidays[0].day)
    assert changed.working and changed.changed and changed.note == "Decree: worked in exchange"
    # deadline rules: the draw-up deadline follows the new number of days
    assert _(DeadlineRules.source) in page.rules_source.text()
    before = {x.resident_id: x.due for x in svc.queries.deadlines(today()) if x.kind == "plan_draw_up"}
    page.rules.widget("plan_draw_up_calendar_days").set_value(3)
    assert not page.save_rules()  # the head's order or decision is asked for first
    assert page.rules.widget("source_kind").styleSheet()
    fill_rule_source(page)
    assert page.save_rules()
    after = {x.resident_id: x.due for x in svc.queries.deadlines(today()) if x.kind == "plan_draw_up"}
    assert after and all(after[r] == before[r] - 2 * DAY for r in after)
    assert page.rules.widget("plan_draw_up_calendar_days").value() == 3
    page.restore_defaults()
    assert page.rules.widget("plan_draw_up_calendar_days").value() == DeadlineRules().plan_draw_up_calendar_days


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_r15_a_late_plan_shows_its_late_steps_in_the_plans_list_and_the_resident_card(ctx, qtbot, lang):
    from app.services import OrderRef
    from tests.services.helpers import GROUND, elderly, plan_input
    from ui.dialogs.resident_card import ResidentCard

    svc, director = ctx.services, director_of(ctx).actor
    org = svc.organisation.get()  # a place for her: the demo's last vacant one is on offer
    svc.organisation.update(director, dataclasses.replace(org, capacity=org.capacity + 1), org.version)
    admitted = today() - 40 * DAY
    rid = svc.movements.admit_direct(ctx.actor, elderly(last="Кешікова", first="Дана"), admitted,
                                     OrderRef("99-ж", admitted), DirectAdmissionGround.COURT,
                                     admission_ground=GROUND).resident_id
    plan = svc.plans.create(ctx.actor, rid, plan_input(admitted + 9 * DAY))  # due 5 calendar days after
    plan = svc.plans.complete(ctx.actor, plan.id, admitted + 9 * DAY)
    svc.plans.approve(director, plan.id, admitted + 20 * DAY)  # approval due with completion
    i18n.set_language(lang)
    page = PlansPage(ctx)
    qtbot.addWidget(page)
    assert page.table.select(rid)
    col = next(i for i, c in enumerate(page.table.model.columns) if c.header == "Late (R-15)")
    index = page.table.proxy.mapFromSource(page.table.model.index(page.table.model.rows().index(
        next(r for r in page.table.model.rows() if r.id == rid)), col))
    text, tip = index.data(), index.data(Qt.ItemDataRole.ToolTipRole)
    assert "+4" in text and "+" in text.split(";")[-1]  # drawn up 4 days late; approved late
    assert (admitted + 5 * DAY).strftime("%d.%m.%Y") in tip and (admitted + 9 * DAY).strftime("%d.%m.%Y") in tip
    assert (admitted + 20 * DAY).strftime("%d.%m.%Y") in tip and "R-15" in tip
    page.resize(1300, 500)
    page.grab().save(f"/tmp/rules-plans-plans-{lang}.png")
    card = ResidentCard(ctx, rid)
    qtbot.addWidget(card)
    card.show_tab("plans")
    model = card.plans.model
    row = next(i for i, p in enumerate(model.rows()) if p.id == plan.id)
    col = next(i for i, c in enumerate(model.columns) if c.header == "Late (R-15)")
    text = model.index(row, col).data()
    assert (admitted + 5 * DAY).strftime("%d.%m.%Y") in text and (admitted + 20 * DAY).strftime("%d.%m.%Y") in text
    assert "R-15" in model.index(row, col).data(Qt.ItemDataRole.ToolTipRole)
    card.resize(1300, 500)
    card.grab().save(f"/tmp/rules-plans-card-{lang}.png")
    i18n.set_language("ru")
