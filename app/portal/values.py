"""Values in exchange files: word lookup, the one date parser, and a parser per field type.

A parser takes whatever a cell or a JSON field holds (text, number, date, bool, None)
and returns the checked value, or raises :class:`Invalid` with a message saying what
is wrong and what to do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar, overload

from openpyxl.utils.datetime import from_excel

from app.domain.enums import ResidentStatus, Sex
from app.domain.errors import DomainError
from app.domain.fields import FIELD_LABELS
from app.domain.identity import IIN
from app.domain.limits import FIELD_MAX_LENGTH, FIRST_DAY, LAST_DAY, text_problem, visible
from app.i18n import N_, M, Message, current_language

T = TypeVar("T")


class Invalid(Exception):
    """A value a field cannot take; ``message`` is shown in the row's problem."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.msgid)
        self.message = message


@dataclass(frozen=True)
class FormText(Message):
    """Text fixed by the official form in Kazakh and Russian (a column title), not translated
    through the catalog: ``msgid`` holds the Kazakh text, ``ru`` the Russian."""

    ru: str = ""

    def render(self, lang: str | None = None) -> str:
        return self.msgid if (lang or current_language()) == "kk" else self.ru


# --- words ------------------------------------------------------------------------------

_NOT_WORD = re.compile(r"[\W_]+")
_PARENS = re.compile(r"\([^)]*\)")
#: a Latin "N", "No" or "Nr" standing alone in a title where the form has "№" (which normalising drops)
_NUMBER_SIGN = re.compile(r"(?:^|(?<= ))(?:n|no|nr)(?= |$)")


def normalize(text: Any) -> str:
    """Case, ё/е, punctuation, spacing and line breaks folded away, and the invisible characters pasted text
    brings (a title is compared as it is seen): the form in which titles and words are compared."""
    return _NOT_WORD.sub(" ", visible(str(text)).casefold().replace("ё", "е")).strip()


def _keys(text: Any) -> tuple[str, ...]:
    """The lookup keys of a text: normalised, and normalised without parenthesised parts
    ("Фамилия, имя, отчество (при его наличии)" also matches "Фамилия, имя, отчество").
    A text of punctuation only ("+", "-") is its own key."""
    full = normalize(text) or str(text).strip()
    short = normalize(_PARENS.sub(" ", str(text)))
    keys = [full, short] if short and short != full else [full]
    for key in tuple(keys):  # "N" or "No" written for "№" (a file saved without the sign: KOI8-R, typed by hand)
        bare = " ".join(_NUMBER_SIGN.sub(" ", key).split())
        if bare and bare != key:
            keys.append(bare)
    return tuple(keys)


class Vocabulary(Generic[T]):
    """Words (titles, statuses, yes/no) to values, compared after :func:`normalize`."""

    _CACHE_LIMIT = 4096

    def __init__(self, entries: Iterable[tuple[T, Iterable[str]]]) -> None:
        self._map: dict[str, T] = {}
        self._seen: dict[str, T | None] = {}  # texts already looked up: files repeat the same words
        for value, words in entries:
            for word in words:
                for key in _keys(word):
                    other = self._map.setdefault(key, value)
                    if other != value:
                        raise ValueError(f"{word!r} names both {other!r} and {value!r}")

    def lookup(self, text: str) -> T | None:
        try:
            return self._seen[text]
        except KeyError:
            pass
        value = next((v for v in map(self._map.get, _keys(text)) if v is not None), None)
        if len(self._seen) < self._CACHE_LIMIT:
            self._seen[text] = value
        return value


