"""The date of something done cannot be a day still to come, nor before what it follows: an age checked on a
chosen day ahead (R-06), an arrival missed before the set date (R-08), an application placed before it came or
before the person was born (R-03), a plan drawn up or approved ahead of time (R-15), a correction older than the
plan it corrects (R-19), the profile's time to arrive none or negative (R-08), a capacity under the places held
(R-03). Each refusal names its field and changes nothing, on SQLite and PostgreSQL."""

import datetime as dt

import pytest

from app.domain.enums import DischargeReason, OutOfTurnGround
from app.domain.errors import DomainError
from app.domain.queue import OutOfTurn
from app.services import OrganisationInput
from app.services.base import today
from tests.conftest import make_services
from tests.dump import dump
from tests.services.helpers import admit, approved_plan, days_ago, order, person, plan_input, rows


def refused(svc, field, fn, *args, **kw) -> DomainError:
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        fn(*args, **kw)
    assert exc.value.field == field, exc.value.render("en")
    assert dump(svc.engine) == before
    return exc.value


def noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12))


@pytest.fixture
def home(db_url):
    """One place, taken; two people waiting, received 50 and 40 days ago."""
    svc, director, worker = make_services(db_url, capacity=1)
    a = admit(svc, worker, 300)
    apps = [svc.queue.register(worker, person(last=f"Кезек{i}"), noon(days_ago(50 - 10 * i))) for i in range(2)]
    yield svc, director, worker, a, apps
    svc.engine.dispose()


def test_r06_the_age_is_checked_today_or_earlier_never_on_a_day_ahead(home):
    svc, director, worker, _a, _apps = home
    # 003 item 11 1): those who "have turned 18" (18 жасқа толған); this one turns 18 in three years
    born = today().replace(year=today().year - 15) if (today().month, today().day) != (2, 29) else dt.date(today().year - 15, 3, 1)
    child = svc.queue.register(worker, person(last="Бала", birth=born), noon(days_ago(1)))
    claim = OutOfTurn(OutOfTurnGround.ORPHAN, "Көкшетау балалар үйі", left_on=days_ago(-30))
    ahead = born.replace(year=born.year + 18)
    err = refused(svc, "out_of_turn_on", svc.queue.mark_out_of_turn, worker, child.application_id, claim, on=ahead)
    assert "болашақ" in err.render("kk") and "в будущем" in err.render("ru")
    refused(svc, "birth_date", svc.queue.mark_out_of_turn, worker, child.application_id, claim, on=today())
    assert [r.rule for r in svc.queue.rows()] == ["R-03"] * 3  # nobody went to the top


def test_r03_an_application_is_not_dated_ahead_nor_before_its_person_was_born(home):
    svc, _director, worker, _a, apps = home
    refused(svc, "received_at", svc.queue.register, worker, person(last="Ертең"), noon(today() + dt.timedelta(days=1)))
    err = refused(svc, "received_at", svc.queue.register, worker, person(last="Ерте", birth=dt.date(1940, 5, 1)),
                  noon(dt.date(1939, 1, 1)))
    assert "01.05.1940" in err.render("ru") and "даты рождения" in err.render("ru")
    # received today: taken, after those who came before
    svc.queue.register(worker, person(last="Бүгін"), noon(today()))
    assert [r.full_name.split()[0] for r in svc.queue.rows()] == ["Кезек0", "Кезек1", "Бүгін"]


def test_r08_the_place_is_offered_on_a_real_day_and_a_missed_arrival_is_not_recorded_ahead(home):
    svc, _director, worker, a, apps = home
    svc.movements.discharge(worker, a, days_ago(10), order(days_ago(10)), DischargeReason.DEATH)
    first = apps[0].application_id
    refused(svc, "date", svc.queue.offer_place, worker, first, (today() + dt.timedelta(days=1)))
    err = refused(svc, "date", svc.queue.offer_place, worker, first, days_ago(51))  # before the application came
    assert "даты поступления заявления" in err.render("ru")
    offered = svc.queue.offer_place(worker, first, today())
    # the time to arrive runs to the set date; recording the miss on a day ahead would pass the place on now
    later = offered.arrival_deadline + dt.timedelta(days=1)
    refused(svc, "arrival_deadline", svc.queue.record_no_show, worker, first, later)
    rows_now = svc.queue.rows()
    assert rows_now[0].application_id == first and rows_now[0].offered_on == today()


