import datetime as dt

from app.domain.calendar import WorkCalendar


def test_weekends_and_public_holidays_are_not_working_days():
    cal = WorkCalendar()
    assert not cal.is_working_day(dt.date(2026, 11, 21))  # Saturday
    assert not cal.is_working_day(dt.date(2026, 12, 16))  # Independence Day
    assert not cal.is_working_day(dt.date(2026, 3, 23))   # Nauryz
    assert cal.is_working_day(dt.date(2026, 11, 23))


def test_a_holiday_inside_a_working_day_deadline_moves_it():
    cal = WorkCalendar()
    # Tuesday 15 Dec 2026 + 2 working days: 16 Dec is a holiday -> Thu 17, Fri 18
    assert cal.add_working_days(dt.date(2026, 12, 15), 2) == dt.date(2026, 12, 18)
    # Friday + 1 working day -> Monday
    assert cal.add_working_days(dt.date(2026, 11, 20), 1) == dt.date(2026, 11, 23)


def test_decree_overrides_make_days_working_or_not():
    bridge, worked_saturday = dt.date(2026, 12, 18), dt.date(2026, 12, 19)
    cal = WorkCalendar({bridge: False, worked_saturday: True})
    assert not cal.is_working_day(bridge)
    assert cal.is_working_day(worked_saturday)
    assert cal.add_working_days(dt.date(2026, 12, 15), 2) == dt.date(2026, 12, 19)
