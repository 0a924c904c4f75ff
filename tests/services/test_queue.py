"""R-03…R-08 through the services."""

import datetime as dt

import pytest

from app.domain.enums import (
    DeadlineKind,
    DirectAdmissionGround,
    DischargeReason,
    NoticeSender,
    OrgType,
    OutOfTurnGround,
    PostponementCause,
    QueueOutcome,
    QueueSource,
    ResidentStatus,
)
from app.domain.errors import Conflict, DomainError
from app.domain.queue import OutOfTurn, PostponementNotice
from tests.conftest import make_services
from tests.dump import dump
from tests.services.helpers import ELDERLY, GROUND, admit, days_ago, elderly, order, person


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


ORPHAN = OutOfTurn(OutOfTurnGround.ORPHAN, "Көкшетау балалар үйі", "балалар үйінде 18 жасқа толды",
                   left_on=days_ago(-30))  # still lives there: leaves in a month


def eighteen_on(day: dt.date) -> dt.date:
    """A birth date that makes the person exactly 18 on ``day`` (not 29 February)."""
    day = day if (day.month, day.day) != (2, 29) else day - dt.timedelta(days=1)
    return day.replace(year=day.year - 18)


def test_r06_out_of_turn_goes_ahead_of_earlier_applications(full):
    svc, director, worker, a, apps = full
    late = svc.queue.register(worker, person(last="Жетім", birth=eighteen_on(days_ago(1))), at(1))
    row = svc.queue.mark_out_of_turn(worker, late.application_id, ORPHAN, on=days_ago(0))
    assert row.position == 1 and row.rule == "R-06"
    assert (row.out_of_turn_ground, row.out_of_turn_from) == (OutOfTurnGround.ORPHAN, "Көкшетау балалар үйі")
    assert [r.full_name.split()[0] for r in svc.queue.rows()][:2] == ["Жетім", "Кезек0"]


def test_r06_out_of_turn_on_the_18th_birthday_but_not_the_day_before(full):
    svc, director, worker, a, apps = full
    birthday = days_ago(5)
    late = svc.queue.register(worker, person(last="Жетім", birth=eighteen_on(birthday)), at(10))
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        svc.queue.mark_out_of_turn(worker, late.application_id, ORPHAN, on=birthday - dt.timedelta(days=1))
    assert exc.value.field == "birth_date" and dump(svc.engine) == before
    assert svc.queue.mark_out_of_turn(worker, late.application_id, ORPHAN, on=birthday).rule == "R-06"
    # registered with the ground: the age is checked on the day the application came
    with pytest.raises(DomainError) as exc:
        svc.queue.register(worker, person(last="Жас", birth=eighteen_on(days_ago(1))), at(2), out_of_turn=ORPHAN)
    assert exc.value.field == "birth_date" and "Жас" not in [r.full_name.split()[0] for r in svc.queue.rows()]
    row = svc.queue.register(worker, person(last="Жас", birth=eighteen_on(days_ago(2))), at(2), out_of_turn=ORPHAN)
    assert row.rule == "R-06"


def test_r06_an_81_year_old_or_a_reason_without_the_ground_is_not_moved_to_the_top(full):
    svc, director, worker, a, apps = full
    old = svc.queue.register(worker, person(last="Қарт", birth=dt.date(1945, 3, 3)), at(1))
    before = dump(svc.engine)
    for claim, field in [(OutOfTurn(None, None, "81 жаста, жалғыз басты"), "out_of_turn_ground"),
                         (OutOfTurn(OutOfTurnGround.ORPHAN, "  "), "out_of_turn_from")]:
        with pytest.raises(DomainError) as exc:
            svc.queue.mark_out_of_turn(worker, old.application_id, claim)
        assert exc.value.field == field
    assert dump(svc.engine) == before
    assert [r.rule for r in svc.queue.rows()] == ["R-03"] * 4


def test_r06_no_out_of_turn_outside_a_stationary_organisation(db_url):
    svc, director, worker = make_services(db_url, capacity=1, org_type=OrgType.SEMI_STATIONARY)
    app_ = svc.queue.register(worker, person(birth=dt.date(2000, 1, 1)), at(20))
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        svc.queue.mark_out_of_turn(worker, app_.application_id, ORPHAN)
    assert exc.value.field == "out_of_turn_ground" and dump(svc.engine) == before
    with pytest.raises(DomainError) as exc:
        svc.queue.register(worker, person(birth=dt.date(2000, 1, 2)), at(10), out_of_turn=ORPHAN)
    assert exc.value.field == "out_of_turn_ground" and dump(svc.engine) == before
    svc.engine.dispose()


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


