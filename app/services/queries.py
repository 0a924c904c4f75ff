"""Read-only questions the database must answer: roster on a date, the Annex 2 journal for a
period, residents lists, every deadline on a date with its rule."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.db.models import make_search_key, MonitoringSession, Movement, Plan, QueueApplication, Resident
from app.domain import deadlines as dl
from app.domain.enums import DischargeReason, MovementKind, PlanStatus, QueueOutcome, ResidentStatus, Sex
from app.domain.roster import HOLDS_PLACE, Occupancy
from app.i18n import Message
from app.services.base import ServiceBase, today
from app.services.movements import occupancy
from app.services.queue import queue_rows


@dataclass(frozen=True)
class Dated:
    """A date with the order number, as the journal columns show them."""

    date: dt.date
    order_number: str


@dataclass(frozen=True)
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
    destination: str | None
    queue_received_at: dt.datetime | None = None


@dataclass(frozen=True)
class DeadlineRow:
    resident_id: int
    full_name: str
    iin: str | None
    kind: str
    due: dt.date
    state: str
    rule: str
    basis: Message
    plan_id: int | None


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


def _age(birth: dt.date | None, on: dt.date) -> int | None:
    if birth is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


SORT_COLUMNS = {
    "name": (Resident.last_name, Resident.first_name, Resident.id),
    "iin": (Resident.iin, Resident.id),
    "birth_date": (Resident.birth_date, Resident.id),
    "status": (Resident.status, Resident.last_name, Resident.id),
    "room": (Resident.room, Resident.last_name, Resident.id),
}


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
        last_seq = (select(Movement.resident_id, func.max(Movement.seq).label("seq"))
                    .where(Movement.event_date <= day).group_by(Movement.resident_id).subquery())
        last = (select(Movement.resident_id, Movement.kind)
                .join(last_seq, and_(Movement.resident_id == last_seq.c.resident_id, Movement.seq == last_seq.c.seq)))
        state = {MovementKind.ADMISSION: ResidentStatus.PRESENT, MovementKind.RETURN: ResidentStatus.PRESENT,
                 MovementKind.TEMPORARY_DEPARTURE: ResidentStatus.TEMPORARILY_ABSENT}
        holding = {rid: state[k] for rid, k in s.execute(last).all() if k in state}
        if not holding:
            return []
        adm = dict(s.execute(select(Movement.resident_id, func.max(Movement.event_date))
                             .where(Movement.kind == MovementKind.ADMISSION, Movement.event_date <= day,
                                    Movement.resident_id.in_(holding))
                             .group_by(Movement.resident_id)).all())
        people = s.scalars(select(Resident).where(Resident.id.in_(holding))
                           .order_by(Resident.last_name, Resident.first_name, Resident.id)).all()
        return [(p, holding[p.id], adm.get(p.id)) for p in people]

    # --- residents list -------------------------------------------------------------------------
    def residents(self, search: str = "", statuses: tuple[ResidentStatus, ...] = (), sort: str = "name",
                  descending: bool = False, offset: int = 0, limit: int | None = None,
                  on: dt.date | None = None) -> tuple[int, list[ResidentRow]]:
        """One page of residents, searched over name and IIN, filtered and sorted in SQL."""
        on = on or today()
        with self.reading() as s:
            q = select(Resident)
            if statuses:
                q = q.where(Resident.status.in_(statuses))
            for word in make_search_key(search).split():
                q = q.where(Resident.search_key.contains(word, autoescape=True))
            total = s.scalar(select(func.count()).select_from(q.subquery()))
            cols = SORT_COLUMNS.get(sort, SORT_COLUMNS["name"])
            q = q.order_by(*[(c.desc() if descending else c.asc()) for c in cols]).offset(offset)
            if limit is not None:
                q = q.limit(limit)
            people = s.scalars(q).all()
            ids = [p.id for p in people]
            deadlines = self._deadlines(s, on, ids)
            adm = dict(s.execute(select(Movement.resident_id, func.max(Movement.event_date))
                                 .where(Movement.kind == MovementKind.ADMISSION, Movement.resident_id.in_(ids))
                                 .group_by(Movement.resident_id)).all()) if ids else {}
            plan_status: dict[int, PlanStatus] = {}
            if ids:
                for rid, st in s.execute(select(Plan.resident_id, Plan.status)
                                         .where(Plan.resident_id.in_(ids), Plan.status != PlanStatus.SUPERSEDED)
                                         .order_by(Plan.period_start, Plan.version_no)):
                    plan_status[rid] = st
            nearest: dict[int, DeadlineRow] = {}
            for d in deadlines:
                if d.resident_id not in nearest or d.due < nearest[d.resident_id].due:
                    nearest[d.resident_id] = d
            rows = []
            for p in people:
                d = nearest.get(p.id)
                rows.append(ResidentRow(p.id, p.full_name, p.iin, p.birth_date, p.status, p.room, adm.get(p.id),
                                        plan_status.get(p.id), d.due if d else None, d.state if d else None))
            return total, rows

    # --- the journal ---------------------------------------------------------------------------
    def journal(self, start: dt.date, end: dt.date, include_queue: bool = True) -> list[JournalRow]:
        """The Annex 2 journal for [start, end]: a row per stay overlapping the period, then the queue."""
        with self.reading() as s:
            return self._journal(s, start, end, include_queue)

    def _journal(self, s: Session, start: dt.date, end: dt.date, include_queue: bool) -> list[JournalRow]:
        in_period = select(Movement.resident_id).where(Movement.event_date.between(start, end))
        holding_at_start = {p.id for p, _st, _a in self._roster(s, start)}
        ids = set(s.scalars(in_period.distinct())) | holding_at_start
        by_resident: dict[int, list[Movement]] = defaultdict(list)
        if ids:
            for m in s.scalars(select(Movement).where(Movement.resident_id.in_(ids), Movement.event_date <= end)
                               .order_by(Movement.resident_id, Movement.seq)):
                by_resident[m.resident_id].append(m)
        people = {p.id: p for p in s.scalars(select(Resident).where(Resident.id.in_(ids)))} if ids else {}
        age_on = min(end, today())
        rows: list[tuple[tuple, JournalRow]] = []
        for rid, events in by_resident.items():
            p = people[rid]
            stays: list[list[Movement]] = []
            for m in events:
                if m.kind == MovementKind.ADMISSION or not stays:
                    stays.append([])
                stays[-1].append(m)
            for stay in stays:
                first, last = stay[0], stay[-1]
                closed = last.kind in (MovementKind.DISCHARGE, MovementKind.TRANSFER)
                if first.event_date > end or (closed and last.event_date < start):
                    continue
                status = ResidentStatus.PRESENT
                for m in stay:
                    status = {MovementKind.TEMPORARY_DEPARTURE: ResidentStatus.TEMPORARILY_ABSENT,
                              MovementKind.RETURN: ResidentStatus.PRESENT,
                              MovementKind.DISCHARGE: ResidentStatus.DISCHARGED,
                              MovementKind.TRANSFER: ResidentStatus.TRANSFERRED}.get(m.kind, status)
                adm = first if first.kind == MovementKind.ADMISSION else None
                temps = tuple(Dated(m.event_date, m.order_number) for m in stay
                              if m.kind == MovementKind.TEMPORARY_DEPARTURE and m.event_date >= start)
                dis = last if last.kind == MovementKind.DISCHARGE else None
                tr = last if last.kind == MovementKind.TRANSFER else None
                row = JournalRow(rid, status, p.full_name, p.iin, p.birth_date, _age(p.birth_date, age_on), p.sex,
                                 p.address, p.phone, p.ipr_until,
                                 Dated(adm.event_date, adm.order_number) if adm else None,
                                 bool(adm and adm.returned), temps,
                                 Dated(dis.event_date, dis.order_number) if dis else None,
                                 dis.discharge_reason if dis else None, dis.reason_text if dis else None,
                                 Dated(tr.event_date, tr.order_number) if tr else None,
                                 tr.destination if tr else None)
                rows.append(((first.event_date, p.last_name, p.first_name, rid), row))
        rows.sort(key=lambda x: x[0])
        result = [r for _k, r in rows]
        if include_queue:
            end_dt = dt.datetime.combine(end, dt.time.max)
            active = QueueApplication.outcome.in_([QueueOutcome.WAITING, QueueOutcome.OFFERED])
            apps = s.execute(select(QueueApplication, Resident).join(Resident)
                             .where(QueueApplication.received_at <= end_dt,
                                    QueueApplication.outcome != QueueOutcome.ADMITTED,
                                    or_(active, QueueApplication.outcome_on >= start))
                             .order_by(QueueApplication.received_at, QueueApplication.id)).all()
            for a, p in apps:
                result.append(JournalRow(p.id, ResidentStatus.IN_QUEUE, p.full_name, p.iin, p.birth_date,
                                         _age(p.birth_date, age_on), p.sex, p.address, p.phone, a.ipr_until,
                                         None, False, (), None, None, None, None, None, a.received_at))
        return result

    # --- deadlines ---------------------------------------------------------------------------------
    def deadlines(self, on: dt.date | None = None) -> list[DeadlineRow]:
        """Every open deadline of every resident holding a place, with its rule, sorted by due date."""
        on = on or today()
        with self.reading() as s:
            return sorted(self._deadlines(s, on, None), key=lambda d: (d.due, d.full_name, d.kind))

    def _deadlines(self, s: Session, on: dt.date, ids: list[int] | None) -> list[DeadlineRow]:
        cal, rules = self.calendar(s), self.rules(s)
        q = select(Resident.id, Resident.last_name, Resident.first_name, Resident.middle_name, Resident.iin) \
            .where(Resident.status.in_(HOLDS_PLACE))
        if ids is not None:
            if not ids:
                return []
            q = q.where(Resident.id.in_(ids))
        people = {r[0]: r for r in s.execute(q)}
        if not people:
            return []
        id_filter = (lambda col: col.in_(ids)) if ids is not None else (lambda col: col.isnot(None))
        admitted = dict(s.execute(select(Movement.resident_id, func.max(Movement.event_date))
                                  .where(Movement.kind == MovementKind.ADMISSION, id_filter(Movement.resident_id))
                                  .group_by(Movement.resident_id)).all())
        plans: dict[int, list[dl.PlanFacts]] = defaultdict(list)
        for p in s.execute(select(Plan.id, Plan.resident_id, Plan.status, Plan.drawn_up_on, Plan.completed_on,
                                  Plan.approved_on, Plan.period_start, Plan.period_end)
                           .where(Plan.status != PlanStatus.SUPERSEDED, id_filter(Plan.resident_id))):
            plans[p.resident_id].append(dl.PlanFacts(p.id, p.status, p.drawn_up_on, p.completed_on, p.approved_on,
                                                     p.period_start, p.period_end))
        monitoring: dict[int, list[dt.date]] = defaultdict(list)
        for rid, day in s.execute(select(MonitoringSession.resident_id, MonitoringSession.monitoring_date)
                                  .where(MonitoringSession.interim.is_(False),
                                         id_filter(MonitoringSession.resident_id))):
            monitoring[rid].append(day)
        rows = []
        for rid, (_id, last, first, middle, iin) in people.items():
            adm = admitted.get(rid)
            if adm is None:
                continue
            stay_plans = [p for p in plans.get(rid, ()) if p.drawn_up_on >= adm]
            facts = dl.ResidentFacts(adm, stay_plans, tuple(monitoring.get(rid, ())))
            name = " ".join(x for x in (last, first, middle) if x)
            for d in dl.open_deadlines(facts, on, cal, rules):
                rows.append(DeadlineRow(rid, name, iin, d.kind.value, d.due, d.state(on), d.rule, d.basis, d.plan_id))
        return rows
