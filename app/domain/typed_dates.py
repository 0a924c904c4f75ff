"""Dates as people type them (issue 12, point 1): ``15.03.1945``, ``15031945``, ``15.3.45``,
``15/3/1945``, ``1945-03-15``. A two-digit year takes the century that makes sense for what the date
is: a birth date lies in the past, an event (an order, an admission, a notice) lies near today.

Pure rules, no Qt: the date field of the GUI and any other input use the same reading."""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum

#: the form a date is shown in and typed back from
DISPLAY_FORMAT = "%d.%m.%Y"


def iso(day: dt.date | dt.datetime | None) -> str:
    """A date's (or a moment's) sort key: ISO text, which sorts as the dates do; empty (first) for none."""
    return day.isoformat() if day else ""


class DateKind(str, Enum):
    """What a date is about: it decides the century of a two-digit year and where a calendar opens."""

    BIRTH = "birth"  # in the past; the calendar opens near 1950 (the residents are mostly elderly)
    EVENT = "event"  # near today


#: where the calendar of an empty birth-date field opens
BIRTH_CALENDAR_START = dt.date(1950, 1, 1)


def century_year(yy: int, kind: DateKind, today: dt.date) -> int:
    """The four-digit year of a two-digit ``yy``: for a birth date the latest year not after ``today``'s;
    for an event the year nearest to today (up to 50 years back, 49 ahead)."""
    if kind == DateKind.BIRTH:
        year = today.year // 100 * 100 + yy
        return year if year <= today.year else year - 100
    year = today.year // 100 * 100 + yy
    if year > today.year + 49:
        year -= 100
    elif year < today.year - 50:
        year += 100
    return year


def _parts(text: str) -> tuple[str, str, str] | None:
    digits_only = text.isdigit()
    if digits_only and len(text) == 8:  # 15031945
        return text[:2], text[2:4], text[4:]
    if digits_only and len(text) == 6:  # 150345
        return text[:2], text[2:4], text[4:]
    pieces = [p for p in re.split(r"\D+", text) if p]
    if len(pieces) != 3 or not re.fullmatch(r"[\d\s./\-,]+", text):
        return None
    if len(pieces[0]) == 4:  # ISO: 1945-03-15
        return pieces[2], pieces[1], pieces[0]
    return pieces[0], pieces[1], pieces[2]


def parse_typed_date(text: str, kind: DateKind = DateKind.EVENT, today: dt.date | None = None) -> dt.date | None:
    """The date ``text`` stands for, or None when it is not one (empty text included)."""
    text = text.strip()
    if not text:
        return None
    parts = _parts(text)
    if parts is None:
        return None
    day, month, year = parts
    if len(day) > 2 or len(month) > 2 or len(year) not in (2, 4):
        return None
    y = int(year)
    if len(year) == 2:
        y = century_year(y, kind, today or dt.date.today())
    try:
        return dt.date(y, int(month), int(day))
    except ValueError:
        return None


def format_typed_date(day: dt.date | None) -> str:
    return day.strftime(DISPLAY_FORMAT) if day else ""


def calendar_start(kind: DateKind, today: dt.date | None = None) -> dt.date:
    """Where the calendar of an empty field opens."""
    return BIRTH_CALENDAR_START if kind == DateKind.BIRTH else (today or dt.date.today())


def step(day: dt.date, part: str, delta: int) -> dt.date:
    """``day`` moved by ``delta`` days, months or years (``part``: "day", "month", "year"); a day past the
    end of the new month becomes its last day (31.01 + 1 month → 28.02 or 29.02)."""
    if part == "day":
        return day + dt.timedelta(days=delta)
    if part == "month":
        y, m = divmod(day.month - 1 + delta, 12)
        year, month = day.year + y, m + 1
    else:
        year, month = day.year + delta, day.month
    year = min(max(year, 1), 9999)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")
