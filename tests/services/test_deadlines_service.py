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
