"""Imports into the database at the row limit (issue 11 point 6: "nothing an import does takes more than
10 s or 500 MB on 100,000 valid rows"): queue applications, the journal and an institution's register.

    python bench/bench_import_db.py [--rows 100000] [--repeat 3] [--kinds queue,journal,register]
                                    [--engines sqlite,postgresql] [--format xlsx] [--steps]

Each kind's file is written once (``--format``: xlsx, csv or json; a register is a table, never JSON; ods: the
xlsx re-saved by LibreOffice, which must be installed);
each run imports it into a new, empty database in a process of its own — recognise what the file holds, read,
validate, write and commit, as the import wizard and ``qamqor portal import FILE`` do — and reports the wall time of that and
the process's peak resident memory (VmHWM: the whole process, Python and SQLAlchemy included), the
part of the time the reading and validating of the file took (the rest is the database's), and the CPU
reference measured in the child just before each run (this machine's speed swings: the reference reads
0.14-0.16 s at its usual speed and up to 0.26 s at its slow moments). A register is read through the mapping
suggested from its columns, found before the timing starts: the wizard shows the columns (and the
mapping) as a step of its own, and ``qamqor register import`` is given the mapping; that step's time is
printed beside.
SQLite: a file database in a temporary folder (the default engine, WAL). PostgreSQL: a throw-away server
started as the tests start theirs (tests/pgserver.py), one new database per run. Prints medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_import import cpu_reference, peak_mb  # noqa: E402 - after the path

KINDS = ("queue", "journal", "register")


def queue_records(rows: int) -> list:
    """``rows`` applications, each of another person (an IIN and a portal number each)."""
    from app.domain.enums import Sex
    from app.domain.identity import make_iin
    from app.portal.records import QueueApplicationRecord

    out = []
    for i in range(rows):
        born = dt.date(1935, 1, 1) + dt.timedelta(days=i % 20000)
        received = dt.datetime(2020, 1, 1, 9) + dt.timedelta(minutes=i)  # 69 of them at 00:00 (app.portal.midnight)
        out.append(QueueApplicationRecord("Кезекова", f"Айгүл{i}", born, received,
                                          portal_number=f"SOC-{i:06d}", address=f"Алматы, {i % 300}-үй",
                                          iin=make_iin(born, Sex.FEMALE, 10 * (i // 20000) + 1)))  # make_iin may take the next serials
    return out


def journal_records(rows: int) -> list:
    """A year's journal as bench_portal_formats.journal writes it (most present, some away, discharged,
    transferred; a twentieth without an IIN), each row another person."""
    from dataclasses import replace

    from app.domain.identity import make_iin
    from bench.bench_portal_formats import journal

    out, seen = [], set()
    for i, rec in enumerate(journal(rows, seed=7)):
        serial = 5000
        while rec.iin in seen:  # the generator's IINs repeat now and then: another person, another IIN
            assert rec.birth_date is not None and rec.sex is not None  # the generator gives both
            rec = replace(rec, iin=make_iin(rec.birth_date, rec.sex, serial))
            serial += 1
        seen.add(rec.iin)
        if i % 20 == 0:  # a person without an IIN (name + date of birth is their key)
            rec = replace(rec, iin=None, first_name=f"{rec.first_name}{i}")
        out.append(rec)
    return out


def write_file(kind: str, rows: int, fmt: str, folder: Path) -> Path:
    """The file of ``kind`` in ``fmt``; ``ods``: the .xlsx re-saved by LibreOffice (``soffice``), as a user
    re-saves the program's export."""
    from app.portal import Format, Kind, write_records

    if fmt == "ods":
        source = write_file(kind, rows, "xlsx", folder)
        subprocess.run(["soffice", "--headless", "--convert-to", "ods", "--outdir", str(folder), str(source)],
                       check=True, capture_output=True, timeout=1800)
        return source.with_suffix(".ods")
    if kind == "queue":
        data = write_records(Kind.QUEUE, queue_records(rows), Format(fmt), "ru")
    else:  # the register: the journal's columns in a table of the institution's own
        data = write_records(Kind.JOURNAL, journal_records(rows), Format(fmt), "kk")
    path = folder / f"{kind}.{fmt}"
    path.write_bytes(data)
    return path


