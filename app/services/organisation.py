"""Organisation profile (R-28), users and passwords, staff, holiday overrides."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, fields, replace

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from app.db.models import (
    ActivityCatalogEntry,
    HolidayOverride,
    Organisation,
    OrgUnit,
    QueueApplication,
    Resident,
    SignInFailure,
    Staff,
    User,
)
from app.domain.accounts import after_failure, check_password
from app.domain.admission import check_categories_kept
from app.domain.catalog import BUILTIN_ACTIVITIES
from app.domain.deadlines import (
    SETTING_LABELS,
    DeadlineRules,
    RuleSource,
    check_deadline_settings,
    check_rule_source,
)
from app.domain.enums import OrgType, QueueOutcome, RecipientCategory, Role
from app.domain.errors import DomainError, NotFound, PermissionDenied
from app.domain.fields import field_label
from app.domain.identity import BIN
from app.domain.limits import CONTROL, clean
from app.domain.permissions import UseCase
from app.domain.queue import MAX_ARRIVAL_DAYS
from app.domain.roster import HOLDS_PLACE
from app.domain.units import check_profile_keeps_units
from app.i18n import M, Message
from app.services.base import SYSTEM, Actor, ServiceBase, now, required, snapshot, today
from app.services.movements import occupancy

_hasher = PasswordHasher()


@functools.cache
def _stand_in_hash() -> str:
    """Verified against when the user name is unknown, so that takes as long as a known name (made on
    first use: hashing takes a noticeable part of a second)."""
    return _hasher.hash("not a password of anyone")


@dataclass
class OrganisationInput:
    name_kk: str
    name_ru: str
    org_type: OrgType
    capacity: int
    bin: str | None = None
    legal_address: str | None = None
    director_name: str | None = None
    categories: list[RecipientCategory] = field(default_factory=list)
    phone: str | None = None
    email: str | None = None
    licence_number: str | None = None
    licence_issued_on: dt.date | None = None
    licence_valid_until: dt.date | None = None
    licence_reissued_on: dt.date | None = None
    contract_signed_on: dt.date | None = None
    contract_term: str | None = None
    contract_valid_until: dt.date | None = None
    registered_on: dt.date | None = None
    licence_terminated_on: dt.date | None = None
    removal_grounds: str | None = None
    location: str | None = None
    arrival_days: int = 10
    is_demo: bool = False


@dataclass
class OrganisationView(OrganisationInput):
    """The stored profile: every register field (R-28) plus the row's id and version."""

    id: int = 0
    version: int = 0


@dataclass(frozen=True)
class HolidayOverrideView:
    day: dt.date
    working: bool
    note: str | None


def _org_view(o: Organisation) -> OrganisationView:
    values = {f.name: getattr(o, f.name) for f in fields(OrganisationInput)}
    values["categories"] = [RecipientCategory(c) for c in (o.categories or [])]
    return OrganisationView(**values, id=o.id, version=o.version)


def _validate_org(data: OrganisationInput) -> None:
    required(data.name_kk, "name_kk")
    required(data.name_ru, "name_ru")
    if not isinstance(data.capacity, int) or data.capacity < 1:
        raise DomainError(M("{field}: enter the number of places, a whole number of 1 or more.",
                            field=field_label("capacity")), "capacity")
    if not isinstance(data.arrival_days, int) or not 1 <= data.arrival_days <= MAX_ARRIVAL_DAYS:
        raise DomainError(M("{field}: enter a whole number of days from 1 to {most}.",  # the set date
                            field=field_label("arrival_days"), most=MAX_ARRIVAL_DAYS), "arrival_days")
    if data.bin:
        BIN.parse(data.bin)
    if data.licence_valid_until and data.licence_issued_on and data.licence_valid_until < data.licence_issued_on:
        raise DomainError(M("{field}: the licence cannot expire before it was issued.",
                            field=field_label("date")), "licence_valid_until")
    if data.contract_valid_until and data.contract_signed_on and data.contract_valid_until < data.contract_signed_on:
        raise DomainError(M("{field}: the service contract cannot end before it was signed.",
                            field=Message("Contract valid until")), "contract_valid_until")


