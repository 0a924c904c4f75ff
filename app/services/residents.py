"""People: the persons served and the persons waiting (Annex 3 fields)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Movement, Resident, identity_key
from app.domain.admission import AdmissionGround, check_recorded_category
from app.domain.age import age_on
from app.domain.enums import DischargeReason, MovementKind, RecipientCategory, ResidentStatus, Sex
from app.domain.errors import DomainError, KnownPerson
from app.domain.fields import field_label
from app.domain.identity import IIN
from app.domain.limits import FIRST_DAY, LAST_DAY, clean
from app.domain.permissions import MEDICAL_FIELDS, UseCase
from app.domain.roster import HOLDS_PLACE
from app.i18n import M
from app.services.base import Actor, ServiceBase, now, required, snapshot


@dataclass
class PersonInput:
    last_name: str
    first_name: str
    middle_name: str | None = None
    iin: str | None = None
    iin_missing_reason: str | None = None
    birth_date: dt.date | None = None
    sex: Sex | None = None
    nationality: str | None = None
    diagnosis: str | None = None
    address: str | None = None
    phone: str | None = None
    social_status: str | None = None
    came_from: str | None = None
    parents_info: str | None = None
    category: RecipientCategory | None = None
    disability_group: int | None = None
    ipr_until: dt.date | None = None
    room: str | None = None


def validate_person(data: PersonInput, session: Session, exclude_id: int | None = None) -> dict:
    """Check a person's fields; return the column values to store. IIN may be missing only with a reason."""

    def clash(iin: str) -> None:
        found = session.scalar(select(Resident).where(Resident.iin == iin))
        if found is not None and found.id != exclude_id:
            raise KnownPerson(M("{field}: {value} is already registered for {name}; open that person instead.",
                                field=field_label("iin"), value=iin, name=found.full_name), "iin",
                              resident_id=found.id, name=found.full_name, certain=True,
                              served=found.status in HOLDS_PLACE)

    return check_person(data, clash)


def namesakes(session: Session, values: dict) -> list[Resident]:
    """The people already here of the name (as an import matches a person without an IIN: ``identity_key``) and the
    date of birth in ``values`` (``check_person``'s) where one of the two has no IIN: perhaps the same person. Two
    people with IINs are two people."""
    if values["birth_date"] is None:
        return []
    query = select(Resident).where(Resident.birth_date == values["birth_date"])
    if values["iin"]:
        query = query.where(Resident.iin.is_(None))
    key = identity_key(values["last_name"], values["first_name"], values["middle_name"])
    return [r for r in session.scalars(query.order_by(Resident.id))
            if identity_key(r.last_name, r.first_name, r.middle_name) == key]


