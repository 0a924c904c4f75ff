"""Issue 10 point 5 on screen: signed in as the auditor every screen shows, and every changing action is
disabled with a tooltip naming who may; signed in as the social work specialist, their own actions work and
the director's and the administrator's are held. The texts follow a language switch."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton

from app import i18n
from app.demo import DEMO_DIRECTOR
from app.domain.enums import Role
from app.domain.permissions import UseCase, may
from app.i18n import _
from ui.context import Context
from ui.main_window import PAGES, MainWindow
from ui.widgets.permissions import guarded_by


def who(*roles: Role, lang: str | None = None) -> str:
    names = [r.text(lang) for r in roles]
    joined = names[0] if len(names) == 1 else _("{first} and {last}", lang).format(first=", ".join(names[:-1]),
                                                                                    last=names[-1])
    return _("Only {roles} may do this.", lang).format(roles=joined)


def signed_in_as(ctx: Context, role: Role) -> Context:
    """An account of ``role`` made by the director, signed in on the same database."""
    director = ctx.services.people.authenticate(*DEMO_DIRECTOR)
    ctx.services.people.create_user(director, role.value, f"{role.value.title()} Ә.", role, "Құпия-сөз-2026")
    return Context(ctx.services, ctx.services.people.authenticate(role.value, "Құпия-сөз-2026"), ctx.translator,
                   ctx.database)


def window_for(ctx: Context, qtbot) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def buttons(widget) -> list[QAbstractButton]:
    return [b for b in widget.findChildren(QAbstractButton) if guarded_by(b)]


def test_the_auditor_sees_every_screen_and_every_changing_action_is_disabled_saying_who_may(ctx, qtbot):
    auditor = signed_in_as(ctx, Role.AUDITOR)
    window = window_for(auditor, qtbot)
    assert window.audit_action.isEnabled()  # reading the audit log is theirs
    for key in ("import", "export", "register"):
        action = window.portal_actions[key]
        assert not action.isEnabled() and action.toolTip() == who(Role.DIRECTOR, Role.SOCIAL_WORKER)
    assert window.portal_actions["reconcile"].isEnabled()  # a comparison reads only
    held = {}
    for _module, cls, _title in PAGES:
        page = window.show_page(cls)
        assert page.isVisible()
        for b in buttons(page):
            assert not b.isEnabled() and b.toolTip().startswith(who(Role.DIRECTOR)[:10])
            held[b] = guarded_by(b)
            assert not any(may(Role.AUDITOR, u) for u in held[b])
    queue = window.show_page("QueuePage")
    assert not queue.register_button.isEnabled()
    assert queue.register_button.toolTip() == who(Role.DIRECTOR, Role.SOCIAL_WORKER)
    queue.load()  # a row is selected: the page enables by the row, the guard holds
    assert not any(b.isEnabled() for b, _allowed in queue.buttons.values())
    plans = window.show_page("PlansPage")
    assert plans.approve_button.toolTip() == who(Role.DIRECTOR)
    staff = window.show_page("StaffPage")
    assert staff.add_user_button.toolTip() == who(Role.DIRECTOR, Role.ADMIN)
    organisation = window.show_page("OrganisationPage")
    assert not organisation.save_profile_button.isEnabled()
    assert {UseCase.ADMIT, UseCase.QUEUE_REGISTER, UseCase.PLAN_APPROVE, UseCase.ACCOUNT_CREATE, UseCase.ORG_EDIT,
            UseCase.UNIT_EDIT, UseCase.CALENDAR_EDIT, UseCase.DEADLINE_RULES, UseCase.STAFF_EDIT} <= {
        u for cases in held.values() for u in cases}

    i18n.set_language("kk")  # the tooltip follows the language
    assert queue.register_button.toolTip() == who(Role.DIRECTOR, Role.SOCIAL_WORKER, lang="kk")
    assert window.portal_actions["import"].toolTip() == who(Role.DIRECTOR, Role.SOCIAL_WORKER, lang="kk")
    assert "және" in queue.register_button.toolTip()


def test_the_auditors_backups_dialog_lists_and_verifies_but_makes_and_restores_nothing(ctx, qtbot):
    from ui.dialogs.backups import BackupsDialog

    auditor = signed_in_as(ctx, Role.AUDITOR)
    dialog = BackupsDialog(auditor)
    qtbot.addWidget(dialog)
    for b in (dialog.backup_button, dialog.restore_button, dialog.save_button):
        assert not b.isEnabled() and b.toolTip() == who(Role.DIRECTOR, Role.ADMIN)


def test_the_social_worker_keeps_their_own_actions_and_not_the_directors(ctx, qtbot):
    window = window_for(ctx, qtbot)
    assert ctx.actor.role == Role.SOCIAL_WORKER
    assert not window.audit_action.isEnabled()
    assert window.audit_action.toolTip() == who(Role.DIRECTOR, Role.ADMIN, Role.AUDITOR)
    assert window.portal_actions["import"].isEnabled()
    queue = window.show_page("QueuePage")
    assert queue.register_button.isEnabled() and not guarded_by(queue.register_button)
    residents = window.show_page("ResidentsPage")
    assert residents.admit_button.isEnabled()
    plans = window.show_page("PlansPage")
    assert not plans.approve_button.isEnabled() and plans.approve_button.toolTip() == who(Role.DIRECTOR)
    staff = window.show_page("StaffPage")
    for b in (staff.add_staff_button, staff.add_user_button, staff.reset_password_button):
        assert not b.isEnabled() and b.toolTip() == who(Role.DIRECTOR, Role.ADMIN)


def test_a_switch_of_user_lifts_the_menus_guard_for_one_who_may(ctx, qtbot):
    window = window_for(ctx, qtbot)
    assert not window.audit_action.isEnabled()
    director = ctx.services.people.authenticate(*DEMO_DIRECTOR)
    window.begin_session(director, fresh=True)
    qtbot.waitUntil(lambda: window.ctx.actor.role == Role.DIRECTOR)
    assert window.audit_action.isEnabled() and not guarded_by(window.audit_action)


def test_the_medical_staff_edit_the_medical_fields_of_the_card_and_file_its_documents(ctx, qtbot):
    from app.domain.enums import ResidentStatus
    from app.domain.permissions import MEDICAL_FIELDS
    from ui.dialogs.resident_card import ResidentCard

    medical = signed_in_as(ctx, Role.MEDICAL)
    _total, rows = ctx.services.queries.residents(statuses=(ResidentStatus.PRESENT,))
    card = ResidentCard(medical, rows[0].id)
    qtbot.addWidget(card)
    for name in card.form.fields():
        widget = card.form.widget(name)
        if name in MEDICAL_FIELDS:
            assert widget.isEnabled() and not guarded_by(widget), name
        else:
            assert not widget.isEnabled() and widget.toolTip() == who(Role.DIRECTOR, Role.SOCIAL_WORKER), name
    assert card.save_button.isEnabled() and card.add_document_button.isEnabled()
    assert not any(b.isEnabled() for b in card.movement_actions.buttons.values())  # movements are the social worker's
    card.form.widget("diagnosis").setPlainText("Артериялық гипертензия")
    card.save_button.click()
    assert ctx.services.residents.get(rows[0].id).diagnosis == "Артериялық гипертензия"


def test_a_psychologist_edits_a_draft_plan_in_their_own_kind_and_signature_only(ctx, qtbot):
    from app.domain.enums import PlanStatus, ServiceKind
    from ui.dialogs.plan_editor import SIGNATORIES, PlanEditor

    psychologist = signed_in_as(ctx, Role.PSYCHOLOGIST)
    _total, rows = ctx.services.queries.residents()
    draft = next(p for r in rows for p in ctx.services.plans.for_resident(r.id) if p.status == PlanStatus.DRAFT)
    editor = PlanEditor(psychologist, draft.resident_id, "", draft)
    qtbot.addWidget(editor)
    assert not editor.form.widget("period_end").isEnabled()
    assert editor.form.widget("period_end").toolTip() == who(Role.DIRECTOR, Role.SOCIAL_WORKER)
    for code, _label in SIGNATORIES:
        assert editor.signatures.widget(code).isEnabled() == (code == "psychologist"), code
    editor.select_kind(ServiceKind.SOCIAL_PSYCHOLOGICAL)
    assert editor.add_own_button.isEnabled() and not guarded_by(editor.add_own_button)
    editor.select_kind(ServiceKind.SOCIAL_LEGAL)  # the consultant's kind (and the social worker's)
    assert not editor.add_own_button.isEnabled() and not editor.add_catalog_button.isEnabled()
    assert editor.add_own_button.toolTip() == who(Role.DIRECTOR, Role.SOCIAL_WORKER, Role.CONSULTANT)


def test_the_director_can_make_an_auditor_account(director_ctx, qtbot):
    from ui.views.staff import StaffPage

    page = StaffPage(director_ctx)
    qtbot.addWidget(page)
    d = page.add_user()
    qtbot.addWidget(d)
    assert d.field("role").findText(Role.AUDITOR.text()) >= 0
    d.field("role").set_value(Role.AUDITOR)
    for field, text in (("username", "tekseru"), ("full_name", "Тексеруші Ә."), ("password", "Тексеру-2026"),
                        ("password2", "Тексеру-2026")):
        d.field(field).setText(text)
    assert d.save()
    assert director_ctx.services.people.authenticate("tekseru", "Тексеру-2026").role == Role.AUDITOR


def test_the_medical_staff_mark_the_social_medical_row_of_a_monitoring_only(ctx, qtbot):
    from app.domain.enums import PlanStatus, ServiceKind
    from ui.dialogs.monitoring import MonitoringDialog

    medical = signed_in_as(ctx, Role.MEDICAL)
    _total, rows = ctx.services.queries.residents()
    plan = next(p for r in rows for p in ctx.services.plans.for_resident(r.id) if p.status == PlanStatus.APPROVED)
    dialog = MonitoringDialog(medical, plan.id)
    qtbot.addWidget(dialog)
    for row in dialog.rows:
        assert row.mark.isEnabled() == (row.kind == ServiceKind.SOCIAL_MEDICAL), row.kind
    legal = next(r for r in dialog.rows if r.kind == ServiceKind.SOCIAL_LEGAL)
    assert legal.mark.toolTip() == who(Role.DIRECTOR, Role.SOCIAL_WORKER, Role.CONSULTANT)
    i18n.set_language("kk")
    assert legal.mark.toolTip() == who(Role.DIRECTOR, Role.SOCIAL_WORKER, Role.CONSULTANT, lang="kk")
