"""Issue 10 point 5: the one permission table (app/domain/permissions.py) — complete, and holding the issue's
minimums for every role."""

import pytest

from app.domain.enums import Role, ServiceKind
from app.domain.errors import DomainError, PermissionDenied
from app.domain.permissions import (
    ALLOWED,
    KINDS,
    Forbidden,
    UseCase,
    forbidden,
    kinds_of,
    may,
    require,
    require_kinds,
    tooltip,
    who_may,
)

WRITES = [u for u in UseCase if u.writes and not u.own]


def test_the_table_names_every_use_case_and_only_roles():
    assert set(ALLOWED) == set(UseCase)
    for use_case, roles in ALLOWED.items():
        assert roles <= set(Role), use_case
        assert roles, f"{use_case} is open to nobody"


def test_the_director_may_everything():
    assert all(may(Role.DIRECTOR, u) for u in UseCase)


def test_the_auditor_reads_everything_and_changes_nothing():
    assert not [u for u in WRITES if may(Role.AUDITOR, u)]
    assert may(Role.AUDITOR, UseCase.AUDIT_READ) and may(Role.AUDITOR, UseCase.PRINT)


def test_the_administrator_has_accounts_settings_and_backups_but_no_approvals_nor_clinical_edits():
    for u in (UseCase.ACCOUNT_CREATE, UseCase.ACCOUNT_EDIT, UseCase.PASSWORD_RESET, UseCase.ORG_EDIT,
              UseCase.DEADLINE_RULES, UseCase.CALENDAR_EDIT, UseCase.UNIT_EDIT, UseCase.BACKUP_MAKE,
              UseCase.BACKUP_RESTORE, UseCase.AUDIT_READ):
        assert may(Role.ADMIN, u), u
    for u in (UseCase.PLAN_APPROVE, UseCase.PLAN_CREATE, UseCase.PLAN_EDIT, UseCase.PLAN_EDIT_OWN_KIND,
              UseCase.MONITORING_RECORD, UseCase.PERSON_EDIT, UseCase.PERSON_EDIT_MEDICAL, UseCase.DOCUMENT_ADD,
              UseCase.DOCUMENT_ADD_MEDICAL, UseCase.ADMIT, UseCase.DISCHARGE, UseCase.QUEUE_REGISTER):
        assert not may(Role.ADMIN, u), u
    assert kinds_of(Role.ADMIN) == frozenset()


def test_only_the_director_approves_or_returns_a_plan_for_changes():
    assert who_may(UseCase.PLAN_APPROVE) == who_may(UseCase.PLAN_RETURN) == (Role.DIRECTOR,)


def test_the_social_work_specialist_keeps_queue_movements_case_files_plans_monitoring_and_exchange():
    for u in UseCase:
        if u.value.split(".")[0] in ("queue", "movement", "casefile", "plan", "monitoring", "exchange", "person"):
            assert may(Role.SOCIAL_WORKER, u) == (u not in (UseCase.PLAN_APPROVE, UseCase.PLAN_RETURN)), u
    for u in (UseCase.ACCOUNT_CREATE, UseCase.ORG_EDIT, UseCase.BACKUP_RESTORE, UseCase.AUDIT_READ):
        assert not may(Role.SOCIAL_WORKER, u)
    assert kinds_of(Role.SOCIAL_WORKER) == frozenset(ServiceKind)


@pytest.mark.parametrize("role", [Role.MEDICAL, Role.PSYCHOLOGIST, Role.SPECIALIST, Role.CONSULTANT])
def test_the_specialists_keep_their_own_activities_and_monitoring_and_read_the_rest(role):
    allowed = {u for u in WRITES if may(role, u)}
    own = {UseCase.PLAN_EDIT_OWN_KIND, UseCase.MONITORING_RECORD, UseCase.CATALOG_ADD}
    if role == Role.MEDICAL:  # and the medical fields of the card and the medical documents of the file
        own |= {UseCase.PERSON_EDIT_MEDICAL, UseCase.DOCUMENT_ADD_MEDICAL}
    assert allowed == own
    assert kinds_of(role) and kinds_of(role) < frozenset(ServiceKind)


def test_every_kind_of_service_has_a_specialist_and_the_medical_one_is_the_medical_staffs():
    assert kinds_of(Role.MEDICAL) == {ServiceKind.SOCIAL_MEDICAL}
    assert kinds_of(Role.PSYCHOLOGIST) == {ServiceKind.SOCIAL_PSYCHOLOGICAL}
    specialists = [kinds_of(r) for r in (Role.MEDICAL, Role.PSYCHOLOGIST, Role.SPECIALIST, Role.CONSULTANT)]
    assert frozenset().union(*specialists) == frozenset(ServiceKind)
    assert sum(len(k) for k in specialists) == len(ServiceKind)  # no kind is two specialists'
    assert set(KINDS) == set(who_may(UseCase.PLAN_EDIT_OWN_KIND))


def test_everyone_changes_their_own_password_and_prints():
    assert who_may(UseCase.PASSWORD_CHANGE_OWN) == tuple(Role) == who_may(UseCase.PRINT)


def test_a_refusal_names_who_may_in_both_languages_without_a_field():
    with pytest.raises(Forbidden) as refused:
        require(Role.ADMIN, UseCase.PLAN_APPROVE)
    err = refused.value
    assert isinstance(err, PermissionDenied) and isinstance(err, DomainError) and err.field is None
    assert "директор" in err.render("kk") and "утверждать план" in err.render("ru")
    many = forbidden(UseCase.AUDIT_READ)
    assert "директор, администратор и аудитор (только чтение)" in many.render("ru")
    assert "директор, әкімші және аудитор (тек оқу)" in many.render("kk")
    assert tooltip(UseCase.BACKUP_MAKE).render("ru") == "Это доступно только: директор и администратор."
    require(Role.DIRECTOR, UseCase.PLAN_APPROVE)


def test_a_specialist_is_refused_another_specialists_kind_naming_who_keeps_it():
    require_kinds(Role.MEDICAL, [ServiceKind.SOCIAL_MEDICAL], UseCase.MONITORING_RECORD)
    with pytest.raises(Forbidden) as refused:
        require_kinds(Role.MEDICAL, [ServiceKind.SOCIAL_MEDICAL, ServiceKind.SOCIAL_LEGAL], UseCase.MONITORING_RECORD)
    text = refused.value.render("ru")
    assert "социально-правовые" in text and "консультант по социальной работе" in text
    assert "«социально-медицинские»" in text
    with pytest.raises(Forbidden):
        require_kinds(Role.AUDITOR, [], UseCase.MONITORING_RECORD)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_docs_roles_md_prints_the_table_as_it_is(lang):
    from pathlib import Path

    from app.domain.permissions import table_markdown

    text = (Path(__file__).resolve().parents[2] / "docs" / "roles.md").read_text(encoding="utf-8")
    start = text.index(f"<!-- table {lang}: generated from app/domain/permissions.py -->\n")
    start = text.index("\n", start) + 1
    end = text.index(f"<!-- /table {lang} -->")
    assert text[start:end] == table_markdown(lang)
    assert "—" in text[start:end] and "✓" in text[start:end]
