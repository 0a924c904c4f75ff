"""GUI benchmarks (issue 3): the main window shown with 1,000 residents, measured from process
start; the residents table with 10,000 residents opened; one filter keystroke.

    python bench/bench_gui.py [--repeat 5]

Targets on the 2-core machine: window < 1.5 s from process start, table open < 0.3 s,
a keystroke's filter < 50 ms. Prints medians.
"""

from __future__ import annotations

import argparse
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
import os, sys
sys.path.insert(0, {root!r})
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from app.cli import main  # noqa: F401 - the way `qamqor` starts: the command line first
from ui.app import start, show_main_window
from app.services.base import Actor
from app.domain.enums import Role
app, translator, services = start({url!r})
window = show_main_window(services, Actor("bench", Role.DIRECTOR, "Bench"), translator)  # as after signing in
app.processEvents()
import time
print("shown", time.time(), flush=True)  # the moment it is on screen: tearing down after is not counted
"""


def window_from_process_start(url: str, repeat: int, data_dir: Path) -> tuple[float, float]:
    """Medians of (the very first start, with nothing cached yet; a start as on any later day)."""
    code = CHILD.format(root=str(ROOT), url=url)

    def once(folder: Path) -> float:
        t = time.time()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "QAMQOR_DATA_DIR": str(folder)})
        shown = [line.split()[1] for line in out.stdout.splitlines() if line.startswith("shown ")]
        if not shown:
            raise SystemExit(out.stderr)
        return float(shown[0]) - t

    first = [once(data_dir / f"fresh{i}") for i in range(repeat)]
    later = [once(data_dir / "used") for _ in range(repeat + 1)][1:]
    return statistics.median(first), statistics.median(later)


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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    from bench.generate import generate

    tmp = Path(tempfile.mkdtemp(prefix="qamqor-bench-gui-"))
    small, big = f"sqlite:///{tmp / 'b1000.sqlite3'}", f"sqlite:///{tmp / 'b10000.sqlite3'}"
    generate(small, 1000, 5000)
    generate(big, 10000, 50000)
    print("| benchmark | size | median | target |")
    print("|---|---|---|---|")
    first, later = window_from_process_start(small, a.repeat, tmp)
    print(f"| main window shown, from process start (the first start: catalogs and holidays not cached yet) | "
          f"1,000 residents | {first:.2f} s | — |")
    print(f"| main window shown, from process start | 1,000 residents | {later:.2f} s | < 1.5 s |")
    opened, key = table_and_keystroke(big, a.repeat)
    print(f"| residents table opened | 10,000 residents | {opened * 1000:.0f} ms | < 300 ms |")
    print(f"| one filter keystroke | 10,000 residents | {key * 1000:.0f} ms | < 50 ms |")


if __name__ == "__main__":
    main()
