"""Movements of the electronic journal (R-01, R-02): admission, temporary departure, return,
discharge, transfer, readmission — each with its order number and date (a home-care organisation's:
its decision's). An admission not coming from the queue opens a new journal entry (R-09)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import CaseFile, Movement, QueueApplication, Resident
from app.domain import queue as queue_rules
from app.domain.admission import AdmissionGround, GroundUnrecorded, check_admission_ground, require_ground
from app.domain.checklist import MovementDocKind
from app.domain.date_order import ADMITTED_ON, BIRTH_DATE, MOVEMENT_DATE_LABELS, OFFERED_ON, check_movement_date
from app.domain.enums import (
    DirectAdmissionGround,
    DischargeReason,
    MovementKind,
    QueueOutcome,
    RecipientCategory,
    ResidentStatus,
)
from app.domain.errors import Conflict, DomainError
from app.domain.journal import (
    authority_labels,
    check_departure_reason,
    check_discharge_reason,
    check_order,
    check_order_signed,
    next_entry_number,
)
from app.domain.limits import clean
from app.domain.permissions import UseCase
from app.domain.roster import HOLDS_PLACE, Occupancy, check_vacancy, is_readmission, next_status
from app.i18n import N_, M, Message
from app.services.base import Actor, ServiceBase, hold_places, not_before, now, required, snapshot, today
from app.services.residents import PersonInput, new_person, refuse_if_died
from app.services.units import check_admission_part

#: an order's (or decision's) number, as the journal column holds it (movement.order_number)
ORDER_NUMBER_MAX = 50


@dataclass(frozen=True)
class OrderRef:
    """The head's order that authorises a movement."""

    number: str
    date: dt.date


@dataclass(frozen=True)
class MovementDoc:
    """The document proving a suspension or termination of the services (checklist item 4): its kind,
    number (when it has one) and date."""

    kind: MovementDocKind | str | None
    date: dt.date | None
    number: str | None = None


_DOC_KINDS = (MovementKind.TEMPORARY_DEPARTURE, MovementKind.DISCHARGE, MovementKind.TRANSFER)


def document_columns(doc: MovementDoc | None) -> dict:
    """The movement's document columns; a document given without its kind or date is refused."""
    if doc is None or (not doc.kind and doc.date is None and not clean(doc.number)):
        return {}
    try:
        kind = MovementDocKind(doc.kind)
    except ValueError:
        raise DomainError(M("{field}: choose the kind of document.", field=Message(N_("Document"))),
                          "doc_kind") from None
    if doc.date is None:
        raise DomainError(M("{field}: this field is required.", field=Message(N_("Document date"))), "doc_date")
    if doc.date > today() + dt.timedelta(days=1):
        raise DomainError(M("{field}: {day} is in the future.", field=Message(N_("Document date")), day=doc.date),
                          "doc_date")
    return {"doc_kind": kind.value, "doc_number": clean(doc.number), "doc_date": doc.date}


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
    receiving_organisation: str | None = None  # transfer: the organisation's name
    admission_ground: AdmissionGround | None = None
    journal_no: int | None = None
    ground_unrecorded: GroundUnrecorded | None = None  # why an imported admission has no ground
    document: MovementDoc | None = None  # checklist item 4: the document proving a suspension or termination


def movement_view(m: Movement) -> MovementView:
    doc = MovementDoc(MovementDocKind(m.doc_kind), m.doc_date, m.doc_number) if m.doc_kind else None
    return MovementView(m.id, m.resident_id, m.kind, m.event_date, m.order_number, m.order_date, m.returned,
                        m.discharge_reason, m.reason_text, m.destination, m.receiving_organisation,
                        m.admission_ground, m.journal_no, m.ground_unrecorded, doc)


def entry_number(session: Session) -> int:
    """R-09: the number of the next entry of the journal (queue applications and admissions share one
    sequence; an admission from the queue keeps its application's number)."""
    highest = max(session.scalar(select(func.max(Movement.journal_no))) or 0,
                  session.scalar(select(func.max(QueueApplication.journal_no))) or 0)
    return next_entry_number(highest)