# Words written in files, Kazakh first, Russian second, then accepted variants.
STATUS_WORDS: dict[ResidentStatus, tuple[str, ...]] = {
    ResidentStatus.IN_QUEUE: ("кезекте", "в очереди", "кезекте тұр", "стоит в очереди", "кезек", "очередь",
                              "in_queue"),
    ResidentStatus.PRESENT: ("қызмет алуда", "получает услуги", "қызмет алушы", "получатель услуг",
                             "тұрады", "проживает", "present"),
    ResidentStatus.TEMPORARILY_ABSENT: ("уақытша шықты", "временно выбыл", "временно выбыла",
                                        "уақытша шығу", "временное выбытие", "temporarily_absent"),
    ResidentStatus.DISCHARGED: ("шықты", "выбыл", "выбыла", "шығарылды", "отчислен", "отчислена",
                                "выбытие", "discharged"),
    ResidentStatus.TRANSFERRED: ("ауыстырылды", "переведен", "переведена", "ауысу", "перевод",
                                 "transferred"),
}
SEX_WORDS: dict[Sex, tuple[str, ...]] = {
    Sex.MALE: ("ер", "мужской", "ер адам", "е", "м", "муж", "male"),
    Sex.FEMALE: ("әйел", "женский", "әйел адам", "ә", "ж", "жен", "female"),
}
FLAG_WORDS: dict[bool, tuple[str, ...]] = {
    True: ("иә", "да", "1", "true", "yes", "+", "x", "х", "✓", "кезектен тыс", "вне очереди",
           "қайта оралды", "вернулся", "вернулась"),
    False: ("жоқ", "нет", "0", "false", "no", "-", "—", "–"),
}
_STATUS = Vocabulary(STATUS_WORDS.items())
_SEX = Vocabulary(SEX_WORDS.items())
_FLAG = Vocabulary(FLAG_WORDS.items())


def word(value: ResidentStatus | Sex | bool, lang: str) -> str:
    """The word written in a ``lang`` file for ``value`` (False is written as a blank)."""
    if value is False:
        return ""
    words: tuple[str, ...] = (STATUS_WORDS[value] if isinstance(value, ResidentStatus) else
                              SEX_WORDS[value] if isinstance(value, Sex) else FLAG_WORDS[value])
    return words[0 if lang == "kk" else 1]


def word_text(value: ResidentStatus | Sex | bool) -> FormText:
    """The file words for ``value`` in both languages, for a message."""
    return FormText(word(value, "kk"), ru=word(value, "ru"))


# --- display ------------------------------------------------------------------------------

def cell_text(raw: Any) -> str:
    """A cell value as text, the way the user would read it in the file, whole."""
    if raw is None:
        return ""
    if raw.__class__ is bool:  # a spreadsheet's TRUE / FALSE (JSON's true / false): as a spreadsheet names it
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, dt.datetime):
        return f"{raw:%d.%m.%Y %H:%M}" if (raw.hour, raw.minute, raw.second) != (0, 0, 0) else f"{raw:%d.%m.%Y}"
    if isinstance(raw, dt.date):
        return f"{raw:%d.%m.%Y}"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def shown(raw: Any) -> str:
    """A cell value as text, the way the user would read it in the file; a long one cut, to be quoted in a
    message."""
    text = cell_text(raw)
    return text if len(text) <= 200 else text[:199] + "…"


# --- dates --------------------------------------------------------------------------------

DATE_TOKEN = re.compile(r"(?<!\d)(?:\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}-\d{1,2}-\d{1,2})(?!\d)")
_TIME = r"(?:[ t]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d{1,6})?)?)?"
_DMY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})" + _TIME + r"\s*(?:г|года|ж|жыл|жылғы)?\.?")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + r"(?:z|[+-]\d{2}:?\d{2})?")
_SERIAL = re.compile(r"\d{5}(?:[.,]\d+)?")
# the years a file carries: those a stored date may have (app.domain.limits), so that an export reads back
_FIRST_YEAR, _LAST_YEAR = FIRST_DAY.year, LAST_DAY.year
_EARLIEST, _LATEST = dt.datetime.combine(FIRST_DAY, dt.time()), dt.datetime.combine(LAST_DAY, dt.time(23, 59, 59))


#: a day written with a year of two digits (04.04.42): LibreOffice's short date in a Russian or Kazakh locale, which
#: it writes when it saves as CSV a table it read from one
_SHORT_YEAR = re.compile(r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-]\d{2}(?![\d./-])")


