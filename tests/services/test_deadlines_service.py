import datetime as dt

from app.domain.enums import DeadlineKind
from tests.services.helpers import admit, approved_plan, days_ago, plan_input


def test_deadlines_for_every_resident_with_the_rule_and_holiday_overrides(org):
    svc, director, worker = org
    fresh = admit(svc, worker, 2)
    late = admit(svc, worker, 30)
    drafted = admit(svc, worker, 40)
    svc.plans.create(worker, drafted, plan_input(days_ago(38)))
    monitored = admit(svc, worker, 300)
    approved_plan(svc, director, worker, monitored, days_ago(290))
    rows = svc.queries.deadlines(dt.date.today())
    by = {(r.resident_id, r.kind): r for r in rows}
    assert by[(fresh, "plan_draw_up")].state == "upcoming"
    assert by[(late, "plan_draw_up")].state == "overdue" and by[(late, "plan_draw_up")].rule == "R-15"
    assert by[(drafted, "plan_complete")].state == "overdue"
    mon = by[(monitored, DeadlineKind.MONITORING.value)]
    assert mon.state == "overdue" and mon.rule == "R-20"
    assert "R-15" in {r.rule for r in rows}
    # a decree makes the day after a draft's drawing-up non-working: the completion moves
    drawn = svc.plans.for_resident(drafted)[0].drawn_up_on
    due_before = by[(drafted, "plan_complete")].due
    svc.organisation.set_holiday_override(director, drawn + dt.timedelta(days=1), False, "decree")
    svc.organisation.set_holiday_override(director, due_before, False, "decree")
    after = {(r.resident_id, r.kind): r for r in svc.queries.deadlines(dt.date.today())}
    assert after[(drafted, "plan_complete")].due > due_before


def test_residents_page_is_searched_sorted_and_filtered_in_sql(org):
    from app.domain.enums import ResidentStatus

    svc, director, worker = org
    admit(svc, worker, 10, last="Бекова", first="Айгүл")
    rid = admit(svc, worker, 10, last="Ахметов", first="Ерлан")
    admit(svc, worker, 10, last="Сидоров", first="Иван")
    total, rows = svc.queries.residents(search="ерл")
    assert total == 1 and rows[0].id == rid and rows[0].next_deadline is not None
    iin = rows[0].iin
    assert svc.queries.residents(search=iin[:6])[1][0].id == rid
    total, rows = svc.queries.residents(sort="name", descending=True, limit=2)
    assert total == 3 and [r.full_name.split()[0] for r in rows] == ["Сидоров", "Бекова"]
    assert svc.queries.residents(statuses=(ResidentStatus.DISCHARGED,))[0] == 0


def test_r15_deadline_settings_only_stricter_than_the_act_with_their_source(org):
    """003 item 35 4): "күнтізбелік бес күн ішінде … бір жұмыс күні ішінде … кейінгі екі жұмыс күні ішінде";
    003 item 35 4) "бір жылға дейінгі мерзімге" (R-14) and 35 5) "тоқсанына бір реттен жиі емес" (R-20)
    are not settings."""
    import pytest

    from app.domain.deadlines import RuleSource, SourceKind
    from app.domain.errors import DomainError
    from tests.dump import dump

    svc, director, worker = org
    order_12 = RuleSource(SourceKind.ORDER, "12-ө", dt.date(2026, 11, 2))
    before = dump(svc.engine)
    for bad, field in (({"plan_max_months": 24}, "plan_max_months"),
                       ({"monitoring_interval_months": 12}, "monitoring_interval_months"),
                       ({"plan_draw_up_calendar_days": 6}, "plan_draw_up_calendar_days"),
                       ({"plan_renew_working_days": 2}, "plan_renew_working_days"),
                       ({"plan_complete_working_days": 3}, "plan_complete_working_days"),
                       ({"plan_approve_working_days": 1}, "plan_approve_working_days"),  # 2 + 1 > 2
                       ({"monitoring_record_working_days": 2}, "monitoring_record_working_days"),
                       ({"plan_draw_up_calendar_days": -1}, "plan_draw_up_calendar_days")):
        with pytest.raises(DomainError) as exc:
            svc.organisation.set_deadline_rules(director, order_12, **bad)
        assert exc.value.field == field, bad
        assert exc.value.render("kk") != exc.value.render("ru")
    with pytest.raises(DomainError) as exc:  # a change needs its source
        svc.organisation.set_deadline_rules(director, None, plan_draw_up_calendar_days=3)
    assert exc.value.field == "source_kind"
    with pytest.raises(DomainError) as exc:
        svc.organisation.set_deadline_rules(director, RuleSource(SourceKind.ORDER, " ", dt.date(2026, 11, 2)),
                                            plan_draw_up_calendar_days=3)
    assert exc.value.field == "source_number"
    with pytest.raises(DomainError) as exc:
        svc.organisation.set_deadline_rules(director, RuleSource(SourceKind.DECISION, "4", None),
                                            plan_draw_up_calendar_days=3)
    assert exc.value.field == "source_date"
    assert dump(svc.engine) == before
    # stricter numbers are taken, each with its order; completion 1 + approval 1 stays within the two days
    rules = svc.organisation.set_deadline_rules(director, order_12, plan_draw_up_calendar_days=3,
                                                plan_complete_working_days=1, plan_approve_working_days=1)
    assert rules.plan_draw_up_calendar_days == 3 and rules.source_of("plan_draw_up_calendar_days") == order_12
    assert svc.organisation.deadline_rules().source_of("plan_renew_working_days") is None
    fresh = admit(svc, worker, 1)
    [d] = [r for r in svc.queries.deadlines(dt.date.today()) if r.resident_id == fresh and r.rule == "R-15"]
    assert d.due == days_ago(1) + dt.timedelta(days=3)
    assert "12-ө" in d.basis.render("kk") and "02.11.2026" in d.basis.render("ru")
    # a number left at the act's shows the act beside it
    drafted = admit(svc, worker, 40)
    svc.plans.create(worker, drafted, plan_input(days_ago(38)))
    svc.organisation.set_deadline_rules(director, RuleSource(SourceKind.DECISION, "7", dt.date(2026, 11, 20)),
                                        plan_complete_working_days=2, plan_approve_working_days=0)
    [d] = [r for r in svc.queries.deadlines(dt.date.today()) if r.resident_id == drafted and r.rule == "R-15"]
    assert "7" in d.basis.render("ru") and "20.11.2026" in d.basis.render("ru")


