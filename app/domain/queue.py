"""The queue of persons in need: its legal order and the arrival rules.

- R-03 applications stand in the order in which they arrived; a vacant place goes to the first in
  line and is held for them while it is on offer (``roster.vacant_places``); a person admitted
  directly while others wait needs a recorded ground (``check_direct_admission``);
- R-05 an applicant whose IPR expired and who passed re-certification keeps the earlier place;
- R-06 orphans and children left without parental care who turned 18 living in a stationary
  (children's) organisation are admitted out of turn to a stationary organisation for adults;
  nobody else, and nowhere else (``check_out_of_turn``);
- R-07 the arrival date may be moved once, for illness or hospitalisation, by up to 30
  calendar days (stationary) or up to 10 additional calendar days (semi-stationary), on the
  notice of the recipient or the legal representative received while the date had not passed;
- R-08 a person who does not arrive by the set date loses the turn to the next one; from the
  next day the missed arrival is a deadline for staff (``missed_arrival``).

The seeds set no number of days for arrival after a place is offered ("by the set
date"), so it is the organisation's setting (``arrival_days``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.age import age_on, reaches_age
from app.domain.deadlines import Deadline
from app.domain.enums import (
    DeadlineKind,
    DirectAdmissionGround,
    NoticeSender,
    OrgType,
    OutOfTurnGround,
    PostponementCause,
    QueueOutcome,
)
from app.domain.errors import DomainError
from app.domain.fields import field_label
from app.domain.limits import clean, wordless
from app.domain.roster import Occupancy
from app.i18n import M, Message

#: R-07: the most calendar days an arrival may be moved, by organisation type.
POSTPONEMENT_MAX_DAYS: dict[OrgType, int] = {
    OrgType.STATIONARY: 30,
    OrgType.SEMI_STATIONARY: 10,
}

#: Organisation setting, not from the acts: calendar days to arrive after a place is offered.
DEFAULT_ARRIVAL_DAYS = 10
#: ... and the most it may be (the profile's field offers 1 to 90): none or fewer would end the time to arrive on
#: the day of the offer or before it (R-08)
MAX_ARRIVAL_DAYS = 90

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


@dataclass(frozen=True)
class PostponementNotice:
    """R-07: the notice that the person cannot physically arrive by the set date (through the portal,
    signed by the recipient or, for minors and legally incapable persons, the legal representative)."""

    received_on: dt.date | None
    sender: NoticeSender | None
    cause: PostponementCause | None
    details: str | None = None


def postponed_deadline(org_type: OrgType, deadline: dt.date, days: int, already_postponed: bool,
                       notice: PostponementNotice, today: dt.date, offered_on: dt.date | None = None) -> dt.date:
    """R-07: move the arrival date once, by up to 30 (stationary) or 10 (semi-stationary) calendar days,
    on a notice of illness or hospitalisation received while the arrival date had not passed."""
    limit = POSTPONEMENT_MAX_DAYS.get(org_type)
    if limit is None:
        raise DomainError(M("The rules give no postponement of arrival for a {type}.", type=org_type.label),
                          "postpone_days")
    if already_postponed:
        raise DomainError(M("The arrival date has already been moved once; it can be moved only once."),
                          "postpone_days")
    received = notice.received_on
    if received is None:
        raise DomainError(M("{field}: enter the date the notice of inability to arrive was received.",
                            field=field_label("notice_received_on")), "notice_received_on")
    if received > today:
        raise DomainError(M("{field}: {day} is in the future; enter the date the notice was received.",
                            field=field_label("notice_received_on"), day=received), "notice_received_on")
    if offered_on is not None and received < offered_on:
        raise DomainError(M("{field}: {day} is before the place was offered ({offered}); enter the date the "
                            "notice was received.", field=field_label("notice_received_on"), day=received,
                            offered=offered_on), "notice_received_on")
    if received > deadline:
        raise DomainError(M("{field}: the notice came on {day}, after the arrival date {deadline} had passed; the "
                            "arrival can be moved only on a notice received by that date. Record that the person "
                            "did not arrive (R-08).", field=field_label("notice_received_on"), day=received,
                            deadline=deadline), "notice_received_on")
    if notice.sender is None:
        raise DomainError(M("{field}: choose who signed the notice: the recipient or the legal representative.",
                            field=field_label("notice_from")), "notice_from")
    if notice.cause is None:
        raise DomainError(M("{field}: choose illness or hospitalisation; the arrival is moved only for them.",
                            field=field_label("postponement_cause")), "postponement_cause")
    if days < 1 or days > limit:
        raise DomainError(M("{field}: {days} days is not allowed; enter 1 to {limit} calendar days.",
                            field=Message("Postponement (days)"), days=days, limit=limit), "postpone_days")
    return deadline + dt.timedelta(days=days)


def is_no_show(deadline: dt.date | None, today: dt.date) -> bool:
    """R-08: the set date has passed without arrival."""
    return deadline is not None and today > deadline


def missed_arrival(offered_on: dt.date | None, deadline: dt.date | None, on: dt.date) -> Deadline | None:
    """R-08: from the day after the arrival date, staff record the no-show and offer the place to the next."""
    if deadline is None or not is_no_show(deadline, on):
        return None
    return Deadline(DeadlineKind.ARRIVAL, deadline, "R-08",
                    M("offered a place on {offered}, did not arrive by {day}: record that the person did not "
                      "arrive and offer the place to the next in the queue", offered=offered_on, day=deadline))


def check_direct_admission(first_waiting: str | None, ground: DirectAdmissionGround | None,
                           ground_text: str | None) -> str | None:
    """R-03: while people wait in the queue for a vacancy, a person is admitted directly only on a recorded
    ground (transfer from an organisation of the same type, a court decision, an admission the portal sent
    directly, or another ground staff describe). Returns the ground's text, stripped."""
    text = clean(ground_text)
    if ground == DirectAdmissionGround.OTHER and wordless(text):
        raise DomainError(M("{field}: describe the other ground for admitting the person directly.",
                            field=field_label("direct_ground_text")), "direct_ground_text")
    if first_waiting is not None and ground is None:
        raise DomainError(M("{field}: {name} is waiting in the queue for a vacancy (R-03). Offer the place to the "
                            "first in line, or choose the ground for admitting this person directly.",
                            field=field_label("direct_ground"), name=first_waiting), "direct_ground")
    return text


