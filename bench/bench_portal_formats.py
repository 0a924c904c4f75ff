"""Portal exchange benchmarks (issue 5): parse + validate and write N journal rows in each format.

    python bench/bench_portal_formats.py [--rows 10000] [--repeat 5]

Targets on the 2-core machine: reading a 10,000-row XLSX (parse and validate) < 1.5 s, so that
with the database work after it the import stays < 3 s; writing 10,000 rows < 2 s. A queue
workbook written by another program (openpyxl: inline strings, its own styles) is read too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl  # noqa: E402

from app.domain.enums import ResidentStatus, Sex  # noqa: E402
from app.domain.identity import make_iin  # noqa: E402
from app.portal import Format, JournalEventRecord, Kind, read_records, write_records  # noqa: E402
from app.portal.columns import SPECS  # noqa: E402
from app.portal.formats import table_rows  # noqa: E402

LAST = ["Ахметов", "Иванова", "Жұмабаева", "Ким", "Серікбаев", "Омарова", "Нұрланов", "Петров", "Әбілқасымова"]
FIRST = ["Серік", "Мария", "Әйгерім", "Олег", "Нұрлан", "Гүлназ", "Бауыржан", "Анна", "Дәулет"]
MIDDLE = ["Болатұлы", "Петровна", "Серік қызы", "Иванович", None]
REASONS = ["өз өтініші бойынша", "туыстары алып кетті", "по собственному желанию", "смерть"]
PLACES = ["Алматы облысы, Талғар ауданы", "г. Астана", "Қарағанды облысы, Теміртау қ."]


def journal(n: int, seed: int = 5) -> list[JournalEventRecord]:
    """``n`` journal rows as an organisation's year looks: most present, some away, discharged, transferred."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        birth = dt.date(1925, 1, 1) + dt.timedelta(days=rng.randrange(70 * 365))
        sex = rng.choice(list(Sex))
        admitted = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3000))
        later = admitted + dt.timedelta(days=rng.randrange(1, 600))
        status = rng.choices(list(ResidentStatus), weights=[5, 70, 5, 15, 5])[0]
        rows.append(JournalEventRecord(
            status, rng.choice(LAST), rng.choice(FIRST), birth, middle_name=rng.choice(MIDDLE), sex=sex,
            address=f"{rng.choice(PLACES)}, {rng.randrange(1, 200)}-үй", phone=f"+7 70{rng.randrange(10)} "
            f"{rng.randrange(1000000, 9999999)}", ipr_until=later if rng.random() < 0.3 else None,
            admission_date=None if status is ResidentStatus.IN_QUEUE else admitted,
            admission_order=None if status is ResidentStatus.IN_QUEUE else f"{i % 400 + 1}-к",
            returned=status is ResidentStatus.PRESENT and rng.random() < 0.05,
            temp_departure_date=later if status is ResidentStatus.TEMPORARILY_ABSENT else None,
            temp_departure_order=f"{i % 90 + 1}-у" if status is ResidentStatus.TEMPORARILY_ABSENT else None,
            discharge_date=later if status is ResidentStatus.DISCHARGED else None,
            discharge_order=f"{i % 90 + 1}-ш" if status is ResidentStatus.DISCHARGED else None,
            discharge_reason=rng.choice(REASONS) if status is ResidentStatus.DISCHARGED else None,
            transfer_date=later if status is ResidentStatus.TRANSFERRED else None,
            transfer_order=f"{i % 50 + 1}-п" if status is ResidentStatus.TRANSFERRED else None,
            destination=rng.choice(PLACES) if status is ResidentStatus.TRANSFERRED else None,
            iin=make_iin(birth, sex, i % 10000)))
    return rows


def foreign_workbook(records: list[JournalEventRecord]) -> bytes:
    """The same rows as another program writes them (openpyxl: inline strings, date cells)."""
    columns, rows = table_rows(SPECS[Kind.JOURNAL], records, "ru")
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Журнал")
    sheet.append([c.ru for c in columns])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def median_time(fn, repeat: int) -> str:
    """Median wall time, and median CPU time of this process (the fairer figure on a shared machine)."""
    wall, cpu = [], []
    for _ in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    return f"{statistics.median(wall):.2f} s | {statistics.median(cpu):.2f} s"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    records = journal(a.rows)
    print("| benchmark | rows | bytes | median wall | median CPU |")
    print("|---|---|---|---|---|")
    for fmt in (Format.XLSX, Format.CSV, Format.JSON):
        data = write_records(Kind.JOURNAL, records, fmt, "kk")
        result = read_records(data, Kind.JOURNAL)
        assert result.ok and len(result.records) == a.rows, result.problems[:3]
        write = median_time(lambda fmt=fmt: write_records(Kind.JOURNAL, records, fmt, "kk"), a.repeat)
        read = median_time(lambda data=data: read_records(data, Kind.JOURNAL), a.repeat)
        print(f"| write journal {fmt.value} | {a.rows:,} | {len(data):,} | {write} |")
        print(f"| read + validate journal {fmt.value} | {a.rows:,} | {len(data):,} | {read} |")
        sys.stdout.flush()
    data = foreign_workbook(records)
    assert len(read_records(data, Kind.JOURNAL).records) == a.rows
    read = median_time(lambda: read_records(data, Kind.JOURNAL), a.repeat)
    print(f"| read + validate journal xlsx written by openpyxl | {a.rows:,} | {len(data):,} | {read} |")


if __name__ == "__main__":
    main()