def _not_a_date(raw: Any) -> Invalid:
    # 1942 or 2042: the file cannot tell, so neither is guessed (a cell that has a whole date is not that)
    if isinstance(raw, str) and _SHORT_YEAR.search(raw) and not DATE_TOKEN.search(raw):
        return Invalid(M("\"{value}\": the year has two digits (the spreadsheet shortened it when it saved the file), "
                         "so it could be 19.. or 20... Show the dates with four-digit years (Format → Cells → Date, "
                         "31.12.1999), save the file and import it again.", value=shown(raw)))
    return Invalid(M("\"{value}\" is not a date; write it as dd.mm.yyyy (for example 05.03.2024).", value=shown(raw)))


#: texts of dates already read, and their dates: a file repeats its dates (days of admission, of birth)
_KNOWN_DATES: dict[str, dt.date] = {}
_KNOWN_DATES_LIMIT = 40_000  # more than the days of a century


def _quick_date(raw: Any) -> dt.date | None:
    """Nearly every date cell is a date or date-time cell, ``dd.mm.yyyy`` or ``yyyy-mm-dd``: read those
    without the general patterns (a text read once is looked up the next time). None for anything else
    (including impossible days)."""
    kind = raw.__class__
    if kind is str:
        known = _KNOWN_DATES.get(raw)
        if known is not None:
            return known
    elif kind is dt.date:
        return raw if _FIRST_YEAR <= raw.year <= _LAST_YEAR else None
    elif kind is dt.datetime:
        return raw.date() if raw.tzinfo is None and _EARLIEST <= raw <= _LATEST else None
    if kind is not str or len(raw) != 10 or not raw.isascii():
        return None
    if raw[2] == raw[5] == ".":
        year, month, day = raw[6:], raw[3:5], raw[:2]
    elif raw[4] == raw[7] == "-":
        year, month, day = raw[:4], raw[5:7], raw[8:]
    else:
        return None
    if not (year + month + day).isascii() or not (year + month + day).isdigit() or not _FIRST_YEAR <= int(year) <= _LAST_YEAR:
        return None
    try:
        value = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    if len(_KNOWN_DATES) < _KNOWN_DATES_LIMIT:
        _KNOWN_DATES[raw] = value
    return value


def _quick_datetime(raw: Any) -> dt.datetime | None:
    """Nearly every date-and-time cell is a date-time cell, ``dd.mm.yyyy hh:mm[:ss]`` (as the program writes
    it) or ``yyyy-mm-ddThh:mm[:ss]`` (as JSON has it): read those without the general patterns. None for
    anything else."""
    kind = raw.__class__
    if kind is dt.datetime:
        return raw if raw.tzinfo is None and _EARLIEST <= raw <= _LATEST else None
    if kind is not str or len(raw) not in (16, 19) or not raw.isascii():
        return None
    if raw[2] == raw[5] == "." and raw[10] == " ":
        year, month, day = raw[6:10], raw[3:5], raw[:2]
    elif raw[4] == raw[7] == "-" and raw[10] in " Tt":
        year, month, day = raw[:4], raw[5:7], raw[8:10]
    else:
        return None
    hour, minute, second = raw[11:13], raw[14:16], raw[17:]
    if raw[13] != ":" or raw[16:17] not in ("", ":") or not (year + month + day + hour + minute + second).isdigit():
        return None
    try:
        value = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    return value if _EARLIEST <= value <= _LATEST else None


@overload
def parse_when(raw: Any, *, with_time: Literal[True]) -> dt.datetime: ...
@overload
def parse_when(raw: Any, *, with_time: bool = False) -> dt.date: ...