@dataclass(frozen=True)
class OutOfTurn:
    """R-06: the recorded ground of an out-of-turn application."""

    ground: OutOfTurnGround | None
    came_from: str | None  # the children's organisation the person comes from
    note: str | None = None
    left_on: dt.date | None = None  # the day the person left (or will leave) that children's organisation


#: R-06: "он сегіз жасқа толған" — having turned eighteen
OUT_OF_TURN_AGE = 18


def out_of_turn_exists(org_type: OrgType) -> bool:
    """R-06: out-of-turn admission is "to a stationary organisation for adults" only: in another type every
    application stands in the order of arrival (R-03), whatever ground was recorded or marked."""
    return org_type == OrgType.STATIONARY


def portal_claim(org_type: OrgType) -> Message:
    """R-06: what the queue says under the place of an application the portal's file marks out of turn while its
    ground is not recorded: a file carries none of what :func:`check_out_of_turn` needs, so it stands in the order
    of arrival (R-03) until the staff record the ground with "Out of turn" — in a stationary organisation only.
    Shown in a table cell: the rule's code is in the cell's tooltip, not here."""
    if out_of_turn_exists(org_type):
        return M("marked out of turn on the portal: stands in the order of arrival until its ground is recorded "
                 "with \"Out of turn\"")
    return M("marked out of turn on the portal: out-of-turn admission exists only in a stationary organisation")


def portal_claims_notice(org_type: OrgType, n: int) -> Message:
    """R-06: what an import's summary says of the ``n`` applications its file marks out of turn (:func:`portal_claim`:
    what the queue then says of each)."""
    if out_of_turn_exists(org_type):
        return M("{n} application(s) are marked out of turn on the portal. They stand in the order of arrival until "
                 "their ground is recorded (R-06): select each in the queue and press \"Out of turn\".", n=n)
    return M("{n} application(s) are marked out of turn on the portal; out-of-turn admission (R-06) exists only in a "
             "stationary organisation, so they stand in the order of arrival.", n=n)


