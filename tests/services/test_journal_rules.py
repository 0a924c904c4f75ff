"""Issue 9 points 12-16 through the services (R-01, R-09): reasons of temporary departures and
suspensions, where a discharged person went, entry numbers kept in every period, the journal's
"finished" date, and home care's decisions. Expected values from the seeds and FORMS.md."""

import datetime as dt

import pytest

from app.domain.enums import DirectAdmissionGround, DischargeReason, OrgType, ResidentStatus
from app.domain.errors import DomainError
from app.services import OrderRef
from app.services.exchange import ExchangeService
from app.services.printing import PrintService
from tests.conftest import make_services
from tests.dump import dump
from tests.services.helpers import ELDERLY, GROUND, admit, days_ago, elderly, order, person


@pytest.fixture
def typed_org(db_url, request):
    svc, director, worker = make_services(db_url, org_type=request.param)
    yield svc, director, worker
    svc.engine.dispose()


def _journal(svc, start, end=None):
    return svc.queries.journal(start, end or dt.date.today())


def test_r01_the_reason_of_a_temporary_departure_goes_to_column_12(org):
    svc, _director, worker = org
    rid = admit(svc, worker, 60)
    svc.movements.temporary_departure(worker, rid, days_ago(30), order(days_ago(30), "15-ж"), " ауруханаға ")
    svc.movements.return_(worker, rid, days_ago(20), order(days_ago(20)))
    svc.movements.discharge(worker, rid, days_ago(10), order(days_ago(10), "40-ж"), DischargeReason.TO_FAMILY)
    row = _journal(svc, days_ago(90))[0]
    assert [(t.order_number, t.reason) for t in row.temporary_departures] == [("15-ж", "ауруханаға")]
    printed = PrintService(svc.sessions).journal(days_ago(90), dt.date.today()).rows[0]
    assert printed.departure_reasons == ("ауруханаға",) and printed.reason == DischargeReason.TO_FAMILY
    records, _ids = ExchangeService(svc.sessions).journal_records(days_ago(90))
    departure = next(r for r in records if r.temp_departure_date == days_ago(30))
    assert departure.discharge_reason == "ауруханаға"  # the portal export's column 12 too


@pytest.mark.parametrize("typed_org", [OrgType.SEMI_STATIONARY, OrgType.HOME_CARE, OrgType.TEMPORARY_STAY],
                         indirect=True)
def test_r01_a_suspension_or_temporary_departure_needs_its_reason_where_the_journal_records_it(typed_org):
    # 000 item 21 1) "тоқтата тұру себептері", 26 1) the same, 35 2) "уақытша шығуы себебі"
    svc, _director, worker = typed_org
    rid = admit(svc, worker, 60)
    before = dump(svc.engine)
    with pytest.raises(DomainError) as exc:
        svc.movements.temporary_departure(worker, rid, days_ago(5), order(days_ago(5)), "  ")
    assert exc.value.field == "reason_text"
    assert "Себебі" in exc.value.render("kk") and "Причина" in exc.value.render("ru")
    assert dump(svc.engine) == before  # a refusal changes nothing
    svc.movements.temporary_departure(worker, rid, days_ago(5), order(days_ago(5)), "отбасының өтініші")
    assert svc.residents.get(rid).status == ResidentStatus.TEMPORARILY_ABSENT


def test_r01_a_stationary_temporary_departure_may_go_without_a_reason(org):
    # 000 item 11 1) names the reason of a discharge only
    svc, _director, worker = org
    rid = admit(svc, worker, 60)
    svc.movements.temporary_departure(worker, rid, days_ago(5), order(days_ago(5)))
    assert _journal(svc, days_ago(10))[0].temporary_departures[0].reason is None


def test_r01_a_discharge_records_where_the_person_went(org):
    svc, _director, worker = org
    rid = admit(svc, worker, 60)
    mv = svc.movements.discharge(worker, rid, days_ago(3), order(days_ago(3)), DischargeReason.OWN_REQUEST,
                                 destination=" Қарағанды облысы, Теміртау қаласы ")
    assert mv.destination == "Қарағанды облысы, Теміртау қаласы"
    assert _journal(svc, days_ago(10))[0].destination == "Қарағанды облысы, Теміртау қаласы"  # column 14
    records, _ids = ExchangeService(svc.sessions).journal_records(days_ago(10))
    assert [r.destination for r in records if r.discharge_date] == ["Қарағанды облысы, Теміртау қаласы"]


