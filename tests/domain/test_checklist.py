"""The checklist's pure evaluation (R-30, R-31): items and degrees from the shipped tables, items 1–4 from
plain facts, staff answers for 5–20."""

import csv
import datetime as dt
import difflib
from pathlib import Path

import pytest

from app.domain import checklist as cl
from app.domain.calendar import WorkCalendar
from app.domain.enums import MovementKind, OrgType, PlanStatus
from app.domain.errors import DomainError

DATA = Path(__file__).resolve().parents[2] / "resources" / "data"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
ON = dt.date(2026, 6, 15)  # a Monday


def items():
    return cl.parse_items(*(open(DATA / n, encoding="utf-8").read() for n in (
        "checklist_stationary_semistationary.csv", "checklist_stationary_semistationary_ru.csv",
        "risk_criteria_subjective.csv")))


def test_r30_degrees_are_the_risk_criteria_the_items_repeat():
    risk = {int(r["no"]): r for r in csv.DictReader(open(DATA / "risk_criteria_subjective.csv", encoding="utf-8"))}
    for item in items():
        crit = risk[item.criterion_no]
        # the criterion repeats the item's wording (minor differences only): of all 90 it is the closest
        best = max(risk, key=lambda n: difflib.SequenceMatcher(None, item.text_kk, risk[n]["criterion_kk"]).ratio())
        assert best == item.criterion_no, item.no
        assert item.degree.value == crit["degree_en"]
    assert len(items()) == 20 and all(i.text_ru and i.text_ru != i.text_kk for i in items())


def test_shipped_tables_are_the_shared_ones():
    if not SHARED.exists():
        pytest.skip("the shared data folder is not next to the checkout")
    for name in ("checklist_stationary_semistationary.csv", "risk_criteria_subjective.csv"):
        assert (DATA / name).read_bytes() == (SHARED / name).read_bytes()


def _mv(rid, seq, kind, day, order="1-ж", **kw):
    return cl.MovementFact(rid, seq, kind, day, order, True, **kw)


def _plan(pid, rid, drawn, status=PlanStatus.APPROVED, **kw):
    base = dict(completed_on=drawn, approved_on=drawn, period_start=drawn, period_end=drawn.replace(year=drawn.year + 1)
                - dt.timedelta(days=1), observed=True,
                signatures={"social_worker": "A", "psychologist": "B", "medical": "C"}, activities=3)
    base.update(kw)
    return cl.PlanFact(pid, rid, status, drawn, base.pop("completed_on"), base.pop("approved_on"),
                       base.pop("period_start"), base.pop("period_end"), **base)


def test_items_1_to_4_judged_resident_by_resident():
    people = {i: cl.Person(i, f"P{i}", f"00000000000{i}") for i in range(1, 8)}
    adm = dt.date(2026, 5, 4)
    movements = [_mv(1, 1, MovementKind.ADMISSION, adm, journal_no=1),                 # fine
                 _mv(2, 1, MovementKind.ADMISSION, adm, journal_no=2),                 # plan drawn up late
                 _mv(3, 1, MovementKind.ADMISSION, adm, journal_no=3),                 # no plan at all
                 _mv(4, 1, MovementKind.ADMISSION, adm, order=" ", journal_no=4),      # no order number
                 _mv(5, 1, MovementKind.ADMISSION, adm, journal_no=5),
                 _mv(5, 2, MovementKind.DISCHARGE, dt.date(2026, 6, 1), discharge_reason="death"),  # no document
                 _mv(6, 1, MovementKind.ADMISSION, adm, journal_no=6),
                 _mv(6, 2, MovementKind.TEMPORARY_DEPARTURE, dt.date(2026, 6, 2), reason_text="аурухана",
                     documented=True),                                                 # with its document
                 _mv(7, 1, MovementKind.ADMISSION, ON - dt.timedelta(days=2), journal_no=7)]  # plan not due yet
    plans = [_plan(1, 1, adm + dt.timedelta(days=2), draw_up_step="plan_draw_up", draw_up_due=adm + dt.timedelta(5)),
             _plan(2, 2, adm + dt.timedelta(days=9), draw_up_step="plan_draw_up", draw_up_due=adm + dt.timedelta(5)),
             _plan(4, 4, adm + dt.timedelta(days=2)), _plan(6, 6, adm + dt.timedelta(days=2), activities=0)]
    recon = cl.ReconciliationFact(ON - dt.timedelta(days=10), (cl.ReconDifference("000000000001", "P1", "differ",
                                                                                  ("birth_date",)),))
    facts = cl.ChecklistFacts(ON, OrgType.STATIONARY, people, movements, plans, recon)
    res = cl.evaluate(items(), facts, WorkCalendar({}))
    got = {(i.item.no, f.resident_id) for i in res.items for f in i.residents}
    assert got == {(1, 2), (1, 3), (2, 3), (2, 4), (2, 6), (3, 1), (4, 5)}
    assert [res.item(n).status for n in (1, 2, 3, 4)] == [cl.Status.FAILS] * 4
    assert res.item(3).note.params["n"] == 10  # how old the reconciliation is
    assert res.item(5).status == cl.Status.UNANSWERED
    # without a reconciliation item 3 fails with no one named; with a clean one it complies
    assert cl.evaluate(items(), cl.ChecklistFacts(ON, None, people, [], []), WorkCalendar({})).item(3).status \
        == cl.Status.FAILS
    clean = cl.ChecklistFacts(ON, None, people, [], [], cl.ReconciliationFact(ON))
    assert cl.evaluate(items(), clean, WorkCalendar({})).item(3).status == cl.Status.COMPLIES


