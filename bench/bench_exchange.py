"""Portal exchange end to end (issue 5): import 10,000 queue applications from an XLSX file with
full validation into the database, and export 10,000 journal rows.

    python bench/bench_exchange.py [--rows 10000] [--repeat 3]

Targets: import under 3 s, export under 2 s. Prints medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.enums import OrgType, Role, Sex  # noqa: E402
from app.domain.identity import make_iin  # noqa: E402
from app.portal.formats import read_records, write_records  # noqa: E402
from app.portal.records import Format, Kind, QueueApplicationRecord  # noqa: E402
from app.services import Actor, OrganisationInput, Services  # noqa: E402
from app.services.exchange import ExchangeService  # noqa: E402
from bench.generate import generate  # noqa: E402

ACTOR = Actor("bench", Role.DIRECTOR, "Bench")


def queue_file(rows: int) -> bytes:
    recs = []
    for i in range(rows):
        born = dt.date(1935, 1, 1) + dt.timedelta(days=i % 20000)
        recs.append(QueueApplicationRecord("Кезекова", f"Айгүл{i}", born,
                                           dt.datetime(2026, 1, 1, 9) + dt.timedelta(minutes=i),
                                           portal_number=f"SOC-{i:06d}", iin=make_iin(born, Sex.FEMALE, i // 20000 + 1)))
    return write_records(Kind.QUEUE, recs, Format.XLSX, "ru")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="qamqor-bench-ex-"))
    data = queue_file(a.rows)
    imports, exports = [], []
    for n in range(a.repeat):
        svc = Services.open(f"sqlite:///{tmp / f'import{n}.sqlite3'}")
        svc.organisation.register(ACTOR, OrganisationInput("Бенч", "Бенч", OrgType.STATIONARY, 100))
        t = time.perf_counter()
        result = read_records(data, Kind.QUEUE, "queue.xlsx")
        summary = ExchangeService(svc.sessions).import_queue(ACTOR, result)
        imports.append(time.perf_counter() - t)
        assert summary.created == a.rows, summary.created
        svc.engine.dispose()
    url = f"sqlite:///{tmp / 'export.sqlite3'}"
    generate(url, a.rows, a.rows)  # a journal of ``rows`` events (one admission each)
    svc = Services.open(url)
    ex = ExchangeService(svc.sessions)
    for n in range(a.repeat):
        t = time.perf_counter()
        exported = ex.export_journal(ACTOR, tmp / f"journal{n}.xlsx", "kk", since=dt.date(2000, 1, 1))
        exports.append(time.perf_counter() - t)
    print("| benchmark | rows | median | target |")
    print("|---|---|---|---|")
    print(f"| import queue applications from XLSX, validated, into the database | {a.rows:,} | "
          f"{statistics.median(imports):.2f} s | < 3 s |")
    print(f"| export the journal to XLSX (marking it exported) | {exported.rows:,} | "
          f"{statistics.median(exports):.2f} s | < 2 s |")


if __name__ == "__main__":
    main()
