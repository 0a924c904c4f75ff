"""Statistics (issue 13 point 4) on a small database with planted events: every number is derived here,
independently, from the list of events planted (a plain status walk over them), not from the service."""

import datetime as dt

import pytest

from app.domain.admission import AdmissionGround
from app.domain.enums import DischargeReason, QueueSource, RecipientCategory, Sex
from app.domain.errors import DomainError
from app.domain.statistics import AbsenceGroup, absence_group
from app.domain.units import UnitKind
from tests.services.helpers import order, person, plan_input, rows

D = dt.date
ELDERLY, DISABLED = RecipientCategory.ELDERLY, RecipientCategory.DISABLED_GROUP_1_2

#: name → (birth, sex, category, in the unit?)
PEOPLE = {
    "A": (D(1940, 1, 10), Sex.MALE, ELDERLY, False),
    "B": (D(1950, 5, 1), Sex.FEMALE, ELDERLY, False),
    "C": (D(1985, 7, 7), Sex.MALE, DISABLED, False),
    "D": (D(1930, 2, 2), Sex.FEMALE, ELDERLY, False),
    "E": (D(1945, 3, 3), Sex.MALE, ELDERLY, True),
}
#: the planted movements, in order: (person, kind, date, detail)
EVENTS = [
    ("A", "admission", D(2025, 1, 15), None),
    ("B", "admission", D(2025, 2, 3), None),
    ("C", "admission", D(2025, 2, 20), None),
    ("A", "temporary_departure", D(2025, 3, 10), "Ауруханаға жатқызу"),
    ("A", "return", D(2025, 3, 20), None),
    ("D", "admission", D(2025, 4, 10), None),
    ("C", "transfer", D(2025, 4, 30), None),
    ("E", "admission", D(2025, 5, 2), None),
    ("D", "discharge", D(2025, 5, 15), DischargeReason.OWN_REQUEST),
    ("D", "readmission", D(2025, 5, 25), None),
    ("B", "temporary_departure", D(2025, 5, 28), "Үйіне демалысқа"),
    ("E", "temporary_departure", D(2025, 5, 30), "санаторийге жолдама"),
    ("A", "discharge", D(2025, 6, 5), DischargeReason.DEATH),
]
#: the queue: (received, withdrawn on)
QUEUE = [(D(2025, 2, 10), None), (D(2025, 3, 5), D(2025, 5, 10)), (D(2025, 4, 20), None)]
MONTHS = [D(2025, m, 1) for m in range(1, 7)]
START, END = D(2025, 1, 1), D(2025, 6, 30)


