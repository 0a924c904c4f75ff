"""Issue 10 point 5: every role is refused every use case the permission table keeps it out of — by the real
service, on a database holding a bit of everything — and the refusal changes nothing (a dump of every table
before and after). Then the fine-grained rules: the specialists' own kinds of service, the medical fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from app.domain.checklist import Answer, MovementDocKind
from app.domain.deadlines import RuleSource, SourceKind
from app.domain.enums import (
    ChangeMark,
    DischargeReason,
    DocumentKind,
    NoticeSender,
    OrgType,
    OutOfTurnGround,
    PostponementCause,
    Role,
    ServiceKind,
)
from app.domain.errors import PermissionDenied
from app.domain.permissions import Forbidden, RoleList, UseCase, may, who_may
from app.domain.queue import OutOfTurn, PostponementNotice
from app.domain.units import UnitKind
from app.portal.records import Kind, ParseResult, RegisterRecord
from app.services import MonitoringRowInput, OrganisationInput, PersonInput
from app.services.base import today
from app.services.exchange import ExchangeService
from app.services.movements import MovementDoc
from app.services.printing import PrintService
from tests.conftest import make_services
from tests.dump import dump
from tests.services.helpers import GROUND, admit, approved_plan, days_ago, elderly, order, person, plan_input, rows
from tests.services.test_exchange import parsed, queue_records

PASSWORD = "Құпия-сөз-2026"


class World:
    """One organisation with a person in every state a use case needs, and an account of every role."""

    def __init__(self, url: str, folder) -> None:
        svc, director, worker = make_services(url)
        self.svc, self.folder = svc, folder
        self.actors = {Role.DIRECTOR: director, Role.SOCIAL_WORKER: worker}
        for role in Role:
            if role not in self.actors:
                self.actors[role] = svc.people.create_user(director, role.value, f"{role.value.title()} А.", role,
                                                           PASSWORD)
        self.present = admit(svc, worker, 200)
        self.absent = admit(svc, worker, 200)
        svc.movements.temporary_departure(worker, self.absent, days_ago(5), order(days_ago(5)), "үйіне")
        self.gone = admit(svc, worker, 200)
        svc.movements.discharge(worker, self.gone, days_ago(5), order(days_ago(5)), DischargeReason.OWN_REQUEST)
        self.draft = svc.plans.create(worker, self.present, plan_input(days_ago(150)))
        self.planned = admit(svc, worker, 200)
        self.approved = approved_plan(svc, director, worker, self.planned, days_ago(150))
        done = admit(svc, worker, 200)
        completed = svc.plans.create(worker, done, plan_input(days_ago(150)))
        self.completed = svc.plans.complete(worker, completed.id, days_ago(148))
        self.no_plan = admit(svc, worker, 200)
        self.app = svc.queue.register(worker, elderly(), dt.datetime.now() - dt.timedelta(days=3)).application_id
        self.case_file = svc.casefiles.get_for(self.present).id
        self.unit = svc.units.add(director, UnitKind.PALLIATIVE, "Палата", 2).id
        self.staff = svc.people.add_staff(director, "Ким Татьяна", "Психолог", Role.PSYCHOLOGIST)


def _resident_input(svc, rid: int, **change) -> tuple[PersonInput, int]:
    r = svc.residents.get(rid)
    data = PersonInput(r.last_name, r.first_name, r.middle_name, r.iin, r.iin_missing_reason, r.birth_date, r.sex,
                       r.nationality, r.diagnosis, r.address, r.phone, r.social_status, r.came_from, r.parents_info,
                       r.category, r.disability_group, r.ipr_until, r.room)
    return replace(data, **change), r.version


def _plan_input(view):
    """The draft as its editor would send it back."""
    from app.services import ActivityInput, PlanInput

    acts = [ActivityInput(a.kind, a.title, a.term, a.start_on, a.end_on, a.specialist, a.assigned_on, a.title_kk,
                          a.title_ru) for a in view.activities]
    return PlanInput(view.drawn_up_on, view.period_start, view.period_end, view.observation_start,
                     view.observation_end, view.revision_date, acts, dict(view.signatures))


def _org_input(svc) -> tuple[OrganisationInput, int]:
    o = svc.organisation.get()
    return OrganisationInput(o.name_kk, o.name_ru + " (өзгерді)", o.org_type, o.capacity), o.version


def _calls(w: World):
    """The real service call of each use case, as a role would make it from the GUI or the command line."""
    s, ex = w.svc, ExchangeService(w.svc.sessions)
    register = RegisterRecord("Тізімов", "Асан", dt.date(1941, 2, 3), admission_date=days_ago(30))
    return {
        UseCase.QUEUE_REGISTER: lambda a: s.queue.register(a, person(), dt.datetime.now()),
        UseCase.QUEUE_OUT_OF_TURN: lambda a: s.queue.mark_out_of_turn(
            a, w.app, OutOfTurn(OutOfTurnGround.ORPHAN, "Балалар үйі", left_on=today() + dt.timedelta(days=30))),
        UseCase.QUEUE_RECERTIFY: lambda a: s.queue.record_recertification(a, w.app, today(), today().replace(
            year=today().year + 1)),
        UseCase.QUEUE_OFFER: lambda a: s.queue.offer_place(a, w.app, today()),
        UseCase.QUEUE_POSTPONE: lambda a: s.queue.postpone_arrival(
            a, w.app, 10, PostponementNotice(today(), NoticeSender.RECIPIENT, PostponementCause.ILLNESS)),
        UseCase.QUEUE_NO_SHOW: lambda a: s.queue.record_no_show(a, w.app, today()),
        UseCase.QUEUE_WITHDRAW: lambda a: s.queue.withdraw(a, w.app, today()),
        UseCase.ADMIT: lambda a: s.movements.admit_direct(a, elderly(), today(), order(today()), admission_ground=GROUND),
        UseCase.DEPART: lambda a: s.movements.temporary_departure(a, w.present, today(), order(today()), "үйіне"),
        UseCase.RETURN: lambda a: s.movements.return_(a, w.absent, today(), order(today())),
        UseCase.DISCHARGE: lambda a: s.movements.discharge(a, w.present, today(), order(today()),
                                                           DischargeReason.OWN_REQUEST),
        UseCase.TRANSFER: lambda a: s.movements.transfer(a, w.present, today(), order(today()), "Алматы қ.",
                                                         "«Шапағат» орталығы"),
        UseCase.READMIT: lambda a: s.movements.readmit(a, w.gone, today(), order(today()), admission_ground=GROUND),
        UseCase.UNIT_PLACE: lambda a: s.units.place(a, w.present, w.unit),
        UseCase.JOURNAL_CORRECT: lambda a: s.movements.correct_entry(
            a, s.movements.history(w.gone)[-1], order(days_ago(4)), DischargeReason.OWN_REQUEST),
        UseCase.MOVEMENT_DOCUMENT: lambda a: s.movements.set_document(
            a, s.movements.history(w.gone)[-1].id, MovementDoc(MovementDocKind.APPLICATION, days_ago(5), "7")),
        UseCase.PERSON_EDIT: lambda a: s.residents.update(a, w.present, *_resident_input(s, w.present,
                                                                                          phone="+7 701 000 0000")),
        UseCase.PERSON_EDIT_MEDICAL: lambda a: s.residents.update(a, w.present, *_resident_input(
            s, w.present, diagnosis="Гипертония")),
        UseCase.CASEFILE_OPEN: lambda a: s.casefiles.open(a, w.no_plan, today()),
        UseCase.DOCUMENT_ADD: lambda a: s.casefiles.add_document(a, w.case_file, DocumentKind.PENSION_CERTIFICATE,
                                                                 "Зейнетақы куәлігі", today()),
        UseCase.DOCUMENT_ADD_MEDICAL: lambda a: s.casefiles.add_document(a, w.case_file, DocumentKind.MEDICAL_RECORD,
                                                                         "Медициналық карта", today()),
        UseCase.PLAN_CREATE: lambda a: s.plans.create(a, w.no_plan, plan_input(days_ago(150))),
        UseCase.PLAN_EDIT: lambda a: s.plans.update_draft(a, w.draft.id, replace(
            _plan_input(s.plans.get(w.draft.id)), revision_date=today()), s.plans.get(w.draft.id).version),
        UseCase.PLAN_EDIT_OWN_KIND: lambda a: s.plans.update_draft(a, w.draft.id, _plan_input(s.plans.get(w.draft.id)),
                                                                   s.plans.get(w.draft.id).version),
        UseCase.PLAN_COMPLETE: lambda a: s.plans.complete(a, w.draft.id, today()),
        UseCase.PLAN_APPROVE: lambda a: s.plans.approve(a, w.completed.id, today()),
        UseCase.PLAN_RETURN: lambda a: s.plans.return_for_changes(a, w.completed.id, today(), "Толықтырыңыз"),
        UseCase.PLAN_CORRECT: lambda a: s.plans.correct(a, w.approved.id, today(), "мониторинг нәтижесі"),
        UseCase.CATALOG_ADD: lambda a: s.plans.add_catalog_entry(a, ServiceKind.SOCIAL_LEGAL, "Кеңес", "Консультация"),
        UseCase.MONITORING_RECORD: lambda a: s.plans.record_monitoring(a, w.approved.id, today(), "Маман М.", rows()),
        UseCase.PORTAL_IMPORT: lambda a: ex.import_queue(a, parsed(Kind.QUEUE, queue_records())),
        UseCase.REGISTER_IMPORT: lambda a: ex.import_register(a, ParseResult((register,), (), Kind.REGISTER)),
        UseCase.PORTAL_EXPORT: lambda a: ex.export_journal(a, w.folder / f"journal-{a.username}.csv", "kk"),
        UseCase.ORG_REGISTER: lambda a: s.organisation.register(a, _org_input(s)[0]),
        UseCase.ORG_EDIT: lambda a: s.organisation.update(a, *_org_input(s)),
        UseCase.DEADLINE_RULES: lambda a: s.organisation.set_deadline_rules(
            a, RuleSource(SourceKind.ORDER, "12-н", today()), plan_draw_up_calendar_days=3),
        UseCase.CALENDAR_EDIT: lambda a: s.organisation.set_holiday_override(a, today(), False, "Жарлық"),
        UseCase.UNIT_EDIT: lambda a: s.units.add(a, UnitKind.SUPPORTED_LIVING, "Пәтер", 1),
        UseCase.STAFF_EDIT: lambda a: s.people.add_staff(a, "Жаңа Қ.", "Мейірбике", Role.MEDICAL),
        UseCase.STAFFING_EDIT: lambda a: s.staffing.add_row(a, 1, 1),
        UseCase.CHECKLIST_ANSWER: lambda a: s.checklist.answer(a, 5, Answer.COMPLIES, None, today()),
        UseCase.RECONCILIATION_SAVE: lambda a: ex.reconcile(ParseResult((), (), Kind.ROSTER), actor=a),
        UseCase.ACCOUNT_CREATE: lambda a: s.people.create_user(a, "nurse", "Мейірбике М.", Role.MEDICAL, PASSWORD),
        UseCase.ACCOUNT_EDIT: lambda a: s.people.update_user(a, "medical", "Дәрігер Д.", Role.MEDICAL, True,
                                                             w.actors[Role.MEDICAL].version),
        UseCase.PASSWORD_RESET: lambda a: s.people.reset_password(a, "medical", "Жаңа-сөз-2026"),
        UseCase.PASSWORD_CHANGE_OWN: lambda a: s.people.change_password(a, PASSWORD, "Жаңа-сөз-2026"),
        # not a service of app/services: the Backups dialog asks the services' permit before it starts
        UseCase.BACKUP_MAKE: lambda a: s.organisation.permit(a, UseCase.BACKUP_MAKE),
        UseCase.BACKUP_RESTORE: lambda a: s.organisation.permit(a, UseCase.BACKUP_RESTORE),
        UseCase.AUDIT_READ: lambda a: s.audit.query(a),
        UseCase.PRINT: lambda a: PrintService(s.sessions).record_print(a, "queue", None, "kk"),
    }


FORBIDDEN = [(role, uc) for uc in UseCase for role in Role if not may(role, uc)]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def world(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("roles")
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'roles.sqlite3'}"
        w = World(url, folder)
        yield w
    else:
        server = request.getfixturevalue("pg_server")
        url = server.create_database()
        w = World(url, folder)
        yield w
        w.svc.engine.dispose()
        server.drop_database(url)
        return
    w.svc.engine.dispose()


def test_every_use_case_has_a_call():
    from types import SimpleNamespace

    assert set(_calls(SimpleNamespace(svc=SimpleNamespace(sessions=None), folder=None))) == set(UseCase)


@pytest.mark.parametrize("role, use_case", FORBIDDEN, ids=[f"{r.value}-{u.value}" for r, u in FORBIDDEN])
def test_a_role_is_refused_what_the_table_keeps_it_out_of_and_nothing_changes(world, role, use_case):
    actor = world.actors[role]
    before = dump(world.svc.engine)
    with pytest.raises(Forbidden) as refused:
        _calls(world)[use_case](actor)
    after = dump(world.svc.engine)
    assert after == before
    err = refused.value
    assert err.field is None
    ru, kk = err.render("ru"), err.render("kk")
    assert use_case.label.render("ru") in ru and use_case.label.render("kk") in kk
    assert RoleList(who_may(use_case)).render("ru") in ru and RoleList(who_may(use_case)).render("kk") in kk
    assert not list(world.folder.glob(f"journal-{actor.username}.*"))  # an export writes no file either


# --- the fine-grained rules ---------------------------------------------------------------------------
def _refused_unchanged(svc, call, *args) -> Forbidden:
    before = dump(svc.engine)
    with pytest.raises(Forbidden) as refused:
        call(*args)
    assert dump(svc.engine) == before
    return refused.value


@pytest.fixture
def clinic(db_url):
    """A fresh organisation with a specialist of every kind."""
    svc, director, worker = make_services(db_url, org_type=OrgType.STATIONARY)
    actors = {role: svc.people.create_user(director, role.value, f"{role.value.title()} А.", role, PASSWORD)
              for role in (Role.MEDICAL, Role.PSYCHOLOGIST, Role.SPECIALIST, Role.CONSULTANT, Role.AUDITOR, Role.ADMIN)}
    actors |= {Role.DIRECTOR: director, Role.SOCIAL_WORKER: worker}
    yield svc, actors
    svc.engine.dispose()


def test_the_medical_staff_change_the_medical_fields_of_the_card_and_nothing_else(clinic):
    svc, a = clinic
    rid = admit(svc, a[Role.SOCIAL_WORKER])
    data, version = _resident_input(svc, rid, diagnosis="Қант диабеті", disability_group=2,
                                    ipr_until=today().replace(year=today().year + 1))
    saved = svc.residents.update(a[Role.MEDICAL], rid, data, version)
    assert (saved.diagnosis, saved.disability_group) == ("Қант диабеті", 2)
    data, version = _resident_input(svc, rid, diagnosis="Гипертония", phone="+7 700 111 2233")
    err = _refused_unchanged(svc, svc.residents.update, a[Role.MEDICAL], rid, data, version)
    assert "изменять карточку получателя" in err.render("ru")
    data, version = _resident_input(svc, rid, diagnosis="Гипертония")
    for role in (Role.PSYCHOLOGIST, Role.ADMIN, Role.AUDITOR):
        _refused_unchanged(svc, svc.residents.update, a[role], rid, data, version)


def test_the_medical_staff_file_the_medical_documents_of_the_case_file(clinic):
    svc, a = clinic
    rid = admit(svc, a[Role.SOCIAL_WORKER])
    cf = svc.casefiles.get_for(rid)
    filed = svc.casefiles.add_document(a[Role.MEDICAL], cf.id, DocumentKind.MEDICAL_RECORD, "Медкарта", today())
    assert len(filed.documents) == len(cf.documents) + 1
    err = _refused_unchanged(svc, svc.casefiles.add_document, a[Role.MEDICAL], cf.id,
                             DocumentKind.PENSION_CERTIFICATE, "Куәлік", today())
    assert "добавлять документ в личное дело" in err.render("ru")


def test_a_specialist_edits_only_the_activities_of_their_own_kinds_and_their_signature(clinic):
    svc, a = clinic
    rid = admit(svc, a[Role.SOCIAL_WORKER])
    draft = svc.plans.create(a[Role.SOCIAL_WORKER], rid, plan_input(days_ago(90)))
    psych = a[Role.PSYCHOLOGIST]
    data = _plan_input(draft)
    data.activities = [replace(x, title="Арт-терапия") if x.kind == ServiceKind.SOCIAL_PSYCHOLOGICAL else x
                       for x in data.activities]
    data.signatures = {**data.signatures, "psychologist": "Психолог А."}
    saved = svc.plans.update_draft(psych, draft.id, data, draft.version)
    assert [x.title for x in saved.activities if x.kind == ServiceKind.SOCIAL_PSYCHOLOGICAL] == ["Арт-терапия"]
    assert saved.signatures["psychologist"] == "Психолог А."

    other = _plan_input(saved)
    other.activities = [x for x in other.activities if x.kind != ServiceKind.SOCIAL_LEGAL]
    err = _refused_unchanged(svc, svc.plans.update_draft, psych, draft.id, other, saved.version)
    assert "социально-правовые" in err.render("ru") and "консультант по социальной работе" in err.render("ru")
    svc.plans.update_draft(a[Role.CONSULTANT], draft.id, other, saved.version)  # the consultant's kind

    saved = svc.plans.get(draft.id)
    header = replace(_plan_input(saved), period_end=saved.period_end - dt.timedelta(days=1))
    err = _refused_unchanged(svc, svc.plans.update_draft, psych, draft.id, header, saved.version)
    assert "изменять черновик плана" in err.render("ru")
    signed = _plan_input(saved)
    signed.signatures = {**signed.signatures, "medical": "Дәрігер"}
    _refused_unchanged(svc, svc.plans.update_draft, psych, draft.id, signed, saved.version)
    for role in (Role.PSYCHOLOGIST, Role.MEDICAL, Role.SPECIALIST, Role.CONSULTANT):
        _refused_unchanged(svc, svc.plans.complete, a[role], draft.id, today())


def test_a_specialist_records_the_monitoring_of_their_own_kinds_only(clinic):
    svc, a = clinic
    rid = admit(svc, a[Role.SOCIAL_WORKER], 200)
    plan = approved_plan(svc, a[Role.DIRECTOR], a[Role.SOCIAL_WORKER], rid, days_ago(150))
    err = _refused_unchanged(svc, svc.plans.record_monitoring, a[Role.MEDICAL], plan.id, days_ago(1), "Дәрігер",
                             rows())
    assert "«социально-медицинские»" in err.render("ru")
    done = svc.plans.record_monitoring(a[Role.MEDICAL], plan.id, days_ago(1), "Дәрігер",
                                       [MonitoringRowInput(ServiceKind.SOCIAL_MEDICAL, ChangeMark.POSITIVE,
                                                           positive_text="қысымы қалыпты")])
    assert [r.kind for r in done.rows] == [ServiceKind.SOCIAL_MEDICAL]


def test_a_specialist_adds_catalogue_activities_of_their_own_kinds(clinic):
    svc, a = clinic
    svc.plans.add_catalog_entry(a[Role.CONSULTANT], ServiceKind.SOCIAL_LEGAL, "Құқықтық кеңес", "Правовая консультация")
    _refused_unchanged(svc, svc.plans.add_catalog_entry, a[Role.CONSULTANT], ServiceKind.SOCIAL_MEDICAL, "Массаж",
                       "Массаж")


def test_a_refusal_of_an_account_switched_off_meanwhile_says_so_not_who_may(clinic):
    svc, a = clinic
    auditor = a[Role.AUDITOR]
    svc.people.update_user(a[Role.DIRECTOR], "auditor", auditor.full_name, Role.AUDITOR, False, auditor.version)
    with pytest.raises(PermissionDenied) as refused:
        svc.queue.register(auditor, person(), dt.datetime.now())
    assert not isinstance(refused.value, Forbidden) and refused.value.field == "username"


def test_the_program_itself_has_no_role_to_check(clinic):
    """The command line and the first run act without an account (tests/test_cli*.py cover the commands)."""
    svc, _a = clinic
    from app.services import SYSTEM

    assert svc.queue.register(SYSTEM, person(), dt.datetime.now()).application_id


def test_an_actor_naming_another_users_account_is_refused_and_the_log_keeps_no_false_name(clinic):
    """The audit log names who acted: a social worker's session carrying the director's name acts as nobody."""
    svc, a = clinic
    worker, director = a[Role.SOCIAL_WORKER], a[Role.DIRECTOR]
    forged = replace(worker, username=director.username)
    before = dump(svc.engine)
    with pytest.raises(PermissionDenied) as refused:
        svc.queue.register(forged, person(), dt.datetime.now())
    assert refused.value.field == "username" and dump(svc.engine) == before
    assert svc.queue.register(worker, person(), dt.datetime.now()).application_id  # the true name acts
