"""Columns of the tabular exchange files and how titles in a file are matched to them.

The Annex 2 journal (FORMS.md, R-09) has 14 columns; several hold two or three record
fields in one cell ("01.02.2024 № 15 (қайта оралды)"). A :class:`Column` knows its
Kazakh and Russian titles, the record fields it holds, and how to split a cell into
them and join them back. :func:`match_columns` is the one place where titles are matched.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from app.domain.enums import ResidentStatus, Sex
from app.portal.records import (
    JournalEventRecord,
    Kind,
    QueueApplicationRecord,
    RegisterRecord,
    RosterRecord,
)
from app.portal.values import DATE_TOKEN, FormText, Vocabulary, shown, word

Cell = Any


# --- splitting and joining cells ---------------------------------------------------------------

def split_name(cell: Cell) -> tuple[Cell, ...]:
    """"Тегі аты әкесінің аты" → (last, first, middle); a patronymic of two words ("Серік ұлы")
    stays whole. A cell that is not a text (a date, a number, TRUE) is given whole as the last name, for its
    parser to judge (a yes/no value is refused as such; split as text, a date and time became a person)."""
    if cell.__class__ is not str:
        return (cell, None, None)
    parts = [part for part in _NAME_GAPS.split(cell) if part]
    return (parts[0] if parts else None, parts[1] if len(parts) > 1 else None,
            " ".join(parts[2:]) or None)


#: what separates the parts of a name: spaces, tabs, line breaks (a cell wrapped in Excel), the no-break space —
#: not every character Python counts as whitespace: U+001C or U+0085 in a name is a control character, refused
#: with its row and column like anywhere else, not silently dropped
_NAME_GAPS = re.compile("[ \t\r\n\u00a0]+")


def join_name(values: Sequence[Cell], lang: str) -> Cell:
    return " ".join(v for v in values if v) or None


def split_birth(cell: Cell) -> tuple[Cell, ...]:
    """Column 4 "date of birth, age": the date; the age after it is derived, so ignored."""
    if isinstance(cell, str) and (match := DATE_TOKEN.search(cell)):
        return (match.group(),)
    return (cell,)


RETURNED_MARK = {"kk": "қайта оралды", "ru": "вернулся"}
_RETURNED = re.compile(r"\(?\s*(?:қайта\s+орал\w*|вернул\w*|возвра\w*)\s*\)?", re.IGNORECASE)
_FILLER = re.compile(r"№|(?<![\w/\\-])(?:от|приказ\w*|пр\.|бұйры\w*|бұйр\.|жылғы|года|г\.?|ж\.?|no\.?|nr\.?|n)"
                     r"(?![\w/\\-])", re.IGNORECASE)  # «Пр.», «бұйр.»: the order, shortened


# The usual cell, as the program writes it: "01.02.2024 № 15-к", an order number beginning with a digit and
# holding only letters, digits, "/", "-" and the backslash. split_date_order's general way gives the same for
# it (no filler word can stand inside such a number, and a cell without р holds no returned mark) in four
# times the time: a fifth of a second for a journal of 100,000 rows.
_USUAL = re.compile(r"(\d\d\.\d\d\.\d{4}) № (\d[\w/\\-]*)")


#: the spaces between an order number's words: any whitespace but the control characters str.split() also takes
_SPACES = re.compile(r"[^\S\x0b\x0c\x1c-\x1f\x85]+")


def split_date_order(cell: Cell) -> tuple[Cell, ...]:
    """"01.02.2024 № 15-к", "№ 15 от 01.02.2024", "қайта оралды 01.02.2024 № 3" →
    (date, order number, returned). A cell with text but no date keeps the text as the date,
    so that the date parser reports it."""
    if not isinstance(cell, str):
        return (cell, None, False)
    if "р" in cell or "Р" in cell:  # every word _RETURNED matches has р (only р and Р match it, in any case)
        text, returned = _RETURNED.subn(" ", cell)
    else:
        usual = _USUAL.fullmatch(cell)
        if usual is not None and not usual[2].endswith("-"):
            return (usual[1], usual[2], False)
        text, returned = cell, 0
    match = DATE_TOKEN.search(text)
    rest = (text[:match.start()] + " " + text[match.end():]) if match else text
    # a control character Python counts as a space (U+000B, U+001C, U+0085) stays, for the order number's parser to
    # refuse with its row and column, as in any other cell; every other space separates words
    order = " ".join(filter(None, _SPACES.split(_FILLER.sub(" ", rest).replace(",", " ").replace(";", " ")))
                     ).strip(" .:-()") or None
    if match:
        return (match.group(), order, bool(returned))
    return (order, None, bool(returned))


def join_date_order(values: Sequence[Cell], lang: str) -> Cell:
    date, order, *returned = values
    if date is None and not order:
        return None
    text = f"{date:%d.%m.%Y}" if date is not None else ""
    if order:
        text += f" № {order}"
    if returned and returned[0]:
        text += f" ({RETURNED_MARK[lang]})"
    return text.strip()


def join_single(values: Sequence[Cell], lang: str) -> Cell:
    value = values[0]
    if isinstance(value, (ResidentStatus, Sex, bool)):
        return word(value, lang) or None
    return value


@dataclass(frozen=True, eq=False)
class Column:
    """A column of an exchange file: titles (Kazakh, Russian, accepted variants), the record
    fields it holds, and how a cell splits into them and joins back."""

    key: str
    kk: str
    ru: str
    fields: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    split: Callable[[Cell], tuple[Cell, ...]] | None = None
    join: Callable[[Sequence[Cell], str], Cell] = join_single
    width: float = 14

    @property
    def title(self) -> FormText:
        return FormText(self.kk, ru=self.ru)

    def header(self, lang: str, decision: bool = False) -> str:
        """The title written; with ``decision``, a home-care organisation's (R-01)."""
        if decision and self.key in DECISION_TITLES:
            return DECISION_TITLES[self.key][lang != "kk"]
        return self.kk if lang == "kk" else self.ru

    def cells(self, cell: Cell) -> tuple[Cell, ...]:
        return self.split(cell) if self.split else (cell,)

    def __repr__(self) -> str:
        return f"Column({self.key})"


