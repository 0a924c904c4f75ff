"""The inspector's checklist for stationary and semi-stationary organisations (Joint Order 401/69,
Annex 3; R-30, R-31), judged before the inspector comes.

Items 1–4 are judged from the program's own data, resident by resident (R-31):
- 1 the plan deadlines kept (R-15): every step of the current stay's plans done by its due date — the
  lateness kept with the plan when a step was recorded late (migration 0009) — and no draw-up,
  completion, approval or renewal overdue on the date;
- 2 the plan and the journal present and completely filled: a plan for everyone whose draw-up
  deadline has passed, a completed or approved plan with its activities, observation period and
  signatures (R-18); every journal event with its order number and date (R-01), an admission with its
  entry number (R-09), a discharge with its reason, a transfer with where to, a temporary departure
  (suspension) with its reason (R-01 as corrected 2026-12, FORMS.md Annex 2 column 12);
- 3 the roster matching the portal: the differences the last reconciliation found, and how old it is
  (no reconciliation recorded fails the item);
- 4 each suspension (temporary departure) and termination (discharge, transfer) carrying the document
  that proves it (a movement's document reference).
Items 5–20 are answered by staff: not required, or required and complies / does not comply.

Each item's violation degree is the risk criterion it repeats (Annex 1, section 1): the index of the
order (../shared/data/checklists_index.md) notes that Annex 3's items match criteria 3–22 — item n is
criterion n + 2. The texts come from the shipped tables (resources/data, copied from ../shared/data;
the Russian texts are the program's translation of the Kazakh original). Pure: no database, no files
(the service reads the tables and passes their text in).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from app.domain import deadlines as dl
from app.domain.calendar import WorkCalendar
from app.domain.enums import DeadlineKind, LabelledEnum, MovementKind, OrgType, PlanStatus, ResidentStatus
from app.domain.errors import DomainError
from app.domain.limits import clean
from app.domain.names import name_key
from app.domain.roster import HOLDS_PLACE, STATUS_AFTER
from app.i18n import N_, M, Message

#: Annex 3 item n repeats risk criterion n + 2 of Annex 1 section 1 (checklists_index.md, notes)
CRITERION_OFFSET = 2
#: the items judged from the data; the rest are answered by staff
DATA_ITEMS = (1, 2, 3, 4)
ITEM_COUNT = 20
#: R-18: the plan's signatures each type must have (* stationary, semi-stationary, temporary stay; ** home care)
_SIGNATURES_ALL = ("social_worker",)
_SIGNATURES_STAR = ("psychologist", "medical")
_SIGNATURES_HOME = ("consultant",)
_SIGNATURE_LABELS = {"social_worker": N_("social work specialist"), "psychologist": N_("psychologist"),
                     "medical": N_("medical staff specialist"), "consultant": N_("social work consultant")}
#: the plan deadlines item 1 judges (R-15); monitoring (R-20, R-21) is not plan development
_PLAN_STEPS = (DeadlineKind.PLAN_DRAW_UP, DeadlineKind.PLAN_COMPLETE, DeadlineKind.PLAN_APPROVE,
               DeadlineKind.PLAN_RENEW)
#: suspension and termination of the services (item 4)
ENDING_KINDS = (MovementKind.TEMPORARY_DEPARTURE, MovementKind.DISCHARGE, MovementKind.TRANSFER)


class Degree(LabelledEnum):
    """The degree of a violation (R-30, Annex 1)."""

    GROSS = "gross", N_("gross")
    SIGNIFICANT = "significant", N_("significant")
    MINOR = "minor", N_("minor")


class Status(LabelledEnum):
    COMPLIES = "complies", N_("complies")
    FAILS = "fails", N_("does not comply")
    NOT_REQUIRED = "not_required", N_("not required")
    UNANSWERED = "unanswered", N_("not answered")


class Answer(LabelledEnum):
    """A staff answer to items 5–20: the four columns of the form (required or not; complies or not)."""

    NOT_REQUIRED = "not_required", N_("not required")
    COMPLIES = "complies", N_("required, complies")
    FAILS = "fails", N_("required, does not comply")


class MovementDocKind(LabelledEnum):
    """The document that proves a suspension or termination of the services (item 4)."""

    APPLICATION = "application", N_("application of the person or their representative")
    MEDICAL = "medical", N_("medical certificate or referral")
    DEATH = "death", N_("death certificate")
    COURT = "court", N_("court decision")
    TRANSFER_ACT = "transfer_act", N_("acceptance-transfer act")
    OTHER = "other", N_("other document")


@dataclass(frozen=True)
class Item:
    no: int
    text_kk: str
    text_ru: str
    degree: Degree
    criterion_no: int

    @property
    def judged(self) -> str:
        return "data" if self.no in DATA_ITEMS else "staff"

    def text(self, lang: str) -> str:
        return self.text_kk if lang == "kk" else self.text_ru


def _rows(text: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    for r in rows:
        if None in r:  # a text with a comma left unquoted: its end would be lost
            raise ValueError(f"row {r.get('no')}: more fields than the header names")
    return rows


def parse_items(checklist_kk: str, checklist_ru: str, risk: str) -> tuple[Item, ...]:
    """The 20 items from the shipped tables' text, each with its degree from the risk criteria."""
    kk = {int(r["no"]): r["requirement_kk"].strip() for r in _rows(checklist_kk)}
    ru = {int(r["no"]): r["requirement_ru"].strip() for r in _rows(checklist_ru)}
    criteria = {int(r["no"]): r for r in _rows(risk) if r["section_no"].strip() == "1"}
    items = []
    for no in range(1, ITEM_COUNT + 1):
        crit = criteria[no + CRITERION_OFFSET]
        items.append(Item(no, kk[no], ru.get(no) or kk[no], Degree(crit["degree_en"].strip()), no + CRITERION_OFFSET))
    return tuple(items)


