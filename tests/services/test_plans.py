"""R-14…R-25 through the services: plans, approval, corrections, monitoring."""

import datetime as dt

import pytest

from app.domain.deadlines import add_months
from app.domain.enums import ActivityTerm, ChangeMark, PlanStatus, ServiceKind
from app.domain.errors import DomainError, PermissionDenied
from app.services import ActivityInput, MonitoringRowInput
from tests.dump import dump
from tests.services.helpers import admit, approved_plan, days_ago, plan_input, rows


def test_r14_plan_period_over_one_year_is_refused(org):
    svc, director, worker = org
    rid = admit(svc, worker, 30)
    start = days_ago(28)
    data = plan_input(start, months=12)
    data.period_end = add_months(start, 12)  # one day too many
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        svc.plans.create(worker, rid, data)
    assert exc.value.field == "period_end"
    assert dump(svc.engine) == before
    assert svc.plans.create(worker, rid, plan_input(start, months=12)).status == PlanStatus.DRAFT


def test_r16_activities_are_kept_per_kind_of_service(org):
    svc, director, worker = org
    rid = admit(svc, worker, 30)
    plan = svc.plans.create(worker, rid, plan_input(days_ago(28), kinds=(ServiceKind.SOCIAL_MEDICAL,
                                                                          ServiceKind.SOCIAL_LEGAL)))
    assert {a.kind for a in plan.activities} == {ServiceKind.SOCIAL_MEDICAL, ServiceKind.SOCIAL_LEGAL}
    assert len(ServiceKind) == 8


def test_r17_activity_has_a_term_and_concrete_dates_within_the_plan(org):
    svc, director, worker = org
    rid = admit(svc, worker, 30)
    start = days_ago(28)
    data = plan_input(start)
    data.activities.append(ActivityInput(ServiceKind.SOCIAL_CULTURAL, "Мереке", ActivityTerm.QUARTER,
                                         start, add_months(start, 13), "Маманова", start))
    with pytest.raises(DomainError) as exc:
        svc.plans.create(worker, rid, data)
    assert exc.value.field == "activity_start"
    data.activities[-1].end_on = None
    with pytest.raises(DomainError) as exc:
        svc.plans.create(worker, rid, data)
    assert exc.value.field == "activity_end"


def test_r18_specialist_and_assignment_date_required_and_only_the_director_approves(org):
    svc, director, worker = org
    rid = admit(svc, worker, 30)
    start = days_ago(28)
    data = plan_input(start)
    data.activities[0].specialist = " "
    with pytest.raises(DomainError) as exc:
        svc.plans.create(worker, rid, data)
    assert exc.value.field == "specialist"
    plan = svc.plans.create(worker, rid, plan_input(start))
    plan = svc.plans.complete(worker, plan.id, start)
    before = dump(svc.engine)
    with pytest.raises(PermissionDenied):
        svc.plans.approve(worker, plan.id, start)
    assert dump(svc.engine) == before
    approved = svc.plans.approve(director, plan.id, start + dt.timedelta(days=1))
    assert approved.status == PlanStatus.APPROVED and approved.approved_by == "Директоров Д. Д."


def test_r19_an_approved_plan_is_never_edited_a_correction_is_a_new_version(org):
    svc, director, worker = org
    rid = admit(svc, worker, 200)
    plan = approved_plan(svc, director, worker, rid, days_ago(190))
    with pytest.raises(DomainError):
        svc.plans.update_draft(worker, plan.id, plan_input(days_ago(190)), plan.version)
    new = svc.plans.correct(worker, plan.id, days_ago(5), "мониторинг нәтижесі бойынша")
    assert new.version_no == 2 and new.previous_id == plan.id and new.status == PlanStatus.DRAFT
    assert len(new.activities) == len(plan.activities)
    with pytest.raises(DomainError):
        svc.plans.correct(worker, plan.id, days_ago(5), "екінші рет")
    new = svc.plans.complete(worker, new.id, days_ago(4))
    svc.plans.approve(director, new.id, days_ago(3))
    statuses = {p.id: p.status for p in svc.plans.for_resident(rid)}
    assert statuses == {plan.id: PlanStatus.SUPERSEDED, new.id: PlanStatus.APPROVED}


def test_r20_monitoring_once_a_quarter(org):
    svc, director, worker = org
    rid = admit(svc, worker, 200)
    start = days_ago(190)
    plan = approved_plan(svc, director, worker, rid, start)
    m = svc.plans.record_monitoring(worker, plan.id, start + dt.timedelta(days=80), "Маманова", rows(),
                                    recorded_on=start + dt.timedelta(days=80))
    assert len(m.rows) == 8
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:  # the same quarter again
        svc.plans.record_monitoring(worker, plan.id, start + dt.timedelta(days=85), "Маманова", rows(),
                                    recorded_on=start + dt.timedelta(days=85))
    assert exc.value.field == "monitoring_date"
    assert dump(svc.engine) == before
    # the next quarter is fine
    svc.plans.record_monitoring(worker, plan.id, add_months(start, 3) + dt.timedelta(days=5), "Маманова", rows(),
                                recorded_on=add_months(start, 3) + dt.timedelta(days=5))


