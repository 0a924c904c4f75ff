"""What a journal entry cannot say, whichever dialog records it (found by a review that bent the rules through the
services): an order signed in the future (R-01: «бұйрықтың нөмірі мен күні» — the date it was signed), an admission
before the person was born, a readmission of a person who died, a readmission past the queue of a person whose own
application waits there (R-03), a place offered to a person who holds one already. Each refusal changes nothing."""

import datetime as dt

import pytest
from sqlalchemy import update

from app.db.models import Resident
from app.domain.enums import DirectAdmissionGround, DischargeReason, QueueSource, ResidentStatus
from app.domain.errors import DomainError
from app.services import OrderRef
from tests.dump import dump
from tests.services.helpers import GROUND, admit, days_ago, elderly, order


def refused(svc, field: str, call, *args, **kw) -> DomainError:
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        call(*args, **kw)
    assert exc.value.field == field, exc.value.render("ru")
    assert exc.value.render("kk") != exc.value.render("ru") != exc.value.message.msgid
    assert dump(svc.engine) == before
    return exc.value


def test_r01_an_order_is_not_signed_in_the_future(org):
    svc, _director, worker = org
    ahead = dt.date.today() + dt.timedelta(days=5)
    refused(svc, "order_date", svc.movements.admit_direct, worker, elderly(), days_ago(1), OrderRef("5-ж", ahead),
            admission_ground=GROUND)
    rid = admit(svc, worker, 30)
    refused(svc, "order_date", svc.movements.discharge, worker, rid, days_ago(0), OrderRef("6-ж", ahead),
            DischargeReason.OWN_REQUEST)
    # the correction of an entry's order says the same
    (entry,) = svc.movements.history(rid)
    refused(svc, "order_date", svc.movements.correct_entry, worker, entry, OrderRef(entry.order_number, ahead))
    # an event recorded a day ahead may have its order signed for that day
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    svc.movements.discharge(worker, rid, tomorrow, OrderRef("7-ж", tomorrow), DischargeReason.OWN_REQUEST)


def test_an_admission_is_not_before_the_persons_birth(org):
    svc, _director, worker = org
    person = elderly(birth=dt.date(1940, 6, 1))
    refused(svc, "event_date", svc.movements.admit_direct, worker, person, dt.date(1935, 1, 1),
            order(dt.date(1935, 1, 1)), admission_ground=GROUND)


def test_r02_a_person_who_died_is_not_readmitted(org):
    svc, _director, worker = org
    rid = admit(svc, worker, 200)
    svc.movements.discharge(worker, rid, days_ago(100), order(days_ago(100)), DischargeReason.DEATH)
    error = refused(svc, "resident", svc.movements.readmit, worker, rid, days_ago(1), order(days_ago(1)),
                    admission_ground=GROUND)
    assert svc.residents.get(rid).full_name in error.render("kk")


def test_r03_a_person_whose_application_waits_is_admitted_from_the_queue_not_readmitted_past_it(org):
    svc, _director, worker = org
    rid = admit(svc, worker, 200)
    svc.movements.discharge(worker, rid, days_ago(100), order(days_ago(100)), DischargeReason.OWN_REQUEST)
    app = svc.queue.register(worker, None, dt.datetime.combine(days_ago(50), dt.time(10)), QueueSource.PAPER,
                             resident_id=rid)
    refused(svc, "resident", svc.movements.readmit, worker, rid, days_ago(1), order(days_ago(1)),
            DirectAdmissionGround.OTHER, "отбасы сұрады", admission_ground=GROUND)
    svc.queue.withdraw(worker, app.application_id, days_ago(1))  # the application withdrawn: readmitted directly
    mv = svc.movements.readmit(worker, rid, days_ago(0), order(days_ago(0)), admission_ground=GROUND)
    assert mv.returned and svc.residents.get(rid).status == ResidentStatus.PRESENT


def test_r03_a_person_who_holds_a_place_is_not_offered_a_second(org):
    svc, _director, worker = org
    app = svc.queue.register(worker, elderly(), dt.datetime.combine(days_ago(20), dt.time(10)), QueueSource.PAPER)
    with svc.sessions.begin() as s:  # as records from before these checks may have left them
        s.execute(update(Resident).where(Resident.id == app.resident_id).values(status=ResidentStatus.PRESENT))
    refused(svc, "application", svc.queue.offer_place, worker, app.application_id, days_ago(0))


def test_r20_a_monitoring_reviews_a_plan_in_force_for_a_person_still_served(org):
    """Monitored: the services of an approved plan (R-20) — not before the plan was approved, not after the person
    left. (A review found a monitoring dated before the approval, and one after the discharge, both accepted.)"""
    from tests.services.helpers import approved_plan, rows

    svc, director, worker = org
    rid = admit(svc, worker, 200)
    start = days_ago(190)
    plan = approved_plan(svc, director, worker, rid, start)
    refused(svc, "monitoring_date", svc.plans.record_monitoring, worker, plan.id, start - dt.timedelta(days=3),
            "Маманова", rows())
    svc.movements.discharge(worker, rid, days_ago(60), order(days_ago(60)), DischargeReason.OWN_REQUEST)
    refused(svc, "monitoring_date", svc.plans.record_monitoring, worker, plan.id, days_ago(30), "Маманова", rows())
    held = svc.plans.record_monitoring(worker, plan.id, days_ago(100), "Маманова", rows())  # while served: kept
    assert held.monitoring_date == days_ago(100)