def check_out_of_turn(org_type: OrgType, birth_date: dt.date | None, on: dt.date, claim: OutOfTurn,
                      applied_on: dt.date | None = None) -> None:
    """R-06: out of turn only in a stationary organisation, only for an orphan or a child left without
    parental care who comes from a (children's) stationary organisation and is 18 or older on ``on``.

    The seed (004 item 11 1): "Он сегіз жасқа толған және стационарлық үлгідегі ұйымдарда тұратын жетім
    балалар ...") gives it to children who have turned 18 *and live* in a stationary organisation: the day
    they leave (or will leave) it (``claim.left_on``) is required, they are 18 or older on that day (they
    still lived there at 18), and it is not before the application (``applied_on``): a person who left the
    children's organisation before applying no longer lives there (an 81-year-old who left in 1963 is not
    admitted out of turn)."""
    if not out_of_turn_exists(org_type):
        raise DomainError(M("{field}: out-of-turn admission (R-06) exists only in a stationary organisation; in a "
                            "{type} applications stand in the order of arrival (R-03).",
                            field=field_label("out_of_turn_ground"), type=org_type.label), "out_of_turn_ground")
    if claim.ground is None:
        raise DomainError(M("{field}: choose orphan or child left without parental care; only they are admitted "
                            "out of turn (R-06).", field=field_label("out_of_turn_ground")), "out_of_turn_ground")
    if not clean(claim.came_from):
        raise DomainError(M("{field}: enter the children's organisation the person comes from (R-06).",
                            field=field_label("out_of_turn_from")), "out_of_turn_from")
    if birth_date is None:
        raise DomainError(M("{field}: enter the date of birth; out of turn is only for a person who has turned "
                            "18 (R-06).", field=field_label("birth_date")), "birth_date")
    age = age_on(birth_date, on)
    if age < OUT_OF_TURN_AGE:
        raise DomainError(M("{field}: on {day} the person is {age}; out of turn is only for a person who has turned "
                            "18 (R-06), that is from {from_day}. Until then the application stands in the order of "
                            "arrival.", field=field_label("birth_date"), day=on, age=age,
                            from_day=reaches_age(birth_date, OUT_OF_TURN_AGE)), "birth_date")
    left = claim.left_on
    if left is None:
        raise DomainError(M("{field}: enter the day the person left or will leave the children's organisation; out "
                            "of turn is only for a person who turned 18 while living there (R-06).",
                            field=field_label("out_of_turn_left_on")), "out_of_turn_left_on")
    adult = reaches_age(birth_date, OUT_OF_TURN_AGE)
    if left < adult:
        raise DomainError(M("{field}: on {day} the person was {age}; out of turn is only for a person who turned 18 "
                            "({from_day}) while still living in the children's organisation (R-06).",
                            field=field_label("out_of_turn_left_on"), day=left, age=age_on(birth_date, left),
                            from_day=adult), "out_of_turn_left_on")
    if applied_on is not None and left < applied_on:
        raise DomainError(M("{field}: the person left the children's organisation on {day}, before the application "
                            "of {applied}; out of turn is only for a person who still lives there when applying "
                            "(R-06). The application stands in the order of arrival.",
                            field=field_label("out_of_turn_left_on"), day=left, applied=applied_on),
                          "out_of_turn_left_on")


@dataclass(frozen=True)
class QueueScreen:
    """What the queue screen knows besides the selected application: who waits first (R-03, R-06), the
    places (R-07's offer needs a vacant one), the organisation's type and the day."""

    first_waiting: tuple[int, str, Message] | None  # (application id, name, the reason of their position)
    places: Occupancy
    org_type: OrgType
    today: dt.date


def why_not(action: str, app_id: int, outcome: QueueOutcome, priority_out_of_turn: bool,
            postponed: bool, arrival_deadline: dt.date | None, screen: QueueScreen) -> Message | None:
    """Issue 12 point 5: why an action on the selected application will be refused now (the same rules the
    services apply), or None when it may be done. ``action``: out_of_turn, recertify, withdraw, offer,
    postpone, no_show, admit."""
    if outcome not in ACTIVE_OUTCOMES:
        return M("The application is no longer in the queue.")
    if action == "out_of_turn":
        if not out_of_turn_exists(screen.org_type):
            return M("Out-of-turn admission (R-06) exists only in a stationary organisation.")
        if priority_out_of_turn:
            return M("The application already stands out of turn.")
    elif action == "offer":
        if outcome != QueueOutcome.WAITING:
            return M("A place has already been offered to this person.")
        first = screen.first_waiting
        if first is not None and first[0] != app_id:  # the legal order
            return M("{name} stands before this person in the queue ({reason}); offer the place to them first.",
                     name=first[1], reason=first[2])
        places = screen.places
        if places.vacant <= 0:
            return M("There is no vacant place to offer: capacity {capacity}, occupied {occupied}, already offered "
                     "{offered}.", capacity=places.capacity, occupied=places.occupied, offered=places.on_offer)
    elif action in ("postpone", "no_show", "admit"):
        if outcome != QueueOutcome.OFFERED:
            return M("Only a person offered a place can arrive, have the arrival moved or be recorded as not "
                     "arrived; offer the place first.")
        if action == "postpone":
            if POSTPONEMENT_MAX_DAYS.get(screen.org_type) is None:
                return M("The rules give no postponement of arrival for a {type}.", type=screen.org_type.label)
            if postponed:
                return M("The arrival date has already been moved once; it can be moved only once.")
            # a date that has passed does not close it: a notice received by the arrival date may be recorded
            # later (postponed_deadline checks the notice's date)
        if action == "no_show" and not is_no_show(arrival_deadline, screen.today):
            return M("The person still has until {day} to arrive.", day=arrival_deadline)
    return None
