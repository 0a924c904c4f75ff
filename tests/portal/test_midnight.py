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
import zipfile
from pathlib import Path

import pytest

from app.portal import Kind, read_records
from app.portal.midnight import shows_date_and_time

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
