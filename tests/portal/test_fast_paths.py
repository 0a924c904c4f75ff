"""The shortcuts that make reading a file of 100,000 rows fast (issue 11 point 6) give what the general
ways give: the usual date-and-order cell, dates read without the patterns, the workbook check that
counts less, the CSV that is not counted twice."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.enums import ResidentStatus
from app.domain.limits import CONTROL, text_problem
from app.portal import Format, Kind, read_records, write_records
from app.portal.columns import SPECS, split_date_order
from app.portal.formats import _most_lines
from app.portal.records import JournalEventRecord
from app.portal.validate import make_record
from app.portal.values import FIELD_PARSERS, Invalid, parse_when
from app.portal.xlsx import _sheet_extent, check_workbook
from tests.portal.portal_samples import journal_records

D, DT = dt.date, dt.datetime
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ORDER_PARTS = ["0", "1", "7", "15", "٣", "-", "/", "\\", "к", "р", "Р", "п", "г", "г.", "ж", "n", "N", "no", "nr", "от",
               "приказ", "бұйрық", "жылғы", "года", "a", "_", " ", ".", ",", ";", "(", ")", ":", "№", "вернулся"]


@SETTINGS
@given(date=st.sampled_from(["01.02.2024", "1.2.2024", "2024-02-01", "٠١.٠٢.٢٠٢٤", "01.02.20245", "31.02.2024"]),
       first=st.sampled_from(["", "1", "9", "٣"]), rest=st.lists(st.sampled_from(ORDER_PARTS), max_size=4),
       between=st.sampled_from([" № ", " №", "  № ", " "]))
def test_the_usual_date_and_order_cell_is_split_as_the_general_way_splits_it(date, first, rest, between):
    cell = date + between + first + "".join(rest)
    # a space before the cell sends it the general way, which a leading space does not change
    assert split_date_order(cell) == split_date_order(" " + cell)


def test_the_usual_cells():
    assert split_date_order("01.02.2024 № 15-к") == ("01.02.2024", "15-к", False)
    assert split_date_order("01.02.2024 № 15/2") == ("01.02.2024", "15/2", False)
    assert split_date_order("01.02.2024 № 15-") == ("01.02.2024", "15", False)
    assert split_date_order("01.02.2024 № 15-р") == ("01.02.2024", "15-р", False)
    assert split_date_order("01.02.2024 № 3 (қайта оралды)") == ("01.02.2024", "3", True)


def outcome(raw, with_time):
    try:
        return parse_when(raw, with_time=with_time)
    except Invalid as exc:
        return exc.message.msgid


@SETTINGS
@given(day=st.integers(0, 32), month=st.integers(0, 13), year=st.sampled_from([1899, 1900, 1999, 2024, 2100, 2101]),
       hour=st.integers(0, 25), minute=st.integers(0, 61), second=st.one_of(st.none(), st.integers(0, 61)),
       dashed=st.booleans(), between=st.sampled_from([" ", "T", "t", "  ", "_"]), with_time=st.booleans())
def test_dates_read_without_the_patterns_are_read_as_the_patterns_read_them(day, month, year, hour, minute, second,
                                                                            dashed, between, with_time):
    date = f"{year:04d}-{month:02d}-{day:02d}" if dashed else f"{day:02d}.{month:02d}.{year:04d}"
    time = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second is not None else "")
    for text in (date, date + between + time):
        # a space after the text sends it through the patterns, which the space does not change
        assert outcome(text, with_time) == outcome(text + " ", with_time)
        assert outcome(text, with_time) == outcome(text, with_time)  # read again: looked up, the same


@pytest.mark.parametrize("raw,with_time,expected", [
    (D(1900, 1, 1), False, D(1900, 1, 1)), (D(2100, 12, 31), False, D(2100, 12, 31)),
    (D(1899, 12, 31), False, "outside"), (D(2101, 1, 1), False, "outside"),
    (DT(2100, 12, 31, 23, 59, 59), True, DT(2100, 12, 31, 23, 59, 59)), (DT(1899, 12, 31, 23, 59), True, "outside"),
    (DT(2024, 3, 5, 10, tzinfo=dt.timezone(dt.timedelta(hours=5))), True, DT(2024, 3, 5, 10)),
])
def test_date_cells_are_taken_as_they_are_within_the_years(raw, with_time, expected):
    if isinstance(expected, str):
        with pytest.raises(Invalid) as caught:
            parse_when(raw, with_time=with_time)
        assert expected in caught.value.message.msgid
    else:
        assert parse_when(raw, with_time=with_time) == expected


@SETTINGS
@given(text=st.text(max_size=30))
def test_a_text_without_control_characters_has_no_problem(text):
    assert (text_problem(text, None) is None) == (CONTROL.search(text) is None)


def test_the_journal_reads_back_whole():
    records = journal_records()
    for fmt in (Format.XLSX, Format.CSV, Format.JSON):
        result = read_records(write_records(Kind.JOURNAL, records, fmt, "kk"), Kind.JOURNAL)
        assert result.ok and list(result.records) == records


@SETTINGS
@given(lines=st.lists(st.text(st.characters(blacklist_categories=["Cs"]), max_size=8), max_size=12),
       ends=st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=12, max_size=12), last=st.booleans(),
       encoding=st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "cp1251"]))
def test_a_text_table_has_no_more_lines_than_counted(lines, ends, last, encoding):
    lines = [line.replace("\r", "").replace("\n", "") for line in lines]
    text = "".join(line + end for line, end in zip(lines, ends))
    if last:
        text += "последняя"
    data = text.encode(encoding, "replace")
    read = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors="replace", newline="")
    assert sum(1 for _ in read) <= _most_lines(data)


def sheet(*cells: bytes, cols: bool = True) -> bytes:
    head = b'<worksheet><cols><col min="1" max="1" width="6"/></cols>' if cols else b"<worksheet>"
    return head + b"<sheetData><row>" + b"".join(cells) + b"</row></sheetData></worksheet>"


@pytest.mark.parametrize("part,extent", [
    (sheet(b'<c r="A1"><v>1</v></c>', b'<c r="B7"><v>1</v></c>'), (99_999, 26)),
    (sheet(b'<c r="A1"><v>1</v></c>', b'<c r="C100005"><v>1</v></c>', b'<c r="A100004"/>'), (100_005, 26)),
    (sheet(b'<c r="A1"><v>1</v></c>', b'<c r="C1000005"><v>1</v></c>'), (1_000_005, 26)),
    (sheet(b'<c r="A100001"><v>1</v></c>', b'<c r="A12345678"><v>1</v></c>'), (100_000_000, 1)),
    (sheet(b'<c r="A1"><v>1</v></c>', b'<c r="AB3"><v>1</v></c>', cols=False), (99_999, 28)),
    (sheet(b'<c r="A1"><v>1</v></c>', b"<c><v>1</v></c>", b'<c r="A5"><v>1</v></c>'), (5, 2)),
    (sheet(b'<c r="A1"><v>1</v></c>', b"<c\n><v>1</v></c>"), (1, 2)),
    (sheet(b'<c r="A1"><v>1</v></c>', b"<c  r='C2'><v>1</v></c>"), (2, 3)),    # followed cell by cell
    (sheet(b'<c r="A1"><v>1</v></c>', b'<c\tr="D3"><v>1</v></c>'), (3, 4)),
    (sheet(b'<c r="A1"><v>1</v></c>', b"<c r='E4'><v>1</v></c>", b"<cfRule/>"), (99_999, 26)),
])
def test_the_extent_of_a_sheet(part, extent):
    assert _sheet_extent(part) == extent


def test_a_workbook_checked_twice_is_refused_twice():
    good = write_records(Kind.JOURNAL, journal_records(), Format.XLSX, "kk")
    assert check_workbook(good) == check_workbook(good) == "xlsx"
    broken = good[:len(good) // 2]
    for _ in range(2):
        with pytest.raises(Exception) as caught:
            check_workbook(broken)
        assert type(caught.value).__name__ == "ImportRefused"


JOURNAL_ROW = {"status": "қызмет алуда", "last_name": "Ахметова", "first_name": "Айгүл", "birth_date": D(1950, 3, 4),
               "admission_date": D(2020, 1, 9)}


@SETTINGS
@given(field=st.sampled_from(["middle_name", "address", "phone", "admission_order", "discharge_reason", "destination"]),
       text=st.one_of(st.text(max_size=60), st.text(min_size=1, max_size=8).map(lambda t: t * 70),
                      st.sampled_from(["  Әлия  ", "\t", " ", "a\x00b", "\u2028", "x\x85", "a\tb", "\ud800"])))
def test_a_text_cell_is_taken_as_its_parser_takes_it(field, text):
    """make_record takes a text cell fit to be stored without calling its parser (bounded_text): the record, or the
    problem, is the parser's, for any text."""
    spec = SPECS[Kind.JOURNAL]
    record, problems = make_record(spec, {**JOURNAL_ROW, field: text}, 7, {}, D(2026, 12, 7))
    try:
        expected = FIELD_PARSERS[field](text)
    except Invalid as exc:
        assert record is None and [(p.field, p.message) for p in problems] == [(field, exc.message)]
        return
    assert problems == [] and record is not None
    assert getattr(record, field) == expected
    # the record is the one the dataclass's own __init__ makes of the row's values
    fields = {"status": ResidentStatus.PRESENT, **{k: v for k, v in JOURNAL_ROW.items() if k != "status"}}
    assert record == JournalEventRecord(**fields, **({field: expected} if expected is not None else {}))


def test_a_record_type_that_init_would_check_is_not_made_without_it():
    """The records are made field by field only where their __init__ does nothing more (no __post_init__, no
    field left without a value): a record type that needs it is refused before any row is read."""
    @dataclasses.dataclass(frozen=True)
    class Checked:
        last_name: str
        first_name: str | None = None

        def __post_init__(self):
            raise AssertionError("not to be skipped")

    spec = dataclasses.replace(SPECS[Kind.JOURNAL], record=Checked, required_fields=("last_name",))
    with pytest.raises(TypeError):
        make_record(spec, {"last_name": "Ахметова"}, 2, {}, D(2026, 12, 7))
    unfilled = dataclasses.replace(SPECS[Kind.JOURNAL], required_fields=("last_name",))  # first_name has no default
    with pytest.raises(TypeError):
        make_record(unfilled, {"last_name": "Ахметова"}, 2, {}, D(2026, 12, 7))
