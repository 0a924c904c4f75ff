"""Movements of the electronic journal (R-01, R-02): admission, temporary departure, return,
discharge, transfer, readmission — each with its order number and date (a home-care organisation's:
its decision's). An admission not coming from the queue opens a new journal entry (R-09)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import CaseFile, Movement, QueueApplication, Resident
from app.domain.enums import DischargeReason, MovementKind, QueueOutcome, ResidentStatus
from app.domain.errors import DomainError
from app.domain.fields import field_label
from app.domain.journal import authority_labels, check_departure_reason, next_entry_number
from app.domain.roster import HOLDS_PLACE, Occupancy, check_vacancy, is_readmission, next_status
from app.i18n import M, Message
from app.services.base import Actor, ServiceBase, not_before, now, required, snapshot, today
from app.services.residents import PersonInput, new_person


@dataclass(frozen=True)
class OrderRef:
    """The head's order that authorises a movement."""

    number: str
    date: dt.date


@dataclass(frozen=True)
class MovementView:
    id: int
    resident_id: int
    kind: MovementKind
    event_date: dt.date
    order_number: str
    order_date: dt.date
    returned: bool
    discharge_reason: DischargeReason | None
    reason_text: str | None
    destination: str | None
    journal_no: int | None = None


def movement_view(m: Movement) -> MovementView:
    return MovementView(m.id, m.resident_id, m.kind, m.event_date, m.order_number, m.order_date, m.returned,
                        m.discharge_reason, m.reason_text, m.destination, m.journal_no)


def entry_number(session: Session) -> int:
    """R-09: the number of the next entry of the journal (queue applications and admissions share one
    sequence; an admission from the queue keeps its application's number)."""
    highest = max(session.scalar(select(func.max(Movement.journal_no))) or 0,
                  session.scalar(select(func.max(QueueApplication.journal_no))) or 0)
    return next_entry_number(highest)


def occupancy(session: Session) -> Occupancy:
    org = ServiceBase.organisation(session)
    counts = dict(session.execute(select(Resident.status, func.count()).where(Resident.status.in_(HOLDS_PLACE))
                                  .group_by(Resident.status)).all())
    return Occupancy(org.capacity, counts.get(ResidentStatus.PRESENT, 0),
                     counts.get(ResidentStatus.TEMPORARILY_ABSENT, 0))


def record_movement(session: Session, actor: Actor, resident: Resident, kind: MovementKind, event_date: dt.date,
                    order: OrderRef, **extra) -> Movement:
    """Append one event after checking it can follow the resident's history; update the cached status."""
    required(event_date, "event_date")
    for value, field, k in ((order.number if order else None, "order_number", 0),
                            (order.date if order else None, "order_date", 1)):
        if value is None or (isinstance(value, str) and not value.strip()):  # an order, or a decision
            label = authority_labels(ServiceBase.organisation(session).org_type)[k]
            raise DomainError(M("{field}: this field is required.", field=Message(label)), field)
    if event_date > today() + dt.timedelta(days=1):
        raise DomainError(M("{field}: {day} is in the future; movements are recorded when they happen.",
                            field=field_label("event_date"), day=event_date), "event_date")
    last = session.scalars(select(Movement).where(Movement.resident_id == resident.id)
                           .order_by(Movement.seq.desc()).limit(1)).first()
    if last is not None:
        not_before(event_date, last.event_date, "event_date", "date")
    current = resident.status
    new_status = next_status(current, kind)
    if kind == MovementKind.ADMISSION:
        check_vacancy(occupancy(session))
    before = snapshot(resident)
    if kind == MovementKind.ADMISSION and extra.get("journal_no") is None:
        app = session.get(QueueApplication, extra["queue_application_id"]) if extra.get("queue_application_id") else None
        extra["journal_no"] = app.journal_no if app is not None and app.journal_no else entry_number(session)
    mv = Movement(resident_id=resident.id, seq=(last.seq + 1) if last else 1, kind=kind, event_date=event_date,
                  order_number=order.number.strip(), order_date=order.date,
                  returned=is_readmission(current, kind), created_at=now(), created_by=actor.username, **extra)
    session.add(mv)
    resident.status = new_status
    resident.version += 1
    session.flush()
    ServiceBase.audit(session, actor, f"movement.{kind.value}", mv)
    ServiceBase.audit(session, actor, "resident.status", resident, before=before)
    return mv


def ensure_case_file(session: Session, actor: Actor, resident: Resident, opened_on: dt.date) -> CaseFile:
    """R-10: a case file is formed on admission; an existing one is continued."""
    cf = session.scalar(select(CaseFile).where(CaseFile.resident_id == resident.id))
    if cf is None:
        last = session.scalar(select(func.max(CaseFile.id))) or 0
        org = ServiceBase.organisation(session)
        cf = CaseFile(resident_id=resident.id, number=str(last + 1), place=org.location, opened_on=opened_on,
                      version=1)
        session.add(cf)
        ServiceBase.audit(session, actor, "casefile.open", cf)
    return cf


