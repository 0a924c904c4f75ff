"""A day of work on the real main window (issue 15): the loop of tests/ui/test_long_day.py run to 10,000
actions on the demo database, with the process's memory (RSS) and the reference counts of None, True
and False after every 1,000 actions.

    python bench/bench_longday.py [--actions 10000] [--residents 60]

RSS must not grow without bound: what the first rounds allocate (screens built, caches filled) stays,
what each round allocates must be given back. Linux only (RSS from /proc/self/statm).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")  # the offscreen platform's notes on every window


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--residents", type=int, default=60)
    args = parser.parse_args()

    import PySide6

    from app.demo import DEMO_SOCIAL, build_demo
    from app.services import Services
    from bench.bench_gui import cpu_reference
    from tests.ui.longday import Day, singleton_counts
    from ui.app import start
    from ui.context import Context

    reference = cpu_reference()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("QAMQOR_DATA_DIR", tmp)  # settings and caches of its own
        url = f"sqlite:///{tmp}/longday.sqlite3"
        build_demo(Services.open(url), residents=args.residents, seed=5)
        _app, translator, services = start(url)
        ctx = Context(services, services.people.authenticate(*DEMO_SOCIAL), translator, url)
        day = Day.start(ctx)
        day.round(0)
        print(f"PySide6 {PySide6.__version__}, Python {sys.version.split()[0]}, {args.residents} residents; "
              f"CPU reference (5,000,000 additions in a Python loop): {reference:.2f} s")
        print("| actions | RSS | None / True / False references | seconds |")
        print("|---|---|---|---|")
        print(f"| {day.actions:,} (one round: every screen built) | {rss_mb():.1f} MB | {singleton_counts()} | |")
        began, mark, n = time.perf_counter(), 1000, 1
        while day.actions < args.actions:
            day.round(n)
            n += 1
            if day.actions >= mark:
                print(f"| {day.actions:,} | {rss_mb():.1f} MB | {singleton_counts()} | "
                      f"{time.perf_counter() - began:.0f} |", flush=True)
                mark += 1000
        day.window.close()


if __name__ == "__main__":
    main()
