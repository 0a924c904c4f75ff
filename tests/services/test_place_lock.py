"""Issue 10 point 8: several PCs taking the last vacant place at the same moment never exceed the capacity.

Every use case that takes a place (a direct admission, an admission from the queue, a readmission, a place
offered, a register import that admits) holds the organisation's place lock while it counts and writes, so on
PostgreSQL as on SQLite exactly one of them gets the place and the others are refused in the user's words."""

from __future__ import annotations

import datetime as dt
import threading

from app.domain.enums import DirectAdmissionGround, DischargeReason, QueueOutcome, Sex
from app.domain.errors import DomainError
from app.domain.identity import make_iin
from app.portal.errors import ImportRefused
from app.portal.records import Kind, ParseResult, RegisterRecord
from app.services.exchange import ExchangeService
from tests.conftest import make_services
from tests.services.helpers import GROUND, order
from tests.services.helpers import elderly as person  # an admission names the category and the R-33 ground

ROUNDS = 20
THREADS = 4
NO_VACANCY = "There is no vacant place"  # the start of both refusals' msgids (admission, offer)
#: a register import's refusal of the same (its people live here: it points to the capacity, not to the queue)
REGISTER_FULL = "The register holds more residents than the organisation's places"


def _race(calls) -> list[object]:
    """Run the calls at the same moment, one thread each; each result is a value or the exception raised."""
    start = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i, call):
        start.wait()
        try:
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - the test looks at what each one got
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def _refusal(result: object) -> DomainError:
    """The no-vacancy refusal a call got (an import wraps it as the problem of its row)."""
    if isinstance(result, ImportRefused):
        assert len(result.problems) == 1, result.problems
        result = DomainError(result.problems[0].message, result.problems[0].field)
    assert isinstance(result, DomainError), f"expected the no-vacancy refusal, got {result!r}"
    assert result.field == "capacity" and result.message.msgid.startswith((NO_VACANCY, REGISTER_FULL)), \
        result.message.msgid
    for lang, words in (("ru", "мест"), ("kk", "орын")):  # in the user's language, not the msgid
        text = result.render(lang)
        assert words in text and not text.startswith((NO_VACANCY, REGISTER_FULL)), text
    return result


def test_four_pcs_admitting_at_once_fill_one_place_once(db_url):
    """4 threads each admit a different person into the one vacant place, 20 rounds: one admitted per round."""
    svc, _director, worker = make_services(db_url, capacity=3)
    try:
        day = dt.date.today() - dt.timedelta(days=1)
        for _ in range(2):
            svc.movements.admit_direct(worker, person(), day, order(day), admission_ground=GROUND)
        for _round in range(ROUNDS):
            people = [person() for _ in range(THREADS)]
            results = _race([lambda p=p: svc.movements.admit_direct(worker, p, day, order(day), admission_ground=GROUND) for p in people])
            admitted = [r for r in results if not isinstance(r, Exception)]
            assert len(admitted) == 1, results
            for r in results:
                if isinstance(r, Exception):
                    _refusal(r)
            occ = svc.queries.occupancy()
            assert (occ.present, occ.vacant) == (3, 0)
            svc.movements.discharge(worker, admitted[0].resident_id, day, order(day), DischargeReason.OWN_REQUEST)
    finally:
        svc.engine.dispose()