def admission_grounds(session: Session, resident: Resident, ground: AdmissionGround | None,
                      on: dt.date) -> dict:
    """R-33: an admission recorded through the program names its ground; the person's category must be one
    the organisation serves, and the ground must fit it. Returns the movement's columns. (Only an import of
    records that predate the program admits without a ground, through ``record_movement``'s
    ``ground_unrecorded``.)"""
    not_before(on, resident.birth_date, "event_date", ADMITTED_ON, BIRTH_DATE)  # before the age the ground judges
    org = ServiceBase.organisation(session)
    check_admission_ground(org.categories or [], resident.category, ground, resident.birth_date, on, org.org_type,
                           resident.sex)
    return {"admission_ground": AdmissionGround(ground)}


def occupancy(session: Session, admitting_application: int | None = None) -> Occupancy:
    """Places held now: present, temporarily absent, and offered to persons in the queue (R-03, R-08) —
    except the offer of ``admitting_application``, whose person is taking that very place."""
    org = ServiceBase.organisation(session)
    counts = dict(session.execute(select(Resident.status, func.count()).where(Resident.status.in_(HOLDS_PLACE))
                                  .group_by(Resident.status)).all())
    offers = select(func.count()).select_from(QueueApplication).where(QueueApplication.outcome == QueueOutcome.OFFERED)
    if admitting_application is not None:
        offers = offers.where(QueueApplication.id != admitting_application)
    return Occupancy(org.capacity, counts.get(ResidentStatus.PRESENT, 0),
                     counts.get(ResidentStatus.TEMPORARILY_ABSENT, 0), session.scalar(offers) or 0)


def record_movement(session: Session, actor: Actor, resident: Resident, kind: MovementKind, event_date: dt.date,
                    order: OrderRef | None, *, unit_id: int | None = None, **extra) -> Movement:
    """Append one event after checking it can follow the resident's history; update the cached status.
    An admission carries its ground (``admission_ground``) or, for an imported record that predates the
    program, why it has none (``ground_unrecorded``) (R-33), and places the person in ``unit_id`` (None:
    the main part) when that part has a vacant place (R-36)."""
    if kind == MovementKind.ADMISSION:
        require_ground(extra.get("admission_ground"), extra.get("ground_unrecorded"))
    required(event_date, "event_date")
    if order is None or not clean(order.number) or order.date is None:  # an order, or a decision
        check_order(ServiceBase.organisation(session).org_type, order.number if order else None,
                    order.date if order else None)
    last = session.scalars(select(Movement).where(Movement.resident_id == resident.id)
                           .order_by(Movement.seq.desc()).limit(1)).first()
    check_movement_date(kind, event_date, last.kind if last else None, last.event_date if last else None, today())
    current = resident.status
    new_status = next_status(current, kind)
    if kind == MovementKind.ADMISSION:
        hold_places(session)  # the use case took it first already (``unit(places=True)``); an import may not have
        check_vacancy(occupancy(session, extra.get("queue_application_id")))
        check_admission_part(session, unit_id)
    before = snapshot(resident)
    if kind == MovementKind.ADMISSION and extra.get("journal_no") is None:
        app = session.get(QueueApplication, extra["queue_application_id"]) if extra.get("queue_application_id") else None
        extra["journal_no"] = app.journal_no if app is not None and app.journal_no else entry_number(session)
    assert order is not None  # check_order refused a missing one
    mv = Movement(resident_id=resident.id, seq=(last.seq + 1) if last else 1, kind=kind, event_date=event_date,
                  order_number=order.number.strip(), order_date=order.date,
                  returned=is_readmission(current, kind), created_at=now(), created_by=actor.username, **extra)
    session.add(mv)
    resident.status = new_status
    if kind == MovementKind.ADMISSION:
        resident.unit_id = unit_id
    elif new_status not in HOLDS_PLACE:  # a person who leaves frees their unit's place
        resident.unit_id = None
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


