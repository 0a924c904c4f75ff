"""Issue 13 point 2: the checklist on the demo institution finds exactly the violations planted in it.

The demo (app/demo.py) is built first; its own lapses (plans never drawn up, drafts left open, plans awaiting
approval, plans drawn up late) are the baseline, checked against the deadline service and the plan lateness
kept with the plans. Then four violations are planted on residents the baseline does not name — a plan drawn
up late, a temporary departure without its proving document, a journal row without an order number, and a
resident missing from the portal's roster — and the checklist must find exactly the baseline plus those four.
"""

import datetime as dt

import pytest
from sqlalchemy import update

from app.db.models import Movement
from app.demo import build_demo
from app.domain.checklist import Answer, MovementDocKind, Status
from app.domain.enums import DirectAdmissionGround, DischargeReason, MovementKind, ResidentStatus
from app.domain.errors import DomainError, PermissionDenied
from app.portal.records import Kind, ParseResult, RosterRecord
from app.services import Services
from app.services.exchange import ExchangeService
from app.services.movements import MovementDoc
from tests.services.helpers import GROUND, elderly, order, plan_input

PLAN_STEPS = {"plan_draw_up", "plan_complete", "plan_approve", "plan_renew"}


def failures(result) -> set[tuple[int, int | None]]:
    return {(item.item.no, f.resident_id) for item in result.items for f in item.residents}


def roster_file(svc, leave_out=()) -> ParseResult:
    """The portal's roster as it should be: everyone holding a place here (with an IIN), minus ``leave_out``."""
    recs = []
    for r in svc.queries.roster_on(dt.date.today()):
        resident, status, admitted = r
        if resident.iin and resident.id not in leave_out:
            recs.append(RosterRecord(resident.iin, resident.last_name, resident.first_name, resident.birth_date,
                                     status, admitted, resident.middle_name))
    return ParseResult(tuple(recs), (), Kind.ROSTER)


@pytest.fixture
def demo(db_url):
    svc = Services.open(db_url)
    build_demo(svc, residents=40, seed=3)
    yield svc


def _actors(svc):
    from app.demo import DEMO_DIRECTOR, DEMO_SOCIAL

    return (svc.people.authenticate(*DEMO_DIRECTOR), svc.people.authenticate(*DEMO_SOCIAL))


