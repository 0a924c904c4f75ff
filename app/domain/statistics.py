"""Statistics shaped from counts: months of a period, running totals, age bands, the reasons a resident
is away, and the plain data every chart, table, print and export of the statistics is made from.

The counts come from the services (SQL aggregates over the movement events, the queue, plans and
monitoring); everything here is pure: the same numbers give the same series in any language.

The daily headcount (issue 13): the residents holding a place on a date (R-01: derived from the events),
present by unit and category, away by reason. A temporary departure's reason is free text in the journal
(column 12, R-01), so it is sorted into the groups the kitchen and the medical post count — in hospital,
on home leave — by the words staff write in Kazakh or Russian; a reason matching neither is counted as
"other" under its own text, and none given as "not stated".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from app.domain.enums import LabelledEnum
from app.domain.limits import clean
from app.i18n import N_

#: the charts in the order the screen and the print show them: key → title msgid
CHARTS: dict[str, str] = {
    "occupancy": N_("Places held at the end of each month"),
    "queue": N_("Queue length at the end of each month"),
    "admissions": N_("Admissions by month"),
    "discharges": N_("Discharges and transfers by month and reason"),
    "on_time": N_("Plans and monitoring done in time"),
    "age": N_("Age structure of the residents"),
    "category": N_("Residents by category"),
}

def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def month_end(month: dt.date) -> dt.date:
    return next_month(month) - dt.timedelta(days=1)


def months(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first days of the calendar months from ``start``'s to ``end``'s, both included."""
    out, m, last = [], month_start(start), month_start(end)
    while m <= last:
        out.append(m)
        m = next_month(m)
    return out


def running(base: int, deltas: Sequence[int]) -> list[int]:
    """The running total after each month: ``base`` plus the month's change and every earlier one."""
    out, total = [], base
    for d in deltas:
        total += d
        out.append(total)
    return out


def share(done: int, total: int) -> float | None:
    """The part done in time, 0 … 1; None when there was nothing to do."""
    return done / total if total else None


#: age bands of the structure chart (whole years on the date): (first age, last age or None, label)
AGE_BANDS: tuple[tuple[int, int | None, str], ...] = (
    (0, 17, "0–17"), (18, 39, "18–39"), (40, 59, "40–59"), (60, 69, "60–69"), (70, 79, "70–79"),
    (80, 89, "80–89"), (90, None, "90+"))


def age_band(age: int | None) -> int | None:
    """The index of ``age``'s band in ``AGE_BANDS``; None when the birth date is not known."""
    if age is None:
        return None
    for i, (lo, hi, _label) in enumerate(AGE_BANDS):
        if age >= lo and (hi is None or age <= hi):
            return i
    return None


class AbsenceGroup(LabelledEnum):
    """Why a resident holding a place is away on a date (a temporary departure, R-01)."""

    HOSPITAL = "hospital", N_("in hospital")
    HOME_LEAVE = "home_leave", N_("on home leave")
    OTHER = "other", N_("other reason")
    NOT_STATED = "not_stated", N_("reason not stated")


#: word stems of the reasons staff write (kk, ru), casefolded; hospital is tried first
_HOSPITAL = re.compile(r"аурухан|госпитал|больниц|стационар|емдел|лечени|hospital")
_HOME = re.compile(r"үй|демалыс|отпуск|дом|туыс|родн|родствен|отбас|семь|каникул|home|leave")


def absence_group(reason: str | None) -> AbsenceGroup:
    """The group of a temporary departure's reason (see the module docstring)."""
    text = (reason or "").strip().casefold()
    if not text:
        return AbsenceGroup.NOT_STATED
    if _HOSPITAL.search(text):
        return AbsenceGroup.HOSPITAL
    if _HOME.search(text):
        return AbsenceGroup.HOME_LEAVE
    return AbsenceGroup.OTHER


@dataclass(frozen=True)
class HeadcountRow:
    """One line of the daily headcount: a unit (None: the main part) and a category (None: not recorded)."""

    unit: str | None
    category: str | None
    present: int
    away: Mapping[AbsenceGroup, int]

    @property
    def away_total(self) -> int:
        return sum(self.away.values())

    @property
    def total(self) -> int:
        return self.present + self.away_total


@dataclass(frozen=True)
class Headcount:
    """Who holds a place on ``day``: present by unit and category, away by reason."""

    day: dt.date
    rows: tuple[HeadcountRow, ...]
    #: the texts of the reasons counted as "other", with how many are away for each
    other_reasons: tuple[tuple[str, int], ...] = ()

    @property
    def present(self) -> int:
        return sum(r.present for r in self.rows)

    def away(self, group: AbsenceGroup | None = None) -> int:
        return sum(r.away_total if group is None else r.away.get(group, 0) for r in self.rows)

    @property
    def total(self) -> int:
        return self.present + self.away()


def headcount(day: dt.date, people: Iterable[tuple[str | None, str | None, bool, str | None]]) -> Headcount:
    """The headcount from ``(unit, category, away?, departure reason)`` of each resident holding a place,
    rows sorted by unit (the main part first) then category."""
    present: dict[tuple, int] = {}
    away: dict[tuple, dict[AbsenceGroup, int]] = {}
    other: dict[str, int] = {}
    for unit, category, is_away, reason in people:
        key = (unit, category)
        present.setdefault(key, 0)
        away.setdefault(key, {})
        if is_away:
            g = absence_group(reason)
            away[key][g] = away[key].get(g, 0) + 1
            if g == AbsenceGroup.OTHER:
                text = (clean(reason) or "")
                other[text] = other.get(text, 0) + 1
        else:
            present[key] += 1
    keys = sorted(present, key=lambda k: (k[0] is not None, k[0] or "", k[1] is None, k[1] or ""))
    return Headcount(day, tuple(HeadcountRow(u, c, present[(u, c)], away[(u, c)]) for u, c in keys),
                     tuple(sorted(other.items(), key=lambda kv: (-kv[1], kv[0]))))


@dataclass(frozen=True)
class Series:
    """One named line or bar series of a chart: a msgid (or a data label) and one value per category."""

    name: str
    values: tuple[float | None, ...]
    translate: bool = True  # False: ``name`` is data (a unit's name), shown as it is


@dataclass(frozen=True)
class Chart:
    """A chart's data: its key, title msgid, kind (``line``, ``bar``, ``stacked``, ``share``, ``hbar``),
    the category labels (months as dates, or msgids / texts) and the series."""

    key: str
    title: str
    kind: str
    categories: tuple[dt.date | str, ...]
    series: tuple[Series, ...]
    #: the value axis: ``count`` (people) or ``share`` (0 … 1, shown as per cent)
    unit: str = "count"
    #: category labels that are msgids to translate (False: dates or data)
    translate_categories: bool = False
    extra: Mapping[str, object] = field(default_factory=dict)

    def total(self, series: int = 0) -> float:
        return sum(v or 0 for v in self.series[series].values)
