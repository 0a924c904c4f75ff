"""The queue of persons in need: its legal order and the arrival rules.

- R-03 applications stand in the order in which they arrived;
- R-05 an applicant whose IPR expired and who passed re-certification keeps the earlier place;
- R-06 orphans turning 18 in a children's home are admitted out of turn (stationary);
- R-07 the arrival date may be moved once, for illness or hospitalisation, by up to 30
  calendar days (stationary) or up to 10 additional calendar days (semi-stationary);
- R-08 a person who does not arrive by the set date loses the turn to the next one.

The seeds set no number of days for arrival after a place is offered ("by the set
date"), so it is the organisation's setting (``arrival_days``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.domain.enums import OrgType, QueueOutcome
from app.domain.errors import DomainError
from app.i18n import M, Message

#: R-07: the most calendar days an arrival may be moved, by organisation type.
POSTPONEMENT_MAX_DAYS: dict[OrgType, int] = {
    OrgType.STATIONARY: 30,
    OrgType.SEMI_STATIONARY: 10,
}

#: Organisation setting, not from the acts: calendar days to arrive after a place is offered.
DEFAULT_ARRIVAL_DAYS = 10

ACTIVE_OUTCOMES = frozenset({QueueOutcome.WAITING, QueueOutcome.OFFERED})


@dataclass(frozen=True)
class QueueEntry:
    """What the ordering needs to know about one application."""

    id: int
    received_at: dt.datetime
    out_of_turn: bool = False
    original_received_at: dt.datetime | None = None  # kept on re-certification
    outcome: QueueOutcome = QueueOutcome.WAITING

    @property
    def standing_since(self) -> dt.datetime:
        return self.original_received_at or self.received_at


@dataclass(frozen=True)
class QueuePosition:
    position: int
    entry: QueueEntry
    rule: str
    reason: Message


def order_key(entry: QueueEntry) -> tuple:
    """Out of turn first (R-06), then by the time the place was first claimed (R-03, R-05)."""
    return (0 if entry.out_of_turn else 1, entry.standing_since, entry.id)


def queue_order(entries: Iterable[QueueEntry]) -> list[QueuePosition]:
    """The active applications in their legal order, each with the rule and reason for its place."""
    active = sorted((e for e in entries if e.outcome in ACTIVE_OUTCOMES), key=order_key)
    result = []
    for i, e in enumerate(active, start=1):
        if e.out_of_turn:
            rule, reason = "R-06", M("out of turn since {when}", when=e.standing_since)
        elif e.original_received_at and e.original_received_at != e.received_at:
            rule, reason = "R-05", M("earlier place kept after re-certification: in the queue since {when}",
                                     when=e.original_received_at)
        else:
            rule, reason = "R-03", M("in order of arrival: received {when}", when=e.received_at)
        result.append(QueuePosition(i, e, rule, reason))
    return result



def arrival_deadline(offered_on: dt.date, arrival_days: int = DEFAULT_ARRIVAL_DAYS) -> dt.date:
    return offered_on + dt.timedelta(days=arrival_days)


def postponed_deadline(org_type: OrgType, deadline: dt.date, days: int, already_postponed: bool,
                       reason: str) -> dt.date:
    """R-07: move the arrival date once, by up to 30 (stationary) or 10 (semi-stationary) calendar days."""
    limit = POSTPONEMENT_MAX_DAYS.get(org_type)
    if limit is None:
        raise DomainError(M("The rules give no postponement of arrival for a {type}.", type=org_type.label),
                          "postpone_days")
    if already_postponed:
        raise DomainError(M("The arrival date has already been moved once; it can be moved only once."),
                          "postpone_days")
    if not (reason or "").strip():
        raise DomainError(M("{field}: state the illness or hospitalisation that prevents arrival.",
                            field=Message("Postponement reason")), "postpone_reason")
    if days < 1 or days > limit:
        raise DomainError(M("{field}: {days} days is not allowed; enter 1 to {limit} calendar days.",
                            field=Message("Postponement (days)"), days=days, limit=limit), "postpone_days")
    return deadline + dt.timedelta(days=days)


def is_no_show(deadline: dt.date | None, today: dt.date) -> bool:
    """R-08: the set date has passed without arrival."""
    return deadline is not None and today > deadline


def next_in_line(order: Sequence[QueuePosition], exclude: int | None = None) -> QueuePosition | None:
    """R-08: the next application waiting for an offer."""
    for pos in order:
        if pos.entry.id != exclude and pos.entry.outcome == QueueOutcome.WAITING:
            return pos
    return None
