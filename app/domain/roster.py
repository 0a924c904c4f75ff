"""The roster derived from movement events (R-01, R-02), and vacancies.

A person's state is never a flag typed by hand: it is the result of their movement
events, applied in order. Readmission after a discharge is an admission marked
"returned" (R-02).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.enums import MovementKind, ResidentStatus
from app.domain.errors import DomainError
from app.i18n import M

#: The state each kind of event leaves a person in, whatever came before (the journal's status column).
STATUS_AFTER: dict[MovementKind, ResidentStatus] = {
    MovementKind.ADMISSION: ResidentStatus.PRESENT, MovementKind.RETURN: ResidentStatus.PRESENT,
    MovementKind.TEMPORARY_DEPARTURE: ResidentStatus.TEMPORARILY_ABSENT,
    MovementKind.DISCHARGE: ResidentStatus.DISCHARGED, MovementKind.TRANSFER: ResidentStatus.TRANSFERRED,
}

# state → the events that may follow it (each leads to STATUS_AFTER[kind])
_ALLOWED: dict[ResidentStatus, frozenset[MovementKind]] = {
    ResidentStatus.IN_QUEUE: frozenset({MovementKind.ADMISSION}),
    ResidentStatus.PRESENT: frozenset({MovementKind.TEMPORARY_DEPARTURE, MovementKind.DISCHARGE,
                                       MovementKind.TRANSFER}),
    ResidentStatus.TEMPORARILY_ABSENT: frozenset({MovementKind.RETURN, MovementKind.DISCHARGE,
                                                  MovementKind.TRANSFER}),
    ResidentStatus.DISCHARGED: frozenset({MovementKind.ADMISSION}),
    ResidentStatus.TRANSFERRED: frozenset({MovementKind.ADMISSION}),
}

#: States in which the person holds a place (a temporarily absent resident's place is kept).
HOLDS_PLACE = frozenset({ResidentStatus.PRESENT, ResidentStatus.TEMPORARILY_ABSENT})


def next_status(current: ResidentStatus, kind: MovementKind) -> ResidentStatus:
    """The state after ``kind``; refuses a movement that cannot follow ``current``."""
    if kind in _ALLOWED.get(current, ()):
        return STATUS_AFTER[kind]
    raise DomainError(M("A {kind} cannot be recorded for a person whose status is \"{status}\".",
                        kind=kind.label, status=current.label), "kind")


def is_readmission(current: ResidentStatus, kind: MovementKind) -> bool:
    """R-02: an admission of someone who left earlier is marked "returned"."""
    return kind == MovementKind.ADMISSION and current in (ResidentStatus.DISCHARGED, ResidentStatus.TRANSFERRED)


def vacant_places(capacity: int, present: int, temporarily_absent: int, on_offer: int) -> int:
    """R-03, R-08: the one vacancy computation — capacity − present − temporarily absent − places on offer.

    A temporarily absent resident keeps their place; a place offered to the first person in the queue
    is held for them until they arrive, postpone (R-07) or are recorded as not arrived (R-08)."""
    return max(capacity - present - temporarily_absent - on_offer, 0)


@dataclass(frozen=True)
class Occupancy:
    capacity: int
    present: int
    temporarily_absent: int
    on_offer: int = 0  # places offered to persons in the queue, held until they arrive

    @property
    def occupied(self) -> int:
        return self.present + self.temporarily_absent

    @property
    def vacant(self) -> int:
        """vacancy = capacity − present − temporarily absent − places on offer (see ``vacant_places``)."""
        return vacant_places(self.capacity, self.present, self.temporarily_absent, self.on_offer)


def check_vacancy(occ: Occupancy) -> None:
    """R-03: with no vacant place, a person is registered in the queue, not admitted; a place on offer
    is not vacant."""
    if occ.vacant <= 0:
        raise DomainError(
            M("There is no vacant place: capacity {capacity}, occupied {occupied}, offered to persons in the queue "
              "{on_offer}. Register the person in the queue instead.", capacity=occ.capacity,
              occupied=occ.occupied, on_offer=occ.on_offer),
            "capacity",
        )