# --- the facts the service reads -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str
    iin: str | None


class MovementFact(NamedTuple):
    """One journal event (a plain tuple: ten thousand residents have some fifty thousand)."""

    resident_id: int
    seq: int
    kind: MovementKind
    event_date: dt.date
    order_number: str | None
    has_order_date: bool = True
    journal_no: int | None = None
    discharge_reason: str | None = None
    reason_text: str | None = None
    destination: str | None = None
    documented: bool = False  # the proving document is recorded (its kind and date, item 4)
    id: int | None = None  # the movement's row, for recording its document later


class PlanFact(NamedTuple):
    id: int
    resident_id: int
    status: PlanStatus
    drawn_up_on: dt.date
    completed_on: dt.date | None
    approved_on: dt.date | None
    period_start: dt.date
    period_end: dt.date
    draw_up_step: str | None = None
    draw_up_due: dt.date | None = None
    complete_due: dt.date | None = None
    approve_due: dt.date | None = None
    observed: bool = True  # the observation period is recorded (its start and end, R-18)
    signatures: dict | str | None = None  # role → name (JSON text as stored is read when needed)
    activities: int = 0


@dataclass(frozen=True, slots=True)
class ReconDifference:
    """One person the reconciliation found different: ``kind`` differ / only_here / only_portal."""

    iin: str
    name: str
    kind: str
    fields: tuple[str, ...] = ()
    #: the resident here (kept since session 17; an older record's person is found by the IIN)
    resident_id: int | None = None


@dataclass(frozen=True)
class ReconciliationFact:
    run_on: dt.date
    differences: tuple[ReconDifference, ...] = ()


@dataclass(frozen=True)
class StaffAnswer:
    item_no: int
    answer: Answer
    note: str | None
    answered_on: dt.date
    answered_by: str
    answered_at: dt.datetime | None = None


