"""R-14, R-15, R-20, R-21, R-22 as pure rules."""

import datetime as dt

import pytest

from app.domain.calendar import WorkCalendar
from app.domain.deadlines import (
    DeadlineRules,
    PlanFacts,
    ResidentFacts,
    check_interim_marks,
    check_monitoring_interval,
    check_plan_period,
    max_plan_end,
    monitoring_record_due,
    open_deadlines,
    quarter_windows,
)
from app.domain.enums import DeadlineKind, PlanStatus
from app.domain.errors import DomainError

CAL = WorkCalendar()


def plan(status, drawn=dt.date(2026, 1, 12), start=dt.date(2026, 1, 12), end=dt.date(2027, 1, 11), **kw):
    return PlanFacts(1, status, drawn, kw.get("completed"), kw.get("approved"), start, end)


def test_r14_plan_term_up_to_one_year():
    assert max_plan_end(dt.date(2026, 1, 12)) == dt.date(2027, 1, 11)
    check_plan_period(dt.date(2026, 1, 12), dt.date(2027, 1, 11))
    with pytest.raises(DomainError) as exc:
        check_plan_period(dt.date(2026, 1, 12), dt.date(2027, 1, 12))
    assert exc.value.field == "period_end" and "R-14" in exc.value.render("ru")



def test_r14_one_year_limit_from_29_february_and_binding():
    # RULES.md R-14: "a plan starting 29.02.2024 may end 28.02.2025"
    assert max_plan_end(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)
    check_plan_period(dt.date(2024, 2, 29), dt.date(2025, 2, 28))
    with pytest.raises(DomainError) as exc:
        check_plan_period(dt.date(2024, 2, 29), dt.date(2025, 3, 1))
    assert exc.value.field == "period_end" and "28.02.2025" in exc.value.render("kk")
    assert max_plan_end(dt.date(2023, 3, 1)) == dt.date(2024, 2, 29)
    # not a setting: an organisation's settings cannot lengthen it
    rules = DeadlineRules.from_settings({"plan_max_months": 24})
    assert max_plan_end(dt.date(2026, 1, 12), rules) == dt.date(2027, 1, 11)


def test_r15_plan_drawn_up_within_5_calendar_days_of_admission():
    [d] = open_deadlines(ResidentFacts(dt.date(2026, 12, 12)), dt.date(2026, 12, 14), CAL)
    assert d.kind == DeadlineKind.PLAN_DRAW_UP and d.rule == "R-15"
    assert d.due == dt.date(2026, 12, 17)  # calendar days: the Independence Day holiday does not move it
    assert d.state(dt.date(2026, 12, 17)) == "due" and d.state(dt.date(2026, 12, 18)) == "overdue"


def test_r15_completed_within_2_working_days_with_a_holiday_inside():
    drawn = dt.date(2026, 12, 15)  # Tuesday; 16 Dec is a public holiday
    [d] = open_deadlines(ResidentFacts(dt.date(2026, 12, 14), [plan(PlanStatus.DRAFT, drawn=drawn, start=drawn)]),
                         drawn, CAL)
    assert d.kind == DeadlineKind.PLAN_COMPLETE and d.due == dt.date(2026, 12, 18)


def test_r15_approval_is_due_with_completion_by_default_and_adjustable():
    drawn = dt.date(2026, 11, 16)
    facts = ResidentFacts(drawn, [plan(PlanStatus.COMPLETED, drawn=drawn, start=drawn, completed=drawn)])
    [d] = open_deadlines(facts, drawn, CAL)
    assert d.kind == DeadlineKind.PLAN_APPROVE and d.due == dt.date(2026, 11, 18)
    [d] = open_deadlines(facts, drawn, CAL, DeadlineRules(plan_approve_working_days=3))
    assert d.due == dt.date(2026, 11, 23)


def test_r15_next_plan_due_1_working_day_after_the_period_ends():
    facts = ResidentFacts(dt.date(2025, 1, 1), [plan(PlanStatus.APPROVED, drawn=dt.date(2026, 1, 9),
                                                      start=dt.date(2026, 1, 12), end=dt.date(2026, 12, 11))],
                          monitoring_dates=(dt.date(2026, 4, 1), dt.date(2026, 7, 1), dt.date(2026, 10, 1),
                                            dt.date(2026, 12, 1)))
    renew = [d for d in open_deadlines(facts, dt.date(2026, 12, 1), CAL) if d.kind == DeadlineKind.PLAN_RENEW]
    assert renew[0].due == dt.date(2026, 12, 14)  # Friday 11 Dec ends, next working day is Monday


