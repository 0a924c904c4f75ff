"""Every deadline shown the same way wherever it appears: how near it is (overdue, today, in 7 days, in 14 days
— ``app.domain.deadlines.bucket``, the one place that decides), what is due and for whom, and the rule that
set it in the tooltip (not in the text); and where a click on it leads (``deadline_target``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.domain.deadlines import Bucket, bucket
from app.domain.enums import DeadlineKind
from app.i18n import N_
from app.services.queries import DeadlineRow
from ui.i18n import fdate
from ui.models.table import Column

#: bucket → the colour key of ui.models.table.STATE_COLOURS (overdue red, today amber; the week ahead amber too)
BUCKET_STATE = {Bucket.OVERDUE: "overdue", Bucket.TODAY: "due", Bucket.DAYS_7: "due"}


def bucket_of(d: DeadlineRow, on: dt.date | None = None) -> Bucket:
    """The row's bucket as the service set it for its date, or on ``on``."""
    if on is None and d.bucket is not None:
        return d.bucket
    return bucket(d.due, on or dt.date.today())


def deadline_tooltip(d: DeadlineRow | None, on: dt.date | None = None) -> str:
    """The bucket, the rule id and the basis with the source of its number (R-15)."""
    if d is None:
        return ""
    return f"{bucket_of(d, on).text()} · {d.rule}: {d.basis.render()}"


def what_text(d: DeadlineRow) -> str:
    return DeadlineKind(d.kind).text()


DEADLINE_COLUMNS: list[Column[DeadlineRow]] = [
    Column(N_("When"), lambda d: bucket_of(d).text(), lambda d: d.due.isoformat(), tooltip=deadline_tooltip,
           state=lambda d: BUCKET_STATE.get(bucket_of(d))),
    Column(N_("Due"), lambda d: fdate(d.due), lambda d: d.due.isoformat(), tooltip=deadline_tooltip),
    Column(N_("Who"), lambda d: d.full_name, tooltip=deadline_tooltip),
    Column(N_("What"), what_text, tooltip=deadline_tooltip),
    Column(N_("Basis"), lambda d: d.basis.render(), tooltip=deadline_tooltip),
]


@dataclass(frozen=True)
class Target:
    """Where a deadline's record is shown: a screen and what to open on it."""

    page: str                 # ResidentsPage, QueuePage or OrganisationPage
    record: int | None = None  # the resident or the queue application
    tab: str = "personal"     # the resident card's tab
    field: str | None = None  # the organisation profile's field


_TABS = {DeadlineKind.PLAN_DRAW_UP: "plans", DeadlineKind.PLAN_COMPLETE: "plans", DeadlineKind.PLAN_APPROVE: "plans",
         DeadlineKind.PLAN_RENEW: "plans", DeadlineKind.PLAN_END: "plans", DeadlineKind.MONITORING: "monitoring",
         DeadlineKind.MONITORING_RECORD: "monitoring", DeadlineKind.DOCUMENTS: "casefile",
         DeadlineKind.IPR_EXPIRY: "personal"}
_FIELDS = {DeadlineKind.LICENCE_EXPIRY: "licence_valid_until", DeadlineKind.CONTRACT_EXPIRY: "contract_valid_until"}


def deadline_target(d: DeadlineRow) -> Target:
    """The organisation's own deadlines open its profile at the date field; a person offered a place or in the
    queue opens the queue at the application; every other one the resident's card on the tab that holds it."""
    kind = DeadlineKind(d.kind)
    if d.resident_id is None:
        return Target("OrganisationPage", field=_FIELDS.get(kind))
    if d.application_id is not None:
        return Target("QueuePage", d.application_id)
    return Target("ResidentsPage", d.resident_id, _TABS.get(kind, "personal"))


#: the filter choices of the deadlines screen: (value, msgid); None shows every bucket
BUCKET_CHOICES: list[tuple[Bucket | None, str]] = [
    (None, N_("All")), (Bucket.OVERDUE, Bucket.OVERDUE.msgid), (Bucket.TODAY, Bucket.TODAY.msgid),
    (Bucket.DAYS_7, Bucket.DAYS_7.msgid), (Bucket.DAYS_14, Bucket.DAYS_14.msgid), (Bucket.LATER, Bucket.LATER.msgid)]


def bucket_counts(rows: list[DeadlineRow]) -> dict[Bucket, int]:
    counts = dict.fromkeys(Bucket, 0)
    for d in rows:
        counts[bucket_of(d)] += 1
    return counts


def urgency(deadline: DeadlineRow | None, today: dt.date) -> str | None:
    """``"overdue"`` (red), ``"soon"`` (amber: today, in 7 or in 14 days) or None — from the one bucket
    function of app.domain.deadlines (the badge of ui.widgets.tables.BadgeDelegate)."""
    if deadline is None:
        return None
    near = bucket(deadline.due, today)
    if near == Bucket.OVERDUE:
        return "overdue"
    return None if near == Bucket.LATER else "soon"


def deadline_text(d: DeadlineRow | None) -> str:
    """The date first: a narrow column shortens the words, never the date."""
    return f"{fdate(d.due)} — {DeadlineKind(d.kind).text()}" if d else ""
