"""What every service shares: the acting user, one transaction per call, the audit entry."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import inspect, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.db.models import AuditEntry, HolidayOverride, Organisation, User
from app.domain.calendar import WorkCalendar
from app.domain.date_order import check_not_before
from app.domain.deadlines import DeadlineRules
from app.domain.enums import Role
from app.domain.errors import Conflict, DomainError, NotFound, SessionEnded
from app.domain.fields import field_label
from app.domain.limits import clean
from app.domain.permissions import Forbidden, UseCase, forbidden, may, require_kinds
from app.i18n import M

T = TypeVar("T")
log = logging.getLogger("qamqor.services")


@dataclass(frozen=True)
class Actor:
    """The signed-in user on whose behalf a service acts; also a row of the user accounts list
    (``active``: may sign in; ``version``: for optimistic locking when the account is edited)."""

    username: str
    role: Role
    full_name: str = ""
    user_id: int | None = None
    active: bool = True
    version: int = 0
    epoch: int = 0  # the account's session epoch at sign-in (a password reset raises it)

    @property
    def is_director(self) -> bool:
        return self.role == Role.DIRECTOR


SYSTEM = Actor("system", Role.ADMIN, "system")


def today() -> dt.date:
    return dt.date.today()


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def snapshot(obj: Any) -> dict[str, Any]:
    """The column values of an ORM object, JSON-safe, for the audit log."""
    return {attr.key: _jsonable(getattr(obj, attr.key)) for attr in inspect(obj).mapper.column_attrs}


def stale_conflict() -> Conflict:
    """A row changed by someone else since it was read (its version is not the one read): optimistic locking."""
    return Conflict(M("Another user has changed this record since you opened it. "
                      "Reopen it to see their changes, then make yours again."), "version")


def integrity_conflict(exc: IntegrityError) -> Conflict:
    """A constraint the database enforced, as a refusal in the user's words — never the SQL or its
    parameters (they hold the person's data). The checks before a write catch every such case made on
    one PC; what is left is two PCs writing the same thing at the same moment."""
    found = str(exc.orig).lower()
    log.warning("write refused by the database: %s", type(exc.orig).__name__)
    if "iin" in found and ("unique" in found or "duplicate" in found):
        return Conflict(M("This person was just registered on another computer. Refresh the list "
                          "(F5) and find them there."), "iin")
    return Conflict(M("The same record was just saved on another computer, so nothing was saved here. "
                      "Refresh (F5) and try again."), None)


_PLACES_HELD = "qamqor.places_held"


def hold_places(session: Session) -> None:
    """The place lock (issue 10 point 8): taken, in the transaction of ``session``, by every use case that
    takes a place (an admission of any kind, a readmission, a place offered, a register import that admits,
    a resident placed in a unit) before it counts the vacant places; held until the transaction ends.

    Two PCs admitting into the last place at the same moment would otherwise both count one vacancy and
    both admit. The lock is the organisation's row: on PostgreSQL ``SELECT … FOR NO KEY UPDATE`` (the
    weakest row lock that excludes itself, so it does not wait for rows that merely refer to the
    organisation); the second PC waits there, and, once the first commits, counts again and sees the place
    taken. SQLite lets one writer at a time: a write of the row (that changes nothing) makes this
    transaction that writer at once, so the waiting one also counts after the other's commit. Taken again
    in the same transaction it costs nothing."""
    transaction = session.get_transaction()
    if transaction is not None and session.info.get(_PLACES_HELD) is transaction:
        return
    table = Organisation.__table__
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(table).values(id=table.c.id))
    else:
        session.execute(select(table.c.id).with_for_update(key_share=True))
    session.info[_PLACES_HELD] = session.get_transaction()


class ServiceBase:
    """Opens one session per unit of work; subclasses get ``sessions`` through the constructor."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    @contextmanager
    def unit(self, actor: Actor | None = None, *, places: bool = False) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error. With the acting
        user: refused at once when their account was switched off or given another role since they
        signed in (a session left open on another PC keeps no rights the director took away); a change
        saved meanwhile by someone else is refused as a conflict (the version of the row, see models).
        ``places``: the use case takes a place; the place lock (:func:`hold_places`) is taken first,
        before anything is read or written."""
        try:
            with self.sessions.begin() as session:
                if places:
                    hold_places(session)
                if actor is not None:
                    self.check_account(session, actor)
                yield session
        except StaleDataError:
            raise stale_conflict() from None
        except IntegrityError as exc:  # another PC saved the same thing at the same moment
            raise integrity_conflict(exc) from None

    @staticmethod
    def check_account(session: Session, actor: Actor) -> None:
        """The acting user's account still signs in with the role the session was opened with, under the name
        the audit log will give (an actor naming another user's account is refused: the log names who acted)."""
        if actor.user_id is None:  # the program itself (first run, demo, import scripts)
            return
        row = session.execute(select(User.active, User.role, User.session_epoch, User.username)
                              .where(User.id == actor.user_id)).first()
        if row is None or not row.active or row.role != actor.role or row.username != actor.username:
            raise SessionEnded(M("Your account was switched off or given another role since you signed in; "
                                     "sign in again."), "username")
        if row.session_epoch != actor.epoch:
            raise SessionEnded(M("The password of your account was changed since you signed in (by you elsewhere, "
                                 "or reset by the director); sign in again with the new password."), "username")

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    # --- helpers used inside a unit -------------------------------------------------------
    @staticmethod
    def audit(session: Session, actor: Actor, action: str, obj: Any = None, *, entity: str | None = None,
              entity_id: int | None = None, before: dict | None = None, after: dict | None = None) -> None:
        if obj is not None:
            session.flush()
            entity = entity or type(obj).__tablename__
            entity_id = entity_id if entity_id is not None else obj.id
            if after is None:
                after = snapshot(obj)
        session.add(AuditEntry(at=now(), username=actor.username, action=action, entity=entity or "",
                               entity_id=entity_id, before=before, after=after))

    @staticmethod
    def get_row(session: Session, model: type[T], id_: int, field: str = "id") -> T:
        """The row ``id_`` of ``model``; NotFound naming ``field`` when it is gone."""
        obj = session.get(model, id_)
        if obj is None:
            raise NotFound(M("The record no longer exists (it may have been removed by another user); "
                             "refresh the list."), field)
        return obj

    @staticmethod
    def check_version(obj: Any, expected: int | None) -> None:
        """Optimistic locking: refuse to overwrite a row someone changed since it was read."""
        if expected is not None and obj.version != expected:
            raise stale_conflict()

    @staticmethod
    def bump(obj: Any) -> None:
        obj.version = (obj.version or 0) + 1

    def permit(self, actor: Actor | None, use_case: UseCase) -> None:
        """Issue 10 point 5: refuse, before anything is checked or written, a use case the actor's role may
        not do (the one table, app.domain.permissions). The account is read again first, so one switched
        off or given another role since signing in hears that instead; an allowed call goes on to ``unit``,
        which reads the account again inside the transaction. The program itself (no account: the first
        run, the demo builder, the command line) has no role to check."""
        if actor is None or actor.user_id is None or may(actor.role, use_case):
            return
        with self.reading() as session:
            self.check_account(session, actor)
        raise forbidden(use_case)

    def permit_kinds(self, actor: Actor | None, kinds, use_case: UseCase) -> None:
        """:meth:`permit`, and each of ``kinds`` of service is one the actor's role keeps (R-16, R-18)."""
        self.permit(actor, use_case)
        if actor is None or actor.user_id is None:
            return
        try:
            require_kinds(actor.role, kinds, use_case)
        except Forbidden:
            with self.reading() as session:
                self.check_account(session, actor)
            raise

    @staticmethod
    def organisation(session: Session) -> Organisation:
        org = session.scalars(select(Organisation).order_by(Organisation.id).limit(1)).first()
        if org is None:
            raise DomainError(M("The organisation is not registered yet; fill in the organisation profile first."),
                              "name_kk")
        return org

    @staticmethod
    def calendar(session: Session) -> WorkCalendar:
        return WorkCalendar({h.day: h.working for h in session.scalars(select(HolidayOverride))})

    @classmethod
    def rules(cls, session: Session) -> DeadlineRules:
        return DeadlineRules.from_settings(cls.organisation(session).deadline_settings)


def required(value: Any, field: str) -> Any:
    """``value``, a text as ``clean`` keeps it; refused when that leaves nothing."""
    if isinstance(value, str):
        value = clean(value)
    if value is None:
        raise DomainError(M("{field}: this field is required.", field=field_label(field)), field)
    return value


def not_before(later: dt.date, earlier: dt.date | None, field: str, later_label: str, earlier_label: str) -> None:
    """Refuse ``later`` before ``earlier``, naming both dates in plain words (app.domain.date_order)."""
    check_not_before(later, earlier, field, later_label, earlier_label)
