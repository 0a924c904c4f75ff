"""Read-only questions the database must answer: roster on a date, the Annex 2 journal for a
period, residents lists, every deadline on a date with its rule."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, String, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.db.models import (
    CaseDocument,
    CaseFile,
    MonitoringSession,
    Movement,
    Plan,
    QueueApplication,
    Resident,
    fold,
)
from app.domain import deadlines as dl
from app.domain import queue as queue_rules
from app.domain.age import age
from app.domain.documents import missing_documents
from app.domain.enums import DischargeReason, MovementKind, PlanStatus, QueueOutcome, ResidentStatus, Sex
from app.domain.limits import clean_search
from app.domain.names import name_key
from app.domain.roster import HOLDS_PLACE, STATUS_AFTER, Occupancy
from app.i18n import Message, current_language
from app.services.base import ServiceBase, today
from app.services.movements import occupancy


@dataclass(slots=True)  # read rows built by the ten thousand: plain slots, no frozen __setattr__
class Dated:
    """A date with the order number, as the journal columns show them; a temporary departure's carries
    its reason (column 12, R-01)."""

    date: dt.date
    order_number: str
    reason: str | None = None


@dataclass(slots=True)
class JournalRow:
    """One row of the Annex 2 journal: a person's stay (or a queue application) within the period."""

    resident_id: int
    status: ResidentStatus
    full_name: str
    iin: str | None
    birth_date: dt.date | None
    age: int | None
    sex: Sex | None
    address: str | None
    phone: str | None
    ipr_until: dt.date | None
    admission: Dated | None
    returned: bool
    temporary_departures: tuple[Dated, ...]
    discharge: Dated | None
    discharge_reason: DischargeReason | None
    discharge_reason_text: str | None
    transfer: Dated | None
    destination: str | None  # column 14: where the person went, on a transfer or a discharge
    queue_received_at: dt.datetime | None = None
    number: int | None = None  # column 1: the entry's place in the journal, the same in every period

    def moved_within(self, start: dt.date, end: dt.date) -> bool:
        """Something was recorded in the period: the application received, an admission, a departure or return,
        a discharge or a transfer (the journal of a period also lists everyone staying through it)."""
        days = [d.date for d in (self.admission, self.discharge, self.transfer, *self.temporary_departures) if d]
        if self.queue_received_at is not None:
            days.append(self.queue_received_at.date())
        return any(start <= d <= end for d in days)


@dataclass(frozen=True)
class DeadlineRow:
    resident_id: int | None  # None: the organisation's own deadline (R-28 licence, contract)
    full_name: str
    iin: str | None
    kind: str
    due: dt.date
    state: str
    rule: str
    basis: Message
    plan_id: int | None
    application_id: int | None = None  # a queue application (a person offered a place)
    #: how near it is on the date asked (overdue, today, in 7 days, in 14 days, later); set by ``deadlines``
    bucket: dl.Bucket | None = None


#: a search uses the first words typed, each cut to a length a name can have (issue 11 point 7): SQLite's
#: expression tree stops near a thousand conditions, and no name has more words
SEARCH_WORDS = 10
SEARCH_WORD_LENGTH = 100


def search_words(text: str) -> list[str]:
    """The words of a search box's text compared with the search key: folded as the key is, without
    characters no engine compares (a NUL …), at most :data:`SEARCH_WORDS` of them. ``%``, ``_`` and the
    escape character are matched as themselves (the LIKE is escaped where the words are used)."""
    words = fold(clean_search(text or "")).split()
    unique = list(dict.fromkeys(word[:SEARCH_WORD_LENGTH] for word in words))
    return unique[:SEARCH_WORDS]


@dataclass(frozen=True)
class ResidentRow:
    id: int
    full_name: str
    iin: str | None
    birth_date: dt.date | None
    status: ResidentStatus
    room: str | None
    admitted_on: dt.date | None
    plan_status: PlanStatus | None
    next_deadline: dt.date | None
    next_deadline_state: str | None
    #: the rule and basis of the next deadline with the source of its number (the act or the head's order, R-15)
    next_deadline_rule: str | None = None
    next_deadline_basis: Message | None = None
    sex: Sex | None = None  # the status said in the person's gender (ResidentStatus.text_for)


