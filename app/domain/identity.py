"""IIN and BIN: 12-digit identity numbers with a check digit (R-32).

Government Decree No. 565 of 11.06.2003: weights 1..11 over the first eleven
digits, mod 11; when that gives 10, weights 3,4,5,6,7,8,9,10,11,1,2, mod 11; when
that gives 10 again the number is invalid. An IIN's first six digits are the birth
date YYMMDD; its 7th digit gives the century and the sex.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from operator import mul

from app.domain.enums import Sex
from app.domain.errors import DomainError
from app.i18n import M

_W1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_ZERO = ord("0") * sum(_W1)  # sum(_W1) == sum(_W2): the same for both rows
assert sum(_W1) == sum(_W2)

# 7th digit → (century start year, sex)
_CENTURY = {
    1: (1800, Sex.MALE), 2: (1800, Sex.FEMALE),
    3: (1900, Sex.MALE), 4: (1900, Sex.FEMALE),
    5: (2000, Sex.MALE), 6: (2000, Sex.FEMALE),
}


def check_digit(first11: str) -> int | None:
    """The 12th digit for these eleven digits, or None when no digit can be valid (R-32)."""
    # called twice for each row of a 100,000-row import: the digits are taken as their ASCII codes at once,
    # and the codes' common part (48 for "0" times the weights' sum, 66 in both rows) taken off the sum
    if not (first11.isascii() and first11.isdigit()):
        raise ValueError(f"not digits: {first11!r}")
    codes = first11.encode("ascii")
    c = (sum(map(mul, codes, _W1)) - _ZERO) % 11
    if c == 10:
        c = (sum(map(mul, codes, _W2)) - _ZERO) % 11
        if c == 10:
            return None
    return c


def _clean(value: str | int) -> str:
    text = str(value).strip().replace(" ", "")
    return text


def _check_shape(text: str, field: str) -> None:
    if not text:
        raise DomainError(M("{field}: the number is empty; enter 12 digits.", field=_label(field)), field)
    if not (text.isascii() and text.isdigit()) or len(text) != 12:  # "³" is a digit to isdigit(), not to int()
        raise DomainError(
            M("{field}: \"{value}\" is not 12 digits; enter exactly 12 digits.", field=_label(field), value=text),
            field,
        )
    cd = check_digit(text[:11])
    if cd is None or cd != int(text[11]):
        raise DomainError(
            M("{field}: \"{value}\" has a wrong check digit; check the number against the document.",
              field=_label(field), value=text),
            field,
        )


def _label(field: str):
    from app.domain.fields import field_label

    return field_label(field)


@dataclass(frozen=True, order=True)
class IIN:
    """An individual identification number (ЖСН / ИИН), validated on construction."""

    value: str
    # what the number gives, worked out once: an import of 100,000 rows asks for them several times a row
    _birth: dt.date = field(init=False, repr=False, compare=False)
    _sex: Sex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_shape(self.value, "iin")
        # the 7th digit gives the century and sex and must be 1-6 (0 is not a century digit,
        # so an all-zero number is refused); then the first six digits must be a real birth date
        century_sex = _CENTURY.get(int(self.value[6]))
        if century_sex is None:
            raise DomainError(
                M("{field}: \"{value}\" has a wrong 7th digit {digit}: it gives the century and sex and must be "
                  "1 to 6; check the number against the identity document.",
                  field=_label("iin"), value=self.value, digit=self.value[6]),
                "iin",
            )
        start, sex = century_sex
        try:
            birth = dt.date(start + int(self.value[0:2]), int(self.value[2:4]), int(self.value[4:6]))
        except ValueError:
            raise DomainError(
                M("{field}: \"{value}\" does not start with a real birth date (YYMMDD); check the number against the "
                  "identity document.",
                  field=_label("iin"), value=self.value),
                "iin",
            ) from None
        object.__setattr__(self, "_birth", birth)  # frozen: set once, here
        object.__setattr__(self, "_sex", sex)

    @classmethod
    def parse(cls, value: str | int, *, lost_leading_zeros: bool = False) -> IIN:
        """Parse user or file input. ``lost_leading_zeros`` pads a number that a spreadsheet
        stored as a number (an IIN of someone born in 2000–2009 begins with 0)."""
        text = _clean(value)
        if text.endswith(".0"):
            text = text[:-2]
        if lost_leading_zeros and text.isascii() and text.isdigit() and len(text) < 12:
            text = text.zfill(12)
        return cls(text)

    @property
    def birth_date(self) -> dt.date:
        """Birth date from digits 1–6 and the century digit (R-32)."""
        return self._birth

    @property
    def sex(self) -> Sex:
        return self._sex

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class BIN:
    """A business identification number (БСН / БИН), validated on construction.

    Digits 1–4 are the registration year and month; digit 5 the entity type (4 legal
    entity, 5 branch, 6 representative office); digits 7–11 a serial number.
    R-32's "first six digits are a real date, 7th digit 1–6" is the IIN's layout: a BIN has no
    day and no century digit, so only its month (01–12) and entity-type digit are checked.
    """

    value: str

    def __post_init__(self) -> None:
        _check_shape(self.value, "bin")
        month = int(self.value[2:4])
        if not 1 <= month <= 12 or self.value[4] not in "456":
            raise DomainError(
                M("{field}: \"{value}\" is not a business number (digits 3–4 are the month, the 5th is 4, 5 or 6).",
                  field=_label("bin"), value=self.value),
                "bin",
            )

    @classmethod
    def parse(cls, value: str | int) -> BIN:
        return cls(_clean(value))

    def __str__(self) -> str:
        return self.value


def make_iin(birth: dt.date, sex: Sex, serial: int) -> str:
    """Build a valid IIN for ``birth``/``sex`` with the 4-digit ``serial`` (demo data, tests).

    Tries successive serial numbers until the check digit exists (R-32)."""
    century = {1800: 1, 1900: 3, 2000: 5}[birth.year // 100 * 100]
    digit7 = century + (1 if sex == Sex.FEMALE else 0)
    for k in range(10000):
        s = (serial + k) % 10000
        first11 = f"{birth:%y%m%d}{digit7}{s:04d}"
        cd = check_digit(first11)
        if cd is not None:
            return first11 + str(cd)
    raise ValueError("no valid IIN for this date")  # unreachable: most serials work


def make_bin(year: int, month: int, serial: int, kind: int = 4) -> str:
    for k in range(100000):
        s = (serial + k) % 100000
        first11 = f"{year % 100:02d}{month:02d}{kind}0{s:05d}"
        cd = check_digit(first11)
        if cd is not None:
            return first11 + str(cd)
    raise ValueError("no valid BIN")


def birth_and_sex(prefix: str) -> tuple[dt.date, Sex] | None:
    """The birth date and sex that the first seven digits of an IIN being typed give (R-32), before the
    whole number is there to be checked; None while fewer than seven digits are typed or when they are not
    a date and a century digit."""
    text = _clean(prefix)
    if len(text) < 7 or not text[:7].isdigit() or int(text[6]) not in _CENTURY:
        return None
    start, sex = _CENTURY[int(text[6])]
    try:
        return dt.date(start + int(text[0:2]), int(text[2:4]), int(text[4:6])), sex
    except ValueError:
        return None