@dataclass(frozen=True)
class ChecklistFacts:
    on: dt.date
    org_type: OrgType | None
    people: dict[int, Person]
    #: the movements up to ``on``, by resident and seq: every one, or (with ``stays``) at least every one that
    #: may lack something — each is judged here again
    movements: Sequence[MovementFact]
    plans: Sequence[PlanFact]              # the plans not superseded
    reconciliation: ReconciliationFact | None = None
    answers: dict[int, StaffAnswer] = field(default_factory=dict)
    #: each resident's last movement up to ``on`` and the admission of the stay: (kind, admitted on); None:
    #: told from ``movements``
    stays: dict[int, tuple[MovementKind, dt.date | None]] | None = None


@dataclass(frozen=True)
class Listing(Message):
    """Several messages shown as one, joined by ``sep`` (a finding naming every gap of a plan or a row)."""

    msgid: str = ""
    parts: tuple = ()  # Messages, or (msgid, params) pairs made Messages when shown
    sep: str = ", "

    def __init__(self, parts: tuple, sep: str = ", ") -> None:
        object.__setattr__(self, "msgid", "")
        object.__setattr__(self, "params", {})
        object.__setattr__(self, "context", None)
        object.__setattr__(self, "parts", parts)
        object.__setattr__(self, "sep", sep)

    def render(self, lang: str | None = None) -> str:
        return self.sep.join((p if isinstance(p, Message) else Message(p[0], p[1])).render(lang) for p in self.parts)


class _Label(NamedTuple):
    """A msgid shown translated when its message is (a parameter of a finding)."""

    msgid: str

    @property
    def label(self) -> Message:
        return Message(self.msgid)


# --- the result ------------------------------------------------------------------------------------------
class Failure(NamedTuple):
    """A resident failing an item and why. The reason is kept as its msgid and parameters and made a
    :class:`Message` when read (a checklist of ten thousand residents may name tens of thousands)."""

    resident_id: int | None
    iin: str
    name: str
    msgid: str | Message
    params: dict | None = None
    movement_id: int | None = None  # item 4: the movement lacking its document

    @property
    def why(self) -> Message:
        return self.msgid if isinstance(self.msgid, Message) else Message(self.msgid, self.params or {})


class _Event(NamedTuple):
    """A journal event named in a finding ("discharge on 12.03.2026"), its words made when shown."""

    kind: MovementKind
    day: dt.date

    @property
    def label(self) -> Message:
        return M("{kind} on {day}", kind=self.kind, day=self.day)


@dataclass(frozen=True)
class ItemResult:
    item: Item
    status: Status
    residents: tuple[Failure, ...] = ()
    note: Message | None = None          # item 3: the reconciliation's date and age; staff items: the answer
    answer: StaffAnswer | None = None

    @property
    def failing(self) -> bool:
        return self.status == Status.FAILS

    def as_json(self, lang: str) -> dict:
        return {"no": self.item.no, "text": self.item.text(lang), "judged": self.item.judged,
                "status": self.status.value, "degree": self.item.degree.value,
                "residents": [{"iin": f.iin, "name": f.name, "why": f.why.render(lang)} for f in self.residents]}


@dataclass(frozen=True)
class ChecklistResult:
    on: dt.date
    items: tuple[ItemResult, ...]

    @property
    def failing(self) -> tuple[ItemResult, ...]:
        return tuple(i for i in self.items if i.failing)

    def item(self, no: int) -> ItemResult:
        return self.items[no - 1]

    def as_json(self, lang: str) -> dict:
        return {"on": self.on.isoformat(), "items": [i.as_json(lang) for i in self.items]}


# --- evaluation -------------------------------------------------------------------------------------------
@dataclass
class _Stay:
    status: ResidentStatus = ResidentStatus.IN_QUEUE
    admitted_on: dt.date | None = None


def _stays(facts: ChecklistFacts) -> dict[int, _Stay]:
    """Each resident's status on ``on`` and the admission of their current stay, from the events."""
    if facts.stays is not None:
        return {rid: _Stay(STATUS_AFTER[kind], admitted) for rid, (kind, admitted) in facts.stays.items()}
    movements, on = facts.movements, facts.on
    stays: dict[int, _Stay] = defaultdict(_Stay)
    for m in movements:
        if m.event_date > on:
            continue
        st = stays[m.resident_id]
        st.status = STATUS_AFTER[m.kind]
        if m.kind == MovementKind.ADMISSION:
            st.admitted_on = m.event_date
    return stays


