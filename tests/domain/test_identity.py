import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.enums import Sex
from app.domain.errors import DomainError
from app.domain.identity import BIN, IIN, check_digit, make_bin, make_iin


def test_r32_known_valid_iin_and_its_birth_date_and_sex():
    iin = IIN(make_iin(dt.date(1950, 3, 4), Sex.FEMALE, 123))
    assert iin.value.startswith("500304")
    assert iin.value[6] == "4"  # 1900s, female
    assert iin.birth_date == dt.date(1950, 3, 4)
    assert iin.sex == Sex.FEMALE


def test_r32_check_digit_second_weights_when_first_gives_ten():
    # find eleven digits whose first pass gives 10, and check the second pass is used
    for n in range(10**5):
        first11 = f"9001013{n:04d}"
        digits = [int(c) for c in first11]
        if sum(d * w for d, w in zip(digits, range(1, 12))) % 11 == 10:
            second = sum(d * w for d, w in zip(digits, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2))) % 11
            assert check_digit(first11) == (None if second == 10 else second)
            break
    else:
        pytest.fail("no example found")


@pytest.mark.parametrize("bad", ["", "12345", "1234567890123", "50030440124X", "500304401242"])
def test_r32_invalid_iins_are_refused_with_the_field_named(bad):
    with pytest.raises(DomainError) as exc:
        IIN.parse(bad)
    assert exc.value.field == "iin"
    assert "ИИН" in exc.value.render("ru") and "ЖСН" in exc.value.render("kk")


def test_r32_impossible_birth_date_is_refused():
    first11 = "501332" + "3" + "0001"  # 32 December
    cd = check_digit(first11)
    if cd is None:
        first11 = "501332" + "3" + "0002"
        cd = check_digit(first11)
    with pytest.raises(DomainError):
        IIN(first11 + str(cd))


def test_r32_iin_that_lost_its_leading_zero_in_a_spreadsheet():
    value = make_iin(dt.date(2005, 7, 1), Sex.MALE, 77)
    assert value.startswith("0")
    assert IIN.parse(int(value), lost_leading_zeros=True).value == value
    with pytest.raises(DomainError):
        IIN.parse(int(value))


@given(st.dates(min_value=dt.date(1801, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from([Sex.MALE, Sex.FEMALE]), st.integers(0, 9999))
def test_r32_generator_validator_round_trip(birth, sex, serial):
    iin = IIN(make_iin(birth, sex, serial))
    assert iin.birth_date == birth and iin.sex == sex


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_r32_any_twelve_digits_are_accepted_only_with_the_right_check_digit(text):
    cd = check_digit(text[:11])
    try:
        IIN(text)
        accepted = True
    except DomainError:
        accepted = False
    if cd is None or cd != int(text[11]):
        assert not accepted


def test_r32_bin():
    b = make_bin(2015, 3, 1234)
    assert BIN.parse(b).value == b
    with pytest.raises(DomainError) as exc:
        BIN.parse(b[:-1] + str((int(b[-1]) + 1) % 10))
    assert exc.value.field == "bin"


@pytest.mark.parametrize("bad", ["000000000000", "991345023451"])
def test_r32_iin_first_six_digits_a_real_date_and_7th_digit_1_to_6(bad):
    """The numbers of issue #9: both have a right check digit, neither is an IIN."""
    assert check_digit(bad[:11]) == int(bad[11])
    with pytest.raises(DomainError) as exc:
        IIN.parse(bad)
    assert exc.value.field == "iin"
    assert "ИИН" in exc.value.render("ru") and "ЖСН" in exc.value.render("kk")


@pytest.mark.parametrize("digit7", "0789")
def test_r32_iin_7th_digit_outside_1_to_6_is_refused(digit7):
    for serial in range(100):
        first11 = f"500304{digit7}{serial:04d}"
        cd = check_digit(first11)
        if cd is not None:
            break
    with pytest.raises(DomainError) as exc:
        IIN(first11 + str(cd))
    assert exc.value.field == "iin" and digit7 in exc.value.render("ru")


def test_r32_iin_29_february_only_in_a_leap_year():
    assert IIN(make_iin(dt.date(1948, 2, 29), Sex.MALE, 5)).birth_date == dt.date(1948, 2, 29)
    for serial in range(100):
        first11 = f"4902293{serial:04d}"  # 29.02.1949 does not exist
        cd = check_digit(first11)
        if cd is not None:
            break
    with pytest.raises(DomainError):
        IIN(first11 + str(cd))


def test_r32_bin_first_digits_are_year_and_month_not_a_date():
    """A BIN has no day and no century digit: its 5-6th digits are the entity type and its 7th is
    part of the serial, so a BIN with a 0 there is valid; an all-zero BIN (month 00) is not."""
    b = make_bin(2019, 11, 0)
    assert b[6] == "0" and BIN.parse(b).value == b
    with pytest.raises(DomainError) as exc:
        BIN.parse("000000000000")
    assert exc.value.field == "bin"
    for serial in range(100):
        first11 = f"1913400{serial:05d}"[:11]  # month 13
        cd = check_digit(first11)
        if cd is not None:
            break
    with pytest.raises(DomainError):
        BIN.parse(first11 + str(cd))


@pytest.mark.parametrize("text", ["5003044012a", "５００３０４４０１２４"[:11], "50030440 12", ""])
def test_r32_check_digit_refuses_what_is_not_ascii_digits(text):
    with pytest.raises(ValueError):
        check_digit(text)


def test_r32_check_digit_is_the_decree_formula_for_every_eleven_digits_tried():
    """Decree 565: weights 1..11 mod 11, then 3..11,1,2 when that gives 10; none when 10 again."""
    import random

    rng = random.Random(565)
    for _ in range(20_000):
        digits = [rng.randrange(10) for _ in range(11)]
        first = sum(d * w for d, w in zip(digits, range(1, 12))) % 11
        second = sum(d * w for d, w in zip(digits, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2))) % 11
        expected = first if first != 10 else (None if second == 10 else second)
        assert check_digit("".join(map(str, digits))) == expected
