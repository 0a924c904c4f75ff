"""The organisation's units (R-27, R-36): supported independent-living units and palliative wards,
the residents placed in them, and the capacity and vacancy of each and of the main part."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import OrgUnit, Resident
from app.domain.enums import ResidentStatus
from app.domain.errors import DomainError
from app.domain.fields import field_label
from app.domain.permissions import UseCase
from app.domain.roster import HOLDS_PLACE
from app.domain.units import (
    UnitKind,
    UnitOccupancy,
    UnitRow,
    check_part_vacancy,
    check_unit,
    check_units_fit,
    occupancy_by_unit,
)
from app.i18n import N_, M, Message
from app.services.base import Actor, ServiceBase, snapshot

#: The organisation's places outside any unit (R-36).
MAIN_PART = Message(N_("main part"))


@dataclass(frozen=True)
class UnitView:
    id: int
    kind: UnitKind
    name: str
    places: int
    version: int


def _view(u: OrgUnit) -> UnitView:
    return UnitView(u.id, u.kind, u.name, u.places, u.version)


def unit_occupancy(session: Session) -> list[UnitOccupancy]:
    """R-36: each unit's places and who holds them, then the main part (the last row, ``unit_id`` None)."""
    org = ServiceBase.organisation(session)
    units = [UnitRow(u.id, u.name, u.kind, u.places) for u in session.scalars(select(OrgUnit).order_by(OrgUnit.id))]
    counts: dict[int | None, list[int]] = {}
    for unit_id, status, n in session.execute(select(Resident.unit_id, Resident.status, func.count())
                                              .where(Resident.status.in_(HOLDS_PLACE))
                                              .group_by(Resident.unit_id, Resident.status)):
        pair = counts.setdefault(unit_id, [0, 0])
        pair[0 if status == ResidentStatus.PRESENT else 1] += n
    return occupancy_by_unit(org.capacity, units, {k: (v[0], v[1]) for k, v in counts.items()})


def check_admission_part(session: Session, unit_id: int | None) -> None:
    """R-36: the part a person is admitted to (a unit, or None: the main part) exists and has a vacant
    place of its own. Without units the main part is the whole capacity, which the total vacancy check
    already covers."""
    if unit_id is not None:
        ServiceBase.get_row(session, OrgUnit, unit_id, "unit")
    elif session.scalar(select(OrgUnit.id).limit(1)) is None:
        return
    check_part_vacancy(unit_occupancy(session), unit_id)


class UnitService(ServiceBase):
    def units(self) -> list[UnitView]:
        with self.reading() as s:
            return [_view(u) for u in s.scalars(select(OrgUnit).order_by(OrgUnit.id))]

    def unit_of(self, resident_id: int) -> int | None:
        """The unit a resident is placed in (None: the main part)."""
        with self.reading() as s:
            return s.scalar(select(Resident.unit_id).where(Resident.id == resident_id))

    def occupancy(self) -> list[UnitOccupancy]:
        """Per unit, then the main part (last)."""
        with self.reading() as s:
            return unit_occupancy(s)

    def _check(self, s: Session, kind: UnitKind, name: str, places: int, unit_id: int | None = None) -> None:
        org = self.organisation(s)
        check_unit(org.org_type, kind, name, places)
        others = s.scalars(select(OrgUnit.places).where(OrgUnit.id != unit_id) if unit_id else
                           select(OrgUnit.places)).all()
        check_units_fit(org.capacity, [*others, places])

    def add(self, actor: Actor, kind: UnitKind, name: str, places: int) -> UnitView:
        """R-27, R-36: a unit of a stationary organisation; its places count within the capacity."""
        self.permit(actor, UseCase.UNIT_EDIT)
        with self.unit(actor) as s:
            self._check(s, kind, name, places)
            u = OrgUnit(kind=UnitKind(kind), name=name.strip(), places=places, version=1)
            s.add(u)
            self.audit(s, actor, "unit.add", u)
            return _view(u)

    def update(self, actor: Actor, unit_id: int, kind: UnitKind, name: str, places: int,
               expected_version: int) -> UnitView:
        self.permit(actor, UseCase.UNIT_EDIT)
        with self.unit(actor) as s:
            u = self.get_row(s, OrgUnit, unit_id, "unit")
            self.check_version(u, expected_version)
            self._check(s, kind, name, places, unit_id)
            held = s.scalar(select(func.count(Resident.id)).where(Resident.unit_id == u.id,
                                                                  Resident.status.in_(HOLDS_PLACE))) or 0
            if places < held:
                raise DomainError(M("{field}: {held} residents are placed in \"{name}\"; the unit cannot have fewer "
                                    "places. Move some of them first.", field=field_label("places"), held=held, name=u.name),
                                  "places")
            before = snapshot(u)
            u.kind, u.name, u.places = UnitKind(kind), name.strip(), places
            self.bump(u)
            self.audit(s, actor, "unit.update", u, before=before)
            return _view(u)

    def remove(self, actor: Actor, unit_id: int) -> None:
        """A unit with residents placed in it is not removed (move them first)."""
        self.permit(actor, UseCase.UNIT_EDIT)
        with self.unit(actor) as s:
            u = self.get_row(s, OrgUnit, unit_id, "unit")
            if s.scalar(select(func.count(Resident.id)).where(Resident.unit_id == u.id)):
                raise DomainError(M("Residents are placed in \"{name}\"; move them to another unit or the main part "
                                    "before removing it.", name=u.name), "unit")
            self.audit(s, actor, "unit.remove", entity="org_unit", entity_id=u.id, before=snapshot(u))
            s.delete(u)

    def place(self, actor: Actor, resident_id: int, unit_id: int | None) -> None:
        """R-36: place a resident in a unit (``None``: the main part) while it has a vacant place."""
        self.permit(actor, UseCase.UNIT_PLACE)
        with self.unit(actor, places=True) as s:  # two PCs placing into a unit's last place: one at a time
            r = self.get_row(s, Resident, resident_id, "resident")
            if r.unit_id == unit_id:
                return
            if unit_id is not None:
                self.get_row(s, OrgUnit, unit_id, "unit")
            if r.status in HOLDS_PLACE:
                check_part_vacancy(unit_occupancy(s), unit_id)
            before = snapshot(r)
            r.unit_id = unit_id
            self.bump(r)
            self.audit(s, actor, "resident.unit", r, before=before)