def check_person(data: PersonInput, clash: Callable[[str], None] | None = None, *, checked: IIN | None = None,
                 today: dt.date | None = None) -> dict:
    """:func:`validate_person`'s checks, in its order; ``clash(iin)`` refuses an IIN another person has (an
    import that looked its people up in one query passes None: it creates only people it did not find).
    ``checked``: the IIN a reader checked this person's IIN as (``ParseResult.iins``), taken instead of parsing
    the same digits again (an import of 100,000 rows). ``today``: the date an import read once, not the clock's
    for each of its people."""
    # the fields in their order, texts stripped (an empty one is None); then the names required
    values: dict[str, Any] = {k: clean(v) if isinstance(v, str) else v for k, v in vars(data).items()}
    for f in ("last_name", "first_name"):
        values[f] = required(values[f], f)
    if values["iin"]:
        iin = checked if checked is not None and checked.value == values["iin"] else IIN.parse(values["iin"])
        values["iin"] = iin.value
        values["iin_missing_reason"] = None
        if iin.birth_date:
            if not FIRST_DAY <= iin.birth_date <= LAST_DAY:  # a 7th digit of 1 or 2: born in the 1800s
                raise DomainError(M("{field}: {value} gives the date of birth {iin_date}, before 1900; check the number "
                                    "against the identity document.", field=field_label("iin"), value=iin.value,
                                    iin_date=iin.birth_date), "iin")
            if values["birth_date"] and values["birth_date"] != iin.birth_date:
                raise DomainError(M("{field}: {value} does not match the IIN, which gives {iin_date}.",
                                    field=field_label("birth_date"), value=values["birth_date"],
                                    iin_date=iin.birth_date), "birth_date")
            values["birth_date"] = iin.birth_date
        if iin.sex:
            if values["sex"] and values["sex"] != iin.sex:
                raise DomainError(M("{field}: does not match the IIN (its 7th digit gives {sex}).",
                                    field=field_label("sex"), sex=iin.sex.label), "sex")
            values["sex"] = iin.sex
        if clash is not None:
            clash(iin.value)
    elif not values["iin_missing_reason"]:
        raise DomainError(M("{field}: enter the IIN, or state why the person has none (no documents, foreign citizen…).",
                            field=field_label("iin")), "iin")
    if values["birth_date"] and values["birth_date"] > (today or dt.date.today()):
        raise DomainError(M("{field}: the date is in the future.", field=field_label("birth_date")), "birth_date")
    if values["category"] is not None:
        values["category"] = RecipientCategory(values["category"]).value
    group = values["disability_group"]
    if group is not None and group not in (1, 2, 3):
        raise DomainError(M("{field}: the disability group is 1, 2 or 3.", field=field_label("disability_group")),
                          "disability_group")
    return values


@dataclass(frozen=True)
class ResidentView:
    id: int
    full_name: str
    last_name: str
    first_name: str
    middle_name: str | None
    iin: str | None
    iin_missing_reason: str | None
    birth_date: dt.date | None
    sex: Sex | None
    status: ResidentStatus
    room: str | None
    address: str | None
    phone: str | None
    diagnosis: str | None
    nationality: str | None
    social_status: str | None
    came_from: str | None
    parents_info: str | None
    category: str | None
    disability_group: int | None
    ipr_until: dt.date | None
    version: int

    def age_on(self, day: dt.date) -> int | None:
        return None if self.birth_date is None else age_on(self.birth_date, day)


def resident_view(r: Resident) -> ResidentView:
    return ResidentView(r.id, r.full_name, r.last_name, r.first_name, r.middle_name, r.iin, r.iin_missing_reason,
                        r.birth_date, r.sex, r.status, r.room, r.address, r.phone, r.diagnosis, r.nationality,
                        r.social_status, r.came_from, r.parents_info, r.category, r.disability_group, r.ipr_until,
                        r.version)


def new_person(session: Session, data: PersonInput, status: ResidentStatus, *, another_person: bool = False) -> Resident:
    """A person added by a form. A person of the same name and date of birth already here, one of the two without an
    IIN, is refused (``KnownPerson``: the form asks whether it is the same person) unless ``another_person``: the
    user said it is someone else. (An import refuses such a row: ``Batch.find``.)"""
    values = validate_person(data, session)
    if not another_person and (found := namesakes(session, values)):
        known = found[0]
        if len(found) > 1:  # which of them is not for the program to guess
            raise KnownPerson(M("{n} people named {name} and born on {birth} are already in the program: the same "
                                "person would be added again. Add them only if it is yet another person of the same "
                                "name.", n=len(found), name=known.full_name, birth=known.birth_date), "last_name",
                              resident_id=None, name=known.full_name, certain=False)
        said = dict(name=known.full_name, birth=known.birth_date, status=known.status.text_for(known.sex))
        raise KnownPerson(M("{name}, born on {birth}, is already in the program ({status}; IIN {iin}): the same "
                            "person would be added twice. Add them only if it is another person of the same name.",
                            iin=known.iin, **said) if known.iin else
                          M("{name}, born on {birth}, is already in the program ({status}; without an IIN): the same "
                            "person would be added twice. Add them only if it is another person of the same name.",
                            **said),
                          "last_name", resident_id=known.id, name=known.full_name, certain=False,
                          served=known.status in HOLDS_PLACE)
    person = Resident(**values, status=status, created_at=now(), version=1)
    person.refresh_search_key()
    session.add(person)
    session.flush()
    return person


