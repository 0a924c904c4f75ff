"""Statistics benchmarks (issue 13 point 4): each chart's data and its rendering for 10,000 residents, on screen
(Qt Charts, the chart view grabbed to an image) and for print (ReportLab's graphics drawn to a PDF), the daily
headcount, the whole printed statistics, and every deadline of issue 13 point 1 on a date.

    python bench/bench_statistics.py [--residents 10000] [--repeat 5]

Target on the 2-core machine: each chart (data + rendering) under 0.5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate import generate  # noqa: E402


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def cpu_reference() -> float:
    """Seconds for a fixed pure-Python loop: the VM's speed at the moment, to read the other numbers by."""
    t = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.perf_counter() - t


def add_leavers(url: str, share: float = 0.15, seed: int = 11) -> int:
    """``bench/generate.py`` keeps everyone; here a share of them leave within the last year — discharged for
    each reason or transferred — so the discharge chart has its months and reasons (the events obey the
    roster: each leaving is the person's last event, after their others)."""
    import random

    from sqlalchemy import func, insert, select, update

    from app.db.engine import make_engine
    from app.db.models import Movement, Resident
    from app.domain.enums import DischargeReason, MovementKind, ResidentStatus

    rng = random.Random(seed)
    today = dt.date.today()
    engine = make_engine(url)
    with engine.begin() as conn:
        last = conn.execute(select(Movement.resident_id, func.max(Movement.seq), func.max(Movement.event_date),
                                   func.max(Movement.id)).group_by(Movement.resident_id)).all()
        next_id = max(row[3] for row in last) + 1
        rows, gone = [], {}
        for rid, seq, day, _mid in last:
            if rng.random() >= share:
                continue
            when = max(day + dt.timedelta(days=1), today - dt.timedelta(days=rng.randint(1, 360)))
            if when >= today:
                continue
            transfer = rng.random() < 0.2
            rows.append(dict(id=next_id, resident_id=rid, seq=seq + 1, event_date=when, order_number=f"{next_id}-ж",
                             order_date=when, returned=False, created_at=dt.datetime.combine(when, dt.time(9)),
                             created_by="bench", kind=MovementKind.TRANSFER if transfer else MovementKind.DISCHARGE,
                             discharge_reason=None if transfer else rng.choice(list(DischargeReason)),
                             destination="Астана қ." if transfer else None))
            gone[rid] = ResidentStatus.TRANSFERRED if transfer else ResidentStatus.DISCHARGED
            next_id += 1
        conn.execute(insert(Movement), rows)
        for status in set(gone.values()):
            conn.execute(update(Resident).where(Resident.id.in_([r for r, st in gone.items() if st == status]))
                         .values(status=status))
    engine.dispose()
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--residents", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    from PySide6.QtCharts import QChartView
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication

    from app.services import Services
    from app.services.statistics import CHARTS
    from reports.common import build_pdf, lang_of, usable_width
    from reports.statistics import _chart_story, render
    from ui.views.statistics import qt_chart

    app = QApplication.instance() or QApplication([])
    reference = cpu_reference()
    tmp = Path(tempfile.mkdtemp(prefix="qamqor-bench-stats-"))
    url = f"sqlite:///{tmp / 'stats.sqlite3'}"
    info = generate(url, a.residents, a.residents * 5)
    leavers = add_leavers(url)
    svc = Services.open(url)
    today = dt.date.today()
    start = dt.date(today.year - 3, today.month, 1)  # the generated admissions fall 2-3 years back
    end = today
    label = (f"{a.residents:,} residents, {info['movements'] + leavers:,} events ({leavers:,} discharges and "
             f"transfers in the last year), 37 months")
    view = QChartView()
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.resize(1100, 420)
    L = lang_of("ru")
    width = usable_width()

    print(f"Data: {label}; CPU reference {reference:.2f} s")
    print("| chart | data | on screen (Qt Charts, grabbed) | data + screen | print (ReportLab graphics and its table to PDF) |"
          " data + print | target |")
    print("|---|---|---|---|---|---|---|")
    for key in CHARTS:
        data_t = median_time(lambda key=key: svc.statistics.chart(key, start, end), a.repeat)
        chart = svc.statistics.chart(key, start, end)

        def screen(chart=chart):
            old = view.chart()
            view.setChart(qt_chart(chart))
            old.deleteLater()
            view.grab()
            app.processEvents()

        screen_t = median_time(screen, a.repeat)
        print_t = median_time(lambda chart=chart, key=key: build_pdf(_chart_story(chart, L, width), L, key), a.repeat)
        worst = max(data_t + screen_t, data_t + print_t)
        print(f"| {key} | {data_t * 1000:.0f} ms | {screen_t * 1000:.0f} ms | {(data_t + screen_t) * 1000:.0f} ms | "
              f"{print_t * 1000:.0f} ms | {(data_t + print_t) * 1000:.0f} ms | "
              f"{'met' if worst < 0.5 else 'MISSED'} (< 0.5 s) |")
        sys.stdout.flush()
    every = median_time(lambda: svc.statistics.charts(start, end), a.repeat)
    print(f"| all seven charts in one read | {every * 1000:.0f} ms | | | | | |")
    head = median_time(lambda: svc.statistics.headcount(today), a.repeat)
    print(f"| daily headcount on a date | {head * 1000:.0f} ms | | | | | |")
    report = svc.statistics.report(start, end, today)
    pdf = median_time(lambda: render(report, "kk"), max(3, a.repeat // 2))
    print(f"| the printed statistics (7 charts, tables, headcount) to PDF | | | | {pdf * 1000:.0f} ms | | |")
    dl = median_time(lambda: svc.queries.deadlines(today), a.repeat)
    n = len(svc.queries.deadlines(today))
    print(f"| every deadline on a date (all kinds of issue 13 point 1; {n:,} rows) | {dl * 1000:.0f} ms | | | | | |")
    print(f"(CPU reference before / after: {reference:.2f} / {cpu_reference():.2f} s)")
    svc.engine.dispose()


if __name__ == "__main__":
    main()