def test_every_use_case_that_takes_a_place_holds_the_lock(db_url):
    """One vacant place; at the same moment: an offer to the first in the queue, a direct admission, a
    readmission and a register import that admits. One of them gets it, every time."""
    svc, _director, worker = make_services(db_url, capacity=3)
    exchange = ExchangeService(svc.sessions)
    try:
        day = dt.date.today() - dt.timedelta(days=1)
        for _ in range(2):
            svc.movements.admit_direct(worker, person(), day, order(day), admission_ground=GROUND)
        returning = svc.movements.admit_direct(worker, person(), day, order(day), admission_ground=GROUND).resident_id
        svc.movements.discharge(worker, returning, day, order(day), DischargeReason.OWN_REQUEST)
        winners = set()
        for n in range(8):
            waiting = svc.queue.register(worker, person(), dt.datetime.combine(day, dt.time(9)))
            born = dt.date(1941, 3, 1) + dt.timedelta(days=n)
            record = RegisterRecord("Тізімдегі", f"Адам{n}", born, iin=make_iin(born, Sex.FEMALE, 500 + n),
                                    admission_date=day, admission_order=f"{n}-т")
            calls = {
                "offer": lambda w=waiting: svc.queue.offer_place(worker, w.application_id, day),
                "direct": lambda: svc.movements.admit_direct(worker, person(), day, order(day),
                                                             direct_ground=DirectAdmissionGround.COURT,
                                                             admission_ground=GROUND),
                "readmit": lambda: svc.movements.readmit(worker, returning, day, order(day),
                                                         direct_ground=DirectAdmissionGround.COURT,
                                                         admission_ground=GROUND),
                "import": lambda r=record: exchange.import_register(
                    worker, ParseResult(records=(r,), problems=(), kind=Kind.REGISTER)),
            }
            results = dict(zip(calls, _race(list(calls.values())), strict=True))
            won = [k for k, r in results.items() if not isinstance(r, Exception)]
            assert len(won) == 1, results
            for k, r in results.items():
                if k not in won:
                    _refusal(r)
            occ = svc.queries.occupancy()
            assert occ.occupied + occ.on_offer == 3 and occ.vacant == 0
            winners.add(won[0])
            # free the place again for the next round
            svc.queue.withdraw(worker, waiting.application_id, day)
            if won == ["readmit"]:
                svc.movements.discharge(worker, returning, day, order(day), DischargeReason.OWN_REQUEST)
            elif won != ["offer"]:
                _discharge_newest(svc, worker, day, returning)
        assert winners  # (which use case wins is up to the scheduler)
    finally:
        svc.engine.dispose()


def _discharge_newest(svc, worker, day, returning) -> None:
    """Discharge the person admitted last (not the one who comes back each round)."""
    from sqlalchemy import select

    from app.db.models import Resident
    from app.domain.enums import ResidentStatus

    with svc.sessions() as s:
        newest = s.scalar(select(Resident.id).where(Resident.status == ResidentStatus.PRESENT,
                                                    Resident.id != returning).order_by(Resident.id.desc()).limit(1))
    svc.movements.discharge(worker, newest, day, order(day), DischargeReason.OWN_REQUEST)


def test_an_offered_place_is_not_offered_again_meanwhile(db_url):
    """Two PCs offering the one vacant place to the first in the queue: it is offered once."""
    svc, _director, worker = make_services(db_url, capacity=1)
    try:
        day = dt.date.today() - dt.timedelta(days=1)
        first = svc.queue.register(worker, person(), dt.datetime.combine(day, dt.time(9)))
        results = _race([lambda: svc.queue.offer_place(worker, first.application_id, day) for _ in range(2)])
        assert sum(not isinstance(r, Exception) for r in results) == 1, results
        assert [r.outcome for r in svc.queue.rows()] == [QueueOutcome.OFFERED]
        assert all(isinstance(r, DomainError) for r in results if isinstance(r, Exception))
    finally:
        svc.engine.dispose()



def test_two_pcs_placing_into_a_units_last_place_place_one(db_url):
    """R-36 with two PCs: two residents placed at once into a palliative ward's one place; one is placed."""
    from app.domain.units import UnitKind

    svc, director, worker = make_services(db_url, capacity=20)
    try:
        day = dt.date.today() - dt.timedelta(days=1)
        ward = svc.units.add(director, UnitKind.PALLIATIVE, "Паллиатив", 1)
        for _round in range(5):
            ids = [svc.movements.admit_direct(worker, person(), day, order(day), admission_ground=GROUND).resident_id for _ in range(THREADS)]
            results = _race([lambda r=r: svc.units.place(worker, r, ward.id) for r in ids])
            assert sum(r is None for r in results) == 1, results
            assert all(isinstance(r, DomainError) and r.field == "unit" for r in results if r is not None)
            placed = [r for r in ids if svc.units.unit_of(r) == ward.id]
            assert len(placed) == 1
            for r in ids:
                svc.movements.discharge(worker, r, day, order(day), DischargeReason.OWN_REQUEST)
    finally:
        svc.engine.dispose()