def ill(received: dt.date, cause=PostponementCause.HOSPITALISATION, sender=NoticeSender.RECIPIENT):
    return PostponementNotice(received, sender, cause, "ауруханада")


def test_r07_postponement_once_up_to_30_days_through_the_service(full):
    svc, director, worker, a, apps = full
    row = _offer_first(svc, worker, a, apps)
    deadline = row.arrival_deadline
    with pytest.raises(DomainError):
        svc.queue.postpone_arrival(worker, row.application_id, 31, ill(days_ago(0)))
    row = svc.queue.postpone_arrival(worker, row.application_id, 30,
                                     ill(days_ago(1), sender=NoticeSender.LEGAL_REPRESENTATIVE))
    assert row.arrival_deadline == deadline + dt.timedelta(days=30) and row.postponed_days == 30
    assert (row.notice_received_on, row.notice_from, row.postponement_cause) == \
        (days_ago(1), NoticeSender.LEGAL_REPRESENTATIVE, PostponementCause.HOSPITALISATION)
    before = dump(svc.engine)
    with pytest.raises(DomainError):
        svc.queue.postpone_arrival(worker, row.application_id, 1, ill(days_ago(0), PostponementCause.ILLNESS))
    assert dump(svc.engine) == before


def test_r07_postponement_on_the_arrival_date_itself_not_the_day_after(full):
    svc, director, worker, a, apps = full
    row = _offer_first(svc, worker, a, apps, offered_days_ago=11)  # arrival date: yesterday
    assert row.arrival_deadline == days_ago(1)
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:  # the notice came today, the day after the arrival date
        svc.queue.postpone_arrival(worker, row.application_id, 5, ill(days_ago(0)))
    assert exc.value.field == "notice_received_on" and dump(svc.engine) == before
    row = svc.queue.postpone_arrival(worker, row.application_id, 5, ill(days_ago(1)))  # on the arrival date
    assert row.arrival_deadline == days_ago(1) + dt.timedelta(days=5)


def test_r07_semi_stationary_limit_is_10_days(db_url):
    svc, director, worker = make_services(db_url, capacity=1, org_type=OrgType.SEMI_STATIONARY)
    app_ = svc.queue.register(worker, person(), at(20))
    row = svc.queue.offer_place(worker, app_.application_id, days_ago(1))
    with pytest.raises(DomainError):
        svc.queue.postpone_arrival(worker, row.application_id, 11, ill(days_ago(0)))
    assert svc.queue.postpone_arrival(worker, row.application_id, 10, ill(days_ago(0))).postponed_days == 10
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
    mv = svc.movements.admit_from_queue(worker, offered.application_id, days_ago(0), order(days_ago(0)), room="12",
                                        admission_ground=GROUND, category=ELDERLY)
    assert svc.residents.get(mv.resident_id).status == ResidentStatus.PRESENT
    assert [r.full_name.split()[0] for r in svc.queue.rows()] == ["Кезек2"]


def test_admission_from_the_queue_needs_an_offer(full):
    svc, director, worker, a, apps = full
    with pytest.raises(DomainError):
        svc.movements.admit_from_queue(worker, apps[0].application_id, days_ago(0), order(days_ago(0)),
                                       admission_ground=GROUND, category=ELDERLY)


def test_optimistic_locking_refuses_a_stale_edit(full):
    svc, director, worker, a, apps = full
    row = apps[0]
    svc.queue.record_recertification(worker, row.application_id, days_ago(1), days_ago(-365),
                                     expected_version=row.version)
    with pytest.raises(Conflict):
        svc.queue.record_recertification(worker, row.application_id, days_ago(1), days_ago(-300),
                                         expected_version=row.version)