def test_r20_quarterly_monitoring_deadline_and_overdue_quarter():
    p = plan(PlanStatus.APPROVED)
    assert quarter_windows(p.period_start, p.period_end)[0] == (dt.date(2026, 1, 12), dt.date(2026, 4, 11))
    assert len(quarter_windows(p.period_start, p.period_end)) == 4
    ds = open_deadlines(ResidentFacts(dt.date(2026, 1, 5), [p], (dt.date(2026, 3, 1),)), dt.date(2026, 5, 1), CAL)
    mon = [d for d in ds if d.kind == DeadlineKind.MONITORING]
    assert mon[0].due == dt.date(2026, 7, 11) and mon[0].rule == "R-20"
    ds = open_deadlines(ResidentFacts(dt.date(2026, 1, 5), [p], ()), dt.date(2026, 5, 1), CAL)
    mon = [d for d in ds if d.kind == DeadlineKind.MONITORING]
    assert mon[0].due == dt.date(2026, 4, 11) and mon[0].state(dt.date(2026, 5, 1)) == "overdue"


def test_r20_second_monitoring_in_one_quarter_is_refused():
    p = plan(PlanStatus.APPROVED)
    check_monitoring_interval([dt.date(2026, 3, 1)], dt.date(2026, 5, 1), p)
    with pytest.raises(DomainError):
        check_monitoring_interval([dt.date(2026, 3, 1)], dt.date(2026, 4, 10), p)
    with pytest.raises(DomainError):  # outside the plan period
        check_monitoring_interval([], dt.date(2027, 2, 1), p)


def test_r21_journal_entry_within_1_working_day():
    assert monitoring_record_due(dt.date(2026, 11, 20), CAL) == dt.date(2026, 11, 23)  # Friday -> Monday
    assert monitoring_record_due(dt.date(2026, 12, 15), CAL) == dt.date(2026, 12, 17)  # 16 Dec is a holiday


def test_r22_interim_marks_monthly_only_with_a_change():
    check_interim_marks([dt.date(2026, 1, 20)], dt.date(2026, 2, 3), True)
    with pytest.raises(DomainError):
        check_interim_marks([], dt.date(2026, 2, 3), False)
    with pytest.raises(DomainError):
        check_interim_marks([dt.date(2026, 2, 1)], dt.date(2026, 2, 28), True)


def test_deadline_numbers_are_data_adjustable_per_organisation():
    rules = DeadlineRules.from_settings({"plan_draw_up_calendar_days": 3, "unknown": 9})
    assert rules.plan_draw_up_calendar_days == 3 and rules.plan_complete_working_days == 2
    [d] = open_deadlines(ResidentFacts(dt.date(2026, 12, 12)), dt.date(2026, 12, 12), CAL, rules)
    assert d.due == dt.date(2026, 12, 15)


def test_r17_a_term_is_shown_through_concrete_dates():
    from app.domain.deadlines import suggested_end
    from app.domain.enums import ActivityTerm

    start = dt.date(2026, 1, 31)
    assert suggested_end(start, ActivityTerm.WEEK) == dt.date(2026, 2, 6)
    assert suggested_end(start, ActivityTerm.MONTH) == dt.date(2026, 2, 28)  # one calendar month: all of February
    assert suggested_end(start, ActivityTerm.QUARTER) == dt.date(2026, 4, 30)
    assert suggested_end(start, ActivityTerm.QUARTER, limit=dt.date(2026, 3, 1)) == dt.date(2026, 3, 1)


