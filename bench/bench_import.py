"""Import and export of journal files in every format people have (issue 11).

    python bench/bench_import.py [--rows 10000] [--repeat 5] [--big 100000]

Read + validate N journal rows (read_records) from .xlsx (this program's, and one written by openpyxl),
.xls and .ods (LibreOffice's conversions of this program's .xlsx; needs soffice), CSV and JSON; the
.xlsx also through the hand-written reader this issue replaced (taken from git, commit 2986a7c), in
the same run; with --database, a full import of the .xlsx into a new SQLite database
(ExchangeService.import_journal); export (write_records) to each format. Targets on the 2-core machine: .xlsx with full validation
< 1.5 s, export < 1 s. --big: time and peak memory of reading --big rows (the limit of 100,000).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import app.portal.formats as formats  # noqa: E402
from app.portal import Format, Kind, read_records, write_records  # noqa: E402
from bench.bench_portal_formats import foreign_workbook, journal  # noqa: E402

OLD_READER_COMMIT = "2986a7c"


def old_reader():
    """The hand-written XLSX reader as it was before calamine (app/portal/xlsx.py at OLD_READER_COMMIT)."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{OLD_READER_COMMIT}:app/portal/xlsx.py"],
                            capture_output=True, text=True, check=True).stdout
    path = Path(tempfile.mkdtemp()) / "old_xlsx.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("old_xlsx", path)
    assert spec is not None and spec.loader is not None  # a .py file
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_xlsx"] = module
    spec.loader.exec_module(module)
    return module


def converted(data: bytes, suffix: str, folder: Path) -> bytes:
    source = folder / "journal.xlsx"
    source.write_bytes(data)
    subprocess.run(["soffice", "--headless", "--convert-to", suffix, "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=600)
    return (folder / f"journal.{suffix}").read_bytes()


def median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cpu_reference() -> float:
    started = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.perf_counter() - started


def peak_mb() -> float:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) / 1024 for line in fh if line.startswith("VmHWM:"))


def reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")


def database_import(data: bytes, args) -> None:
    from app.services.exchange import ExchangeService
    from tests.conftest import make_services

    times = []
    for _ in range(max(1, args.repeat // 2)):
        with tempfile.TemporaryDirectory() as folder:
            svc, _director, worker = make_services(f"sqlite:///{folder}/q.db", capacity=args.rows * 2)
            started = time.perf_counter()
            result = read_records(data, Kind.JOURNAL, "journal.xlsx")
            summary = ExchangeService(svc.sessions).import_journal(worker, result)
            times.append(time.perf_counter() - started)
            svc.engine.dispose()
    print(f"| import the xlsx into a new SQLite database (read, validate, write; {summary.created:,} people) | "
          f"{statistics.median(times):.2f} s | |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--big", type=int, default=0)
    parser.add_argument("--database", action="store_true", help="also import the xlsx into a new SQLite database")
    args = parser.parse_args()
    print(f"CPU reference (5,000,000 additions): {cpu_reference():.2f} s")
    records = journal(args.rows)
    files = {fmt: write_records(Kind.JOURNAL, records, fmt, "ru") for fmt in (Format.XLSX, Format.CSV, Format.JSON)}
    with tempfile.TemporaryDirectory() as folder:
        xls = converted(files[Format.XLSX], "xls", Path(folder))
        ods = converted(files[Format.XLSX], "ods", Path(folder))
    inputs = {"xlsx (this program's)": files[Format.XLSX], "xlsx (openpyxl's)": foreign_workbook(records),
              "xls (LibreOffice)": xls, "ods (LibreOffice)": ods, "csv": files[Format.CSV],
              "json": files[Format.JSON]}
    print(f"\n| read + validate {args.rows:,} journal rows | median | records |\n|---|---|---|")
    for label, data in inputs.items():
        result = read_records(data, Kind.JOURNAL)
        assert len(result.records) == args.rows and not result.problems, (label, result.problems[:3])
        print(f"| {label} | {median(lambda d=data: read_records(d, Kind.JOURNAL), args.repeat):.2f} s | "
              f"{len(result.records):,} |")

    old = old_reader()
    current = formats.open_sheets
    for label in ("xlsx (this program's)", "xlsx (openpyxl's)"):
        data = inputs[label]
        formats.open_sheets = lambda data, name=None: old.open_sheets(data)
        try:
            before = median(lambda d=data: read_records(d, Kind.JOURNAL), args.repeat)
        finally:
            formats.open_sheets = current
        after = median(lambda d=data: read_records(d, Kind.JOURNAL), args.repeat)
        print(f"| {label}: hand-written reader / calamine, same run | {before:.2f} s / {after:.2f} s | "
              f"{before / after:.1f}x |")

    if args.database:
        database_import(files[Format.XLSX], args)

    print(f"\n| write {args.rows:,} journal rows | median |\n|---|---|")
    for fmt in (Format.XLSX, Format.CSV, Format.JSON):
        print(f"| {fmt.value} | {median(lambda f=fmt: write_records(Kind.JOURNAL, records, f, 'ru'), args.repeat):.2f}"
              " s |")

    if args.big:
        big = journal(args.big, seed=7)
        print(f"\n| read + validate {args.big:,} rows | time | memory: growth of the peak (process peak) |"
              "\n|---|---|---|")
        for fmt in (Format.XLSX, Format.CSV, Format.JSON):
            data = write_records(Kind.JOURNAL, big, fmt, "ru")
            reset_peak()
            before = peak_mb()
            started = time.perf_counter()
            result = read_records(data, Kind.JOURNAL)
            elapsed = time.perf_counter() - started
            assert len(result.records) == args.big
            del result
            print(f"| {fmt.value} ({len(data) / 2**20:.0f} MB) | {elapsed:.1f} s | {peak_mb() - before:.0f} MB "
                  f"({peak_mb():.0f} MB) |")
        print(f"CPU reference after: {cpu_reference():.2f} s")


if __name__ == "__main__":
    main()
