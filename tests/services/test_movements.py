"""R-01, R-02, R-03 (vacancy), R-10, R-12: the journal's movements through the services."""

import datetime as dt

import pytest

from app.domain.enums import DischargeReason, MovementKind, ResidentStatus
from app.domain.errors import DomainError, KnownPerson
from app.services import OrderRef
from tests.dump import dump
from tests.services.helpers import ELDERLY, GROUND, admit, days_ago, order, person


def test_r01_every_movement_is_recorded_with_its_order(org):
    svc, director, worker = org
    rid = admit(svc, worker, 60)
    svc.movements.temporary_departure(worker, rid, days_ago(30), order(days_ago(30), "15-ж"), "ауруханаға")
    assert svc.residents.get(rid).status == ResidentStatus.TEMPORARILY_ABSENT
    assert svc.queries.occupancy().temporarily_absent == 1
    svc.movements.return_(worker, rid, days_ago(20), order(days_ago(20)))
    svc.movements.discharge(worker, rid, days_ago(10), order(days_ago(10), "40-ж"), DischargeReason.TO_FAMILY)
    hist = svc.movements.history(rid)
    assert [m.kind for m in hist] == [MovementKind.ADMISSION, MovementKind.TEMPORARY_DEPARTURE, MovementKind.RETURN,
                                      MovementKind.DISCHARGE]
    assert hist[1].order_number == "15-ж" and hist[3].order_number == "40-ж"
    assert hist[3].discharge_reason == DischargeReason.TO_FAMILY
    rows = svc.queries.journal(days_ago(90), dt.date.today(), include_queue=False)
    assert len(rows) == 1
    row = rows[0]
    assert row.admission.date == days_ago(60)
    assert [t.order_number for t in row.temporary_departures] == ["15-ж"]
    assert row.discharge.order_number == "40-ж" and row.status == ResidentStatus.DISCHARGED


@pytest.mark.parametrize("number", ["-", "—", " ? ", "№"])
def test_r01_a_dash_or_a_mark_is_not_an_order_number(org, number):
    """R-01: "the number and date of the order". A dash typed to get past the required field is no number."""
    svc, director, worker = org
    rid = admit(svc, worker, 60)
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        svc.movements.temporary_departure(worker, rid, days_ago(3), OrderRef(number, days_ago(3)), "ауруханаға")
    assert exc.value.field == "order_number" and dump(svc.engine) == before
    assert "15-ж" in exc.value.render("ru") and exc.value.render("kk") != exc.value.render("ru")


def test_r01_transfer_records_the_destination(org):
    svc, director, worker = org
    rid = admit(svc, worker, 60)
    svc.movements.transfer(worker, rid, days_ago(5), order(days_ago(5)), "Қарағанды облысы, Теміртау қаласы",
                           "«Теміртау медициналық-әлеуметтік мекемесі» КММ")
    row = svc.queries.journal(days_ago(10), dt.date.today(), include_queue=False)[0]
    assert row.transfer.date == days_ago(5) and row.destination.startswith("Қарағанды")
    assert svc.residents.get(rid).status == ResidentStatus.TRANSFERRED
    with pytest.raises(DomainError) as exc:
        rid2 = admit(svc, worker, 30)
        svc.movements.transfer(worker, rid2, days_ago(1), order(days_ago(1)), "  ")
    assert exc.value.field == "destination"


def test_r12_a_transfer_names_the_receiving_organisation_or_is_refused(org):
    """Issue 9 point 17: the acceptance-transfer act names the organisation that receives the person and the
    file; a transfer without it (or with spaces only) is refused under the field and changes nothing."""
    svc, director, worker = org
    rid = admit(svc, worker, 60)
    before = dump(svc.engine)
    for receiving in (None, "   "):
        with pytest.raises(DomainError) as exc:
            svc.movements.transfer(worker, rid, days_ago(1), order(days_ago(1)), "Павлодар облысы", receiving)
        assert exc.value.field == "receiving_organisation"
        assert exc.value.render("kk") != exc.value.render("ru")
    assert dump(svc.engine) == before
    mv = svc.movements.transfer(worker, rid, days_ago(1), order(days_ago(1)), "Павлодар облысы",
                                " «Павлодар медициналық-әлеуметтік мекемесі» КММ ")
    assert mv.receiving_organisation == "«Павлодар медициналық-әлеуметтік мекемесі» КММ"


def test_r02_readmission_is_marked_returned_and_continues_the_case_file(org):
    svc, director, worker = org
    rid = admit(svc, worker, 200)
    cf = svc.casefiles.get_for(rid)
    svc.movements.discharge(worker, rid, days_ago(100), order(days_ago(100)), DischargeReason.OWN_REQUEST)
    mv = svc.movements.readmit(worker, rid, days_ago(10), order(days_ago(10)), admission_ground=GROUND)
    assert mv.returned and mv.kind == MovementKind.ADMISSION
    assert svc.casefiles.get_for(rid).id == cf.id  # continued, not a new one
    rows = svc.queries.journal(days_ago(20), dt.date.today(), include_queue=False)
    assert [r.returned for r in rows] == [True]


def test_r03_no_admission_without_a_vacancy(db_url):
    from tests.conftest import make_services

    svc, director, worker = make_services(db_url, capacity=2)
    a = admit(svc, worker, 50)
    admit(svc, worker, 40)
    svc.movements.temporary_departure(worker, a, days_ago(5), order(days_ago(5)))
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:  # the absent resident's place is kept
        admit(svc, worker, 1)
    assert exc.value.field == "capacity"
    assert dump(svc.engine) == before
    svc.engine.dispose()