def _by_name(finding: Failure) -> tuple:
    """A finding's place in its list: its name in Kazakh alphabetical order (app.domain.names: Ә after А, Ө after
    О, Ұ and Ү after У, І after Ы; by code point they came after Я), then the name itself and the IIN."""
    return name_key(finding.name), finding.name, finding.iin

#: the fields the reconciliation compares (app/services/exchange.py), as a finding names them
RECON_FIELDS = {"iin": N_("IIN"), "last_name": N_("Last name"), "first_name": N_("First name"),
                "middle_name": N_("Patronymic"), "birth_date": N_("Date of birth"), "status": N_("Status"),
                "admission_date": N_("Date of admission")}
# item 2: what a journal row may lack
_NO_ORDER_NUMBER = N_("journal: {event}: no order number (R-01)")
_NO_ORDER_DATE = N_("journal: {event}: no order date (R-01)")
_NO_ENTRY_NUMBER = N_("journal: {event}: no entry number (R-09)")
_NO_REASON = N_("journal: {event}: no reason (R-01)")
_NO_DESTINATION = N_("journal: {event}: where the person went is not recorded (R-01)")
_ADM, _TMP, _DIS, _TRA = (MovementKind.ADMISSION, MovementKind.TEMPORARY_DEPARTURE, MovementKind.DISCHARGE,
                          MovementKind.TRANSFER)


def _failure(person: Person | None, rid: int | None, why: str | Message, iin: str = "", name: str = "",
             **params) -> Failure:
    if person is not None:
        return Failure(rid, person.iin or "", person.name, why, params)
    return Failure(rid, iin, name, why, params)


def judge_deadlines(facts: ChecklistFacts, stays: dict[int, _Stay], plans: dict[int, list[PlanFact]],
                    cal: WorkCalendar, rules: dl.DeadlineRules) -> list[Failure]:
    """Item 1 (R-15): lateness kept with the stay's plans, and plan steps overdue on the date."""
    out = []
    on = facts.on
    for rid, stay in stays.items():
        if stay.status not in HOLDS_PLACE or stay.admitted_on is None:
            continue
        person = facts.people.get(rid)
        stay_plans = [p for p in plans.get(rid, ()) if stay.admitted_on <= p.drawn_up_on <= on]
        for p in stay_plans:
            for late in dl.late_steps((p.draw_up_step, p.draw_up_due, p.drawn_up_on),
                                      (DeadlineKind.PLAN_COMPLETE, p.complete_due, p.completed_on),
                                      (DeadlineKind.PLAN_APPROVE, p.approve_due, p.approved_on)):
                if late.actual <= on:
                    out.append(_failure(person, rid, N_("{step}: due {due}, done {actual}, {n} days late (R-15)"),
                                        step=late.step, due=late.due, actual=late.actual, n=late.days))
        latest = max(stay_plans, key=lambda p: (p.period_start, p.id)) if stay_plans else None
        if latest is not None and latest.status == PlanStatus.APPROVED and latest.period_end >= on:
            continue  # an approved plan still running: no plan step can be overdue (the next is due after its end)
        plan_facts = [dl.PlanFacts(p.id, p.status, p.drawn_up_on, p.completed_on, p.approved_on, p.period_start,
                                   p.period_end) for p in stay_plans]
        for d in dl.open_deadlines(dl.ResidentFacts(stay.admitted_on, plan_facts, ()), on, cal, rules):
            if d.kind in _PLAN_STEPS and d.due < on:
                out.append(_failure(person, rid, N_("{step}: due {due}, not done by {on} (R-15)"),
                                    step=d.kind, due=d.due, on=on))
    return out


def _signatures_required(org_type: OrgType | None) -> tuple[str, ...]:
    if org_type == OrgType.HOME_CARE:
        return _SIGNATURES_ALL + _SIGNATURES_HOME
    return _SIGNATURES_ALL + _SIGNATURES_STAR


