"""Rules of the Annex 2 electronic journal that depend on the organisation's type or on the
journal as a whole: which reasons it must hold, what authorises a movement, the entry number
and the "finished" date (R-01, R-09). Pure: no database, no I/O.
"""

from __future__ import annotations

import datetime as dt

from app.domain.enums import OrgType
from app.domain.errors import DomainError
from app.domain.fields import field_label
from app.domain.limits import clean, wordless
from app.i18n import N_, M, Message

# R-01: the journal records the reason for a suspension (semi-stationary, home care: "тоқтата тұру
# себептері" — 000 items 21 1), 26 1)) and for a temporary departure (temporary stay: "уақытша
# шығуы себебі" — 000 item 35 2)). The stationary journal (item 11 1)) names the reason of a
# discharge only, so there a temporary departure's reason is optional.
DEPARTURE_REASON_REQUIRED: frozenset[OrgType] = frozenset(
    {OrgType.SEMI_STATIONARY, OrgType.HOME_CARE, OrgType.TEMPORARY_STAY})


def check_departure_reason(org_type: OrgType | None, reason: str | None) -> str | None:
    """R-01: the reason of a temporary departure (a suspension of services), stripped; refused when
    empty for a type whose journal must hold it."""
    text = clean(reason)
    if wordless(text) and org_type in DEPARTURE_REASON_REQUIRED:
        raise DomainError(M("{field}: give the reason; the journal of this organisation records it.",
                            field=field_label("reason")), "reason_text")
    return text


def check_discharge_reason(reason, reason_text: str | None) -> None:
    """A discharge names its reason (journal column 12); the "other" reason is described."""
    from app.domain.enums import DischargeReason

    if reason is None:
        raise DomainError(M("{field}: choose the reason for discharge.", field=field_label("reason")), "reason")
    if reason == DischargeReason.OTHER and wordless(reason_text):
        raise DomainError(M("{field}: describe the other reason.", field=field_label("reason")), "reason")


def decided_by_decision(org_type: OrgType | None) -> bool:
    """R-01: a home-care organisation records the number and date of the head's decision (шешім /
    решение), not of an order (бұйрық / приказ) — 000 item 26 1) "шешімнің нөмірі мен күнін"."""
    return org_type == OrgType.HOME_CARE


#: The captions of the authorising act's number and date: an order, or a home-care head's decision (R-01).
AUTHORITY_LABELS: dict[bool, tuple[str, str]] = {
    False: (N_("Order number"), N_("Order date")),
    True: (N_("Decision number"), N_("Decision date")),
}


def authority_labels(org_type: OrgType | None) -> tuple[str, str]:
    """R-01: the msgids naming the number and the date of what authorises a movement for this type."""
    return AUTHORITY_LABELS[decided_by_decision(org_type)]


def check_order(org_type: OrgType | None, number: str | None, date: dt.date | None) -> str:
    """R-01: a movement is recorded with the number and date of the head's order (a decision, in home care);
    both are required. Returns the number without surrounding spaces."""
    for value, field, k in ((number, "order_number", 0), (date, "order_date", 1)):
        if value is None or (isinstance(value, str) and not value.strip()):
            raise DomainError(M("{field}: this field is required.", field=Message(authority_labels(org_type)[k])),
                              field)
    assert number is not None  # checked in the loop
    number = number.strip()
    if wordless(number):  # "-", "—", "?": a placeholder, not the order's number
        raise DomainError(M("{field}: \"{value}\" is not a number; enter the number written on the document "
                            "(for example 15-ж).", field=Message(authority_labels(org_type)[0]), value=number),
                          "order_number")
    return number


def check_order_signed(org_type: OrgType | None, order_date: dt.date | None, event_date: dt.date | None,
                       today: dt.date | None = None) -> None:
    """R-01: the order (decision) is dated the day it was signed: not after today, nor after the event's own day when
    the event is recorded ahead (a movement may be, by a day)."""
    latest = max(today or dt.date.today(), event_date or dt.date.min)
    if order_date is not None and order_date > latest:
        raise DomainError(M("{field}: {day} is in the future; enter the date the document was signed.",
                            field=Message(authority_labels(org_type)[1]), day=order_date), "order_date")


def next_entry_number(highest: int | None) -> int:
    """R-09 (issue 9 point 13): an entry's number (column 1) is its place in the journal, given once
    when the entry is written — a queue application, or an admission not coming from the queue —
    and never changed, so every printout of any period shows the same number."""
    return (highest or 0) + 1


def journal_is_open(end: dt.date, today: dt.date) -> bool:
    """R-09: a journal whose period reaches today is still kept; its "finished" date stays blank."""
    return end >= today


#: R-01: in a home-care organisation the discharge rests on the head's decision, so does its copy in the file
DISCHARGE_DECISION_COPY = N_("copy of the discharge decision")


def document_kind_text(kind, org_type: OrgType | None) -> str:
    """A case-file document kind in the current language, as this organisation's type calls it (R-01)."""
    from app.domain.enums import DocumentKind
    from app.i18n import _

    if kind == DocumentKind.DISCHARGE_ORDER and decided_by_decision(org_type):
        return _(DISCHARGE_DECISION_COPY)
    return kind.text()
