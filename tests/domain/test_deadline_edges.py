"""Every deadline of issue 13 point 1 at its edges: the 14 / 7 / today / overdue buckets, weekends,
public holidays, decree overrides, a plan ending on a holiday, a postponed arrival (R-05, R-07, R-08,
R-11, R-14, R-15, R-21, R-28).

The holidays are those RULES.md's calendar takes from the ``holidays`` package (KZ): Nauryz 2026 is
21-23 March with 24 and 25 March observed for the weekend days; Independence Day is 16 December."""

import datetime as dt

import pytest

from app.domain import deadlines as dl
from app.domain.calendar import WorkCalendar
from app.domain.deadlines import Bucket, DeadlineRules, PlanFacts, ResidentFacts, bucket, open_deadlines
from app.domain.enums import DeadlineKind, DocumentKind, NoticeSender, OrgType, PlanStatus, PostponementCause
from app.domain.queue import PostponementNotice, missed_arrival, postponed_deadline

CAL = WorkCalendar()
D = dt.date


@pytest.mark.parametrize(("days", "expected"), [
    (-30, Bucket.OVERDUE), (-1, Bucket.OVERDUE), (0, Bucket.TODAY), (1, Bucket.DAYS_7), (7, Bucket.DAYS_7),
    (8, Bucket.DAYS_14), (14, Bucket.DAYS_14), (15, Bucket.LATER), (400, Bucket.LATER)])
def test_bucket_edges(days, expected):
    on = D(2026, 12, 31)  # across the year end: calendar days, not working days
    assert bucket(on + dt.timedelta(days=days), on) is expected


def test_bucket_labels_translated():
    assert Bucket.DAYS_14.text("ru") != Bucket.DAYS_14.msgid and Bucket.DAYS_14.text("kk") != Bucket.DAYS_14.msgid
    assert Bucket.OVERDUE.text("ru") != Bucket.OVERDUE.text("kk")


def _approved(start, end):
    return PlanFacts(7, PlanStatus.APPROVED, start, start, start, start, end)


def test_r14_plan_ending_on_a_holiday():
    # the plan's year ends on Monday 23.03.2026 (Nauryz); the next plan is due 1 working day later:
    # 24 and 25 March are observed holidays, so Thursday 26 March
    plan = _approved(D(2025, 3, 24), D(2026, 3, 23))
    end = dl.plan_end(plan)
    assert (end.kind, end.due, end.rule, end.plan_id) == (DeadlineKind.PLAN_END, D(2026, 3, 23), "R-14", 7)
    facts = ResidentFacts(D(2025, 3, 20), (plan,), (D(2025, 6, 1), D(2025, 9, 1), D(2025, 12, 1), D(2026, 3, 1)))
    renew = [d for d in open_deadlines(facts, D(2026, 3, 20), CAL) if d.kind == DeadlineKind.PLAN_RENEW]
    assert [d.due for d in renew] == [D(2026, 3, 26)]
    assert bucket(end.due, D(2026, 3, 20)) is Bucket.DAYS_7
    assert bucket(renew[0].due, D(2026, 3, 23)) is Bucket.DAYS_7
    assert bucket(renew[0].due, D(2026, 3, 26)) is Bucket.TODAY
    assert bucket(renew[0].due, D(2026, 3, 27)) is Bucket.OVERDUE
    # a decree makes Wednesday 25 March working (a day given back): the next plan is due that day
    decree = WorkCalendar({D(2026, 3, 25): True})
    assert [d.due for d in open_deadlines(facts, D(2026, 3, 20), decree)
            if d.kind == DeadlineKind.PLAN_RENEW] == [D(2026, 3, 25)]


def test_r15_draw_up_counts_calendar_days_over_a_weekend_and_holiday():
    # 5 calendar days after an admission on 19.03.2026 — weekends and Nauryz are counted: 24.03
    ds = open_deadlines(ResidentFacts(D(2026, 3, 19)), D(2026, 3, 19), CAL)
    assert [(d.kind, d.due, d.rule) for d in ds] == [(DeadlineKind.PLAN_DRAW_UP, D(2026, 3, 24), "R-15")]
    assert bucket(ds[0].due, D(2026, 3, 10)) is Bucket.DAYS_14


def test_r21_monitoring_recorded_over_a_weekend():
    # monitoring on Friday 04.12.2026: due the next working day, Monday 07.12
    assert dl.monitoring_recorded_late(D(2026, 12, 4), D(2026, 12, 7), CAL) is None
    late = dl.monitoring_recorded_late(D(2026, 12, 4), D(2026, 12, 8), CAL)
    assert (late.kind, late.due, late.rule) == (DeadlineKind.MONITORING_RECORD, D(2026, 12, 7), "R-21")
    assert "08.12.2026" in late.basis.render("ru") and bucket(late.due, D(2026, 12, 8)) is Bucket.OVERDUE