def test_r17_term_and_dates_agree_week_month_quarter():
    from app.domain.deadlines import check_activity_term
    from app.domain.enums import ActivityTerm

    start = dt.date(2026, 3, 2)
    check_activity_term("Серуен", ActivityTerm.WEEK, start, dt.date(2026, 3, 8))  # exactly 7 days
    with pytest.raises(DomainError) as exc:  # 8 days
        check_activity_term("Серуен", ActivityTerm.WEEK, start, dt.date(2026, 3, 9))
    assert exc.value.field == "activity_end"
    assert "08.03.2026" in exc.value.render("kk") and "08.03.2026" in exc.value.render("ru")
    assert exc.value.render("kk") != exc.value.render("ru")
    with pytest.raises(DomainError):  # the 200-day "week" of issue #9
        check_activity_term("Серуен", ActivityTerm.WEEK, start, start + dt.timedelta(days=199))
    jan31 = dt.date(2026, 1, 31)
    check_activity_term("Дәрігер", ActivityTerm.MONTH, jan31, dt.date(2026, 2, 28))
    with pytest.raises(DomainError):
        check_activity_term("Дәрігер", ActivityTerm.MONTH, jan31, dt.date(2026, 3, 1))
    check_activity_term("Дәрігер", ActivityTerm.MONTH, dt.date(2026, 3, 15), dt.date(2026, 4, 14))
    with pytest.raises(DomainError):
        check_activity_term("Дәрігер", ActivityTerm.MONTH, dt.date(2026, 3, 15), dt.date(2026, 4, 15))
    check_activity_term("Үйірме", ActivityTerm.QUARTER, jan31, dt.date(2026, 4, 30))
    with pytest.raises(DomainError):
        check_activity_term("Үйірме", ActivityTerm.QUARTER, jan31, dt.date(2026, 5, 1))


def test_r15_draw_up_due_of_a_plan_after_admission_after_the_previous_plan_or_unknown():
    from app.domain.deadlines import late_steps, plan_approve_due, plan_complete_due, plan_draw_up_due

    adm = dt.date(2026, 12, 12)
    # 003 item 35 4): "түскен күннен бастап күнтізбелік бес күн ішінде"
    assert plan_draw_up_due(adm, None, dt.date(2026, 12, 20), CAL) == (DeadlineKind.PLAN_DRAW_UP,
                                                                       dt.date(2026, 12, 17))
    # "алдыңғы жеке жоспардың қолданылу мерзімі аяқталған күннен бастап бір жұмыс күні ішінде": Friday -> Monday
    assert plan_draw_up_due(adm, dt.date(2026, 12, 11), dt.date(2026, 12, 20), CAL) == (DeadlineKind.PLAN_RENEW,
                                                                                        dt.date(2026, 12, 14))
    # admitted more than a plan term earlier, no earlier plan recorded: not known
    assert plan_draw_up_due(dt.date(2023, 5, 2), None, dt.date(2026, 1, 5), CAL) is None
    # "кейінгі екі жұмыс күні ішінде толтырылады": 16 Dec is a holiday
    assert plan_complete_due(dt.date(2026, 12, 15), CAL) == dt.date(2026, 12, 18)
    assert plan_approve_due(dt.date(2026, 12, 15), CAL) == dt.date(2026, 12, 18)
    late = late_steps((DeadlineKind.PLAN_DRAW_UP, dt.date(2026, 12, 17), dt.date(2026, 12, 18)),
                      (DeadlineKind.PLAN_COMPLETE, dt.date(2026, 12, 22), dt.date(2026, 12, 22)),
                      (DeadlineKind.PLAN_APPROVE, None, dt.date(2026, 12, 30)))
    assert [(x.step, x.days, x.rule) for x in late] == [(DeadlineKind.PLAN_DRAW_UP, 1, "R-15")]


def test_r20_quarters_of_a_plan_from_29_february_and_31_january_tile_the_year():
    q = quarter_windows(dt.date(2024, 2, 29), max_plan_end(dt.date(2024, 2, 29)))
    assert q == [(dt.date(2024, 2, 29), dt.date(2024, 5, 28)), (dt.date(2024, 5, 29), dt.date(2024, 8, 28)),
                 (dt.date(2024, 8, 29), dt.date(2024, 11, 28)), (dt.date(2024, 11, 29), dt.date(2025, 2, 28))]
    q = quarter_windows(dt.date(2026, 1, 31), max_plan_end(dt.date(2026, 1, 31)))
    assert q[0] == (dt.date(2026, 1, 31), dt.date(2026, 4, 30)) and q[-1][1] == dt.date(2027, 1, 30)
    assert all(b[0] == a[1] + dt.timedelta(days=1) for a, b in zip(q, q[1:])) and len(q) == 4


def test_r15_check_rule_source_refuses_a_date_after_today():
    from app.domain.deadlines import RuleSource, SourceKind, check_rule_source
    from app.domain.errors import DomainError

    today = dt.date(2026, 12, 6)
    assert check_rule_source(RuleSource(SourceKind.ORDER, " 5 ", today), today).number == "5"
    with pytest.raises(DomainError) as exc:
        check_rule_source(RuleSource(SourceKind.ORDER, "5", dt.date(2026, 12, 7)), today)
    assert exc.value.field == "source_date" and "07.12.2026" in exc.value.render("kk")
