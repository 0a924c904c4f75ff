"""R-03…R-08 through the services."""

import datetime as dt

import pytest

from app.domain.enums import OrgType, QueueOutcome, QueueSource, ResidentStatus
from app.domain.errors import Conflict, DomainError
from tests.conftest import make_services
from tests.dump import dump
from tests.services.helpers import admit, days_ago, order, person


def at(n_days_ago: int, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(days_ago(n_days_ago), dt.time(hour))


@pytest.fixture
def full(db_url):
    """A home of 2 places, both taken, and three people waiting."""
    svc, director, worker = make_services(db_url, capacity=2)
    a = admit(svc, worker, 300)
    admit(svc, worker, 250)
    apps = [svc.queue.register(worker, person(last=f"Кезек{i}"), at(100 - i * 10)) for i in range(3)]
    yield svc, director, worker, a, apps
    svc.engine.dispose()


def test_r03_queue_lists_applications_in_order_of_arrival(full):
    svc, director, worker, a, apps = full
    rows = svc.queue.rows()
    assert [r.full_name.split()[0] for r in rows] == ["Кезек0", "Кезек1", "Кезек2"]
    assert [r.rule for r in rows] == ["R-03"] * 3


def test_r04_portal_application_needs_its_number_and_is_not_duplicated(full):
    svc, director, worker, a, apps = full
    with pytest.raises(DomainError) as exc:
        svc.queue.register(worker, person(last="Портал"), at(5), QueueSource.PORTAL)
    assert exc.value.field == "portal_number"
    svc.queue.register(worker, person(last="Портал"), at(5), QueueSource.PORTAL, portal_number="SOC-1")
    before = dump(svc.engine)
    with pytest.raises(DomainError):
        svc.queue.register(worker, person(last="Портал2"), at(4), QueueSource.PORTAL, portal_number="SOC-1")
    assert dump(svc.engine) == before


def test_r06_out_of_turn_goes_ahead_of_earlier_applications(full):
    svc, director, worker, a, apps = full
    late = svc.queue.register(worker, person(last="Жетім", birth=dt.date(dt.date.today().year - 18, 1, 5)), at(1))
    row = svc.queue.mark_out_of_turn(worker, late.application_id, "балалар үйінде 18 жасқа толды")
    assert row.position == 1 and row.rule == "R-06"
    assert [r.full_name.split()[0] for r in svc.queue.rows()][:2] == ["Жетім", "Кезек0"]


def test_r05_recertification_keeps_the_original_place(full):
    svc, director, worker, a, apps = full
    row = svc.queue.record_recertification(worker, apps[0].application_id, days_ago(1), days_ago(-365),
                                           new_received_at=at(1))
    assert row.position == 1 and row.rule == "R-05"
    assert row.standing_since == at(100) and row.received_at == at(1)


def test_offer_goes_to_the_first_in_line_and_needs_a_vacancy(full):
    svc, director, worker, a, apps = full
    with pytest.raises(DomainError) as exc:
        svc.queue.offer_place(worker, apps[0].application_id, days_ago(1))
    assert exc.value.field == "capacity"
    svc.movements.discharge(worker, a, days_ago(3), order(days_ago(3)), __import__("app.domain.enums", fromlist=["x"]).DischargeReason.DEATH)
    with pytest.raises(DomainError) as exc:
        svc.queue.offer_place(worker, apps[1].application_id, days_ago(1))
    assert "Кезек0" in exc.value.render("ru")
    row = svc.queue.offer_place(worker, apps[0].application_id, days_ago(2))
    assert row.outcome == QueueOutcome.OFFERED and row.arrival_deadline == days_ago(2) + dt.timedelta(days=10)


def _offer_first(svc, worker, a, apps, offered_days_ago=2):
    from app.domain.enums import DischargeReason

    svc.movements.discharge(worker, a, days_ago(30), order(days_ago(30)), DischargeReason.DEATH)
    return svc.queue.offer_place(worker, apps[0].application_id, days_ago(offered_days_ago))


def test_r07_postponement_once_up_to_30_days_through_the_service(full):
    svc, director, worker, a, apps = full
    row = _offer_first(svc, worker, a, apps)
    deadline = row.arrival_deadline
    with pytest.raises(DomainError):
        svc.queue.postpone_arrival(worker, row.application_id, 31, "ауруханада")
    row = svc.queue.postpone_arrival(worker, row.application_id, 30, "ауруханада")
    assert row.arrival_deadline == deadline + dt.timedelta(days=30) and row.postponed_days == 30
    before = dump(svc.engine)
    with pytest.raises(DomainError):
        svc.queue.postpone_arrival(worker, row.application_id, 1, "тағы ауырды")
    assert dump(svc.engine) == before


def test_r07_semi_stationary_limit_is_10_days(db_url):
    svc, director, worker = make_services(db_url, capacity=1, org_type=OrgType.SEMI_STATIONARY)
    app_ = svc.queue.register(worker, person(), at(20))
    row = svc.queue.offer_place(worker, app_.application_id, days_ago(1))
    with pytest.raises(DomainError):
        svc.queue.postpone_arrival(worker, row.application_id, 11, "ауруханада")
    assert svc.queue.postpone_arrival(worker, row.application_id, 10, "ауруханада").postponed_days == 10
    svc.engine.dispose()


def test_r08_no_show_passes_the_place_to_the_next(full):
    svc, director, worker, a, apps = full
    row = _offer_first(svc, worker, a, apps, offered_days_ago=20)
    with pytest.raises(DomainError) as exc:  # the deadline has not passed on that day
        svc.queue.record_no_show(worker, row.application_id, row.arrival_deadline)
    assert exc.value.field == "arrival_deadline"
    nxt = svc.queue.record_no_show(worker, row.application_id, row.arrival_deadline + dt.timedelta(days=1))
    assert nxt.full_name.startswith("Кезек1")
    assert [r.full_name.split()[0] for r in svc.queue.rows()] == ["Кезек1", "Кезек2"]
    offered = svc.queue.offer_place(worker, nxt.application_id, days_ago(1))
    mv = svc.movements.admit_from_queue(worker, offered.application_id, days_ago(0), order(days_ago(0)), room="12")
    assert svc.residents.get(mv.resident_id).status == ResidentStatus.PRESENT
    assert [r.full_name.split()[0] for r in svc.queue.rows()] == ["Кезек2"]


def test_admission_from_the_queue_needs_an_offer(full):
    svc, director, worker, a, apps = full
    with pytest.raises(DomainError):
        svc.movements.admit_from_queue(worker, apps[0].application_id, days_ago(0), order(days_ago(0)))


def test_optimistic_locking_refuses_a_stale_edit(full):
    svc, director, worker, a, apps = full
    row = apps[0]
    svc.queue.mark_out_of_turn(worker, row.application_id, "причина", expected_version=row.version)
    with pytest.raises(Conflict):
        svc.queue.mark_out_of_turn(worker, row.application_id, "другая", expected_version=row.version)