class OrganisationService(ServiceBase):
    def exists(self) -> bool:
        with self.reading() as s:
            return (s.scalar(select(func.count(Organisation.id))) or 0) > 0

    def get(self) -> OrganisationView:
        with self.reading() as s:
            return _org_view(self.organisation(s))

    def register(self, actor: Actor, data: OrganisationInput) -> OrganisationView:
        self.permit(actor, UseCase.ORG_REGISTER)
        _validate_org(data)
        with self.unit(actor) as s:
            return _org_view(self._insert(s, actor, data))

    def setup(self, data: OrganisationInput, username: str, full_name: str, password: str) -> Actor:
        """First run: the organisation profile and the director's account, in one transaction."""
        _validate_org(data)
        with self.unit() as s:
            director = new_user(s, None, username, full_name, Role.DIRECTOR, password)
            self._insert(s, director, data)
            return director

    def _insert(self, s, actor: Actor, data: OrganisationInput) -> Organisation:
        if s.scalar(select(func.count(Organisation.id))):
            raise DomainError(M("The organisation is already registered; edit its profile instead."), "name_kk")
        values = {f.name: getattr(data, f.name) for f in fields(data)}
        values["categories"] = [c.value for c in data.categories]
        values["bin"] = str(BIN.parse(data.bin)) if data.bin else None
        org = Organisation(**values, deadline_settings={})
        s.add(org)
        if not s.scalar(select(func.count(ActivityCatalogEntry.id))):
            s.add_all(ActivityCatalogEntry(kind=k, title_kk=kk, title_ru=ru, builtin=True)
                      for k, kk, ru, _item in BUILTIN_ACTIVITIES)
        self.audit(s, actor, "organisation.register", org)
        return org

    def update(self, actor: Actor, data: OrganisationInput, expected_version: int) -> OrganisationView:
        self.permit(actor, UseCase.ORG_EDIT)
        _validate_org(data)
        with self.unit(actor) as s:
            org = self.organisation(s)
            self.check_version(org, expected_version)
            check_profile_keeps_units(data.org_type, data.capacity, s.scalars(select(OrgUnit.places)))
            occ = occupancy(s)
            held = occ.occupied + occ.on_offer
            if data.capacity < held:  # the places held stay within the capacity
                raise DomainError(M("{field}: {n} place(s) are held now (residents present or temporarily away, and "
                                    "places offered); the capacity cannot be less.", field=field_label("capacity"),
                                    n=held), "capacity")
            offered = select(QueueApplication.resident_id).where(QueueApplication.outcome == QueueOutcome.OFFERED)
            check_categories_kept(org.categories or [], data.categories, s.execute(
                select(Resident.category, func.count())
                .where(Resident.status.in_(HOLDS_PLACE) | Resident.id.in_(offered))
                .group_by(Resident.category).order_by(Resident.category)).all())
            before = snapshot(org)
            for f in fields(data):
                if f.name == "is_demo":
                    continue
                value = getattr(data, f.name)
                if f.name == "categories":
                    value = [RecipientCategory(c).value for c in value]
                if f.name == "bin" and value:
                    value = str(BIN.parse(value))
                setattr(org, f.name, value)
            self.bump(org)
            self.audit(s, actor, "organisation.update", org, before=before)
            return _org_view(org)

    def deadline_rules(self) -> DeadlineRules:
        with self.reading() as s:
            return self.rules(s)

    def holiday_overrides(self) -> list[HolidayOverrideView]:
        with self.reading() as s:
            return [HolidayOverrideView(h.day, h.working, h.note)
                    for h in s.scalars(select(HolidayOverride).order_by(HolidayOverride.day))]

    def set_deadline_rules(self, actor: Actor, source: RuleSource | None = None, **settings: int) -> DeadlineRules:
        """R-15, R-21: the organisation makes deadline numbers stricter (fewer days) than the acts, never
        looser; every change records the head's order or decision (number and date) that made it, shown
        beside the deadline. R-14's year and R-20's quarter are not settings. Returns the rules in force."""
        self.permit(actor, UseCase.DEADLINE_RULES)
        with self.unit(actor) as s:
            org = self.organisation(s)
            current = DeadlineRules.from_settings(org.deadline_settings)
            rules = check_deadline_settings(settings, current)
            changed = {k: v for k, v in settings.items() if getattr(current, k) != v}
            if not changed:
                return current
            source = check_rule_source(source, today())
            before = snapshot(org)
            stored = {k: v for k, v in (org.deadline_settings or {}).items() if k in SETTING_LABELS}
            sources = {k: v for k, v in ((org.deadline_settings or {}).get("sources") or {}).items()
                       if k in SETTING_LABELS}
            for k, v in changed.items():
                stored[k] = v
                sources[k] = source.as_json()
            org.deadline_settings = {**stored, "sources": sources}
            self.bump(org)
            self.audit(s, actor, "organisation.deadline_rules", org, before=before)
            return replace(rules, sources=tuple((k, RuleSource.from_json(v)) for k, v in sorted(sources.items())))

    def set_holiday_override(self, actor: Actor, day: dt.date, working: bool, note: str | None = None) -> None:
        """A day made working or non-working by a government decree (transfers the package lacks)."""
        self.permit(actor, UseCase.CALENDAR_EDIT)
        required(day, "date")
        with self.unit(actor) as s:
            row = s.scalar(select(HolidayOverride).where(HolidayOverride.day == day))
            before = snapshot(row) if row else None
            if row is None:
                row = HolidayOverride(day=day, working=working, note=note)
                s.add(row)
            else:
                row.working, row.note = working, note
            self.audit(s, actor, "calendar.override", row, before=before)