def judge_filled(facts: ChecklistFacts, stays: dict[int, _Stay], plans: dict[int, list[PlanFact]],
                 rules: dl.DeadlineRules) -> list[Failure]:
    """Item 2: the plan present and completely filled (R-14, R-18) and the journal rows complete (R-01, R-09)."""
    out = []
    on = facts.on
    signatures = _signatures_required(facts.org_type)
    for rid, stay in stays.items():
        if stay.status not in HOLDS_PLACE or stay.admitted_on is None:
            continue
        person = facts.people.get(rid)
        stay_plans = [p for p in plans.get(rid, ()) if stay.admitted_on <= p.drawn_up_on <= on]
        if not stay_plans:
            due = stay.admitted_on + dt.timedelta(days=rules.plan_draw_up_calendar_days)
            if due < on:
                out.append(_failure(person, rid, N_("no individual plan (it was due by {due})"), due=due))
            continue
        plan = max(stay_plans, key=lambda p: (p.period_start, p.id))
        if plan.status == PlanStatus.DRAFT:
            continue  # still being drawn up: its lateness is item 1's
        gaps: list[tuple[str, dict]] = []
        if plan.activities == 0:
            gaps.append((N_("no activities"), {}))
        if not plan.observed:
            gaps.append((N_("no observation period"), {}))
        names = plan.signatures or {}
        if isinstance(names, str):
            names = json.loads(names) or {}
        for role in signatures:
            if not clean(str(names.get(role) or "")):
                gaps.append((N_("no signature of the {role}"), {"role": _Label(_SIGNATURE_LABELS[role])}))
        if plan.status == PlanStatus.APPROVED and plan.approved_on is None:
            gaps.append((N_("no approval date"), {}))
        if gaps:  # one finding per plan, naming every gap
            out.append(_failure(person, rid, N_("individual plan of {start}: {gap}"), start=plan.period_start,
                                gap=Listing(tuple(gaps))))
    people = facts.people
    for m in facts.movements:
        if m.event_date > on:
            continue
        lacks: list[str] = []
        number = m.order_number
        if not number or number.isspace():
            lacks.append(_NO_ORDER_NUMBER)
        if not m.has_order_date:
            lacks.append(_NO_ORDER_DATE)
        kind = m.kind
        if kind is _ADM:
            if m.journal_no is None:
                lacks.append(_NO_ENTRY_NUMBER)
        elif kind is _TMP:
            if not m.reason_text or m.reason_text.isspace():
                lacks.append(_NO_REASON)
        elif kind is _DIS:
            if not m.discharge_reason:
                lacks.append(_NO_REASON)
        elif kind is _TRA and (not m.destination or m.destination.isspace()):
            lacks.append(_NO_DESTINATION)
        if lacks:  # one finding per journal row, naming every gap
            event = _Event(kind, m.event_date)
            p = people.get(m.resident_id)
            why = lacks[0] if len(lacks) == 1 else Listing(tuple((g, {"event": event}) for g in lacks), "; ")
            out.append(Failure(m.resident_id, (p.iin or "") if p else "", p.name if p else "", why, {"event": event}))
    return out


def judge_roster(facts: ChecklistFacts) -> tuple[list[Failure], Message]:
    """Item 3 (R-30): the differences of the last reconciliation with the portal, and its age."""
    rec = facts.reconciliation
    if rec is None or rec.run_on > facts.on:
        return [], M("No reconciliation with the portal is recorded; run Portal → Reconcile with the portal.")
    by_iin = {p.iin: p for p in facts.people.values() if p.iin}
    out = []
    for d in rec.differences:
        person = facts.people.get(d.resident_id) if d.resident_id is not None else by_iin.get(d.iin)
        if d.kind == "only_here":
            why = M("on the roster here, not on the portal's")
        elif d.kind == "only_portal":
            why = M("on the portal's roster, not here")
        else:
            why = M("differs from the portal: {fields}", fields=Listing(tuple(
                (RECON_FIELDS.get(f, f), {}) for f in d.fields)))
        out.append(_failure(person, person.id if person else None, why, d.iin, d.name))
    age = (facts.on - rec.run_on).days
    if age == 0:  # not "0 days ago"
        return out, M("Last reconciliation with the portal: {day} (today).", day=rec.run_on)
    return out, M("Last reconciliation with the portal: {day} ({n} days ago).", day=rec.run_on, n=age)


