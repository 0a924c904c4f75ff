"""Pull the plug (issue 10 point 3): a child process writes, and is killed with SIGKILL at a random moment.

The child reports each commit on its standard output as soon as the service call has returned; after
the kill the parent checks that the SQLite file passes the integrity check, that every reported commit
is there, and that an import is all there or absent. Used by tests/test_durability.py (20 kills) and
bench/bench_kills.py (50).

    python -m tests.durability writes URL RUN      # admissions one by one, printing each IIN committed
    python -m tests.durability import URL FILE     # a queue file of 10,000 rows, printing "imported"
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROWS = 10_000


def person_iin(run: int, i: int) -> str:
    from app.domain.enums import Sex
    from app.domain.identity import make_iin

    return make_iin(dt.date(1930, 1, 1) + dt.timedelta(days=run * 400 + i), Sex.MALE, 100 + run)


def queue_file(run: int, rows: int = ROWS) -> bytes:
    """``rows`` queue applications whose portal numbers and IINs belong to this run only."""
    from app.domain.enums import Sex
    from app.domain.identity import make_iin
    from app.portal.formats import write_records
    from app.portal.records import Format, Kind, QueueApplicationRecord

    recs = []
    for i in range(rows):
        born = dt.date(1935, 1, 1) + dt.timedelta(days=i)
        recs.append(QueueApplicationRecord("Кезекова", f"Айгүл{i}", born,
                                           dt.datetime(2026, 1, 1, 9) + dt.timedelta(minutes=i),
                                           portal_number=f"K{run:03d}-{i:05d}",
                                           iin=make_iin(born, Sex.FEMALE, 100 * run + 1)))
    return write_records(Kind.QUEUE, recs, Format.XLSX, "ru")


def _child_writes(url: str, run: int) -> None:
    from app.domain.admission import AdmissionGround
    from app.domain.enums import RecipientCategory
    from app.services import OrderRef, PersonInput, Services

    svc = Services.open(url)
    worker = svc.people.authenticate("worker", "worker12")
    day = dt.date.today() - dt.timedelta(days=30)
    for i in range(400):
        iin = person_iin(run, i)
        svc.movements.admit_direct(worker, PersonInput("Тоқов", "Ерлан", None, iin=iin,
                                                       category=RecipientCategory.ELDERLY), day,
                                   OrderRef(f"{run}-{i}", day), admission_ground=AdmissionGround.PENSION_AGE)
        print(iin, flush=True)  # reported only once the commit has returned


def _child_import(url: str, path: str) -> None:
    from app.portal.formats import read_records
    from app.portal.records import Kind
    from app.services import Services
    from app.services.exchange import ExchangeService

    svc = Services.open(url)
    worker = svc.people.authenticate("worker", "worker12")
    result = read_records(Path(path).read_bytes(), Kind.QUEUE, Path(path).name)
    ExchangeService(svc.sessions).import_queue(worker, result)
    print("imported", flush=True)


@dataclass
class Outcome:
    kills: int = 0
    reported: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    partial_imports: list[tuple[int, int]] = field(default_factory=list)  # (run, rows found)
    imports_done: int = 0
    damaged: list[str] = field(default_factory=list)


def _spawn(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tests.durability", *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def _kill_after(proc: subprocess.Popen, seconds: float) -> str:
    time.sleep(seconds)
    proc.send_signal(signal.SIGKILL)
    out, _err = proc.communicate(timeout=60)
    return out


def _check_file(path: Path, outcome: Outcome) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        outcome.damaged.append(verdict)
    return conn


def kill_writes(url: str, kills: int, rng: random.Random, outcome: Outcome) -> None:
    path = Path(url.removeprefix("sqlite:///"))
    for run in range(kills):
        proc = _spawn("writes", url, str(run))
        assert proc.stdout is not None  # a pipe
        first = proc.stdout.readline()  # the child is writing: kill it somewhere in what follows
        reported = [first.strip(), *_kill_after(proc, rng.uniform(0.0, 0.6)).split()]
        outcome.kills += 1
        outcome.reported += [r for r in reported if r]
        conn = _check_file(path, outcome)
        have = {row[0] for row in conn.execute("SELECT iin FROM resident WHERE iin IS NOT NULL")}
        outcome.lost += [iin for iin in reported if iin and iin not in have]
        conn.close()


def kill_imports(url: str, kills: int, rng: random.Random, outcome: Outcome, folder: Path) -> None:
    path = Path(url.removeprefix("sqlite:///"))
    for run in range(kills):
        file = folder / f"queue-{run}.xlsx"
        file.write_bytes(queue_file(run))
        proc = _spawn("import", url, str(file))
        out = _kill_after(proc, rng.uniform(0.5, 4.0))
        outcome.kills += 1
        conn = _check_file(path, outcome)
        found = conn.execute("SELECT count(*) FROM queue_application WHERE portal_number LIKE ?",
                             (f"K{run:03d}-%",)).fetchone()[0]
        conn.close()
        if "imported" in out:
            outcome.imports_done += 1
            if found != ROWS:
                outcome.partial_imports.append((run, found))
        elif found not in (0, ROWS):
            outcome.partial_imports.append((run, found))


def new_database(url: str) -> None:
    from tests.conftest import make_services

    svc, _director, _worker = make_services(url, capacity=50_000)
    svc.engine.dispose()


if __name__ == "__main__":
    mode, target, arg = sys.argv[1:4]
    if mode == "writes":
        _child_writes(target, int(arg))
    else:
        _child_import(target, arg)