@dataclass(frozen=True)
class StaffView:
    id: int
    full_name: str
    position: str
    role: Role
    fte: float
    active: bool
    version: int = 0


def _staff_view(x: Staff) -> StaffView:
    return StaffView(x.id, x.full_name, x.position, x.role, float(x.fte), x.active, x.version)


def _actor(u: User) -> Actor:
    return Actor(u.username, u.role, u.full_name, u.id, u.active, u.version, u.session_epoch or 0)


def _user_snapshot(u: User) -> dict:
    """The audit values of an account: never the password hash."""
    values = snapshot(u)
    values.pop("password_hash", None)
    return values


def _check_fte(fte: float) -> None:
    if isinstance(fte, bool) or not isinstance(fte, (int, float)) or not 0 < fte <= 2:
        raise DomainError(M("{field}: enter a number above 0 and at most 2 (for example 0.5 or 1).",
                            field=field_label("fte")), "fte")


def _user_key(username: str | None) -> str:
    """A user name as names are compared: as seen (``clean``, as ``required`` stores it; a name stored before it
    did compares so too), whatever its letter case."""
    return (clean(username) or "").casefold()


def _find_user(s, username: str | None) -> User | None:
    """The account whose user name is ``username`` whatever its letter case (compared here: SQLite's
    lower() folds only Latin letters, and user names are Kazakh and Russian as often)."""
    wanted = _user_key(username)
    return next((u for u in s.scalars(select(User)) if _user_key(u.username) == wanted), None)


#: Cyrillic letters that look like Latin ones, as a user name is read in the audit log
_LOOK_ALIKE = str.maketrans("аеорсухкмтвнiіјѕ", "aeopcyxkmtbhiijs")


def _looks_like(name: str, reserved: str) -> bool:
    """``name`` reads as ``reserved`` (letter case, spaces at the ends and Cyrillic look-alike letters aside)."""
    return _user_key(name).translate(_LOOK_ALIKE) == reserved


def _switched_off() -> DomainError:
    return DomainError(M("This account is switched off; ask the director to switch it on again."), "username")


def new_user(s, actor: Actor | None, username: str, full_name: str, role: Role, password: str) -> Actor:
    """Insert an account (inside the caller's transaction). Only the very first may be made unsigned."""
    username = required(username, "username")
    full_name = required(full_name, "full_name")
    if _looks_like(username, SYSTEM.username) or _looks_like(username[:4], "cli:"):
        # the audit log's names for the program itself and for a command typed at the PC: an account so named
        # (or named so in look-alike letters) would pass for them
        raise DomainError(M("{field}: \"{value}\" looks like a name the audit log gives the program or the command "
                            "line; choose another.", field=field_label("username"), value=username), "username")
    check_password(password, username)
    if _find_user(s, username):
        raise DomainError(M("{field}: \"{value}\" is taken; choose another.",
                            field=field_label("username"), value=username), "username")
    if actor is None and s.scalar(select(func.count(User.id))):
        raise DomainError(M("Sign in to add users."), "username")
    user = User(username=username, full_name=full_name, role=role, password_hash=_hasher.hash(password), active=True)
    s.add(user)
    s.flush()
    made = _actor(user)
    ServiceBase.audit(s, actor or made, "user.create", user, after=_user_snapshot(user))
    return made