def _direct_ground(session: Session, ground: DirectAdmissionGround | None, text: str | None) -> dict:
    """R-03: the ground of a direct admission, checked against the first person waiting in the queue."""
    from app.services.queue import first_waiting  # the queue service builds on this module

    first = first_waiting(session)
    text = queue_rules.check_direct_admission(first.full_name if first else None, ground, text)
    return {"direct_ground": ground, "direct_ground_text": text if ground is not None else None}


class MovementService(ServiceBase):
    def _resident(self, s: Session, resident_id: int) -> Resident:
        return ServiceBase.get_row(s, Resident, resident_id, "resident")

    @staticmethod
    def _as_typed(s: Session, order: OrderRef, event_date: dt.date | None) -> OrderRef:
        """R-01: the order (the decision, in home care) a user gives: its date, and a number with a letter or a
        digit in it — a dash typed to pass the required field is none; signed by now (or by the event's day, for
        an event recorded ahead). (An import records the program's own mark for a file's event without a number,
        app.services.import_batch.NO_ORDER, through the batch.)"""
        org_type = ServiceBase.organisation(s).org_type
        check_order(org_type, order.number if order else None, order.date if order else None)
        check_order_signed(org_type, order.date, event_date, today())
        return order

    def admit_direct(self, actor: Actor, person: PersonInput, event_date: dt.date, order: OrderRef,
                     direct_ground: DirectAdmissionGround | None = None,
                     direct_ground_text: str | None = None,
                     admission_ground: AdmissionGround | None = None, unit_id: int | None = None,
                     another_person: bool = False) -> MovementView:
        """Admission without a queue application: a place is vacant (not on offer), while people wait in the
        queue a recorded ground (R-03), the category and ground of R-33, and a vacant place in the chosen
        unit or the main part (``unit_id`` None) (R-36). A person of the name and date of birth of one already
        here, one of the two without an IIN, is refused (``KnownPerson``) unless ``another_person``."""
        self.permit(actor, UseCase.ADMIT)
        with self.unit(actor, places=True) as s:
            resident = new_person(s, person, ResidentStatus.IN_QUEUE, another_person=another_person)
            self.audit(s, actor, "resident.create", resident)
            grounds = admission_grounds(s, resident, admission_ground, event_date)
            mv = record_movement(s, actor, resident, MovementKind.ADMISSION, event_date, self._as_typed(s, order, event_date),
                                 unit_id=unit_id, **_direct_ground(s, direct_ground, direct_ground_text), **grounds)
            ensure_case_file(s, actor, resident, event_date)
            return movement_view(mv)

    def admit_from_queue(self, actor: Actor, application_id: int, event_date: dt.date, order: OrderRef,
                         room: str | None = None, admission_ground: AdmissionGround | None = None,
                         category: RecipientCategory | None = None, unit_id: int | None = None) -> MovementView:
        self.permit(actor, UseCase.ADMIT)
        with self.unit(actor, places=True) as s:
            app = ServiceBase.get_row(s, QueueApplication, application_id, "application")
            if app.outcome != QueueOutcome.OFFERED:
                raise DomainError(M("Only a person who was offered a place can be admitted from the queue; "
                                    "offer the place first."), "application")
            if app.offered_on:
                not_before(event_date, app.offered_on, "event_date", MOVEMENT_DATE_LABELS[MovementKind.ADMISSION],
                           OFFERED_ON)
            resident = app.resident
            refuse_if_died(s, resident)  # an application registered before these checks
            if category is not None:  # the category is confirmed at admission
                resident.category = RecipientCategory(category).value
            grounds = admission_grounds(s, resident, admission_ground, event_date)
            mv = record_movement(s, actor, resident, MovementKind.ADMISSION, event_date, self._as_typed(s, order, event_date),
                                 queue_application_id=app.id, unit_id=unit_id, **grounds)
            if room:
                resident.room = room.strip()
            before = snapshot(app)
            app.outcome, app.outcome_on = QueueOutcome.ADMITTED, event_date
            self.bump(app)
            self.audit(s, actor, "queue.admitted", app, before=before)
            ensure_case_file(s, actor, resident, event_date)
            return movement_view(mv)

    def temporary_departure(self, actor: Actor, resident_id: int, event_date: dt.date, order: OrderRef,
                            reason_text: str | None = None, document: MovementDoc | None = None) -> MovementView:
        """A temporary departure (for semi-stationary and home-care organisations: a suspension of the
        services) with its reason, which the journal prints in column 12 (R-01)."""
        self.permit(actor, UseCase.DEPART)
        with self.unit(actor) as s:
            reason = check_departure_reason(self.organisation(s).org_type, reason_text)
            r = self._resident(s, resident_id)
            return movement_view(record_movement(s, actor, r, MovementKind.TEMPORARY_DEPARTURE, event_date,
                                                 self._as_typed(s, order, event_date), reason_text=reason,
                                                 **document_columns(document)))

    def return_(self, actor: Actor, resident_id: int, event_date: dt.date, order: OrderRef) -> MovementView:
        self.permit(actor, UseCase.RETURN)
        with self.unit(actor) as s:
            r = self._resident(s, resident_id)
            return movement_view(record_movement(s, actor, r, MovementKind.RETURN, event_date,
                                                 self._as_typed(s, order, event_date)))

    def discharge(self, actor: Actor, resident_id: int, event_date: dt.date, order: OrderRef,
                  reason: DischargeReason | None, reason_text: str | None = None,
                  destination: str | None = None, document: MovementDoc | None = None) -> MovementView:
        """A discharge with its reason (column 12) and, when known, where the person went (column 14,
        as for a transfer: FORMS.md Annex 2)."""
        self.permit(actor, UseCase.DISCHARGE)
        check_discharge_reason(reason, reason_text)
        docs = document_columns(document)
        with self.unit(actor) as s:
            r = self._resident(s, resident_id)
            return movement_view(record_movement(s, actor, r, MovementKind.DISCHARGE, event_date,
                                                 self._as_typed(s, order, event_date), **docs,
                                                 discharge_reason=reason,
                                                 reason_text=clean(reason_text),
                                                 destination=clean(destination)))

    def transfer(self, actor: Actor, resident_id: int, event_date: dt.date, order: OrderRef,
                 destination: str, receiving_organisation: str | None = None,
                 document: MovementDoc | None = None) -> MovementView:
        """Transfer to another organisation of the same type (R-01); the case file goes along (R-12).
        ``destination`` is the region, city, district of journal column 14; ``receiving_organisation``
        the name of the organisation that receives the person and the file (on the acceptance-transfer act):
        both required, so the act never prints a blank where the receiver is named."""
        self.permit(actor, UseCase.TRANSFER)
        destination = required(destination, "destination")
        receiving = required(receiving_organisation, "receiving_organisation")
        docs = document_columns(document)
        with self.unit(actor) as s:
            r = self._resident(s, resident_id)
            return movement_view(record_movement(s, actor, r, MovementKind.TRANSFER, event_date,
                                                 self._as_typed(s, order, event_date), destination=destination,
                                                 receiving_organisation=receiving, **docs))

    def readmit(self, actor: Actor, resident_id: int, event_date: dt.date, order: OrderRef,
                direct_ground: DirectAdmissionGround | None = None,
                direct_ground_text: str | None = None,
                admission_ground: AdmissionGround | None = None,
                category: RecipientCategory | None = None, unit_id: int | None = None) -> MovementView:
        """R-02: someone who left earlier is admitted again, marked "returned"; the case file continues.
        Like any direct admission: a vacant place, a recorded ground while people wait (R-03), the
        category and ground of R-33, and a vacant place in the chosen unit or the main part (R-36)."""
        self.permit(actor, UseCase.READMIT)
        with self.unit(actor, places=True) as s:
            r = self._resident(s, resident_id)
            if r.status not in (ResidentStatus.DISCHARGED, ResidentStatus.TRANSFERRED):
                raise DomainError(M("Readmission is for a person who left earlier; this person's status is \"{status}\".",
                                    status=r.status.label), "resident")
            refuse_if_died(s, r)
            waiting = s.scalar(select(QueueApplication.outcome).where(
                QueueApplication.resident_id == r.id, QueueApplication.outcome.in_(queue_rules.ACTIVE_OUTCOMES)))
            if waiting is not None:  # a person in the queue is admitted from it, once offered a place
                raise DomainError(M("{name} has an application in the queue ({outcome}): admit them from the queue "
                                    "(offer the place, then admit), or withdraw the application first.",
                                    name=r.full_name, outcome=waiting.label), "resident")
            if category is not None:  # the category is confirmed at admission
                r.category = RecipientCategory(category).value
            grounds = admission_grounds(s, r, admission_ground, event_date)
            mv = record_movement(s, actor, r, MovementKind.ADMISSION, event_date, self._as_typed(s, order, event_date),
                                 unit_id=unit_id, **_direct_ground(s, direct_ground, direct_ground_text), **grounds)
            ensure_case_file(s, actor, r, event_date)
            return movement_view(mv)

    def correct_entry(self, actor: Actor, seen: MovementView, order: OrderRef, reason: DischargeReason | None = None,
                      reason_text: str | None = None) -> MovementView:
        """Correct a typo in a journal entry: the number and date of its order (or decision, R-01) and, for a
        temporary departure or a discharge, its reason (column 12). The event itself (kind, date) is not
        changed here: a wrong event is undone by the movement that follows it. ``seen`` is the entry as the
        user read it: a change made meanwhile by someone else is a conflict. Audited with before and after; an
        entry already sent to the portal is marked to be exported again."""
        self.permit(actor, UseCase.JOURNAL_CORRECT)
        with self.unit(actor) as s:
            mv = ServiceBase.get_row(s, Movement, seen.id, "movement")
            if movement_view(mv) != seen:
                raise Conflict(M("This entry was changed by someone else since you opened it; close and open it "
                                 "again to see the change."))
            org_type = self.organisation(s).org_type
            number = check_order(org_type, order.number, order.date)
            check_order_signed(org_type, order.date, mv.event_date, today())
            if len(number) > ORDER_NUMBER_MAX:
                raise DomainError(M("{field}: at most {n} characters.", field=Message(authority_labels(org_type)[0]),
                                    n=ORDER_NUMBER_MAX), "order_number")
            changes: dict = {"order_number": number, "order_date": order.date}
            if mv.kind == MovementKind.TEMPORARY_DEPARTURE:
                changes["reason_text"] = check_departure_reason(org_type, reason_text)
            elif mv.kind == MovementKind.DISCHARGE:
                check_discharge_reason(reason, reason_text)
                changes.update(discharge_reason=reason, reason_text=clean(reason_text))
            if all(getattr(mv, k) == v for k, v in changes.items()):
                raise DomainError(M("Nothing was changed: the entry already reads so."), "order_number")
            before = snapshot(mv)
            for k, v in changes.items():
                setattr(mv, k, v)
            mv.exported_at = None  # the portal gets the corrected entry with the next export
            s.flush()
            self.audit(s, actor, "movement.correct", mv, before=before)
            return movement_view(mv)

    def set_document(self, actor: Actor, movement_id: int, document: MovementDoc) -> MovementView:
        """Record (or correct) the document proving a suspension or termination already in the journal
        (checklist item 4). Whoever records movements may."""
        self.permit(actor, UseCase.MOVEMENT_DOCUMENT)
        docs = document_columns(document)
        if not docs:
            raise DomainError(M("{field}: choose the kind of document.", field=Message(N_("Document"))), "doc_kind")
        with self.unit(actor) as s:
            mv = ServiceBase.get_row(s, Movement, movement_id, "movement")
            if mv.kind not in _DOC_KINDS:
                raise DomainError(M("A document is recorded for a temporary departure, a discharge or a transfer."),
                                  "movement")
            before = snapshot(mv)
            for k, v in docs.items():
                setattr(mv, k, v)
            self.audit(s, actor, "movement.document", mv, before=before)
            return movement_view(mv)

    def history(self, resident_id: int) -> list[MovementView]:
        with self.reading() as s:
            return [movement_view(m) for m in s.scalars(select(Movement).where(Movement.resident_id == resident_id)
                                                         .order_by(Movement.seq))]