def child(kind: str, path: str, url: str, rows: int, steps: bool = False) -> None:
    """One import in this process: prints its time, the records created and the process's peak memory.
    ``steps``: the import wizard's two waits instead — "Next" (the file recognised, read and checked by a dry run
    of the import, for the preview) and "Import" (the same records imported) — each timed alone."""
    from app.portal import Kind
    from app.portal.kinds import read_recognised
    from app.portal.register import inspect_register, read_register, suggest_mapping
    from app.services.exchange import ExchangeService
    from tests.conftest import make_services

    svc, _director, worker = make_services(url, capacity=rows * 2)
    data = Path(path).read_bytes()
    ex = ExchangeService(svc.sessions)
    reference = cpu_reference()  # the machine's speed just before this run (its speed swings by half at times)
    inspected, mapping = 0.0, None
    if kind == "register":  # the wizard's first step (the file's columns shown), before the import; the command
        started = time.perf_counter()  # line is given the mapping (qamqor register import FILE --mapping M)
        mapping = suggest_mapping(inspect_register(data)[0])
        inspected = time.perf_counter() - started
        if mapping is None:
            raise SystemExit("the register's columns were not recognised")
    started = time.perf_counter()
    if mapping is not None:
        result = read_register(data, mapping)
        del data  # as the program: the file's bytes are not held during the import
        read = time.perf_counter() - started
        summary = ex.import_register(worker, result)
    else:  # recognised from its titles and read, in one opening of the file: the wizard's and the command's way
        found, recognised = read_recognised(data, Path(path).name)
        if found.kind is not Kind(kind) or recognised is None:
            raise SystemExit(f"the {kind} file was recognised as {found.kind}")
        result = recognised
        del data
        read = time.perf_counter() - started
        run = ex.import_queue if kind == "queue" else ex.import_journal
        if steps:  # ui/dialogs/portal_import.py: ChoosePage.prepare, then PreviewPage.prepare
            run(worker, result, dry_run=True)
            read = time.perf_counter() - started  # the first wait: up to the preview
        summary = run(worker, result)
    elapsed = time.perf_counter() - started
    from sqlalchemy import func, select

    from app.db.models import AuditEntry, Movement, Resident
    with svc.sessions() as s:
        counts = {t.__tablename__: s.scalar(select(func.count()).select_from(t))
                  for t in (Resident, Movement, AuditEntry)}
    svc.engine.dispose()
    print(json.dumps({"seconds": elapsed, "read": read, "inspected": inspected, "peak_mb": peak_mb(),
                      "reference": reference,
                      "created": summary.created,
                      "unchanged": summary.unchanged, "counts": counts}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--engines", default="sqlite,postgresql")
    ap.add_argument("--format", default="xlsx", choices=("xlsx", "csv", "json", "ods"))
    ap.add_argument("--steps", action="store_true",
                    help="the import wizard's two waits (read and dry run; import), queue and journal only")
    ap.add_argument("--child", nargs=3, metavar=("KIND", "FILE", "URL"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        kind, path, url = a.child
        child(kind, path, url, a.rows, a.steps)
        return
    with open("/proc/loadavg") as fh:
        load = " ".join(fh.read().split()[:3])
    print(f"CPU reference (5,000,000 additions): {cpu_reference():.2f} s; load average {load}")
    folder = Path(tempfile.mkdtemp(prefix="qamqor-bench-importdb-"))
    server = None
    engines = a.engines.split(",")
    if "postgresql" in engines:
        from tests.pgserver import PostgresServer, postgres_unavailable_reason

        reason = postgres_unavailable_reason()
        if reason:
            print(f"PostgreSQL skipped: {reason}")
            engines.remove("postgresql")
        else:
            server = PostgresServer()
            server.start()
    try:
        first = "of which the wizard's first step: reading and a dry run (median)" if a.steps else \
            "of which reading (median)"
        print(f"\n| import {a.rows:,} rows ({a.format}) | engine | median | runs (CPU reference before each) | "
              f"{first} | "
              "peak RSS (median, max) | created | rows written |\n|---|---|---|---|---|---|---|---|")
        for kind in a.kinds.split(","):
            fmt = "csv" if kind == "register" and a.format == "json" else a.format
            path = write_file(kind, a.rows, fmt, folder)
            for engine in engines:
                times, reads, peaks, references, inspected, last = [], [], [], [], [], {}
                for n in range(a.repeat):
                    if engine == "sqlite":
                        url = f"sqlite:///{folder / f'{kind}{n}.sqlite3'}"
                    else:
                        assert server is not None  # started above when PostgreSQL is measured
                        url = server.create_database()
                    out = subprocess.run([sys.executable, __file__, "--rows", str(a.rows), *(["--steps"] if a.steps
                                          else []), "--child", kind, str(path), url],
                                         capture_output=True, text=True, cwd=ROOT)
                    if out.returncode:
                        raise SystemExit(out.stderr[-3000:])
                    last = json.loads(out.stdout.strip().splitlines()[-1])
                    times.append(last["seconds"])
                    reads.append(last["read"])
                    peaks.append(last["peak_mb"])
                    references.append(last["reference"])
                    inspected.append(last["inspected"])
                    if server is not None and engine == "postgresql":
                        server.drop_database(url)
                    else:
                        Path(url[len("sqlite:///"):]).unlink()
                runs = ", ".join(f"{t:.2f} ({r:.2f})" for t, r in zip(times, references))
                written = ", ".join(f"{k} {v:,}" for k, v in last["counts"].items())
                second = f" (then \"Import\": {statistics.median(t - r for t, r in zip(times, reads)):.2f} s)" \
                    if a.steps else ""
                print(f"| {kind} | {engine} | {statistics.median(times):.2f} s | {runs} | "
                      f"{statistics.median(reads):.2f} s{second}"
                      f"{f' (columns shown before: {statistics.median(inspected):.2f} s)' if kind == 'register' else ''} | "
                      f"{statistics.median(peaks):.0f} / {max(peaks):.0f} MB | {last['created']:,} | {written} |",
                      flush=True)
    finally:
        if server is not None:
            server.stop()
    with open("/proc/loadavg") as fh:
        load = " ".join(fh.read().split()[:3])
    print(f"CPU reference after: {cpu_reference():.2f} s; load average {load}")


if __name__ == "__main__":
    main()
