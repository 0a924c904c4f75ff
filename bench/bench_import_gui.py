"""The import wizard at the row limit, as a user runs it (issue 11 point 6: "nothing an import does takes more
than 10 s or 500 MB on 100,000 valid rows"): the program's main window open, File → Import from the portal, the
file chosen, Next (recognised, read and checked: the preview of every row), Import (written); each wait timed
until its page is shown, and the peak memory of the whole program (VmHWM: Qt, the window and both steps).

    python bench/bench_import_gui.py [--rows 100000] [--repeat 3] [--kinds queue,journal] [--formats xlsx,json]

Each run is a new program (``ui.app.start`` and ``show_main_window``, offscreen) over a new SQLite database of
an organisation with places for every row, signed in as its social worker. The files are written as
``bench_import_db.py`` writes them. Prints medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_import import cpu_reference  # noqa: E402 - after the path
from bench.bench_import_db import write_file  # noqa: E402

CHILD = r"""
import json, os, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from app.cli import main  # noqa: F401 - the way `qamqor` starts: the command line first
from tests.conftest import make_services
from bench.bench_import import cpu_reference, peak_mb

svc, _director, worker = make_services({url!r}, capacity={rows} * 2)
svc.engine.dispose()
from PySide6.QtWidgets import QApplication
from ui.app import start, show_main_window
from ui.dialogs.portal_import import PortalImportWizard

app, translator, services = start({url!r}, lang={lang!r})
window = show_main_window(services, worker, translator)
for _ in range(50):
    app.processEvents()
reference = cpu_reference()
before = peak_mb()
wizard = PortalImportWizard(window.ctx, window)
wizard.show()
wizard.choose.file.path.setText({path!r})


shown = {{}}
wizard.currentIdChanged.connect(lambda page: shown.setdefault(page, (time.perf_counter(), peak_mb())))


def wait_for(page, limit=120):
    # Next pressed: the seconds until the page is shown and the program's peak memory then; the seconds until
    # the main window has reloaded what changed behind the wizard (the events waiting run out)
    started = time.perf_counter()
    wizard.next()
    while page not in shown:
        app.processEvents()
        if time.perf_counter() - started > limit:
            raise SystemExit("page " + str(page) + " not reached: " + wizard.currentPage().title())
    for _ in range(20):  # the page's first paint and the window's reload after the change
        app.processEvents()
    return shown[page][0] - started, shown[page][1], time.perf_counter() - started


preview, preview_mb, _settled = wait_for(wizard.PREVIEW)
if not wizard.preview.isComplete():
    raise SystemExit("the preview refused the file: " + wizard.preview.problems.message.text())
rows = wizard.preview.changes.rowCount()
done, done_mb, settled = wait_for(wizard.DONE)
print(json.dumps({{"next": preview, "import": done, "settled": settled, "rows": rows,
                   "created": wizard.committed.created, "window_mb": before, "preview_mb": preview_mb,
                   "done_mb": done_mb, "peak_mb": peak_mb(), "reference": reference}}), flush=True)
os._exit(0)  # the window's teardown is not counted
"""


def run(path: Path, url: str, rows: int, lang: str, data_dir: Path) -> dict:
    code = CHILD.format(root=str(ROOT), url=url, rows=rows, path=str(path), lang=lang)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "QAMQOR_DATA_DIR": str(data_dir)})
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        raise SystemExit(out.stderr[-3000:] or out.stdout[-3000:])
    return json.loads(lines[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--kinds", default="queue,journal")
    ap.add_argument("--formats", default="xlsx,json")
    ap.add_argument("--lang", default="kk")
    a = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="qamqor-bench-importgui-"))
    print(f"CPU reference (5,000,000 additions): {cpu_reference():.2f} s; load average {os.getloadavg()}")
    print(f"\n| the import wizard, {a.rows:,} rows | Next: read, checked, previewed | Import: written, the last "
          "page shown | then the window's reload | runs: Next + Import (CPU reference) | the program's peak memory: "
          "the window alone / at the preview / at the last page | after the window's reload | created |")
    print("|---|---|---|---|---|---|---|---|")
    for fmt in a.formats.split(","):
        for kind in a.kinds.split(","):
            path = write_file(kind, a.rows, fmt, folder)
            runs = []
            for n in range(a.repeat):
                result = run(path, f"sqlite:///{folder / f'{kind}-{fmt}-{n}.sqlite3'}", a.rows, a.lang,
                             folder / f"data-{kind}-{fmt}-{n}")
                assert result["rows"] == result["created"] == a.rows, result
                runs.append(result)
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0] if k not in ("rows", "created")}
            listed = ", ".join(f"{r['next']:.2f} + {r['import']:.2f} ({r['reference']:.2f})" for r in runs)
            print(f"| {kind} ({fmt}) | {med['next']:.2f} s | {med['import']:.2f} s | "
                  f"{med['settled'] - med['import']:.2f} s | {listed} | {med['window_mb']:.0f} / "
                  f"{med['preview_mb']:.0f} / {med['done_mb']:.0f} MB | {med['peak_mb']:.0f} MB | "
                  f"{runs[0]['created']:,} |", flush=True)
    print(f"CPU reference after: {cpu_reference():.2f} s; load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
