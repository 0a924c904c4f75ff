"""A person's age in full years on a date, and the date they reach an age (R-06 checks 18)."""

from __future__ import annotations

import datetime as dt


def age_on(birth: dt.date, day: dt.date) -> int:
    """Full years on ``day``: the birthday itself counts (18 on the 18th birthday)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age(birth: dt.date | None, day: dt.date) -> int | None:
    """``age_on`` for a birth date that may be unknown (None then): the one age every list and form shows."""
    return None if birth is None else age_on(birth, day)


def reaches_age(birth: dt.date, years: int) -> dt.date:
    """The first day on which ``age_on`` gives ``years`` (born 29 February: 1 March in a common year)."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return dt.date(birth.year + years, 3, 1)