def fill_blanks(session: Session, actor: Actor, person: Resident, typed: PersonInput) -> None:
    """What the card of ``person`` lacks, taken from ``typed`` — a form that found the person already here: the IIN
    found since, a phone; what the card has stays. Checked as an edit of the card is, and audited as one."""
    merged = PersonInput(**{k: v if (kept := getattr(person, k)) in (None, "") else kept
                            for k, v in vars(typed).items()})
    values = validate_person(merged, session, exclude_id=person.id)
    if any(v != getattr(person, k) for k, v in values.items()):
        store_card(session, actor, person, values)


def store_card(session: Session, actor: Actor, person: Resident, values: dict) -> None:
    """The card of ``person`` given ``values`` (``check_person``'s), its search key and version with it, audited
    as an edit of the card."""
    before = snapshot(person)
    for k, v in values.items():
        setattr(person, k, v)
    person.refresh_search_key()
    ServiceBase.bump(person)
    ServiceBase.audit(session, actor, "resident.update", person, before=before)


def refuse_if_died(session: Session, person: Resident) -> None:
    """R-02: a person whose last movement is a discharge on their death is not readmitted, nor put in the queue again
    (a death recorded by mistake is corrected in its journal entry first)."""
    if person.status != ResidentStatus.DISCHARGED:
        return
    last = session.execute(select(Movement.discharge_reason, Movement.event_date).where(
        Movement.resident_id == person.id).order_by(Movement.seq.desc()).limit(1)).first()
    if last is not None and last.discharge_reason == DischargeReason.DEATH:
        raise DomainError(M("{name} was discharged on their death ({date}); a death recorded by mistake is "
                            "corrected in the journal entry first.", name=person.full_name, date=last.event_date),
                          "resident")


def admission_ground(session: Session, resident_id: int) -> AdmissionGround | None:
    """R-33: the ground recorded with the person's last admission (None: a record that predates the program)."""
    return session.scalar(select(Movement.admission_ground).where(
        Movement.resident_id == resident_id, Movement.kind == MovementKind.ADMISSION)
        .order_by(Movement.seq.desc()).limit(1))


class ResidentService(ServiceBase):
    def get(self, resident_id: int) -> ResidentView:
        with self.reading() as s:
            return resident_view(ServiceBase.get_row(s, Resident, resident_id))

    def open(self, actor: Actor, resident_id: int) -> ResidentView:
        """The person's card opened by ``actor``: a read of personal data, recorded ("resident.read")."""
        from app.services.audit import AuditService

        with self.unit(actor) as s:
            view = resident_view(ServiceBase.get_row(s, Resident, resident_id))
            AuditService.record_read(s, actor, "resident.read", resident_ids=(resident_id,))
            return view

    def update(self, actor: Actor, resident_id: int, data: PersonInput, expected_version: int) -> ResidentView:
        """Edit the person's card; the medical staff change only its medical fields (issue 10 point 5)."""
        with self.unit(actor) as s:
            r = ServiceBase.get_row(s, Resident, resident_id)
            self.check_version(r, expected_version)
            values = validate_person(data, s, exclude_id=r.id)
            changed = {k for k, v in values.items() if v != getattr(r, k)}
            self.permit(actor, UseCase.PERSON_EDIT_MEDICAL if changed and changed <= set(MEDICAL_FIELDS)
                        else UseCase.PERSON_EDIT)
            if "category" in changed and r.status in HOLDS_PLACE:  # the category recorded at admission
                check_recorded_category(self.organisation(s).categories or [], values["category"],
                                        admission_ground(s, r.id))
            store_card(s, actor, r, values)
            return resident_view(r)

