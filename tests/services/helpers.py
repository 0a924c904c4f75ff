import datetime as dt
import itertools

from app.domain.admission import AdmissionGround
from app.domain.enums import ActivityTerm, ChangeMark, RecipientCategory, ServiceKind, Sex
from app.domain.identity import make_iin
from app.services import ActivityInput, MonitoringRowInput, OrderRef, PersonInput, PlanInput

_serial = itertools.count(1)

#: R-33: an ordinary admission in the tests — an elderly person (a category the test organisation serves,
#: tests/conftest.make_services) of pension age (003 item 13 4))
ELDERLY, GROUND = RecipientCategory.ELDERLY, AdmissionGround.PENSION_AGE


def person(last="Ахметов", first="Асқар", birth=None, sex=Sex.MALE, **kw) -> PersonInput:
    n = next(_serial)
    birth = birth or dt.date(1940, 1, 1) + dt.timedelta(days=n)  # a distinct IIN for every call
    return PersonInput(last, first, "Серікұлы", iin=make_iin(birth, sex, n), **kw)


def order(day: dt.date, number: str | None = None) -> OrderRef:
    return OrderRef(number or f"{next(_serial)}-ж", day)


def days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def elderly(**kw) -> PersonInput:
    """A person of the category ELDERLY, admitted with ``GROUND``."""
    return person(category=ELDERLY, **kw)


def admit(svc, actor, n_days_ago=100, ground=None, unit_id=None, **kw) -> int:
    """A direct admission, by default of an elderly person of pension age; another category is admitted as
    unable to care for themselves (R-33)."""
    day = days_ago(n_days_ago)
    kw.setdefault("category", ELDERLY)
    if ground is None:
        ground = GROUND if kw["category"] == ELDERLY else AdmissionGround.CANNOT_SELF_CARE
    return svc.movements.admit_direct(actor, person(**kw), day, order(day), admission_ground=ground,
                                      unit_id=unit_id).resident_id


def plan_input(start: dt.date, months: int = 12, kinds=tuple(ServiceKind)) -> PlanInput:
    from app.domain.deadlines import add_months, suggested_end

    end = add_months(start, months) - dt.timedelta(days=1)
    acts = [ActivityInput(k, f"Іс-шара: {k.value}", ActivityTerm.MONTH, start, suggested_end(start, ActivityTerm.MONTH, end),
                          "Маманова М. М.", start) for k in kinds]
    return PlanInput(drawn_up_on=start, period_start=start, period_end=end, observation_start=start - dt.timedelta(5),
                     observation_end=start, activities=acts)


def approved_plan(svc, director, worker, resident_id, start):
    p = svc.plans.create(worker, resident_id, plan_input(start))
    p = svc.plans.complete(worker, p.id, start)
    return svc.plans.approve(director, p.id, start)


def rows(mark=ChangeMark.POSITIVE, kinds=tuple(ServiceKind)):
    return [MonitoringRowInput(k, mark, positive_text="жақсарды" if mark == ChangeMark.POSITIVE else None,
                               no_change_reason=None if mark == ChangeMark.POSITIVE else "жасына байланысты")
            for k in kinds]