def test_staff_answers_map_to_the_four_columns():
    ans = {5: cl.StaffAnswer(5, cl.Answer.NOT_REQUIRED, None, ON, "X"),
           6: cl.StaffAnswer(6, cl.Answer.FAILS, "жоқ", ON, "X")}
    res = cl.evaluate(items(), cl.ChecklistFacts(ON, None, {}, [], [], cl.ReconciliationFact(ON), ans),
                      WorkCalendar({}))
    assert (res.item(5).status, res.item(6).status, res.item(7).status) == (
        cl.Status.NOT_REQUIRED, cl.Status.FAILS, cl.Status.UNANSWERED)
    with pytest.raises(DomainError):
        cl.check_answer(2, cl.Answer.COMPLIES, ON, ON, None)
    with pytest.raises(DomainError):
        cl.check_answer(7, "maybe", ON, ON, None)
    assert cl.check_answer(7, "fails", ON, ON, " no ") == (cl.Answer.FAILS, "no")


def test_the_residents_an_item_names_are_in_kazakh_alphabetical_order():
    """Every list of names in Kazakh alphabetical order: by code point Ә, Ө, Ұ, Ү and І came after Я (the
    reconciliation's people in item 3: «Ілиясов» first, «Әлиев» and «Өмаров» last)."""
    names = ["Ілиясов", "Яковлев", "Әлиев", "Ахметжанов", "Үмбетов", "Ұланов", "Өмаров", "Омаров", "Ыбыраев", "Уәлиев"]
    people = {i: cl.Person(i, n, f"0000000000{i:02d}") for i, n in enumerate(names, 1)}
    differences = tuple(cl.ReconDifference(p.iin, p.name, "only_here") for p in people.values())
    facts = cl.ChecklistFacts(ON, OrgType.STATIONARY, people, [], [], cl.ReconciliationFact(ON, differences))
    named = [f.name for f in cl.evaluate(items(), facts, WorkCalendar({})).item(3).residents]
    # the alphabet's order (А Ә … О Ө … У Ұ Ү … Ы І … Я), from the order of the letters the act's alphabet gives
    assert named == ["Ахметжанов", "Әлиев", "Омаров", "Өмаров", "Уәлиев", "Ұланов", "Үмбетов", "Ыбыраев", "Ілиясов",
                     "Яковлев"]


def test_a_reconciliation_of_today_is_said_to_be_today():
    """Not «(0 дн. назад)» / «(0 күн бұрын)»."""
    people = {1: cl.Person(1, "Әлиев", "000000000001")}
    today = cl.evaluate(items(), cl.ChecklistFacts(ON, None, people, [], [], cl.ReconciliationFact(ON)),
                        WorkCalendar({})).item(3).note
    assert "(сегодня)" in today.render("ru") and "(бүгін)" in today.render("kk") and "(0 " not in today.render("ru")
    older = cl.evaluate(items(), cl.ChecklistFacts(ON, None, people, [], [], cl.ReconciliationFact(
        ON - dt.timedelta(days=3))), WorkCalendar({})).item(3).note
    assert "(3 дн. назад)" in older.render("ru")