class PeopleService(ServiceBase):
    """Users (accounts) and staff (positions)."""

    def create_user(self, actor: Actor | None, username: str, full_name: str, role: Role, password: str) -> Actor:
        self.permit(actor, UseCase.ACCOUNT_CREATE)
        if actor is not None and role == Role.DIRECTOR and not actor.is_director:
            raise PermissionDenied(M("Only the director adds a director's account; sign in as the director."),
                                   "role")
        with self.unit(actor) as s:
            return new_user(s, actor, username, full_name, role, password)

    def authenticate(self, username: str, password: str) -> Actor:
        """The account for a user name and password; a switched-off account is refused, saying so once the
        password is right. A wrong password never tells whether the account exists: an unknown name is
        checked against a stand-in hash, so it takes as long, and counts towards the wait the same way.
        Five failures for a name within 15 minutes pause signing in with it for 5 minutes."""
        # a control character can be in no user name (app.db.limits) and no engine compares a NUL: a stand-in
        username = CONTROL.sub("\ufffd", username or "")[:200]
        key, moment = _user_key(username)[:100], now()  # the account _find_user finds
        with self.reading() as s:
            failed = s.get(SignInFailure, key)
            if failed is not None and failed.locked_until is not None and failed.locked_until > moment:
                raise PermissionDenied(M("Too many failed sign-ins with this name: signing in is paused until {time}. "
                                         "Wait, or ask the director to reset the password.",
                                         time=failed.locked_until), "username")
            user = _find_user(s, username)
            stored = user.password_hash if user is not None else None
            known = bool(stored)
            try:
                _hasher.verify(stored or _stand_in_hash(), password or "")
            except (VerificationError, InvalidHashError):
                known = False
        if not known or user is None:
            self._count_failure(key, moment)
            raise DomainError(M("The user name or password is wrong; check the keyboard layout and try again."),
                              "password")
        if failed is not None:
            with self.sessions.begin() as s:
                s.execute(delete(SignInFailure).where(SignInFailure.name_key == key))
        if not user.active:
            raise _switched_off()
        return _actor(user)

    def _count_failure(self, key: str, moment: dt.datetime) -> None:
        """One more failed sign-in for ``key`` (best effort: two PCs failing at once may count one)."""
        try:
            with self.sessions.begin() as s:
                row = s.get(SignInFailure, key, with_for_update=True)
                if row is None:
                    row = SignInFailure(name_key=key, failures=0, last_at=moment)
                    s.add(row)
                row.failures, row.locked_until = after_failure(row.failures, row.last_at, moment)
                row.last_at = moment
        except IntegrityError:
            pass

    def users(self, include_inactive: bool = False) -> list[Actor]:
        """The accounts that may sign in (``include_inactive``: the switched-off ones too)."""
        query = select(User).order_by(User.name_key, User.id)
        if not include_inactive:
            query = query.where(User.active)
        with self.reading() as s:
            return [_actor(u) for u in s.scalars(query)]

    def _account(self, s, username: str) -> User:
        user = _find_user(s, username)
        if user is None:
            raise NotFound(M("The record no longer exists (it may have been removed by another user); "
                             "refresh the list."), "username")
        return user

    @staticmethod
    def _director_keeps_directors(actor: Actor, user: User, role: Role | None = None) -> None:
        """An administrator manages accounts but cannot make a director nor take over a director's account."""
        if actor.user_id is not None and not actor.is_director and Role.DIRECTOR in (user.role, role):
            raise PermissionDenied(M("Only the director changes a director's account or makes one; sign in as the "
                                     "director."), "role")

    def update_user(self, actor: Actor, username: str, full_name: str, role: Role, active: bool,
                    expected_version: int) -> Actor:
        """The director (or the administrator) edits an account's name, role and whether it may sign in. The
        organisation keeps at least one active director, and a director cannot switch off the account they
        are signed in with. Only a director makes an account a director or changes a director's account."""
        self.permit(actor, UseCase.ACCOUNT_EDIT)
        full_name = required(full_name, "full_name")
        role = Role(required(role, "role"))
        active = bool(active)
        with self.unit(actor) as s:
            user = self._account(s, username)
            self.check_version(user, expected_version)
            self._director_keeps_directors(actor, user, role)
            if role != user.role and not actor.is_director and user.username.casefold() == actor.username.casefold():
                # the administrator manages accounts and never a person's data: not by giving themselves a role that does
                raise PermissionDenied(M("You cannot change the role of the account you are signed in with; the "
                                         "director can."), "role")
            if not active and user.active and user.username.casefold() == actor.username.casefold():
                raise DomainError(M("You cannot switch off the account you are signed in with; another director "
                                    "can."), "active")
            stepping_down = user.active and user.role == Role.DIRECTOR and (not active or role != Role.DIRECTOR)
            if stepping_down:  # PostgreSQL: a second such edit at the same moment waits for this one
                s.execute(select(User.id).where(User.active, User.role == Role.DIRECTOR).with_for_update())
            before = _user_snapshot(user)
            user.full_name, user.role, user.active = full_name, role, active
            self.bump(user)
            if stepping_down:
                s.flush()  # counted after the change is written (on SQLite the write lock orders two such edits)
                if not s.scalar(select(func.count(User.id)).where(User.active, User.role == Role.DIRECTOR)):
                    raise DomainError(M("{name} is the only active director; make another account a director "
                                        "first.", name=user.full_name), "role" if active else "active")
            self.audit(s, actor, "user.update", user, before=before, after=_user_snapshot(user))
            return _actor(user)

    def change_password(self, actor: Actor, old_password: str, new_password: str) -> Actor:
        """The signed-in user's own password; the current one must be typed. Their sessions open elsewhere are over
        (one who changes a password someone learnt shuts that person out); this one goes on as the account
        returned."""
        self.permit(actor, UseCase.PASSWORD_CHANGE_OWN)
        check_password(new_password, actor.username, "new_password")
        with self.unit(actor) as s:
            user = self._account(s, actor.username)
            if not user.active:
                raise _switched_off()
            try:
                _hasher.verify(user.password_hash or "", old_password or "")
            except (VerificationError, InvalidHashError):
                raise DomainError(M("{field}: the password is wrong; check the keyboard layout and try again.",
                                    field=field_label("old_password")), "old_password") from None
            user.session_epoch = (user.session_epoch or 0) + 1
            self._set_password(s, actor, user, new_password, "user.password_change")
            return _actor(user)

    def reset_password(self, actor: Actor, username: str, new_password: str) -> None:
        """The director (or the administrator, for an account that is not a director's) sets a new password for
        another account (one who forgot theirs)."""
        self.permit(actor, UseCase.PASSWORD_RESET)
        check_password(new_password, username, "new_password")
        with self.unit(actor) as s:
            user = self._account(s, username)
            self._director_keeps_directors(actor, user)
            if user.username.casefold() == actor.username.casefold():
                raise DomainError(M("Change your own password with File → Change my password; it asks for the "
                                    "current one."), "username")
            user.session_epoch = (user.session_epoch or 0) + 1  # their sessions open elsewhere are over
            self._set_password(s, actor, user, new_password, "user.password_reset")

    def _set_password(self, s, actor: Actor, user: User, password: str, action: str) -> None:
        before = _user_snapshot(user)
        user.password_hash = _hasher.hash(password)
        self.bump(user)
        self.audit(s, actor, action, user, before=before, after=_user_snapshot(user))

    def add_staff(self, actor: Actor, full_name: str, position: str, role: Role, fte: float = 1.0) -> StaffView:
        self.permit(actor, UseCase.STAFF_EDIT)
        required(full_name, "full_name")
        required(position, "position")
        _check_fte(fte)
        with self.unit(actor) as s:
            st = Staff(full_name=full_name.strip(), position=position.strip(), role=role, fte=fte, active=True)
            s.add(st)
            self.audit(s, actor, "staff.add", st)
            return _staff_view(st)

    def update_staff(self, actor: Actor, staff_id: int, full_name: str, position: str, role: Role, fte: float,
                     active: bool, expected_version: int) -> StaffView:
        """Edit a staff member; ``active`` False takes them off the staff list (kept, not counted)."""
        self.permit(actor, UseCase.STAFF_EDIT)
        full_name = required(full_name, "full_name")
        position = required(position, "position")
        role = Role(required(role, "role"))
        _check_fte(fte)
        with self.unit(actor) as s:
            st = self.get_row(s, Staff, staff_id)
            self.check_version(st, expected_version)
            before = snapshot(st)
            st.full_name, st.position, st.role, st.fte, st.active = full_name, position, role, fte, bool(active)
            self.bump(st)
            self.audit(s, actor, "staff.update", st, before=before)
            return _staff_view(st)

    def staff(self) -> list[StaffView]:
        with self.reading() as s:
            return [_staff_view(x) for x in s.scalars(select(Staff).order_by(Staff.name_key, Staff.id))]