# --- the place on offer is held; direct admission while people wait ------------------------------------
def test_r03_the_only_place_on_offer_cannot_be_taken_by_a_direct_admission_or_a_readmission(full):
    svc, director, worker, a, apps = full
    svc.movements.discharge(worker, a, days_ago(30), order(days_ago(30)), DischargeReason.OWN_REQUEST)
    offered = svc.queue.offer_place(worker, apps[0].application_id, days_ago(2))
    occ = svc.queries.occupancy()
    assert (occ.capacity, occ.present, occ.on_offer, occ.vacant) == (2, 1, 1, 0)
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:  # even with a ground: the place is held for the person offered it
        svc.movements.admit_direct(worker, elderly(last="Тікелей"), days_ago(0), order(days_ago(0)),
                                   DirectAdmissionGround.COURT, admission_ground=GROUND)
    assert exc.value.field == "capacity"
    with pytest.raises(DomainError) as exc:
        svc.movements.readmit(worker, a, days_ago(0), order(days_ago(0)), DirectAdmissionGround.TRANSFER,
                              admission_ground=GROUND)
    assert exc.value.field == "capacity"
    assert dump(svc.engine) == before
    # the person offered the place takes it
    mv = svc.movements.admit_from_queue(worker, offered.application_id, days_ago(0), order(days_ago(0)),
                                        admission_ground=GROUND, category=ELDERLY)
    assert svc.residents.get(mv.resident_id).status == ResidentStatus.PRESENT
    assert svc.queries.occupancy().vacant == 0


def test_r03_direct_admission_while_people_wait_needs_a_ground_naming_the_first_waiting(full):
    svc, director, worker, a, apps = full
    svc.movements.discharge(worker, a, days_ago(30), order(days_ago(30)), DischargeReason.OWN_REQUEST)
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        svc.movements.admit_direct(worker, elderly(last="Тікелей"), days_ago(0), order(days_ago(0)),
                                   admission_ground=GROUND)
    assert exc.value.field == "direct_ground"
    assert "Кезек0" in exc.value.render("ru") and "Кезек0" in exc.value.render("kk")
    with pytest.raises(DomainError) as exc:
        svc.movements.readmit(worker, a, days_ago(0), order(days_ago(0)), admission_ground=GROUND)
    assert exc.value.field == "direct_ground" and "Кезек0" in exc.value.render("ru")
    with pytest.raises(DomainError) as exc:
        svc.movements.admit_direct(worker, elderly(last="Тікелей"), days_ago(0), order(days_ago(0)),
                                   DirectAdmissionGround.OTHER, " ", admission_ground=GROUND)
    assert exc.value.field == "direct_ground_text"
    assert dump(svc.engine) == before
    mv = svc.movements.admit_direct(worker, elderly(last="Тікелей"), days_ago(0), order(days_ago(0)),
                                    DirectAdmissionGround.OTHER, "облыстық басқарманың жолдамасы",
                                    admission_ground=GROUND)
    with svc.queries.reading() as s:
        from app.db.models import Movement

        m = s.get(Movement, mv.id)
        assert (m.direct_ground, m.direct_ground_text) == (DirectAdmissionGround.OTHER,
                                                           "облыстық басқарманың жолдамасы")


def test_r03_direct_admission_with_nobody_waiting_needs_no_ground(db_url):
    svc, director, worker = make_services(db_url, capacity=2)
    a = svc.queue.register(worker, person(last="Күтуші"), at(5))
    svc.queue.offer_place(worker, a.application_id, days_ago(1))  # offered: holds one place, waits no more
    svc.movements.admit_direct(worker, elderly(last="Тікелей"), days_ago(0), order(days_ago(0)),
                               admission_ground=GROUND)
    assert svc.queries.occupancy().vacant == 0
    svc.engine.dispose()


# --- the missed arrival is a deadline from the next day --------------------------------------------------
def test_r08_a_missed_arrival_is_a_deadline_from_the_next_day(full):
    svc, director, worker, a, apps = full
    row = _offer_first(svc, worker, a, apps, offered_days_ago=11)  # arrival date: yesterday
    assert row.arrival_deadline == days_ago(1)

    def arrivals(on):
        return [d for d in svc.queries.deadlines(on) if d.kind == DeadlineKind.ARRIVAL.value]

    assert arrivals(days_ago(1)) == []
    [d] = arrivals(days_ago(0))
    assert (d.rule, d.due, d.state, d.application_id, d.resident_id) == \
        ("R-08", days_ago(1), "overdue", row.application_id, row.resident_id)
    svc.queue.record_no_show(worker, row.application_id, days_ago(0))  # the day after, not a day ahead
    assert arrivals(days_ago(0)) == []