def _column(key: str, kk: str, ru: str, *aliases: str, fields: tuple[str, ...] | None = None, **kw: Any) -> Column:
    return Column(key, kk, ru, fields if fields is not None else (key,), aliases, **kw)


def _dated(key: str, kk: str, ru: str, *aliases: str, returned: bool = False) -> Column:
    fields = (f"{key}_date", f"{key}_order") + (("returned",) if returned else ())
    return _column(key, kk, ru, *aliases, fields=fields, split=split_date_order, join=join_date_order, width=22)


# The 14 columns of Annex 2 (FORMS.md; R-09), then the exchange's own columns.
NO = _column("no", "№", "№ п/п", "Р/с", "р/с №", "№ р/с", "п/п", "N", "No", fields=(), width=6)  # «№»: 2022 edition
STATUS = _column("status", "Мәртебесі", "Статус", "Мәртебе", width=16)
FULL_NAME = _column("full_name", "Тегі, аты, әкесінің аты (бар болса)", "Фамилия, имя, отчество (при его наличии)",
                    "ФИО", "Ф.И.О.", "Т.А.Ә.", "ТАӘ", "Аты-жөні", "Толық аты-жөні", "Полное имя",
                    fields=("last_name", "first_name", "middle_name"), split=split_name, join=join_name, width=32)
BIRTH = _column("birth_date", "Туған күні, жасы", "Дата рождения, возраст", "Туған күні", "Дата рождения",
                "Туған күні, айы, жылы", "Дата рождения (число, месяц, год)", "Дата рожд.", "Туған к.",
                split=split_birth, width=14)
SEX = _column("sex", "Жынысы", "Пол", "Жыныс", width=10)
ADDRESS = _column("address", "Үйінің мекенжайы", "Домашний адрес", "Мекенжайы", "Мекенжай", "Адрес",
                  "Адрес проживания", width=32)
PHONE = _column("phone", "Телефон нөмірі", "Номер телефона", "Телефон", "Тел", "Байланыс телефоны",
                "Контактный телефон", width=16)