def _full_name(r):
    """Last, first and middle name joined by the database, as ``Resident.full_name`` joins them."""
    middle = func.coalesce(" " + func.nullif(r.middle_name, ""), "")
    return (r.last_name + " " + r.first_name + middle).label("full_name")


SORT_COLUMNS = {
    "name": (Resident.name_key, Resident.id),  # Kazakh alphabetical order (app.domain.names)
    "iin": (Resident.iin, Resident.id),
    "birth_date": (Resident.birth_date, Resident.id),
    "status": (Resident.status, Resident.name_key, Resident.id),
    "room": (Resident.room, Resident.name_key, Resident.id),
}


def last_events(day: dt.date):
    """Each person's last movement event on or before ``day`` — (resident id, kind, reason text): the state
    it leaves them in (``STATUS_AFTER``) is their state on ``day``, derived from the events (R-01), and a
    temporary departure's reason says why they are away. The roster on any date and the statistics read it."""
    last_seq = (select(Movement.resident_id, func.max(Movement.seq).label("seq"))
                .where(Movement.event_date <= day).group_by(Movement.resident_id).subquery())
    return (select(Movement.resident_id, Movement.kind, Movement.reason_text)
            .join(last_seq, and_(Movement.resident_id == last_seq.c.resident_id, Movement.seq == last_seq.c.seq)))


