"""GUI benchmarks (issue 3): the main window shown with 1,000 residents, measured from process
start; the residents table with 10,000 residents opened; one filter keystroke.

    python bench/bench_gui.py [--repeat 5]

Targets on the 2-core machine: window < 1.5 s from process start, table open < 0.3 s,
a keystroke's filter < 50 ms. Prints medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import os, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from app.cli import main  # noqa: F401 - the way `qamqor` starts: the command line first
from ui.app import start, show_main_window
from app.services.base import Actor
from app.domain.enums import Role
from PySide6.QtCore import QEvent, QObject
marks = {{}}


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            marks.setdefault("painted", time.time())
        return False


app, translator, services = start({url!r})
app.installEventFilter(watch := FirstPaint())
window = show_main_window(services, Actor("bench", Role.DIRECTOR, "Bench"), translator)  # as after signing in
page = window.current_page()
give_up = time.time() + 30
while not page.up_to_date:  # the first paint, then the data
    assert time.time() < give_up, "the dashboard has no data"
    app.processEvents()
filled = time.time()
assert any(model.rowCount() for _box, model, _view in page.groups.values()), "the dashboard has no deadlines"
print("shown", marks["painted"], filled, flush=True)  # tearing down after is not counted
"""


SIGN_IN = r"""
import os, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from app.cli import main
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
import ui.dialogs.login as login


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("shown", time.time(), time.time(), flush=True)
            os._exit(0)
        return False


def shown_then_leave(dialog):  # the dialog as `qamqor` shows it; the clock stops at its first paint
    QApplication.instance().installEventFilter(watch := FirstPaint())
    dialog.show()
    while True:
        QApplication.processEvents()


login.LoginDialog.exec = shown_then_leave
main(["--db", {url!r}])
"""


def sign_in_from_process_start(url: str, repeat: int, data_dir: Path) -> float:
    """Median seconds from process start to the first paint of the sign-in dialog (what `qamqor` shows first)."""
    code = SIGN_IN.format(root=str(ROOT), url=url)
    times = []
    for _ in range(repeat + 1):
        t = time.time()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "QAMQOR_DATA_DIR": str(data_dir)})
        shown = [line.split()[1] for line in out.stdout.splitlines() if line.startswith("shown ")]
        if not shown:
            raise SystemExit(out.stderr)
        times.append(float(shown[0]) - t)
    return statistics.median(times[1:])  # the first builds the cache


def window_from_process_start(url: str, repeat: int, data_dir: Path) -> tuple[float, ...]:
    """Medians of the window's first paint and of the dashboard filled in: for the very first start
    (nothing cached yet), then for a start as on any later day."""
    code = CHILD.format(root=str(ROOT), url=url)

    def once(folder: Path) -> tuple[float, float]:
        t = time.time()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "QAMQOR_DATA_DIR": str(folder)})
        shown = [line.split()[1:] for line in out.stdout.splitlines() if line.startswith("shown ")]
        if not shown:
            raise SystemExit(out.stderr)
        return float(shown[0][0]) - t, float(shown[0][1]) - t

    first = [once(data_dir / f"fresh{i}") for i in range(repeat)]
    later = [once(data_dir / "used") for _ in range(repeat + 1)][1:]
    return tuple(statistics.median(t[k] for t in runs) for runs in (first, later) for k in (0, 1))