def test_r06_an_81_year_old_orphan_who_left_the_childrens_home_long_ago_is_not_moved_to_the_top(full):
    """The audit's case: an 81-year-old with the ground "orphan" and a typed children's organisation. The seed
    (004 item 11 1)) gives out of turn to those who turned 18 and live in the children's organisation: the day
    they left it is required, at 18 or older, not before the application. Refused, nothing changed."""
    svc, director, worker, a, apps = full
    old = svc.queue.register(worker, person(last="Қарт", birth=dt.date(1945, 3, 3)), at(1))
    before = dump(svc.engine)
    for left in (None, dt.date(1963, 6, 1), dt.date(1955, 6, 1)):
        claim = OutOfTurn(OutOfTurnGround.ORPHAN, "Балалар үйі №1", left_on=left)
        with pytest.raises(DomainError) as exc:
            svc.queue.mark_out_of_turn(worker, old.application_id, claim)
        assert exc.value.field == "out_of_turn_left_on"
        with pytest.raises(DomainError) as exc:
            svc.queue.register(worker, person(last="Қарт2", birth=dt.date(1945, 3, 4)), at(1), out_of_turn=claim)
        assert exc.value.field == "out_of_turn_left_on"
    assert dump(svc.engine) == before
    assert [r.rule for r in svc.queue.rows()] == ["R-03"] * 4
    # an 18-year-old still living in the children's home, leaving in a month: out of turn, the day recorded
    young = svc.queue.register(worker, person(last="Жетім", birth=eighteen_on(days_ago(3))), at(2))
    row = svc.queue.mark_out_of_turn(worker, young.application_id, ORPHAN)
    assert row.rule == "R-06" and row.out_of_turn_left_on == days_ago(-30)
    # one who left the day before applying no longer lives there
    left_before = svc.queue.register(worker, person(last="Кеткен", birth=eighteen_on(days_ago(30))), at(2))
    with pytest.raises(DomainError) as exc:
        svc.queue.mark_out_of_turn(worker, left_before.application_id,
                                   OutOfTurn(OutOfTurnGround.ORPHAN, "Балалар үйі", left_on=days_ago(3)))
    assert exc.value.field == "out_of_turn_left_on"


def test_r06_an_out_of_turn_place_stands_only_while_the_organisation_is_stationary(db_url):
    """R-06: out of turn "to a stationary organisation for adults" only (a hostile review changed the type and
    the orphan kept first place). Semi-stationary, the application waits in order of arrival; changed back, its
    recorded ground stands again."""
    from app.services import OrganisationInput

    def profile(**changes):
        view = svc.organisation.get()
        data = {k: v for k, v in vars(view).items() if k not in ("id", "version")}
        return OrganisationInput(**{**data, **changes}), view.version

    svc, director, worker = make_services(db_url, capacity=1, org_type=OrgType.STATIONARY)
    admit(svc, worker, 300)
    svc.queue.register(worker, person(last="Бірінші"), at(40))
    orphan = svc.queue.register(worker, person(last="Жетім", birth=eighteen_on(days_ago(30))), at(3))
    svc.queue.mark_out_of_turn(worker, orphan.application_id, ORPHAN, on=days_ago(0))
    assert [r.full_name.split()[0] for r in svc.queue.rows()] == ["Жетім", "Бірінші"]
    svc.organisation.update(director, *profile(org_type=OrgType.SEMI_STATIONARY))
    rows = svc.queue.rows()
    assert [r.full_name.split()[0] for r in rows] == ["Бірінші", "Жетім"] and [r.rule for r in rows] == ["R-03"] * 2
    svc.organisation.update(director, *profile(org_type=OrgType.STATIONARY))
    assert [r.rule for r in svc.queue.rows()] == ["R-06", "R-03"]
    svc.engine.dispose()


def test_the_count_is_the_number_of_applications_in_the_queue(full):
    """Waiting or offered a place: counted (the dashboard's tile); withdrawn or admitted: not (issue 11 point 6:
    the tile counted the whole ordered queue)."""
    svc, director, worker, a, apps = full
    assert svc.queue.count() == len(svc.queue.rows()) == 3
    row = _offer_first(svc, worker, a, apps)
    assert row.outcome == QueueOutcome.OFFERED and svc.queue.count() == len(svc.queue.rows()) == 3
    svc.queue.withdraw(worker, apps[2].application_id, days_ago(1))
    assert svc.queue.count() == len(svc.queue.rows()) == 2
    svc.movements.admit_from_queue(worker, row.application_id, days_ago(1), order(days_ago(1)),
                                   admission_ground=GROUND, category=ELDERLY)
    assert svc.queue.count() == len(svc.queue.rows()) == 1
