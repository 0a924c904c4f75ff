"""The organisation's structure: supported independent-living units and palliative wards
(R-27, R-36), and the capacity and vacancy of each.

A unit's places count within the organisation's total capacity (R-36): the residents not placed in
a unit live in the main part, whose places are the capacity less the units' places.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.enums import LabelledEnum, OrgType
from app.domain.errors import DomainError
from app.domain.fields import field_label
from app.domain.limits import clean
from app.domain.roster import vacant_places
from app.i18n import N_, M, Message


class UnitKind(LabelledEnum):
    """R-27: the units a stationary organisation may include (003 item 5)."""

    SUPPORTED_LIVING = "supported_living", N_("supported independent-living unit")
    PALLIATIVE = "palliative", N_("palliative care ward")


#: R-27, R-36: "жоба қуаты 6-дан 30-ға дейінгі орындары бар өз бетінше тұруды сүйемелдеу бөлімшелері" (003 item 5).
SUPPORTED_LIVING_MIN, SUPPORTED_LIVING_MAX = 6, 30


def check_unit(org_type: OrgType, kind: UnitKind | str | None, name: str | None, places: int | None) -> None:
    """R-27, R-36: only a stationary organisation has units; a supported-living unit has 6 to 30 places."""
    if OrgType(org_type) != OrgType.STATIONARY:
        raise DomainError(M("{field}: only a stationary organisation may have supported independent-living units "
                            "and palliative wards; the organisation's service condition is \"{org_type}\".",
                            field=field_label("unit_kind"), org_type=OrgType(org_type).label), "unit_kind")
    if kind is None:
        raise DomainError(M("{field}: choose the kind of unit.", field=field_label("unit_kind")), "unit_kind")
    if not clean(name):
        raise DomainError(M("{field}: this field is required.", field=field_label("unit_name")), "unit_name")
    if isinstance(places, bool) or not isinstance(places, int) or places < 1:
        raise DomainError(M("{field}: enter the number of places, a whole number of 1 or more.",
                            field=field_label("places")), "places")
    if UnitKind(kind) == UnitKind.SUPPORTED_LIVING and not SUPPORTED_LIVING_MIN <= places <= SUPPORTED_LIVING_MAX:
        raise DomainError(M("{field}: a supported independent-living unit has from {lo} to {hi} places; "
                            "{places} were entered.", field=field_label("places"), lo=SUPPORTED_LIVING_MIN,
                            hi=SUPPORTED_LIVING_MAX, places=places), "places")


def check_units_fit(capacity: int, unit_places: Iterable[int], field: str = "places") -> None:
    """R-36: the units' places count within the organisation's capacity; their sum may not exceed it."""
    total = sum(unit_places)
    if total > capacity:
        raise DomainError(M("{field}: the units would have {total} places in all, more than the organisation's "
                            "capacity of {capacity}; reduce the units' places or raise the capacity.",
                            field=field_label(field), total=total, capacity=capacity), field)


@dataclass(frozen=True)
class UnitOccupancy:
    """Capacity and vacancy of one unit, or of the main part (``unit_id`` None)."""

    unit_id: int | None
    name: str | Message | None
    kind: UnitKind | None
    places: int
    present: int
    temporarily_absent: int

    @property
    def occupied(self) -> int:
        return self.present + self.temporarily_absent

    @property
    def vacant(self) -> int:
        return max(self.places - self.occupied, 0)


@dataclass(frozen=True)
class UnitRow:
    """A unit as the occupancy computation needs it."""

    id: int
    name: str
    kind: UnitKind
    places: int


def occupancy_by_unit(capacity: int, units: Iterable[UnitRow],
                      counts: dict[int | None, tuple[int, int]]) -> list[UnitOccupancy]:
    """R-36: per unit, then the main part (the capacity less the units' places), each with who holds a place.
    ``counts`` maps a unit id (None: the main part) to (present, temporarily absent)."""
    units = list(units)
    rows = [UnitOccupancy(u.id, u.name, u.kind, u.places, *counts.get(u.id, (0, 0))) for u in units]
    main_places = max(capacity - sum(u.places for u in units), 0)
    rows.append(UnitOccupancy(None, None, None, main_places, *counts.get(None, (0, 0))))
    return rows


def check_unit_vacancy(unit: UnitOccupancy) -> None:
    """R-36: a person is placed in a unit only while it has a vacant place."""
    if unit.vacant <= 0:
        raise DomainError(M("{field}: \"{name}\" has no vacant place (places: {places}, occupied: {occupied}); "
                            "choose another unit or the main part.", field=field_label("unit"),
                            name=unit.name or "", places=unit.places, occupied=unit.occupied), "unit")


def check_part_vacancy(rows: Iterable[UnitOccupancy], unit_id: int | None) -> None:
    """R-36: the part a person is admitted to — a unit, or the main part (``unit_id`` None: the capacity
    less the units' places) — must have a vacant place of its own; the organisation's total vacancy
    (``roster.vacant_places``) is checked besides. ``rows`` as ``occupancy_by_unit`` returns them."""
    part = next(o for o in rows if o.unit_id == unit_id)
    if part.vacant > 0:
        return
    if unit_id is None:
        raise DomainError(M("{field}: the main part has no vacant place (places: {places}, the capacity less the "
                            "units' places; occupied: {occupied}); choose a unit with a vacant place.",
                            field=field_label("unit"), places=part.places, occupied=part.occupied), "unit")
    check_unit_vacancy(part)


def check_profile_keeps_units(org_type: OrgType, capacity: int, unit_places: Iterable[int]) -> None:
    """R-27, R-36 on a profile edit: with units, the organisation stays stationary and its capacity holds them."""
    unit_places = list(unit_places)
    if not unit_places:
        return
    if OrgType(org_type) != OrgType.STATIONARY:
        raise DomainError(M("{field}: the organisation has supported independent-living units or palliative wards, "
                            "which only a stationary organisation may have; remove them first.",
                            field=field_label("org_type")), "org_type")
    check_units_fit(capacity, unit_places, "capacity")


def total_vacancy(rows: Iterable[UnitOccupancy], on_offer: int) -> int:
    """R-36 with R-03: the organisation's vacancy over its units and main part — all places less everyone
    holding one and the places on offer to the queue (roster.vacant_places, the one vacancy computation;
    a part that holds more than its places takes them from the rest, so the rows' vacancies are not summed)."""
    rows = list(rows)
    return vacant_places(sum(o.places for o in rows), sum(o.present for o in rows),
                         sum(o.temporarily_absent for o in rows), on_offer)
