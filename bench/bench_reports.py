"""Benchmark of the form renderers (not run by CI as a test).

    python bench/bench_reports.py [--runs N]

Times, as medians over a few runs in one warm process (wall clock, and the process's CPU
time beside it, which stays honest when other work shares the machine):
- one individual plan (Annex 4, two activities per kind of service, two pages): target < 50 ms;
- 500 plans for 500 different recipients in a batch, as one PDF (reports.plan.render_batch)
  and, for comparison, as 500 separate PDFs: target < 15 s;
- the electronic journal (Annex 2) of 10,000 rows: target < 10 s.
Exits with status 1 when a wall-clock median misses its target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reports import journal, plan, samples  # noqa: E402


def _medians(fn, runs: int) -> tuple[float, float]:
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def _fmt(seconds: float, small: bool) -> str:
    return f"{seconds * 1000:7.1f} ms" if small else f"{seconds:7.2f} s "


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs of each batch case (the single plan runs 20x that)")
    args = parser.parse_args()

    one = samples.plan()
    plans = [samples.plan(replace(samples.RESIDENT, full_name=f"{samples.RESIDENT.full_name} {i}",
                                  admission_date=date(2026, 1, 1) + timedelta(days=i % 300))) for i in range(500)]
    rows = samples.journal(10_000)
    plan.render(one, "kk")  # warm up: fonts, catalogs

    cases = [
        ("one plan (Annex 4)", lambda: plan.render(one, "kk"), args.runs * 20, 0.050),
        ("500 plans, one batch PDF", lambda: plan.render_batch(plans, "ru"), args.runs, 15.0),
        ("500 plans, 500 separate PDFs", lambda: [plan.render(p, "ru") for p in plans], args.runs, 15.0),
        ("journal of 10,000 rows (Annex 2)", lambda: journal.render(rows, "kk"), args.runs, 10.0),
    ]
    failed = False
    for name, fn, runs, target in cases:
        wall, cpu = _medians(fn, runs)
        ok = wall < target
        failed |= not ok
        small = target < 1
        limit = f"{target * 1000:.0f} ms" if small else f"{target:.0f} s"
        print(f"{name:34} median {_fmt(wall, small)} (cpu {_fmt(cpu, small)})  target < {limit}, {runs} runs  "
              f"{'ok' if ok else 'SLOW'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
