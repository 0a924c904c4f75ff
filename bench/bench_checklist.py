"""The inspector's checklist (issue 13 point 2) for many residents: items 1–4 judged from the data.

    python bench/bench_checklist.py [--sizes 1000,10000] [--repeat 7]

Target on the 2-core machine: the checklist for 10,000 residents under 1 s. The generated data
(bench/generate.py: 5 movement events per resident, plans for 90 %, quarterly monitoring) records no
proving documents for its departures and discharges, so item 4 names thousands of movements — the
evaluation's worst case; a reconciliation with 200 differences is recorded for item 3.
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

from bench.generate import generate  # noqa: E402


def median_time(fn, repeat: int) -> tuple[float, float, list[float]]:
    """Median wall time, median CPU time of this process (what a quiet machine's wall time comes to: the work is
    single-threaded and the database file is in the page cache), and the wall times of the runs."""
    times, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(times), statistics.median(cpu), times


def cpu_reference() -> float:
    """Seconds for a fixed pure-Python loop: the VM's speed at the moment (0.16 s when quiet), to read the
    other numbers by (as bench/bench_gui.py does)."""
    t = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--repeat", type=int, default=7)
    a = ap.parse_args()
    from app.db.models import PortalReconciliation
    from app.services import Services

    tmp = Path(tempfile.mkdtemp(prefix="qamqor-bench-checklist-"))
    today = dt.date.today()
    reference = cpu_reference()
    print("| benchmark | size | median (wall) | median (CPU) | runs (wall) |")
    print("|---|---|---|---|---|")
    for n in (int(x) for x in a.sizes.split(",")):
        url = f"sqlite:///{tmp / f'c{n}.sqlite3'}"
        info = generate(url, n, n * 5)
        svc = Services.open(url)
        with svc.sessions.begin() as s:
            s.add(PortalReconciliation(run_at=dt.datetime.now(), run_on=today, run_by="bench", source="bench",
                                       in_both=n - 200, differences=[
                                           {"iin": f"{i:012d}", "name": f"Person {i}", "kind": "only_portal",
                                            "fields": []} for i in range(200)]))
        result = svc.checklist.evaluate(today)
        found = sum(len(i.residents) for i in result.items)
        med, cpu, runs = median_time(lambda s=svc: s.checklist.evaluate(today), a.repeat)
        label = f"{n:,} residents, {info['movements']:,} events ({found:,} findings)"
        print(f"| checklist on a date (items 1–4 from the data, 5–20 answers) | {label} | {med * 1000:.0f} ms | {cpu * 1000:.0f} ms | "
              f"{', '.join(f'{t * 1000:.0f}' for t in runs)} |")
        svc.engine.dispose()
    print(f"| (CPU reference: 5,000,000 additions in a Python loop, before / after) | | "
          f"{reference:.2f} / {cpu_reference():.2f} s | | |")


if __name__ == "__main__":
    main()