def test_r15_a_plan_drawn_up_completed_approved_late_keeps_that_fact(org):
    svc, director, worker = org
    rid = admit(svc, worker, 60)
    admitted = days_ago(60)
    drawn = admitted + dt.timedelta(days=9)   # due 5 calendar days after admission
    plan = svc.plans.create(worker, rid, plan_input(drawn))
    [late] = plan.late
    assert (late.step, late.due, late.actual, late.rule) == (DeadlineKind.PLAN_DRAW_UP,
                                                             admitted + dt.timedelta(days=5), drawn, "R-15")
    plan = svc.plans.complete(worker, plan.id, drawn + dt.timedelta(days=20))
    plan = svc.plans.approve(director, plan.id, drawn + dt.timedelta(days=21))
    assert [x.step for x in plan.late] == [DeadlineKind.PLAN_DRAW_UP, DeadlineKind.PLAN_COMPLETE,
                                           DeadlineKind.PLAN_APPROVE]
    assert all(x.actual > x.due for x in plan.late)
    assert "R-15" in plan.late[1].text().render("kk")
    # kept after the settings change, and listed for the inspector
    assert [p.id for p in svc.plans.late_plans()] == [plan.id]
    assert svc.plans.get(plan.id).late == plan.late
    # on time: nothing kept
    rid2 = admit(svc, worker, 60)
    ok = svc.plans.create(worker, rid2, plan_input(days_ago(56)))
    ok = svc.plans.complete(worker, ok.id, days_ago(56))
    ok = svc.plans.approve(director, ok.id, days_ago(56))
    assert ok.late == ()
    # a correction has no draw-up deadline
    new = svc.plans.correct(worker, ok.id, days_ago(3), "мониторинг")
    assert new.late == ()


def test_r15_a_deadline_source_dated_in_the_future_is_refused(org):
    """Issue 9 point 8: the head's order or decision that makes a deadline stricter is dated today at the
    latest; one dated 2031 (or tomorrow) is refused under its date and changes nothing."""
    import pytest

    from app.domain.deadlines import RuleSource, SourceKind
    from app.domain.errors import DomainError
    from tests.dump import dump

    svc, director, worker = org
    before = dump(svc.engine)
    for day in (dt.date(2031, 1, 1), dt.date.today() + dt.timedelta(days=1)):
        with pytest.raises(DomainError) as exc:
            svc.organisation.set_deadline_rules(director, RuleSource(SourceKind.ORDER, "1", day),
                                                plan_draw_up_calendar_days=4)
        assert exc.value.field == "source_date" and day.strftime("%d.%m.%Y") in exc.value.render("ru")
        assert exc.value.render("kk") != exc.value.render("ru")
    assert dump(svc.engine) == before
    today = RuleSource(SourceKind.DECISION, "2", dt.date.today())
    assert svc.organisation.set_deadline_rules(director, today, plan_draw_up_calendar_days=4).source_of(
        "plan_draw_up_calendar_days") == today
