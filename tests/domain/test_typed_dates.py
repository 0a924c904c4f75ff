"""Issue 12, point 1: dates as people type them (app.domain.typed_dates)."""

import datetime as dt

import pytest

from app.domain.enums import Sex
from app.domain.identity import birth_and_sex, make_iin
from app.domain.typed_dates import DateKind, calendar_start, parse_typed_date, step

TODAY = dt.date(2026, 12, 6)


@pytest.mark.parametrize("text", ["15.03.1945", "15031945", "15.3.45", "15/3/1945", "15-03-1945", " 15.03.1945 ",
                                  "1945-03-15", "150345"])
def test_every_typed_form_of_a_birth_date_reads_15_march_1945(text):
    assert parse_typed_date(text, DateKind.BIRTH, TODAY) == dt.date(1945, 3, 15)


def test_a_two_digit_year_of_a_birth_date_is_in_the_past_of_an_event_near_today():
    assert parse_typed_date("01.02.26", DateKind.BIRTH, TODAY) == dt.date(2026, 2, 1)  # not after this year
    assert parse_typed_date("01.02.27", DateKind.BIRTH, TODAY) == dt.date(1927, 2, 1)
    assert parse_typed_date("01.02.27", DateKind.EVENT, TODAY) == dt.date(2027, 2, 1)  # next year's order
    assert parse_typed_date("01.02.80", DateKind.EVENT, TODAY) == dt.date(1980, 2, 1)
    assert parse_typed_date("01.02.75", DateKind.EVENT, TODAY) == dt.date(2075, 2, 1)  # within 49 years ahead
    assert parse_typed_date("01.02.76", DateKind.EVENT, TODAY) == dt.date(1976, 2, 1)  # within 50 years back


@pytest.mark.parametrize("text", ["", "15.03", "31.02.2026", "15.13.1945", "abc", "15.03.194", "1503194", "15.03.1945x",
                                  "1.2.3.4"])
def test_what_is_not_a_date_gives_none(text):
    assert parse_typed_date(text, DateKind.BIRTH, TODAY) is None


def test_arrows_step_day_month_and_year_keeping_the_month_end():
    day = dt.date(2026, 1, 31)
    assert step(day, "day", 1) == dt.date(2026, 2, 1)
    assert step(day, "month", 1) == dt.date(2026, 2, 28)
    assert step(dt.date(2024, 2, 29), "year", -1) == dt.date(2023, 2, 28)
    assert step(day, "month", -1) == dt.date(2025, 12, 31)


def test_the_calendar_opens_near_1950_for_a_birth_and_near_today_for_an_event():
    assert calendar_start(DateKind.BIRTH, TODAY) == dt.date(1950, 1, 1)
    assert calendar_start(DateKind.EVENT, TODAY) == TODAY


def test_r32_seven_digits_of_an_iin_give_the_birth_date_and_sex():
    iin = make_iin(dt.date(1948, 3, 8), Sex.FEMALE, 7)
    assert birth_and_sex(iin[:6]) is None
    assert birth_and_sex(iin[:7]) == (dt.date(1948, 3, 8), Sex.FEMALE)
    assert birth_and_sex("4813087") is None  # month 13
    assert birth_and_sex("4803080") is None  # 0 is no century digit