class MovementService(ServiceBase):
    def _resident(self, s: Session, resident_id: int) -> Resident:
        return ServiceBase.get(s, Resident, resident_id, "resident")

    def admit_direct(self, actor: Actor, person: PersonInput, event_date: dt.date, order: OrderRef) -> MovementView:
        """Admission without a queue application (a vacancy exists)."""
        with self.unit(actor) as s:
            resident = new_person(s, person, ResidentStatus.IN_QUEUE)
            self.audit(s, actor, "resident.create", resident)
            mv = record_movement(s, actor, resident, MovementKind.ADMISSION, event_date, order)
            ensure_case_file(s, actor, resident, event_date)
            return movement_view(mv)

    def admit_from_queue(self, actor: Actor, application_id: int, event_date: dt.date, order: OrderRef,
                         room: str | None = None) -> MovementView:
        with self.unit(actor) as s:
            app = ServiceBase.get(s, QueueApplication, application_id, "application")
            if app.outcome != QueueOutcome.OFFERED:
                raise DomainError(M("Only a person who was offered a place can be admitted from the queue; "
                                    "offer the place first."), "application")
            if app.offered_on:
                not_before(event_date, app.offered_on, "event_date", "date")
            resident = app.resident
            mv = record_movement(s, actor, resident, MovementKind.ADMISSION, event_date, order,
                                 queue_application_id=app.id)
            if room:
                resident.room = room.strip()
            before = snapshot(app)
            app.outcome, app.outcome_on = QueueOutcome.ADMITTED, event_date
            self.bump(app)
            self.audit(s, actor, "queue.admitted", app, before=before)
            ensure_case_file(s, actor, resident, event_date)
            return movement_view(mv)

    def temporary_departure(self, actor: Actor, resident_id: int, event_date: dt.date, order: OrderRef,
                            reason_text: str | None = None) -> MovementView:
        """A temporary departure (for semi-stationary and home-care organisations: a suspension of the
        services) with its reason, which the journal prints in column 12 (R-01)."""
        with self.unit(actor) as s:
            reason = check_departure_reason(self.organisation(s).org_type, reason_text)
            r = self._resident(s, resident_id)
            return movement_view(record_movement(s, actor, r, MovementKind.TEMPORARY_DEPARTURE, event_date, order,
                                                 reason_text=reason))

    def return_(self, actor: Actor, resident_id: int, event_date: dt.date, order: OrderRef) -> MovementView:
        with self.unit(actor) as s:
            r = self._resident(s, resident_id)
            return movement_view(record_movement(s, actor, r, MovementKind.RETURN, event_date, order))

    def discharge(self, actor: Actor, resident_id: int, event_date: dt.date, order: OrderRef,
                  reason: DischargeReason | None, reason_text: str | None = None,
                  destination: str | None = None) -> MovementView:
        """A discharge with its reason (column 12) and, when known, where the person went (column 14,
        as for a transfer: FORMS.md Annex 2)."""
        if reason is None:
            raise DomainError(M("{field}: choose the reason for discharge.", field=field_label("reason")), "reason")
        if reason == DischargeReason.OTHER and not (reason_text or "").strip():
            raise DomainError(M("{field}: describe the other reason.", field=field_label("reason")), "reason")
        with self.unit(actor) as s:
            r = self._resident(s, resident_id)
            return movement_view(record_movement(s, actor, r, MovementKind.DISCHARGE, event_date, order,
                                                 discharge_reason=reason,
                                                 reason_text=(reason_text or "").strip() or None,
                                                 destination=(destination or "").strip() or None))

    def transfer(self, actor: Actor, resident_id: int, event_date: dt.date, order: OrderRef,
                 destination: str) -> MovementView:
        """Transfer to another organisation of the same type (R-01); the case file goes along (R-12)."""
        destination = required(destination, "destination")
        with self.unit(actor) as s:
            r = self._resident(s, resident_id)
            return movement_view(record_movement(s, actor, r, MovementKind.TRANSFER, event_date, order,
                                                 destination=destination))

    def readmit(self, actor: Actor, resident_id: int, event_date: dt.date, order: OrderRef) -> MovementView:
        """R-02: someone who left earlier is admitted again, marked "returned"; the case file continues."""
        with self.unit(actor) as s:
            r = self._resident(s, resident_id)
            if r.status not in (ResidentStatus.DISCHARGED, ResidentStatus.TRANSFERRED):
                raise DomainError(M("Readmission is for a person who left earlier; this person's status is \"{status}\".",
                                    status=r.status.label), "resident")
            mv = record_movement(s, actor, r, MovementKind.ADMISSION, event_date, order)
            ensure_case_file(s, actor, r, event_date)
            return movement_view(mv)

    def history(self, resident_id: int) -> list[MovementView]:
        with self.reading() as s:
            return [movement_view(m) for m in s.scalars(select(Movement).where(Movement.resident_id == resident_id)
                                                         .order_by(Movement.seq))]