class QueryService(ServiceBase):
    # --- occupancy and roster ---------------------------------------------------------------
    def occupancy(self) -> Occupancy:
        with self.reading() as s:
            return occupancy(s)

    def roster_on(self, day: dt.date) -> list[tuple[Resident, ResidentStatus, dt.date]]:
        """Residents holding a place on ``day``, derived from the events (not the cached status)."""
        with self.reading() as s:
            return self._roster(s, day)

    @staticmethod
    def _roster(s: Session, day: dt.date) -> list:
        last = last_events(day)
        holding = {rid: STATUS_AFTER[k] for rid, k, _reason in s.execute(last).all()
                   if STATUS_AFTER[k] in HOLDS_PLACE}
        if not holding:
            return []
        adm = dict(s.execute(select(Movement.resident_id, func.max(Movement.event_date))
                             .where(Movement.kind == MovementKind.ADMISSION, Movement.event_date <= day,
                                    Movement.resident_id.in_(holding))
                             .group_by(Movement.resident_id)).all())
        people = s.scalars(select(Resident).where(Resident.id.in_(holding))
                           .order_by(Resident.name_key, Resident.id)).all()
        return [(p, holding[p.id], adm.get(p.id)) for p in people]

    # --- residents list -------------------------------------------------------------------------
    def residents(self, search: str = "", statuses: tuple[ResidentStatus, ...] = (), sort: str = "name",
                  descending: bool = False, offset: int = 0, limit: int | None = None,
                  on: dt.date | None = None) -> tuple[int, list[ResidentRow]]:
        """One page of residents, searched over name and IIN, filtered and sorted in SQL."""
        on = on or today()
        r = Resident.__table__.c  # plain rows of the columns shown: no ORM objects for a keystroke's page
        where: list[ColumnElement[bool]] = [r.status.in_(statuses)] if statuses else []
        where += [r.search_key.contains(word, autoescape=True) for word in search_words(search)]
        cols = [Resident.__table__.c[c.key] for c in SORT_COLUMNS.get(sort, SORT_COLUMNS["name"])]
        with self.reading() as s:
            page = (select(r.id, _full_name(r), r.iin, r.birth_date, r.status, r.room, r.sex).where(*where)
                    .order_by(*[(c.desc() if descending else c.asc()) for c in cols]).offset(offset))
            if limit is not None:
                page = page.limit(limit)
            people = s.execute(page).all()
            if (limit is None or len(people) < limit) and (people or not offset):
                total = offset + len(people)  # the last page: no need to count (a narrow search, as you type)
            else:
                total = s.scalar(select(func.count(r.id)).where(*where)) or 0
            ids = [p.id for p in people]
            adm = self._admitted(s, ids)
            plans = self._plans(s, ids)  # read once: the plan column and the deadlines
            holding = [(p.id, p.full_name, p.iin) for p in people if p.status in HOLDS_PLACE]
            deadlines = self._deadlines(s, on, ids, adm, holding, plans)
            # the current plan: the latest period, and of one period the newest version (a later row)
            plan_status = {rid: max(facts, key=lambda f: (f.period_start, f.id)).status for rid, facts in plans.items()}
            nearest: dict[int | None, DeadlineRow] = {}
            for d in deadlines:
                if d.resident_id not in nearest or d.due < nearest[d.resident_id].due:
                    nearest[d.resident_id] = d
            rows = []
            for p in people:
                near = nearest.get(p.id)
                rows.append(ResidentRow(p.id, p.full_name, p.iin, p.birth_date, p.status, p.room, adm.get(p.id),
                                        plan_status.get(p.id), near.due if near else None,
                                        near.state if near else None, near.rule if near else None,
                                        near.basis if near else None, p.sex))
            return total, rows

    # --- the journal ---------------------------------------------------------------------------
    def journal(self, start: dt.date, end: dt.date, include_queue: bool = True) -> list[JournalRow]:
        """The Annex 2 journal for [start, end]: a row per stay overlapping the period, then the queue."""
        with self.reading() as s:
            return self._journal(s, start, end, include_queue)

    def _journal(self, s: Session, start: dt.date, end: dt.date, include_queue: bool) -> list[JournalRow]:
        # plain column tuples, not ORM objects: a year of 10,000 residents is ~50,000 events
        m = Movement.__table__.c
        raw = lambda col: type_coerce(col, String)  # noqa: E731 - plain strings: no per-row enum conversion
        # a period up to today: the events before it matter only where they open or close a stay, and the
        # current stay's state is the resident's status (kept in step with the events in each transaction)
        current = end >= today()
        window = m.event_date <= end
        if current:  # returns never show: they only tell the state, which the resident's status already does
            window &= or_(m.kind.in_([MovementKind.ADMISSION, MovementKind.DISCHARGE, MovementKind.TRANSFER]),
                          and_(m.kind == MovementKind.TEMPORARY_DEPARTURE, m.event_date >= start))
        events = s.execute(select(m.resident_id, raw(m.kind), raw(m.event_date), m.order_number, m.returned,
                                  raw(m.discharge_reason), m.reason_text, m.destination, m.journal_no)
                           .where(window).order_by(m.resident_id, m.seq)).all()
        ADM, DIS, TRA = MovementKind.ADMISSION.value, MovementKind.DISCHARGE.value, MovementKind.TRANSFER.value
        wanted: list[tuple[int, list]] = []
        stay: list = []
        for ev in events:
            if ev[1] == ADM or not stay or stay[0][0] != ev[0]:
                if stay:
                    wanted.append((stay[0][0], stay))
                stay = []
            stay.append(ev)
        if stay:
            wanted.append((stay[0][0], stay))
        # SQLite hands dates back as ISO text (compared as text, parsed only for the rows shown)
        text_dates = bool(events) and isinstance(events[0][2], str)
        lo, hi = (start.isoformat(), end.isoformat()) if text_dates else (start, end)
        day = dt.date.fromisoformat if text_dates else (lambda v: v)
        wanted = [(rid, st) for rid, st in wanted
                  if st[0][2] <= hi and not (st[-1][1] in (DIS, TRA) and st[-1][2] < lo)]
        r = Resident.__table__.c
        people = {p[0]: p for p in s.execute(select(r.id, _full_name(r), r.iin, r.birth_date, r.sex, r.address,
                                                     r.phone, r.ipr_until, raw(r.status))).all()}
        age_on = min(end, today())
        after = {k.value: v for k, v in STATUS_AFTER.items()}
        TMP = MovementKind.TEMPORARY_DEPARTURE.value
        statuses = {st.value: st for st in ResidentStatus}
        rows: list[tuple[tuple, JournalRow]] = []
        latest = {rid: st for rid, st in wanted}  # each resident's last stay (stays come in order)
        for rid, st in wanted:
            p = people[rid]
            first, last = st[0], st[-1]
            status = statuses[p[8]] if current and latest[rid] is st else after[last[1]]
            adm = first if first[1] == ADM else None
            dis = last if last[1] == DIS else None
            tr = last if last[1] == TRA else None
            temps = tuple(Dated(day(e[2]), e[3], e[6]) for e in st if e[1] == TMP and e[2] >= lo)
            row = JournalRow(rid, status, p[1], p[2], p[3], age(p[3], age_on), p[4], p[5], p[6], p[7],
                             Dated(day(adm[2]), adm[3]) if adm else None, bool(adm and adm[4]), temps,
                             Dated(day(dis[2]), dis[3]) if dis else None,
                             DischargeReason(dis[5]) if dis and dis[5] else None, dis[6] if dis else None,
                             Dated(day(tr[2]), tr[3]) if tr else None, tr[7] if tr else dis[7] if dis else None,
                             None, adm[8] if adm else None)
            rows.append(((first[2], p[1], rid), row))
        rows.sort(key=lambda x: x[0])
        result = [r for _k, r in rows]
        if include_queue:
            end_dt = dt.datetime.combine(end, dt.time.max)
            q = QueueApplication.__table__.c
            active = q.outcome.in_([QueueOutcome.WAITING, QueueOutcome.OFFERED])
            apps = s.execute(select(r.id, _full_name(r), r.iin, r.birth_date, r.sex, r.address, r.phone,
                                    q.ipr_until, q.received_at, q.journal_no)
                             .join_from(QueueApplication.__table__, Resident.__table__, q.resident_id == r.id)
                             .where(q.received_at <= end_dt, q.outcome != QueueOutcome.ADMITTED,
                                    or_(active, q.outcome_on >= start))
                             .order_by(q.received_at, q.id)).all()
            for a in apps:
                result.append(JournalRow(a[0], ResidentStatus.IN_QUEUE, a[1], a[2], a[3], age(a[3], age_on), a[4],
                                         a[5], a[6], a[7], None, False, (), None, None, None, None, None, a[8], a[9]))
        # R-09: in the order of the entries' numbers (an entry keeps its place whatever the period)
        result.sort(key=lambda row: (row.number is None, row.number or 0))
        return result

    # --- deadlines ---------------------------------------------------------------------------------
    def deadlines(self, on: dt.date | None = None) -> list[DeadlineRow]:
        """Every open deadline of every resident holding a place, and every missed arrival of a person
        offered a place (R-08), with its rule, sorted by due date."""
        on = on or today()
        with self.reading() as s:
            admitted = self._admitted(s, None)
            rows = (self._deadlines(s, on, None, admitted, every=True) + self._missed_arrivals(s, on)
                    + self._arrivals(s, on) + self._ipr(s, on) + self._documents(s, on, admitted)
                    + self._organisation_deadlines(s, on))
            return sorted(rows, key=lambda d: (d.due, name_key(d.full_name), d.kind))

    @staticmethod
    def _row(rid: int | None, name: str, iin: str | None, d: dl.Deadline, on: dt.date,
             application_id: int | None = None) -> DeadlineRow:
        return DeadlineRow(rid, name, iin, d.kind.value, d.due, d.state(on), d.rule, d.basis, d.plan_id,
                           application_id, dl.bucket(d.due, on))

    def _arrivals(self, s: Session, on: dt.date) -> list[DeadlineRow]:
        """R-08, R-07: places on offer whose arrival date has not passed yet (a postponed one cites R-07)."""
        q, r = QueueApplication.__table__.c, Resident.__table__.c
        return [self._row(rid, name, iin, dl.arrival_date(offered, deadline, postponed), on, app_id)
                for app_id, offered, deadline, postponed, rid, name, iin in s.execute(
                    select(q.id, q.offered_on, q.arrival_deadline, q.postponed_days, r.id, _full_name(r), r.iin)
                    .join_from(QueueApplication.__table__, Resident.__table__, q.resident_id == r.id)
                    .where(q.outcome == QueueOutcome.OFFERED, q.arrival_deadline >= on))]

    def _ipr(self, s: Session, on: dt.date) -> list[DeadlineRow]:
        """R-05: the IPR of each applicant waiting or offered a place; R-11: of each resident holding one."""
        q, r = QueueApplication.__table__.c, Resident.__table__.c
        rows = [self._row(rid, name, iin, dl.ipr_expiry(until, True), on, app_id)
                for app_id, until, rid, name, iin in s.execute(
                    select(q.id, q.ipr_until, r.id, _full_name(r), r.iin)
                    .join_from(QueueApplication.__table__, Resident.__table__, q.resident_id == r.id)
                    .where(q.outcome.in_([QueueOutcome.WAITING, QueueOutcome.OFFERED]), q.ipr_until.isnot(None)))]
        rows += [self._row(rid, name, iin, dl.ipr_expiry(until, False), on)
                 for rid, name, iin, until in s.execute(
                     select(r.id, _full_name(r), r.iin, r.ipr_until)
                     .where(r.status.in_(HOLDS_PLACE), r.ipr_until.isnot(None)))]
        return rows

    def _documents(self, s: Session, on: dt.date, adm: dict[int, dt.date]) -> list[DeadlineRow]:
        """R-11: residents holding a place whose case file lacks admission documents of their category."""
        r, cf, doc = Resident.__table__.c, CaseFile.__table__.c, CaseDocument.__table__.c
        present: dict[int, set] = defaultdict(set)
        for rid, kind in s.execute(select(cf.resident_id, doc.kind)
                                   .join_from(CaseDocument.__table__, CaseFile.__table__, doc.case_file_id == cf.id)):
            present[rid].add(kind)
        rows = []
        for rid, name, iin, category, group, ipr in s.execute(
                select(r.id, _full_name(r), r.iin, r.category, r.disability_group, r.ipr_until)
                .where(r.status.in_(HOLDS_PLACE))):
            if adm.get(rid) is None:
                continue
            d = dl.documents_missing(adm[rid], missing_documents(category, present.get(rid, ()), group, ipr))
            if d is not None:
                rows.append(self._row(rid, name, iin, d, on))
        return rows

    def _organisation_deadlines(self, s: Session, on: dt.date) -> list[DeadlineRow]:
        """R-28: the licence's validity and the service contract's term kept in the register entry."""
        org = self.organisation(s)
        rows = []
        if org.licence_valid_until is not None and org.licence_terminated_on is None:
            rows.append(self._row(None, org.name_kk if current_language() == "kk" else org.name_ru, None,
                                  dl.licence_expiry(org.licence_valid_until), on))
        if org.contract_valid_until is not None:
            rows.append(self._row(None, org.name_kk if current_language() == "kk" else org.name_ru, None,
                                  dl.contract_expiry(org.contract_valid_until), on))
        return rows

    @staticmethod
    def _missed_arrivals(s: Session, on: dt.date) -> list[DeadlineRow]:
        """R-08: places on offer whose arrival date has passed, from the next day."""
        q, r = QueueApplication.__table__.c, Resident.__table__.c
        rows = []
        for app_id, offered_on, deadline, rid, name, iin in s.execute(
                select(q.id, q.offered_on, q.arrival_deadline, r.id, _full_name(r), r.iin)
                .join_from(QueueApplication.__table__, Resident.__table__, q.resident_id == r.id)
                .where(q.outcome == QueueOutcome.OFFERED, q.arrival_deadline < on)):
            d = queue_rules.missed_arrival(offered_on, deadline, on)
            if d is not None:
                rows.append(QueryService._row(rid, name, iin, d, on, app_id))
        return rows

    @staticmethod
    def _admitted(s: Session, ids: list[int] | None) -> dict[int, dt.date]:
        """The current stay's admission date of each resident (all residents when ``ids`` is None)."""
        if ids is not None and not ids:
            return {}
        q = select(Movement.resident_id, func.max(Movement.event_date)).where(Movement.kind == MovementKind.ADMISSION)
        if ids is not None:
            q = q.where(Movement.resident_id.in_(ids))
        return dict(s.execute(q.group_by(Movement.resident_id)).all())

    @staticmethod
    def _plans(s: Session, ids: list[int] | None) -> dict[int, list[dl.PlanFacts]]:
        """Each resident's plans that are not superseded."""
        if ids is not None and not ids:
            return {}
        pl = Plan.__table__.c  # plain rows, no ORM
        q = select(pl.id, pl.resident_id, pl.status, pl.drawn_up_on, pl.completed_on, pl.approved_on,
                   pl.period_start, pl.period_end).where(pl.status != PlanStatus.SUPERSEDED)
        if ids is not None:
            q = q.where(pl.resident_id.in_(ids))
        plans: dict[int, list[dl.PlanFacts]] = defaultdict(list)
        for p in s.execute(q):
            plans[p.resident_id].append(dl.PlanFacts(p.id, p.status, p.drawn_up_on, p.completed_on, p.approved_on,
                                                     p.period_start, p.period_end))
        return plans

    def _deadlines(self, s: Session, on: dt.date, ids: list[int] | None,
                   admitted: dict[int, dt.date] | None = None, people: Sequence[Any] | None = None,
                   plans: dict[int, list[dl.PlanFacts]] | None = None, every: bool = False) -> list[DeadlineRow]:
        """Open deadlines of the residents holding a place (``ids``: only those; ``people``: their
        (id, name, IIN) rows and ``plans``: their plans, when the caller has read them already). ``every``:
        also the current plan's end (R-14) and each monitoring of the stay written late (R-21), from the same
        reads."""
        cal, rules = self.calendar(s), self.rules(s)
        r, mo = Resident.__table__.c, MonitoringSession.__table__.c  # plain rows, no ORM
        if ids is not None and not ids:
            return []
        if people is None:
            q = select(r.id, _full_name(r), r.iin).where(r.status.in_(HOLDS_PLACE))
            people = s.execute(q if ids is None else q.where(r.id.in_(ids))).all()
        if not people:
            return []
        id_filter = (lambda col: col.in_(ids)) if ids is not None else (lambda col: col.isnot(None))
        if admitted is None:
            admitted = self._admitted(s, ids)
        if plans is None:
            plans = self._plans(s, ids)
        monitoring: dict[int, list[tuple]] = defaultdict(list)
        for rid, day, plan_id, recorded in s.execute(select(mo.resident_id, mo.monitoring_date, mo.plan_id,
                                                             mo.recorded_on)
                                                      .where(mo.interim.is_(False), id_filter(mo.resident_id))):
            monitoring[rid].append((day, plan_id, recorded))
        rows = []
        row = self._row
        for rid, name, iin in people:
            adm = admitted.get(rid)
            if adm is None:
                continue
            stay_plans = [p for p in plans.get(rid, ()) if p.drawn_up_on >= adm]
            held = monitoring.get(rid, ())
            facts = dl.ResidentFacts(adm, stay_plans, tuple(m[0] for m in held))
            for d in dl.open_deadlines(facts, on, cal, rules):
                rows.append(row(rid, name, iin, d, on))
            if not every:
                continue
            current = max(stay_plans, key=lambda p: (p.period_start, p.id)) if stay_plans else None
            if current is not None and current.status == PlanStatus.APPROVED:
                rows.append(row(rid, name, iin, dl.plan_end(current), on))
            for day, plan_id, recorded in held:
                if adm <= day <= on:
                    late = dl.monitoring_recorded_late(day, recorded, cal, rules)
                    if late is not None:
                        rows.append(row(rid, name, iin, replace(late, plan_id=plan_id), on))
        return rows