def test_r09_an_entrys_number_is_its_place_in_the_journal_in_every_period(org):
    svc, _director, worker = org
    first = admit(svc, worker, 200)
    svc.movements.discharge(worker, first, days_ago(150), order(days_ago(150)), DischargeReason.OWN_REQUEST)
    queued = svc.queue.register(worker, person(last="Кезекова", first="Айгүл"),
                                dt.datetime.combine(days_ago(100), dt.time(10)))
    # while she waits, the others are admitted directly on a recorded ground
    second = svc.movements.admit_direct(worker, elderly(last="Серікбаев"), days_ago(50), order(days_ago(50)),
                                        DirectAdmissionGround.COURT, admission_ground=GROUND).resident_id
    svc.movements.readmit(worker, first, days_ago(20), order(days_ago(20)),  # a new stay: a new entry
                          direct_ground=DirectAdmissionGround.COURT, admission_ground=GROUND)
    whole = {(r.resident_id, r.admission.date if r.admission else None): r.number for r in _journal(svc, days_ago(365))}
    assert sorted(whole.values()) == [1, 2, 3, 4]
    assert whole[first, days_ago(200)] == 1 and whole[queued.resident_id, None] == 2
    assert whole[second, days_ago(50)] == 3 and whole[first, days_ago(20)] == 4
    recent = _journal(svc, days_ago(30))
    assert [(r.resident_id, r.number) for r in recent] == [(queued.resident_id, 2), (second, 3), (first, 4)]
    printed = PrintService(svc.sessions).journal(days_ago(30), dt.date.today())
    assert [r.number for r in printed.rows] == [2, 3, 4]
    # the person in the queue keeps the number when admitted
    svc.queue.offer_place(worker, queued.application_id, days_ago(1))
    svc.movements.admit_from_queue(worker, queued.application_id, days_ago(1), order(days_ago(1)),
                                   admission_ground=GROUND, category=ELDERLY)
    row = next(r for r in _journal(svc, days_ago(5)) if r.resident_id == queued.resident_id)
    assert row.number == 2 and row.status == ResidentStatus.PRESENT
    assert PrintService(svc.sessions).journal(days_ago(5), dt.date.today()).rows[0].number == 2


def test_r09_finished_stays_blank_while_the_journal_is_kept(org):
    svc, _director, worker = org
    admit(svc, worker, 60)
    printer = PrintService(svc.sessions)
    assert printer.journal(days_ago(90), dt.date.today()).finished_on is None
    assert printer.journal(days_ago(90), days_ago(-20)).finished_on is None  # "this month" reaching past today
    assert printer.journal(days_ago(90), days_ago(30)).finished_on == days_ago(30)


@pytest.mark.parametrize("typed_org", [OrgType.HOME_CARE], indirect=True)
def test_r01_home_care_records_the_heads_decision(typed_org, tmp_path):
    # 000 item 26 1): "шешімнің нөмірі мен күнін" — the number and date of the decision
    svc, _director, worker = typed_org
    with pytest.raises(DomainError) as exc:
        svc.movements.admit_direct(worker, elderly(), days_ago(5), OrderRef(" ", days_ago(5)), admission_ground=GROUND)
    assert exc.value.field == "order_number"
    assert exc.value.render("kk").startswith("Шешімнің нөмірі") and exc.value.render("ru").startswith("Номер решения")
    admit(svc, worker, 5)
    out = ExchangeService(svc.sessions).export_journal(worker, tmp_path / "j.csv", "kk").path
    header = out.read_bytes().decode("utf-8-sig").splitlines()[0]
    assert "Түскен күні және шешімнің №" in header and "бұйрықтың" not in header
    ru = ExchangeService(svc.sessions).export_journal(worker, tmp_path / "j.csv", "ru", since=days_ago(10)).path
    assert "Дата поступления и № решения" in ru.read_bytes().decode("utf-8-sig").splitlines()[0]
    from app.portal.adapter import FileAdapter
    from app.portal.records import Kind

    back = FileAdapter("ru").read(ru, Kind.JOURNAL)  # the decision titles are read back
    assert back.ok and [r.admission_date for r in back.records] == [days_ago(5)]


def test_r01_a_stationary_organisation_still_records_orders(org):
    svc, _director, worker = org
    with pytest.raises(DomainError) as exc:
        svc.movements.admit_direct(worker, elderly(), days_ago(5), OrderRef("", days_ago(5)), admission_ground=GROUND)
    assert exc.value.render("kk").startswith("Бұйрық") and exc.value.render("ru").startswith("Номер приказа")