IPR = _column("ipr_until",
              "Мүгедектігі бар адамды абилитациялау мен оңалтудың жеке бағдарламасының мерзімі",
              "Срок индивидуальной программы абилитации и реабилитации лица с инвалидностью",
              "Мүгедекті оңалтудың жеке бағдарламасының мерзімі",  # the 2021 edition's title
              "Срок индивидуальной программы реабилитации инвалида", "Срок ИПАР", "Срок ИПР", "ИПАР", "ИПР",
              width=18)
# a home-care organisation's columns name the head's decision (шешім / решение), not an order.
DECISION_TITLES: dict[str, tuple[str, str]] = {
    "admission": ("Түскен күні және шешімнің №", "Дата поступления и № решения"),
    "temp_departure": ("Уақытша шыққан күні және шешімнің №", "Дата временного выбытия и № решения"),
    "discharge": ("Шыққан күні және шешімнің №", "Дата выбытия и № решения"),
    "transfer": ("Ауыстырылған күні және шешімнің №", "Дата перевода и № решения"),
}
ADMISSION = _dated("admission", "Түскен күні және бұйрықтың №", "Дата поступления и № приказа",
                   *DECISION_TITLES["admission"], returned=True)
TEMP_DEPARTURE = _dated("temp_departure", "Уақытша шыққан күні және бұйрықтың №",
                        "Дата временного выбытия и № приказа", *DECISION_TITLES["temp_departure"])
DISCHARGE = _dated("discharge", "Шыққан күні және бұйрықтың №", "Дата выбытия и № приказа",
                   *DECISION_TITLES["discharge"])
# the reason of a discharge, and of a temporary departure or suspension
REASON = _column("discharge_reason", "Шығу себебі", "Причина выбытия", width=22)
TRANSFER = _dated("transfer", "Ауыстырылған күні және бұйрықтың №", "Дата перевода и № приказа",
                  *DECISION_TITLES["transfer"])
DESTINATION = _column("destination", "Қайда шықты (облыс, қала, аудан)", "Куда выбыл (область, город, район)",
                      width=26)
ANNEX2 = (NO, STATUS, FULL_NAME, BIRTH, SEX, ADDRESS, PHONE, IPR, ADMISSION, TEMP_DEPARTURE, DISCHARGE, REASON,
          TRANSFER, DESTINATION)

# The exchange's own columns (not on the printed form): a return from temporary departure, the IIN.
RETURN = _dated("return", "Қайта оралған күні және бұйрықтың №", "Дата возвращения и № приказа",
                "Оралған күні және бұйрықтың №", "Дата возвращения")
IIN_COLUMN = _column("iin", "ЖСН", "ИИН", "Жеке сәйкестендіру нөмірі", "Индивидуальный идентификационный номер",
                     "IIN", width=15)
PORTAL_NUMBER = _column("portal_number", "Порталдағы өтінімнің нөмірі", "Номер заявки на портале",
                        "Өтінімнің нөмірі", "Өтінім нөмірі", "Номер заявки", "№ заявки", width=18)
RECEIVED_AT = _column("received_at", "Өтінімнің түскен уақыты", "Время поступления заявки",
                      "Өтінім түскен уақыты", "Дата и время поступления заявки", "Дата поступления заявки",
                      width=18)
OUT_OF_TURN = _column("out_of_turn", "Кезектен тыс", "Вне очереди", "Кезектен тыс қабылдау", "Внеочередное",
                      "Право вне очереди", width=12)

# Separate columns an institution's own register may have (onboarding only).
LAST_NAME = _column("last_name", "Тегі", "Фамилия", width=16)
FIRST_NAME = _column("first_name", "Аты", "Имя", width=16)
MIDDLE_NAME = _column("middle_name", "Әкесінің аты (бар болса)", "Отчество (при его наличии)", width=16)
ADMISSION_DATE = _column("admission_date", "Түскен күні", "Дата поступления", "Дата прибытия", "Дата приёма",
                         "Дата зачисления", "Қабылданған күні")
