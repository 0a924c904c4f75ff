"""Records and files for the portal exchange tests (built in memory; written to tmp_path by the tests)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.enums import ResidentStatus, Sex
from app.domain.identity import make_iin
from app.portal.records import JournalEventRecord, QueueApplicationRecord, RosterRecord

D = dt.date

# Born in 2003: the IIN begins with 0, which a spreadsheet drops when it stores the IIN as a number.
IIN_ZERO = make_iin(D(2003, 4, 5), Sex.FEMALE, 17)
IIN_A = make_iin(D(1950, 3, 4), Sex.MALE, 1)
IIN_B = make_iin(D(1948, 11, 30), Sex.FEMALE, 2)


def journal_records() -> list[JournalEventRecord]:
    """Every kind of journal row: present, returned (R-02), temporarily absent, discharged,
    transferred, in the queue."""
    return [
        JournalEventRecord(ResidentStatus.PRESENT, "Ахметов", "Серік", D(1950, 3, 4), middle_name="Болатұлы",
                           sex=Sex.MALE, address="Қонаев қ., Абай к-сі, 12", phone="+7 701 123 45 67",
                           ipr_until=D(2026, 1, 31), admission_date=D(2021, 2, 1), admission_order="15-к",
                           iin=IIN_A),
        JournalEventRecord(ResidentStatus.PRESENT, "Иванова", "Мария", D(1948, 11, 30), middle_name="Петровна",
                           sex=Sex.FEMALE, admission_date=D(2023, 6, 1), admission_order="40/ж", returned=True,
                           iin=IIN_B),
        JournalEventRecord(ResidentStatus.TEMPORARILY_ABSENT, "Жұмабаева", "Әйгерім", D(2003, 4, 5),
                           sex=Sex.FEMALE, admission_date=D(2022, 1, 10), admission_order="2",
                           temp_departure_date=D(2024, 3, 1), temp_departure_order="7-у", iin=IIN_ZERO),
        JournalEventRecord(ResidentStatus.DISCHARGED, "Ким", "Олег", D(1941, 1, 2), sex=Sex.MALE,
                           admission_date=D(2019, 5, 5), admission_order="11", discharge_date=D(2024, 2, 29),
                           discharge_order="9-ш", discharge_reason="туыстары алып кетті"),
        JournalEventRecord(ResidentStatus.TRANSFERRED, "Серікбаев", "Нұрлан", D(1939, 7, 8), sex=Sex.MALE,
                           admission_date=D(2018, 9, 9), admission_order="3", transfer_date=D(2024, 4, 2),
                           transfer_order="12-п", destination="Алматы облысы, Талғар ауданы"),
        JournalEventRecord(ResidentStatus.IN_QUEUE, "Омарова", "Гүлназ", D(1945, 12, 12), middle_name="Серік қызы",
                           sex=Sex.FEMALE, phone="87011112233"),
    ]


def queue_records() -> list[QueueApplicationRecord]:
    return [
        QueueApplicationRecord("Ахметов", "Серік", D(1950, 3, 4), dt.datetime(2024, 3, 1, 9, 15),
                               middle_name="Болатұлы", portal_number="KZ-2024-000101", iin=IIN_A, sex=Sex.MALE,
                               address="Қонаев қ., Абай к-сі, 12", phone="+7 701 123 45 67",
                               ipr_until=D(2025, 6, 30)),
        QueueApplicationRecord("Иванова", "Мария", D(1948, 11, 30), dt.datetime(2024, 3, 1, 11, 0, 5),
                               portal_number="KZ-2024-000102", iin=IIN_B, sex=Sex.FEMALE, out_of_turn=True),
        QueueApplicationRecord("Жұмабаева", "Әйгерім", D(2003, 4, 5), dt.datetime(2024, 3, 2, 16, 40),
                               iin=IIN_ZERO, sex=Sex.FEMALE, out_of_turn=True),
    ]


def roster_records() -> list[RosterRecord]:
    return [
        RosterRecord(IIN_A, "Ахметов", "Серік", D(1950, 3, 4), ResidentStatus.PRESENT, D(2021, 2, 1),
                     middle_name="Болатұлы", admission_order="15-к"),
        RosterRecord(IIN_ZERO, "Жұмабаева", "Әйгерім", D(2003, 4, 5), ResidentStatus.TEMPORARILY_ABSENT,
                     D(2022, 1, 10)),
    ]


def workbook_bytes(rows: Sequence[Sequence[Any]], *, sheet: str = "Лист1", extra_sheets: Sequence[str] = (),
                   formats: dict[int, str] | None = None) -> bytes:
    """A workbook as another program (openpyxl: inline strings, its own styles) would write it.
    ``formats`` gives number formats by column index (0-based)."""
    book = openpyxl.Workbook()
    for name in extra_sheets:
        book.create_sheet(name).append(["примечание"])
    ws = book.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet
    ws.title = sheet
    book.move_sheet(ws, offset=-len(extra_sheets))
    for row in rows:
        ws.append(list(row))
    for index, code in (formats or {}).items():
        for (cell,) in ws.iter_rows(min_col=index + 1, max_col=index + 1, min_row=1):
            cell.number_format = code
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def editable(data: bytes) -> dict:
    """A JSON file of ours, loaded for a test to change: without its count and checksum, as a file made
    elsewhere (otherwise any change refuses the file whole, issue 11 point 8)."""
    import json

    document = json.loads(data)
    document.pop("count", None)
    document.pop("sha256", None)
    return document