def test_r21_late_journal_entry_is_marked(org):
    svc, director, worker = org
    rid = admit(svc, worker, 200)
    start = dt.date(2026, 1, 5) if dt.date.today() > dt.date(2026, 7, 1) else days_ago(190)
    plan = approved_plan(svc, director, worker, rid, max(start, days_ago(190)))
    mdate = plan.period_start + dt.timedelta(days=30)
    on_time = svc.plans.record_monitoring(worker, plan.id, mdate, "Маманова", rows(), recorded_on=mdate)
    assert not on_time.recorded_late
    m2 = add_months(plan.period_start, 3) + dt.timedelta(days=2)
    late = svc.plans.record_monitoring(worker, plan.id, m2, "Маманова", rows(), recorded_on=m2 + dt.timedelta(days=10))
    assert late.recorded_late


def test_r22_monthly_interim_marks_need_a_change_and_one_per_month(org):
    svc, director, worker = org
    rid = admit(svc, worker, 200)
    start = days_ago(190)
    plan = approved_plan(svc, director, worker, rid, start)
    day = start + dt.timedelta(days=10)
    with pytest.raises(DomainError):
        svc.plans.record_monitoring(worker, plan.id, day, "Маманова", rows(ChangeMark.NO_CHANGE), interim=True,
                                    recorded_on=day)
    svc.plans.record_monitoring(worker, plan.id, day, "Маманова",
                                [MonitoringRowInput(ServiceKind.SOCIAL_MEDICAL, ChangeMark.WORSE,
                                                    no_change_reason="ауырды")], interim=True, recorded_on=day)
    with pytest.raises(DomainError):
        svc.plans.record_monitoring(worker, plan.id, day + dt.timedelta(days=1), "Маманова",
                                    [MonitoringRowInput(ServiceKind.SOCIAL_MEDICAL, ChangeMark.POSITIVE,
                                                        positive_text="жақсарды")], interim=True,
                                    recorded_on=day + dt.timedelta(days=1))


def test_r23_correction_decision_is_kept_with_the_kind_to_revise(org):
    svc, director, worker = org
    rid = admit(svc, worker, 200)
    plan = approved_plan(svc, director, worker, rid, days_ago(190))
    day = days_ago(150)
    svc.plans.record_monitoring(worker, plan.id, day, "Маманова", [
        MonitoringRowInput(ServiceKind.SOCIAL_LABOUR, ChangeMark.NO_CHANGE, no_change_reason="қызықпайды",
                           correction="Әлеуметтік-еңбек қызметін қайта қарау: басқа үйірме ұсыну")], recorded_on=day)
    m = svc.plans.monitoring_for(plan.id)[0]
    assert m.rows[0].correction.startswith("Әлеуметтік-еңбек")


def test_r25_each_row_needs_its_description_or_reason(org):
    svc, director, worker = org
    rid = admit(svc, worker, 200)
    plan = approved_plan(svc, director, worker, rid, days_ago(190))
    day = days_ago(150)
    for bad in (MonitoringRowInput(ServiceKind.SOCIAL_MEDICAL, ChangeMark.POSITIVE),
                MonitoringRowInput(ServiceKind.SOCIAL_MEDICAL, ChangeMark.WORSE)):
        with pytest.raises(DomainError) as exc:
            svc.plans.record_monitoring(worker, plan.id, day, "Маманова", [bad], recorded_on=day)
        assert exc.value.field in ("positive_text", "no_change_reason")
    with pytest.raises(DomainError):  # a draft plan is not monitored
        rid2 = admit(svc, worker, 100)
        draft = svc.plans.create(worker, rid2, plan_input(days_ago(95)))
        svc.plans.record_monitoring(worker, draft.id, days_ago(50), "Маманова", rows(), recorded_on=days_ago(50))


def test_r14_plan_from_29_february_may_end_28_february(org):
    svc, director, worker = org
    start = dt.date(2024, 2, 29)
    rid = admit(svc, worker, (dt.date.today() - dt.date(2024, 2, 26)).days)
    data = plan_input(start)
    data.period_end = dt.date(2025, 3, 1)
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        svc.plans.create(worker, rid, data)
    assert exc.value.field == "period_end" and "28.02.2025" in exc.value.render("ru")
    assert dump(svc.engine) == before
    data.period_end = dt.date(2025, 2, 28)
    assert svc.plans.create(worker, rid, data).period_end == dt.date(2025, 2, 28)


