"""Onboarding an institution's own Excel register through a column mapping (issue 5, point 5)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.domain.enums import ResidentStatus, Sex
from app.portal import (
    ImportRefused,
    Kind,
    RegisterMapping,
    RegisterRecord,
    inspect_register,
    read_register,
    suggest_columns,
    suggest_mapping,
)
from app.portal.register import mapping_problems
from tests.portal.portal_samples import IIN_A, IIN_B, IIN_ZERO, workbook_bytes

D = dt.date
HEADER = ["№", "Ф.И.О.", "Дата рождения", "ИИН", "Пол", "Дата поступления", "№ приказа", "Комната", "Примечание"]
ROWS = [
    [1, "Ахметов Серік Болатұлы", dt.datetime(1950, 3, 4), int(IIN_A), "м", dt.datetime(2021, 2, 1), "15-к", 12, None],
    [2, "Иванова Мария Петровна", "30.11.1948", IIN_B, "ж", "01.06.2023", "40/ж", 7, "вернулась"],
    [3, "Жұмабаева Әйгерім", "05.04.2003", int(IIN_ZERO), "ж", "10.01.2022", 2, 3, None],
    [4, "Ким", "02.01.1941", None, None, "вчера", None, 5, None],
]


@pytest.fixture
def register(tmp_path):
    path = tmp_path / "register.xlsx"
    rows = [["Реестр проживающих КГУ «Дом-интернат»"], ["на 01.03.2024"], HEADER, *ROWS]
    path.write_bytes(workbook_bytes(rows, sheet="Проживающие", extra_sheets=["Сводка"]))
    return path


def test_inspect_lists_columns_with_samples(register):
    sheets = inspect_register(register, samples=2)
    assert [s.name for s in sheets] == ["Проживающие", "Сводка"]
    sheet = sheets[0]
    assert sheet.header_row == 3
    assert [c.header for c in sheet.columns] == HEADER
    by_header = {c.header: c for c in sheet.columns}
    assert by_header["Ф.И.О."].samples == ("Ахметов Серік Болатұлы", "Иванова Мария Петровна")
    assert by_header["Дата рождения"].samples == ("04.03.1950", "30.11.1948")
    assert by_header["ИИН"].letter == "D" and by_header["ИИН"].index == 3
    assert by_header["Примечание"].samples == ("вернулась",)


def test_suggested_mapping_and_reading(register):
    mapping = suggest_mapping(inspect_register(register)[0])
    assert mapping == RegisterMapping({"full_name": "Ф.И.О.", "birth_date": "Дата рождения", "iin": "ИИН",
                                       "sex": "Пол", "admission_date": "Дата поступления",
                                       "admission_order": "№ приказа"}, "Проживающие", 3)
    result = read_register(register, RegisterMapping.from_json(mapping.to_json()))
    assert result.kind is Kind.REGISTER
    assert list(result.records) == [
        RegisterRecord("Ахметов", "Серік", D(1950, 3, 4), middle_name="Болатұлы", iin=IIN_A, sex=Sex.MALE,
                       admission_date=D(2021, 2, 1), admission_order="15-к"),
        RegisterRecord("Иванова", "Мария", D(1948, 11, 30), middle_name="Петровна", iin=IIN_B, sex=Sex.FEMALE,
                       admission_date=D(2023, 6, 1), admission_order="40/ж"),
        RegisterRecord("Жұмабаева", "Әйгерім", D(2003, 4, 5), iin=IIN_ZERO, sex=Sex.FEMALE,
                       admission_date=D(2022, 1, 10), admission_order="2"),
    ]
    assert {(p.row, p.column, p.field) for p in result.problems} == {
        (7, "Ф.И.О.", "first_name"), (7, "Дата поступления", "admission_date")}


def test_preview_reads_the_first_rows_only(register):
    mapping = suggest_mapping(inspect_register(register)[0])
    preview = read_register(register, mapping, limit=2)
    assert [r.last_name for r in preview.records] == ["Ахметов", "Иванова"] and preview.ok


def test_separate_name_columns_and_a_status_in_csv(tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes("Фамилия;Имя;Отчество;Дата рожд.;Статус\r\nКим;Олег;;02.01.1941;проживает\r\n".encode("cp1251"))
    sheet, = inspect_register(path)
    mapping = RegisterMapping({"last_name": "Фамилия", "first_name": "Имя", "middle_name": "Отчество",
                               "birth_date": "Дата рожд.", "status": "статус"})
    suggested = suggest_mapping(sheet)  # "Дата рожд.", as registers shorten it, is a known title
    assert suggested is not None and suggested.columns == {**mapping.columns, "status": "Статус"}
    result = read_register(path, mapping)
    assert result.records == (RegisterRecord("Ким", "Олег", D(1941, 1, 2), status=ResidentStatus.PRESENT),)


@pytest.mark.parametrize("text,start", [
    ('{"columns": {"surname": "Фамилия", "birth_date": "Дата"}}', "The mapping names unknown fields"),
    ('{"columns": {"full_name": "ФИО", "last_name": "Фамилия", "birth_date": "Дата"}}', "Choose either the column"),
    ('{"columns": {"full_name": "ФИО"}}', "Choose the column of the date of birth"),
    ('{"columns": {"full_name": "ФИО", "birth_date": " фио"}}', "The column \"{title}\" is chosen for"),
    ('{"columns": {"birth_date": "Дата"}}', "Choose the column of the full name"),
    ('{"columns": {"last_name": "Фамилия"}}', "The mapping cannot be used as it is"),
    ('{"columns": {"full_name": "ФИО", "birth_date": "Дата"}, "header_row": 0}', "The header row must be"),
    ('{"columns": ["ФИО"]}', "The mapping needs"),
    ("{", "The mapping is not valid JSON"),
])
def test_bad_mappings_are_refused(text, start):
    with pytest.raises(ImportRefused) as caught:
        RegisterMapping.from_json(text)
    assert caught.value.message.msgid.startswith(start)


def test_a_mapping_s_problems_are_each_said_of_the_field_to_change():
    """The mapping page shows each under its field (ui/dialogs/onboarding.py): which field, and for a column given twice
    which other field has it — matched as titles are matched (case, spacing), so « фио» is «ФИО»."""
    def said(columns):
        return [(field, message.render("ru")) for field, message in mapping_problems(columns)]

    assert said({"last_name": "Фамилия", "birth_date": "фамилия"}) == [
        ("first_name", "Выберите столбец и для поля «Имя» или вместо этого — столбец ФИО целиком."),
        ("birth_date", "Столбец «фамилия» уже выбран для поля «Фамилия»; у каждого поля должен быть свой столбец.")]
    assert said({"iin": "ИИН"}) == [
        ("full_name", "Выберите столбец ФИО целиком или столбцы фамилии и имени."),
        ("birth_date", "Выберите столбец даты рождения: людей различают по ФИО и дате рождения.")]
    assert [f for f, _m in said({"full_name": "ФИО", "first_name": "Имя", "birth_date": "Д", "sex": "Д"})] == \
        ["full_name", "sex"]
    assert mapping_problems({"full_name": "ФИО", "birth_date": "Дата"}) == []
    # an order without its date (a two-row title «Поступление: дата | № приказа» read from its lower row) is said on
    # the mapping page, not as every row's "order without a date" in a correct register
    assert said({"full_name": "ФИО", "birth_date": "Д", "admission_order": "№ приказа"}) == [
        ("admission_order", "Выберите и столбец даты поступления: приказ записывается вместе с его датой.")]
    assert [f for f, _m in said({"full_name": "ФИО", "birth_date": "Д", "admission": "Поступление",
                                 "admission_date": "дата"})] == ["admission"]
    with pytest.raises(ImportRefused) as caught:  # the command line lists them all
        RegisterMapping({"iin": "ИИН"})
    assert [p.field for p in caught.value.problems] == ["full_name", "birth_date"]


@pytest.mark.parametrize("mapping,start", [
    (RegisterMapping({"full_name": "ФИО", "birth_date": "Дата рождения"}, "Проживающие", 3), "Row {row} has no column"),
    (RegisterMapping({"full_name": "Ф.И.О.", "birth_date": "Дата рождения"}, "Нет такого", 3), "The workbook has no sheet"),
    (RegisterMapping({"full_name": "Ф.И.О.", "birth_date": "Дата рождения"}, None, 900), "The sheet has no row"),
])
def test_mappings_that_do_not_fit_the_file(register, mapping, start):
    with pytest.raises(ImportRefused) as caught:
        read_register(register, mapping)
    assert caught.value.message.msgid.startswith(start)


def test_repeated_mapped_title_is_refused(tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_bytes(workbook_bytes([["ФИО", "Дата", "Дата"], ["Ким Олег", "02.01.1941", "01.01.2020"]]))
    with pytest.raises(ImportRefused) as caught:
        read_register(path, RegisterMapping({"full_name": "ФИО", "birth_date": "Дата"}))
    assert caught.value.message.msgid.startswith("The title")


def test_registers_are_tables(tmp_path):
    with pytest.raises(ImportRefused):
        inspect_register(json.dumps({"format": "qamqor-portal"}).encode())
    with pytest.raises(ImportRefused):
        inspect_register(workbook_bytes([]))


def test_csv_register_delimiter_follows_the_titles(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("ФИО;Дата рождения;Адрес\r\nКим Олег;02.01.1941;г. Астана, ул. Абая, 1, кв. 2\r\n",
                    encoding="utf-8-sig")
    (sheet,) = inspect_register(path)
    assert [c.header for c in sheet.columns] == ["ФИО", "Дата рождения", "Адрес"]
    assert sheet.columns[2].samples == ("г. Астана, ул. Абая, 1, кв. 2",)
    (record,) = read_register(path, suggest_mapping(sheet)).records
    assert record.address == "г. Астана, ул. Абая, 1, кв. 2"


def test_the_columns_told_by_their_titles_are_suggested_even_when_the_name_is_not(tmp_path):
    """A register whose name column has a title of its own («ФИО проживающего»): no mapping can be suggested, yet the
    IIN, the sex and the date of birth («Дата рожд.», as registers shorten it) are told by their titles and chosen for
    the user (the mapping page chose none of them)."""
    path = tmp_path / "spisok.xlsx"
    rows = [["ИИН", "Пол", "ФИО проживающего", "Дата рожд."], [IIN_B, "ж", "Иванова Мария Петровна", "30.11.1948"]]
    path.write_bytes(workbook_bytes(rows, sheet="Лист1"))
    sheet = inspect_register(path)[0]
    assert suggest_mapping(sheet) is None
    assert suggest_columns(sheet) == {"iin": "ИИН", "sex": "Пол", "birth_date": "Дата рожд."}



def test_a_row_refused_for_an_empty_field_shows_what_it_holds(tmp_path):
    """A row without a date of birth among the people: the problem showed no value, so the user could not tell which
    line it was without opening the file. It shows what the row holds, the name as it was written (not its parts)."""
    path = tmp_path / "reestr.xlsx"
    rows = [["Ф.И.О.", "Дата рождения", "Адрес"], ["Иванова Мария Петровна", "30.11.1948", "Алматы"],
            ["Сәрсенбаева Гүлнар Сәкенқызы", None, "Тараз"], ["Ким Олег", "02.01.1941", None]]
    path.write_bytes(workbook_bytes(rows, sheet="Лист1"))
    result = read_register(path, RegisterMapping({"full_name": "Ф.И.О.", "birth_date": "Дата рождения",
                                                  "address": "Адрес"}))
    (problem,) = result.problems
    assert (problem.row, problem.field) == (3, "birth_date")
    assert problem.value == "Сәрсенбаева Гүлнар Сәкенқызы · Тараз"


def test_the_form_s_column_numbers_under_the_titles_are_not_shown_as_values(tmp_path):
    """A register kept on the form's layout has a row 1, 2, 3 … under its titles: the reading skips it, and the
    mapping page's values of each column (inspect_register, and the sheet read again at another title row) do not
    show it as the first value."""
    from ui.dialogs.onboarding import sheet_at_row

    path = tmp_path / "register.xlsx"
    path.write_bytes(workbook_bytes([["Реестр"], ["ФИО", "Дата рождения", "Комната"], [1, 2, 3],
                                     ["Ким Олег", "02.01.1941", 12], ["Ли Анна", "03.04.1942", 1]]))
    sheet = inspect_register(path)[0]
    assert sheet.header_row == 2
    assert [c.samples for c in sheet.columns] == [("Ким Олег", "Ли Анна"), ("02.01.1941", "03.04.1942"), ("12", "1")]
    assert sheet_at_row(str(path), sheet.name, 2).columns == sheet.columns
    assert sheet_at_row(str(path), sheet.name, 1).columns[0].samples[:2] == ("ФИО", "1")  # not the titles' own row


def test_the_signature_and_total_under_a_register_are_not_read_as_people(tmp_path):
    """A register kept by hand ends with the director's signature and a total, in the columns of the name and the
    order: the last rows after a person's, with neither a date of birth nor an IIN, are left out and named in a
    notice (they were refused as people without a date of birth, and the whole register with them). A row without a
    date of birth between two people is still refused, and so is a register of such rows only."""
    title = ["№", "ФИО", "Дата рождения", "ИИН", "Адрес"]
    people = [[1, "Ким Олег", "02.01.1941", None, "Алматы"], [2, "Ли Анна", "30.11.1948", IIN_B, "Астана"]]
    footer = [[], [None, "Директор ____________ Иванов А.А.", None, None, None], [None, "Итого: 2", None, None, "М.П."]]
    mapping = RegisterMapping({"full_name": "ФИО", "birth_date": "Дата рождения", "iin": "ИИН", "address": "Адрес"})
    path = tmp_path / "register.xlsx"
    path.write_bytes(workbook_bytes([title, *people, *footer]))
    result = read_register(path, mapping)
    assert result.ok and [r.last_name for r in result.records] == ["Ким", "Ли"]
    assert [n.render("ru") for n in result.notices] == [
        "Строки под таблицей не прочитаны: 2. В них нет ничего, что есть в строке человека (даты рождения, ИИН, пола, "
        "статуса, даты поступления, телефона), значит, это не люди (например, подпись или итог). Если одна из них — "
        "человек, добавьте дату рождения и импортируйте реестр снова.",
        "Строка 5: Директор ____________ Иванов А.А.", "Строка 6: Итого: 2 · М.П."]
    assert read_register(path, mapping, limit=1).notices == ()  # a preview that stops before them says nothing

    path.write_bytes(workbook_bytes([title, people[0], [3, "Без Даты", None, None, "Тараз"], people[1], *footer]))
    result = read_register(path, mapping)
    assert [p.row for p in result.problems] == [3] and len(result.notices) == 3

    path.write_bytes(workbook_bytes([title, [3, "Без Даты", None, None, "Тараз"], *footer]))
    result = read_register(path, mapping)
    assert [p.row for p in result.problems] == [2, 4, 5] and result.notices == ()

    # a last row with what a person has (a sex, an admission date…) but no date of birth is a person: refused
    title2 = [*title, "Пол", "Дата поступления"]
    mapping2 = RegisterMapping({**mapping.columns, "sex": "Пол", "admission_date": "Дата поступления"})
    for last in ([4, "Ли Анна", None, None, None, "ж", None], [4, "Ли Анна", None, None, None, None, "03.04.2021"]):
        path.write_bytes(workbook_bytes([title2, [*people[0], "м", "01.02.2020"], last, *footer]))
        result = read_register(path, mapping2)
        assert [p.row for p in result.problems] == [3] and len(result.notices) == 3, last

    # more rows at the end than a signature, a stamp and a total take: people without a date of birth, refused
    many = [[n, f"Адам {n}", None, None, "Тараз"] for n in range(10, 16)]
    path.write_bytes(workbook_bytes([title, *people, *many]))
    result = read_register(path, mapping)
    assert [p.row for p in result.problems] == list(range(4, 10)) and result.notices == ()


def test_what_a_row_holds_is_shown_as_written():
    """The parts of a name split from one cell are shown together at the name's place, among the row's other values
    in their order (a value before the name, an empty one, a number)."""
    from app.portal.validate import row_text

    assert row_text({"iin": 0, "last_name": "Итого:", "first_name": "2", "address": "М.П."}) == "0 · Итого: 2 · М.П."
    assert row_text({"address": "Тараз", "last_name": "Ким"}) == "Тараз · Ким"
    assert row_text({"address": "х" * 500}).endswith("…") and len(row_text({"address": "х" * 500})) == 200


def test_an_order_column_of_its_own_is_read_as_a_date_and_order_cell_s_order_is():
    """A register's own order column holds what a hand writes: «Пр. №113-к от 21.08.2023 г.» was stored whole (the
    journal printed «№ Пр. №113-к от 21.08.2023 г.»); a date-and-order cell gave «113-к». Both give the number."""
    data = workbook_bytes([["ФИО", "Дата рождения", "Дата поступления", "№ приказа"],
                           ["Ким Олег", "02.01.1941", "21.08.2023", "Пр. №113-к от 21.08.2023 г."],
                           ["Ли Анна", "03.04.1942", "22.08.2023", "бұйрық № 7-ж"],
                           ["Пак Инна", "04.05.1943", "23.08.2023", 12]])
    result = read_register(data, RegisterMapping({"full_name": "ФИО", "birth_date": "Дата рождения",
                                                  "admission_date": "Дата поступления", "admission_order": "№ приказа"}))
    assert [r.admission_order for r in result.records] == ["113-к", "7-ж", "12"]
