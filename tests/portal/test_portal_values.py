"""Values in exchange files: the date parser, IINs, words, titles, combined cells."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.enums import ResidentStatus, Sex
from app.portal.columns import ADMISSION, DISCHARGE, SPECS, is_numbers_row, match_columns, split_date_order, split_name
from app.portal.records import Kind
from app.portal.values import Invalid, Vocabulary, parse_flag, parse_iin, parse_sex, parse_status, parse_when
from tests.portal.portal_samples import IIN_ZERO

D, DT = dt.date, dt.datetime


@pytest.mark.parametrize("raw,expected", [
    ("05.03.2024", D(2024, 3, 5)), (" 5.3.2024 ", D(2024, 3, 5)), ("05/03/2024", D(2024, 3, 5)),
    ("05-03-2024", D(2024, 3, 5)), ("2024-03-05", D(2024, 3, 5)), ("05.03.2024 г.", D(2024, 3, 5)),
    ("05.03.2024 14:30", D(2024, 3, 5)), (DT(2024, 3, 5, 14, 30), D(2024, 3, 5)), (D(2024, 3, 5), D(2024, 3, 5)),
    (45356, D(2024, 3, 5)), (45356.6, D(2024, 3, 5)), ("45356", D(2024, 3, 5)), (61, D(1900, 3, 1)),
])
def test_dates(raw, expected):
    assert parse_when(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("05.03.2024 14:30", DT(2024, 3, 5, 14, 30)), ("05.03.2024 14:30:15", DT(2024, 3, 5, 14, 30, 15)),
    ("2024-03-05T14:30:00", DT(2024, 3, 5, 14, 30)), ("2024-03-05 14:30", DT(2024, 3, 5, 14, 30)),
    ("2024-03-05T14:30:00+05:00", DT(2024, 3, 5, 14, 30)), (45356.5, DT(2024, 3, 5, 12)),
    (DT(2024, 3, 5), DT(2024, 3, 5)),
])
def test_date_and_time(raw, expected):
    assert parse_when(raw, with_time=True) == expected


@pytest.mark.parametrize("raw,with_time,words", [
    ("вчера", False, "is not a date"), ("1941", False, "is not a date"), ("31.02.2024", False, "not a real"),
    ("2024-02-30", False, "not a real"), ("05.03.24", False, "the year has two digits"), ("01.01.1899", False, "outside"),
    (0, False, "is not a date"), (-5, False, "is not a date"), (10 ** 9, False, "is not a date"),
    (True, False, "is not a date"), (dt.time(10, 0), False, "is not a date"), ([1], False, "is not a date"),
    ("05.03.2024", True, "has no time"), (D(2024, 3, 5), True, "has no time"), (45356, True, "has no time"),
    (float("nan"), False, "is not a date"),
])
def test_text_and_nonsense_in_date_fields_are_invalid(raw, with_time, words):
    with pytest.raises(Invalid) as caught:
        parse_when(raw, with_time=with_time)
    assert words in caught.value.message.msgid


def test_iins():
    assert parse_iin(IIN_ZERO).value == IIN_ZERO
    assert parse_iin(int(IIN_ZERO)).value == IIN_ZERO       # lost its leading zero in a spreadsheet
    assert parse_iin(float(IIN_ZERO)).value == IIN_ZERO
    assert parse_iin(f" {IIN_ZERO[:6]} {IIN_ZERO[6:]} ").value == IIN_ZERO
    assert parse_iin("") is None
    for bad in ("12345", "123456789012", "1,23457E+11", True, D(2024, 1, 1), "0" + IIN_ZERO[2:] + "0"):
        with pytest.raises(Invalid):
            parse_iin(bad)


def test_words_in_either_language():
    assert parse_status("Кезекте") is parse_status("В ОЧЕРЕДИ") is ResidentStatus.IN_QUEUE
    assert parse_status("переведён") is parse_status("переведен") is ResidentStatus.TRANSFERRED
    assert parse_status("выбыл(а)") is ResidentStatus.DISCHARGED
    assert parse_status("temporarily_absent") is ResidentStatus.TEMPORARILY_ABSENT
    assert parse_sex("Әйел") is parse_sex("жен.") is Sex.FEMALE
    assert [parse_flag(v) for v in ("иә", "ДА", "+", "нет", "", None, True, 0)] == [
        True, True, True, False, None, None, True, False]
    for parse, bad in ((parse_status, "на луне"), (parse_sex, "?"), (parse_flag, "может быть")):
        with pytest.raises(Invalid):
            parse(bad)


def test_vocabulary_refuses_ambiguous_words():
    with pytest.raises(ValueError):
        Vocabulary([(1, ["Дата"]), (2, ["дата (поступления)"])])


def test_title_matching():
    vocabulary = SPECS[Kind.JOURNAL].vocabulary
    cells = [None, 3, " дата\nпоступления и № ПРИКАЗА ", "Дата выбытия и приказа", "Ф. И. О.", "тегі, аты, әкесінің аты",
             "Туған күні", "что-то"]
    found = match_columns(cells, vocabulary)
    assert {i: c.key for i, c in found.columns.items()} == {2: "admission", 3: "discharge", 4: "full_name",
                                                            6: "birth_date"}
    assert [(i, c.key) for i, c in found.duplicates] == [(5, "full_name")]


def test_numbers_row():
    assert is_numbers_row([1, 2, 3, None, "4"]) and is_numbers_row(["1", 2.0])
    assert not is_numbers_row([1]) and not is_numbers_row([1, 3]) and not is_numbers_row(["1", "Иванов"])


@pytest.mark.parametrize("cell,expected", [
    ("01.02.2024 № 15-к", ("01.02.2024", "15-к", False)),
    ("№15/ж бұйрығы 01.02.2024 ж.", ("01.02.2024", "15/ж", False)),
    ("Приказ № 12 от 01.01.2020 г.", ("01.01.2020", "12", False)),
    ("Пр. №113-к от 21.08.2023 г.", ("21.08.2023", "113-к", False)),
    ("21.08.2023 ж. бұйр. № 7-ж", ("21.08.2023", "7-ж", False)),
    ("01.02.2024 № 12-пр", ("01.02.2024", "12-пр", False)),
    ("қайта оралды 01.02.2024, №3", ("01.02.2024", "3", True)),
    ("01.06.2023 № 40/ж (вернулся)", ("01.06.2023", "40/ж", True)),
    ("2024-01-05", ("2024-01-05", None, False)),
    ("вчера", ("вчера", None, False)),
    (DT(2024, 1, 5), (DT(2024, 1, 5), None, False)),
])
def test_date_and_order_cells(cell, expected):
    assert split_date_order(cell) == expected


def test_date_and_order_cells_join_back():
    assert ADMISSION.join([D(2024, 2, 1), "15-к", True], "kk") == "01.02.2024 № 15-к (қайта оралды)"
    assert DISCHARGE.join([D(2024, 2, 1), None], "ru") == "01.02.2024"
    assert DISCHARGE.join([None, None], "ru") is None
    assert split_name("  Жұмабаева   Әйгерім Серік қызы") == ("Жұмабаева", "Әйгерім", "Серік қызы")
    assert split_name("Ким") == ("Ким", None, None)


def test_a_year_of_two_digits_is_refused_saying_the_spreadsheet_shortened_it():
    """LibreOffice saves a CSV it read with its short date (04.04.42): 1942 or 2042 cannot be told, so the row is
    refused with what to do — in a date cell and in a date-and-order cell alike; a four-digit year is read."""
    from app.portal.formats import read_records

    header = "Статус;ФИО;Дата рождения;Дата поступления и № приказа\r\n".encode()
    rows = header + "получает услуги;Ким Олег;04.04.42;01.02.24 № 5\r\n".encode()
    problems = read_records(rows, Kind.JOURNAL, "resaved.csv").problems
    assert sorted(p.field for p in problems) == ["admission_date", "birth_date"]
    for p in problems:
        assert "19.." in p.render("ru") and "четырёхзначным" in p.render("ru") and "төрт цифрмен" in p.render("kk")
    for raw in ("4.4.42", "04/04/42", "04-04-42 10:30"):
        with pytest.raises(Invalid) as exc:
            parse_when(raw)
        assert "19.." in exc.value.message.render("ru")
    for raw in ("04.04.1942.5", "01.02.2024 № 15/1-24", "+7 701 12-34-56"):  # a whole date, or no day at all
        with pytest.raises(Invalid) as exc:
            parse_when(raw)
        assert "19.." not in exc.value.message.render("ru"), raw
    assert parse_when("04.04.1942") == dt.date(1942, 4, 4)


def test_an_order_numbers_words_are_split_at_any_space_but_a_control_character():
    assert split_date_order("01.02.2024 № 12\u20093") == ("01.02.2024", "12 3", False)
    assert split_date_order("01.02.2024 № 12\u3000 3") == ("01.02.2024", "12 3", False)
    assert split_date_order("01.02.2024 № 12\x0b3") == ("01.02.2024", "12\x0b3", False)