def test_r17_a_week_activity_running_8_days_is_refused_7_accepted(org):
    svc, director, worker = org
    rid = admit(svc, worker, 30)
    start = days_ago(28)
    data = plan_input(start)
    data.activities.append(ActivityInput(ServiceKind.SOCIAL_CULTURAL, "Серуен", ActivityTerm.WEEK,
                                         start, start + dt.timedelta(days=7), "Маманова", start))
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        svc.plans.create(worker, rid, data)
    assert exc.value.field == "activity_end"
    assert exc.value.render("kk") != exc.value.render("ru")
    assert dump(svc.engine) == before
    data.activities[-1].end_on = start + dt.timedelta(days=6)
    plan = svc.plans.create(worker, rid, data)
    data.activities[-1].term, data.activities[-1].end_on = ActivityTerm.MONTH, add_months(start, 1)
    with pytest.raises(DomainError) as exc:  # a month and a day
        svc.plans.update_draft(worker, plan.id, data, plan.version)
    assert exc.value.field == "activity_end"


def test_r20_one_quarterly_monitoring_per_quarter_across_plan_versions(org):
    svc, director, worker = org
    rid = admit(svc, worker, 200)
    start = days_ago(190)
    plan = approved_plan(svc, director, worker, rid, start)
    day = start + dt.timedelta(days=20)
    svc.plans.record_monitoring(worker, plan.id, day, "Маманова", rows(), recorded_on=day)
    new = svc.plans.correct(worker, plan.id, day + dt.timedelta(days=1), "мониторинг нәтижесі бойынша")
    new = svc.plans.complete(worker, new.id, day + dt.timedelta(days=1))
    new = svc.plans.approve(director, new.id, day + dt.timedelta(days=2))
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:  # the same quarter, under the corrected version
        svc.plans.record_monitoring(worker, new.id, day + dt.timedelta(days=10), "Маманова", rows(),
                                    recorded_on=day + dt.timedelta(days=10))
    assert exc.value.field == "monitoring_date"
    assert dump(svc.engine) == before
    nxt = add_months(start, 3) + dt.timedelta(days=1)
    assert svc.plans.record_monitoring(worker, new.id, nxt, "Маманова", rows(), recorded_on=nxt).plan_id == new.id


def test_r18_signatures_print_the_day_they_were_put_not_the_day_typed_in(org):
    """Issue 9 point 21: a plan drawn up 20 days ago and signed then prints that day beside each name (the day
    entered with the signature), not the day it was typed in; a signature date before the plan was drawn up
    or in the future is refused under it, changing nothing; the approval prints its own date. The monitoring
    journal is signed on the day its last monitoring was written, and an empty journal is not signed."""
    from dataclasses import replace

    from app.services.printing import _SIGNATURE_ROLES, PrintService

    svc, director, worker = org
    rid = admit(svc, worker, 30)
    drawn = days_ago(20)
    names = {"social_worker": "Маманова М. М.", "psychologist": "Психологова П. П."}
    base = replace(plan_input(drawn), signatures=names)
    before = dump(svc.engine)
    for day in (drawn - dt.timedelta(days=1), dt.date.today() + dt.timedelta(days=1)):
        with pytest.raises(DomainError) as exc:
            svc.plans.create(worker, rid, replace(base, signature_dates={"psychologist": day}))
        assert exc.value.field == "signed_on_psychologist" and day.strftime("%d.%m.%Y") in exc.value.render("ru")
        assert exc.value.render("kk") != exc.value.render("ru")
    assert dump(svc.engine) == before
    p = svc.plans.create(worker, rid, replace(base, signature_dates={"social_worker": drawn,
                                                                     "psychologist": drawn + dt.timedelta(days=1),
                                                                     "medical": drawn}))  # no name: no date
    assert p.signature_dates == {"social_worker": drawn, "psychologist": drawn + dt.timedelta(days=1)}
    printer = PrintService(svc.sessions)
    roles = {role: code for code, role in _SIGNATURE_ROLES.items()}
    printed = {roles[s.role]: (s.name, s.signed_on) for s in printer.plan(plan_id=p.id).signatories}
    assert printed["social_worker"] == ("Маманова М. М.", drawn)
    assert printed["psychologist"] == ("Психологова П. П.", drawn + dt.timedelta(days=1))
    assert printed["medical"] == (None, None)
    # the journal of a plan with no monitoring yet is not signed
    p = svc.plans.complete(worker, p.id, drawn + dt.timedelta(days=1))
    p = svc.plans.approve(director, p.id, drawn + dt.timedelta(days=2))
    assert printer.plan(plan_id=p.id).approval.approved_on == drawn + dt.timedelta(days=2)
    journal = printer.monitoring(plan_id=p.id)
    assert not journal.sessions and all(s.name is None and s.signed_on is None for s in journal.signatories)
    svc.plans.record_monitoring(worker, p.id, days_ago(3), "Маманова М. М.", rows(), recorded_on=days_ago(2))
    [sign] = [s for s in printer.monitoring(plan_id=p.id).signatories if s.name]
    assert (sign.name, sign.signed_on) == ("Маманова М. М.", days_ago(2))