def judge_documents(facts: ChecklistFacts) -> list[Failure]:
    """Item 4: each suspension (temporary departure) or termination (discharge, transfer) with its document."""
    out = []
    people, on = facts.people, facts.on
    why = N_("{event} (order No. {order}): no document proving it")
    for m in facts.movements:
        if not m.documented and m.kind in ENDING_KINDS and m.event_date <= on:
            p = people.get(m.resident_id)
            out.append(Failure(m.resident_id, (p.iin or "") if p else "", p.name if p else "", why,
                               {"event": _Event(m.kind, m.event_date), "order": clean(m.order_number) or "—"},
                               m.id))
    return out


def evaluate(items: Sequence[Item], facts: ChecklistFacts, cal: WorkCalendar,
             rules: dl.DeadlineRules = dl.ACT_RULES) -> ChecklistResult:
    """Every item on ``facts.on``: 1–4 from the data, 5–20 from the staff answers."""
    stays = _stays(facts)
    plans: dict[int, list[PlanFact]] = defaultdict(list)
    for p in facts.plans:
        if p.status != PlanStatus.SUPERSEDED:
            plans[p.resident_id].append(p)
    roster, roster_note = judge_roster(facts)
    judged = {1: (judge_deadlines(facts, stays, plans, cal, rules), None),
              2: (judge_filled(facts, stays, plans, rules), None),
              3: (roster, roster_note),
              4: (judge_documents(facts), None)}
    results = []
    for item in items:
        if item.no in judged:
            failures, note = judged[item.no]
            failures.sort(key=_by_name)
            fails = bool(failures) or (item.no == 3 and (facts.reconciliation is None
                                                         or facts.reconciliation.run_on > facts.on))
            results.append(ItemResult(item, Status.FAILS if fails else Status.COMPLIES, tuple(failures), note))
            continue
        answer = facts.answers.get(item.no)
        if answer is None:
            results.append(ItemResult(item, Status.UNANSWERED))
            continue
        status = {Answer.NOT_REQUIRED: Status.NOT_REQUIRED, Answer.COMPLIES: Status.COMPLIES,
                  Answer.FAILS: Status.FAILS}[answer.answer]
        note = M("{answer} on {day} ({who})", answer=answer.answer.label, day=answer.answered_on,
                 who=answer.answered_by)
        results.append(ItemResult(item, status, (), note, answer))
    return ChecklistResult(facts.on, tuple(results))


def check_answer(item_no: int, answer: Answer | str | None, answered_on: dt.date | None, on: dt.date,
                 note: str | None) -> tuple[Answer, str | None]:
    """A staff answer: one of items 5–20, one of the answers, dated no later than today; a "does not
    comply" says why in the note."""
    if item_no not in range(1, ITEM_COUNT + 1) or item_no in DATA_ITEMS:
        raise DomainError(M("{field}: items 1–4 are judged from the data; staff answer items 5–20.",
                            field=Message(N_("Checklist item"))), "item")
    try:
        value = Answer(answer)
    except ValueError:
        raise DomainError(M("{field}: choose not required, complies or does not comply.",
                            field=Message(N_("Answer"))), "answer") from None
    if answered_on is None:
        raise DomainError(M("{field}: this field is required.", field=Message(N_("Answer date"))), "answered_on")
    if answered_on > on:
        raise DomainError(M("{field}: {day} is in the future.", field=Message(N_("Answer date")), day=answered_on),
                          "answered_on")
    text = clean(note)
    if value == Answer.FAILS and text is None:
        raise DomainError(M("{field}: say what does not comply.", field=Message(N_("Note"))), "note")
    return value, text
