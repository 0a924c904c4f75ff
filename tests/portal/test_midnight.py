"""A date and time of 00:00 in a workbook (issue 11 point 1: the program's own export imports again).

A spreadsheet keeps an application received at 00:00 as a whole number of days, which calamine gives as a date
whatever the cell's format shows; the format tells a date and time of 00:00 ("05.03.2026 00:00") from a date
alone ("05.03.2026", which a received time may not be). The queue fixtures hold such an application in every
format (tests/portal/test_portal_real_files.py reads them to the records written, and
tests/services/test_exchange_every_format.py imports them twice); here the same files with that cell's format
made a date alone are still refused at that row, and the format codes are judged."""

from __future__ import annotations

import datetime as dt
import io
import struct
import time
import zipfile
from pathlib import Path

import pytest

from app.portal import ImportRefused, Kind, read_records, xlsx
from app.portal.midnight import shows_date_and_time, xls_midnights
from tests.portal.test_hostile_files import _slowness

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MIDNIGHT = dt.datetime(2026, 3, 5, 0, 0)  # make_fixtures.queue_exchange_records: SOC-2026-005


@pytest.mark.parametrize(("code", "shows"), [
    ("dd\\.mm\\.yyyy\\ hh:mm", True),  # the program's own export
    ("DD.MM.YYYY HH:MM", True), ("m/d/yy h:mm", True), ("[$-409]m/d/yyyy h:mm AM/PM;@", True),
    ("yyyy-mm-dd hh:mm:ss", True),
    ("dd\\.mm\\.yyyy", False), ("DD.MM.YYYY", False), ("yyyy-mm-dd;@", False),  # a date alone
    ("hh:mm", False), ("[h]:mm:ss", False),  # a time alone, a duration
    ('dd.mm.yyyy" hh:mm"', False), ("dd.mm.yyyy\\h", False),  # the letters h as text
    ("[Red]dd.mm.yyyy", False), ("0.00", False), ("General", False),
])
def test_a_format_shows_a_date_and_time_when_it_has_both_outside_its_text(code, shows):
    assert shows_date_and_time(code) is shows


