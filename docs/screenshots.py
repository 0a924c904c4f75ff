"""Screenshots of every main screen on a demo database, in Kazakh and in Russian.

    QT_QPA_PLATFORM=offscreen python docs/screenshots.py [--size 1366x768]

Writes docs/screenshots/<screen>_<lang>.png. Keep them current and look at them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QAMQOR_DATA_DIR", tempfile.mkdtemp(prefix="qamqor-shots-"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="1366x768")
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    a = ap.parse_args()
    width, height = (int(x) for x in a.size.split("x"))
    from PySide6.QtWidgets import QApplication

    from app import i18n
    from app.demo import DEMO_DIRECTOR, build_demo
    from app.services import Services
    from ui.context import Context
    from ui.i18n import Translator
    from ui.main_window import PAGES, MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    translator = Translator(app)
    db = Path(tempfile.mkdtemp(prefix="qamqor-shots-db-")) / "demo.sqlite3"
    svc = Services.open(f"sqlite:///{db}")
    build_demo(svc, residents=60, seed=1)
    ctx = Context(svc, svc.people.authenticate(*DEMO_DIRECTOR), translator, str(db))
    window = MainWindow(ctx)
    window.resize(width, height)
    window.show()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for lang in i18n.LANGUAGES:
        translator.set_language(lang)
        for i, (_module, cls, _title) in enumerate(PAGES):
            window.nav.setCurrentRow(i)
            app.processEvents()
            while not getattr(window.current_page(), "up_to_date", True):  # a live page loads once painted
                app.processEvents()
            name = cls.removesuffix("Page").lower()
            window.grab().save(str(out / f"{name}_{lang}.png"))
            print(out / f"{name}_{lang}.png")
        # two more charts of the Statistics screen (issue 13 point 4): discharges by reason, work done in time
        page = window.show_page("StatisticsPage")
        for chart in ("discharges", "on_time"):
            page.set_chart(chart)
            app.processEvents()
            window.grab().save(str(out / f"statistics_{chart}_{lang}.png"))
            print(out / f"statistics_{chart}_{lang}.png")
        page.set_chart("occupancy")


if __name__ == "__main__":
    main()