def parse_when(raw: Any, *, with_time: bool = False) -> dt.date:
    """The one date parser: dd.mm.yyyy (also with / or -), yyyy-mm-dd, either with hh:mm[:ss],
    date and datetime cells, Excel serial numbers (a number, or five digits as text).

    Returns a date, or a datetime when ``with_time`` (then a time must be present)."""
    quick = _quick_datetime(raw) if with_time else _quick_date(raw)
    if quick is not None:
        return quick
    has_time = True
    if isinstance(raw, dt.datetime):
        value = raw.replace(tzinfo=None)
    elif isinstance(raw, dt.date):
        value, has_time = dt.datetime(raw.year, raw.month, raw.day), False
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value, has_time = _from_serial(raw, raw), not float(raw).is_integer()
    elif isinstance(raw, str):
        text = raw.strip().casefold()
        match = _DMY.fullmatch(text) or _YMD.fullmatch(text)
        if match:
            a, b, c, hh, mi, ss = match.groups()
            day, month, year = (a, b, c) if match.re is _DMY else (c, b, a)
            has_time = hh is not None
            try:
                value = dt.datetime(int(year), int(month), int(day), int(hh or 0), int(mi or 0), int(ss or 0))
            except ValueError:
                raise Invalid(M("\"{value}\" is not a real calendar date; check the day and the month.",
                                value=raw.strip())) from None
        elif _SERIAL.fullmatch(text):
            number = float(text.replace(",", "."))
            value, has_time = _from_serial(number, raw), not number.is_integer()
        else:
            raise _not_a_date(raw)
    else:
        raise _not_a_date(raw)
    if not _EARLIEST <= value <= _LATEST:
        raise Invalid(M("{value} is outside the years 1900–2100; check the year.", value=shown(value)))
    if not with_time:
        return value.date()
    if not has_time:
        raise Invalid(M("\"{value}\" has no time; write the date and the time as dd.mm.yyyy hh:mm.",
                        value=shown(raw)))
    return value


def _from_serial(number: float, raw: Any) -> dt.datetime:
    if not 1 <= number < 73051:  # serial 73051 is 01.01.2100
        raise _not_a_date(raw)
    return from_excel(number)


# --- field parsers ----------------------------------------------------------------------------

def parse_text(raw: Any) -> str | None:
    """A cell's text, trimmed, without the invisible characters pasted text brings (``visible``); None when empty."""
    if raw.__class__ is str:
        return visible(raw).strip() or None
    if raw is None:
        return None
    if isinstance(raw, (list, dict)):
        raise Invalid(M("\"{value}\" is not text; write a single value.", value=shown(raw)))
    if isinstance(raw, bool):  # a spreadsheet's TRUE/FALSE or JSON's true: not a name, an address or a number
        raise Invalid(M("A yes/no value stands where a text belongs; write the text."))
    return cell_text(raw).strip() or None  # whole: a number of 300 digits is not stored cut to 200


def bounded_text(field: str, max_length: int) -> Callable[[Any], str | None]:
    """A text parser for a field stored in a column of ``max_length`` characters: a longer text, or one
    holding a control character, is a problem of the row (the same on both engines, issue 11 point 6)."""
    def parse(raw: Any) -> str | None:
        text = parse_text(raw)  # (make_record takes a printable text cell of the right length without a call)
        if text is not None and (message := text_problem(text, max_length)) is not None:
            raise Invalid(M("{field}: {problem}", field=label(field), problem=message))
        return text
    return parse


_EXPONENTIAL = re.compile(r"\d[.,]\d+[eE]\+?\d+")