def month_end(m: dt.date) -> dt.date:
    return (m.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def state_on(name: str, day: dt.date) -> tuple[str, str | None]:
    """The reference walk: ("out" | "present" | "away", the departure's reason) after the events up to ``day``."""
    state, reason = "out", None
    for who, kind, when, detail in EVENTS:
        if who != name or when > day:
            continue
        if kind in ("admission", "readmission", "return"):
            state, reason = "present", None
        elif kind == "temporary_departure":
            state, reason = "away", detail
        else:
            state, reason = "out", None
    return state, reason


def age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


@pytest.fixture
def planted(org):
    svc, director, worker = org
    unit = svc.units.add(director, UnitKind.PALLIATIVE, "Паллиативтік палата", 3)
    ids: dict[str, int] = {}
    for who, kind, when, detail in EVENTS[:-1]:  # A's discharge after A's plan is recorded (below)
        birth, sex, category, in_unit = PEOPLE[who]
        ground = AdmissionGround.PENSION_AGE if category == ELDERLY else AdmissionGround.CANNOT_SELF_CARE
        if kind == "admission":
            ids[who] = svc.movements.admit_direct(
                worker, person(who, "Тест", birth=birth, sex=sex, category=category), when, order(when),
                admission_ground=ground, unit_id=unit.id if in_unit else None).resident_id
        elif kind == "readmission":
            svc.movements.readmit(worker, ids[who], when, order(when), admission_ground=ground, category=category)
        elif kind == "temporary_departure":
            svc.movements.temporary_departure(worker, ids[who], when, order(when), detail)
        elif kind == "return":
            svc.movements.return_(worker, ids[who], when, order(when))
        elif kind == "discharge":
            discharge(svc, worker, ids[who], when, detail)
        elif kind == "transfer":
            svc.movements.transfer(worker, ids[who], when, order(when), "Астана қ.", "«Шапағат» орталығы")
    for received, withdrawn in QUEUE:
        row = svc.queue.register(worker, person("Кезекте", "Тұрған", category=ELDERLY),
                                 dt.datetime.combine(received, dt.time(10)), QueueSource.PAPER)
        if withdrawn:
            svc.queue.withdraw(worker, row.application_id, withdrawn)
    # A's plan drawn up in time (5 calendar days: by 20.01), B's late (by 08.02, drawn up 12.02)
    a = svc.plans.create(worker, ids["A"], plan_input(D(2025, 1, 17)))
    svc.plans.complete(worker, a.id, D(2025, 1, 20))
    svc.plans.approve(director, a.id, D(2025, 1, 20))
    b = svc.plans.create(worker, ids["B"], plan_input(D(2025, 2, 12)))
    svc.plans.complete(worker, b.id, D(2025, 2, 13))
    svc.plans.approve(director, b.id, D(2025, 2, 13))
    # A's monitoring written the same day, B's three days later (due the next working day, 06.05)
    svc.plans.record_monitoring(worker, a.id, D(2025, 4, 14), "Маманова М. М.", rows(), recorded_on=D(2025, 4, 14))
    svc.plans.record_monitoring(worker, b.id, D(2025, 5, 5), "Маманова М. М.", rows(), recorded_on=D(2025, 5, 8))
    who, _kind, when, reason = EVENTS[-1]
    discharge(svc, worker, ids[who], when, reason)
    return svc, ids, unit


def discharge(svc, worker, rid, when, reason):
    svc.movements.discharge(worker, rid, when, order(when), reason)


def test_occupancy_by_month_from_the_events(planted):
    svc, _ids, _unit = planted
    chart = svc.statistics.chart("occupancy", START, END)
    expected = [sum(state_on(p, month_end(m))[0] != "out" for p in PEOPLE) for m in MONTHS]
    assert list(chart.categories) == MONTHS
    assert list(chart.series[0].values) == expected == [1, 3, 3, 3, 4, 3]
    assert set(chart.series[1].values) == {10}  # the capacity of the test organisation
    # the same as the roster on each month's end
    assert expected == [len(svc.queries.roster_on(month_end(m))) for m in MONTHS]


def test_queue_length_over_time(planted):
    svc, _ids, _unit = planted
    chart = svc.statistics.chart("queue", START, END)
    expected = [sum(r <= month_end(m) and (w is None or w > month_end(m)) for r, w in QUEUE) for m in MONTHS]
    assert list(chart.series[0].values) == expected
    assert list(chart.series[1].values) == [sum(r.month == m.month for r, _w in QUEUE) for m in MONTHS]


def test_admissions_and_discharges_by_month_and_reason(planted):
    svc, _ids, _unit = planted
    charts = svc.statistics.charts(START, END, ("admissions", "discharges"))
    first = [sum(k == "admission" and d.month == m.month for _p, k, d, _x in EVENTS) for m in MONTHS]
    again = [sum(k == "readmission" and d.month == m.month for _p, k, d, _x in EVENTS) for m in MONTHS]
    assert [list(s.values) for s in charts["admissions"].series] == [first, again]
    by_name = {s.name: list(s.values) for s in charts["discharges"].series}
    for reason in (DischargeReason.OWN_REQUEST, DischargeReason.DEATH):
        assert by_name[reason.msgid] == [sum(k == "discharge" and x == reason and d.month == m.month
                                             for _p, k, d, x in EVENTS) for m in MONTHS]
    assert by_name["transfer to another organisation"] == [sum(k == "transfer" and d.month == m.month
                                                               for _p, k, d, _x in EVENTS) for m in MONTHS]
    assert set(by_name) == {DischargeReason.OWN_REQUEST.msgid, DischargeReason.DEATH.msgid,
                            "transfer to another organisation"}  # reasons with none in the period are left out


def test_plans_and_monitoring_on_time(planted):
    svc, _ids, _unit = planted
    chart = svc.statistics.chart("on_time", START, END)
    assert chart.unit == "share"
    assert list(chart.series[0].values) == [1.0, 0.0, None, None, None, None]
    assert list(chart.series[1].values) == [None, None, None, 1.0, 0.0, None]
    assert chart.extra["plans"][:2] == ((1, 1), (0, 1))


def test_age_and_category_structure_on_the_period_end(planted):
    svc, _ids, _unit = planted
    charts = svc.statistics.charts(START, END, ("age", "category"))
    holding = [p for p in PEOPLE if state_on(p, END)[0] != "out"]
    bands = {"70–79": (70, 79), "80–89": (80, 89), "90+": (90, 200)}
    age_chart = charts["age"]
    for sex_index, sex in enumerate((Sex.MALE, Sex.FEMALE)):
        for label, (lo, hi) in bands.items():
            expected = sum(PEOPLE[p][1] == sex and lo <= age(PEOPLE[p][0], END) <= hi for p in holding)
            assert age_chart.series[sex_index].values[age_chart.categories.index(label)] == expected
    assert sum(age_chart.total(i) for i in range(len(age_chart.series))) == len(holding) == 3
    cats = charts["category"]
    assert dict(zip(cats.categories, cats.series[0].values)) == {ELDERLY.msgid: len(holding)}


def test_daily_headcount_by_unit_category_and_reason(planted):
    svc, _ids, unit = planted
    day = D(2025, 6, 1)
    h = svc.statistics.headcount(day)
    states = {p: state_on(p, day) for p in PEOPLE}
    assert h.present == sum(s == "present" for s, _r in states.values()) == 2
    assert h.total == len(svc.queries.roster_on(day)) == 4
    assert h.away(AbsenceGroup.HOME_LEAVE) == 1 and h.away(AbsenceGroup.OTHER) == 1
    assert h.away(AbsenceGroup.HOSPITAL) == 0
    assert h.other_reasons == (("санаторийге жолдама", 1),)
    in_unit = [r for r in h.rows if r.unit == unit.name]
    assert len(in_unit) == 1 and in_unit[0].present == 0 and in_unit[0].away == {AbsenceGroup.OTHER: 1}
    main = [r for r in h.rows if r.unit is None]
    assert [(r.category, r.present, r.away_total) for r in main] == [("elderly", 2, 1)]
    # in March A was in hospital
    march = svc.statistics.headcount(D(2025, 3, 15))
    assert march.away(AbsenceGroup.HOSPITAL) == 1 and march.present == 2


def test_absence_reasons_grouped_in_kazakh_and_russian():
    assert absence_group("Ауруханаға жатқызу") == AbsenceGroup.HOSPITAL
    assert absence_group("госпитализация в ОКБ") == AbsenceGroup.HOSPITAL
    assert absence_group("Отпуск домой к родственникам") == AbsenceGroup.HOME_LEAVE
    assert absence_group("туыстарына демалысқа") == AbsenceGroup.HOME_LEAVE
    assert absence_group("санаторий") == AbsenceGroup.OTHER
    assert absence_group("  ") == AbsenceGroup.NOT_STATED


def test_period_refused_with_the_field(org):
    svc, _director, _worker = org
    with pytest.raises(DomainError) as exc:
        svc.statistics.charts(D(2025, 6, 1), D(2025, 1, 1))
    assert exc.value.field == "period_end"
    with pytest.raises(DomainError) as exc:
        svc.statistics.charts(D(2010, 1, 1), D(2025, 1, 1))
    assert exc.value.field == "period_end" and "120" in exc.value.render("kk")