@pytest.mark.parametrize("case", ["discharge_before_admission", "no_order_number", "no_order_date", "bad_iin",
                                  "return_while_present", "no_reason", "future"])
def test_refused_movements_change_nothing(org, case):
    svc, director, worker = org
    rid = admit(svc, worker, 30)
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        if case == "discharge_before_admission":
            svc.movements.discharge(worker, rid, days_ago(40), order(days_ago(40)), DischargeReason.DEATH)
        elif case == "no_order_number":
            svc.movements.temporary_departure(worker, rid, days_ago(1), OrderRef(" ", days_ago(1)))
        elif case == "no_order_date":
            svc.movements.temporary_departure(worker, rid, days_ago(1), OrderRef("7", None))
        elif case == "bad_iin":
            p = person(category=ELDERLY)
            p.iin = p.iin[:-1] + str((int(p.iin[-1]) + 1) % 10)
            svc.movements.admit_direct(worker, p, days_ago(1), order(days_ago(1)), admission_ground=GROUND)
        elif case == "return_while_present":
            svc.movements.return_(worker, rid, days_ago(1), order(days_ago(1)))
        elif case == "no_reason":
            svc.movements.discharge(worker, rid, days_ago(1), order(days_ago(1)), None)
        elif case == "future":
            svc.movements.temporary_departure(worker, rid, days_ago(-5), order(days_ago(1)))
    assert exc.value.render("ru") and exc.value.field
    assert dump(svc.engine) == before


def test_iin_is_unique_but_may_be_missing_with_a_reason(org):
    svc, director, worker = org
    p = person(category=ELDERLY)
    svc.movements.admit_direct(worker, p, days_ago(3), order(days_ago(3)), admission_ground=GROUND)
    with pytest.raises(DomainError) as exc:
        svc.movements.admit_direct(worker, p, days_ago(2), order(days_ago(2)), admission_ground=GROUND)
    assert exc.value.field == "iin"
    nodoc = person(category=ELDERLY)
    nodoc.iin, nodoc.iin_missing_reason = None, None
    nodoc.birth_date = dt.date(1950, 5, 5)  # the pension age is judged from it
    with pytest.raises(DomainError) as exc:
        svc.movements.admit_direct(worker, nodoc, days_ago(2), order(days_ago(2)), admission_ground=GROUND)
    assert exc.value.field == "iin"
    nodoc.iin_missing_reason = "құжаттары жоқ"
    mv = svc.movements.admit_direct(worker, nodoc, days_ago(2), order(days_ago(2)), admission_ground=GROUND)
    with pytest.raises(KnownPerson) as known:  # the same name and date of birth, without an IIN: perhaps them again
        svc.movements.admit_direct(worker, nodoc, days_ago(2), order(days_ago(2)), admission_ground=GROUND)
    assert (known.value.resident_id, known.value.certain) == (mv.resident_id, False)
    mv2 = svc.movements.admit_direct(worker, nodoc, days_ago(2), order(days_ago(2)), admission_ground=GROUND,
                                     another_person=True)  # the user said it is another person
    assert mv.resident_id != mv2.resident_id


def test_audit_log_records_who_what_before_after(org):
    from sqlalchemy import select

    from app.db.models import AuditEntry

    svc, director, worker = org
    rid = admit(svc, worker, 30)
    svc.movements.temporary_departure(worker, rid, days_ago(2), order(days_ago(2)))
    with svc.sessions() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.entity == "resident", AuditEntry.entity_id == rid,
                                                     AuditEntry.action == "resident.status")
                            .order_by(AuditEntry.id)).all()
    assert entries[-1].username == "worker"
    assert entries[-1].before["status"] == "present" and entries[-1].after["status"] == "temporarily_absent"


def test_roster_on_a_date_is_derived_from_events(org):
    svc, director, worker = org
    a = admit(svc, worker, 100)
    b = admit(svc, worker, 50)
    svc.movements.discharge(worker, a, days_ago(20), order(days_ago(20)), DischargeReason.DEATH)
    on_60 = {p.id for p, _s, _d in svc.queries.roster_on(days_ago(60))}
    on_10 = {p.id for p, _s, _d in svc.queries.roster_on(days_ago(10))}
    assert on_60 == {a} and on_10 == {b}


def test_journal_up_to_today_matches_the_full_replay_of_events(org, monkeypatch):
    """The fast path (a period up to today) gives the same rows as replaying every event."""
    import app.services.queries as queries

    svc, director, worker = org
    a, b, c = admit(svc, worker, 400), admit(svc, worker, 300), admit(svc, worker, 200)
    svc.movements.temporary_departure(worker, a, days_ago(250), order(days_ago(250)))  # before the period, still away
    svc.movements.temporary_departure(worker, b, days_ago(150), order(days_ago(150)))
    svc.movements.return_(worker, b, days_ago(140), order(days_ago(140)))
    svc.movements.discharge(worker, c, days_ago(100), order(days_ago(100)), DischargeReason.OWN_REQUEST)
    svc.movements.readmit(worker, c, days_ago(50), order(days_ago(50)), admission_ground=GROUND)
    fast = svc.queries.journal(days_ago(180), dt.date.today(), include_queue=False)
    monkeypatch.setattr(queries, "today", lambda: dt.date.today() + dt.timedelta(days=1))
    slow = svc.queries.journal(days_ago(180), dt.date.today(), include_queue=False)
    assert fast == slow
    assert {r.resident_id: r.status for r in fast}[a] == ResidentStatus.TEMPORARILY_ABSENT
