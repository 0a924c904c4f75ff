"""Two dates in the wrong order, said in plain words (issue 12, point 2): "Дата выбытия (04.12.2026) раньше
даты поступления (05.12.2026)" — both dates named as the user knows them, the earlier one in the form the
sentence needs (the catalogs give it under the context ``earlier date``: Russian genitive, Kazakh ablative).

Also the order of a movement after the one before it (R-01, R-02): one place for the service and the form."""

from __future__ import annotations

import datetime as dt

from app.domain.enums import MovementKind
from app.domain.errors import DomainError
from app.i18n import N_, M, Message

#: the pgettext context of a date label as it reads after "before" (ru: "раньше даты поступления")
EARLIER = "earlier date"

#: the date of each movement, as its dialog calls it
MOVEMENT_DATE_LABELS: dict[MovementKind, str] = {
    MovementKind.ADMISSION: N_("Date of admission"),
    MovementKind.TEMPORARY_DEPARTURE: N_("Date of departure"),
    MovementKind.RETURN: N_("Date of return"),
    MovementKind.DISCHARGE: N_("Date of discharge"),
    MovementKind.TRANSFER: N_("Date of transfer"),
}

ADMITTED_ON = MOVEMENT_DATE_LABELS[MovementKind.ADMISSION]

#: other dates compared with each other
OFFERED_ON = N_("Offered on")
RECERTIFIED_ON = N_("Re-certification date")
NEW_IPR_UNTIL = N_("New IPR valid until")
OBSERVATION_START, OBSERVATION_END = N_("Observation start"), N_("Observation end")
ACTIVITY_START, ACTIVITY_END = N_("Activity start"), N_("Activity end")
DRAWN_UP_ON = N_("Drawn up on")
COMPLETED_ON, APPROVED_ON = N_("Date of completion"), N_("Date of approval")
RETURNED_ON = N_("Date of the return for changes")
MONITORING_DATE, RECORDED_ON = N_("Monitoring date"), N_("Date of the record")
RECEIVED, BIRTH_DATE = N_("Received"), N_("Date of birth")
AGE_CHECKED_ON, NO_SHOW_ON, WITHDRAWN_ON = N_("Age checked on"), N_("Recorded on"), N_("Withdrawn on")
DOCUMENT_RECEIVED_ON, CONSENT_ON = N_("Date received"), N_("Date of the written consent")
OPENED_ON = N_("Opened on")

#: the labels above that come first in a comparison, in the form "before …" needs (for extraction)
_EARLIER_FORMS = (N_("Date of admission"), N_("Date of departure"), N_("Date of return"), N_("Date of discharge"),
                  N_("Date of transfer"), OFFERED_ON, RECERTIFIED_ON, OBSERVATION_START, ACTIVITY_START, DRAWN_UP_ON,
                  COMPLETED_ON, MONITORING_DATE, APPROVED_ON, RECEIVED, BIRTH_DATE)


def check_not_before(later: dt.date | None, earlier: dt.date | None, field: str, later_label: str,
                     earlier_label: str) -> None:
    """Refuse ``later`` (the value of ``field``) when it is before ``earlier``, naming both dates."""
    if later is not None and earlier is not None and later < earlier:
        raise DomainError(M("{later_label} ({later}) is before {earlier_label} ({earlier}).",
                            later_label=Message(later_label), later=later,
                            earlier_label=Message(earlier_label, context=EARLIER), earlier=earlier), field)


def check_not_future(day: dt.date | None, today: dt.date, field: str, label: str) -> None:
    """Refuse the date of something done — an application received, a place offered, an arrival missed, a plan
    drawn up or approved, a monitoring held — when it is after ``today``: a date ahead would check an age, start
    a deadline or end one where the rules do not (R-06: 18 on the day; R-08: not arrived by the set date; R-15)."""
    if day is not None and day > today:
        raise DomainError(M("{field}: {day} is in the future; enter the day it happened.", field=Message(label),
                            day=day), field)


def check_movement_date(kind: MovementKind, event_date: dt.date | None, last_kind: MovementKind | None,
                        last_date: dt.date | None, today: dt.date) -> None:
    """R-01, R-02: a movement is recorded when it happens (not ahead; a day's grace for the time zone) and
    not before the resident's last recorded movement."""
    if event_date is None:
        return
    if event_date > today + dt.timedelta(days=1):
        raise DomainError(M("{field}: {day} is in the future; movements are recorded when they happen.",
                            field=Message(MOVEMENT_DATE_LABELS[kind]), day=event_date), "event_date")
    if last_kind is not None:
        check_not_before(event_date, last_date, "event_date", MOVEMENT_DATE_LABELS[kind],
                         MOVEMENT_DATE_LABELS[last_kind])