def _replaced(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """The workbook with ``old`` replaced in one part; the other parts, their order and packing as they were."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == part:
                assert body.count(old) == 1
                body = body.replace(old, new)
            target.writestr(info, body, compress_type=info.compress_type)
    return out.getvalue()


def _date_alone(fmt: str) -> bytes:
    """queue.{fmt} with the format of the received time at 00:00 made a date alone."""
    data = (FIXTURES / f"queue.{fmt}").read_bytes()
    if fmt == "xlsx":  # the one date-and-time style of the export
        return _replaced(data, "xl/styles.xml", b'formatCode="dd\\.mm\\.yyyy\\ hh:mm"', b'formatCode="dd\\.mm\\.yyyy"')
    if fmt == "ods":  # LibreOffice keeps the text the cell shows beside its value
        return _replaced(data, "content.xml", b"<text:p>05.03.2026 00:00</text:p>", b"<text:p>05.03.2026</text:p>")
    # .xls: the FORMAT record's text, as long as before (the time quoted: shown as letters)
    assert data.count(b"dd\\.mm\\.yyyy\\ hh:mm") == 1
    return data.replace(b"dd\\.mm\\.yyyy\\ hh:mm", b'dd\\.mm\\.yyyy"hh:mm"')


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_a_received_time_of_midnight_reads_as_00_00_and_a_date_alone_is_still_refused(fmt):
    whole = read_records((FIXTURES / f"queue.{fmt}").read_bytes(), Kind.QUEUE, f"queue.{fmt}")
    assert whole.problems == ()
    index = [r.received_at for r in whole.records].index(MIDNIGHT)
    row = whole.row_of(index)

    changed = read_records(_date_alone(fmt), Kind.QUEUE, f"queue.{fmt}")

    assert [(p.row, p.field) for p in changed.problems] == [(row, "received_at")]
    assert "05.03.2026" in changed.problems[0].message.render("ru")
    # the other rows keep their times (not whole days: calamine gives them as dates and times)
    assert [r.received_at for r in changed.records] == [r.received_at for r in whole.records if r.received_at != MIDNIGHT]


# --- what a hostile or unusual workbook does to the search (each found by probing) ---------------------------

MIDNIGHT_TEXT = b"<text:p>05.03.2026 00:00</text:p>"


def _ods(change) -> bytes:
    return _replaced_with((FIXTURES / "queue.ods").read_bytes(), "content.xml", change)


def _replaced_with(data: bytes, part: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            target.writestr(info, change(body) if info.filename == part else body, compress_type=info.compress_type)
    return out.getvalue()


def _problems(data: bytes, fmt: str) -> list[tuple[int | None, str | None]]:
    return [(p.row, p.field) for p in read_records(data, Kind.QUEUE, f"queue.{fmt}").problems]


@pytest.mark.parametrize(("shown", "midnight"), [
    (b"<text:p>05.03.2026 <text:s/>00:00</text:p>", True),  # a format with two spaces
    (b"<office:annotation><dc:creator>A</dc:creator><text:p>note</text:p></office:annotation>" + MIDNIGHT_TEXT, True),
    (b"<text:p>05.03.2026 12:00 AM</text:p>", True),
    (b"<text:p>05:03:2026</text:p>", False),  # a date alone, shown with colons
    (b"<text:p>05.03.2026 0:00 ish</text:p>", False),
])
def test_an_ods_cell_is_a_midnight_when_its_text_ends_in_the_time_00_00(shown, midnight):
    data = _ods(lambda body: body.replace(MIDNIGHT_TEXT, shown))
    assert _problems(data, "ods") == ([] if midnight else [(7, "received_at")])


def test_an_ods_row_repeated_repeats_its_midnight():
    """A row written once with ``table:number-rows-repeated="2"`` is two rows: both hold the date and time (so the
    second repeats the first's application: that is its problem, not a missing time)."""
    def repeat(body: bytes) -> bytes:
        row = body.rfind(b"<table:table-row", 0, body.find(MIDNIGHT_TEXT))
        return body[:row + 16] + b' table:number-rows-repeated="2"' + body[row + 16:]
    assert _problems(_ods(repeat), "ods") == [(8, "portal_number")]


def test_an_ods_row_of_many_midnight_cells_is_searched_in_one_pass():
    cell = (b'<table:table-cell office:value-type="date" office:date-value="2026-03-05">' + MIDNIGHT_TEXT +
            b"</table:table-cell>")

    def widen(body: bytes) -> bytes:
        end = body.find(b"</table:table-row>", body.find(MIDNIGHT_TEXT))
        return body[:end] + cell * 20_000 + body[end:]
    started = time.perf_counter()
    assert _problems(_ods(widen), "ods") == []  # the 20,000 cells right of the table are not its columns
    assert time.perf_counter() - started < 3 * _slowness()  # each cell searched back to the row's start: 3 s


def test_an_ods_cell_repeated_a_million_times_takes_a_bounded_place():
    content = (b'<office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="4">'
               b'<table:table-cell table:number-columns-repeated="1000000" office:value-type="date" '
               b'office:date-value="2026-03-05">' + MIDNIGHT_TEXT + b"</table:table-cell></table:table-row>"
               b"</table:table></office:spreadsheet>")
    found = xlsx._ods_midnights(content)
    assert set(found) == {0} and set(found[0]) == {0, 1, 2, 3} and found[0][0] == frozenset(range(64))


@pytest.mark.parametrize("part", ["xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"])
def test_tags_left_open_in_an_xlsx_are_searched_in_one_pass(part):
    opened = {"xl/styles.xml": b"<numFmt ", "xl/workbook.xml": b"<sheet ",
              "xl/_rels/workbook.xml.rels": b"<Relationship "}[part]
    data = _replaced_with((FIXTURES / "queue.xlsx").read_bytes(), part, lambda body: body + opened * 20_000)
    started = time.perf_counter()
    try:
        read_records(data, Kind.QUEUE, "queue.xlsx")
    except ImportRefused:
        pass
    assert time.perf_counter() - started < 3 * _slowness()  # 10-19 s when each search ran to the end of the part


def test_a_built_in_format_the_workbook_redefines_is_judged_by_its_own_code():
    """Number format 22 is Excel's built-in date and time; a workbook may give 22 a code of its own (a date alone)."""
    def redefine(body: bytes) -> bytes:
        return body.replace(b'numFmtId="165" formatCode="dd\\.mm\\.yyyy\\ hh:mm"',
                            b'numFmtId="22" formatCode="dd\\.mm\\.yyyy"').replace(b'numFmtId="165"', b'numFmtId="22"')
    data = _replaced_with((FIXTURES / "queue.xlsx").read_bytes(), "xl/styles.xml", redefine)
    assert _problems(data, "xlsx") == [(7, "received_at")]


def _record(kind: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _biff(cells: bytes, formats: bytes = b"", tail: bytes = b"") -> bytes:
    """A workbook stream: one cell style (number format 22), one sheet holding ``cells``."""
    xf = _record(0x00E0, struct.pack("<HH", 0, 22) + bytes(16))
    head_len = len(_record(0x0809, bytes(16)) + formats + xf) + len(_record(0x0085, bytes(8) + b"S")) + 4
    sheet = _record(0x0085, struct.pack("<LBBBB", head_len, 0, 0, 1, 0) + b"S")
    globals_ = _record(0x0809, bytes(16)) + formats + xf + sheet + _record(0x000A)
    assert len(globals_) == head_len
    return globals_ + _record(0x0809, bytes(16)) + cells + _record(0x000A) + tail


def test_xls_cells_of_a_date_and_time_format_whose_value_is_a_whole_day():
    number = _record(0x0203, struct.pack("<HHHd", 4, 3, 0, 46086.0))
    fraction = _record(0x0203, struct.pack("<HHHd", 5, 3, 0, 46086.5))
    rk = _record(0x027E, struct.pack("<HHHL", 6, 2, 0, (46086 << 2) | 2))
    mulrk = _record(0x00BD, struct.pack("<HH", 7, 1) + struct.pack("<HL", 0, (46086 << 2) | 2) * 2 +
                    struct.pack("<H", 2))
    assert xls_midnights(_biff(number + fraction + rk + mulrk)) == {
        0: {4: frozenset({3}), 6: frozenset({2}), 7: frozenset({1, 2})}}
    date_alone = _record(0x041E, struct.pack("<HHB", 22, 10, 0) + b"dd.mm.yyyy")
    assert xls_midnights(_biff(number, formats=date_alone)) == {}


def test_an_xls_record_cut_short_at_the_end_of_the_stream_is_not_read():
    number = _record(0x0203, struct.pack("<HHHd", 4, 3, 0, 46086.0))
    assert xls_midnights(_biff(number, tail=struct.pack("<HH", 0x0203, 14))) == {0: {4: frozenset({3})}}
    assert xls_midnights(_biff(number)[:-4]) == {0: {4: frozenset({3})}}  # the sheet's EOF missing
    assert xls_midnights(_biff(number)[:-8]) == {}  # the cell itself cut short