def test_the_checklist_finds_exactly_the_planted_violations(demo):
    svc = demo
    director, worker = _actors(svc)
    today = dt.date.today()
    ex = ExchangeService(svc.sessions)
    rec = ex.reconcile(roster_file(svc), worker, "roster.xlsx")
    base = svc.checklist.evaluate(today)
    f0 = failures(base)

    # the baseline, from other sources: item 1 = overdue plan steps (the deadline service) and plans with a
    # step recorded late (R-15, kept with the plan); item 2 = no plan although it was due; item 3 = what the
    # reconciliation found (persons without an IIN cannot be on the portal); item 4 = none (the demo's
    # departures, discharges and transfers carry their documents)
    holders = {r.id for r, _s, _a in svc.queries.roster_on(today)}
    overdue = [d for d in svc.queries.deadlines(today) if d.kind in PLAN_STEPS and d.state == "overdue"]
    late = {p.resident_id for p in svc.plans.late_plans() if p.resident_id in holders}
    assert {rid for no, rid in f0 if no == 1} == {d.resident_id for d in overdue} | late
    assert {rid for no, rid in f0 if no == 2} == {d.resident_id for d in overdue if d.kind == "plan_draw_up"}
    iins = {r.iin for r in (*rec.differ, *rec.only_here, *rec.only_portal)}
    assert {rid for no, rid in f0 if no == 3} == {r.id for r, _s, _a in svc.queries.roster_on(today)
                                                  if (r.iin or "") in iins}
    assert {rid for no, rid in f0 if no == 4} == set()
    assert base.item(4).status == Status.COMPLIES and base.item(1).status == Status.FAILS

    named = {rid for _no, rid in f0}
    clean = [r for r, status, _a in svc.queries.roster_on(today)
             if r.id not in named and r.iin and status == ResidentStatus.PRESENT]
    d1, d2, b, c, e = (r.id for r in clean[:5])
    # two leave (with their documents: no violation) so that a newcomer can be admitted
    svc.movements.discharge(worker, d1, today, order(today), DischargeReason.OWN_REQUEST,
                            document=MovementDoc(MovementDocKind.APPLICATION, today))
    svc.movements.transfer(worker, d2, today, order(today), "Астана қаласы", "«Шапағат» орталығы",
                           document=MovementDoc(MovementDocKind.TRANSFER_ACT, today, "7"))
    # (1) a plan drawn up late: admitted 20 days ago, the plan drawn up 10 days ago (due within 5 days, R-15)
    day = today - dt.timedelta(days=20)
    a = svc.movements.admit_direct(worker, elderly(), day, order(day), DirectAdmissionGround.COURT,
                                   admission_ground=GROUND).resident_id
    plan = plan_input(today - dt.timedelta(days=10))
    plan.signatures = {"social_worker": "Оспанова А. Б.", "psychologist": "Ким Т. Н.", "medical": "Жұмабеков Е. Қ."}
    p = svc.plans.create(worker, a, plan)
    p = svc.plans.complete(worker, p.id, p.drawn_up_on)
    svc.plans.approve(director, p.id, p.drawn_up_on)
    # (4) a temporary departure without its proving document
    svc.movements.temporary_departure(worker, b, today, order(today), "Ауруханаға жатқызу")
    # (2) a journal row without an order number (an old row, written straight into the table)
    with svc.sessions.begin() as s:
        s.execute(update(Movement).where(Movement.resident_id == c, Movement.kind == MovementKind.ADMISSION)
                  .values(order_number=""))
    # (3) a roster difference: the portal's roster lacks one resident
    ex.reconcile(roster_file(svc, leave_out={e}), worker, "roster2.xlsx")

    result = svc.checklist.evaluate(today)
    planted = {(1, a), (4, b), (2, c), (3, e)}
    assert failures(result) == f0 | planted
    why = {(item.item.no, f.resident_id): f.why.render("ru") for item in result.items for f in item.residents}
    assert "R-15" in why[1, a] and "R-01" in why[2, c] and "документ" in why[4, b] and "портал" in why[3, e]
    # the degrees come from the risk criteria: items 1, 2, 4 significant, item 3 minor
    assert [result.item(n).item.degree.value for n in (1, 2, 3, 4)] == ["significant", "significant", "minor",
                                                                       "significant"]
    # recording the document afterwards clears item 4
    mv = [m for m in svc.movements.history(b) if m.kind == MovementKind.TEMPORARY_DEPARTURE][-1]
    svc.movements.set_document(worker, mv.id, MovementDoc(MovementDocKind.MEDICAL, today, "12"))
    assert (4, b) not in failures(svc.checklist.evaluate(today))


def test_staff_answers_are_kept_with_who_and_when_and_refused_when_wrong(org):
    svc, director, worker = org
    today = dt.date.today()
    assert svc.checklist.evaluate(today).item(5).status == Status.UNANSWERED
    svc.checklist.answer(worker, 5, Answer.COMPLIES, "Мәзір бекітілген", today)
    svc.checklist.answer(director, 9, Answer.FAILS, "Паспорттар жоқ", today)
    svc.checklist.answer(director, 15, Answer.NOT_REQUIRED, None, today)
    res = svc.checklist.evaluate(today)
    assert [res.item(n).status for n in (5, 9, 15, 16)] == [Status.COMPLIES, Status.FAILS, Status.NOT_REQUIRED,
                                                            Status.UNANSWERED]
    assert res.item(9).answer.answered_by == director.full_name and res.item(9).answer.note == "Паспорттар жоқ"
    assert res.item(9).item.degree.value == "minor"  # criterion 11 of Annex 1
    with pytest.raises(DomainError) as e:
        svc.checklist.answer(director, 3, Answer.COMPLIES, None, today)
    assert e.value.field == "item"
    with pytest.raises(DomainError) as e:
        svc.checklist.answer(director, 6, Answer.FAILS, " ", today)
    assert e.value.field == "note"
    with pytest.raises(DomainError) as e:
        svc.checklist.answer(director, 6, Answer.COMPLIES, None, today + dt.timedelta(days=3))
    assert e.value.field == "answered_on"
    from app.domain.enums import Role

    psychologist = svc.people.create_user(director, "psy", "Ким Т.", Role.PSYCHOLOGIST, "Құпия-сөз-2026")
    with pytest.raises(PermissionDenied):  # issue 10 point 5: the director and the social worker answer
        svc.checklist.answer(psychologist, 6, Answer.COMPLIES, None, today)
    assert svc.checklist.evaluate(today).item(6).status == Status.UNANSWERED  # nothing changed
    assert sum(r.action == "checklist.answer" for r in svc.audit.query(director).rows) == 3