def table_and_keystroke(url: str, repeat: int) -> tuple[float, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    import ui  # noqa: F401 - the PySide6 signal workaround
    from app.domain.enums import Role
    from app.services import Services
    from app.services.base import Actor
    from ui.context import Context
    from ui.i18n import Translator
    from ui.views.residents import ResidentsPage

    app = QApplication.instance() or QApplication(sys.argv)
    svc = Services.open(url)
    ctx = Context(svc, Actor("bench", Role.DIRECTOR, "Bench"), Translator(app), url)
    opens, keys = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        page = ResidentsPage(ctx)
        page.resize(1366, 700)
        page.show()
        page.refresh()
        app.processEvents()
        opens.append(time.perf_counter() - t)
        for text in ("а", "ах", "ахм"):  # each keystroke: the filter it runs when typing pauses
            page.search.setText(text)
            t = time.perf_counter()
            page.apply_filter()
            app.processEvents()
            keys.append(time.perf_counter() - t)
        page.close()
        page.deleteLater()
        app.processEvents()
    return statistics.median(opens), statistics.median(keys)


def journal_refresh(url: str, repeat: int) -> tuple[int, float, float]:
    """The journal screen reloaded over every entry (a wide period), with the columns that stay in sight when
    it is scrolled across (``ui.widgets.tables.FrozenColumns``) and, alternately, a page built without them:
    (rows, median with, median without)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from unittest import mock

    from PySide6.QtWidgets import QApplication

    import ui  # noqa: F401 - the PySide6 signal workaround
    from app.domain.enums import Role
    from app.services import Services
    from app.services.base import Actor
    from ui.context import Context
    from ui.i18n import Translator
    from ui.views import journal

    app = QApplication.instance() or QApplication(sys.argv)
    svc = Services.open(url)
    ctx = Context(svc, Actor("bench", Role.DIRECTOR, "Bench"), Translator(app), url)
    with_frozen = journal.JournalPage(ctx)
    with mock.patch.object(journal, "FrozenColumns", lambda view, count: None):
        without = journal.JournalPage(ctx)
    times: dict[bool, list[float]] = {True: [], False: []}
    for page in (with_frozen, without):
        page.resize(1366, 700)
        page.show()
        page.set_period(dt.date(2000, 1, 1), dt.date(2099, 12, 31))
        app.processEvents()
    for _ in range(repeat):
        for frozen, page in ((True, with_frozen), (False, without)):
            t = time.perf_counter()
            page.refresh()
            app.processEvents()
            times[frozen].append(time.perf_counter() - t)
    rows = with_frozen.model.rowCount()
    for page in (with_frozen, without):
        page.close()
        page.deleteLater()
    app.processEvents()
    return rows, statistics.median(times[True]), statistics.median(times[False])


def cpu_reference() -> float:
    """Seconds for a fixed pure-Python loop: the VM's speed at the moment, to read the other numbers by."""
    t = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    from bench.generate import generate

    tmp = Path(tempfile.mkdtemp(prefix="qamqor-bench-gui-"))
    small, big = f"sqlite:///{tmp / 'b1000.sqlite3'}", f"sqlite:///{tmp / 'b10000.sqlite3'}"
    generate(small, 1000, 5000)
    generate(big, 10000, 50000)
    reference = cpu_reference()
    print("| benchmark | size | median | target |")
    print("|---|---|---|---|")
    first_shown, first_filled, shown, filled = window_from_process_start(small, a.repeat, tmp)
    print(f"| sign-in dialog shown, from process start (the first window of `qamqor --db …`) | 1,000 residents | "
          f"{sign_in_from_process_start(small, a.repeat, tmp / 'sign-in'):.2f} s | |")
    print(f"| main window shown, from process start | 1,000 residents | {shown:.2f} s | < 1.5 s |")
    print(f"| … and the dashboard filled in (occupancy, queue, every deadline) | 1,000 residents | {filled:.2f} s | |")
    print(f"| the very first start (catalogs and holidays not cached yet): shown / filled | 1,000 residents | "
          f"{first_shown:.2f} / {first_filled:.2f} s | |")
    opened, key = table_and_keystroke(big, a.repeat)
    print(f"| residents table opened | 10,000 residents | {opened * 1000:.0f} ms | < 300 ms |")
    print(f"| one filter keystroke | 10,000 residents | {key * 1000:.0f} ms | < 50 ms |")
    rows, frozen, plain = journal_refresh(big, a.repeat)
    print(f"| journal screen reloaded, every entry (with the columns kept in sight / without) | {rows:,} rows | "
          f"{frozen * 1000:.0f} / {plain * 1000:.0f} ms | |")
    print(f"| (CPU reference: 5,000,000 additions in a Python loop, before / after) | | "
          f"{reference:.2f} / {cpu_reference():.2f} s | |")


if __name__ == "__main__":
    main()
