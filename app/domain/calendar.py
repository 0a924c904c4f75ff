"""The working-day calendar of Kazakhstan with organisation overrides.

Public holidays come from the ``holidays`` package (country ``KZ``), which moves a
holiday that falls on a weekend but lacks the day transfers made each year by
government decree. An organisation records those as overrides: a day made working
(a Saturday worked in exchange) or made non-working (a bridge day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType

ONE_DAY = dt.timedelta(days=1)

_known: dict[int, frozenset[dt.date]] = {}  # year → public holidays, computed or remembered


def compute_public_holidays(years: Iterable[int]) -> dict[int, frozenset[dt.date]]:
    """Kazakhstan's public holidays of ``years`` from the ``holidays`` package (imported only here:
    loading it takes a third of a second, so a start uses the table it remembered instead)."""
    import holidays

    return {year: frozenset(holidays.country_holidays("KZ", years=year).keys()) for year in years}


def remember_public_holidays(table: Mapping[int, Iterable[dt.date]]) -> None:
    """Holidays computed earlier (by :func:`compute_public_holidays`, kept between runs)."""
    _known.update({year: frozenset(days) for year, days in table.items()})


def _public_holidays(year: int) -> frozenset[dt.date]:
    days = _known.get(year)
    if days is None:
        days = _known[year] = compute_public_holidays([year])[year]
    return days


class WorkCalendar:
    """Working days: Monday–Friday, less public holidays, with ``overrides`` (date → working?)."""

    def __init__(self, overrides: Mapping[dt.date, bool] | None = None) -> None:
        self.overrides: Mapping[dt.date, bool] = MappingProxyType(dict(overrides or {}))  # fixed: results are cached
        self._added: dict[tuple[dt.date, int], dt.date] = {}  # deadlines for thousands share a few hundred dates

    def is_public_holiday(self, day: dt.date) -> bool:
        return day in _public_holidays(day.year)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return day.weekday() < 5 and not self.is_public_holiday(day)

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``start`` (``start`` itself does not count)."""
        if n < 0:
            raise ValueError("n must not be negative")
        known = self._added.get((start, n))
        if known is not None:
            return known
        day = start
        left = n
        while left:
            day += ONE_DAY
            if self.is_working_day(day):
                left -= 1
        self._added[(start, n)] = day
        return day