def order_only(cell: Cell) -> tuple[Cell]:
    """An order number's own column (a register's), read as the order of a date-and-order cell is: «Пр. №113-к от
    01.02.2020 г.» → «113-к» (the date written beside it is the date column's); a cell of a date only is kept, for
    the order's parser to take as it is."""
    first, order, _returned = split_date_order(cell)  # first: the date, or the text when the cell has no date
    return (order if order is not None else first,)


ADMISSION_ORDER = _column("admission_order", "Бұйрықтың №", "№ приказа", "Бұйрық нөмірі", "Бұйрық",
                          "Номер приказа", "Приказ", "Приказ о зачислении", split=order_only)


# --- kinds of file --------------------------------------------------------------------------------

@dataclass(frozen=True)
class KindSpec:
    """What a kind of file holds: its record type, columns in writing order, the columns a
    file must have and the fields every row must fill."""

    kind: Kind
    record: type
    columns: tuple[Column, ...]
    required_columns: tuple[Column, ...]
    required_fields: tuple[str, ...]

    @cached_property
    def fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(self.record))

    @cached_property
    def field_set(self) -> frozenset[str]:
        return frozenset(self.fields)

    @cached_property
    def vocabulary(self) -> Vocabulary[Column]:
        return Vocabulary((c, (c.kk, c.ru, c.key, *c.aliases)) for c in self.columns)


SPECS: dict[Kind, KindSpec] = {
    Kind.QUEUE: KindSpec(
        Kind.QUEUE, QueueApplicationRecord,
        (NO, STATUS, FULL_NAME, BIRTH, SEX, ADDRESS, PHONE, IPR, IIN_COLUMN, PORTAL_NUMBER, RECEIVED_AT,
         OUT_OF_TURN),
        (FULL_NAME, BIRTH, RECEIVED_AT),
        ("last_name", "first_name", "birth_date", "received_at")),
    Kind.ROSTER: KindSpec(
        Kind.ROSTER, RosterRecord,
        (NO, STATUS, FULL_NAME, BIRTH, ADMISSION, IIN_COLUMN),
        (STATUS, FULL_NAME, BIRTH, ADMISSION, IIN_COLUMN),
        ("iin", "last_name", "first_name", "birth_date", "status", "admission_date")),
    Kind.JOURNAL: KindSpec(
        Kind.JOURNAL, JournalEventRecord,
        (*ANNEX2, RETURN, IIN_COLUMN),
        (STATUS, FULL_NAME, BIRTH),
        ("status", "last_name", "first_name", "birth_date")),
    Kind.REGISTER: KindSpec(
        Kind.REGISTER, RegisterRecord,
        (IIN_COLUMN, FULL_NAME, LAST_NAME, FIRST_NAME, MIDDLE_NAME, BIRTH, SEX, ADDRESS, PHONE, STATUS,
         ADMISSION, ADMISSION_DATE, ADMISSION_ORDER),
        (),
        ("last_name", "first_name", "birth_date")),
}


# --- matching titles ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class HeaderMatch:
    """Columns found in a header row: cell position → column, and the repeats."""

    columns: dict[int, Column]
    duplicates: tuple[tuple[int, Column], ...]

    @property
    def score(self) -> int:
        return len(self.columns)


def match_columns(cells: Sequence[Cell], vocabulary: Vocabulary[Column]) -> HeaderMatch:
    """The one title matcher: tolerant of case, spacing, line breaks, ё/е, punctuation,
    parenthesised notes, Kazakh or Russian titles, any order."""
    found: dict[int, Column] = {}
    seen: set[str] = set()
    duplicates = []
    for index, cell in enumerate(cells):
        if not isinstance(cell, str) or not cell.strip():
            continue
        column = vocabulary.lookup(cell)
        if column is None:
            continue
        if column.key in seen:
            duplicates.append((index, column))
        else:
            seen.add(column.key)
            found[index] = column
    return HeaderMatch(found, tuple(duplicates))


def is_numbers_row(cells: Sequence[Cell]) -> bool:
    """The form's row of column numbers 1, 2, 3 … under the titles."""
    numbers = [text for text in (shown(c).strip() for c in cells) if text]
    return len(numbers) >= 2 and all(n.isascii() and n.isdigit() for n in numbers) \
        and [int(n) for n in numbers] == list(range(1, len(numbers) + 1))