def test_r21_monitoring_recorded_over_a_holiday_and_decree_overrides():
    # Tuesday 15.12.2026; Wednesday 16.12 is Independence Day: due Thursday 17.12
    assert dl.monitoring_recorded_late(D(2026, 12, 15), D(2026, 12, 17), CAL) is None
    assert dl.monitoring_recorded_late(D(2026, 12, 15), D(2026, 12, 18), CAL).due == D(2026, 12, 17)
    # a decree makes Thursday 17.12 a bridge day off: due Friday 18.12, recorded then in time
    bridge = WorkCalendar({D(2026, 12, 17): False})
    assert dl.monitoring_recorded_late(D(2026, 12, 15), D(2026, 12, 18), bridge) is None
    # a decree makes Saturday 05.12 working: a Friday monitoring is due that Saturday, Monday is late
    saturday = WorkCalendar({D(2026, 12, 5): True})
    late = dl.monitoring_recorded_late(D(2026, 12, 4), D(2026, 12, 7), saturday)
    assert late is not None and late.due == D(2026, 12, 5)
    # an organisation's stricter number (0 working days: the same day) comes with its source
    strict = DeadlineRules.from_settings({"monitoring_record_working_days": 0})
    assert dl.monitoring_recorded_late(D(2026, 12, 4), D(2026, 12, 7), CAL, strict).due == D(2026, 12, 4)


def test_r07_r08_postponed_arrival():
    offered, deadline = D(2026, 12, 1), D(2026, 12, 11)
    first = dl.arrival_date(offered, deadline, None)
    assert (first.kind, first.due, first.rule) == (DeadlineKind.ARRIVAL_DATE, deadline, "R-08")
    notice = PostponementNotice(D(2026, 12, 10), NoticeSender.RECIPIENT, PostponementCause.HOSPITALISATION)
    moved = postponed_deadline(OrgType.STATIONARY, deadline, 30, False, notice, D(2026, 12, 10), offered)
    assert moved == D(2027, 1, 10)  # 30 calendar days, across the year end and the New Year holidays
    d = dl.arrival_date(offered, moved, 30)
    assert (d.due, d.rule) == (D(2027, 1, 10), "R-07") and "30" in d.basis.render("kk")
    assert bucket(d.due, D(2026, 12, 27)) is Bucket.DAYS_14
    assert bucket(d.due, D(2027, 1, 10)) is Bucket.TODAY  # a Sunday: the person may still arrive that day
    assert missed_arrival(offered, moved, D(2027, 1, 10)) is None
    miss = missed_arrival(offered, moved, D(2027, 1, 11))
    assert (miss.kind, miss.rule, miss.state(D(2027, 1, 11))) == (DeadlineKind.ARRIVAL, "R-08", "overdue")


def test_r05_ipr_expiry_for_an_applicant_and_a_resident():
    applicant = dl.ipr_expiry(D(2027, 1, 1), in_queue=True)
    resident = dl.ipr_expiry(D(2027, 1, 1), in_queue=False)
    assert (applicant.kind, applicant.rule) == (DeadlineKind.IPR_EXPIRY, "R-05")
    assert (resident.kind, resident.rule) == (DeadlineKind.IPR_EXPIRY, "R-11")
    assert bucket(applicant.due, D(2026, 12, 18)) is Bucket.DAYS_14
    assert bucket(applicant.due, D(2026, 12, 25)) is Bucket.DAYS_7


def test_r11_missing_documents_due_from_admission():
    assert dl.documents_missing(D(2026, 3, 1), ()) is None
    d = dl.documents_missing(D(2026, 3, 1), (DocumentKind.IDENTITY, DocumentKind.PENSION_CERTIFICATE))
    assert (d.kind, d.due, d.rule) == (DeadlineKind.DOCUMENTS, D(2026, 3, 1), "R-11")
    text = d.basis.render("ru")
    assert DocumentKind.IDENTITY.text("ru") in text and DocumentKind.PENSION_CERTIFICATE.text("ru") in text
    assert DocumentKind.IDENTITY.text("kk") in d.basis.render("kk")


def test_r28_licence_and_contract_expiry():
    lic, con = dl.licence_expiry(D(2027, 3, 1)), dl.contract_expiry(D(2026, 12, 31))
    assert (lic.kind, lic.rule, con.kind, con.rule) == (DeadlineKind.LICENCE_EXPIRY, "R-28",
                                                         DeadlineKind.CONTRACT_EXPIRY, "R-28")
    assert bucket(con.due, D(2026, 12, 17)) is Bucket.DAYS_14
    assert bucket(con.due, D(2027, 1, 1)) is Bucket.OVERDUE
    assert "01.03.2027" in lic.basis.render("kk")