def test_a_withdrawal_is_dated_between_the_application_and_today(home):
    svc, _director, worker, _a, apps = home
    refused(svc, "date", svc.queue.withdraw, worker, apps[1].application_id, (today() + dt.timedelta(days=1)))
    refused(svc, "date", svc.queue.withdraw, worker, apps[1].application_id, days_ago(41))
    svc.queue.withdraw(worker, apps[1].application_id, today())
    assert len(svc.queue.rows()) == 1


def _profile(svc, **changes) -> OrganisationInput:
    view = svc.organisation.get()
    data = {k: v for k, v in vars(view).items() if k not in ("id", "version")}
    data.update(changes)
    return OrganisationInput(**data)


def test_r08_the_time_to_arrive_is_a_day_or_more_and_r03_the_capacity_holds_the_places_held(db_url):
    svc, director, worker = make_services(db_url, capacity=3)
    version = svc.organisation.get().version
    for days in (-30, 0, 91):
        refused(svc, "arrival_days", svc.organisation.update, director, _profile(svc, arrival_days=days), version)
    for n in (30, 20):
        admit(svc, worker, n)
    waiting = svc.queue.register(worker, person(last="Кезек"), noon(days_ago(5)))
    svc.queue.offer_place(worker, waiting.application_id, today())  # two present and one place offered: three held
    err = refused(svc, "capacity", svc.organisation.update, director, _profile(svc, capacity=2), version)
    assert "3" in err.render("ru") and "3" in err.render("kk")
    svc.organisation.update(director, _profile(svc, capacity=3, arrival_days=1), version)
    assert svc.organisation.get().arrival_days == 1
    svc.engine.dispose()


def test_r15_r19_plan_dates_are_not_ahead_and_a_correction_follows_the_approval(home):
    svc, director, worker, a, _apps = home
    ahead = plan_input(today() + dt.timedelta(days=1))
    refused(svc, "date", svc.plans.create, worker, a, ahead)
    start = days_ago(200)
    draft = svc.plans.create(worker, a, plan_input(start))
    refused(svc, "date", svc.plans.complete, worker, draft.id, (today() + dt.timedelta(days=1)))
    done = svc.plans.complete(worker, draft.id, start)
    refused(svc, "date", svc.plans.approve, director, done.id, (today() + dt.timedelta(days=1)))
    plan = svc.plans.approve(director, done.id, start + dt.timedelta(days=1))
    refused(svc, "date", svc.plans.correct, worker, plan.id, start, "after monitoring")  # before the approval
    refused(svc, "date", svc.plans.correct, worker, plan.id, (today() + dt.timedelta(days=1)), "after monitoring")
    assert svc.plans.correct(worker, plan.id, today(), "after monitoring").drawn_up_on == today()


def test_r20_a_monitoring_is_not_held_nor_recorded_on_a_day_ahead(home):
    svc, director, worker, a, _apps = home
    start = days_ago(100)
    plan = approved_plan(svc, director, worker, a, start)
    refused(svc, "monitoring_date", svc.plans.record_monitoring, worker, plan.id, (today() + dt.timedelta(days=1)), "Маманова", rows())
    refused(svc, "date", svc.plans.record_monitoring, worker, plan.id, today(), "Маманова", rows(), recorded_on=(today() + dt.timedelta(days=1)))
    assert svc.plans.record_monitoring(worker, plan.id, today(), "Маманова", rows()).monitoring_date == today()


def test_r11_a_case_file_document_is_filed_once_it_has_come_not_on_a_day_ahead(home):
    """A document received, and the written consent to keep its original (R-11), dated ahead are refused under
    their fields; today's are filed."""
    from app.domain.enums import DocumentKind

    svc, _director, worker, a, _apps = home
    cf = svc.casefiles.get_for(a)
    add = svc.casefiles.add_document
    err = refused(svc, "date", add, worker, cf.id, DocumentKind.IDENTITY, "Жеке куәлік", (today() + dt.timedelta(days=1)))
    assert "болашақ" in err.render("kk") and "Дата получения" in err.render("ru")
    assert refused(svc, "consent_date", add, worker, cf.id, DocumentKind.IDENTITY, "Жеке куәлік", today(), 1, True,
                   (today() + dt.timedelta(days=1))).render("ru").startswith("Дата письменного согласия")
    assert len(add(worker, cf.id, DocumentKind.IDENTITY, "Жеке куәлік", today(), 1, True, today()).documents) == 1