def parse_iin(raw: Any) -> IIN | None:
    """A valid IIN (R-32). A spreadsheet that stored the IIN as a number drops the leading zero
    of people born in 2000–2009: 10 or 11 digits are padded back to 12 when that is valid."""
    if isinstance(raw, (bool, dt.date, dt.time, dt.timedelta)):
        raise Invalid(M("\"{value}\" is not an IIN; write the 12 digits of the IIN.", value=shown(raw)))
    text = parse_text(raw)
    if text is None:
        return None
    if not text.isdigit() and _EXPONENTIAL.fullmatch(text):
        raise Invalid(M("\"{value}\": the spreadsheet shows the IIN in exponential form and lost digits; "
                        "format the column as Text and enter the 12 digits again.", value=text))
    digits = text.replace(" ", "")
    if len(digits) > 100:  # quoted cut, as any value in a message (the IIN's own messages quote it whole)
        raise Invalid(M("{field}: \"{value}\" is not 12 digits; enter exactly 12 digits.", field=label("iin"),
                        value=shown(digits)))
    try:
        return IIN.parse(digits, lost_leading_zeros=digits.isascii() and digits.isdigit() and len(digits) in (10, 11))
    except DomainError as exc:
        raise Invalid(exc.message) from None


def _choice(vocabulary: Vocabulary[T], message: str) -> Callable[[Any], T | None]:
    def parse(raw: Any) -> T | None:
        text = "" if raw is None else raw if isinstance(raw, str) else shown(raw)
        if not text.strip():
            return None
        value = None if isinstance(raw, (list, dict)) else vocabulary.lookup(text)
        if value is None:
            raise Invalid(M(message, value=shown(raw)))
        return value
    return parse


parse_status = _choice(_STATUS, N_("\"{value}\" is not a known status; write one of: кезекте / в очереди, "
                                   "қызмет алуда / получает услуги, уақытша шықты / временно выбыл, "
                                   "шықты / выбыл, ауыстырылды / переведён."))
parse_sex = _choice(_SEX, N_("\"{value}\" is not a sex; write ер / мужской or әйел / женский."))
_parse_flag = _choice(_FLAG, N_("\"{value}\" is not a yes/no answer; write иә / да or leave the cell empty."))


def parse_flag(raw: Any) -> bool | None:
    return raw if raw.__class__ is bool else _parse_flag(raw)


def parse_date(raw: Any) -> dt.date | None:
    return None if raw is None or (isinstance(raw, str) and not raw.strip()) else parse_when(raw)


def parse_datetime(raw: Any) -> dt.datetime | None:
    return None if raw is None or (isinstance(raw, str) and not raw.strip()) else parse_when(raw, with_time=True)


# The type of every record field: one parser each.
FIELD_PARSERS: dict[str, Callable[[Any], Any]] = {
    "portal_number": parse_text, "iin": parse_iin, "last_name": parse_text, "first_name": parse_text,
    "middle_name": parse_text, "birth_date": parse_date, "sex": parse_sex, "address": parse_text,
    "phone": parse_text, "received_at": parse_datetime, "out_of_turn": parse_flag, "ipr_until": parse_date,
    "status": parse_status, "admission_date": parse_date, "admission_order": parse_text,
    "returned": parse_flag, "temp_departure_date": parse_date, "temp_departure_order": parse_text,
    "discharge_date": parse_date, "discharge_order": parse_text, "discharge_reason": parse_text,
    "transfer_date": parse_date, "transfer_order": parse_text, "destination": parse_text,
    "return_date": parse_date, "return_order": parse_text,
}
FIELD_PARSERS.update({field: bounded_text(field, limit) for field, limit in FIELD_MAX_LENGTH.items()})

# Names of the fields in messages: the project's shared labels, plus the exchange's own.
LABELS: dict[str, str] = {
    **FIELD_LABELS,
    "status": N_("Status"),
    "out_of_turn": N_("Out of turn"),
    "admission_date": N_("Admission date"),
    "admission_order": N_("Admission order number"),
    "returned": N_("Returned"),
    "temp_departure_date": N_("Temporary departure date"),
    "temp_departure_order": N_("Temporary departure order number"),
    "discharge_date": N_("Discharge date"),
    "discharge_order": N_("Discharge order number"),
    "discharge_reason": N_("Reason for discharge"),
    "transfer_date": N_("Transfer date"),
    "transfer_order": N_("Transfer order number"),
    "return_date": N_("Return date"),
    "return_order": N_("Return order number"),
}


def label(field: str) -> Message:
    return Message(LABELS.get(field, field))
