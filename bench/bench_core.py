"""Core benchmarks (issue 2): demo build, queue order, deadlines for all residents, journal for a year.

    python bench/bench_core.py [--sizes 100,1000,10000] [--repeat 5]

Prints medians; targets on the 2-core machine: deadlines for 10,000 residents < 1 s, the
journal of a year for 10,000 residents < 0.5 s.
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


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--events", type=int, default=0, help="movement events for the largest size (default 5 each)")
    a = ap.parse_args()
    from app.demo import build_demo
    from app.services import Services

    tmp = Path(tempfile.mkdtemp(prefix="qamqor-bench-"))
    today = dt.date.today()
    print("| benchmark | size | median |")
    print("|---|---|---|")

    def demo():
        path = tmp / f"demo-{time.monotonic_ns()}.sqlite3"
        build_demo(Services.open(f"sqlite:///{path}"), residents=60, seed=1)

    print(f"| qamqor demo (60 residents, through the services) | 60 | {median_time(demo, 3):.2f} s |")
    sizes = [int(x) for x in a.sizes.split(",")]
    for n in sizes:
        url = f"sqlite:///{tmp / f'b{n}.sqlite3'}"
        events = a.events if (a.events and n == max(sizes)) else n * 5
        info = generate(url, n, events)
        svc = Services.open(url)
        label = f"{n} residents, {info['movements']:,} events, queue {info['queue']}"
        print(f"| queue in legal order | {label} | {median_time(svc.queue.rows, a.repeat) * 1000:.0f} ms |")
        print(f"| deadlines for all residents on a date | {label} | "
              f"{median_time(lambda svc=svc: svc.queries.deadlines(today), a.repeat) * 1000:.0f} ms |")
        print(f"| journal for a year | {label} | "
              f"{median_time(lambda svc=svc: svc.queries.journal(today - dt.timedelta(days=365), today), a.repeat) * 1000:.0f} ms |")
        print(f"| staffing norms against the staff list (78 positions, R-29) | {label} | "
              f"{median_time(svc.staffing.comparison, a.repeat) * 1000:.1f} ms |")
        print(f"| residents page (search 'ахм', 100 rows) | {label} | "
              f"{median_time(lambda svc=svc: svc.queries.residents(search='ахм', limit=100), a.repeat) * 1000:.0f} ms |")
        svc.engine.dispose()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
