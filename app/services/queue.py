"""The queue of persons in need (R-03…R-08)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import QueueApplication, Resident
from app.domain import date_order as dord
from app.domain import queue as rules
from app.domain.enums import (
    NoticeSender,
    OutOfTurnGround,
    PostponementCause,
    QueueOutcome,
    QueuePriority,
    QueueSource,
    ResidentStatus,
)
from app.domain.errors import DomainError
from app.domain.fields import field_label
from app.domain.limits import FIELD_MAX_LENGTH, clean, text_problem
from app.domain.permissions import UseCase
from app.domain.roster import HOLDS_PLACE
from app.i18n import M, Message
from app.services.base import Actor, ServiceBase, not_before, required, snapshot, today
from app.services.movements import entry_number, occupancy
from app.services.residents import PersonInput, fill_blanks, new_person, refuse_if_died


@dataclass(frozen=True)
class QueueRow:
    position: int
    application_id: int
    resident_id: int
    full_name: str
    iin: str | None
    birth_date: dt.date | None
    received_at: dt.datetime
    standing_since: dt.datetime
    portal_number: str | None
    priority: QueuePriority
    priority_reason: str | None
    out_of_turn_ground: OutOfTurnGround | None
    out_of_turn_from: str | None
    rule: str
    reason: Message
    outcome: QueueOutcome
    offered_on: dt.date | None
    arrival_deadline: dt.date | None
    postponed_days: int | None
    ipr_until: dt.date | None
    version: int
    postponement_cause: PostponementCause | None = None
    notice_received_on: dt.date | None = None
    notice_from: NoticeSender | None = None
    out_of_turn_left_on: dt.date | None = None  # the day the person left (will leave) the children's organisation
    #: R-06: the portal's file marks it out of turn and its ground is not recorded: what the queue says of it
    portal_claim: Message | None = None


def _entry(a: QueueApplication, out_of_turn_exists: bool) -> rules.QueueEntry:
    """R-06 stands only in a stationary organisation: a ground recorded before the profile's type was changed
    is kept (it stands again if the type is changed back), and meanwhile the application waits in order of
    arrival (R-03)."""
    return rules.QueueEntry(a.id, a.received_at, out_of_turn_exists and a.priority == QueuePriority.OUT_OF_TURN,
                            a.original_received_at, a.outcome)


def _active(session: Session) -> list[QueueApplication]:
    return list(session.scalars(select(QueueApplication).where(QueueApplication.outcome.in_(rules.ACTIVE_OUTCOMES))))


def queue_rows(session: Session) -> list[QueueRow]:
    apps = {a.id: a for a in _active(session)}
    people = {r.id: r for r in session.scalars(select(Resident).where(
        Resident.id.in_({a.resident_id for a in apps.values()})))}
    claimed = {a.id for a in apps.values() if a.portal_out_of_turn and a.priority == QueuePriority.ORDINARY}
    org_type = ServiceBase.organisation(session).org_type
    claim = rules.portal_claim(org_type) if claimed else None
    rows = []
    exists = rules.out_of_turn_exists(org_type)
    for pos in rules.queue_order(_entry(a, exists) for a in apps.values()):
        a = apps[pos.entry.id]
        p = people[a.resident_id]
        rows.append(QueueRow(pos.position, a.id, p.id, p.full_name, p.iin, p.birth_date, a.received_at,
                             pos.entry.standing_since, a.portal_number, a.priority, a.priority_reason,
                             a.out_of_turn_ground, a.out_of_turn_from, pos.rule,
                             pos.reason, a.outcome, a.offered_on, a.arrival_deadline, a.postponed_days, a.ipr_until,
                             a.version, a.postponement_cause, a.notice_received_on, a.notice_from,
                             a.out_of_turn_left_on, claim if a.id in claimed else None))
    return rows


def first_waiting(session: Session) -> QueueRow | None:
    """R-03: the first application waiting for a vacancy, in the legal order (None: nobody waits)."""
    return next((r for r in queue_rows(session) if r.outcome == QueueOutcome.WAITING), None)


def applied_on(app: QueueApplication) -> dt.date:
    """R-06: the day the person applied (the first application, kept on re-certification, R-05)."""
    return (app.original_received_at or app.received_at).date()


def _set_out_of_turn(app: QueueApplication, claim: rules.OutOfTurn, on: dt.date) -> None:
    app.priority = QueuePriority.OUT_OF_TURN
    app.out_of_turn_ground, app.out_of_turn_from = claim.ground, (clean(claim.came_from) or "")
    app.out_of_turn_on, app.out_of_turn_left_on = on, claim.left_on
    app.priority_reason = clean(claim.note)


class QueueService(ServiceBase):
    def rows(self) -> list[QueueRow]:
        with self.reading() as s:
            return queue_rows(s)

    def count(self) -> int:
        """The applications in the queue (waiting, or offered a place): as many as ``rows`` gives, counted by the
        database (the dashboard's tile read every row in its legal order to count them: 9 s and 700 MB after a
        100,000-application import, issue 11 point 6)."""
        with self.reading() as s:
            return s.scalar(select(func.count()).select_from(QueueApplication)
                            .where(QueueApplication.outcome.in_(rules.ACTIVE_OUTCOMES))) or 0

    def register(self, actor: Actor, person: PersonInput | None, received_at: dt.datetime,
                 source: QueueSource = QueueSource.PAPER, portal_number: str | None = None,
                 resident_id: int | None = None, ipr_until: dt.date | None = None,
                 out_of_turn: rules.OutOfTurn | None = None, another_person: bool = False) -> QueueRow:
        """Register an application (paper, or imported from the portal — R-04); ``out_of_turn``: its R-06
        ground, checked on the day the application was received. A new ``person`` of the name and date of birth of
        one already here, one of the two without an IIN, is refused (``KnownPerson``) unless ``another_person``;
        the same person's application is registered with their ``resident_id`` (with ``person`` too: what their card
        lacks is taken from it)."""
        self.permit(actor, UseCase.QUEUE_REGISTER)
        required(received_at, "received_at")
        dord.check_not_future(received_at.date(), today(), "received_at", dord.RECEIVED)  # its place comes
        portal_number = clean(portal_number)
        if source == QueueSource.PORTAL and not portal_number:
            raise DomainError(M("{field}: a portal application needs its number.", field=field_label("portal_number")),
                              "portal_number")
        if portal_number and (problem := text_problem(portal_number, FIELD_MAX_LENGTH["portal_number"])):
            # checked before it is looked for: PostgreSQL refuses a NUL in a query's text with a raw error
            raise DomainError(M("{field}: {problem}", field=field_label("portal_number"), problem=problem),
                              "portal_number")
        with self.unit(actor) as s:
            org = self.organisation(s)
            if portal_number and s.scalar(select(QueueApplication).where(QueueApplication.portal_number == portal_number)):
                raise DomainError(M("{field}: application {value} is already registered.",
                                    field=field_label("portal_number"), value=portal_number), "portal_number")
            if resident_id is not None:
                person_row = ServiceBase.get_row(s, Resident, resident_id, "resident")
                if person_row.status in (ResidentStatus.PRESENT, ResidentStatus.TEMPORARILY_ABSENT):
                    raise DomainError(M("{name} already receives services here.", name=person_row.full_name), "resident")
                refuse_if_died(s, person_row)
                if person is not None:  # the same person typed again (a form's "the same person"): what the card lacks
                    fill_blanks(s, actor, person_row, person)
            else:
                if person is None:
                    raise DomainError(M("{field}: this field is required.", field=field_label("last_name")), "last_name")
                person_row = new_person(s, person, ResidentStatus.IN_QUEUE, another_person=another_person)
                self.audit(s, actor, "resident.create", person_row)
            not_before(received_at.date(), person_row.birth_date, "received_at", dord.RECEIVED, dord.BIRTH_DATE)
            if s.scalar(select(QueueApplication).where(QueueApplication.resident_id == person_row.id,
                                                       QueueApplication.outcome.in_(rules.ACTIVE_OUTCOMES))):
                raise DomainError(M("{name} is already in the queue.", name=person_row.full_name), "resident")
            app = QueueApplication(resident_id=person_row.id, portal_number=portal_number, source=source,
                                   received_at=received_at, ipr_until=ipr_until or person_row.ipr_until,
                                   priority=QueuePriority.ORDINARY, outcome=QueueOutcome.WAITING, version=1,
                                   journal_no=entry_number(s))  # the entry's place in the journal
            if out_of_turn is not None:
                rules.check_out_of_turn(org.org_type, person_row.birth_date, received_at.date(), out_of_turn,
                                        applied_on=received_at.date())
                _set_out_of_turn(app, out_of_turn, received_at.date())
            s.add(app)
            self.audit(s, actor, "queue.register", app)
            return self._row(s, app.id)

    def _row(self, s: Session, app_id: int) -> QueueRow:
        for row in queue_rows(s):
            if row.application_id == app_id:
                return row
        raise DomainError(M("The application is no longer in the queue."), "application")

    def _app(self, s: Session, app_id: int, expected_version: int | None) -> QueueApplication:
        app = ServiceBase.get_row(s, QueueApplication, app_id, "application")
        self.check_version(app, expected_version)
        return app

    def mark_out_of_turn(self, actor: Actor, app_id: int, claim: rules.OutOfTurn, on: dt.date | None = None,
                         expected_version: int | None = None) -> QueueRow:
        """R-06: an orphan or a child left without parental care who turned 18 in a stationary (children's)
        organisation is admitted out of turn — in a stationary organisation only; the age is checked on ``on``."""
        self.permit(actor, UseCase.QUEUE_OUT_OF_TURN)
        on = on or today()
        dord.check_not_future(on, today(), "out_of_turn_on", dord.AGE_CHECKED_ON)  # 18 now, not some day
        with self.unit(actor) as s:
            org = self.organisation(s)
            app = self._app(s, app_id, expected_version)
            if app.outcome not in rules.ACTIVE_OUTCOMES:
                raise DomainError(M("The application is no longer in the queue."), "application")
            rules.check_out_of_turn(org.org_type, app.resident.birth_date, on, claim,
                                    applied_on=applied_on(app))
            before = snapshot(app)
            _set_out_of_turn(app, claim, on)
            self.bump(app)
            self.audit(s, actor, "queue.out_of_turn", app, before=before)
            return self._row(s, app.id)

    def record_recertification(self, actor: Actor, app_id: int, recertified_on: dt.date, new_ipr_until: dt.date,
                               new_received_at: dt.datetime | None = None,
                               expected_version: int | None = None) -> QueueRow:
        """R-05: after re-certification the applicant keeps the earlier place.

        The portal registers the renewed application with a new time; the original time is kept."""
        self.permit(actor, UseCase.QUEUE_RECERTIFY)
        required(recertified_on, "date")
        required(new_ipr_until, "ipr_until")
        dord.check_not_future(recertified_on, today(), "date", dord.RECERTIFIED_ON)
        not_before(new_ipr_until, recertified_on, "ipr_until", dord.NEW_IPR_UNTIL, dord.RECERTIFIED_ON)
        with self.unit(actor) as s:
            app = self._app(s, app_id, expected_version)
            before = snapshot(app)
            if app.original_received_at is None:
                app.original_received_at = app.received_at
            if new_received_at is not None:
                app.received_at = new_received_at
            app.recertified_on, app.ipr_until = recertified_on, new_ipr_until
            app.resident.ipr_until = new_ipr_until
            self.bump(app)
            self.audit(s, actor, "queue.recertified", app, before=before)
            return self._row(s, app.id)

    def offer_place(self, actor: Actor, app_id: int, offered_on: dt.date,
                    expected_version: int | None = None) -> QueueRow:
        """Offer a vacant place to the next person in the legal order (R-03, R-06)."""
        self.permit(actor, UseCase.QUEUE_OFFER)
        required(offered_on, "date")
        dord.check_not_future(offered_on, today(), "date", dord.OFFERED_ON)  # the arrival's time runs from it
        with self.unit(actor, places=True) as s:  # issue 10 point 8: one PC at a time offers the last place
            org = self.organisation(s)
            app = self._app(s, app_id, expected_version)
            not_before(offered_on, applied_on(app), "date", dord.OFFERED_ON, dord.RECEIVED)
            order = queue_rows(s)
            if app.outcome != QueueOutcome.WAITING:
                raise DomainError(M("A place has already been offered to this person."), "application")
            if app.resident.status in HOLDS_PLACE:  # a second place for one person
                raise DomainError(M("{name} already receives services here; withdraw the application.",
                                    name=app.resident.full_name), "application")
            waiting = [r for r in order if r.outcome == QueueOutcome.WAITING]
            if waiting and waiting[0].application_id != app.id:
                raise DomainError(M("{name} stands before this person in the queue ({reason}); "
                                    "offer the place to them first.", name=waiting[0].full_name,
                                    reason=waiting[0].reason), "application")
            occ = occupancy(s)
            if occ.vacant <= 0:
                raise DomainError(M("There is no vacant place to offer: capacity {capacity}, occupied {occupied}, "
                                    "already offered {offered}.", capacity=occ.capacity, occupied=occ.occupied,
                                    offered=occ.on_offer), "capacity")
            before = snapshot(app)
            app.outcome, app.offered_on = QueueOutcome.OFFERED, offered_on
            app.arrival_deadline = rules.arrival_deadline(offered_on, org.arrival_days)
            self.bump(app)
            self.audit(s, actor, "queue.offer", app, before=before)
            return self._row(s, app.id)

    def postpone_arrival(self, actor: Actor, app_id: int, days: int, notice: rules.PostponementNotice,
                         expected_version: int | None = None) -> QueueRow:
        """R-07: once, for illness or hospitalisation, up to 30 (10) calendar days, on the notice of the
        recipient or the legal representative received while the arrival date had not passed."""
        self.permit(actor, UseCase.QUEUE_POSTPONE)
        with self.unit(actor) as s:
            org = self.organisation(s)
            app = self._app(s, app_id, expected_version)
            if app.outcome != QueueOutcome.OFFERED or app.arrival_deadline is None:
                raise DomainError(M("Only the arrival of a person offered a place can be postponed."), "application")
            before = snapshot(app)
            app.arrival_deadline = rules.postponed_deadline(org.org_type, app.arrival_deadline, days,
                                                            app.postponed_days is not None, notice, today(),
                                                            app.offered_on)
            app.postponed_days, app.postponement_reason = days, clean(notice.details)
            app.postponement_cause, app.notice_received_on, app.notice_from = (notice.cause, notice.received_on,
                                                                               notice.sender)
            self.bump(app)
            self.audit(s, actor, "queue.postpone", app, before=before)
            return self._row(s, app.id)

    def record_no_show(self, actor: Actor, app_id: int, on: dt.date,
                       expected_version: int | None = None) -> QueueRow | None:
        """R-08: the person did not arrive by the set date; returns the next in line, to be offered the place."""
        self.permit(actor, UseCase.QUEUE_NO_SHOW)
        required(on, "arrival_deadline")
        dord.check_not_future(on, today(), "arrival_deadline", dord.NO_SHOW_ON)  # not before the set date
        with self.unit(actor) as s:
            app = self._app(s, app_id, expected_version)
            if app.outcome != QueueOutcome.OFFERED:
                raise DomainError(M("Only a person offered a place can be recorded as not arrived."), "application")
            if not rules.is_no_show(app.arrival_deadline, on):
                raise DomainError(M("{field}: the person still has until {day} to arrive.",
                                    field=field_label("arrival_deadline"),
                                    day=app.arrival_deadline), "arrival_deadline")
            before = snapshot(app)
            app.outcome, app.outcome_on = QueueOutcome.NO_SHOW, on
            self.bump(app)
            self.audit(s, actor, "queue.no_show", app, before=before)
            waiting = [r for r in queue_rows(s) if r.outcome == QueueOutcome.WAITING]
            return waiting[0] if waiting else None

    def withdraw(self, actor: Actor, app_id: int, on: dt.date, expected_version: int | None = None) -> None:
        self.permit(actor, UseCase.QUEUE_WITHDRAW)
        required(on, "date")
        dord.check_not_future(on, today(), "date", dord.WITHDRAWN_ON)
        with self.unit(actor) as s:
            app = self._app(s, app_id, expected_version)
            if app.outcome not in rules.ACTIVE_OUTCOMES:
                raise DomainError(M("The application is no longer in the queue."), "application")
            not_before(on, applied_on(app), "date", dord.WITHDRAWN_ON, dord.RECEIVED)
            before = snapshot(app)
            app.outcome, app.outcome_on = QueueOutcome.WITHDRAWN, on
            self.bump(app)
            self.audit(s, actor, "queue.withdraw", app, before=before)
